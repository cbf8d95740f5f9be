//! `message/drift`: a sentence that nearly repeats a canonical message but differs.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::lint::similar;
use crate::rules::MESSAGE_DRIFT;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let cmp = ctx.message_matches();
    for hit in &cmp.hits {
        let Some(r) = cmp.references.get(hit.reference) else {
            continue;
        };
        if hit.tokens == r.tokens {
            continue; // message/copy
        }
        let diff = similar::describe(&similar::script(&hit.tokens, &r.tokens));
        out.push(
            Diagnostic::new(
                &MESSAGE_DRIFT,
                hit.span,
                format!(
                    "sentence drifts from message {} (similarity {:.2})",
                    r.id, hit.similarity
                ),
            )
            .related(r.span, format!("{} is defined here", r.id))
            .note(format!("words changed: {diff}"))
            .help(format!("use {{{{msg:{}}}}}", r.id)),
        );
    }
}
