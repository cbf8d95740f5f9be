//! `term/case`: a case-sensitive term written in another case.

use crate::diagnostics::{Applicability, Diagnostic, Fix};
use crate::lint::ctx::Ctx;
use crate::lint::fixes::{self, Kind};
use crate::lint::glossary::Entry;
use crate::rules::TERM_CASE;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for found in ctx.term_hits() {
        let Entry::Case { term } = found.entry else {
            continue;
        };
        let Some((span, word)) = found.place(&ctx.texts) else {
            continue;
        };
        // Compare word by word so line breaks or double spaces inside do not count; a
        // word in capitals is emphasis, not another spelling.
        if found.in_slug(&ctx.texts)
            || found.is_mention(&ctx.texts)
            || word.split_whitespace().eq(term.value.split_whitespace())
            || (word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !word.chars().any(char::is_lowercase))
        {
            continue;
        }
        let mut d = Diagnostic::new(
            &TERM_CASE,
            span,
            format!("write `{}`, not `{word}`", term.value),
        )
        .related(term.span, "the term is defined here")
        .help(format!("`{}` is case-sensitive", term.value));
        let with = term.value.trim();
        if let Some(e) = fixes::replace(
            ctx,
            found.text,
            found.hit.start,
            found.hit.end,
            with,
            Kind::Words,
        ) {
            d = d.fix(Fix::new(
                format!("Write `{with}`"),
                Applicability::Safe,
                vec![e],
            ));
        }
        out.push(d);
    }
}
