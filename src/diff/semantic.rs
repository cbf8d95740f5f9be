//! The semantic diff of two handbooks: documents compared first (renames found), then
//! every other item, then the pages each change reaches. Pure.

use super::change::{Change, KINDS};
use super::items::{compare_docs, compare_items, items};
use super::reach::reach;
use crate::model::Handbook;

/// What changed from `old` (`None`: no handbook there yet) to `new`, in the order of
/// [`KINDS`], then by id.
pub fn compare(old: Option<&Handbook>, new: &Handbook) -> Vec<Change> {
    let (mut changes, renamed) = match old {
        Some(o) => compare_docs(o, new),
        None => (Vec::new(), Default::default()),
    };
    let before = old.map(items).unwrap_or_default();
    changes.extend(compare_items(&before, &items(new), &renamed));
    if old.is_none() {
        // Every document of a new handbook is added.
        changes.extend(new.docs.iter().map(|d| Change {
            kind: "document",
            id: d.path.clone(),
            change: "added",
            file: d.path.clone(),
            old_id: None,
            old_file: None,
            fields: Vec::new(),
            pages: Vec::new(),
            broken_links: Vec::new(),
        }));
    }
    let rank = |k: &str| KINDS.iter().position(|x| *x == k).unwrap_or(KINDS.len());
    changes.sort_by(|a, b| rank(a.kind).cmp(&rank(b.kind)).then(a.id.cmp(&b.id)));
    reach(old, new, &mut changes);
    changes
}

/// Only the changes of approved words: messages, claims, glossary terms and banned
/// phrases (the messaging changelog).
pub fn approved_words(changes: Vec<Change>) -> Vec<Change> {
    changes
        .into_iter()
        .filter(|c| matches!(c.kind, "message" | "claim" | "term" | "banned"))
        .collect()
}
