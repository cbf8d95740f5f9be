//! The pages each change reaches, read from the reverse indexes of the model: the pages
//! whose rendered text changes because of it (the page defining the item, the pages
//! rendering or citing its id), and, for a document or heading that is gone or moved,
//! the pages whose links pointed there and now point at nothing (broken-link risks).
//! Pure: two models in, lists of pages out.
//!
//! Which changes reach the pages using an item: a message's text, its retirement, its
//! removal or move; a claim's text, numbers and source, its removal or move; a persona's
//! title, retirement, removal or move. Other fields (a message's kind, channels or
//! proof, a claim's dates, a persona's pain) show only on the page that defines it;
//! glossary, positioning and document changes reach their own page.

use super::change::{Change, PageRef};
use super::items::anchor_ids;
use crate::model::{Document, Handbook, Target, UsedBy, Via};
use std::collections::{BTreeSet, HashMap};

fn page(d: &Document, hb: &Handbook, via: &'static str) -> PageRef {
    PageRef {
        file: d.path.clone(),
        title: d.title.value.clone(),
        url: hb.url(d),
        channels: d.channels.iter().map(|c| c.value.clone()).collect(),
        owner: d.owner.as_ref().map(|o| o.value.clone()),
        via,
    }
}

fn via_name(v: Via) -> &'static str {
    match v {
        Via::Body(_) | Via::Prose => "renders",
        Via::Proof { .. } | Via::Differentiator => "cites",
        Via::Audience => "audience",
    }
}

/// Pages as a set keyed by file, the first way of use kept.
#[derive(Default)]
struct Pages {
    list: Vec<PageRef>,
    seen: BTreeSet<String>,
}

impl Pages {
    fn add(&mut self, p: PageRef) {
        if self.seen.insert(p.file.clone()) {
            self.list.push(p);
        }
    }

    fn done(mut self) -> Vec<PageRef> {
        self.list.sort_by(|a, b| a.file.cmp(&b.file));
        self.list
    }
}

struct Books<'a> {
    old: Option<&'a Handbook>,
    new: &'a Handbook,
    new_by: HashMap<&'a str, usize>,
}

impl<'a> Books<'a> {
    fn new_doc(&self, path: &str) -> Option<(usize, &'a Document)> {
        let i = *self.new_by.get(path)?;
        Some((i, self.new.docs.get(i)?))
    }

    /// The defining page, in the new version (or the old file, when it still exists).
    fn defining(&self, c: &Change, pages: &mut Pages) {
        for f in [Some(&c.file), c.old_file.as_ref()].into_iter().flatten() {
            if let Some((_, d)) = self.new_doc(f) {
                pages.add(page(d, self.new, "defines"));
            }
        }
    }

    /// Pages using an id, in the new version and (mapped to the new version by path) in
    /// the old one: a page that stopped using it changes too.
    fn users(
        &self,
        pick: fn(&crate::model::Uses) -> &HashMap<String, UsedBy>,
        ids: &[&str],
        pages: &mut Pages,
    ) {
        for id in ids {
            if let Some(u) = pick(&self.new.uses).get(*id) {
                for x in &u.uses {
                    if let Some(d) = self.new.docs.get(x.doc) {
                        pages.add(page(d, self.new, via_name(x.via)));
                    }
                }
            }
            if let Some(old) = self.old
                && let Some(u) = pick(&old.uses).get(*id)
            {
                for x in &u.uses {
                    if let Some(d) = old.docs.get(x.doc)
                        && let Some((_, n)) = self.new_doc(&d.path)
                    {
                        pages.add(page(n, self.new, via_name(x.via)));
                    }
                }
            }
        }
    }

    /// Pages of the new version with a link that pointed at old document `oi` (at
    /// `anchor`, if given) and now points at nothing there.
    fn broken(&self, oi: usize, anchor: Option<&str>, pages: &mut Pages) {
        let Some(old) = self.old else { return };
        let linkers: Vec<usize> = match anchor {
            None => old.backlinks().to_doc(oi).cloned().unwrap_or_default(),
            Some(a) => old
                .backlinks()
                .to_anchor(oi, a)
                .iter()
                .map(|l| l.doc)
                .collect(),
        };
        for j in linkers {
            let Some(od) = old.docs.get(j) else { continue };
            let Some((nj, nd)) = self.new_doc(&od.path) else {
                continue;
            };
            // The destinations, as written, that pointed there.
            let raws: BTreeSet<&str> = od
                .body
                .links
                .iter()
                .filter(|l| {
                    old.resolve(j, l) == Some(Target::Doc(oi))
                        && anchor.is_none_or(|a| {
                            l.anchor.as_deref().is_some_and(|f| {
                                old.docs
                                    .get(oi)
                                    .and_then(|t| crate::model::resolve::anchor(t, f))
                                    .unwrap_or(f)
                                    == a
                            })
                        })
                })
                .map(|l| l.raw.as_str())
                .collect();
            let still_broken = nd.body.links.iter().any(|l| {
                raws.contains(l.raw.as_str())
                    && match self.new.resolve(nj, l) {
                        None => true,
                        Some(Target::Doc(t)) => match (&l.anchor, self.new.docs.get(t)) {
                            (Some(f), Some(td)) => {
                                anchor.is_some()
                                    && crate::model::resolve::anchor(td, f).is_none()
                                    && !anchor_ids(td, true).contains(f)
                            }
                            _ => false,
                        },
                        Some(Target::Other) => false,
                    }
            });
            if still_broken {
                pages.add(page(nd, self.new, "links"));
            }
        }
    }
}

fn reaches_users(c: &Change) -> bool {
    match c.kind {
        "message" | "claim" | "persona" => {
            c.change != "changed"
                || c.fields.iter().any(|f| {
                    matches!(
                        (c.kind, f.field),
                        ("message", "text")
                            | ("claim", "text" | "numbers" | "source")
                            | ("persona", "title")
                    )
                })
        }
        _ => false,
    }
}

/// Fill `pages` and `broken_links` of every change, `old` being the version before
/// (`None`: there was no handbook).
pub(super) fn reach(old: Option<&Handbook>, new: &Handbook, changes: &mut [Change]) {
    let books = Books {
        old,
        new,
        new_by: new
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.path.as_str(), i))
            .collect(),
    };
    let old_by: HashMap<&str, usize> = old
        .map(|o| {
            o.docs
                .iter()
                .enumerate()
                .map(|(i, d)| (d.path.as_str(), i))
                .collect()
        })
        .unwrap_or_default();
    for c in changes.iter_mut() {
        let mut pages = Pages::default();
        let mut broken = Pages::default();
        books.defining(c, &mut pages);
        if reaches_users(c) {
            let ids: Vec<&str> = [Some(c.id.as_str()), c.old_id.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            let pick: fn(&crate::model::Uses) -> &HashMap<String, UsedBy> = match c.kind {
                "message" => |u| &u.messages,
                "claim" => |u| &u.claims,
                _ => |u| &u.personas,
            };
            books.users(pick, &ids, &mut pages);
        }
        if c.kind == "document" {
            let was = c.old_file.as_deref().unwrap_or(&c.file);
            if let Some(&oi) = old_by.get(was) {
                match c.change {
                    "deleted" | "renamed" => books.broken(oi, None, &mut broken),
                    _ => {
                        if let (Some(o), Some((_, n))) =
                            (old.and_then(|o| o.docs.get(oi)), books.new_doc(&c.file))
                        {
                            let now = anchor_ids(n, false);
                            for a in anchor_ids(o, false).difference(&now) {
                                books.broken(oi, Some(a), &mut broken);
                            }
                        }
                    }
                }
            }
        }
        c.pages = pages.done();
        c.broken_links = broken.done();
    }
}
