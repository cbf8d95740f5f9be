//! Integration tests: run the `gtmbook` binary on handbooks in temporary folders, as a
//! user would, and assert on its exit code, its JSON findings and the HTML it writes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod support;

mod a11y;
mod accuracy;
mod browser;
mod build;
mod cache;
mod cadence;
mod check;
mod diff;
mod fix;
mod formats;
mod hardening;
mod impact;
mod import_adopt;
mod import_frontmatter;
mod import_links;
mod import_paths;
mod import_syntax;
mod layouts;
mod lighthouse;
mod lint_cache;
mod lsp;
mod nav;
mod positions;
mod rules;
mod safety_html;
mod safety_input;
mod safety_output;
mod serve;
mod serve_safety;
