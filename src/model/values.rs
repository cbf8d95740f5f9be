//! The small values every part of the model holds: a value with the span it was
//! written at, the type of a document, the status of a document or message, and the
//! kind of a reference.

use crate::source::Span;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

impl Sp<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum DocType {
    Page,
    Positioning,
    Messaging,
    Persona,
    Playbook,
    Competitor,
    Glossary,
    Claims,
}

impl DocType {
    pub const ALL: &'static [(&'static str, DocType)] = &[
        ("page", DocType::Page),
        ("positioning", DocType::Positioning),
        ("messaging", DocType::Messaging),
        ("persona", DocType::Persona),
        ("playbook", DocType::Playbook),
        ("competitor", DocType::Competitor),
        ("glossary", DocType::Glossary),
        ("claims", DocType::Claims),
    ];

    pub fn parse(s: &str) -> Option<DocType> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, t)| *t)
    }

    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(n, _)| *n)
            .unwrap_or("page")
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Status {
    Draft,
    #[default]
    Approved,
    Retired,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Approved => "approved",
            Status::Retired => "retired",
        }
    }
}

/// The kind of a `{{kind:id}}` reference.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum RefKind {
    Msg,
    Claim,
    Persona,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Msg => "msg",
            RefKind::Claim => "claim",
            RefKind::Persona => "persona",
        }
    }
}
