//! What a semantic diff reports: one [`Change`] per item of the handbook that differs
//! between two versions (a message, claim, persona, glossary term, banned phrase,
//! positioning document or document), the fields that differ with their old and new
//! values, and the pages each change reaches. Plain data, serialised as `diff --format
//! json` writes it.

use serde::Serialize;

/// The kinds of items, in the order a report lists them.
pub const KINDS: &[&str] = &[
    "message",
    "claim",
    "persona",
    "term",
    "banned",
    "positioning",
    "document",
];

/// One field of an item that differs: its old and new value as written (lists joined
/// with `, `), and for texts the word difference (`every → each, +new`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub field: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
}

/// A page a change reaches: the document, its channels and owner, and how it uses the
/// changed item (`defines`, `renders`, `cites`, `audience`, `links`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageRef {
    pub file: String,
    pub title: String,
    pub url: String,
    pub channels: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    pub via: &'static str,
}

/// One changed item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// One of [`KINDS`].
    pub kind: &'static str,
    /// `DOCID.MSGID` for a message, the id of a claim, persona or positioning document,
    /// the term or phrase of the glossary, the path of a document.
    pub id: String,
    /// `added`, `removed`, `retired`, `unretired`, `changed`, `moved` (same id, another
    /// file; for a message also another document id), `renamed` or `deleted` (documents).
    pub change: &'static str,
    /// The file it is in now (the file it was in, when removed).
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_file: Option<String>,
    pub fields: Vec<Field>,
    /// The pages whose rendered text changes because of it.
    pub pages: Vec<PageRef>,
    /// Pages whose links pointed at a document or heading that is gone or moved: they
    /// may be broken now.
    pub broken_links: Vec<PageRef>,
}

impl Change {
    /// The field named `name`, if it changed.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.field == name)
    }
}

/// "message", "messages": the noun of a kind for people.
pub fn noun(kind: &str, n: usize) -> String {
    let one = match kind {
        "banned" => "banned phrase",
        "positioning" => "positioning document",
        k => k,
    };
    if n == 1 {
        one.to_string()
    } else {
        format!("{one}s")
    }
}
