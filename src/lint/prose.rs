//! The prose text rules read (SPEC 6.1): body prose (headings included) and the prose
//! values of front-matter, each with a map back to file offsets. Never ids, dates,
//! URLs, code or HTML, and never the glossary's own `term`, `avoid` and `banned`.

use crate::model::{Document, Prose, Sp};
use crate::source::FileId;

/// Where a piece of prose comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Body,
    /// A front-matter field (`title`, `description`, `role`…).
    Field(&'static str),
    /// The text or response of message `DOCID.MSGID`.
    Message(String),
    /// The text of claim `id`.
    Claim(String),
}

/// A piece of prose of a document.
#[derive(Debug, Clone)]
pub struct Text<'a> {
    pub doc: usize,
    pub file: FileId,
    pub origin: Origin,
    pub prose: std::borrow::Cow<'a, Prose>,
}

impl Text<'_> {
    pub fn text(&self) -> &str {
        &self.prose.text
    }

    /// File offset of a byte offset in the text.
    pub fn file_offset(&self, off: usize) -> usize {
        self.prose.file_offset(off)
    }
}

fn field<'a>(doc: usize, d: &Document, source: &str, origin: Origin, v: &Sp<String>) -> Text<'a> {
    // A plain scalar starts where its span starts; a quoted one a character later.
    let start = v.span.start;
    let first = source.get(start..).and_then(|s| s.chars().next());
    let shift = match first {
        Some('"' | '\'') => 1,
        _ => 0,
    };
    // Block scalars (`|`, `>`) start on the next line: find the text's first word.
    let offset = match first {
        Some('|' | '>') => source
            .get(start..v.span.end.max(start))
            .and_then(|s| {
                let probe: String = v.value.chars().take(12).collect();
                s.find(probe.as_str())
            })
            .map(|o| start + o)
            .unwrap_or(start),
        _ => start + shift,
    };
    Text {
        doc,
        file: d.file,
        origin,
        prose: std::borrow::Cow::Owned(Prose::at(v.value.clone(), offset)),
    }
}

/// Every piece of prose of a document.
pub fn of_document<'a>(doc: usize, d: &'a Document, source: &str) -> Vec<Text<'a>> {
    let mut out: Vec<Text<'a>> = d
        .body
        .prose
        .iter()
        .map(|p| Text {
            doc,
            file: d.file,
            origin: Origin::Body,
            prose: std::borrow::Cow::Borrowed(p),
        })
        .collect();
    // The title only when it was written in front-matter (a heading title is in the body
    // source but not in `body.prose`).
    if d.body.title.as_ref().is_none_or(|t| t.span != d.title.span) && d.front_matter.is_some() {
        out.push(field(doc, d, source, Origin::Field("title"), &d.title));
    } else if let Some(t) = &d.body.title {
        // `# Title` — the text starts after the hashes.
        let hashes = source
            .get(t.span.start..t.span.end)
            .map(|s| s.len() - s.trim_start_matches(['#', ' ']).len())
            .unwrap_or(0);
        out.push(Text {
            doc,
            file: d.file,
            origin: Origin::Field("title"),
            prose: std::borrow::Cow::Owned(Prose::at(t.value.clone(), t.span.start + hashes)),
        });
    }
    if let Some(v) = &d.description {
        out.push(field(doc, d, source, Origin::Field("description"), v));
    }
    for m in &d.messages {
        out.push(field(
            doc,
            d,
            source,
            Origin::Message(m.full.clone()),
            &m.text,
        ));
        if let Some(r) = &m.response {
            out.push(field(doc, d, source, Origin::Field("response"), r));
        }
    }
    for c in &d.claims {
        out.push(field(
            doc,
            d,
            source,
            Origin::Claim(c.id.value.clone()),
            &c.text,
        ));
    }
    if let Some(p) = &d.persona {
        for (name, v) in [
            ("role", &p.role),
            ("trigger", &p.trigger),
            ("pain", &p.pain),
            ("stakes", &p.stakes),
            ("decision_process", &p.decision_process),
        ] {
            if let Some(v) = v {
                out.push(field(doc, d, source, Origin::Field(name), v));
            }
        }
    }
    if let Some(p) = &d.positioning {
        for (name, v) in [
            ("product", &p.product),
            ("category", &p.category),
            ("problem", &p.problem),
        ] {
            if let Some(v) = v {
                out.push(field(doc, d, source, Origin::Field(name), v));
            }
        }
        for v in p.not_for.iter() {
            out.push(field(doc, d, source, Origin::Field("not_for"), v));
        }
        for v in p.differentiators.iter() {
            out.push(field(doc, d, source, Origin::Field("differentiators"), v));
        }
    }
    if let Some(c) = &d.competitor {
        for v in &c.landmines {
            out.push(field(doc, d, source, Origin::Field("landmines"), v));
        }
    }
    if let Some(p) = &d.playbook {
        for s in &p.steps {
            out.push(field(doc, d, source, Origin::Field("steps"), &s.title));
        }
    }
    out
}
