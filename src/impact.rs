//! `gtmbook impact`: before changing a message, a claim or a persona (or to describe a
//! pull request), the pages that render or cite it and the pages that link to it.

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
}

#[derive(Serialize)]
struct Item {
    /// `message`, `claim` or `persona`.
    kind: &'static str,
    id: String,
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
    })
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
            used_by: pages(hb, hb.uses.message(&m.full, false)),
        });
    }
    for c in &d.claims {
        items.push(Item {
            kind: "claim",
            id: c.id.value.clone(),
            used_by: pages(hb, hb.uses.claim(&c.id.value, false)),
        });
    }
    if hb.personas.get(&d.id.value) == Some(&i) {
        items.push(Item {
            kind: "persona",
            id: d.id.value.clone(),
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
            match item.used_by.len() {
                0 => out.push_str(&format!("  {} {}: not used\n", item.kind, item.id)),
                n => out.push_str(&format!(
                    "  {} {}: {n} page{}\n",
                    item.kind,
                    item.id,
                    if n == 1 { "" } else { "s" }
                )),
            }
            for p in &item.used_by {
                line(&mut out, p);
            }
        }
        if !t.linked_from.is_empty() {
            out.push_str(&format!("  linked from {} page(s)\n", t.linked_from.len()));
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
    let mut targets = args.targets.clone();
    if let Some(rev) = &args.changed_since {
        let changed = crate::git::changed_since(&hb.root, rev)?;
        let mut docs: Vec<&str> = hb
            .docs
            .iter()
            .map(|d| d.path.as_str())
            .filter(|p| changed.contains(*p))
            .collect();
        docs.sort_unstable();
        targets.extend(docs.into_iter().map(str::to_string));
    }
    if targets.is_empty() && args.changed_since.is_none() {
        return Err(Error::NothingToImpact);
    }
    let mut reports = Vec::new();
    for t in &targets {
        reports.push(resolve(&hb, t).ok_or_else(|| unknown(&hb, t))?);
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
