//! The backlinks index: every link of every document resolved once (in parallel), by
//! the same resolver as `check` and `build`, and kept by the document and anchor it
//! points at.

use super::handbook::{Handbook, Target};
use super::index::{Backlinks, LinkAt};
use super::resolve;
use rayon::prelude::*;

impl Handbook {
    /// Who links to each document and anchor, built at the first call.
    pub fn backlinks(&self) -> &Backlinks {
        self.backlinks.get_or_init(|| build(self))
    }
}

/// Who links to whom in `hb`.
fn build(hb: &Handbook) -> Backlinks {
    // For each document: (link, target document, element id of the fragment).
    let found: Vec<Vec<(usize, usize, Option<String>)>> = hb
        .docs
        .par_iter()
        .map(|d| {
            let mut out = Vec::new();
            for (n, l) in d.body.links.iter().enumerate() {
                if let Some(Target::Doc(i)) = resolve::resolve(hb, d, l).target {
                    let id = l.anchor.as_ref().map(|a| {
                        hb.docs
                            .get(i)
                            .and_then(|t| resolve::anchor(t, a))
                            .unwrap_or(a)
                            .to_string()
                    });
                    out.push((n, i, id));
                }
            }
            out
        })
        .collect();
    let mut back = Backlinks {
        docs: vec![Vec::new(); hb.docs.len()],
        ..Backlinks::default()
    };
    for (j, links) in found.into_iter().enumerate() {
        for (n, i, id) in links {
            if i != j
                && let Some(list) = back.docs.get_mut(i)
                && list.last() != Some(&j)
            {
                list.push(j);
            }
            if let Some(id) = id {
                back.anchors
                    .entry((i, id))
                    .or_default()
                    .push(LinkAt { doc: j, link: n });
            }
        }
    }
    back
}
