//! Navigation HTML: the sidebar of each section (rendered once per section), the
//! bounded window of it that a page carries when the whole is long (the whole is then a
//! shared file, `gtmbook/nav/<section>.html`, that the theme's script puts in place),
//! breadcrumbs, a section's children and previous / next in reading order.

use super::context::*;
use super::shared::Shared;
use super::theme::Theme;
use super::values::{escape, kind_name, opt};
use crate::error::Error;
use crate::model::nav::{Item, Section};
use crate::model::*;
use crate::url::encode_path;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// A sidebar of at most this many links is put whole into every page of its section.
pub(super) const INLINE_MAX: usize = 50;
/// Of a longer sidebar, a page carries its own place: at every level, this many entries
/// before and after the one on its way (with a "… N more" link to the section page).
pub(super) const WINDOW: usize = 10;

/// The sidebar of one section, made once and shared by its pages.
#[derive(Default)]
pub(super) struct SectionNav {
    /// The whole sidebar (`partials/nav.html`), no page marked.
    pub html: String,
    /// Its tree when it has more than [`INLINE_MAX`] links: pages then carry a window of
    /// it, and `html` is the shared file [`nav_file`].
    tree: Option<Vec<NavNode>>,
    /// The URL of the section page of the tree's top level (the home page, or a
    /// language's), where the top level's "… N more" points.
    top_url: String,
    /// The URL of the shared file.
    src: String,
    /// A hash of all of the above: two sections with the same key give a page at the same
    /// URL the same sidebar ([`page_nav`]), so a page's key can hold it instead.
    pub key: u128,
}

impl SectionNav {
    /// Is the whole sidebar a shared file rather than in every page?
    pub fn is_shared(&self) -> bool {
        self.tree.is_some()
    }
}

/// The site file of the whole sidebar of section `path`, when it is shared.
pub(super) fn nav_file(path: &str) -> String {
    if path.is_empty() {
        "gtmbook/nav.html".into()
    } else {
        format!("gtmbook/nav/{path}.html")
    }
}

/// The section whose shared sidebar is the site file `file` (the reverse of [`nav_file`]).
pub(super) fn nav_file_section(file: &str) -> Option<&str> {
    if file == "gtmbook/nav.html" {
        return Some("");
    }
    file.strip_prefix("gtmbook/nav/")?
        .strip_suffix(".html")
        .filter(|p| !p.is_empty())
}

/// Is the site file `file` a fragment (a shared sidebar) rather than a page?
pub fn is_fragment(file: &str) -> bool {
    nav_file_section(file).is_some()
}

/// The sidebar of every section, rendered once per section.
pub(super) fn nav_html(
    shared: &Shared,
    theme: &Theme,
) -> Result<HashMap<String, SectionNav>, Error> {
    let keys: Vec<&String> = shared.hb.nav.sections.keys().collect();
    keys.par_iter()
        .map(|path| Ok(((*path).clone(), nav_for(shared, theme, path)?)))
        .collect()
}

/// The sidebar of the pages of section `path`: the tree open down to it.
pub(super) fn nav_for(shared: &Shared, theme: &Theme, path: &str) -> Result<SectionNav, Error> {
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
    let html = render_tree(shared, theme, &tree)?;
    let links = count(&tree);
    let tree = (links > INLINE_MAX).then_some(tree);
    let top_url = shared.section_url(root);
    let src = format!("{}{}", shared.site.base_url, encode_path(&nav_file(path)));
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [html.as_str(), &top_url, &src] {
        hash_str(&mut h, part);
    }
    // The tree itself: a theme's `partials/nav.html` may leave out what a window reads.
    if let Some(t) = &tree {
        hash_tree(&mut h, t);
    }
    Ok(SectionNav {
        html,
        tree,
        top_url,
        src,
        key: h.digest128(),
    })
}

fn render_tree(shared: &Shared, theme: &Theme, tree: &[NavNode]) -> Result<String, Error> {
    if theme.builtin_nav {
        return Ok(builtin_nav(&NavItem::flatten(tree)));
    }
    let mut ctx = tera::Context::new();
    ctx.insert("site", &shared.site);
    ctx.insert("items", &NavItem::flatten(tree));
    ctx.insert("tree", tree);
    theme.render("partials/nav.html", &ctx)
}

/// What the built-in `partials/nav.html` makes of `items`, byte for byte (a page's window
/// through Tera cost more than the rest of the page; the test below compares the two).
fn builtin_nav(items: &[NavItem]) -> String {
    let esc = |out: &mut Vec<u8>, s: &str| {
        let _ = tera::escape_html(s, out);
    };
    let mut out: Vec<u8> = Vec::with_capacity(64 + items.len() * 96);
    out.extend_from_slice(b"<nav aria-label=\"Handbook\"><ul class=\"nav\">\n");
    for n in items {
        out.extend_from_slice(b"<li class=\"nav-");
        esc(&mut out, n.kind);
        if n.open {
            out.extend_from_slice(b" open");
        }
        out.extend_from_slice(b"\"><a href=\"");
        esc(&mut out, &n.url);
        out.extend_from_slice(b"\">");
        esc(&mut out, &n.title);
        out.extend_from_slice(b"</a>");
        if n.parent {
            out.extend_from_slice(b"<ul>\n");
        } else {
            out.extend_from_slice(b"</li>\n");
            for _ in &n.close {
                out.extend_from_slice(b"</ul></li>\n");
            }
        }
    }
    out.extend_from_slice(b"</ul></nav>\n");
    String::from_utf8(out).unwrap_or_default()
}

/// `s` into `h`, its length first, so that two strings never hash as their concatenation.
fn hash_str(h: &mut xxhash_rust::xxh3::Xxh3, s: &str) {
    h.update(&(s.len() as u64).to_le_bytes());
    h.update(s.as_bytes());
}

fn hash_tree(h: &mut xxhash_rust::xxh3::Xxh3, nodes: &[NavNode]) {
    h.update(&(nodes.len() as u64).to_le_bytes());
    for n in nodes {
        for part in [n.title.as_str(), &n.url, n.kind] {
            hash_str(h, part);
        }
        h.update(&[u8::from(n.open)]);
        hash_tree(h, &n.children);
    }
}

fn count(nodes: &[NavNode]) -> usize {
    nodes.iter().map(|n| 1 + count(&n.children)).sum()
}

/// The sidebar a page at `url` carries: the whole one when it is short; else its window
/// of it, in an element naming the shared file (`data-nav-src`) and the page
/// (`data-nav-current`), which the theme's script replaces with the whole. `url` is
/// empty for a page that is not in the sidebar (generated pages, 404).
pub(super) fn page_nav<'a>(
    shared: &Shared,
    theme: &Theme,
    nav: &'a SectionNav,
    url: &str,
) -> Result<Cow<'a, str>, Error> {
    let Some(tree) = &nav.tree else {
        return Ok(Cow::Borrowed(&nav.html));
    };
    let inner = render_tree(shared, theme, &window(tree, url, &nav.top_url))?;
    let current = if url.is_empty() {
        String::new()
    } else {
        format!(" data-nav-current=\"{}\"", escape(url))
    };
    Ok(Cow::Owned(format!(
        "<div class=\"nav-window\" data-nav-src=\"{}\"{current}>{inner}</div>",
        escape(&nav.src)
    )))
}

/// The entries of `nodes` around the one on the way to `url` (the open section, or the
/// page itself), at every level; the ones left out are a "… N more" entry linking to
/// `level_url`, the page of the section listing them all.
fn window(nodes: &[NavNode], url: &str, level_url: &str) -> Vec<NavNode> {
    let focus = nodes
        .iter()
        .position(|n| n.open || (!url.is_empty() && n.url == url));
    let (from, to) = match focus {
        Some(f) => (f.saturating_sub(WINDOW), f + WINDOW + 1),
        None => (0, 2 * WINDOW + 1),
    };
    let to = to.min(nodes.len());
    let more = |n: usize| NavNode {
        title: format!("… {n} more"),
        url: level_url.to_string(),
        kind: "more",
        open: false,
        children: Vec::new(),
    };
    let mut out = Vec::with_capacity(to.saturating_sub(from) + 2);
    if from > 0 {
        out.push(more(from));
    }
    for n in nodes.get(from..to).unwrap_or_default() {
        out.push(NavNode {
            title: n.title.clone(),
            url: n.url.clone(),
            kind: n.kind,
            open: n.open,
            children: if n.children.is_empty() {
                Vec::new()
            } else {
                window(&n.children, url, &n.url)
            },
        });
    }
    if to < nodes.len() {
        out.push(more(nodes.len() - to));
    }
    out
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn node(title: &str, url: &str, kind: &'static str, children: Vec<NavNode>) -> NavNode {
        NavNode {
            title: title.into(),
            url: url.into(),
            kind,
            open: !children.is_empty(),
            children,
        }
    }

    #[test]
    fn the_builtin_partial_without_tera_gives_the_same_bytes() {
        let mut files = std::collections::BTreeMap::new();
        files.insert(
            "templates/partials/nav.html".to_string(),
            super::super::theme::BUILTIN_NAV.as_bytes().to_vec(),
        );
        let theme = Theme::new(files).unwrap();
        assert!(theme.builtin_nav);
        let deep = node(
            "C & <D>",
            "/a/b/c/",
            "section",
            vec![node("Last \"one\" 's", "/a/b/c/x?y=1&z=2/", "page", vec![])],
        );
        let tree = vec![
            node("Home's", "/", "page", vec![]),
            node(
                "A",
                "/a/",
                "section",
                vec![
                    node("… 3 more", "/a/", "more", vec![]),
                    node("B", "/a/b/", "section", vec![deep]),
                    node("Sibling", "/a/s/", "persona", vec![]),
                ],
            ),
            node("Zed", "/z/", "section", vec![]),
        ];
        for t in [tree.clone(), Vec::new(), tree[1].children.clone()] {
            let items = NavItem::flatten(&t);
            let mut ctx = tera::Context::new();
            ctx.insert("items", &items);
            ctx.insert("tree", &t);
            let by_tera = theme.render("partials/nav.html", &ctx).unwrap();
            assert_eq!(builtin_nav(&items), by_tera);
        }
    }
}
