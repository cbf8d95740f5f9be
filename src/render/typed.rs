//! What typed pages show beyond their fields: the kind of a page or message as readers
//! name it, the message house's groups under their headings, and the headings the typed
//! templates add (Pillars, Objections, Steps, Landmines) for the page's table of contents,
//! and a summary for the card of a document that has no `description`.

use super::context::{ChildCtx, MessageCtx, MessageGroupCtx, PageCtx, TocCtx};
use super::shared::Shared;
use crate::model::nav::{Item, Section};
use crate::model::{DocType, Document};

/// A page's kind as shown above its title; none where a label would only be jargon.
pub(super) fn page_label(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "messaging" => "Messaging",
        "persona" => "Persona",
        "positioning" => "Positioning",
        "competitor" => "Battlecard",
        "playbook" => "Playbook",
        "glossary" => "Glossary",
        "claims" => "Claims",
        _ => return None,
    })
}

/// A message kind as readers say it.
pub(super) fn message_label(kind: &str) -> &'static str {
    match kind {
        "one-liner" => "One-liner",
        "problem" => "Problem",
        "promise" => "Promise",
        "pillar" => "Pillar",
        "proof" => "Proof point",
        "process" => "How it works",
        "objection" => "Objection",
        "boilerplate" => "Boilerplate",
        "tagline" => "Tagline",
        _ => "Message",
    }
}

/// The headings of the message house, in page order, with the kinds each holds.
const GROUPS: &[(&str, &str, &[&str])] = &[
    (
        "core-story",
        "Core story",
        &["one-liner", "problem", "promise"],
    ),
    ("pillars", "Pillars", &["pillar"]),
    ("proof-points", "Proof points", &["proof"]),
    ("how-it-works", "How it works", &["process"]),
    ("objections", "Objections", &["objection"]),
    (
        "boilerplate",
        "Boilerplate and taglines",
        &["boilerplate", "tagline"],
    ),
];

/// The messages under the headings of the message house (empty groups left out); a
/// message of a kind no group holds goes to the last, "Other messages".
pub(super) fn message_groups(messages: &[MessageCtx]) -> Vec<MessageGroupCtx> {
    let mut out: Vec<MessageGroupCtx> = GROUPS
        .iter()
        .map(|(id, title, kinds)| MessageGroupCtx {
            id,
            title,
            messages: messages
                .iter()
                .filter(|m| kinds.contains(&m.kind.as_str()))
                .cloned()
                .collect(),
        })
        .collect();
    let other: Vec<MessageCtx> = messages
        .iter()
        .filter(|m| !GROUPS.iter().any(|(_, _, k)| k.contains(&m.kind.as_str())))
        .cloned()
        .collect();
    out.push(MessageGroupCtx {
        id: "other-messages",
        title: "Other messages",
        messages: other,
    });
    out.retain(|g| !g.messages.is_empty());
    out
}

fn entry(id: &str, title: &str) -> TocCtx {
    TocCtx {
        level: 2,
        id: id.to_string(),
        title: title.to_string(),
    }
}

/// The headings the typed template of `page` writes before the body, in order (the
/// default theme uses these ids).
pub(super) fn typed_headings(page: &PageCtx) -> Vec<TocCtx> {
    let mut out = Vec::new();
    if let Some(groups) = &page.message_groups {
        out.extend(groups.iter().map(|g| entry(g.id, g.title)));
    }
    if page.persona.is_some() {
        out.push(entry("buyer-card", "Buyer card"));
    }
    if let Some(p) = &page.positioning {
        out.push(entry("statement", "Positioning statement"));
        if !p.not_for.is_empty() {
            out.push(entry("not-for", "Not for"));
        }
    }
    if page.competitor.is_some() {
        out.push(entry("our-differentiators", "Our differentiators"));
        out.push(entry("landmines", "Landmines"));
    }
    if page.playbook.is_some() {
        out.push(entry("steps", "Steps"));
    }
    out
}

/// The headings the typed template writes after the body.
pub(super) fn typed_headings_after(page: &PageCtx) -> Vec<TocCtx> {
    let mut out = Vec::new();
    if page.related.as_ref().is_some_and(|r| !r.is_empty()) {
        out.push(entry("written-for", "Written for this persona"));
    }
    if let Some(g) = &page.glossary {
        out.push(entry("terms", "Terms"));
        if !g.banned.is_empty() {
            out.push(entry("banned", "Banned phrases"));
        }
    }
    if page.register.is_some() {
        out.push(entry("claims", "Every claim in the handbook"));
    } else if !page.claims.is_empty() {
        out.push(entry("claims", "Claims"));
    }
    out
}

/// A short plain-text summary of a document for its card on a section page, when it
/// has no `description`: a playbook's steps, a persona's role, a positioning's category,
/// a message house's one-liner, else the first sentence of its body.
pub(super) fn summary(shared: &Shared, d: &Document) -> Option<String> {
    let typed = match d.kind {
        DocType::Playbook => d.playbook.as_ref().map(|p| {
            let n = p.steps.len();
            let steps = format!("{n} step{}", if n == 1 { "" } else { "s" });
            match &p.cadence {
                Some(c) => format!("{} playbook, {steps}.", capitalised(&c.value)),
                None => format!("Playbook, {steps}."),
            }
        }),
        DocType::Persona => d
            .persona
            .as_ref()
            .and_then(|p| p.role.as_ref())
            .map(|r| plain(&r.value)),
        DocType::Positioning => d
            .positioning
            .as_ref()
            .and_then(|p| p.category.as_ref())
            .map(|c| plain(&c.value)),
        DocType::Messaging => d
            .messages
            .iter()
            .find(|m| m.kind.value == "one-liner")
            .map(|m| plain(&m.text.value)),
        _ => None,
    };
    typed
        .filter(|s| !s.is_empty())
        .or_else(|| first_sentence(d))
        .or_else(|| {
            // A section page without prose: name its first pages.
            let s = shared.hb.nav.sections.get(d.folder())?;
            let titles: Vec<&str> = s
                .children
                .iter()
                .filter_map(|c| match c {
                    Item::Doc(i) => shared.hb.docs.get(*i).map(|d| d.title.value.as_str()),
                    Item::Section(p) => shared.hb.nav.sections.get(p).map(|s| s.title.as_str()),
                })
                .take(3)
                .collect();
            (!titles.is_empty() && d.is_section).then(|| titles.join(", "))
        })
}

/// Fill the `description` of the children of section `s` that have none.
pub(super) fn describe_children(shared: &Shared, s: &Section, children: &mut [ChildCtx]) {
    let hb = shared.hb;
    for c in children.iter_mut().filter(|c| c.description.is_none()) {
        let doc = s.children.iter().find_map(|item| {
            let d = match item {
                Item::Doc(i) => hb.docs.get(*i),
                Item::Section(p) => hb
                    .nav
                    .sections
                    .get(p)
                    .and_then(|sec| sec.doc)
                    .and_then(|i| hb.docs.get(i)),
            }?;
            (shared.url(d) == c.url).then_some(d)
        });
        c.description = doc.and_then(|d| summary(shared, d));
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Inline Markdown as plain words: emphasis and code marks and references dropped.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("{{") {
        out.push_str(rest.get(..at).unwrap_or(""));
        rest = rest
            .get(at..)
            .and_then(|r| r.find("}}").and_then(|e| r.get(e + 2..)))
            .unwrap_or("");
    }
    out.push_str(rest);
    let out: String = out
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    shorten(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn shorten(s: String) -> String {
    const MAX: usize = 160;
    if s.chars().count() <= MAX {
        return s;
    }
    let cut: String = s.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// The first sentence of the body's first paragraph-like block (eight words or more).
/// The only part of a document's body another page shows (the card summaries of a
/// section page): the book key (`inputs.rs`) hashes it for every document, so reading
/// more of another document's body for a page must be hashed there too.
pub(super) fn first_sentence(d: &Document) -> Option<String> {
    let block = d
        .body
        .prose
        .iter()
        .map(|b| b.text.trim())
        .find(|t| t.split_whitespace().count() >= 8)?;
    let end = block
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .next()
        .unwrap_or(block.len());
    Some(plain(block.get(..end).unwrap_or(block)))
}
