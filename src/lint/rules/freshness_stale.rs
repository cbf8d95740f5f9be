//! `freshness/stale`: `reviewed` + review period is before today.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::dates::{days_between, review_due};
use crate::rules::FRESHNESS_STALE;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    for d in &hb.docs {
        let (Some(reviewed), Some(due)) = (&d.reviewed, review_due(hb, d)) else {
            continue;
        };
        if due < hb.today {
            let days = days_between(due, hb.today);
            let owner = match &d.owner {
                Some(o) => format!("; owner: {}", o.value),
                None => "; it has no owner".into(),
            };
            out.push(
                Diagnostic::new(
                    &FRESHNESS_STALE,
                    reviewed.span,
                    format!(
                        "review overdue by {days} day{} (reviewed {}, due {due}){owner}",
                        if days == 1 { "" } else { "s" },
                        reviewed.value
                    ),
                )
                .help("review the page and set `reviewed:` to today's date"),
            );
        }
    }
}
