//! Runs the rules over a loaded handbook, then applies configured severities,
//! front-matter `lint.allow`, `<!-- gtmbook-ignore RULE -->` comments, and sorts.

pub mod cache;
pub mod ctx;
pub mod fixes;
pub mod glossary;
pub mod numbers;
pub mod prose;
pub mod rules;
pub mod scalar;
pub mod sentences;
pub mod similar;
pub mod terms;
pub mod texts;

pub use cache::Cache;
pub use ctx::Ctx;

use crate::diagnostics::{self, Diagnostic};
use crate::model::Handbook;
use crate::source::FileId;
use rayon::prelude::*;
use std::collections::HashMap;

/// Run every rule and merge with the load diagnostics; the result is final and sorted.
/// `phase` is called with the name of each phase as it ends (the caller times them:
/// lint reads no clock).
pub fn run(hb: &Handbook, diags: Vec<Diagnostic>, phase: &mut dyn FnMut(&str)) -> Vec<Diagnostic> {
    let ctx = Ctx::new(hb);
    phase("prose");
    // Compute the shared sentence comparisons before the rules run in parallel: doing it
    // lazily inside a rule could re-enter the same OnceLock through rayon work stealing.
    ctx.message_matches();
    phase("sentences");
    ctx.term_hits();
    phase("glossary");
    rules_and_finish(&ctx, diags, phase)
}

/// [`run`], reusing the per-document results `cache` kept from earlier runs (of this
/// handbook or an earlier version of it) and keeping this run's for the next: the same
/// findings as [`run`], recomputing only documents whose texts changed (every document's
/// sentence comparisons when a message or claim text changed; every document's glossary
/// hits when the glossary changed).
pub fn run_with(
    cache: &mut Cache,
    hb: &Handbook,
    diags: Vec<Diagnostic>,
    phase: &mut dyn FnMut(&str),
) -> Vec<Diagnostic> {
    let texts = texts::Texts::new(hb);
    let keys = cache::doc_keys(&texts);
    phase("prose");
    let sentences = cache.sentences(&texts, &keys);
    phase("sentences");
    let terms = cache.terms(&texts, &keys);
    phase("glossary");
    let ctx = Ctx::with_parts(hb, texts, sentences, terms);
    rules_and_finish(&ctx, diags, phase)
}

/// Every rule over `ctx`, then [`finish`].
fn rules_and_finish(
    ctx: &Ctx,
    mut diags: Vec<Diagnostic>,
    phase: &mut dyn FnMut(&str),
) -> Vec<Diagnostic> {
    let hb = ctx.hb;
    let found: Vec<Diagnostic> = rules::CHECKS
        .par_iter()
        .flat_map_iter(|check| {
            let mut out = Vec::new();
            check(ctx, &mut out);
            out
        })
        .collect();
    diags.extend(found);
    phase("rules");
    let out = finish(hb, diags);
    phase("suppression and sorting");
    out
}

/// Severities from `[lint.rules]`, suppression, sorting.
pub fn finish(hb: &Handbook, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let by_file: HashMap<FileId, usize> = hb
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.file, i))
        .collect();
    let mut out: Vec<Diagnostic> = diags
        .into_iter()
        .filter_map(|mut d| {
            let sev = hb.config.severity_of(d.rule.id, d.severity)?;
            d.severity = sev;
            if let Some(doc) = by_file.get(&d.span.file).and_then(|i| hb.docs.get(*i))
                && doc.allows(d.rule.id)
            {
                return None;
            }
            if ignored_by_comment(hb, &d) {
                return None;
            }
            Some(d)
        })
        .collect();
    diagnostics::sort(&mut out, &hb.sources);
    out
}

/// `<!-- gtmbook-ignore RULE -->` on the line before the finding (or the same line)
/// switches the rule off there; without a rule id it switches off every rule.
fn ignored_by_comment(hb: &Handbook, d: &Diagnostic) -> bool {
    let Some(file) = hb.sources.get(d.span.file) else {
        return false;
    };
    let (line, _) = file.line_col(d.span.start);
    let check = |l: usize| {
        let text = file.line_text(l);
        let Some(start) = text.find("<!-- gtmbook-ignore") else {
            return false;
        };
        let rest = text
            .get(start + "<!-- gtmbook-ignore".len()..)
            .unwrap_or("");
        let inner = rest.split("-->").next().unwrap_or("");
        let rules: Vec<&str> = inner
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .collect();
        rules.is_empty() || rules.contains(&d.rule.id)
    };
    check(line) || (line > 1 && check(line - 1))
}
