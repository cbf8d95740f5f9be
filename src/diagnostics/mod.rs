//! One `Diagnostic` type for every finding, and its output formats (human, json; SARIF
//! and GitHub workflow commands share the same data).

mod diagnostic;
mod github;
mod human;
mod json;
mod sarif;

pub use crate::rules::Severity;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Summary, sort};
pub use github::render_github;
pub use human::render_human;
pub use json::{
    JsonDiagnostic, JsonEdit, JsonFix, render_json, render_json_with, to_json_diagnostics,
};
pub use sarif::render_sarif;

/// The output format of findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}
