//! `message/drift`: a sentence that nearly repeats a canonical message but differs.

use crate::diagnostics::{Applicability, Diagnostic, Fix};
use crate::lint::ctx::Ctx;
use crate::lint::fixes::{self, Kind};
use crate::lint::sentences::{Hit, Reference};
use crate::lint::similar;
use crate::rules::MESSAGE_DRIFT;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let cmp = ctx.message_matches();
    for hit in &cmp.hits {
        let Some(r) = cmp.references.get(hit.reference) else {
            continue;
        };
        if hit.tokens == r.tokens {
            continue; // message/copy
        }
        let diff = similar::describe(&similar::script(&hit.tokens, &r.tokens));
        let mut d = Diagnostic::new(
            &MESSAGE_DRIFT,
            hit.span,
            format!(
                "sentence drifts from message {} (similarity {:.2})",
                r.id, hit.similarity
            ),
        )
        .related(r.span, format!("{} is defined here", r.id))
        .note(format!("words changed: {diff}"))
        .help(format!("use {{{{msg:{}}}}}", r.id));
        if let Some(fix) = fix(ctx, hit, r) {
            d = d.fix(fix);
        }
        out.push(d);
    }
}

/// `{{msg:ID}}` in place of the drifted sentence (unsafe: the writer's own words go),
/// when the message is that one sentence.
fn fix(ctx: &Ctx, hit: &Hit, r: &Reference) -> Option<Fix> {
    if !r.whole {
        return None;
    }
    let text = ctx.texts.text(hit.at)?;
    let (a, b) = fixes::core(text.text(), hit.range.0, hit.range.1, &r.text);
    let with = format!("{{{{msg:{}}}}}", r.id);
    let edit = fixes::replace(ctx, hit.at, a, b, &with, Kind::Reference)?;
    Some(Fix::new(
        format!("Replace the sentence with {with} (the sentence's own words are lost)"),
        Applicability::Unsafe,
        vec![edit],
    ))
}
