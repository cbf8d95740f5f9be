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
        if found.is_mention(&ctx.texts) || inside_term(ctx, found, &term.value) {
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

/// Does the avoided word start inside the preferred term written out (`plan` in "the
/// weekly plan", `plans` in "weekly plans", when the term is `weekly plan`)? That is the term, not the avoided word; a fix
/// there would write the term again and again.
fn inside_term(ctx: &Ctx, found: &crate::lint::glossary::Found, term: &str) -> bool {
    let Some(text) = ctx.texts.text(found.text) else {
        return false;
    };
    let text = text.text();
    let (start, end) = (found.hit.start, found.hit.end);
    let mut lo = start.saturating_sub(term.len());
    while lo > 0 && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (end + term.len()).min(text.len());
    while hi < text.len() && !text.is_char_boundary(hi) {
        hi += 1;
    }
    let Some(window) = text.get(lo..hi) else {
        return false;
    };
    // ASCII lower-casing keeps every byte offset.
    let (window, term) = (
        window.to_ascii_lowercase(),
        term.trim().to_ascii_lowercase(),
    );
    !term.is_empty()
        && window
            .match_indices(term.as_str())
            .any(|(at, m)| lo + at <= start && lo + at + m.len() > start)
}
