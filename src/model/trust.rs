//! The trust score: the share of documents within their review period and with no
//! error-level finding, and the share of messages whose document is trusted and whose
//! proof claims have not expired; in total, per owner and per top-level folder. A pure
//! function of the model and the findings, computed after the checks.

use super::dates::{expired, overdue, review_due};
use super::due::counted;
use super::{Handbook, Status};
use crate::diagnostics::{Diagnostic, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// `trusted` of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Share {
    pub trusted: usize,
    pub total: usize,
}

impl Share {
    /// The share from 0 to 1 (1 when there is nothing to trust).
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.trusted as f64 / self.total as f64
        }
    }

    /// Whole percent, rounded down: 79.9% shows as 79%, never as a pass of 80%.
    pub fn percent(&self) -> u32 {
        if self.total == 0 {
            return 100;
        }
        u32::try_from(self.trusted * 100 / self.total).unwrap_or(100)
    }

    fn add(&mut self, trusted: bool) {
        self.total += 1;
        if trusted {
            self.trusted += 1;
        }
    }
}

/// Why one document is not trusted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Doubt {
    pub doc: usize,
    pub overdue: bool,
    pub never_reviewed: bool,
    /// Error-level findings located in its file.
    pub errors: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Trust {
    pub documents: Share,
    pub messages: Share,
    /// Documents past their review date.
    pub overdue: usize,
    /// Documents with no `reviewed` date.
    pub never_reviewed: usize,
    /// Documents with at least one error-level finding.
    pub with_errors: usize,
    /// Messages trusted through their document but citing an expired claim.
    pub expired_proof: usize,
    /// By owner, alphabetically; documents without one under `None`, last.
    pub by_owner: Vec<(Option<String>, Share)>,
    /// By top-level folder (empty: the top level), alphabetically.
    pub by_folder: Vec<(String, Share)>,
    /// Every document not trusted, in path order.
    pub doubts: Vec<Doubt>,
}

impl Trust {
    /// The score compared with `min_trust`: the documents' share.
    pub fn score(&self) -> f64 {
        self.documents.ratio()
    }

    /// "trust 87% (26 of 30 documents)"
    pub fn line(&self) -> String {
        format!(
            "trust {}% ({} of {} documents)",
            self.documents.percent(),
            self.documents.trusted,
            self.documents.total
        )
    }

    /// The score as data (`check --format json`, `api/health.json`): shares, counts,
    /// `min_trust` and the line when below it; per owner and folder with `detail`.
    pub fn json(&self, min: Option<f64>, detail: bool) -> serde_json::Value {
        let share = |s: &Share| {
            serde_json::json!({
                "score": (s.ratio() * 10_000.0).round() / 10_000.0,
                "percent": s.percent(),
                "trusted": s.trusted,
                "total": s.total,
            })
        };
        let mut v = serde_json::json!({
            "score": (self.score() * 10_000.0).round() / 10_000.0,
            "percent": self.documents.percent(),
            "trusted": self.documents.trusted,
            "documents": self.documents.total,
            "messages": share(&self.messages),
            "overdue": self.overdue,
            "never_reviewed": self.never_reviewed,
            "with_errors": self.with_errors,
            "min_trust": min,
            "below_min_trust": min.and_then(|m| self.below(m)),
        });
        if detail && let Some(obj) = v.as_object_mut() {
            let keyed = |key: &str, name: serde_json::Value, s: &Share| {
                let mut x = share(s);
                if let Some(o) = x.as_object_mut() {
                    o.insert(key.into(), name);
                }
                x
            };
            let owners = self
                .by_owner
                .iter()
                .map(|(o, s)| keyed("owner", serde_json::json!(o), s))
                .collect();
            let folders = self
                .by_folder
                .iter()
                .map(|(f, s)| keyed("folder", serde_json::json!(f), s))
                .collect();
            obj.insert("by_owner".into(), serde_json::Value::Array(owners));
            obj.insert("by_folder".into(), serde_json::Value::Array(folders));
        }
        v
    }

    /// The line saying by how much the score is below `min`, when it is.
    pub fn below(&self, min: f64) -> Option<String> {
        // A hair of tolerance: 24 of 30 is 0.8 even in floating point.
        if self.score() + 1e-9 >= min {
            return None;
        }
        let want = (min * 100.0).round();
        let have = self.documents.percent();
        let points = (want - f64::from(have)).max(1.0);
        let mut why = Vec::new();
        let count =
            |n: usize, what: &str| format!("{n} document{} {what}", if n == 1 { "" } else { "s" });
        if self.overdue > 0 {
            why.push(count(self.overdue, "overdue"));
        }
        if self.never_reviewed > 0 {
            why.push(count(self.never_reviewed, "never reviewed"));
        }
        if self.with_errors > 0 {
            why.push(format!("{} with errors", self.with_errors));
        }
        Some(format!(
            "trust {have}% is below min_trust {want}% by {points} point{}: {}",
            if points == 1.0 { "" } else { "s" },
            if why.is_empty() {
                "no document counted".to_string()
            } else {
                why.join(", ")
            }
        ))
    }
}

/// The trust score of the handbook given its findings.
pub fn of(hb: &Handbook, diags: &[Diagnostic]) -> Trust {
    let mut errors: BTreeMap<crate::source::FileId, usize> = BTreeMap::new();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        *errors.entry(d.span.file).or_default() += 1;
    }
    let mut t = Trust::default();
    let mut owners: BTreeMap<(bool, String, String), (Option<String>, Share)> = BTreeMap::new();
    let mut folders: BTreeMap<String, Share> = BTreeMap::new();
    let mut trusted_docs: BTreeSet<usize> = BTreeSet::new();
    for (i, d) in hb.docs.iter().enumerate() {
        if !counted(hb, d) {
            continue;
        }
        let never_reviewed = review_due(hb, d).is_none();
        let overdue = overdue(hb, d).is_some();
        let errs = errors.get(&d.file).copied().unwrap_or(0);
        let trusted = !never_reviewed && !overdue && errs == 0;
        t.documents.add(trusted);
        t.overdue += usize::from(overdue);
        t.never_reviewed += usize::from(never_reviewed);
        t.with_errors += usize::from(errs > 0);
        let owner = d
            .owner
            .as_ref()
            .map(|o| o.value.trim().to_string())
            .filter(|o| !o.is_empty());
        let key = match &owner {
            Some(o) => (false, o.to_lowercase(), o.clone()),
            None => (true, String::new(), String::new()),
        };
        owners
            .entry(key)
            .or_insert_with(|| (owner.clone(), Share::default()))
            .1
            .add(trusted);
        let top = d.dir.split('/').next().unwrap_or("").to_string();
        folders.entry(top).or_default().add(trusted);
        if trusted {
            trusted_docs.insert(i);
        } else {
            t.doubts.push(Doubt {
                doc: i,
                overdue,
                never_reviewed,
                errors: errs,
            });
        }
    }
    for (i, d) in hb.docs.iter().enumerate() {
        if !counted(hb, d) {
            continue;
        }
        for m in d.messages.iter().filter(|m| m.status != Status::Retired) {
            let expired = m.proof.iter().any(|p| {
                hb.claim(&p.value)
                    .and_then(|(_, c)| c.expires.as_ref())
                    .is_some_and(|e| expired(hb.today, e.value))
            });
            let doc_ok = trusted_docs.contains(&i);
            t.expired_proof += usize::from(doc_ok && expired);
            t.messages.add(doc_ok && !expired);
        }
    }
    t.by_owner = owners.into_values().collect();
    t.by_folder = folders.into_iter().collect();
    t
}
