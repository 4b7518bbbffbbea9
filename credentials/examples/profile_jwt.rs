#![allow(clippy::unwrap_used)]
//! Loops vc+jwt verification for profiling (not a benchmark).
fn main() {
    let jwt = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let resolver = credentials::did::StaticResolver::new();
    for _ in 0..5000 {
        std::hint::black_box(
            credentials::jose::verify(
                jwt.trim(),
                credentials::jose::VC_JWT_TYPE,
                &resolver,
                credentials::did::Purpose::AssertionMethod,
            )
            .unwrap(),
        );
    }
}
