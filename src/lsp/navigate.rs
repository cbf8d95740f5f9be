//! Hover, go to definition and find references on `{{msg:…}}`, `{{claim:…}}` and
//! `{{persona:…}}`: what the id names, read from the model's indexes.

use super::position::{Encoding, range};
use super::state::Server;
use crate::model::references::scan_refs;
use crate::model::{Handbook, RefKind, Via};
use crate::source::Span;
use lsp_types::{Location, Range};

/// The reference at byte `at` of `text`: its byte range, kind and id.
pub fn ref_at(text: &str, at: usize) -> Option<(usize, usize, RefKind, String)> {
    scan_refs(text)
        .into_iter()
        .find(|(start, end, _, _)| *start <= at && at <= *end)
}

/// A message defined at byte `at` of file `path` (its `id:` in the message house).
pub fn message_defined_at(hb: &Handbook, rel: &str, at: usize) -> Option<String> {
    let doc = hb.docs.iter().find(|d| d.path == rel)?;
    doc.messages
        .iter()
        .find(|m| m.id.span.start <= at && at <= m.id.span.end)
        .map(|m| m.full.clone())
}

fn list(values: &[crate::model::Sp<String>]) -> String {
    values
        .iter()
        .map(|v| v.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The hover text of a reference, as Markdown.
pub fn hover(hb: &Handbook, kind: RefKind, id: &str) -> String {
    match kind {
        RefKind::Msg => match hb.message(id) {
            Some((doc, m)) => {
                let mut out = format!(
                    "**{}** · {} · {}\n\n{}\n",
                    m.full,
                    m.kind.value,
                    m.status.as_str(),
                    m.text.value
                );
                if let Some(r) = &m.response {
                    out.push_str(&format!("\n*Response:* {}\n", r.value));
                }
                if !m.channels.is_empty() {
                    out.push_str(&format!("\nChannels: {}\n", list(&m.channels)));
                }
                if !m.proof.is_empty() {
                    out.push_str(&format!("\nProof: {}\n", list(&m.proof)));
                }
                out.push_str(&format!("\nDefined in `{}`", doc.path));
                out
            }
            None => format!("No message `{id}` in the handbook."),
        },
        RefKind::Claim => match hb.claim(id) {
            Some((doc, c)) => {
                let mut out = format!("**{}** · claim\n\n{}\n", c.id.value, c.text.value);
                match &c.source {
                    Some(s) => out.push_str(&format!("\nSource: {}\n", s.value)),
                    None => out.push_str("\nSource: none given\n"),
                }
                if let Some(d) = &c.as_of {
                    out.push_str(&format!("\nAs of: {}\n", d.value));
                }
                if let Some(d) = &c.expires {
                    let state = if d.value < hb.today { " (expired)" } else { "" };
                    out.push_str(&format!("\nExpires: {}{state}\n", d.value));
                }
                out.push_str(&format!("\nDefined in `{}`", doc.path));
                out
            }
            None => format!("No claim `{id}` in the handbook."),
        },
        RefKind::Persona => match hb.persona(id) {
            Some(doc) => {
                let mut out = format!(
                    "**{}** · persona · {}\n",
                    doc.title.value,
                    doc.status.value.as_str()
                );
                if let Some(p) = &doc.persona {
                    for (name, v) in [
                        ("Role", &p.role),
                        ("Trigger", &p.trigger),
                        ("Pain", &p.pain),
                    ] {
                        if let Some(v) = v {
                            out.push_str(&format!("\n{name}: {}\n", v.value));
                        }
                    }
                }
                if let Some(d) = &doc.description {
                    out.push_str(&format!("\n{}\n", d.value));
                }
                out.push_str(&format!("\nDefined in `{}`", doc.path));
                out
            }
            None => format!("No persona `{id}` in the handbook."),
        },
    }
}

/// Where the id of a reference is defined.
pub fn definition(hb: &Handbook, kind: RefKind, id: &str) -> Option<Span> {
    match kind {
        RefKind::Msg => hb.message(id).map(|(_, m)| m.id.span),
        RefKind::Claim => hb.claim(id).map(|(_, c)| c.id.span),
        RefKind::Persona => hb.persona(id).map(|d| {
            if d.id_explicit {
                d.id.span
            } else {
                Span::new(d.file, 0, 0)
            }
        }),
    }
}

/// Every place that uses an id (references, proofs, audiences), in document order.
pub fn uses(hb: &Handbook, kind: RefKind, id: &str) -> Vec<Span> {
    let by = match kind {
        RefKind::Msg => hb.uses.messages.get(id),
        RefKind::Claim => hb.uses.claims.get(id),
        RefKind::Persona => hb.uses.personas.get(id),
    };
    let Some(by) = by else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut scanned = Vec::new();
    for u in &by.uses {
        let Some(doc) = hb.docs.get(u.doc) else {
            continue;
        };
        let found = match u.via {
            Via::Body(_) | Via::Proof { .. } => u.span(doc),
            Via::Differentiator => doc
                .competitor
                .iter()
                .flat_map(|c| &c.differentiators)
                .find(|v| v.value == id)
                .map(|v| v.span),
            Via::Audience => doc
                .audience
                .iter()
                .chain(doc.positioning.iter().flat_map(|p| &p.for_))
                .find(|v| v.value == id)
                .map(|v| v.span),
            Via::Prose => {
                // References in front-matter prose: found in the front-matter's text.
                if scanned.contains(&u.doc) {
                    continue;
                }
                scanned.push(u.doc);
                let text = hb.sources.text(doc.file);
                let fm = doc.front_matter.unwrap_or(Span::new(doc.file, 0, 0));
                let part = text.get(fm.start..fm.end).unwrap_or("");
                for (s, e, k, i) in scan_refs(part) {
                    if k == kind && i == id {
                        out.push(Span::new(doc.file, fm.start + s, fm.start + e));
                    }
                }
                None
            }
        };
        out.extend(found);
    }
    out
}

/// A span of the model as an LSP location.
pub fn location(s: &Server, hb: &Handbook, span: Span, enc: Encoding) -> Option<Location> {
    let uri = s.uri_of(span.file)?;
    let r: Range = range(hb.sources.text(span.file), span.start, span.end, enc);
    Some(Location::new(uri, r))
}
