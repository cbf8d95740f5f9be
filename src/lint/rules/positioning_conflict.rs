//! `positioning/conflict`: one product placed in two different categories.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::Sp;
use crate::rules::POSITIONING_CONFLICT;
use std::collections::BTreeMap;

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<String, &Sp<String>> = BTreeMap::new();
    for d in &ctx.hb.docs {
        let Some(p) = &d.positioning else { continue };
        let (Some(product), Some(category)) = (&p.product, &p.category) else {
            continue;
        };
        let key = norm(&product.value);
        match first.get(&key) {
            Some(other) if norm(&other.value) != norm(&category.value) => {
                out.push(
                    Diagnostic::new(
                        &POSITIONING_CONFLICT,
                        category.span,
                        format!(
                            "`{}` is placed in category \"{}\" here but \"{}\" elsewhere",
                            product.value, category.value, other.value
                        ),
                    )
                    .related(other.span, "the other category")
                    .help("give the product one category across all positioning documents"),
                );
            }
            Some(_) => {}
            None => {
                first.insert(key, category);
            }
        }
    }
}
