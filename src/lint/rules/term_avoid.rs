//! `term/avoid`: an avoided word; says the preferred term.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::glossary::Entry;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "term/avoid",
    default: Severity::Warning,
    summary: "A word the glossary says to avoid.",
    explain: "Finds, by whole words and in any case, a word or phrase that a glossary term lists under `avoid`, in body prose and in prose front-matter values (titles, descriptions, message texts). It says which term to use instead.\n\nWhy it matters: one thing called three names confuses buyers and splits search results. The glossary decides the name; this rule keeps every page on it.\n\nExample:\n\n    terms:\n      - term: weekly plan\n        avoid: [rota, schedule sheet]\n\nThe sentence \"Share the rota with the team\" gets: use `weekly plan` instead of `rota`.\n\nForms recognised: any case; a hyphen or a space between the parts of a phrase written either way (`cash-out screen` finds `cash out screen`; a form without either, such as `cashout screen`, only when it is listed too); the regular plurals and possessives of the last word (`tip jar` finds `tip jars` and `tip jar's`, not `tipping`); typographic and ASCII apostrophes and dashes alike. Not prose here: code, handles and channels (`@x`, `#x`), e-mail addresses, paths and URLs, identifiers with `_` or `.`, and runs of ALL-CAPS words.\n\nA mention is not a use: a word in quotes (\"we no longer say “rota”\"), or right after \"abbreviated as\", \"also called\", \"also known as\", \"known as\", \"formerly\", \"aka\", \"the term\" or \"the word\" (\"Kubernetes, often abbreviated as K8s\"), is not reported. Anything else is.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for found in ctx.term_hits() {
        let Entry::Avoid { avoid, term } = found.entry else {
            continue;
        };
        if found.is_mention(ctx) {
            continue;
        }
        let Some((span, word)) = found.place(ctx) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                RULE.id,
                span,
                format!("say `{}` instead of `{word}`", term.value),
            )
            .related(
                avoid.span,
                format!("`{}` is listed under avoid here", avoid.value),
            )
            .help(format!("replace `{word}` with `{}`", term.value)),
        );
    }
}
