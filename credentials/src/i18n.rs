//! This crate's own sentences (errors, report lines, detail of refusals), wired up as every crate does it.

lang::catalogue!($);
