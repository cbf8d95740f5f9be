//! Who uses what: the documents that render or cite each message, claim and persona.
//! The site shows it ("used on"), `impact` reports it for a change.

use super::{Handbook, RefKind};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Uses<'a> {
    /// Message `DOCID.MSGID` → documents rendering it (`{{msg:}}`) or naming it as a
    /// competitor differentiator. Sorted, unique.
    pub messages: BTreeMap<&'a str, Vec<usize>>,
    /// Claim id → documents rendering it, and messages' documents citing it as proof.
    pub claims: BTreeMap<&'a str, Vec<usize>>,
    /// Persona id → documents written for it (`audience`, positioning `for`, `{{persona:}}`).
    pub personas: BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> Uses<'a> {
    /// With `built_only`, documents that are not published (drafts, retired) count only
    /// as the proof of their messages, as on the site.
    pub fn of(hb: &'a Handbook, built_only: bool) -> Uses<'a> {
        let mut u = Uses::default();
        for (i, d) in hb.docs.iter().enumerate() {
            for m in &d.messages {
                for p in &m.proof {
                    u.claims.entry(p.value.as_str()).or_default().push(i);
                }
            }
            if built_only && !hb.is_built(d) {
                continue;
            }
            for r in &d.body.refs {
                let map = match r.kind {
                    RefKind::Msg => &mut u.messages,
                    RefKind::Claim => &mut u.claims,
                    RefKind::Persona => &mut u.personas,
                };
                map.entry(r.id.as_str()).or_default().push(i);
            }
            // References inside front-matter prose are uses too (rendered one level deep).
            for f in prose_fields(d) {
                for (kind, id, _) in prose_refs(&f.value) {
                    let map = match kind {
                        RefKind::Msg => &mut u.messages,
                        RefKind::Claim => &mut u.claims,
                        RefKind::Persona => &mut u.personas,
                    };
                    map.entry(id).or_default().push(i);
                }
            }
            if let Some(c) = &d.competitor {
                for m in &c.differentiators {
                    u.messages.entry(m.value.as_str()).or_default().push(i);
                }
            }
            for a in &d.audience {
                u.personas.entry(a.value.as_str()).or_default().push(i);
            }
            if let Some(p) = &d.positioning {
                for a in &p.for_ {
                    u.personas.entry(a.value.as_str()).or_default().push(i);
                }
            }
        }
        for v in u
            .messages
            .values_mut()
            .chain(u.claims.values_mut())
            .chain(u.personas.values_mut())
        {
            v.sort_unstable();
            v.dedup();
        }
        u
    }
}

/// The front-matter values that are rendered as inline Markdown (SPEC 8): message texts
/// and responses, claim texts, persona, positioning, competitor, playbook and glossary
/// prose.
pub fn prose_fields(d: &super::Document) -> Vec<&super::Sp<String>> {
    let mut out: Vec<&super::Sp<String>> = Vec::new();
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
    let parser = pulldown_cmark::Parser::new_ext(text, crate::load::parser::options());
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
