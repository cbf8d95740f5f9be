//! `claim/mismatch`: a sentence that states a claim with other numbers.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::lint::similar;

pub const RULE: Rule = Rule {
    id: "claim/mismatch",
    default: Severity::Error,
    summary: "A sentence that states a claim with other numbers.",
    explain: "Masks the numbers of each sentence and of each claim's text; where the masked sentence matches a masked claim (the drift similarity, at or above `lint.drift_threshold`) but the numbers differ, the sentence states the claim with other numbers.\n\nWhy it matters: a figure quoted from memory is how 44.3% becomes 45% on the homepage and 50% in a deck. The claims register holds the sourced number; every other page should quote it.\n\nExample: the claim \"44.3% of product marketing teams have only one or two people.\" and the sentence \"45% of product marketing teams have only one or two people.\" Write `{{claim:small-teams}}`, or fix the number.\n\nNumbers are compared as values, not strings: \"$3M\", \"$3 million\", \"$3.0M\", \"USD 3M\" and \"$3,000,000\" are one value; so are \"44.3%\", \"44.3 percent\" and \"44.3 per cent\"; \"10x\", \"10×\", \"10 x\" and \"ten times\"; \"1-2\", \"1–2\", \"1 to 2\", \"between 1 and 2\" and \"one or two\"; \"40,000\", \"40 000\", \"40k\" and \"forty thousand\". Number words up to the thousands and the fractions \"half\", \"a third\", \"two-thirds\", \"a quarter\" are numbers, and a fraction states the same value as a percentage or a decimal rounded to the places that figure is written with (\"half\" is \"50%\", \"a third\" is \"33%\" or \"33.3%\", \"a quarter\" is \"25%\"; \"half\" is not \"1\"); a four-digit year stays a year. Units must agree (a percentage is not a plain number, dollars are not euros). The message says which value differs, in the claim's own spelling: \"45% where the claim says 44.3%\". With `[lint] claim_rounding = \"display\"` a figure rounded to fewer places matches (\"44%\" states \"44.3%\"); the default, \"exact\", wants the figure as registered.",
};

/// The claim's numbers that the sentence states otherwise: (sentence spelling, claim
/// spelling). Numbers are paired by the word alignment of the masked sentences; when
/// none pair up, every claim number must appear somewhere in the sentence.
fn differences(
    hit: &similar::Reading,
    claim: &similar::Reading,
    display: bool,
) -> Vec<(String, String)> {
    let script = similar::script(&hit.masked, &claim.masked);
    let (mut i, mut j) = (0usize, 0usize);
    let (mut hn, mut cn) = (0usize, 0usize);
    let mut pairs = Vec::new();
    for e in &script {
        let (si, cj) = match e {
            similar::Edit::Keep(_) | similar::Edit::Replace(..) => (true, true),
            similar::Edit::Delete(_) => (false, true),
            similar::Edit::Insert(_) => (true, false),
        };
        let s_num = si && hit.masked.get(i).is_some_and(|w| w == "#");
        let c_num = cj && claim.masked.get(j).is_some_and(|w| w == "#");
        if s_num && c_num {
            pairs.push((hn, cn));
        }
        hn += usize::from(s_num);
        cn += usize::from(c_num);
        i += usize::from(si);
        j += usize::from(cj);
    }
    let mut out = Vec::new();
    if pairs.is_empty() {
        let missing: Vec<&(crate::lint::numbers::Quantity, String)> = claim
            .numbers
            .iter()
            .filter(|(q, _)| {
                !hit.numbers
                    .iter()
                    .any(|(h, _)| crate::lint::numbers::same(h, q, display))
            })
            .collect();
        if !missing.is_empty() {
            let ours: Vec<&str> = hit.numbers.iter().map(|(_, s)| s.as_str()).collect();
            let theirs: Vec<&str> = missing.iter().map(|(_, s)| s.as_str()).collect();
            out.push((ours.join(", "), theirs.join(", ")));
        }
        return out;
    }
    for (h, c) in pairs {
        if let (Some((hq, hs)), Some((cq, cs))) = (hit.numbers.get(h), claim.numbers.get(c))
            && !crate::lint::numbers::same(hq, cq, display)
        {
            out.push((hs.clone(), cs.clone()));
        }
    }
    out
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let cmp = ctx.claim_matches();
    let display = ctx.hb.config.lint.claim_rounding == "display";
    for hit in &cmp.hits {
        let Some(r) = cmp.references.get(hit.reference) else {
            continue;
        };
        let diffs = differences(&similar::read(&hit.text), &similar::read(&r.text), display);
        if diffs.is_empty() {
            continue;
        }
        let said: Vec<String> = diffs
            .iter()
            .map(|(ours, theirs)| format!("{ours} where the claim says {theirs}"))
            .collect();
        out.push(
            Diagnostic::new(
                RULE.id,
                hit.span,
                format!(
                    "sentence states claim {} with other numbers: {}",
                    r.id,
                    said.join("; ")
                ),
            )
            .related(r.span, format!("claim {} is defined here", r.id))
            .help(format!(
                "use {{{{claim:{}}}}}, or correct the numbers",
                r.id
            )),
        );
    }
}
