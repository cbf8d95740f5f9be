//! `freshness/stale`: `reviewed` + review period is before today.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::model::dates::{days_between, review_due};

pub const RULE: Rule = Rule {
    id: "freshness/stale",
    default: Severity::Warning,
    summary: "A document past its review date.",
    explain: "Finds a document whose `reviewed` date plus its review period (`review_every`, or `[lint] review_every_days`, 180 by default) is before today. It says by how many days, and who owns the page.\n\nWhy it matters: a handbook is trusted only while it is current. Positioning and battlecards go stale as the market moves, and nobody notices until a deal is lost.\n\nExample:\n\n    reviewed: 2025-01-10\n    review_every: 90\n\nOn 2025-06-01 this page is 52 days overdue. Review it and set `reviewed:` to the date you did.",
};

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
                    RULE.id,
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
