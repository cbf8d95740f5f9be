//! `claim/expired`: a reference to a claim past its `expires` date (a warning where it
//! is only defined).

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::model::{Claim, RefKind};
use crate::rules::CLAIM_EXPIRED;
use crate::source::Span;

fn expired(ctx: &Ctx, c: &Claim) -> Option<jiff::civil::Date> {
    let e = c.expires.as_ref()?.value;
    (e < ctx.hb.today).then_some(e)
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    let mut referenced: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut refer = |span: Span, id: &str| {
        if let Some((_, c)) = hb.claim(id)
            && let Some(e) = expired(ctx, c)
        {
            out.push(
                Diagnostic::new(&CLAIM_EXPIRED, span, format!("claim `{id}` expired on {e}"))
                    .related(
                        c.expires.as_ref().map(|x| x.span).unwrap_or(c.id.span),
                        "its expiry date",
                    )
                    .help("renew the claim with a current source, or stop quoting it"),
            );
        }
    };
    for d in &hb.docs {
        for r in &d.body.refs {
            if r.kind == RefKind::Claim {
                refer(r.span, &r.id);
            }
        }
        for m in &d.messages {
            for p in &m.proof {
                refer(p.span, &p.value);
            }
        }
    }
    for d in &hb.docs {
        referenced.extend(
            d.body
                .refs
                .iter()
                .filter(|r| r.kind == RefKind::Claim)
                .map(|r| r.id.as_str()),
        );
        referenced.extend(
            d.messages
                .iter()
                .flat_map(|m| m.proof.iter().map(|p| p.value.as_str())),
        );
    }
    // A claim that is only defined gets a warning at its definition; where it is
    // referenced, the references carry the errors.
    for d in &hb.docs {
        for c in &d.claims {
            if referenced.contains(c.id.value.as_str()) {
                continue;
            }
            if let Some(e) = expired(ctx, c) {
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
