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
}

/// Serves until Ctrl-C or SIGTERM, draining requests in flight; `listening` is told the URL
/// once the socket is bound.
pub async fn serve(
    service: Arc<VerifierService>,
    listen: SocketAddr,
    options: ServeOptions,
    listening: impl FnOnce(&str),
) -> std::io::Result<()> {
    let app = app_with(service, options.rate_limit);
    service_kit::serve(app, listen, options.tls.as_ref(), listening).await
}
