//! Integration tests: run the `gtmbook` binary on handbooks in temporary folders, as a
//! user would, and assert on its exit code, its JSON findings and the HTML it writes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod support;

mod accuracy;
mod browser;
mod build;
mod check;
mod hardening;
mod impact;
mod import_syntax;
mod rules;
mod safety_html;
mod safety_input;
mod safety_output;
mod serve;
mod serve_safety;
