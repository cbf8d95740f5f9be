//! Navigation from the folder tree: sections (folders), their children in order
//! (`weight`, then pages before sections, then title), and the reading order behind
//! previous/next.

use super::Document;
use std::collections::{BTreeMap, BTreeSet};

/// A child in a section: a page or a sub-section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Doc(usize),
    Section(String),
}

#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Folder from the content root (`sales`, empty for the root).
    pub path: String,
    /// Its `_index.md`, if there is one.
    pub doc: Option<usize>,
    pub title: String,
    pub weight: i64,
    pub children: Vec<Item>,
}

#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub sections: BTreeMap<String, Section>,
    /// Documents in reading order (depth first), for previous/next.
    pub order: Vec<usize>,
    /// Position of each document in `order`.
    pub position: BTreeMap<usize, usize>,
    /// Top-level sections that are a tree of their own (another language's), not
    /// children of the root.
    pub roots: BTreeSet<String>,
}

fn folder_title(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let words = name.replace(['-', '_'], " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => "Home".into(),
    }
}

impl Nav {
    /// Navigation of `docs`; each of `roots` (top-level folders: other languages) is a
    /// tree of its own.
    pub fn build(docs: &[Document], roots: &BTreeSet<String>) -> Nav {
        let mut sections: BTreeMap<String, Section> = BTreeMap::new();
        let ensure = |sections: &mut BTreeMap<String, Section>, path: &str| {
            // Create the section and all of its ancestors.
            let mut p = path.to_string();
            loop {
                if !sections.contains_key(&p) {
                    sections.insert(
                        p.clone(),
                        Section {
                            path: p.clone(),
                            title: folder_title(&p),
                            ..Section::default()
                        },
                    );
                }
                if p.is_empty() {
                    break;
                }
                p = p
                    .rsplit_once('/')
                    .map(|(a, _)| a.to_string())
                    .unwrap_or_default();
            }
        };
        ensure(&mut sections, "");
        for (i, d) in docs.iter().enumerate() {
            let folder = d.folder().to_string();
            ensure(&mut sections, &folder);
            if d.is_section
                && let Some(s) = sections.get_mut(&folder)
                && s.doc.is_none()
            {
                s.doc = Some(i);
                s.title = d.title.value.clone();
                s.weight = d.weight;
                continue;
            }
            if let Some(s) = sections.get_mut(&folder) {
                s.children.push(Item::Doc(i));
            }
        }
        let paths: Vec<String> = sections.keys().filter(|p| !p.is_empty()).cloned().collect();
        for p in paths {
            if roots.contains(&p) {
                continue;
            }
            let parent = p
                .rsplit_once('/')
                .map(|(a, _)| a.to_string())
                .unwrap_or_default();
            if let Some(s) = sections.get_mut(&parent) {
                s.children.push(Item::Section(p));
            }
        }
        // Order children by weight, then pages before sections (a folder without weights
        // lists its own pages, then its subfolders), then title, then path.
        let keys: BTreeMap<String, (i64, String)> = sections
            .iter()
            .map(|(k, s)| (k.clone(), (s.weight, s.title.to_lowercase())))
            .collect();
        for s in sections.values_mut() {
            s.children.sort_by(|a, b| {
                let key = |it: &Item| match it {
                    Item::Doc(i) => docs
                        .get(*i)
                        .map(|d| (d.weight, false, d.title.value.to_lowercase(), d.rel.clone()))
                        .unwrap_or_default(),
                    Item::Section(p) => {
                        let (w, t) = keys.get(p).cloned().unwrap_or_default();
                        (w, true, t, p.clone())
                    }
                };
                key(a).cmp(&key(b))
            });
        }
        let roots = roots
            .iter()
            .filter(|r| sections.contains_key(*r))
            .cloned()
            .collect();
        let mut nav = Nav {
            sections,
            roots,
            ..Nav::default()
        };
        let mut order = Vec::with_capacity(docs.len());
        nav.walk("", &mut order);
        for r in nav.roots.clone() {
            nav.walk(&r, &mut order);
        }
        nav.position = order.iter().enumerate().map(|(p, d)| (*d, p)).collect();
        nav.order = order;
        nav
    }

    fn walk(&self, path: &str, order: &mut Vec<usize>) {
        let Some(s) = self.sections.get(path) else {
            return;
        };
        if let Some(d) = s.doc {
            order.push(d);
        }
        for c in &s.children {
            match c {
                Item::Doc(d) => order.push(*d),
                Item::Section(p) => self.walk(p, order),
            }
        }
    }

    /// The folders from the root of its tree down to `path` (inclusive).
    pub fn ancestors(&self, path: &str) -> Vec<&Section> {
        let mut out = Vec::new();
        let mut p = path.to_string();
        loop {
            if let Some(s) = self.sections.get(&p) {
                out.push(s);
            }
            if p.is_empty() || self.roots.contains(&p) {
                break;
            }
            p = p
                .rsplit_once('/')
                .map(|(a, _)| a.to_string())
                .unwrap_or_default();
        }
        out.reverse();
        out
    }
}
