//! `message/unused`: a message no page references.

use crate::diagnostics::Diagnostic;
use crate::lint::Ctx;
use crate::model::{RefKind, Status};
use crate::rules::MESSAGE_UNUSED;
use std::collections::HashSet;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    let mut used: HashSet<&str> = HashSet::new();
    for d in &hb.docs {
        for r in &d.body.refs {
            if r.kind == RefKind::Msg {
                used.insert(r.id.as_str());
            }
        }
        if let Some(c) = &d.competitor {
            used.extend(c.differentiators.iter().map(|m| m.value.as_str()));
        }
        // Cited from front-matter prose (another message, a response, a persona field…).
        for f in crate::model::uses::prose_fields(d) {
            for (kind, id, _) in crate::model::uses::prose_refs(&f.value) {
                if kind == RefKind::Msg {
                    used.insert(id);
                }
            }
        }
    }
    for d in &hb.docs {
        if d.status.value == Status::Retired {
            continue;
        }
        for m in &d.messages {
            if m.status != Status::Retired && !used.contains(m.full.as_str()) {
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
