//! What import decides before it writes anything (`Plan`), the generators it knows, and
//! the constants its steps share.

use std::collections::BTreeMap;

/// The first line of every `book.toml` gtmbook import writes: its mark of ownership.
pub const MARK: &str = "# Written by `gtmbook import`.";

/// The baseline file import writes beside `book.toml`.
pub const BASELINE: &str = "gtmbook-baseline.json";

/// A front-matter key in at least this many files goes to `[lint] extra_keys`.
pub(super) const EXTRA_KEY_MIN_FILES: usize = 2;

/// Folders that hold no pages of a site: build output, dependencies, templates.
pub(super) const NOT_CONTENT: &[&str] = &[
    "node_modules",
    "vendor",
    "public",
    "_site",
    "build",
    "dist",
    "book",
    "themes",
    "layouts",
    "_layouts",
    "_includes",
    "_sass",
    "_data",
    "assets",
    "static",
    "resources",
    "archetypes",
    "data",
    "i18n",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    Hugo,
    Jekyll,
    Middleman,
    Eleventy,
    MdBook,
}

impl Generator {
    pub(super) fn name(self) -> &'static str {
        match self {
            Generator::Hugo => "Hugo",
            Generator::Jekyll => "Jekyll",
            Generator::Middleman => "Middleman",
            Generator::Eleventy => "Eleventy",
            Generator::MdBook => "mdBook",
        }
    }
}

/// What import decided, before it is written.
#[derive(Debug, Default)]
pub struct Plan {
    pub generator: Option<Generator>,
    /// Why: the files that showed the generator, the folder chosen and how.
    pub why: Vec<String>,
    pub title: String,
    pub language: Option<String>,
    pub base_url: Option<String>,
    pub content: String,
    pub mount: Option<String>,
    pub languages: Vec<String>,
    pub exclude: Vec<String>,
    pub extra_keys: Vec<String>,
    pub reviewed_from: Vec<String>,
    /// What the scan found.
    pub pages: usize,
    pub with_front_matter: usize,
    pub keys: BTreeMap<String, usize>,
    /// Markdown files outside the content folder (not imported).
    pub outside: Vec<String>,
    pub baseline: bool,
}
