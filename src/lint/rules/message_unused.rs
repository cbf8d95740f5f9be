//! `message/unused`: a message no page references.

use crate::diagnostics::Diagnostic;
use crate::lint::Ctx;
use crate::model::Status;
use crate::rules::MESSAGE_UNUSED;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    // Rendered or cited anywhere: in a body, in front-matter prose (another message, a
    // response, a persona field…), as a competitor differentiator.
    let used = |full: &str| hb.uses.messages.contains_key(full);
    for d in &hb.docs {
        if d.status.value == Status::Retired {
            continue;
        }
        for m in &d.messages {
            if m.status != Status::Retired && !used(&m.full) {
                out.push(
                    Diagnostic::new(
                        &MESSAGE_UNUSED,
                        m.id.span,
                        format!("message `{}` is not used by any page", m.full),
                    )
                    .help(format!(
                        "reference it with {{{{msg:{}}}}} where it belongs, or retire it",
                        m.full
                    )),
                );
            }
        }
    }
}
