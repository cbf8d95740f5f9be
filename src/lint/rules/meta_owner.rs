//! `meta/owner`: a typed document with no owner.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::model::DocType;

pub const RULE: Rule = Rule {
    id: "meta/owner",
    default: Severity::Warning,
    summary: "A typed document with no owner.",
    explain: "Finds a typed document (messaging, persona, positioning, playbook, competitor, claims, glossary) without an `owner`.\n\nWhy it matters: canonical documents change what every team says. Someone has to answer questions about them, approve changes and review them on time.\n\nExample:\n\n    ---\n    title: Message house\n    type: messaging\n    ---\n\nAdd `owner: Dana Ruiz` (a name or an email).",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.hb.docs {
        if d.kind != DocType::Page && d.owner.as_ref().is_none_or(|o| o.value.trim().is_empty()) {
            out.push(
                Diagnostic::new(
                    RULE.id,
                    d.id.span,
                    format!("{} document `{}` has no owner", d.kind.as_str(), d.id.value),
                )
                .help("add `owner:` with the name or email of who answers for it"),
            );
        }
    }
}
