//! This crate's own sentences (what clap writes itself, in French), wired up as every crate does it.

lang::catalogue!($);
