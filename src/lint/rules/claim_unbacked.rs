//! `claim/unbacked`: a message whose text holds a number but which cites no claim.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::model::Status;

pub const RULE: Rule = Rule {
    id: "claim/unbacked",
    default: Severity::Warning,
    summary: "A message with a number but no claim in its proof.",
    explain: "Finds a message whose text contains a number (`30%`, `3x`, `2 hours`) but whose `proof` names no claim.\n\nWhy it matters: numbers in messages get quoted everywhere. Each one needs a registered claim with a source and an expiry date, so it can be checked and renewed.\n\nExample:\n\n    - id: proof-speed\n      kind: proof\n      text: Teams plan their week in 20 minutes.\n\nAdd `proof: [planning-time]` naming the claim that holds the figure.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.hb.docs {
        for m in &d.messages {
            if m.status == Status::Retired || !m.proof.is_empty() {
                continue;
            }
            if m.text.value.chars().any(|c| c.is_ascii_digit()) {
                out.push(
                    Diagnostic::new(
                        RULE.id,
                        m.text.span,
                        format!("message `{}` states a number but cites no claim", m.full),
                    )
                    .help("add `proof: [claim-id]` naming the claim the number comes from"),
                );
            }
        }
    }
}
