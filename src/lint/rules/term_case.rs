//! `term/case`: a case-sensitive term written in another case.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::glossary::Entry;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "term/case",
    default: Severity::Warning,
    summary: "A case-sensitive term written in another case.",
    explain: "A glossary term that contains an upper-case letter (a product or company name) is case-sensitive. This rule finds it written in another case, by whole words.\n\nWhy it matters: names are brand. \"Brightdesk\" on the website and \"BrightDesk\" in the deck look like two products, and search treats them as two words.\n\nExample: the term `Acme Handbook`, and the sentence \"Open the acme handbook\" gets: write `Acme Handbook`.\n\nA term is matched within one sentence only, never across `.`, `!`, `?` or `…` (the tagline \"Close the shift. Close the payroll.\" does not contain `Shift Close`). Not prose here: a term written in capitals (emphasis), runs of ALL-CAPS words, handles and channels (`@acme`, `#acme`), e-mail addresses, paths, file names, slugs such as `acme/server` and URLs (also as link text), identifiers with `_` or `.`, and code. A spelling in quotes, or named after \"also called\", \"known as\", \"formerly\" and the like, is a mention (\"not “Example product”\"), not reported.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for found in ctx.term_hits() {
        let Entry::Case { term } = found.entry else {
            continue;
        };
        let Some((span, word)) = found.place(ctx) else {
            continue;
        };
        // Compare word by word so line breaks or double spaces inside do not count; a
        // word in capitals is emphasis, not another spelling.
        if found.in_slug(ctx)
            || found.is_mention(ctx)
            || word.split_whitespace().eq(term.value.split_whitespace())
            || (word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !word.chars().any(char::is_lowercase))
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                RULE.id,
                span,
                format!("write `{}`, not `{word}`", term.value),
            )
            .related(term.span, "the term is defined here")
            .help(format!("`{}` is case-sensitive", term.value)),
        );
    }
}
