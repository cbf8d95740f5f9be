//! What `gtmbook import` says: what it found (generator, why, pages, keys) and, after
//! the first check, the findings by rule and what to look at first.

use super::plan::{BASELINE, EXTRA_KEY_MIN_FILES, Plan};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// `1 page`, `3 pages`.
pub(super) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// What was found in `dir`: the generator and why, pages, languages, mount and the
/// front-matter keys with what becomes of each.
pub(super) fn found(plan: &Plan, dir: &Path) -> String {
    let mut out = String::new();
    match plan.generator {
        Some(g) => {
            let _ = writeln!(out, "Found a {} site in {}:", g.name(), dir.display());
        }
        None => {
            let _ = writeln!(out, "Found Markdown pages in {}:", dir.display());
        }
    }
    for w in &plan.why {
        let _ = writeln!(out, "  - {w}");
    }
    let _ = writeln!(
        out,
        "\n{} in `{}/` ({} with front-matter)",
        plural(plan.pages, "page"),
        plan.content,
        plan.with_front_matter
    );
    if !plan.languages.is_empty() {
        let _ = writeln!(out, "languages: {}", plan.languages.join(", "));
    }
    if let Some(m) = &plan.mount {
        let _ = writeln!(out, "served at: {m}");
    }
    if !plan.keys.is_empty() {
        let _ = writeln!(out, "\nfront-matter keys (files using each):");
        let mut keys: Vec<(&String, &usize)> = plan.keys.iter().collect();
        keys.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (k, n) in keys {
            let what = if crate::load::schema::COMMON_KEYS.contains(&k.as_str()) {
                "gtmbook's own"
            } else if plan.extra_keys.contains(k) {
                "accepted: [lint] extra_keys"
            } else {
                "in one file only: a typo? it is reported"
            };
            let _ = writeln!(out, "  {n:>6}  {k:<24} {what}");
        }
    }
    out
}

/// The findings of the first check, most common rule first.
pub(super) fn findings(
    out: &mut String,
    by_rule: &BTreeMap<&'static str, usize>,
    errors: usize,
    total: usize,
) {
    if !by_rule.is_empty() {
        let _ = writeln!(out, "\nfindings by rule ({errors} errors of {total}):");
        let mut rules: Vec<(&&str, &usize)> = by_rule.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (rule, n) in rules {
            let _ = writeln!(out, "  {n:>6}  {rule}");
        }
    }
}

/// What to look at first, numbered.
pub(super) fn look_at_first(
    out: &mut String,
    plan: &Plan,
    by_rule: &BTreeMap<&'static str, usize>,
    dir: &Path,
) {
    let _ = writeln!(out, "\nLook at first:");
    let mut step = 1;
    let mut say = |out: &mut String, text: String| {
        let _ = writeln!(out, "  {step}. {text}");
        step += 1;
    };
    if plan.content == "." {
        say(
            out,
            "the pages sit at the top of the folder, and a site cannot be built inside its content folder: move them into a folder of their own (`content/`) and set `[build] content`".into(),
        );
    }
    if !plan.outside.is_empty() {
        let shown: Vec<&str> = plan.outside.iter().take(5).map(String::as_str).collect();
        say(
            out,
            format!(
                "{} outside `{}/` not imported: {}{} (move them in, or they are not published)",
                plural(plan.outside.len(), "Markdown file"),
                plan.content,
                shown.join(", "),
                if plan.outside.len() > shown.len() {
                    ", …"
                } else {
                    ""
                }
            ),
        );
    }
    let singles: Vec<&str> = plan
        .keys
        .iter()
        .filter(|(k, n)| {
            **n < EXTRA_KEY_MIN_FILES && !crate::load::schema::COMMON_KEYS.contains(&k.as_str())
        })
        .map(|(k, _)| k.as_str())
        .take(8)
        .collect();
    if !singles.is_empty() {
        say(
            out,
            format!(
                "front-matter keys in one file only (typos?): {}",
                singles.join(", ")
            ),
        );
    }
    if let Some((rule, n)) = by_rule.iter().max_by_key(|(_, n)| **n) {
        say(
            out,
            format!(
                "the most common finding is {rule} ({n}): `gtmbook explain {rule}`, then `gtmbook check --no-baseline` to see them all"
            ),
        );
    }
    say(
        out,
        format!(
            "`gtmbook build --root {}` publishes the site; findings added from now on fail it",
            dir.display()
        ),
    );
    if plan.baseline {
        say(
            out,
            format!(
                "burn the baseline down: fix findings, then `gtmbook check --write-baseline {BASELINE}` drops the fixed ones"
            ),
        );
    }
}
