//! `gtmbook impact`: before changing a message, a claim or a persona (or to describe a
//! pull request), the pages that render or cite it and the pages that link to it. With
//! `--changed-since REV`, every item changed since REV (the semantic diff of `diff/`)
//! with exactly the pages it reaches, and the pages whose links it may have broken.

use crate::cli::{ImpactArgs, ImpactFormat};
use crate::error::Error;
use crate::model::{Document, Handbook};
use crate::{Outcome, load};
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Serialize)]
struct Page {
    file: String,
    title: String,
    url: String,
    channels: Vec<String>,
    /// How the page uses a changed item (`--changed-since`): `defines`, `renders`,
    /// `cites`, `audience`, `links`.
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'static str>,
}

#[derive(Serialize)]
struct Item {
    /// `message`, `claim` or `persona` (with `--changed-since`, also `term`, `banned`,
    /// `positioning` and `document`).
    kind: &'static str,
    id: String,
    /// What changed since the revision (`--changed-since` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<&'static str>,
    used_by: Vec<Page>,
}

#[derive(Serialize)]
struct TargetReport {
    target: String,
    /// The document the target is, or is defined in.
    file: String,
    items: Vec<Item>,
    /// For a document: the pages linking to it.
    linked_from: Vec<Page>,
}

#[derive(Serialize)]
struct Report {
    targets: Vec<TargetReport>,
    /// Every page named above, once.
    pages: usize,
}

fn page(hb: &Handbook, i: usize) -> Option<Page> {
    let d = hb.docs.get(i)?;
    Some(Page {
        file: d.path.clone(),
        title: d.title.value.clone(),
        url: hb.url(d),
        channels: d.channels.iter().map(|c| c.value.clone()).collect(),
        via: None,
    })
}

/// A page a change reaches, as impact lists it.
fn reached(p: &crate::diff::PageRef) -> Page {
    Page {
        file: p.file.clone(),
        title: p.title.clone(),
        url: p.url.clone(),
        channels: p.channels.clone(),
        via: Some(p.via),
    }
}

/// One target per item changed since a revision.
fn of_change(c: &crate::diff::Change) -> TargetReport {
    TargetReport {
        target: c.id.clone(),
        file: c.file.clone(),
        items: vec![Item {
            kind: c.kind,
            id: c.id.clone(),
            change: Some(c.change),
            used_by: c.pages.iter().map(reached).collect(),
        }],
        linked_from: c.broken_links.iter().map(reached).collect(),
    }
}

fn pages(hb: &Handbook, list: Option<&Vec<usize>>) -> Vec<Page> {
    list.map(|l| l.iter().filter_map(|i| page(hb, *i)).collect())
        .unwrap_or_default()
}

/// What a document defines and who uses it.
fn of_document(hb: &Handbook, i: usize, d: &Document, target: &str) -> TargetReport {
    let mut items = Vec::new();
    for m in &d.messages {
        items.push(Item {
            kind: "message",
            id: m.full.clone(),
            change: None,
            used_by: pages(hb, hb.uses.message(&m.full, false)),
        });
    }
    for c in &d.claims {
        items.push(Item {
            kind: "claim",
            id: c.id.value.clone(),
            change: None,
            used_by: pages(hb, hb.uses.claim(&c.id.value, false)),
        });
    }
    if hb.personas.get(&d.id.value) == Some(&i) {
        items.push(Item {
            kind: "persona",
            id: d.id.value.clone(),
            change: None,
            used_by: pages(hb, hb.uses.persona(&d.id.value, false)),
        });
    }
    let linked = hb.backlinks().to_doc(i);
    TargetReport {
        target: target.to_string(),
        file: d.path.clone(),
        items,
        linked_from: pages(hb, linked),
    }
}

fn resolve(hb: &Handbook, target: &str) -> Option<TargetReport> {
    let t = target.trim_start_matches("./");
    if let Some((i, d)) = hb
        .docs
        .iter()
        .enumerate()
        .find(|(_, d)| d.path == t || d.rel == t)
    {
        return Some(of_document(hb, i, d, target));
    }
    let one = |kind: &'static str, id: &str, file: &str, used: Option<&Vec<usize>>| TargetReport {
        target: target.to_string(),
        file: file.to_string(),
        items: vec![Item {
            kind,
            id: id.to_string(),
            change: None,
            used_by: pages(hb, used),
        }],
        linked_from: Vec::new(),
    };
    if let Some((d, m)) = hb.message(t) {
        return Some(one(
            "message",
            &m.full,
            &d.path,
            hb.uses.message(&m.full, false),
        ));
    }
    if let Some((d, c)) = hb.claim(t) {
        return Some(one(
            "claim",
            &c.id.value,
            &d.path,
            hb.uses.claim(&c.id.value, false),
        ));
    }
    let i = *hb.doc_ids.get(t)?;
    let d = hb.docs.get(i)?;
    Some(of_document(hb, i, d, target))
}

fn unknown(hb: &Handbook, target: &str) -> Error {
    let names = hb
        .docs
        .iter()
        .map(|d| d.path.as_str())
        .chain(hb.messages.keys().map(String::as_str))
        .chain(hb.claims.keys().map(String::as_str))
        .chain(hb.doc_ids.keys().map(String::as_str));
    Error::UnknownTarget {
        target: target.to_string(),
        suggestion: crate::suggest::did_you_mean(target, names).map(str::to_string),
    }
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    let line = |out: &mut String, p: &Page| {
        out.push_str(&format!("    {}  {}", p.file, p.title));
        if !p.channels.is_empty() {
            out.push_str(&format!("  [{}]", p.channels.join(", ")));
        }
        out.push('\n');
    };
    for t in &report.targets {
        if t.target == t.file {
            out.push_str(&format!("{}\n", t.file));
        } else {
            out.push_str(&format!("{} ({})\n", t.target, t.file));
        }
        for item in &t.items {
            let what = item.change.map(|c| format!(" {c}")).unwrap_or_default();
            match item.used_by.len() {
                0 if item.change.is_some() => {
                    out.push_str(&format!("  {} {}{what}: no page\n", item.kind, item.id))
                }
                0 => out.push_str(&format!("  {} {}: not used\n", item.kind, item.id)),
                n => out.push_str(&format!(
                    "  {} {}{what}: {n} page{}\n",
                    item.kind,
                    item.id,
                    if n == 1 { "" } else { "s" }
                )),
            }
            for p in &item.used_by {
                line(&mut out, p);
            }
        }
        let changed = t.items.iter().any(|i| i.change.is_some());
        if !t.linked_from.is_empty() {
            if changed {
                out.push_str(&format!(
                    "  links that may be broken now: {} page(s)\n",
                    t.linked_from.len()
                ));
            } else {
                out.push_str(&format!("  linked from {} page(s)\n", t.linked_from.len()));
            }
            for p in &t.linked_from {
                line(&mut out, p);
            }
        }
        out.push('\n');
    }
    out.push_str(&format!("{} page(s) affected\n", report.pages));
    out
}

pub fn run(args: &ImpactArgs) -> Result<Outcome, Error> {
    let today = crate::today(args.common.today.as_deref())?;
    let (hb, _) = load::handbook(&args.common.root, today, load::Purpose::Check)?;
    let targets = args.targets.clone();
    if targets.is_empty() && args.changed_since.is_none() {
        return Err(Error::NothingToImpact);
    }
    let mut reports = Vec::new();
    for t in &targets {
        reports.push(resolve(&hb, t).ok_or_else(|| unknown(&hb, t))?);
    }
    if let Some(rev) = &args.changed_since {
        crate::git::check_rev(rev)?;
        reports.extend(crate::diff::since(&hb, rev)?.iter().map(of_change));
    }
    let files: BTreeSet<&str> = reports
        .iter()
        .flat_map(|r| {
            r.items
                .iter()
                .flat_map(|i| i.used_by.iter())
                .chain(r.linked_from.iter())
                .map(|p| p.file.as_str())
        })
        .collect();
    let report = Report {
        pages: files.len(),
        targets: reports,
    };
    let text = match args.format {
        ImpactFormat::Human => human(&report),
        ImpactFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
            s.push('\n');
            s
        }
    };
    print!("{text}");
    Ok(Outcome::Ok)
}
