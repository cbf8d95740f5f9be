//! The cadence page (`gtmbook/cadence/`): the playbooks laid out by `cadence` (weekly,
//! monthly, quarterly, launch, then the others), their steps and owners, and beside
//! each rhythm the review items of `model::due` that fall in it. The quarterly
//! positioning review lists the positioning and messaging documents, each messaging
//! document with its message changes of the last quarter from the messaging changelog
//! ([`changes_since`]) when the build has one.

use super::changelog::summary_html;
use super::context::StepCtx;
use super::shared::Shared;
use super::values::{date, kind_name, opt};
use crate::model::due::{DueItem, DueKind, counted, queue};
use crate::model::{DocType, Document};
use jiff::civil::Date;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct CadencePlaybookCtx {
    pub title: String,
    pub url: String,
    pub owner: Option<String>,
    pub description_html: Option<String>,
    /// As written (`once`, or a value of the book's own); `None` when not set.
    pub cadence: Option<String>,
    pub steps: Vec<StepCtx>,
}

#[derive(Serialize)]
pub(super) struct ReviewItemCtx {
    /// `document`, `claim` or `message`.
    pub kind: &'static str,
    /// The page title, or the claim or message id.
    pub label: String,
    pub url: String,
    pub owner: Option<String>,
    pub reason: String,
    pub overdue: bool,
}

/// One change to a document, as a messaging changelog reports it.
#[derive(Serialize)]
pub(super) struct ChangeCtx {
    pub date: String,
    pub summary_html: String,
}

/// A positioning or messaging document in the quarterly review.
#[derive(Serialize)]
pub(super) struct QuarterDocCtx {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub owner: Option<String>,
    pub reviewed: Option<String>,
    /// What changed in it since the last quarter; `None` while no changelog is
    /// available (the page says so), `Some(empty)` when nothing changed.
    pub changes: Option<Vec<ChangeCtx>>,
}

#[derive(Serialize)]
pub(super) struct RhythmCtx {
    /// `weekly`, `monthly`, `quarterly`, `launch` or `other`.
    pub id: &'static str,
    pub title: &'static str,
    /// What the rhythm is for, in one sentence.
    pub summary: &'static str,
    /// Which review items are listed beside it, in words; `None`: none are.
    pub window: Option<String>,
    pub playbooks: Vec<CadencePlaybookCtx>,
    pub reviews: Vec<ReviewItemCtx>,
    pub documents: Vec<QuarterDocCtx>,
    /// Some document of `documents` has its changes from a changelog.
    pub changelog: bool,
}

#[derive(Serialize)]
pub(super) struct CadenceCtx {
    pub today: String,
    pub rhythms: Vec<RhythmCtx>,
}

const RHYTHMS: [(&str, &str, &str); 4] = [
    (
        "weekly",
        "Weekly",
        "Close to live deals: the review queue of the week, and what buyers said.",
    ),
    (
        "monthly",
        "Monthly",
        "Narrative consistency: what falls due in the month ahead.",
    ),
    (
        "quarterly",
        "Quarterly",
        "The positioning review: positioning and messaging, and what falls due in the quarter.",
    ),
    (
        "launch",
        "Launch",
        "Before each launch: run gtmbook review --within 30d, so that the launch quotes only current pages and claims.",
    ),
];

/// What changed in a messaging document's messages since `since`, newest first, from
/// the messaging changelog; `None` without a changelog (the page says so) and for
/// positioning documents, which the changelog does not follow.
fn changes_since(shared: &Shared, doc: &Document, since: Date) -> Option<Vec<ChangeCtx>> {
    let log = shared.changelog?;
    if doc.kind != DocType::Messaging {
        return None;
    }
    let prefix = format!("{}.", doc.id.value);
    let here = |id: &str| match shared.hb.message(id) {
        Some((d, _)) => d.path == doc.path,
        // Removed since: it was this document's when its id says so.
        None => id.starts_with(&prefix),
    };
    let since = since.to_string();
    Some(
        log.commits
            .iter()
            .filter(|c| c.date >= since)
            .flat_map(|c| {
                c.lines
                    .iter()
                    .filter(|l| l.kind == "message" && here(&l.id))
                    .map(|l| ChangeCtx {
                        date: c.date.clone(),
                        summary_html: summary_html(l),
                    })
            })
            .collect(),
    )
}

fn playbook(shared: &Shared, d: &Document) -> CadencePlaybookCtx {
    let p = d.playbook.clone().unwrap_or_default();
    CadencePlaybookCtx {
        title: d.title.value.clone(),
        url: shared.url(d),
        owner: opt(&d.owner),
        description_html: shared.prose_opt(&d.description),
        cadence: opt(&p.cadence),
        steps: shared.steps(&p.steps),
    }
}

fn review_item(shared: &Shared, it: &DueItem) -> ReviewItemCtx {
    let hb = shared.hb;
    let (label, url) = match it.kind {
        DueKind::Document => hb
            .docs
            .get(it.doc)
            .map(|d| (d.title.value.clone(), shared.url(d)))
            .unwrap_or_default(),
        DueKind::Claim => (format!("claim {}", it.id), shared.claim_url(&it.id)),
        DueKind::Message => (format!("message {}", it.id), shared.message_url(&it.id)),
    };
    ReviewItemCtx {
        kind: it.kind.as_str(),
        label,
        url,
        owner: it.owner.clone(),
        reason: it.reason.clone(),
        overdue: it.overdue(),
    }
}

pub(super) fn cadence_ctx(shared: &Shared) -> CadenceCtx {
    let hb = shared.hb;
    let cadence_of = |d: &Document| {
        d.playbook
            .as_ref()
            .and_then(|p| p.cadence.as_ref())
            .map(|c| c.value.trim().to_lowercase())
    };
    let playbooks: Vec<&Document> = hb
        .docs
        .iter()
        .filter(|d| d.kind == DocType::Playbook && counted(hb, d))
        .collect();
    let in_window = |lo: Option<i64>, hi: i64| -> Vec<ReviewItemCtx> {
        queue(hb, hi)
            .iter()
            .filter(|it| match (lo, it.days_left) {
                (None, _) => true,
                (Some(lo), Some(d)) => d > lo,
                (Some(_), None) => false,
            })
            .map(|it| review_item(shared, it))
            .collect()
    };
    let quarter_ago = hb
        .today
        .checked_sub(jiff::Span::new().days(91))
        .unwrap_or(hb.today);
    let mut rhythms = Vec::new();
    for (id, title, summary) in RHYTHMS {
        let (window, reviews) = match id {
            "weekly" => (
                Some("Overdue, and due within 7 days".to_string()),
                in_window(None, 7),
            ),
            "monthly" => (
                Some("Due in 8 to 30 days".to_string()),
                in_window(Some(7), 30),
            ),
            "quarterly" => (
                Some("Due in 31 to 90 days".to_string()),
                in_window(Some(30), 90),
            ),
            _ => (None, Vec::new()),
        };
        let documents = if id == "quarterly" {
            hb.docs
                .iter()
                .filter(|d| {
                    matches!(d.kind, DocType::Positioning | DocType::Messaging) && counted(hb, d)
                })
                .map(|d| QuarterDocCtx {
                    title: d.title.value.clone(),
                    url: shared.url(d),
                    kind: kind_name(d),
                    owner: opt(&d.owner),
                    reviewed: date(&d.reviewed),
                    changes: changes_since(shared, d, quarter_ago),
                })
                .collect()
        } else {
            Vec::new()
        };
        let changelog = documents.iter().any(|d| d.changes.is_some());
        rhythms.push(RhythmCtx {
            id,
            title,
            changelog,
            summary,
            window,
            playbooks: playbooks
                .iter()
                .filter(|d| cadence_of(d).as_deref() == Some(id))
                .map(|d| playbook(shared, d))
                .collect(),
            reviews,
            documents,
        });
    }
    let others: Vec<CadencePlaybookCtx> = playbooks
        .iter()
        .filter(|d| {
            cadence_of(d)
                .as_deref()
                .is_none_or(|c| !RHYTHMS.iter().any(|r| r.0 == c))
        })
        .map(|d| playbook(shared, d))
        .collect();
    if !others.is_empty() {
        rhythms.push(RhythmCtx {
            id: "other",
            title: "Other playbooks",
            summary: "Run once, or on a rhythm of their own.",
            window: None,
            playbooks: others,
            reviews: Vec::new(),
            documents: Vec::new(),
            changelog: false,
        });
    }
    CadenceCtx {
        today: hb.today.to_string(),
        rhythms,
    }
}
