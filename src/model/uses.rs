//! Who uses what: the documents that render or cite each message, claim and persona,
//! built once into the model's [`Uses`] index. The site shows it ("used on"), `impact`
//! reports it for a change, `message/unused` and `claim/expired` read it.

use super::document::Document;
use super::index::{Use, UsedBy, Uses, Via};
use super::values::RefKind;
use super::values::Sp;
use crate::source::Span;
use std::collections::HashMap;

impl Use {
    /// Where a reference (`{{kind:id}}` in the body) or a proof written in `doc` stands;
    /// `None` for uses found by id in a list or in front-matter prose.
    pub fn span(&self, doc: &Document) -> Option<Span> {
        match self.via {
            Via::Body(n) => doc.body.refs.get(n).map(|r| r.span),
            Via::Proof { item, n } => doc
                .messages
                .get(item)
                .and_then(|m| m.proof.get(n))
                .map(|p| p.span),
            Via::Prose | Via::Differentiator | Via::Audience => None,
        }
    }
}

/// Record one use of `id`; `on_site` when the site shows it.
fn add(map: &mut HashMap<String, UsedBy>, id: &str, u: Use, on_site: bool) {
    let entry = match map.get_mut(id) {
        Some(e) => e,
        None => map.entry(id.to_string()).or_default(),
    };
    entry.uses.push(u);
    // Documents come in order: a list is sorted when each is pushed once.
    if entry.docs.last() != Some(&u.doc) {
        entry.docs.push(u.doc);
    }
    if on_site && entry.on_site.last() != Some(&u.doc) {
        entry.on_site.push(u.doc);
    }
}

/// The uses index of `docs`. Documents that are not built (drafts without
/// `build.drafts`) count on the site only as the proof of their messages.
pub fn build(docs: &[Document], is_built: impl Fn(&Document) -> bool) -> Uses {
    let mut u = Uses::default();
    for (i, d) in docs.iter().enumerate() {
        for (item, m) in d.messages.iter().enumerate() {
            for (n, p) in m.proof.iter().enumerate() {
                let via = Via::Proof { item, n };
                add(&mut u.claims, &p.value, Use { doc: i, via }, true);
            }
        }
        let built = is_built(d);
        let mut at = |kind: RefKind, id: &str, via: Via| {
            let map = match kind {
                RefKind::Msg => &mut u.messages,
                RefKind::Claim => &mut u.claims,
                RefKind::Persona => &mut u.personas,
            };
            add(map, id, Use { doc: i, via }, built);
        };
        for (n, r) in d.body.refs.iter().enumerate() {
            at(r.kind, &r.id, Via::Body(n));
        }
        // References inside front-matter prose are uses too (rendered one level deep).
        for f in prose_fields(d) {
            for (kind, id, _) in prose_refs(&f.value) {
                at(kind, id, Via::Prose);
            }
        }
        if let Some(c) = &d.competitor {
            for m in &c.differentiators {
                at(RefKind::Msg, &m.value, Via::Differentiator);
            }
        }
        for a in &d.audience {
            at(RefKind::Persona, &a.value, Via::Audience);
        }
        if let Some(p) = &d.positioning {
            for a in &p.for_ {
                at(RefKind::Persona, &a.value, Via::Audience);
            }
        }
    }
    u
}

/// The front-matter values that are rendered as inline Markdown (SPEC 8): message texts
/// and responses, claim texts, persona, positioning, competitor, playbook and glossary
/// prose.
pub fn prose_fields(d: &Document) -> Vec<&Sp<String>> {
    let mut out: Vec<&Sp<String>> = Vec::new();
    for m in &d.messages {
        out.push(&m.text);
        out.extend(m.response.as_ref());
    }
    for c in &d.claims {
        out.push(&c.text);
    }
    if let Some(p) = &d.persona {
        out.extend(
            [&p.role, &p.trigger, &p.pain, &p.stakes, &p.decision_process]
                .into_iter()
                .flatten(),
        );
    }
    if let Some(p) = &d.positioning {
        out.extend(p.problem.as_ref());
        out.extend(p.differentiators.iter());
    }
    if let Some(c) = &d.competitor {
        out.extend(c.landmines.iter());
    }
    if let Some(p) = &d.playbook {
        out.extend(p.steps.iter().map(|s| &s.title));
    }
    if let Some(g) = &d.glossary {
        out.extend(g.terms.iter().filter_map(|t| t.definition.as_ref()));
    }
    out
}

/// The `{{kind:id}}` references in a front-matter value, outside code (as rendered):
/// kind, id (borrowed from the value) and the token's byte range in the value.
pub fn prose_refs(text: &str) -> Vec<(RefKind, &str, std::ops::Range<usize>)> {
    if !text.contains("{{") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let parser = pulldown_cmark::Parser::new_ext(text, crate::cmark::options());
    for (ev, range) in parser.into_offset_iter() {
        let pulldown_cmark::Event::Text(_) = ev else {
            continue;
        };
        let Some(raw) = text.get(range.clone()) else {
            continue;
        };
        for (s, e, kind, id) in crate::model::references::scan_refs(raw) {
            let (s, e) = (range.start + s, range.start + e);
            if let Some(token) = text.get(s..e)
                && let Some(at) = token.find(id.as_str())
                && let Some(id) = text.get(s + at..s + at + id.len())
            {
                out.push((kind, id, s..e));
            }
        }
    }
    out
}
