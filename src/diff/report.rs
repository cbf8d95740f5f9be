//! What `gtmbook diff` prints: the summary line, the changes, the pages reached per
//! channel and the findings in changed files, as JSON or for a terminal (`markdown.rs`
//! writes the pull-request comment from the same [`Report`]).

use super::change::{Change, KINDS, PageRef, noun};
use crate::diagnostics::JsonDiagnostic;
use crate::model::CHANNELS;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A page reached, once, with every way a change reaches it.
#[derive(Debug, Clone, Serialize)]
pub struct Reached {
    pub file: String,
    pub title: String,
    pub url: String,
    pub channels: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// `{"kind": "message", "change": "changed", "count": 2}`
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub kind: &'static str,
    pub change: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// "2 messages changed, 1 claim added, reaching 9 pages in website, sales and onboarding"
    pub text: String,
    /// How many items changed in each way, in report order.
    pub counts: Vec<Count>,
    /// Pages reached (rendering or citing a changed item, or with a link at risk).
    pub pages: usize,
    pub channels: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub from: String,
    pub to: String,
    pub summary: Summary,
    pub changes: Vec<Change>,
    /// Channel → pages reached that are used in it; pages without channels under `none`.
    pub channels: BTreeMap<String, Vec<Reached>>,
    /// Findings of `check` in, or related to, the changed files.
    pub findings: Vec<JsonDiagnostic>,
}

/// "a, b and c"
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

const ORDER: &[&str] = &[
    "changed",
    "added",
    "removed",
    "retired",
    "unretired",
    "moved",
    "renamed",
    "deleted",
];

impl Report {
    pub fn new(
        from: &str,
        to: &str,
        changes: Vec<Change>,
        findings: Vec<JsonDiagnostic>,
    ) -> Report {
        let mut counts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let rank = |list: &[&str], x: &str| list.iter().position(|k| *k == x).unwrap_or(list.len());
        for c in &changes {
            *counts
                .entry((rank(KINDS, c.kind), rank(ORDER, c.change)))
                .or_default() += 1;
        }
        let counts: Vec<Count> = counts
            .into_iter()
            .map(|((k, w), count)| Count {
                kind: KINDS.get(k).copied().unwrap_or("item"),
                change: ORDER.get(w).copied().unwrap_or("changed"),
                count,
            })
            .collect();
        let mut pages: BTreeMap<&str, &PageRef> = BTreeMap::new();
        for c in &changes {
            for p in c.pages.iter().chain(&c.broken_links) {
                pages.entry(p.file.as_str()).or_insert(p);
            }
        }
        let used: BTreeSet<&str> = pages
            .values()
            .flat_map(|p| p.channels.iter().map(String::as_str))
            .collect();
        let mut channels: Vec<String> = CHANNELS
            .iter()
            .filter(|c| used.contains(**c))
            .map(|c| c.to_string())
            .collect();
        channels.extend(
            used.iter()
                .filter(|c| !CHANNELS.contains(c))
                .map(|c| c.to_string()),
        );
        let mut by_channel: BTreeMap<String, Vec<Reached>> = BTreeMap::new();
        for p in pages.values() {
            let r = Reached {
                file: p.file.clone(),
                title: p.title.clone(),
                url: p.url.clone(),
                channels: p.channels.clone(),
                owner: p.owner.clone(),
            };
            if p.channels.is_empty() {
                by_channel.entry("none".into()).or_default().push(r);
            } else {
                for ch in &p.channels {
                    by_channel.entry(ch.clone()).or_default().push(r.clone());
                }
            }
        }
        let text = if changes.is_empty() {
            "Nothing changed: no message, claim, persona, glossary entry, positioning or document."
                .to_string()
        } else {
            let what: Vec<String> = counts
                .iter()
                .map(|c| format!("{} {} {}", c.count, noun(c.kind, c.count), c.change))
                .collect();
            let n = pages.len();
            let reach = match (n, channels.is_empty()) {
                (0, _) => "reaching no page".to_string(),
                (n, true) => format!("reaching {n} page{}", if n == 1 { "" } else { "s" }),
                (n, false) => format!(
                    "reaching {n} page{} in {}",
                    if n == 1 { "" } else { "s" },
                    and_list(&channels)
                ),
            };
            format!("{}, {reach}", what.join(", "))
        };
        Report {
            version: 1,
            from: from.to_string(),
            to: to.to_string(),
            summary: Summary {
                text,
                counts,
                pages: pages.len(),
                channels,
            },
            changes,
            channels: by_channel,
            findings,
        }
    }

    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }

    pub fn human(&self) -> String {
        let mut out = format!("{} → {}\n{}\n", self.from, self.to, self.summary.text);
        for c in &self.changes {
            out.push_str(&format!("\n{} {} {}", c.kind, c.id, c.change));
            if let Some(old) = &c.old_id {
                out.push_str(&format!(" (was {old})"));
            }
            if let Some(f) = &c.old_file
                && c.old_id.as_deref() != Some(f.as_str())
            {
                out.push_str(&format!(" from {f}"));
            }
            out.push_str(&format!("  [{}]\n", c.file));
            for f in &c.fields {
                let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
                match (&f.old, &f.new) {
                    (None, None) => out.push_str(&format!("  {} changed", f.field)),
                    _ => out.push_str(&format!(
                        "  {}: {} → {}",
                        f.field,
                        show(&f.old),
                        show(&f.new)
                    )),
                }
                if let Some(w) = &f.words {
                    out.push_str(&format!("  ({w})"));
                }
                out.push('\n');
            }
            for p in &c.pages {
                out.push_str(&format!("    {} {}  {}", p.via, p.file, p.title));
                if !p.channels.is_empty() {
                    out.push_str(&format!("  [{}]", p.channels.join(", ")));
                }
                out.push('\n');
            }
            for p in &c.broken_links {
                out.push_str(&format!(
                    "    link may be broken: {}  {}\n",
                    p.file, p.title
                ));
            }
        }
        if !self.findings.is_empty() {
            out.push_str(&format!(
                "\n{} finding(s) in changed files:\n",
                self.findings.len()
            ));
            for f in &self.findings {
                out.push_str(&format!(
                    "  {}:{}:{}: {} [{}] {}\n",
                    f.file, f.line, f.column, f.severity, f.rule.id, f.message
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_counts_pages_and_channels() {
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
        let r = Report::new("HEAD", "working tree", Vec::new(), Vec::new());
        assert_eq!(
            r.summary.text,
            "Nothing changed: no message, claim, persona, glossary entry, positioning or document."
        );
    }
}
