//! The `Handbook`: every document and the indexes over them, built once by
//! [`Handbook::new`], with the output files claimed once and duplicate ids reported.

use super::{
    Claim, DocType, Document, Layout, Link, Message, Sp, Status, nav, output_file, resolve,
};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::rules;
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

/// Files of the site made from the whole handbook, besides [`GENERATED`] pages.
pub const GENERATED_FILES: &[(&str, &str)] = &[
    ("404.html", "the page for addresses that do not exist"),
    ("api/messages.json", "the messages API file"),
    ("api/claims.json", "the claims API file"),
    ("api/terms.json", "the terms API file"),
    ("search/docs.json", "the search index"),
];

/// What takes an output file of the site.
#[derive(Debug, Clone, Copy)]
enum Taker<'a> {
    /// A file gtmbook makes: a description.
    Made(&'a str),
    /// A generated page: its title.
    Generated(&'a str),
    /// A section listing made for a folder without a page of its own.
    Listing(&'a str),
    /// A file copied as it is (from the content folder or `static/`).
    Asset(&'a str),
    Doc(usize),
    /// Document, alias index.
    Alias(usize, usize),
}

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
            by_alias: BTreeMap::new(),
            shadowed: BTreeSet::new(),
            layout: Layout::default(),
            nav: nav::Nav::default(),
            config_file,
        };
        hb.index(diags);
        hb.layout = Layout::new(
            &hb.config.build.languages,
            &hb.config.book.language,
            hb.docs.iter().map(|d| d.rel.as_str()),
            hb.assets.iter().map(String::as_str),
        );
        // Each language but the default one is a navigation tree of its own.
        let roots: BTreeSet<String> = hb
            .layout
            .languages
            .iter()
            .filter(|l| **l != hb.layout.default_lang)
            .cloned()
            .collect();
        hb.nav = nav::Nav::build(&hb.docs, &roots);
        hb.addresses(diags);
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

    /// Every output file the site will hold, claimed once: generated pages and copied
    /// files first, then documents in path order, then aliases. A document or alias whose
    /// file is taken (exactly, only by case, or as a file where a folder must be) is an
    /// `id/duplicate` finding naming both, and is not written.
    fn addresses(&mut self, diags: &mut Vec<Diagnostic>) {
        let mut files: BTreeMap<String, Taker> = BTreeMap::new();
        let mut dirs: BTreeMap<String, Taker> = BTreeMap::new();
        let listing_files: Vec<(String, &str)> = self
            .nav
            .sections
            .iter()
            .filter(|(_, s)| s.doc.is_none())
            .map(|(p, _)| {
                (
                    output_file(&if p.is_empty() {
                        String::new()
                    } else {
                        format!("{p}/")
                    }),
                    p.as_str(),
                )
            })
            .collect();
        let mut fixed: Vec<(String, Taker)> = Vec::new();
        for (u, name) in GENERATED {
            fixed.push((output_file(u), Taker::Generated(name)));
        }
        for (f, what) in GENERATED_FILES {
            fixed.push(((*f).to_string(), Taker::Made(what)));
        }
        for (f, p) in &listing_files {
            fixed.push((f.clone(), Taker::Listing(p)));
        }
        for a in &self.assets {
            fixed.push((a.clone(), Taker::Asset(a)));
        }
        for (f, c) in fixed {
            let key = f.to_lowercase();
            ancestors(&key, |d| {
                dirs.entry(d.to_string()).or_insert(c);
            });
            files.entry(key).or_insert(c);
        }
        let mut shadowed = BTreeSet::new();
        let mut aliases = BTreeMap::new();
        let mut found = Vec::new();
        let claimants = self.docs.iter().enumerate().flat_map(|(i, d)| {
            std::iter::once((output_file(&d.url), Taker::Doc(i))).chain(
                d.aliases
                    .iter()
                    .enumerate()
                    .map(move |(j, a)| (output_file(&a.value), Taker::Alias(i, j))),
            )
        });
        // Documents first, so that an alias never takes a page's address.
        let mut claimants: Vec<(String, Taker)> = claimants.collect();
        claimants.sort_by_key(|(_, c)| matches!(c, Taker::Alias(..)));
        for (f, c) in claimants {
            let key = f.to_lowercase();
            let mut taken = files.get(&key).copied().or_else(|| dirs.get(&key).copied());
            if taken.is_none() {
                ancestors(&key, |d| {
                    if taken.is_none() {
                        taken = files.get(d).copied();
                    }
                });
            }
            // An old address that is a page's own needs no redirect.
            if let Taker::Alias(i, j) = c
                && self
                    .docs
                    .get(i)
                    .is_some_and(|d| d.aliases.get(j).is_some_and(|a| a.value == d.url))
            {
                continue;
            }
            // An old address wins over a listing gtmbook would make up for a folder
            // without a page: the old site had the redirect there.
            if let (Taker::Alias(..), Some(Taker::Listing(_))) = (c, taken)
                && files
                    .get(&key)
                    .is_some_and(|t| matches!(t, Taker::Listing(_)))
            {
                taken = None;
            }
            match taken {
                Some(first) => {
                    found.push(self.collision(c, first));
                    if let Taker::Doc(i) = c {
                        shadowed.insert(i);
                    }
                }
                None => {
                    ancestors(&key, |d| {
                        dirs.entry(d.to_string()).or_insert(c);
                    });
                    files.insert(key, c);
                    if let Taker::Alias(i, j) = c
                        && let Some(a) = self.docs.get(i).and_then(|d| d.aliases.get(j))
                    {
                        aliases.insert(a.value.clone(), i);
                    }
                }
            }
        }
        diags.extend(found);
        self.shadowed = shadowed;
        self.by_alias = aliases;
    }

    /// The finding for `c`, whose output file `first` already takes.
    fn collision(&self, c: Taker, first: Taker) -> Diagnostic {
        let base = &self.config.book.base_url;
        let url_of = |c: Taker| -> String {
            match c {
                Taker::Doc(i) => self.docs.get(i).map(|d| d.url.clone()).unwrap_or_default(),
                Taker::Alias(i, j) => self
                    .docs
                    .get(i)
                    .and_then(|d| d.aliases.get(j))
                    .map(|a| a.value.clone())
                    .unwrap_or_default(),
                Taker::Made(_) | Taker::Generated(_) | Taker::Listing(_) | Taker::Asset(_) => {
                    String::new()
                }
            }
        };
        let here = url_of(c);
        let (span, what) = match c {
            Taker::Alias(i, j) => {
                let d = self.docs.get(i);
                (
                    d.and_then(|d| d.aliases.get(j)).map(|a| a.span),
                    format!(
                        "the old address {base}{here} of {}",
                        d.map(|d| d.path.as_str()).unwrap_or("")
                    ),
                )
            }
            Taker::Doc(i) => {
                let d = self.docs.get(i);
                (
                    d.map(|d| d.url_span.unwrap_or(crate::source::Span::new(d.file, 0, 0))),
                    format!(
                        "{} publishes at {base}{here}",
                        d.map(|d| d.path.as_str()).unwrap_or("")
                    ),
                )
            }
            _ => (None, String::new()),
        };
        let span = span.unwrap_or(crate::source::Span::new(
            self.config_file.unwrap_or(crate::source::FileId(0)),
            0,
            0,
        ));
        let other_url = url_of(first);
        let case_only = matches!(first, Taker::Doc(_) | Taker::Alias(..))
            && other_url != here
            && other_url.to_lowercase() == here.to_lowercase();
        let (owner, related) = match first {
            Taker::Made(name) => (format!("which is {name}"), None),
            Taker::Generated(name) => (
                format!("the address of the generated page \"{name}\""),
                None,
            ),
            Taker::Listing(p) => (
                format!(
                    "which is the generated listing of the folder `{p}/` (it has no page of its own)"
                ),
                None,
            ),
            Taker::Asset(a) => (format!("where the file `{a}` is copied"), None),
            Taker::Doc(i) => {
                let d = self.docs.get(i);
                let path = d.map(|d| d.path.clone()).unwrap_or_default();
                let related = d.map(|d| {
                    (
                        d.url_span.unwrap_or(crate::source::Span::new(d.file, 0, 0)),
                        format!("{path} publishes at {base}{other_url}"),
                    )
                });
                (format!("the address of {path}"), related)
            }
            Taker::Alias(i, j) => {
                let d = self.docs.get(i);
                let path = d.map(|d| d.path.clone()).unwrap_or_default();
                let related = d
                    .and_then(|d| d.aliases.get(j))
                    .map(|a| (a.span, format!("an old address of {path}")));
                (format!("an old address of {path}"), related)
            }
        };
        let message = if case_only {
            format!(
                "{what}, which differs only by case from {base}{other_url}, {owner}: on macOS and Windows one would replace the other; not written"
            )
        } else {
            format!("{what}, {owner}; not written")
        };
        let mut d = Diagnostic::new(&rules::ID_DUPLICATE, span, message).help(match c {
            Taker::Alias(..) => "remove the old address, or point it somewhere free",
            _ => "rename or move one of the files, or give one a `slug` or `permalink` of its own",
        });
        if let Some((span, label)) = related {
            d = d.related(span, label);
        }
        d
    }

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

/// Call `f` with each folder on the way to `path` (`a`, `a/b` for `a/b/c`).
fn ancestors(path: &str, mut f: impl FnMut(&str)) {
    for (at, _) in path.match_indices('/') {
        if let Some(d) = path.get(..at) {
            f(d);
        }
    }
}

fn duplicate(what: &str, here: &Sp<String>, first: &Sp<String>) -> Diagnostic {
    Diagnostic::new(
        &rules::ID_DUPLICATE,
        here.span,
        format!("{what} id `{}` is already used", here.value),
    )
    .related(
        first.span,
        format!("`{}` is first defined here", first.value),
    )
    .help(format!("give this {what} an id of its own"))
}
