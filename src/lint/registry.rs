//! The table of rules: ids, default severities, explanations, and the checks to run.
//! A rule's file (`rules/<id with / and - as _>.rs`) holds its `RULE` and `check`.

use super::Ctx;
use super::rules::*;
use crate::diagnostics::{Diagnostic, Severity};

/// A rule's shared definition. `explain` is what `gtmbook explain RULE` prints.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub default: Severity,
    pub summary: &'static str,
    pub explain: &'static str,
}

pub type Check = fn(&Ctx, &mut Vec<Diagnostic>);

/// Every rule, in SPEC order, then the tool's own.
pub static RULES: &[&Rule] = &[
    &frontmatter_syntax::RULE,
    &frontmatter_schema::RULE,
    &frontmatter_unknown_key::RULE,
    &id_duplicate::RULE,
    &ref_unknown::RULE,
    &link_broken::RULE,
    &file_unreadable::RULE,
    &config_unknown_key::RULE,
    &config_invalid::RULE,
];

/// Rules that run over the loaded model (the others fire while loading).
pub static CHECKS: &[Check] = &[ref_unknown::check, link_broken::check];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

pub fn default_severity(id: &str) -> Severity {
    find(id).map(|r| r.default).unwrap_or(Severity::Warning)
}
