//! `ref/unknown`: a reference that resolves to nothing, with a "did you mean".

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::uses::{prose_fields, prose_refs};
use crate::model::{DocType, Handbook, RefKind, Sp};
use crate::rules::REF_UNKNOWN;
use crate::source::Span;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    for doc in &hb.docs {
        for r in &doc.body.refs {
            let found = match r.kind {
                RefKind::Msg => hb.messages.contains_key(&r.id),
                RefKind::Claim => hb.claims.contains_key(&r.id),
                RefKind::Persona => hb.personas.contains_key(&r.id),
            };
            if !found {
                out.push(unknown(hb, r.kind, &r.id, r.span));
            }
        }
        let source = hb.sources.text(doc.file);
        for f in prose_fields(doc) {
            for (kind, id, range) in prose_refs(&f.value) {
                let found = match kind {
                    RefKind::Msg => hb.messages.contains_key(id),
                    RefKind::Claim => hb.claims.contains_key(id),
                    RefKind::Persona => hb.personas.contains_key(id),
                };
                if !found {
                    let token = f.value.get(range).unwrap_or("");
                    out.push(unknown(hb, kind, id, locate(source, f.span, token)));
                }
            }
        }
        for a in &doc.audience {
            check_id(hb, RefKind::Persona, a, "audience", out);
        }
        if let Some(p) = &doc.positioning {
            for a in &p.for_ {
                check_id(hb, RefKind::Persona, a, "for", out);
            }
            for u in &p.unlike {
                if hb
                    .doc_by_id(&u.value)
                    .is_none_or(|d| d.kind != DocType::Competitor)
                {
                    let mut d = Diagnostic::new(
                        &REF_UNKNOWN,
                        u.span,
                        format!(
                            "`unlike` names `{}`, which is not a competitor document",
                            u.value
                        ),
                    );
                    let ids = hb
                        .docs
                        .iter()
                        .filter(|d| d.kind == DocType::Competitor)
                        .map(|d| d.id.value.as_str());
                    if let Some(best) = crate::suggest::did_you_mean(&u.value, ids) {
                        d = d.help(format!("did you mean `{best}`?"));
                    }
                    out.push(d);
                }
            }
        }
        for m in &doc.messages {
            for p in &m.proof {
                check_id(hb, RefKind::Claim, p, "proof", out);
            }
        }
        if let Some(c) = &doc.competitor {
            for m in &c.differentiators {
                check_id(hb, RefKind::Msg, m, "differentiators", out);
            }
        }
    }
}

fn check_id(hb: &Handbook, kind: RefKind, id: &Sp<String>, field: &str, out: &mut Vec<Diagnostic>) {
    let found = match kind {
        RefKind::Msg => hb.messages.contains_key(&id.value),
        RefKind::Claim => hb.claims.contains_key(&id.value),
        RefKind::Persona => hb.personas.contains_key(&id.value),
    };
    if !found {
        let mut d = unknown(hb, kind, &id.value, id.span);
        d.message = format!("`{field}` names {}", d.message);
        out.push(d);
    }
}

fn unknown(hb: &Handbook, kind: RefKind, id: &str, span: Span) -> Diagnostic {
    let (what, candidates): (&str, Vec<&str>) = match kind {
        RefKind::Msg => ("message", hb.messages.keys().map(String::as_str).collect()),
        RefKind::Claim => ("claim", hb.claims.keys().map(String::as_str).collect()),
        RefKind::Persona => ("persona", hb.personas.keys().map(String::as_str).collect()),
    };
    let mut d = Diagnostic::new(&REF_UNKNOWN, span, format!("unknown {what} `{id}`"));
    if let Some(best) = crate::suggest::did_you_mean(id, candidates) {
        d = d.help(format!("did you mean `{best}`?"));
    } else if kind == RefKind::Msg && !id.contains('.') {
        d = d.help("a message is addressed as DOCID.MSGID, e.g. `platform.one-liner`");
    }
    d
}

/// A token inside a value's source text, or the whole value when it is written
/// differently there (escapes, folding).
pub fn locate(source: &str, value: Span, token: &str) -> Span {
    if token.is_empty() {
        return value;
    }
    source
        .get(value.start..value.end)
        .and_then(|s| s.find(token))
        .map(|at| Span::new(value.file, value.start + at, value.start + at + token.len()))
        .unwrap_or(value)
}
