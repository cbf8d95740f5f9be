//! `claim/mismatch`: a sentence that states a claim with other numbers.

use crate::diagnostics::{Applicability, Diagnostic, Fix};
use crate::lint::ctx::Ctx;
use crate::lint::fixes::{self, Kind};
use crate::lint::sentences::{Hit, Reference};
use crate::lint::similar;
use crate::rules::CLAIM_MISMATCH;

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
        let mut d = Diagnostic::new(
            &CLAIM_MISMATCH,
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
        ));
        if let Some(fix) = fix(ctx, hit, r) {
            d = d.fix(fix);
        }
        out.push(d);
    }
}

/// `{{claim:ID}}` in place of the sentence (unsafe: the writer's figure may be the newer
/// one), when the sentence is the claim with only its numbers changed and the claim is
/// one sentence. A reference rather than the claim's numbers typed in: it renders the
/// claim with its source, and follows the register when the figure is updated, where a
/// corrected copy would drift again.
fn fix(ctx: &Ctx, hit: &Hit, r: &Reference) -> Option<Fix> {
    if !r.whole || hit.window {
        return None;
    }
    let text = ctx.texts.text(hit.at)?;
    let (a, b) = fixes::core(text.text(), hit.range.0, hit.range.1, &r.text);
    let written = text.text().get(a..b)?;
    if similar::read(written).masked != similar::read(&r.text).masked {
        return None;
    }
    let with = format!("{{{{claim:{}}}}}", r.id);
    let edit = fixes::replace(ctx, hit.at, a, b, &with, Kind::Reference)?;
    Some(Fix::new(
        format!("Replace the sentence with {with} (the claim as registered, with its source)"),
        Applicability::Unsafe,
        vec![edit],
    ))
}
