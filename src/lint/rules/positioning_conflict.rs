//! `positioning/conflict`: one product placed in two different categories.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::model::Sp;
use std::collections::BTreeMap;

pub const RULE: Rule = Rule {
    id: "positioning/conflict",
    default: Severity::Error,
    summary: "One product placed in two different categories.",
    explain: "Finds two positioning documents that give the same `product` different `category` values.\n\nWhy it matters: the category decides who a buyer compares you with. Two categories for one product mean two sets of competitors, two price anchors and two stories.\n\nExample: `positioning/core.md` says `category: field service scheduling` and `positioning/emea.md` says `category: workforce management` for the same product. Pick one; regional documents can differ in proof, not in category.",
};

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
                        RULE.id,
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
