//! What falls due: the review queue over a window of days. Documents whose review is
//! due (or overdue, or never done), claims that expire, and messages whose proof claims
//! expire, each with its owner and the reason in words. `gtmbook review`, the cadence
//! page and the trust score all ask here; the dates come from `dates.rs`.

use super::dates::{days_between, review_due};
use super::{Document, Handbook, Status};
use jiff::civil::Date;

/// What an item of the queue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DueKind {
    Document,
    Claim,
    Message,
}

impl DueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::Document => "document",
            DueKind::Claim => "claim",
            DueKind::Message => "message",
        }
    }
}

/// One thing someone must look at.
#[derive(Debug, Clone)]
pub struct DueItem {
    pub kind: DueKind,
    /// The document: the one to review, the one defining the claim or the message.
    pub doc: usize,
    /// The document's path, the claim id or the message's `DOCID.MSGID`.
    pub id: String,
    /// The owner of `doc`.
    pub owner: Option<String>,
    /// When it falls due: the review date, the expiry date, the first proof's expiry;
    /// `None` for a document never reviewed.
    pub due: Option<Date>,
    /// Days from today to `due` (negative: past).
    pub days_left: Option<i64>,
    /// Documents: the last review and the period.
    pub reviewed: Option<Date>,
    pub review_every: i64,
    /// Claims: the documents citing it (sorted). Messages: none.
    pub cited_by: Vec<usize>,
    /// Messages: the proof claims that expire in the window, with their dates.
    pub claims: Vec<(String, Date)>,
    /// Why it is in the queue, in words.
    pub reason: String,
}

impl DueItem {
    pub fn overdue(&self) -> bool {
        self.days_left.is_none_or(|d| d < 0)
    }
}

/// Documents the queue and the trust score count: on the site, not retired.
pub fn counted(hb: &Handbook, d: &Document) -> bool {
    d.status.value != Status::Retired && hb.is_built(d)
}

fn plural(n: i64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 || n == -1 { "" } else { "s" })
}

/// "in 5 days", "today", "94 days overdue" / "5 days ago".
fn when(days: i64, past: &str) -> String {
    match days {
        0 => "today".into(),
        d if d > 0 => format!("in {}", plural(d, "day")),
        d => format!("{} {past}", plural(-d, "day")),
    }
}

fn owner_of(d: &Document) -> Option<String> {
    d.owner
        .as_ref()
        .map(|o| o.value.trim().to_string())
        .filter(|o| !o.is_empty())
}

/// Everything due on or before `today + within` days (overdue included), sorted by
/// owner (no owner last), then oldest first.
pub fn queue(hb: &Handbook, within: i64) -> Vec<DueItem> {
    let today = hb.today;
    let horizon = today
        .checked_add(jiff::Span::new().days(within.max(0)))
        .unwrap_or(today);
    let mut out = Vec::new();
    for (i, d) in hb.docs.iter().enumerate() {
        if !counted(hb, d) {
            continue;
        }
        let owner = owner_of(d);
        let every = hb.review_every(d);
        let item = |kind, id: String, due: Option<Date>, reason: String| DueItem {
            kind,
            doc: i,
            id,
            owner: owner.clone(),
            due,
            days_left: due.map(|x| days_between(today, x)),
            reviewed: d.reviewed.as_ref().map(|r| r.value),
            review_every: every,
            cited_by: Vec::new(),
            claims: Vec::new(),
            reason,
        };
        match (d.reviewed.as_ref(), review_due(hb, d)) {
            (Some(r), Some(due)) if due <= horizon => {
                let days = days_between(today, due);
                let state = if days < 0 {
                    format!("{} overdue", plural(-days, "day"))
                } else {
                    format!("due {due}, {}", when(days, "ago"))
                };
                let reason = format!(
                    "reviewed {}, every {}: {state}",
                    r.value,
                    plural(every, "day")
                );
                out.push(item(DueKind::Document, d.path.clone(), Some(due), reason));
            }
            (None, _) => out.push(item(
                DueKind::Document,
                d.path.clone(),
                None,
                "never reviewed: its front-matter has no reviewed date".into(),
            )),
            _ => {}
        }
        for c in &d.claims {
            let Some(e) = c.expires.as_ref().map(|x| x.value) else {
                continue;
            };
            if e > horizon {
                continue;
            }
            let cited_by: Vec<usize> = hb
                .uses
                .claim(&c.id.value, false)
                .cloned()
                .unwrap_or_default();
            let days = days_between(today, e);
            let verb = if days < 0 {
                format!("expired {e} ({})", when(days, "ago"))
            } else {
                format!("expires {e} ({})", when(days, "ago"))
            };
            let reason = format!(
                "claim {} {verb}, cited by {}",
                c.id.value,
                plural(i64::try_from(cited_by.len()).unwrap_or(i64::MAX), "page")
            );
            let mut it = item(DueKind::Claim, c.id.value.clone(), Some(e), reason);
            it.cited_by = cited_by;
            out.push(it);
        }
        for m in &d.messages {
            if m.status == Status::Retired {
                continue;
            }
            let mut claims: Vec<(String, Date)> = m
                .proof
                .iter()
                .filter_map(|p| {
                    let (_, c) = hb.claim(&p.value)?;
                    let e = c.expires.as_ref()?.value;
                    (e <= horizon).then(|| (p.value.clone(), e))
                })
                .collect();
            claims.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
            claims.dedup();
            let Some(first) = claims.first().map(|c| c.1) else {
                continue;
            };
            let named: Vec<String> = claims
                .iter()
                .map(|(id, e)| {
                    let verb = if *e < today { "expired" } else { "expires" };
                    format!("claim {id}, which {verb} {e}")
                })
                .collect();
            let reason = format!("message {} cites {}", m.full, named.join(" and "));
            let mut it = item(DueKind::Message, m.full.clone(), Some(first), reason);
            it.claims = claims;
            out.push(it);
        }
    }
    sort(&mut out);
    out
}

/// By owner (alphabetically, case-insensitive; no owner last), then oldest first:
/// never reviewed, then by due date, then kind and id.
pub fn sort(items: &mut [DueItem]) {
    items.sort_by(|a, b| {
        let owner = |x: &DueItem| {
            (
                x.owner.is_none(),
                x.owner.as_deref().map(str::to_lowercase),
                x.owner.clone(),
            )
        };
        owner(a)
            .cmp(&owner(b))
            .then(a.due.is_some().cmp(&b.due.is_some()))
            .then(a.due.cmp(&b.due))
            .then(a.kind.cmp(&b.kind))
            .then(a.id.cmp(&b.id))
    });
}

/// The items grouped by owner, in the order of [`sort`].
pub fn by_owner(items: &[DueItem]) -> Vec<(Option<&str>, Vec<&DueItem>)> {
    let mut groups: Vec<(Option<&str>, Vec<&DueItem>)> = Vec::new();
    for it in items {
        match groups.last_mut() {
            Some((o, list)) if *o == it.owner.as_deref() => list.push(it),
            _ => groups.push((it.owner.as_deref(), vec![it])),
        }
    }
    groups
}
