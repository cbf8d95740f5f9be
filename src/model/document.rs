//! A document of SPEC 3 and its body, with the byte span of every value it came from;
//! the typed front-matter of each document type is in `typed.rs`.

use super::prose::ProseBlocks;
use super::typed::{Claim, Competitor, Glossary, Message, Persona, Playbook, Positioning};
use super::values::{DocType, RefKind, Sp, Status};
use crate::source::{FileId, Span};
use jiff::civil::Date;

/// A `{{kind:id}}` in the body.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RefUse {
    pub kind: RefKind,
    pub id: String,
    pub span: Span,
}

/// A link or image in the body whose target is inside the handbook.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// The destination path as written, percent-decoded, without `?query` and
    /// `#anchor` (empty: this page). `model::resolve` says where it points.
    pub path: String,
    /// The fragment, percent-decoded.
    pub anchor: Option<String>,
    pub span: Span,
    /// The destination as written.
    pub raw: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub span: Span,
}

/// Rendered body: HTML with holes for references, which are filled at render time
/// because they need the whole handbook.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Part {
    Html(String),
    Ref(usize),
    /// The `href` of `links[n]`, filled at render from `model::resolve`.
    Link(usize),
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Body {
    pub parts: Vec<Part>,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub refs: Vec<RefUse>,
    pub prose: ProseBlocks,
    /// The first level-1 heading when it served as the title.
    pub title: Option<Sp<String>>,
    /// The id of that title heading (the theme puts it on the page's `<h1>`).
    pub title_id: Option<String>,
    /// Element ids a link can point at besides headings: the title heading's, and
    /// `id` / `<a name>` attributes of raw HTML in the body.
    pub anchors: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Document {
    pub file: FileId,
    /// Path from the book root: `content/sales/first-call.md`.
    pub path: String,
    /// Path from the content root: `sales/first-call.md`.
    pub rel: String,
    /// URL path below `base_url`: `sales/first-call/` (empty for the home page), from
    /// the path, the language folder, `slug` and `permalink`.
    pub url: String,
    /// The `permalink` or `slug` value that set `url`, if one did.
    pub url_span: Option<Span>,
    /// The page of a folder: `_index.md`, `index.md`, `index.html.md`, `README.md`, or
    /// `foo.md` beside a folder `foo/` of documents.
    pub is_section: bool,
    /// The folder the document belongs to in navigation, from the content root with the
    /// default language's folder left out: `sales` for `sales/first-call.md`, for
    /// `sales/_index.md` and for `sales.md` beside `sales/`; empty at the root.
    pub dir: String,
    /// The page's language: front-matter `lang`, else its language folder, else
    /// `[book] language`.
    pub lang: String,
    /// Old addresses (`aliases`, `redirect_from`) that redirect here, as URL paths below
    /// `base_url` (`old/page/`, `old.html`).
    pub aliases: Vec<Sp<String>>,
    pub id: Sp<String>,
    /// Written in front-matter (or the document is typed): must be unique.
    pub id_explicit: bool,
    pub kind: DocType,
    pub title: Sp<String>,
    pub owner: Option<Sp<String>>,
    pub reviewed: Option<Sp<Date>>,
    pub review_every: Option<Sp<i64>>,
    pub status: Sp<Status>,
    pub weight: i64,
    pub description: Option<Sp<String>>,
    pub tags: Vec<Sp<String>>,
    pub audience: Vec<Sp<String>>,
    pub channels: Vec<Sp<String>>,
    pub allow: Vec<String>,
    pub messages: Vec<Message>,
    pub claims: Vec<Claim>,
    pub persona: Option<Persona>,
    pub positioning: Option<Positioning>,
    pub competitor: Option<Competitor>,
    pub playbook: Option<Playbook>,
    pub glossary: Option<Glossary>,
    pub body: Body,
    /// Byte range of the front-matter block (between the `---` lines), if any.
    pub front_matter: Option<Span>,
    /// When loaded through the cache: the hash its parse is kept by (its text, its path
    /// and everything its parse read, `load::Reading::key`), so two documents with the
    /// same key and file id are the same. 0 otherwise. Not kept: the cache knows it.
    #[serde(skip)]
    pub key: u128,
}

impl Document {
    /// The folder of the document in navigation (`sales` for `sales/first-call.md`, for
    /// `sales/_index.md` and for `sales.md` beside `sales/`; empty at the root).
    pub fn folder(&self) -> &str {
        &self.dir
    }

    /// The section a document belongs to in navigation: its folder, or for a section
    /// page, the parent of its folder.
    pub fn parent_section(&self) -> Option<&str> {
        if self.is_section {
            let folder = self.folder();
            if folder.is_empty() {
                None
            } else {
                Some(folder.rsplit_once('/').map(|(p, _)| p).unwrap_or(""))
            }
        } else {
            Some(self.folder())
        }
    }

    pub fn allows(&self, rule: &str) -> bool {
        self.allow.iter().any(|r| r == rule)
    }
}
