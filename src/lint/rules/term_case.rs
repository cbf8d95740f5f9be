//! `term/case`: a case-sensitive term written in another case.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::lint::terms::PhraseSet;
use crate::source::Span;

pub const RULE: Rule = Rule {
    id: "term/case",
    default: Severity::Warning,
    summary: "A case-sensitive term written in another case.",
    explain: "A glossary term that contains an upper-case letter (a product or company name) is case-sensitive. This rule finds it written in another case, by whole words.\n\nWhy it matters: names are brand. \"Brightdesk\" on the website and \"BrightDesk\" in the deck look like two products, and search treats them as two words.\n\nExample: the term `Acme Handbook`, and the sentence \"Open the acme handbook\" gets: write `Acme Handbook`.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut set = PhraseSet::default();
    let mut entries = Vec::new();
    for d in &ctx.hb.docs {
        if let Some(g) = &d.glossary {
            for t in &g.terms {
                if t.term.value.chars().any(char::is_uppercase) {
                    set.add(&t.term.value, entries.len());
                    entries.push(&t.term);
                }
            }
        }
    }
    if set.is_empty() {
        return;
    }
    for text in ctx.texts() {
        for hit in set.find(text.text(), &text.words) {
            let Some(term) = entries.get(hit.id) else {
                continue;
            };
            let found = text.text().get(hit.start..hit.end).unwrap_or("");
            // Compare word by word so line breaks or double spaces inside do not count.
            let same = found.split_whitespace().eq(term.value.split_whitespace());
            if same {
                continue;
            }
            out.push(
                Diagnostic::new(
                    RULE.id,
                    Span::new(
                        text.file,
                        text.file_offset(hit.start),
                        text.file_offset(hit.start) + (hit.end - hit.start),
                    ),
                    format!("write `{}`, not `{found}`", term.value),
                )
                .related(term.span, "the term is defined here")
                .help(format!("`{}` is case-sensitive", term.value)),
            );
        }
    }
}
