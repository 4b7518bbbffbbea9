//! Serving a router until the process is told to stop, letting requests in flight finish: both
//! services are stopped by SIGTERM when a deployment replaces them, and a credential answered
//! 2xx must have been recorded, never cut off half-way.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;

/// Serving HTTPS from these PEM files instead of HTTP.
#[derive(Debug, Clone)]
pub struct Tls {
    pub certificate: PathBuf,
    pub key: PathBuf,
}

/// How long requests in flight may take to finish once HTTPS serving is told to stop.
const HTTPS_DRAIN: Duration = Duration::from_secs(30);

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Serves `app` on `listen` (HTTPS when `tls` is given) until [`shutdown_signal`], handing each
/// request its peer address (`ConnectInfo<SocketAddr>`). `listening` is told the URL it serves
/// (with the port the system chose when `listen` has port 0) once the socket is bound.
pub async fn serve(
    app: Router,
    listen: SocketAddr,
    tls: Option<&Tls>,
    listening: impl FnOnce(&str),
) -> std::io::Result<()> {
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    match tls {
        None => {
            let listener = tokio::net::TcpListener::bind(listen).await?;
            let address = listener.local_addr()?;
            tracing::info!(%address, "listening (HTTP)");
            listening(&format!("http://{address}"));
            axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await
        }
        Some(tls) => {
            let rustls = axum_server::tls_rustls::RustlsConfig::from_pem_file(&tls.certificate, &tls.key).await?;
            let handle = axum_server::Handle::new();
            let stopper = handle.clone();
            tokio::spawn(async move {
                shutdown_signal().await;
                stopper.graceful_shutdown(Some(HTTPS_DRAIN));
            });
            tracing::info!(address = %listen, "listening (HTTPS)");
            listening(&format!("https://{listen}"));
            axum_server::bind_rustls(listen, rustls).handle(handle).serve(service).await
        }
    }
}
