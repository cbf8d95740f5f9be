//! `message/drift`: a sentence that nearly repeats a canonical message but differs.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::lint::similar;

pub const RULE: Rule = Rule {
    id: "message/drift",
    default: Severity::Warning,
    summary: "A sentence that nearly repeats a canonical message but differs.",
    explain: "Finds a sentence whose words are close to a sentence of an approved message but not the same: the word-level similarity (1 − edit distance / longer length, after lower-casing and dropping punctuation) is at least `lint.drift_threshold` (0.6 by default). It shows the word difference and suggests the reference.\n\nWhy it matters: this is how a story drifts. The first-call guide rewords the one-liner a little, the deck copies the guide, the website copies the deck, and a year later no two say the same thing. A reference stays in step with the message house.\n\nExample: the message \"Acme keeps every go-to-market team telling the same story.\" and the sentence \"Acme keeps every GTM team telling one story.\" are 3 word edits apart over 9 words (similarity 0.67). Write `{{msg:platform.one-liner}}` instead, or change the message if the new words are better.",
};

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
        out.push(
            Diagnostic::new(
                RULE.id,
                hit.span,
                format!(
                    "sentence drifts from message {} (similarity {:.2})",
                    r.id, hit.similarity
                ),
            )
            .related(r.span, format!("{} is defined here", r.id))
            .note(format!("words changed: {diff}"))
            .help(format!("use {{{{msg:{}}}}}", r.id)),
        );
    }
}
