//! The output files of the site, each claimed once: the generated pages and files,
//! section listings, copied files, then documents and their old addresses. A document
//! or alias whose file is taken is an `id/duplicate` finding and is not written.

use super::address::output_file;
use super::handbook::Handbook;
use crate::diagnostics::Diagnostic;
use crate::rules;
use std::collections::{BTreeMap, BTreeSet};

pub const GENERATED: &[(&str, &str)] = &[
    ("gtmbook/message-map/", "Message map"),
    ("gtmbook/claims/", "Claims register"),
    ("gtmbook/glossary/", "Glossary"),
    ("gtmbook/health/", "Handbook health"),
    ("gtmbook/cadence/", "Operating cadence"),
];

/// Generated pages made only when their data exists (the messaging changelog needs a
/// git history): their addresses are reserved like [`GENERATED`] ones, without a
/// footer link of their own.
pub const OPTIONAL_GENERATED: &[(&str, &str)] = &[("gtmbook/changelog/", "Messaging changelog")];

/// Files of the site made from the whole handbook, besides [`GENERATED`] pages.
pub const GENERATED_FILES: &[(&str, &str)] = &[
    ("404.html", "the page for addresses that do not exist"),
    ("api/messages.json", "the messages API file"),
    ("api/claims.json", "the claims API file"),
    ("api/terms.json", "the terms API file"),
    ("api/health.json", "the health API file"),
    ("search/index.json", "the search index"),
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
    /// Every output file the site will hold, claimed once: generated pages and copied
    /// files first, then documents in path order, then aliases. A document or alias whose
    /// file is taken (exactly, only by case, or as a file where a folder must be) is an
    /// `id/duplicate` finding naming both, and is not written.
    pub(super) fn addresses(&mut self, diags: &mut Vec<Diagnostic>) {
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
        for (u, name) in GENERATED.iter().chain(OPTIONAL_GENERATED) {
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
}

/// Call `f` with each folder on the way to `path` (`a`, `a/b` for `a/b/c`).
fn ancestors(path: &str, mut f: impl FnMut(&str)) {
    for (at, _) in path.match_indices('/') {
        if let Some(d) = path.get(..at) {
            f(d);
        }
    }
}
