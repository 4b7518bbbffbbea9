//! This crate's own sentences (key files, master key and sealed secrets), wired up as every crate does it.

lang::catalogue!($);
