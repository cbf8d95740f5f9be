//! The typed documents of SPEC 3, with the byte span of every value they came from.

use crate::source::{FileId, Span};
use jiff::civil::Date;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
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

#[derive(Debug, Clone)]
pub struct Message {
    pub id: Sp<String>,
    /// `DOCID.MSGID`
    pub full: String,
    pub kind: Sp<String>,
    pub text: Sp<String>,
    pub response: Option<Sp<String>>,
    pub channels: Vec<Sp<String>>,
    pub proof: Vec<Sp<String>>,
    pub status: Status,
    /// Span of the whole list item, for findings about the message itself.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: Sp<String>,
    pub text: Sp<String>,
    pub source: Option<Sp<String>>,
    pub as_of: Option<Sp<Date>>,
    pub expires: Option<Sp<Date>>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Persona {
    pub role: Option<Sp<String>>,
    pub trigger: Option<Sp<String>>,
    pub pain: Option<Sp<String>>,
    pub stakes: Option<Sp<String>>,
    pub decision_process: Option<Sp<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Positioning {
    pub product: Option<Sp<String>>,
    pub category: Option<Sp<String>>,
    pub for_: Vec<Sp<String>>,
    pub not_for: Vec<Sp<String>>,
    pub problem: Option<Sp<String>>,
    pub unlike: Vec<Sp<String>>,
    pub differentiators: Vec<Sp<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Competitor {
    pub name: Option<Sp<String>>,
    pub differentiators: Vec<Sp<String>>,
    pub landmines: Vec<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub title: Sp<String>,
    pub owner: Option<Sp<String>>,
    pub when: Option<Sp<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Playbook {
    pub steps: Vec<Step>,
    pub cadence: Option<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub term: Sp<String>,
    pub definition: Option<Sp<String>>,
    pub avoid: Vec<Sp<String>>,
}

#[derive(Debug, Clone)]
pub struct Banned {
    pub phrase: Sp<String>,
    pub reason: Option<Sp<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub terms: Vec<Term>,
    pub banned: Vec<Banned>,
}

/// The kind of a `{{kind:id}}` reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// A `{{kind:id}}` in the body.
#[derive(Debug, Clone)]
pub struct RefUse {
    pub kind: RefKind,
    pub id: String,
    pub span: Span,
}

/// A link or image in the body whose target is inside the handbook.
#[derive(Debug, Clone)]
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

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub span: Span,
}

/// A piece of prose with a map from offsets in `text` back to offsets in the file: a
/// front-matter value, owned by the checks that read it.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    pub text: String,
    /// `(offset in text, offset in file)` at the start of each run of copied text, as
    /// `u32` to halve the memory of a big handbook's prose (files past 4 GiB saturate).
    pub map: Vec<(u32, u32)>,
}

impl Prose {
    /// A prose block copied whole from `file_offset`.
    pub fn at(text: String, file_offset: usize) -> Prose {
        Prose {
            text,
            map: vec![(0, offset32(file_offset))],
        }
    }

    pub fn as_ref(&self) -> ProseRef<'_> {
        ProseRef {
            text: &self.text,
            start: 0,
            map: &self.map,
        }
    }
}

/// One block of prose (a paragraph, heading, list item or table cell), borrowed.
#[derive(Debug, Clone, Copy)]
pub struct ProseRef<'a> {
    pub text: &'a str,
    /// Where `text` starts in the string the map's offsets count in.
    start: u32,
    map: &'a [(u32, u32)],
}

impl ProseRef<'_> {
    /// File offset of a byte offset in `text`.
    pub fn file_offset(&self, off: usize) -> usize {
        let at = self.start as usize + off;
        let i = self.map.partition_point(|(t, _)| (*t as usize) <= at);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some((t, f)) => *f as usize + (at - *t as usize),
            None => self.map.first().map(|(_, f)| *f as usize).unwrap_or(0),
        }
    }
}

/// The prose of a body: every block in one string with one offset map, so a
/// 10,000-page handbook does not hold a quarter of a million small allocations.
#[derive(Debug, Clone, Default)]
pub struct ProseBlocks {
    text: String,
    map: Vec<(u32, u32)>,
    /// The end of each block in `text` and in `map`.
    ends: Vec<(u32, u32)>,
    /// A block is being written.
    open: bool,
}

fn offset32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ProseBlocks {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Block `i`.
    pub fn get(&self, i: usize) -> Option<ProseRef<'_>> {
        let (t_end, m_end) = *self.ends.get(i)?;
        let (t_start, m_start) = match i.checked_sub(1) {
            Some(p) => *self.ends.get(p)?,
            None => (0, 0),
        };
        Some(ProseRef {
            text: self.text.get(t_start as usize..t_end as usize)?,
            start: t_start,
            map: self.map.get(m_start as usize..m_end as usize)?,
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = ProseRef<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// End the current block, if any, and start a new one.
    pub fn open(&mut self) {
        self.close();
        self.open = true;
    }

    /// End the current block; a block of white space only is dropped.
    pub fn close(&mut self) {
        if !self.open {
            return;
        }
        self.open = false;
        let (t_start, m_start) = self.ends.last().copied().unwrap_or((0, 0));
        let blank = self
            .text
            .get(t_start as usize..)
            .is_none_or(|t| t.trim().is_empty());
        if blank {
            self.text.truncate(t_start as usize);
            self.map.truncate(m_start as usize);
        } else {
            self.ends
                .push((offset32(self.text.len()), offset32(self.map.len())));
        }
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Record that the text from here on was copied from `file_offset`.
    pub fn mark(&mut self, file_offset: usize) {
        if self.open {
            self.map
                .push((offset32(self.text.len()), offset32(file_offset)));
        }
    }

    pub fn push(&mut self, c: char) {
        if self.open {
            self.text.push(c);
        }
    }

    pub fn push_str(&mut self, s: &str) {
        if self.open {
            self.text.push_str(s);
        }
    }

    /// Close the last block and drop spare capacity: the model keeps this until the
    /// site is written.
    pub fn finish(&mut self) {
        self.close();
        self.text.shrink_to_fit();
        self.map.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Rendered body: HTML with holes for references, which are filled at render time
/// because they need the whole handbook.
#[derive(Debug, Clone)]
pub enum Part {
    Html(String),
    Ref(usize),
    /// The `href` of `links[n]`, filled at render from `model::resolve`.
    Link(usize),
}

#[derive(Debug, Clone, Default)]
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

#[derive(Debug, Clone)]
pub struct Document {
    pub file: FileId,
    /// Path from the book root: `content/sales/first-call.md`.
    pub path: String,
    /// Path from the content root: `sales/first-call.md`.
    pub rel: String,
    /// URL path below `base_url`: `sales/first-call/` (empty for the home page).
    pub url: String,
    /// `_index.md` or `index.md`: the page of its folder.
    pub is_section: bool,
    pub id: Sp<String>,
    /// Written in front-matter (or the document is typed): must be unique.
    pub id_explicit: bool,
    pub kind: DocType,
    pub title: Sp<String>,
    pub owner: Option<Sp<String>>,
    pub reviewed: Option<Sp<Date>>,
    pub review_every: Option<Sp<i64>>,
    pub status: Sp<crate::model::Status>,
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
}

impl Document {
    /// The folder of the document from the content root (`sales` for
    /// `sales/first-call.md` and for `sales/_index.md`; empty at the root).
    pub fn folder(&self) -> &str {
        self.rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
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

/// URL path (below `base_url`) of a document at `rel` from the content root.
pub fn url_for_rel(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let (dir, name) = stem.rsplit_once('/').unwrap_or(("", stem));
    if name == "_index" || name == "index" {
        if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        }
    } else if dir.is_empty() {
        format!("{name}/")
    } else {
        format!("{dir}/{name}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_pretty() {
        assert_eq!(url_for_rel("_index.md"), "");
        assert_eq!(url_for_rel("sales/_index.md"), "sales/");
        assert_eq!(url_for_rel("sales/index.md"), "sales/");
        assert_eq!(url_for_rel("sales/first-call.md"), "sales/first-call/");
        assert_eq!(url_for_rel("a.md"), "a/");
    }
}
