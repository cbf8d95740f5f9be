//! The items of a handbook as plain values (messages, claims, personas, glossary terms
//! and banned phrases, positioning documents, documents), and their comparison between
//! two versions. Pure: it reads two models and returns [`Change`]s; no file, process or
//! clock.
//!
//! Matching: an item is the same item when its id is the same (`DOCID.MSGID` for a
//! message). A message whose full id is gone and whose `MSGID` appears in another
//! document is `moved`. A document is `renamed` when a path that is gone and a path that
//! is new hold the same title and body, or else the same written (or typed) id and type;
//! otherwise the old one is `deleted` and the new one `added`. An item whose file
//! changed only because its document was renamed is not reported as moved.

use super::change::{Change, Field, KINDS};
use crate::lint::similar::{describe, numbers, script, tokens};
use crate::model::{DocType, Document, Handbook, Sp, Status, anchors};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A field's value: a text, or a list compared as written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Val {
    Text(String),
    List(Vec<String>),
}

impl Val {
    fn shown(&self) -> String {
        match self {
            Val::Text(t) => t.clone(),
            Val::List(l) => l.join(", "),
        }
    }
}

/// One item of one version.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub kind: &'static str,
    pub id: String,
    /// What a moved item keeps: the `MSGID` of a message.
    short: Option<String>,
    pub file: String,
    pub retired: bool,
    fields: Vec<(&'static str, Option<Val>)>,
}

fn text(s: &Sp<String>) -> Option<Val> {
    Some(Val::Text(s.value.clone()))
}

fn opt(s: &Option<Sp<String>>) -> Option<Val> {
    s.as_ref().and_then(text)
}

fn list(l: &[Sp<String>]) -> Option<Val> {
    (!l.is_empty()).then(|| Val::List(l.iter().map(|s| s.value.clone()).collect()))
}

/// The body of a document as written: its file without the front-matter block.
pub(super) fn body_text<'h>(hb: &'h Handbook, d: &Document) -> &'h str {
    let all = hb.sources.text(d.file);
    match d.front_matter {
        Some(fm) => {
            let rest = all.get(fm.end..).unwrap_or("");
            // The closing fence line.
            rest.find('\n')
                .and_then(|n| rest.get(n + 1..))
                .unwrap_or("")
        }
        None => all,
    }
}

/// The element ids a link can point at in a document: headings and HTML ids, and with
/// `items` the anchors of its messages and claims.
pub(super) fn anchor_ids(d: &Document, items: bool) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = d.body.headings.iter().map(|h| h.id.clone()).collect();
    ids.extend(d.body.anchors.iter().cloned());
    if items {
        ids.extend(d.messages.iter().map(|m| anchors::message(&m.full)));
        ids.extend(d.claims.iter().map(|c| anchors::claim(&c.id.value)));
    }
    ids
}

/// Every item of a handbook but documents, keyed by kind (its index in [`KINDS`]) and id.
pub(super) fn items(hb: &Handbook) -> BTreeMap<(usize, String), Item> {
    let mut out = BTreeMap::new();
    let kind_at = |k: &str| KINDS.iter().position(|x| *x == k).unwrap_or(KINDS.len());
    let mut put = |item: Item| {
        out.entry((kind_at(item.kind), item.id.clone()))
            .or_insert(item);
    };
    for d in &hb.docs {
        let file = || d.path.clone();
        for m in &d.messages {
            put(Item {
                kind: "message",
                id: m.full.clone(),
                short: Some(m.id.value.clone()),
                file: file(),
                retired: m.status == Status::Retired,
                fields: vec![
                    ("text", text(&m.text)),
                    ("kind", text(&m.kind)),
                    ("channels", list(&m.channels)),
                    ("proof", list(&m.proof)),
                    ("response", opt(&m.response)),
                ],
            });
        }
        for c in &d.claims {
            let words: Vec<String> = tokens(&c.text.value).into_iter().map(|t| t.text).collect();
            let nums = numbers(&words);
            put(Item {
                kind: "claim",
                id: c.id.value.clone(),
                short: None,
                file: file(),
                retired: false,
                fields: vec![
                    ("text", text(&c.text)),
                    ("numbers", (!nums.is_empty()).then_some(Val::List(nums))),
                    ("source", opt(&c.source)),
                    (
                        "as_of",
                        c.as_of.as_ref().map(|x| Val::Text(x.value.to_string())),
                    ),
                    (
                        "expires",
                        c.expires.as_ref().map(|x| Val::Text(x.value.to_string())),
                    ),
                ],
            });
        }
        if let Some(p) = &d.persona
            && hb.personas.contains_key(&d.id.value)
        {
            put(Item {
                kind: "persona",
                id: d.id.value.clone(),
                short: None,
                file: file(),
                retired: d.status.value == Status::Retired,
                fields: vec![
                    ("title", text(&d.title)),
                    ("role", opt(&p.role)),
                    ("trigger", opt(&p.trigger)),
                    ("pain", opt(&p.pain)),
                    ("stakes", opt(&p.stakes)),
                    ("decision_process", opt(&p.decision_process)),
                ],
            });
        }
        if let Some(g) = &d.glossary {
            for t in &g.terms {
                put(Item {
                    kind: "term",
                    id: t.term.value.clone(),
                    short: None,
                    file: file(),
                    retired: false,
                    fields: vec![
                        ("definition", opt(&t.definition)),
                        ("avoid", list(&t.avoid)),
                    ],
                });
            }
            for b in &g.banned {
                put(Item {
                    kind: "banned",
                    id: b.phrase.value.clone(),
                    short: None,
                    file: file(),
                    retired: false,
                    fields: vec![("reason", opt(&b.reason))],
                });
            }
        }
        if let Some(p) = &d.positioning {
            put(Item {
                kind: "positioning",
                id: d.id.value.clone(),
                short: None,
                file: file(),
                retired: d.status.value == Status::Retired,
                fields: vec![
                    ("product", opt(&p.product)),
                    ("category", opt(&p.category)),
                    ("for", list(&p.for_)),
                    ("not_for", list(&p.not_for)),
                    ("problem", opt(&p.problem)),
                    ("unlike", list(&p.unlike)),
                    ("differentiators", list(&p.differentiators)),
                ],
            });
        }
    }
    out
}

/// The word difference of two texts ("every → each, +new"), when both are short enough
/// to compare word by word and the words differ.
pub(super) fn word_diff(old: &str, new: &str) -> Option<String> {
    let a: Vec<String> = tokens(new).into_iter().map(|t| t.text).collect();
    let b: Vec<String> = tokens(old).into_iter().map(|t| t.text).collect();
    if a.len() > 2000 || b.len() > 2000 {
        return None;
    }
    let d = describe(&script(&a, &b));
    (!d.is_empty()).then_some(d)
}

fn fields(old: &[(&'static str, Option<Val>)], new: &[(&'static str, Option<Val>)]) -> Vec<Field> {
    let mut out = Vec::new();
    for ((name, o), (_, n)) in old.iter().zip(new) {
        if o == n {
            continue;
        }
        let words = match (o, n) {
            (Some(Val::Text(a)), Some(Val::Text(b))) if *name != "as_of" && *name != "expires" => {
                word_diff(a, b)
            }
            _ => None,
        };
        out.push(Field {
            field: name,
            old: o.as_ref().map(Val::shown),
            new: n.as_ref().map(Val::shown),
            words,
        });
    }
    out
}

/// Every field of an item, as added (`new`) or removed (`old`) values.
fn all_fields(item: &Item, as_new: bool) -> Vec<Field> {
    item.fields
        .iter()
        .filter_map(|(name, v)| {
            let v = v.as_ref()?.shown();
            Some(Field {
                field: name,
                old: (!as_new).then(|| v.clone()),
                new: as_new.then_some(v),
                words: None,
            })
        })
        .collect()
}

fn change(kind: &'static str, id: &str, what: &'static str, file: &str) -> Change {
    Change {
        kind,
        id: id.to_string(),
        change: what,
        file: file.to_string(),
        old_id: None,
        old_file: None,
        fields: Vec::new(),
        pages: Vec::new(),
        broken_links: Vec::new(),
    }
}

/// Compare two versions of one item.
fn compared(o: &Item, n: &Item, renamed: &HashMap<String, String>) -> Option<Change> {
    let fs = fields(&o.fields, &n.fields);
    let moved = o.file != n.file && renamed.get(&o.file) != Some(&n.file);
    let what = if o.retired != n.retired {
        if n.retired { "retired" } else { "unretired" }
    } else if moved || o.id != n.id {
        "moved"
    } else if !fs.is_empty() {
        "changed"
    } else {
        return None;
    };
    let mut c = change(n.kind, &n.id, what, &n.file);
    c.fields = fs;
    if o.id != n.id {
        c.old_id = Some(o.id.clone());
    }
    if o.file != n.file {
        c.old_file = Some(o.file.clone());
    }
    Some(c)
}

/// The changes of every item but documents from `old` to `new`; `renamed`: old path →
/// new path of renamed documents.
pub(super) fn compare_items(
    old: &BTreeMap<(usize, String), Item>,
    new: &BTreeMap<(usize, String), Item>,
    renamed: &HashMap<String, String>,
) -> Vec<Change> {
    let mut out = Vec::new();
    let mut gone: Vec<&Item> = Vec::new();
    for (k, o) in old {
        match new.get(k) {
            Some(n) => out.extend(compared(o, n, renamed)),
            None => gone.push(o),
        }
    }
    let fresh: Vec<&Item> = new
        .iter()
        .filter(|(k, _)| !old.contains_key(*k))
        .map(|(_, n)| n)
        .collect();
    // A message that left one document for another keeps its MSGID.
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    for o in gone {
        let to = fresh.iter().enumerate().find(|(j, n)| {
            !taken.contains(j) && n.kind == o.kind && o.short.is_some() && n.short == o.short
        });
        match to {
            Some((j, n)) => {
                taken.insert(j);
                out.extend(compared(o, n, renamed));
            }
            None => {
                let mut c = change(o.kind, &o.id, "removed", &o.file);
                c.fields = all_fields(o, false);
                out.push(c);
            }
        }
    }
    for (j, n) in fresh.iter().enumerate() {
        if !taken.contains(&j) {
            let mut c = change(n.kind, &n.id, "added", &n.file);
            c.fields = all_fields(n, true);
            out.push(c);
        }
    }
    out
}

/// A document's own fields (its typed front-matter is compared as items).
fn doc_fields(hb: &Handbook, d: &Document) -> Vec<(&'static str, Option<Val>)> {
    vec![
        ("title", text(&d.title)),
        (
            "status",
            Some(Val::Text(d.status.value.as_str().to_string())),
        ),
        ("owner", opt(&d.owner)),
        ("channels", list(&d.channels)),
        ("body", Some(Val::Text(body_text(hb, d).to_string()))),
    ]
}

/// The documents of both versions compared: changes, and old path → new path of the
/// renamed ones. A changed body is reported by its word difference, not its text.
pub(super) fn compare_docs(
    old: &Handbook,
    new: &Handbook,
) -> (Vec<Change>, HashMap<String, String>) {
    let new_by: HashMap<&str, &Document> = new.docs.iter().map(|d| (d.path.as_str(), d)).collect();
    let old_by: HashMap<&str, &Document> = old.docs.iter().map(|d| (d.path.as_str(), d)).collect();
    let mut out = Vec::new();
    let mut renamed = HashMap::new();
    let gone: Vec<&Document> = old
        .docs
        .iter()
        .filter(|d| !new_by.contains_key(d.path.as_str()))
        .collect();
    let fresh: Vec<&Document> = new
        .docs
        .iter()
        .filter(|d| !old_by.contains_key(d.path.as_str()))
        .collect();
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    // Candidates by title and body, and by written id and type: a folder of thousands of
    // pages renamed is found without comparing every pair.
    let mut by_content: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut by_id: HashMap<(&str, DocType), Vec<usize>> = HashMap::new();
    for (j, n) in fresh.iter().enumerate() {
        by_content
            .entry((n.title.value.as_str(), body_text(new, n)))
            .or_default()
            .push(j);
        if n.id_explicit {
            by_id
                .entry((n.id.value.as_str(), n.kind))
                .or_default()
                .push(j);
        }
    }
    let mut pairs: Vec<(&Document, Option<&Document>)> = Vec::new();
    for o in &gone {
        let first_free = |list: Option<&Vec<usize>>| {
            list.and_then(|l| l.iter().copied().find(|j| !taken.contains(j)))
        };
        let j = first_free(by_content.get(&(o.title.value.as_str(), body_text(old, o)))).or_else(
            || {
                o.id_explicit
                    .then(|| first_free(by_id.get(&(o.id.value.as_str(), o.kind))))
                    .flatten()
            },
        );
        let pick = j.and_then(|j| fresh.get(j).map(|n| (j, n)));
        match pick {
            Some((j, n)) => {
                taken.insert(j);
                renamed.insert(o.path.clone(), n.path.clone());
                pairs.push((o, Some(*n)));
            }
            None => pairs.push((o, None)),
        }
    }
    for (o, n) in pairs {
        match n {
            Some(n) => {
                let mut c = change("document", &n.path, "renamed", &n.path);
                c.old_id = Some(o.path.clone());
                c.old_file = Some(o.path.clone());
                c.fields = doc_changes(old, o, new, n);
                out.push(c);
            }
            None => {
                let mut c = change("document", &o.path, "deleted", &o.path);
                c.fields = vec![Field {
                    field: "title",
                    old: Some(o.title.value.clone()),
                    new: None,
                    words: None,
                }];
                out.push(c);
            }
        }
    }
    for (j, n) in fresh.iter().enumerate() {
        if !taken.contains(&j) {
            let mut c = change("document", &n.path, "added", &n.path);
            c.fields = vec![Field {
                field: "title",
                old: None,
                new: Some(n.title.value.clone()),
                words: None,
            }];
            out.push(c);
        }
    }
    for n in &new.docs {
        if let Some(o) = old_by.get(n.path.as_str()) {
            let fs = doc_changes(old, o, new, n);
            if !fs.is_empty() {
                let mut c = change("document", &n.path, "changed", &n.path);
                c.fields = fs;
                out.push(c);
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    (out, renamed)
}

/// The differing fields of two versions of a document, and the anchors that are gone.
fn doc_changes(old: &Handbook, o: &Document, new: &Handbook, n: &Document) -> Vec<Field> {
    let mut fs = fields(&doc_fields(old, o), &doc_fields(new, n));
    for f in &mut fs {
        if f.field == "body" {
            f.old = None;
            f.new = None;
        }
    }
    // A message's or claim's anchor goes with the item, which is reported itself.
    let was = anchor_ids(o, false);
    let now = anchor_ids(n, false);
    let lost: Vec<&String> = was.difference(&now).collect();
    if !lost.is_empty() {
        fs.push(Field {
            field: "anchors",
            old: Some(
                lost.iter()
                    .map(|s| format!("#{s}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            new: None,
            words: None,
        });
    }
    fs
}
