//! Cross-program scenarios: the real `issuer` and `verifier` binaries, run as a person would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod batch_crash;
mod browser;
mod browser_kit;
mod cli_lang;
mod console;
mod console_browser;
mod console_find;
mod console_find_browser;
mod console_forms;
mod console_kit;
mod console_oidc;
mod console_story;
mod console_upload;
mod console_upload_browser;
mod corpus;
mod did_web;
mod directory_status;
mod figures_browser;
mod figures_cli;
mod fuzz_smoke;
mod hsm;
mod issuer_admin;
mod logs;
mod oauth_client;
mod oid4vci;
mod oid4vp;
mod pipes;
mod profile;
mod profile_files;
mod readme;
mod replicas;
mod round_trip;
mod sd_jwt;
mod status;
mod tls;
mod verifier_ops;
mod verifier_service;
mod verifier_store;
mod wallet;
mod wallet_choosing;
mod wallet_profile;
mod wallet_receiving;
