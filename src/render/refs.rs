//! Reference expansion: the `{{msg:…}}`, `{{claim:…}}` and `{{persona:…}}` holes of
//! bodies and front-matter prose filled with HTML, from message and claim texts
//! rendered once per model.

use super::safety;
use super::values::{escape, opt};
use crate::model::anchors;
use crate::model::*;
use std::collections::HashMap;

/// Render front-matter prose (a message, a claim, a persona field) as inline Markdown
/// with HTML escaped and unsafe links unlinked, without the `<p>`.
pub fn inline_html(text: &str) -> String {
    safety::inline_html(text)
}

/// Every message and claim text rendered once, by `DOCID.MSGID` or claim id.
pub struct Texts<'a> {
    /// As shown, with their own references expanded.
    pub message_html: HashMap<&'a str, String>,
    pub claim_html: HashMap<&'a str, String>,
    /// As cited from another text: references left as text.
    pub message_plain: HashMap<&'a str, String>,
    pub claim_plain: HashMap<&'a str, String>,
}

pub(super) fn texts(hb: &Handbook) -> Texts<'_> {
    // Texts as cited from another text (references left as text), then as shown,
    // with their own references expanded from those.
    let mut message_plain = HashMap::new();
    let mut claim_plain = HashMap::new();
    for d in &hb.docs {
        for m in &d.messages {
            message_plain.insert(m.full.as_str(), m.html.plain());
        }
        for c in &d.claims {
            claim_plain.insert(c.id.value.as_str(), c.html.plain());
        }
    }
    let plain = (&message_plain, &claim_plain);
    let mut message_html = HashMap::new();
    let mut claim_html = HashMap::new();
    for d in &hb.docs {
        // Most texts cite nothing: their plain rendering is the one shown.
        for m in &d.messages {
            let html = match message_plain.get(m.full.as_str()) {
                Some(h) if !m.html.has_refs() => h.clone(),
                _ => m
                    .html
                    .fill(&mut |kind, id, out| expand_ref(hb, kind, id, plain, out)),
            };
            message_html.insert(m.full.as_str(), html);
        }
        for c in &d.claims {
            let html = match claim_plain.get(c.id.value.as_str()) {
                Some(h) if !c.html.has_refs() => h.clone(),
                _ => c
                    .html
                    .fill(&mut |kind, id, out| expand_ref(hb, kind, id, plain, out)),
            };
            claim_html.insert(c.id.value.as_str(), html);
        }
    }
    Texts {
        message_html,
        claim_html,
        message_plain,
        claim_plain,
    }
}

impl Texts<'_> {
    /// Fill the reference holes of a body; with `[build] sanitize = true` the author's
    /// HTML goes through the allow-list first (the filled-in references are gtmbook's own).
    pub fn body_html(&self, hb: &Handbook, doc: &Document) -> String {
        let mut out = String::new();
        if hb.config.build.sanitize {
            // Link hrefs are filled first, so the allow-list checks them like any URL;
            // reference holes stay holes through sanitizing.
            let mut html: Vec<String> = Vec::new();
            let mut holes = Vec::new();
            let mut open = false;
            for part in &doc.body.parts {
                match part {
                    Part::Html(h) => {
                        if open && let Some(l) = html.last_mut() {
                            l.push_str(h);
                        } else {
                            html.push(h.clone());
                            open = true;
                        }
                    }
                    Part::Link(n) => {
                        if !open {
                            html.push(String::new());
                            open = true;
                        }
                        if let Some(l) = html.last_mut() {
                            link_href(hb, doc, *n, l);
                        }
                    }
                    Part::Ref(n) => {
                        if !open {
                            html.push(String::new());
                        }
                        holes.push(*n);
                        open = false;
                    }
                }
            }
            let html: Vec<&str> = html.iter().map(String::as_str).collect();
            return safety::sanitize_with_holes(&html, &holes, &mut |n, out| {
                if let Some(r) = doc.body.refs.get(n) {
                    self.expand(hb, r, out);
                }
            });
        }
        for part in &doc.body.parts {
            match part {
                Part::Html(h) => out.push_str(h),
                Part::Link(n) => link_href(hb, doc, *n, &mut out),
                Part::Ref(n) => {
                    if let Some(r) = doc.body.refs.get(*n) {
                        self.expand(hb, r, &mut out);
                    }
                }
            }
        }
        out
    }

    fn expand(&self, hb: &Handbook, r: &RefUse, out: &mut String) {
        expand_ref(
            hb,
            r.kind,
            &r.id,
            (&self.message_html, &self.claim_html),
            out,
        );
    }

    /// Front-matter prose with its references expanded one level deep: a cited message
    /// or claim shows its own references as text.
    pub fn prose(&self, hb: &Handbook, text: &str) -> String {
        prose_with(hb, text, (&self.message_plain, &self.claim_plain))
    }
}

/// The `href` of a body link, from the resolver: the real URL of its target.
fn link_href(hb: &Handbook, doc: &Document, n: usize, out: &mut String) {
    if let Some(link) = doc.body.links.get(n) {
        let href = crate::model::resolve::href(hb, doc, link);
        out.push_str(&crate::url::escape_attr(&href));
    }
}

type Pair<'m, 'a> = (&'m HashMap<&'a str, String>, &'m HashMap<&'a str, String>);

fn prose_with(hb: &Handbook, text: &str, texts: Pair) -> String {
    if !text.contains("{{") {
        return inline_html(text);
    }
    safety::prose_html(text, &mut |kind, id, _, out| {
        expand_ref(hb, kind, id, texts, out);
        true
    })
}

/// The HTML of a reference, from the rendered texts of messages and claims.
fn expand_ref(hb: &Handbook, kind: RefKind, id: &str, texts: Pair, out: &mut String) {
    let (messages, claims) = texts;
    match kind {
        RefKind::Msg => match messages.get(id) {
            Some(html) => out.push_str(&format!(
                "<span class=\"msg\" data-msg=\"{}\">{html}</span>",
                escape(id)
            )),
            None => missing(kind, id, out),
        },
        RefKind::Claim => match (claims.get(id), hb.claim(id)) {
            (Some(html), Some((d, c))) => {
                let href = safety::safe_link(opt(&c.source))
                    .unwrap_or_else(|| format!("{}#{}", hb.url(d), anchors::claim(&c.id.value)));
                out.push_str(&format!(
                    "<span class=\"claim\" data-claim=\"{}\">{html}<sup class=\"claim-source\"><a href=\"{}\" title=\"Source\">[source]</a></sup></span>",
                    escape(id),
                    escape(&href)
                ));
            }
            _ => missing(kind, id, out),
        },
        RefKind::Persona => match hb.persona(id) {
            Some(p) => out.push_str(&format!(
                "<a class=\"persona\" data-persona=\"{}\" href=\"{}\">{}</a>",
                escape(id),
                escape(&hb.url(p)),
                escape(&p.title.value)
            )),
            None => missing(kind, id, out),
        },
    }
}

fn missing(kind: RefKind, id: &str, out: &mut String) {
    out.push_str(&format!(
        "<span class=\"ref-missing\">{{{{{}:{}}}}}</span>",
        kind.as_str(),
        escape(id)
    ));
}
