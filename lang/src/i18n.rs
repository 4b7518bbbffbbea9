//! This crate's own sentences (the few it says itself), wired up as every crate does it.

crate::catalogue!($);
