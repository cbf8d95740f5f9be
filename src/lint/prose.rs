//! The prose text rules read (SPEC 6.1): body prose (headings included) and the prose
//! values of front-matter, each with a map back to file offsets. Never ids, dates,
//! URLs, code or HTML, and never the glossary's own `term`, `avoid` and `banned`.

use super::scalar;
use crate::model::{Document, Prose, ProseRef, Sp};
use crate::source::FileId;

/// Where a piece of prose comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Body,
    /// A front-matter field (`title`, `description`, `role`…).
    Field(&'static str),
    /// The text of a message.
    Message,
    /// The text of a claim.
    Claim,
}

/// A piece of prose of a document, borrowed from the model or from [`Field`]s.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub file: FileId,
    pub origin: Origin,
    pub prose: ProseRef<'a>,
    /// The YAML (or TOML) scalar a front-matter value is written as: its byte range in
    /// the file. `None` in the body and for a title taken from a heading.
    pub scalar: Option<(usize, usize)>,
}

impl<'a> Text<'a> {
    pub fn text(&self) -> &'a str {
        self.prose.text
    }

    /// File offset of a byte offset in the text.
    pub fn file_offset(&self, off: usize) -> usize {
        self.prose.file_offset(off)
    }
}

/// The prose of a front-matter value, copied out of the model with its file offset.
#[derive(Debug, Clone)]
pub struct Field {
    pub origin: Origin,
    pub prose: Prose,
    /// The scalar's byte range in the file (see [`Text::scalar`]).
    pub scalar: Option<(usize, usize)>,
}

/// A text of the handbook: document `doc`, and either body block `n` or, past the
/// body's blocks, field `n - blocks`. Texts in this order are in document order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct TextId {
    pub doc: u32,
    pub n: u32,
}

/// The prose of a front-matter value, each run of it mapped to its place in the file
/// (folded lines, escapes and block scalars included).
fn field(source: &str, origin: Origin, v: &Sp<String>) -> Field {
    Field {
        origin,
        prose: Prose {
            text: v.value.clone(),
            map: scalar::runs(source, v.span.start, v.span.end, &v.value),
        },
        scalar: Some((v.span.start, v.span.end)),
    }
}

/// The prose of a document's front-matter values (its body prose is in the model).
pub fn fields_of(d: &Document, source: &str) -> Vec<Field> {
    let mut out = Vec::new();
    // The title only when it was written in front-matter (a heading title is in the body
    // source but not in `body.prose`).
    if d.body.title.as_ref().is_none_or(|t| t.span != d.title.span) && d.front_matter.is_some() {
        out.push(field(source, Origin::Field("title"), &d.title));
    } else if let Some(t) = &d.body.title {
        // `# Title` — the text starts after the hashes.
        let hashes = source
            .get(t.span.start..t.span.end)
            .map(|s| s.len() - s.trim_start_matches(['#', ' ']).len())
            .unwrap_or(0);
        out.push(Field {
            origin: Origin::Field("title"),
            prose: Prose::at(t.value.clone(), t.span.start + hashes),
            scalar: None,
        });
    }
    if let Some(v) = &d.description {
        out.push(field(source, Origin::Field("description"), v));
    }
    for m in &d.messages {
        out.push(field(source, Origin::Message, &m.text));
        if let Some(r) = &m.response {
            out.push(field(source, Origin::Field("response"), r));
        }
    }
    for c in &d.claims {
        out.push(field(source, Origin::Claim, &c.text));
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
                out.push(field(source, Origin::Field(name), v));
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
                out.push(field(source, Origin::Field(name), v));
            }
        }
        for v in p.not_for.iter() {
            out.push(field(source, Origin::Field("not_for"), v));
        }
        for v in p.differentiators.iter() {
            out.push(field(source, Origin::Field("differentiators"), v));
        }
    }
    if let Some(c) = &d.competitor {
        for v in &c.landmines {
            out.push(field(source, Origin::Field("landmines"), v));
        }
    }
    if let Some(p) = &d.playbook {
        for s in &p.steps {
            out.push(field(source, Origin::Field("steps"), &s.title));
        }
    }
    out
}
