//! `meta/owner`: a typed document with no owner.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::DocType;
use crate::rules::META_OWNER;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.hb.docs {
        if d.kind != DocType::Page && d.owner.as_ref().is_none_or(|o| o.value.trim().is_empty()) {
            out.push(
                Diagnostic::new(
                    &META_OWNER,
                    d.id.span,
                    format!("{} document `{}` has no owner", d.kind.as_str(), d.id.value),
                )
                .help("add `owner:` with the name or email of who answers for it"),
            );
        }
    }
}
