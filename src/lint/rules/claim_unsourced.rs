//! `claim/unsourced`: a claim without a source.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::rules::CLAIM_UNSOURCED;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.hb.docs {
        for c in &d.claims {
            if c.source.as_ref().is_none_or(|s| s.value.trim().is_empty()) {
                out.push(
                    Diagnostic::new(
                        &CLAIM_UNSOURCED,
                        c.id.span,
                        format!("claim `{}` has no source", c.id.value),
                    )
                    .help("add `source:` with a link to the study or data it comes from"),
                );
            }
        }
    }
}
