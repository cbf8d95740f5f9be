//! `claim/unbacked`: a message whose text holds a number but which cites no claim.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::Status;
use crate::rules::CLAIM_UNBACKED;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.hb.docs {
        for m in &d.messages {
            if m.status == Status::Retired || !m.proof.is_empty() {
                continue;
            }
            if m.text.value.chars().any(|c| c.is_ascii_digit()) {
                out.push(
                    Diagnostic::new(
                        &CLAIM_UNBACKED,
                        m.text.span,
                        format!("message `{}` states a number but cites no claim", m.full),
                    )
                    .help("add `proof: [claim-id]` naming the claim the number comes from"),
                );
            }
        }
    }
}
