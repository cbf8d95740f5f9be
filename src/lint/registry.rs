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
    &frontmatter_html::RULE,
    &frontmatter_placement::RULE,
    &id_duplicate::RULE,
    &ref_unknown::RULE,
    &ref_retired::RULE,
    &ref_cycle::RULE,
    &link_broken::RULE,
    &link_unsafe::RULE,
    &syntax_foreign::RULE,
    &message_drift::RULE,
    &message_copy::RULE,
    &message_unused::RULE,
    &message_unproven::RULE,
    &message_no_response::RULE,
    &claim_mismatch::RULE,
    &claim_expired::RULE,
    &claim_unsourced::RULE,
    &claim_unbacked::RULE,
    &term_avoid::RULE,
    &term_case::RULE,
    &term_banned::RULE,
    &positioning_conflict::RULE,
    &meta_owner::RULE,
    &freshness_stale::RULE,
    &file_unreadable::RULE,
    &file_outside::RULE,
    &file_control_char::RULE,
    &config_unknown_key::RULE,
    &config_invalid::RULE,
];

/// Rules that run over the loaded model (the others fire while loading).
pub static CHECKS: &[Check] = &[
    frontmatter_html::check,
    ref_unknown::check,
    ref_retired::check,
    ref_cycle::check,
    link_broken::check,
    link_unsafe::check,
    message_drift::check,
    message_copy::check,
    message_unused::check,
    message_unproven::check,
    message_no_response::check,
    claim_mismatch::check,
    claim_expired::check,
    claim_unsourced::check,
    claim_unbacked::check,
    term_avoid::check,
    term_case::check,
    term_banned::check,
    positioning_conflict::check,
    meta_owner::check,
    freshness_stale::check,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

pub fn default_severity(id: &str) -> Severity {
    find(id).map(|r| r.default).unwrap_or(Severity::Warning)
}
