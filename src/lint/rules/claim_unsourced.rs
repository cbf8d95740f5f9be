//! `claim/unsourced`: a claim without a source.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "claim/unsourced",
    default: Severity::Warning,
    summary: "A claim without a source.",
    explain: "Finds a claim with no `source` (or an empty one).\n\nWhy it matters: a figure nobody can trace cannot be defended when a buyer, analyst or lawyer asks where it comes from.\n\nExample:\n\n    - id: hours-saved\n      text: Teams save 6 hours a week.\n\nAdd `source:` with the study, survey or dashboard the number comes from.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.hb.docs {
        for c in &d.claims {
            if c.source.as_ref().is_none_or(|s| s.value.trim().is_empty()) {
                out.push(
                    Diagnostic::new(
                        RULE.id,
                        c.id.span,
                        format!("claim `{}` has no source", c.id.value),
                    )
                    .help("add `source:` with a link to the study or data it comes from"),
                );
            }
        }
    }
}
