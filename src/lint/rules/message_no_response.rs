//! `message/no-response`: an objection with no response.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::rules::MESSAGE_NO_RESPONSE;

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
                        &MESSAGE_NO_RESPONSE,
                        m.id.span,
                        format!("objection `{}` has no response", m.full),
                    )
                    .help("add `response:` with the answer every rep should give"),
                );
            }
        }
    }
}
