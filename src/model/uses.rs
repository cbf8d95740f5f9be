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
