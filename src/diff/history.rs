//! The messaging changelog of the site, from the git history: the last `[build]
//! changelog` commits that changed the content folder, read in one `git log`; only those
//! touching a messaging, claims or glossary document (by its type at load, or any file
//! the handbook does not hold any more) are compared, each against its first parent,
//! loading just those documents of both revisions with the same loader. Off (`None`)
//! when the book is not in a git repository or git does not run.

use super::revision::load_at;
use super::semantic::{approved_words, compare};
use crate::error::Error;
use crate::git;
use crate::model::{DocType, Document, Handbook};
use crate::render::changelog::{Changelog, Entry, Line};
use std::collections::{BTreeSet, HashMap};

/// Does this document hold approved words (messages, claims, glossary)?
fn holds_words(d: &Document) -> bool {
    matches!(
        d.kind,
        DocType::Messaging | DocType::Claims | DocType::Glossary
    ) || !d.messages.is_empty()
        || !d.claims.is_empty()
        || d.glossary.is_some()
}

fn is_markdown(p: &str) -> bool {
    p.ends_with(".md") || p.ends_with(".markdown")
}

/// The changelog of the last `n` commits of `hb`'s content folder (`None`: off).
pub fn changelog(hb: &Handbook, n: usize) -> Option<Changelog> {
    if n == 0 {
        return None;
    }
    // Not a repository, or no git: no changelog, and nothing to report.
    git::book_prefix(&hb.root).ok()?;
    read(hb, n).ok()
}

fn read(hb: &Handbook, n: usize) -> Result<Changelog, Error> {
    let root = hb.root.as_path();
    let commits = git::log(root, n, &hb.config.build.content)?;
    let current: HashMap<&str, &Document> = hb.docs.iter().map(|d| (d.path.as_str(), d)).collect();
    // The files worth reading at each revision: today's messaging documents and every
    // Markdown file of the window the handbook no longer holds (it may have held words).
    let mut wanted: BTreeSet<String> = hb
        .docs
        .iter()
        .filter(|d| holds_words(d))
        .map(|d| d.path.clone())
        .collect();
    for c in &commits {
        wanted.extend(
            c.files
                .iter()
                .filter(|f| is_markdown(f) && !current.contains_key(f.as_str()))
                .cloned(),
        );
    }
    let wanted: Vec<String> = wanted.into_iter().collect();
    let mut cache: HashMap<String, Option<Handbook>> = HashMap::new();
    let mut entries = Vec::new();
    for c in &commits {
        if !c.files.iter().any(|f| wanted.binary_search(f).is_ok()) {
            continue;
        }
        let parent = c.parent.clone();
        for h in std::iter::once(Some(&c.hash))
            .chain([parent.as_ref()])
            .flatten()
        {
            if !cache.contains_key(h) {
                let hb = load_at(root, h, hb.today, Some(&wanted))?;
                cache.insert(h.clone(), hb);
            }
        }
        let Some(Some(new)) = cache.get(&c.hash) else {
            continue;
        };
        let old = parent
            .as_ref()
            .and_then(|p| cache.get(p))
            .and_then(Option::as_ref);
        let changes = approved_words(compare(old, new));
        if changes.is_empty() {
            continue;
        }
        let lines = changes
            .into_iter()
            .map(|ch| {
                let text = ch
                    .fields
                    .iter()
                    .find(|f| matches!(f.field, "text" | "definition" | "avoid" | "reason"))
                    .or_else(|| ch.fields.first());
                Line {
                    kind: ch.kind.to_string(),
                    id: ch.id.clone(),
                    change: ch.change.to_string(),
                    field: text.map(|f| f.field.to_string()),
                    old: text.and_then(|f| f.old.clone()),
                    new: text.and_then(|f| f.new.clone()),
                    // An added or removed item has all its fields; only a change names others.
                    others: ch
                        .fields
                        .iter()
                        .filter(|_| !matches!(ch.change, "added" | "removed"))
                        .filter(|f| Some(f.field) != text.map(|t| t.field))
                        .map(|f| f.field.to_string())
                        .collect(),
                }
            })
            .collect();
        entries.push(Entry {
            hash: c.hash.clone(),
            short: c.short.clone(),
            date: c.date.clone(),
            subject: c.subject.clone(),
            lines,
        });
        // Older commits need only their own parent.
        cache.retain(|h, _| Some(h) == parent.as_ref());
    }
    Ok(Changelog {
        commits: entries,
        looked_back: commits.len(),
    })
}
