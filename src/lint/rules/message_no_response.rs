//! `message/no-response`: an objection with no response.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "message/no-response",
    default: Severity::Error,
    summary: "An objection with no response.",
    explain: "Finds a message of kind `objection` without a `response`.\n\nWhy it matters: an objection is written down so every rep answers it the same way. Without the answer it only records the problem.\n\nExample:\n\n    - id: objection-price\n      kind: objection\n      text: It costs more than a spreadsheet.\n\nAdd `response: A spreadsheet costs the hours someone spends keeping it current.`",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.hb.docs {
        for m in &d.messages {
            let empty = m
                .response
                .as_ref()
                .is_none_or(|r| r.value.trim().is_empty());
            if m.kind.value == "objection" && empty {
                out.push(
                    Diagnostic::new(
                        RULE.id,
                        m.id.span,
                        format!("objection `{}` has no response", m.full),
                    )
                    .help("add `response:` with the answer every rep should give"),
                );
            }
        }
    }
}
