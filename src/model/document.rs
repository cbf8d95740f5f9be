//! The typed documents of SPEC 3, with the byte span of every value they came from.

use crate::source::{FileId, Span};
use jiff::civil::Date;
use std::collections::BTreeSet;

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

/// The name of a Markdown file without its extension (`.md`, `.markdown`, and a
/// `.html` before them, as Middleman names pages), or `None` for other files.
pub fn page_stem(name: &str) -> Option<&str> {
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))?;
    Some(stem.strip_suffix(".html").unwrap_or(stem))
}

/// Is a file with this stem its folder's page?
pub fn is_index_stem(stem: &str) -> bool {
    stem == "_index" || stem == "index" || stem.eq_ignore_ascii_case("readme")
}

/// Is `path` (from the content root) a document?
pub fn is_document(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    page_stem(name).is_some_and(|s| !s.is_empty())
}

/// Is `s` a language code: two or three letters, optionally a region (`pt-BR`)?
pub fn is_language_code(s: &str) -> bool {
    let (lang, region) = match s.split_once('-') {
        Some((l, r)) => (l, Some(r)),
        None => (s, None),
    };
    (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// How paths under the content folder become addresses: which top-level folders are
/// language trees, and which folders hold documents (so that `foo.md` beside `foo/` is
/// that folder's page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// `[book] language`: its tree publishes at the site's root.
    pub default_lang: String,
    /// Top-level folders that are a language's tree.
    pub languages: BTreeSet<String>,
    /// Every folder (from the content root) holding a document, at any depth.
    pub folders: BTreeSet<String>,
}

impl Layout {
    /// The layout of a content folder holding `docs` (document paths) and `others`
    /// (every other file), with `[build] languages` (empty: detect the Hugo layout) and
    /// `[book] language`.
    pub fn new<'a>(
        languages: &[String],
        default_lang: &str,
        docs: impl IntoIterator<Item = &'a str>,
        others: impl IntoIterator<Item = &'a str>,
    ) -> Layout {
        let mut folders = BTreeSet::new();
        for rel in docs {
            let mut dir = rel;
            while let Some((d, _)) = dir.rsplit_once('/') {
                if !folders.insert(d.to_string()) {
                    break;
                }
                dir = d;
            }
        }
        let languages = if languages.is_empty() {
            // Hugo's multilingual layout: `content/en/`, `content/fr/`, and no other folder.
            let mut top: BTreeSet<&str> = folders
                .iter()
                .filter(|f| !f.contains('/'))
                .map(String::as_str)
                .collect();
            top.extend(
                others
                    .into_iter()
                    .filter_map(|r| r.split_once('/').map(|(t, _)| t)),
            );
            if top.contains(default_lang) && top.iter().all(|t| is_language_code(t)) {
                top.into_iter().map(String::from).collect()
            } else {
                BTreeSet::new()
            }
        } else {
            languages.iter().cloned().collect()
        };
        Layout {
            default_lang: default_lang.to_string(),
            languages,
            folders,
        }
    }

    /// The language of a path and the path in its language's tree (without the
    /// default language's folder).
    pub fn language_of<'r>(&self, rel: &'r str) -> (&str, &'r str) {
        if let Some((top, rest)) = rel.split_once('/')
            && let Some(lang) = self.languages.get(top)
        {
            if *lang == self.default_lang {
                return (lang, rest);
            }
            return (lang, rel);
        }
        (&self.default_lang, rel)
    }
}

/// Where a document publishes, worked out from its path alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// URL path below `base_url`: `sales/first-call/`, empty for the home page.
    pub url: String,
    pub is_section: bool,
    /// Its folder in navigation (see [`Document::dir`]).
    pub dir: String,
    /// The language of its folder.
    pub lang: String,
}

/// The address of the document at `rel` (from the content root), before `slug` and
/// `permalink`.
pub fn address(rel: &str, layout: &Layout) -> Address {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = page_stem(name).unwrap_or(name);
    let (lang, tree) = layout.language_of(rel);
    let lang = lang.to_string();
    let tree_dir = tree.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    // Is a top-level language folder `fr/` and `fr.md` beside it: a plain page.
    let own = if dir.is_empty() {
        stem.to_string()
    } else {
        format!("{dir}/{stem}")
    };
    let beside = !is_index_stem(stem)
        && layout.folders.contains(&own)
        && !(dir.is_empty() && layout.languages.contains(stem));
    let (is_section, nav_dir) = if is_index_stem(stem) {
        (true, tree_dir.to_string())
    } else if beside {
        let (_, tree_own) = layout.language_of(&own);
        // `en.md` beside the default language's `en/` is not reached: see `beside`.
        (true, tree_own.to_string())
    } else {
        (false, tree_dir.to_string())
    };
    let url = if is_section {
        if nav_dir.is_empty() {
            String::new()
        } else {
            format!("{nav_dir}/")
        }
    } else if nav_dir.is_empty() {
        format!("{stem}/")
    } else {
        format!("{nav_dir}/{stem}/")
    };
    Address {
        url,
        is_section,
        dir: nav_dir,
        lang,
    }
}

/// URL path (below `base_url`) of a document at `rel` from the content root, from its
/// path alone (no languages, no front-matter): what a link to a `.md` file means.
pub fn url_for_rel(rel: &str) -> String {
    address(rel, &Layout::default()).url
}

/// Why an address written in front-matter cannot be used, if it cannot.
fn unsafe_address(s: &str) -> Option<&'static str> {
    if s.chars().any(|c| c.is_control() || c == '\\') {
        return Some("holds a control character or a backslash");
    }
    if let Some((scheme, _)) = s.split_once(':')
        && !scheme.is_empty()
        && !scheme.contains('/')
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return Some("is a URL with a scheme, not a path on this site");
    }
    if s.contains("//") {
        return Some("holds `//`");
    }
    if s.split('/').any(|p| p == ".." || p == ".") {
        return Some("holds a `.` or `..` segment");
    }
    if s.contains(['?', '#']) {
        return Some("holds a `?` or `#`");
    }
    None
}

/// A front-matter address (`permalink`, an alias) as a URL path below `base_url`:
/// `/a/b` → `a/b/`, `/old.html` → `old.html`, `/` → empty. `Err` says why not.
pub fn written_address(s: &str) -> Result<String, String> {
    let t = s.trim();
    if let Some(why) = unsafe_address(t) {
        return Err(why.to_string());
    }
    let t = t.trim_start_matches('/');
    if t.is_empty() {
        return Ok(String::new());
    }
    if t.ends_with('/') {
        return Ok(t.to_string());
    }
    let last = t.rsplit('/').next().unwrap_or(t);
    if last.ends_with(".html") || last.ends_with(".htm") {
        Ok(t.to_string())
    } else {
        Ok(format!("{t}/"))
    }
}

/// Does a `permalink` use Jekyll's or Hugo's placeholders (`:title`, `:year`)?
pub fn has_placeholder(s: &str) -> bool {
    s.split('/')
        .any(|p| p.starts_with(':') && p.chars().nth(1).is_some_and(|c| c.is_ascii_alphabetic()))
}

/// Why a `slug` cannot be a URL segment, if it cannot.
pub fn bad_slug(s: &str) -> Option<&'static str> {
    let t = s.trim();
    if t.is_empty() {
        Some("is empty")
    } else if t == "." || t == ".." {
        Some("is `.` or `..`")
    } else if t.contains(['/', '\\', '?', '#']) || t.chars().any(char::is_control) {
        Some("holds `/`, `\\`, `?`, `#` or a control character")
    } else {
        None
    }
}

/// The file a URL path is written to: `a/` → `a/index.html`, `old.html` as it is.
pub fn output_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
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
        assert_eq!(url_for_rel("index.html.md"), "");
        assert_eq!(url_for_rel("tools/index.html.md"), "tools/");
        assert_eq!(url_for_rel("tools/README.md"), "tools/");
        assert_eq!(url_for_rel("tools/readme.md"), "tools/");
        assert_eq!(url_for_rel("tools/slack.html.md"), "tools/slack/");
        assert_eq!(url_for_rel("tools/slack.markdown"), "tools/slack/");
    }

    fn layout(langs: &[&str], docs: &[&str]) -> Layout {
        let langs: Vec<String> = langs.iter().map(|s| s.to_string()).collect();
        Layout::new(&langs, "en", docs.iter().copied(), [])
    }

    #[test]
    fn a_page_beside_its_folder_is_the_folder_page() {
        let l = layout(&[], &["foo.md", "foo/bar.md"]);
        let a = address("foo.md", &l);
        assert!(a.is_section);
        assert_eq!((a.url.as_str(), a.dir.as_str()), ("foo/", "foo"));
        assert!(!address("foo/bar.md", &l).is_section);
    }

    #[test]
    fn hugo_language_trees() {
        let l = layout(&[], &["en/_index.md", "en/a.md", "fr/_index.md", "fr/a.md"]);
        assert_eq!(l.languages.len(), 2);
        assert_eq!(address("en/a.md", &l).url, "a/");
        assert_eq!(address("en/_index.md", &l).url, "");
        let fr = address("fr/a.md", &l);
        assert_eq!((fr.url.as_str(), fr.lang.as_str()), ("fr/a/", "fr"));
        // Another top-level folder: not the Hugo layout.
        let l = layout(&[], &["en/a.md", "sales/a.md"]);
        assert!(l.languages.is_empty());
        assert_eq!(address("en/a.md", &l).url, "en/a/");
    }

    #[test]
    fn written_addresses() {
        assert_eq!(written_address("/a/b").as_deref(), Ok("a/b/"));
        assert_eq!(written_address("a/b/").as_deref(), Ok("a/b/"));
        assert_eq!(written_address("/").as_deref(), Ok(""));
        assert_eq!(written_address("/old.html").as_deref(), Ok("old.html"));
        for bad in [
            "../x",
            "https://x.test/",
            "//x.test/a",
            "javascript:alert(1)",
            "a/./b",
        ] {
            assert!(written_address(bad).is_err(), "{bad}");
        }
        assert!(has_placeholder("/:categories/:title/"));
        assert!(!has_placeholder("/a/b/"));
    }
}
