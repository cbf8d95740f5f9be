//! `message/unproven`: a pillar with no proof.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::Status;
use crate::rules::MESSAGE_UNPROVEN;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.hb.docs {
        for m in &d.messages {
            if m.kind.value == "pillar" && m.proof.is_empty() && m.status != Status::Retired {
                out.push(
                    Diagnostic::new(
                        &MESSAGE_UNPROVEN,
                        m.id.span,
                        format!("pillar `{}` has no proof", m.full),
                    )
                    .help("add `proof: [claim-id]` naming a claim that backs it"),
                );
            }
        }
    }
}
