//! `term/avoid`: an avoided word; says the preferred term.

use crate::diagnostics::{Applicability, Diagnostic, Fix};
use crate::lint::ctx::Ctx;
use crate::lint::fixes::{self, Kind};
use crate::lint::glossary::Entry;
use crate::rules::TERM_AVOID;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for found in ctx.term_hits() {
        let Entry::Avoid { avoid, term } = found.entry else {
            continue;
        };
        if found.is_mention(&ctx.texts) {
            continue;
        }
        let Some((span, word)) = found.place(&ctx.texts) else {
            continue;
        };
        let mut d = Diagnostic::new(
            &TERM_AVOID,
            span,
            format!("say `{}` instead of `{word}`", term.value),
        )
        .related(
            avoid.span,
            format!("`{}` is listed under avoid here", avoid.value),
        )
        .help(format!("replace `{word}` with `{}`", term.value));
        let edit = fixes::preferred(word, &avoid.value, &term.value).and_then(|with| {
            let e = fixes::replace(
                ctx,
                found.text,
                found.hit.start,
                found.hit.end,
                &with,
                Kind::Words,
            )?;
            Some((with, e))
        });
        if let Some((with, e)) = edit {
            d = d.fix(Fix::new(
                format!("Replace `{word}` with `{with}`"),
                Applicability::Safe,
                vec![e],
            ));
        }
        out.push(d);
    }
}
