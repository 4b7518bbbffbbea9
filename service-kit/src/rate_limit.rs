//! A per-address request limit in front of a service's routes: one client sending faster than
//! its allowance is answered 429 with the service's problem body, while everyone else is served.
//! An IPv6 client usually holds a whole /64, so it is limited as one; otherwise each of its
//! addresses would get an allowance of its own.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::Problem;

/// Addresses the limiter tracks before it forgets those whose allowance is full again.
const MAX_TRACKED_ADDRESSES: usize = 10_000;

/// Requests per second allowed per client address (a burst of the same size), and the problem
/// answered beyond it.
#[derive(Debug)]
pub struct RateLimit {
    limiter: governor::DefaultKeyedRateLimiter<IpAddr>,
    /// How many requests the limiter has seen (it is pruned now and then).
    seen: AtomicUsize,
    refusal: Problem,
}

impl RateLimit {
    /// `per_second` requests per second per address; `refusal` (status 429) is the body beyond.
    pub fn per_second(per_second: NonZeroU32, refusal: Problem) -> RateLimit {
        RateLimit {
            limiter: governor::RateLimiter::keyed(governor::Quota::per_second(per_second)),
            seen: AtomicUsize::new(0),
            refusal,
        }
    }

    /// `router` with this limit in front of every route. A request whose peer address is not
    /// known (no `ConnectInfo`, as in tests that call the router directly) is not limited.
    pub fn around<S: Clone + Send + Sync + 'static>(self, router: Router<S>) -> Router<S> {
        router.layer(axum::middleware::from_fn_with_state(Arc::new(self), limit_rate))
    }

    /// Whether a request from `ip` is within its allowance (and counts it).
    fn allows(&self, ip: IpAddr) -> bool {
        // Without this the limiter kept every address it ever saw (found by review). Pruning
        // walks every address, so it is tried once per thousand requests at most.
        let count = self.seen.fetch_add(1, Ordering::Relaxed);
        if count.is_multiple_of(1024) && self.limiter.len() > MAX_TRACKED_ADDRESSES {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&client_key(ip)).is_ok()
    }
}

async fn limit_rate(State(limit): State<Arc<RateLimit>>, request: Request, next: Next) -> Response {
    let client = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    match client {
        Some(ip) if !limit.allows(ip) => {
            let mut response = limit.refusal.clone().into_response();
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
            response
        }
        _ => next.run(request).await,
    }
}

/// The key an address is limited under: an IPv6 address by its /64, an IPv4 address mapped into
/// IPv6 by its IPv4 address.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(Ipv6Addr::from(segments))
            }
        },
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::routing::get;
    use http_body_util::BodyExt;
    use lang::LocalizedText;
    use tower::ServiceExt;

    #[test]
    fn an_ipv6_client_is_limited_by_its_64_and_a_mapped_ipv4_by_its_ipv4_address() {
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        assert_eq!(client_key(ip("2001:db8:1:2:aaaa::1")), client_key(ip("2001:db8:1:2:ffff::9")));
        assert_ne!(client_key(ip("2001:db8:1:2::1")), client_key(ip("2001:db8:1:3::1")));
        assert_eq!(client_key(ip("::ffff:192.0.2.7")), ip("192.0.2.7"));
        assert_eq!(client_key(ip("192.0.2.7")), ip("192.0.2.7"));
    }

    #[tokio::test]
    async fn beyond_the_allowance_the_problem_is_answered_with_when_to_retry() {
        let refusal = Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", LocalizedText::new("slow", "lent"));
        let limit = RateLimit::per_second(NonZeroU32::MIN, refusal.clone());
        let router: Router = limit.around(Router::new().route("/", get(|| async { "ok" })));
        let from = |address: [u8; 4]| {
            let mut request = Request::get("/").body(Body::empty()).unwrap();
            request.extensions_mut().insert(ConnectInfo(SocketAddr::from((address, 5))));
            request
        };
        let first = router.clone().oneshot(from([192, 0, 2, 1])).await.unwrap();
        assert_eq!(first.status(), StatusCode::OK);
        let other = router.clone().oneshot(from([192, 0, 2, 2])).await.unwrap();
        assert_eq!(other.status(), StatusCode::OK, "another address has its own allowance");
        let refused = router.clone().oneshot(from([192, 0, 2, 1])).await.unwrap();
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(refused.headers()[header::RETRY_AFTER], "1");
        let bytes = refused.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(serde_json::from_slice::<Problem>(&bytes).unwrap(), refusal);
        let unknown = Request::get("/").body(Body::empty()).unwrap();
        assert_eq!(router.oneshot(unknown).await.unwrap().status(), StatusCode::OK, "no peer address: not limited");
    }
}
