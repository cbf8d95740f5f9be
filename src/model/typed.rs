//! The typed front-matter of each document type (SPEC 3): messages and claims, persona,
//! positioning, competitor, playbook and glossary fields, and the words they may use.

use super::values::{RefKind, Sp, Status};
use crate::source::Span;
use jiff::civil::Date;

pub const MESSAGE_KINDS: &[&str] = &[
    "one-liner",
    "problem",
    "promise",
    "pillar",
    "proof",
    "process",
    "objection",
    "boilerplate",
    "tagline",
];

pub const CHANNELS: &[&str] = &[
    "website",
    "sales",
    "ads",
    "demo",
    "onboarding",
    "content",
    "partners",
    "support",
];

pub const CADENCES: &[&str] = &["weekly", "monthly", "quarterly", "launch", "once"];

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub id: Sp<String>,
    /// `DOCID.MSGID`
    pub full: String,
    pub kind: Sp<String>,
    pub text: Sp<String>,
    /// `text` parsed once, at load.
    pub html: InlineText,
    pub response: Option<Sp<String>>,
    pub channels: Vec<Sp<String>>,
    pub proof: Vec<Sp<String>>,
    pub status: Status,
    /// Span of the whole list item, for findings about the message itself.
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    pub id: Sp<String>,
    pub text: Sp<String>,
    /// `text` parsed once, at load.
    pub html: InlineText,
    pub source: Option<Sp<String>>,
    pub as_of: Option<Sp<Date>>,
    pub expires: Option<Sp<Date>>,
    pub span: Span,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Persona {
    pub role: Option<Sp<String>>,
    pub trigger: Option<Sp<String>>,
    pub pain: Option<Sp<String>>,
    pub stakes: Option<Sp<String>>,
    pub decision_process: Option<Sp<String>>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Positioning {
    pub product: Option<Sp<String>>,
    pub category: Option<Sp<String>>,
    pub for_: Vec<Sp<String>>,
    pub not_for: Vec<Sp<String>>,
    pub problem: Option<Sp<String>>,
    pub unlike: Vec<Sp<String>>,
    pub differentiators: Vec<Sp<String>>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Competitor {
    pub name: Option<Sp<String>>,
    pub differentiators: Vec<Sp<String>>,
    pub landmines: Vec<Sp<String>>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Step {
    pub title: Sp<String>,
    pub owner: Option<Sp<String>>,
    pub when: Option<Sp<String>>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Playbook {
    pub steps: Vec<Step>,
    pub cadence: Option<Sp<String>>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Term {
    pub term: Sp<String>,
    pub definition: Option<Sp<String>>,
    pub avoid: Vec<Sp<String>>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Banned {
    pub phrase: Sp<String>,
    pub reason: Option<Sp<String>>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Glossary {
    pub terms: Vec<Term>,
    pub banned: Vec<Banned>,
}

/// A message or claim text parsed once: its HTML (Markdown inline, HTML escaped, unsafe
/// links unlinked) with holes where its references stand.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InlineText {
    pub parts: Vec<InlinePart>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum InlinePart {
    Html(String),
    /// `plain` is the reference as written, escaped: what a text shows when the
    /// reference is left as text.
    Ref {
        kind: RefKind,
        id: String,
        plain: String,
    },
}

impl InlineText {
    /// The HTML with every reference left as the text it was written as.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                InlinePart::Html(h) => out.push_str(h),
                InlinePart::Ref { plain, .. } => out.push_str(plain),
            }
        }
        out
    }

    /// The HTML with each reference written by `expand`.
    pub fn fill(&self, expand: &mut dyn FnMut(RefKind, &str, &mut String)) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                InlinePart::Html(h) => out.push_str(h),
                InlinePart::Ref { kind, id, .. } => expand(*kind, id, &mut out),
            }
        }
        out
    }

    pub fn has_refs(&self) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p, InlinePart::Ref { .. }))
    }
}
