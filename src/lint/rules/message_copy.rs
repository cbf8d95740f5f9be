//! `message/copy`: a sentence that repeats a canonical message word for word.

use crate::diagnostics::{Applicability, Diagnostic, Fix};
use crate::lint::ctx::Ctx;
use crate::lint::fixes::{self, Kind};
use crate::lint::sentences::{Hit, Reference};
use crate::rules::MESSAGE_COPY;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let cmp = ctx.message_matches();
    for hit in &cmp.hits {
        let Some(r) = cmp.references.get(hit.reference) else {
            continue;
        };
        if hit.tokens != r.tokens {
            continue;
        }
        let mut d = Diagnostic::new(
            &MESSAGE_COPY,
            hit.span,
            format!("sentence copies message {}", r.id),
        )
        .related(r.span, format!("{} is defined here", r.id))
        .help(format!("use {{{{msg:{}}}}}", r.id));
        if let Some(fix) = fix(ctx, hit, r) {
            d = d.fix(fix);
        }
        out.push(d);
    }
}

/// `{{msg:ID}}` in place of the copied words, when the reference renders the same
/// sentence: the message is that one sentence, written with the same punctuation.
fn fix(ctx: &Ctx, hit: &Hit, r: &Reference) -> Option<Fix> {
    let text = ctx.texts.text(hit.at)?;
    let (a, b) = fixes::core(text.text(), hit.range.0, hit.range.1, &r.text);
    if !r.whole || !fixes::renders_same(text.text().get(a..b)?, &r.text) {
        return None;
    }
    let with = format!("{{{{msg:{}}}}}", r.id);
    let edit = fixes::replace(ctx, hit.at, a, b, &with, Kind::Reference)?;
    Some(Fix::new(
        format!("Replace the copy with {with}"),
        Applicability::Safe,
        vec![edit],
    ))
}
