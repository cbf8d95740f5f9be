//! `claim/mismatch`: a sentence that states a claim with other numbers.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::lint::similar;

pub const RULE: Rule = Rule {
    id: "claim/mismatch",
    default: Severity::Error,
    summary: "A sentence that states a claim with other numbers.",
    explain: "Masks the numbers of each sentence and of each claim's text; where the masked sentence matches a masked claim (the drift similarity, at or above `lint.drift_threshold`) but the numbers differ, the sentence states the claim with other numbers.\n\nWhy it matters: a figure quoted from memory is how 44.3% becomes 45% on the homepage and 50% in a deck. The claims register holds the sourced number; every other page should quote it.\n\nExample: the claim \"44.3% of product marketing teams have only one or two people.\" and the sentence \"45% of product marketing teams have only one or two people.\" Write `{{claim:small-teams}}`, or fix the number.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let cmp = ctx.claim_matches();
    for hit in &cmp.hits {
        let Some(r) = cmp.references.get(hit.reference) else {
            continue;
        };
        let ours = similar::numbers(&hit.tokens);
        let theirs = similar::numbers(&r.tokens);
        if ours == theirs {
            continue;
        }
        out.push(
            Diagnostic::new(
                RULE.id,
                hit.span,
                format!(
                    "sentence states claim {} with other numbers: {} where the claim says {}",
                    r.id,
                    ours.join(", "),
                    theirs.join(", ")
                ),
            )
            .related(r.span, format!("claim {} is defined here", r.id))
            .help(format!(
                "use {{{{claim:{}}}}}, or correct the numbers",
                r.id
            )),
        );
    }
}
