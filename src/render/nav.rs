//! Navigation HTML: the sidebar of each section (rendered once per section, the
//! current page marked by a string replacement), breadcrumbs, a section's children and
//! previous / next in reading order.

use super::context::*;
use super::shared::Shared;
use super::theme::Theme;
use super::values::{escape, kind_name, opt};
use crate::error::Error;
use crate::model::nav::{Item, Section};
use crate::model::*;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// The sidebar of every section, rendered once per section.
pub(super) fn nav_html(shared: &Shared, theme: &Theme) -> Result<HashMap<String, String>, Error> {
    let keys: Vec<&String> = shared.hb.nav.sections.keys().collect();
    keys.par_iter()
        .map(|path| Ok(((*path).clone(), nav_for(shared, theme, path)?)))
        .collect()
}

/// The sidebar of the pages of section `path`: the tree open down to it.
pub(super) fn nav_for(shared: &Shared, theme: &Theme, path: &str) -> Result<String, Error> {
    let hb = shared.hb;
    let ancestors = hb.nav.ancestors(path);
    let open: BTreeSet<String> = ancestors.iter().map(|s| s.path.clone()).collect();
    // A language's own tree (`fr/`) is the whole sidebar of its pages.
    let root = ancestors
        .first()
        .map(|s| s.path.as_str())
        .filter(|r| hb.nav.roots.contains(*r))
        .unwrap_or("");
    let tree = nav_nodes(shared, root, &open);
    let mut ctx = tera::Context::new();
    ctx.insert("site", &shared.site);
    ctx.insert("items", &NavItem::flatten(&tree));
    ctx.insert("tree", &tree);
    theme.render("partials/nav.html", &ctx)
}

pub(super) fn nav_nodes(shared: &Shared, path: &str, open: &BTreeSet<String>) -> Vec<NavNode> {
    let hb = shared.hb;
    let Some(section) = hb.nav.sections.get(path) else {
        return Vec::new();
    };
    section
        .children
        .iter()
        .filter_map(|item| match item {
            Item::Doc(i) => {
                let d = hb.docs.get(*i)?;
                if !hb.is_built(d) {
                    return None;
                }
                Some(NavNode {
                    title: d.title.value.clone(),
                    url: shared.url(d),
                    kind: kind_name(d),
                    open: false,
                    children: Vec::new(),
                })
            }
            Item::Section(p) => {
                let s = hb.nav.sections.get(p)?;
                let is_open = open.contains(p);
                Some(NavNode {
                    title: s.title.clone(),
                    url: shared.section_url(p),
                    kind: "section",
                    open: is_open,
                    children: if is_open {
                        nav_nodes(shared, p, open)
                    } else {
                        Vec::new()
                    },
                })
            }
        })
        .collect()
}

pub(super) fn breadcrumbs(shared: &Shared, folder: &str, include_self: bool) -> Vec<LinkCtx> {
    let hb = shared.hb;
    let mut crumbs: Vec<LinkCtx> = hb
        .nav
        .ancestors(folder)
        .iter()
        .map(|s| LinkCtx {
            title: if s.path.is_empty() {
                s.doc
                    .and_then(|d| hb.docs.get(d))
                    .map(|d| d.title.value.clone())
                    .unwrap_or_else(|| "Home".into())
            } else {
                s.title.clone()
            },
            url: shared.section_url(&s.path),
        })
        .collect();
    if !include_self {
        crumbs.pop();
    }
    crumbs
}

pub(super) fn children(shared: &Shared, s: &Section) -> Vec<ChildCtx> {
    let hb = shared.hb;
    s.children
        .iter()
        .filter_map(|item| match item {
            Item::Doc(i) => {
                let d = hb.docs.get(*i)?;
                if !hb.is_built(d) {
                    return None;
                }
                Some(ChildCtx {
                    title: d.title.value.clone(),
                    url: shared.url(d),
                    description: opt(&d.description),
                    kind: kind_name(d),
                })
            }
            Item::Section(p) => {
                let sec = hb.nav.sections.get(p)?;
                Some(ChildCtx {
                    title: sec.title.clone(),
                    url: shared.section_url(p),
                    description: sec
                        .doc
                        .and_then(|d| hb.docs.get(d))
                        .and_then(|d| opt(&d.description)),
                    kind: "section",
                })
            }
        })
        .collect()
}

/// The previous and next pages in reading order, within the page's language tree.
pub(super) fn prev_next(
    shared: &Shared,
    i: usize,
    d: &Document,
    order: &[usize],
    pos: &HashMap<usize, usize>,
) -> (Option<LinkCtx>, Option<LinkCtx>) {
    let hb = shared.hb;
    let p = pos.get(&i).copied();
    // Previous and next stay within the page's language tree.
    let same_lang = |j: &&usize| hb.docs.get(**j).is_some_and(|o| o.lang == d.lang);
    let prev = p
        .and_then(|p| p.checked_sub(1))
        .and_then(|p| order.get(p))
        .filter(same_lang)
        .and_then(|j| shared.link(*j));
    let next = p
        .and_then(|p| order.get(p + 1))
        .filter(same_lang)
        .and_then(|j| shared.link(*j));
    (prev, next)
}

/// Mark the current page in the shared section navigation.
pub(super) fn mark_current(nav: &str, url: &str) -> String {
    let needle = format!("href=\"{}\"", escape(url));
    match nav.find(&needle) {
        Some(at) => {
            let end = at + needle.len();
            format!(
                "{}{} aria-current=\"page\"{}",
                nav.get(..at).unwrap_or(""),
                needle,
                nav.get(end..).unwrap_or("")
            )
        }
        None => nav.to_string(),
    }
}
