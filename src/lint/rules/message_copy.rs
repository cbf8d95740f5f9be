//! `message/copy`: a sentence that repeats a canonical message word for word.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::rules::MESSAGE_COPY;

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
                &MESSAGE_COPY,
                hit.span,
                format!("sentence copies message {}", r.id),
            )
            .related(r.span, format!("{} is defined here", r.id))
            .help(format!("use {{{{msg:{}}}}}", r.id)),
        );
    }
}
