//! `message/copy`: a sentence that repeats a canonical message word for word.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "message/copy",
    default: Severity::Info,
    summary: "A sentence that copies a canonical message instead of referencing it.",
    explain: "Finds a sentence that is a message sentence word for word (ignoring case and punctuation) but is typed out instead of referenced.\n\nWhy it matters: a copy is right today and wrong the day the message changes. A reference changes with it, and the message map can show where each message is used.\n\nExample: the message `platform.one-liner` is \"Acme keeps every go-to-market team telling the same story.\" and a sales page types out the same sentence. Write `{{msg:platform.one-liner}}`.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let cmp = ctx.message_matches();
    for hit in &cmp.hits {
        let Some(r) = cmp.references.get(hit.reference) else {
            continue;
        };
        if hit.tokens != r.tokens {
            continue;
        }
        out.push(
            Diagnostic::new(
                RULE.id,
                hit.span,
                format!("sentence copies message {}", r.id),
            )
            .related(r.span, format!("{} is defined here", r.id))
            .help(format!("use {{{{msg:{}}}}}", r.id)),
        );
    }
}
