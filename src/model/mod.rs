//! The handbook as one immutable model: documents, messages, claims, personas, the
//! glossary, id indexes and the navigation tree. `check` and `render` only read it.

mod document;
pub mod nav;
pub mod resolve;
pub mod uses;

pub use document::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
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
    pub nav: nav::Nav,
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

pub const GENERATED: &[(&str, &str)] = &[
    ("gtmbook/message-map/", "Message map"),
    ("gtmbook/claims/", "Claims register"),
    ("gtmbook/glossary/", "Glossary"),
    ("gtmbook/health/", "Handbook health"),
];

impl Handbook {
    /// Build the indexes, report duplicate ids and build navigation.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        root: PathBuf,
        config: Config,
        today: Date,
        sources: Sources,
        mut docs: Vec<Document>,
        assets: BTreeSet<String>,
        config_file: Option<crate::source::FileId>,
        diags: &mut Vec<Diagnostic>,
    ) -> Handbook {
        docs.sort_by(|a, b| a.rel.cmp(&b.rel));
        let mut hb = Handbook {
            root,
            config,
            today,
            sources,
            docs,
            assets,
            messages: HashMap::new(),
            claims: HashMap::new(),
            personas: HashMap::new(),
            doc_ids: HashMap::new(),
            by_rel: HashMap::new(),
            by_url: HashMap::new(),
            nav: nav::Nav::default(),
            config_file,
        };
        hb.index(diags);
        hb.nav = nav::Nav::build(&hb.docs);
        hb
    }

    fn index(&mut self, diags: &mut Vec<Diagnostic>) {
        let mut first_doc: BTreeMap<String, usize> = BTreeMap::new();
        for (i, d) in self.docs.iter().enumerate() {
            self.by_rel.insert(d.rel.clone(), i);
            self.by_url.entry(d.url.clone()).or_insert(i);
            if d.id_explicit {
                if let Some(o) = first_doc.get(&d.id.value).and_then(|o| self.docs.get(*o)) {
                    diags.push(duplicate("document", &d.id, &o.id));
                } else {
                    first_doc.insert(d.id.value.clone(), i);
                }
            }
            for (j, m) in d.messages.iter().enumerate() {
                match self.messages.get(&m.full) {
                    Some(l) => {
                        if let Some(o) = self.docs.get(l.doc).and_then(|d| d.messages.get(l.item)) {
                            diags.push(duplicate("message", &m.id, &o.id));
                        }
                    }
                    None => {
                        self.messages
                            .insert(m.full.clone(), Loc { doc: i, item: j });
                    }
                }
            }
            for (j, c) in d.claims.iter().enumerate() {
                match self.claims.get(&c.id.value) {
                    Some(l) => {
                        if let Some(o) = self.docs.get(l.doc).and_then(|d| d.claims.get(l.item)) {
                            diags.push(duplicate("claim", &c.id, &o.id));
                        }
                    }
                    None => {
                        self.claims
                            .insert(c.id.value.clone(), Loc { doc: i, item: j });
                    }
                }
            }
        }
        for (id, i) in &first_doc {
            self.doc_ids.insert(id.clone(), *i);
            if self
                .docs
                .get(*i)
                .is_some_and(|d| d.kind == DocType::Persona)
            {
                self.personas.insert(id.clone(), *i);
            }
        }
        // Default ids of plain pages resolve too, when unambiguous.
        let mut defaults: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, d) in self.docs.iter().enumerate() {
            if !d.id_explicit {
                defaults.entry(d.id.value.as_str()).or_default().push(i);
            }
        }
        for (id, list) in defaults {
            if let [only] = list.as_slice() {
                self.doc_ids.entry(id.to_string()).or_insert(*only);
            }
        }
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

    /// What a link of document `from` points at on the site (`None`: nothing);
    /// `model::resolve` has the rules and the details.
    pub fn resolve(&self, from: usize, link: &Link) -> Option<Target> {
        let doc = self.docs.get(from)?;
        resolve::resolve(self, doc, link).target
    }

    /// URL of a document (with `base_url`).
    pub fn url(&self, doc: &Document) -> String {
        format!(
            "{}{}",
            self.config.book.base_url,
            crate::load::markdown::encode_path(&doc.url)
        )
    }

    /// Is this document built into the site (drafts only with `build.drafts`)?
    /// Where an asset (a file copied as it is) is on disk: under the content folder,
    /// else under `static/`. Only a file the walk listed, and only as its resolved path
    /// while that is still a regular file inside the book (`load::vet`): never a
    /// symbolic link out of it, even one made after loading.
    pub fn asset_file(&self, rel: &str) -> Option<PathBuf> {
        if !self.assets.contains(rel) {
            return None;
        }
        let book = std::fs::canonicalize(&self.root).ok()?;
        [
            self.root.join(&self.config.build.content),
            self.root.join("static"),
        ]
        .into_iter()
        .filter_map(|dir| crate::load::vet(&book, &dir.join(rel)).ok())
        .find(|p| p.is_file())
    }

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

fn duplicate(what: &str, here: &Sp<String>, first: &Sp<String>) -> Diagnostic {
    Diagnostic::new(
        "id/duplicate",
        here.span,
        format!("{what} id `{}` is already used", here.value),
    )
    .related(
        first.span,
        format!("`{}` is first defined here", first.value),
    )
    .help(format!("give this {what} an id of its own"))
}
