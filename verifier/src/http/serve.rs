//! Serving the router on an address until the process is told to stop (HTTP or HTTPS, the
//! requests in flight finished), with how the service meets the network.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use service_kit::Tls;

use crate::domain::service::VerifierService;
use crate::http::router::app_with;

/// How the service meets the network: TLS and rate limit.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// PEM certificate chain and private key files; plain HTTP without.
    pub tls: Option<Tls>,
    /// Requests per second per client address (burst of the same size); unlimited without.
    pub rate_limit: Option<NonZeroU32>,
    /// How often expired requests and challenges, and outcomes past their retention, are
    /// deleted; never without.
    pub purge_every: Option<std::time::Duration>,
}

/// Serves until Ctrl-C or SIGTERM, draining requests in flight; `listening` is told the URL
/// once the socket is bound.
pub async fn serve(
    service: Arc<VerifierService>,
    listen: SocketAddr,
    options: ServeOptions,
    listening: impl FnOnce(&str),
) -> std::io::Result<()> {
    let purging = options.purge_every.map(|every| tokio::spawn(purge_loop(service.clone(), every)));
    let app = app_with(service, options.rate_limit);
    let served = service_kit::serve(app, listen, options.tls.as_ref(), listening).await;
    if let Some(purging) = purging {
        purging.abort();
    }
    served
}

/// Deletes what has passed its time, every `every` (each replica does; the deletes are
/// idempotent). A failure is logged and tried again next time.
async fn purge_loop(service: Arc<VerifierService>, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match service.purge().await {
            Ok((requests, challenges)) if requests + challenges > 0 => {
                tracing::info!(requests, challenges, "purged expired requests and challenges")
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "purging expired requests and challenges failed"),
        }
        match crate::domain::directory::recheck::purge(&service).await {
            Ok((deleted, checked)) if deleted > 0 || checked > 0 => {
                tracing::info!(deleted, checked, "talent directory: expired profiles deleted, statuses read again")
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "the talent directory's purge failed"),
        }
    }
}
