//! The `Handbook`: every document, the indexes over them and the navigation tree, as
//! one immutable value (built by `build.rs`), with the questions asked of it.

use super::address::Layout;
use super::document::Document;
use super::index::{Backlinks, Uses};
use super::nav;
use super::typed::{Claim, Message};
use super::values::Status;
use crate::config::Config;
use crate::source::Sources;
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// Where a message or claim lives: document index and item index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub doc: usize,
    pub item: usize,
}

#[derive(Debug)]
pub struct Handbook {
    pub root: PathBuf,
    pub config: Config,
    pub today: Date,
    pub sources: Sources,
    /// Sorted by path.
    pub docs: Vec<Document>,
    /// Paths (from the content root) of files that are not documents: non-Markdown files
    /// under `content/` and everything under `static/`. Links may point at them.
    pub assets: BTreeSet<String>,
    pub messages: HashMap<String, Loc>,
    pub claims: HashMap<String, Loc>,
    pub personas: HashMap<String, usize>,
    /// Documents by written or typed id (and by default id when no other claims it).
    pub doc_ids: HashMap<String, usize>,
    pub by_rel: HashMap<String, usize>,
    pub by_url: HashMap<String, usize>,
    /// Old addresses (`aliases`, `redirect_from`) → the document they redirect to, as
    /// URL paths below `base_url` (`old/page/`, `old.html`). Only those that collide
    /// with nothing: each gets a redirect page.
    pub by_alias: BTreeMap<String, usize>,
    /// Documents whose address another document, a generated page or a file already
    /// takes (an `id/duplicate` finding each): never written.
    pub shadowed: BTreeSet<usize>,
    /// Language trees and folders of documents: how paths became addresses.
    pub layout: Layout,
    pub nav: nav::Nav,
    /// Who uses each message, claim and persona.
    pub uses: Uses,
    /// Which links point at each document and anchor, built at the first question (`backlinks()`): `check` and `build` resolve every
    /// link already, and only `impact` asks who links where.
    pub(super) backlinks: std::sync::OnceLock<Backlinks>,
    /// The file of book.toml.
    pub config_file: Option<crate::source::FileId>,
}

/// What a link resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Doc(usize),
    /// A generated page, an asset or a section without a page: exists, no anchors known.
    Other,
}

impl Handbook {
    /// Will this document's page be written (built, and its address its own)?
    pub fn is_published(&self, i: usize) -> bool {
        !self.shadowed.contains(&i) && self.docs.get(i).is_some_and(|d| self.is_built(d))
    }

    pub fn message(&self, full: &str) -> Option<(&Document, &Message)> {
        let l = self.messages.get(full)?;
        let d = self.docs.get(l.doc)?;
        Some((d, d.messages.get(l.item)?))
    }

    pub fn claim(&self, id: &str) -> Option<(&Document, &Claim)> {
        let l = self.claims.get(id)?;
        let d = self.docs.get(l.doc)?;
        Some((d, d.claims.get(l.item)?))
    }

    pub fn persona(&self, id: &str) -> Option<&Document> {
        self.personas.get(id).and_then(|i| self.docs.get(*i))
    }

    pub fn doc_by_id(&self, id: &str) -> Option<&Document> {
        self.doc_ids.get(id).and_then(|i| self.docs.get(*i))
    }

    /// URL of a document (with `base_url`).
    pub fn url(&self, doc: &Document) -> String {
        format!(
            "{}{}",
            self.config.book.base_url,
            crate::url::encode_path(&doc.url)
        )
    }

    /// Is this document built into the site (drafts only with `build.drafts`)?
    pub fn is_built(&self, doc: &Document) -> bool {
        doc.status.value != Status::Draft || self.config.build.drafts
    }

    /// The review period of a document, in days.
    pub fn review_every(&self, doc: &Document) -> i64 {
        doc.review_every
            .as_ref()
            .map(|r| r.value)
            .unwrap_or(self.config.lint.review_every_days)
    }
}
