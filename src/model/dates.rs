//! Date arithmetic of the domain: days between two dates, a claim's expiry state and
//! whether it has expired, a document's review due date and whether it is overdue.
//! Render, the API, the lint rules, the review queue and the trust score all ask here.

use super::{Document, Handbook};
use jiff::civil::Date;

/// Days from `today` to `date` (negative when past).
pub fn days_between(today: Date, date: Date) -> i64 {
    date.duration_since(today).as_secs().div_euclid(86_400)
}

/// Days left before a claim expires, and its state: `expired` (past), `expiring`
/// (within 60 days) or `ok` (later, or no expiry date).
pub fn claim_state(today: Date, expires: Option<Date>) -> (Option<i64>, &'static str) {
    match expires {
        Some(e) => {
            let left = days_between(today, e);
            let state = if left < 0 {
                "expired"
            } else if left <= 60 {
                "expiring"
            } else {
                "ok"
            };
            (Some(left), state)
        }
        None => (None, "ok"),
    }
}

/// Review due date of a document, if it has been reviewed.
pub fn review_due(hb: &Handbook, d: &Document) -> Option<Date> {
    let reviewed = d.reviewed.as_ref()?.value;
    reviewed
        .checked_add(jiff::Span::new().days(hb.review_every(d)))
        .ok()
}

/// A document past its review date: the due date and the days overdue (at least 1).
pub fn overdue(hb: &Handbook, d: &Document) -> Option<(Date, i64)> {
    let due = review_due(hb, d)?;
    (due < hb.today).then(|| (due, days_between(due, hb.today)))
}

/// Has a claim expiring on `expires` expired by `today`?
pub fn expired(today: Date, expires: Date) -> bool {
    expires < today
}
