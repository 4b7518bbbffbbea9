//! This crate's own sentences (refused parameters and periods), wired up as every crate does it.

lang::catalogue!($);
