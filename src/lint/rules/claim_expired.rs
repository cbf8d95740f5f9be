//! `claim/expired`: a reference to a claim past its `expires` date (a warning where it
//! is only defined).

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::model::{Claim, Loc};
use crate::rules::CLAIM_EXPIRED;

fn expired(ctx: &Ctx, c: &Claim) -> Option<jiff::civil::Date> {
    let e = c.expires.as_ref()?.value;
    crate::model::dates::expired(ctx.hb.today, e).then_some(e)
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    for (i, d) in hb.docs.iter().enumerate() {
        for (item, c) in d.claims.iter().enumerate() {
            let Some(e) = expired(ctx, c) else { continue };
            // References in a body and proofs of messages; a claim cited in front-matter
            // prose only is "only defined".
            let refs = hb
                .uses
                .claims
                .get(&c.id.value)
                .into_iter()
                .flat_map(|u| u.uses.iter().filter_map(|u| u.span(hb.docs.get(u.doc)?)));
            let mut referenced = false;
            for span in refs {
                referenced = true;
                // References name the first claim of an id: only its date counts.
                if hb.claims.get(&c.id.value) != Some(&Loc { doc: i, item }) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &CLAIM_EXPIRED,
                        span,
                        format!("claim `{}` expired on {e}", c.id.value),
                    )
                    .related(
                        c.expires.as_ref().map(|x| x.span).unwrap_or(c.id.span),
                        "its expiry date",
                    )
                    .help("renew the claim with a current source, or stop quoting it"),
                );
            }
            // A claim that is only defined gets a warning at its definition; where it is
            // referenced, the references carry the errors.
            if !referenced {
                let span = c.expires.as_ref().map(|x| x.span).unwrap_or(c.id.span);
                out.push(
                    Diagnostic::new(
                        &CLAIM_EXPIRED,
                        span,
                        format!("claim `{}` expired on {e}", c.id.value),
                    )
                    .severity(Severity::Warning)
                    .help("renew the source and move `expires`, or retire the claim"),
                );
            }
        }
    }
}
