//! `message/unproven`: a pillar with no proof.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::model::Status;

pub const RULE: Rule = Rule {
    id: "message/unproven",
    default: Severity::Warning,
    summary: "A pillar with no proof.",
    explain: "Finds a message of kind `pillar` whose `proof` lists no claim.\n\nWhy it matters: a pillar is a promise the whole go-to-market rests on. Without proof, sales reps improvise numbers, and the first sceptical buyer finds the gap.\n\nExample:\n\n    - id: pillar-fast\n      kind: pillar\n      text: Set up in an afternoon.\n\nAdd `proof: [setup-time]` naming a claim in the claims register.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.hb.docs {
        for m in &d.messages {
            if m.kind.value == "pillar" && m.proof.is_empty() && m.status != Status::Retired {
                out.push(
                    Diagnostic::new(
                        RULE.id,
                        m.id.span,
                        format!("pillar `{}` has no proof", m.full),
                    )
                    .help("add `proof: [claim-id]` naming a claim that backs it"),
                );
            }
        }
    }
}
