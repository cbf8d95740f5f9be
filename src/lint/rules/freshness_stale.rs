//! `freshness/stale`: `reviewed` + review period is before today.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::dates::overdue;
use crate::rules::FRESHNESS_STALE;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    for d in &hb.docs {
        let (Some(reviewed), Some((due, days))) = (&d.reviewed, overdue(hb, d)) else {
            continue;
        };
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
