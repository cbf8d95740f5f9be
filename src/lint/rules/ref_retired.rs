//! `ref/retired`: a reference to a retired message or document.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::{Document, Handbook, RefKind, Status, Target};
use crate::rules::REF_RETIRED;
use crate::source::Span;

fn retired_message(hb: &Handbook, full: &str) -> Option<(Span, String)> {
    let (d, m) = hb.message(full)?;
    if m.status == Status::Retired {
        Some((m.id.span, format!("message `{full}` is retired here")))
    } else if d.status.value == Status::Retired {
        Some((
            d.status.span,
            format!("document `{}` is retired here", d.id.value),
        ))
    } else {
        None
    }
}

fn retired_doc(d: &Document) -> Option<(Span, String)> {
    (d.status.value == Status::Retired)
        .then(|| (d.status.span, format!("`{}` is retired here", d.path)))
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    let mut push = |span: Span, what: String, found: Option<(Span, String)>| {
        if let Some((at, note)) = found {
            out.push(
                Diagnostic::new(&REF_RETIRED, span, format!("{what} is retired"))
                    .related(at, note)
                    .help("reference the approved replacement, or remove the reference"),
            );
        }
    };
    for (i, d) in hb.docs.iter().enumerate() {
        if d.status.value == Status::Retired {
            // A retired page may mention other retired things.
            continue;
        }
        for r in &d.body.refs {
            match r.kind {
                RefKind::Msg => push(
                    r.span,
                    format!("message `{}`", r.id),
                    retired_message(hb, &r.id),
                ),
                RefKind::Persona => push(
                    r.span,
                    format!("persona `{}`", r.id),
                    hb.persona(&r.id).and_then(retired_doc),
                ),
                RefKind::Claim => push(
                    r.span,
                    format!("claim `{}`", r.id),
                    hb.claim(&r.id).and_then(|(cd, _)| retired_doc(cd)),
                ),
            }
        }
        for a in &d.audience {
            push(
                a.span,
                format!("persona `{}`", a.value),
                hb.persona(&a.value).and_then(retired_doc),
            );
        }
        if let Some(c) = &d.competitor {
            for m in &c.differentiators {
                push(
                    m.span,
                    format!("message `{}`", m.value),
                    retired_message(hb, &m.value),
                );
            }
        }
        for link in &d.body.links {
            if let Some(Target::Doc(t)) = hb.resolve(i, link)
                && t != i
                && let Some(td) = hb.docs.get(t)
            {
                push(
                    link.span,
                    format!("the linked page `{}`", td.path),
                    retired_doc(td),
                );
            }
        }
    }
}
