//! What `gtmbook import` writes: the `book.toml` text for a plan, and the refusal to
//! write over a `book.toml` or baseline it did not write.

use super::plan::{BASELINE, Generator, MARK, Plan};
use crate::error::Error;
use std::fmt::Write as _;
use std::path::Path;

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    let one_line = format!("[{}]", inner.join(", "));
    if one_line.len() <= 80 {
        return one_line;
    }
    // Several items a line, as a person would write a long list.
    let mut s = String::from("[\n");
    let mut line = String::new();
    for i in inner {
        if !line.is_empty() && line.len() + i.len() + 2 > 76 {
            let _ = writeln!(s, "    {}", line.trim_end());
            line.clear();
        }
        line.push_str(&i);
        line.push_str(", ");
    }
    if !line.is_empty() {
        let _ = writeln!(s, "    {}", line.trim_end());
    }
    s.push(']');
    s
}

/// The `book.toml` text for a plan.
pub fn render(plan: &Plan) -> String {
    let from = match plan.generator {
        Some(g) => format!("a {} site", g.name()),
        None => "a folder of Markdown".into(),
    };
    let mut s = format!(
        "{MARK}\n# Imported from {from}. Edit it freely; `gtmbook import` only replaces\n# this file while its first line is as above.\n\n[book]\n"
    );
    let _ = writeln!(s, "title = {}", toml_str(&plan.title));
    if let Some(l) = &plan.language {
        let _ = writeln!(s, "language = {}", toml_str(l));
    }
    if let Some(b) = &plan.base_url {
        let _ = writeln!(s, "base_url = {}", toml_str(b));
    }
    s.push_str("\n[build]\n");
    let _ = writeln!(s, "content = {}", toml_str(&plan.content));
    if let Some(m) = &plan.mount {
        let _ = writeln!(
            s,
            "# The path the content folder was served at: site-absolute links under it\n# point into the book.\nmount = {}",
            toml_str(m)
        );
    }
    if !plan.languages.is_empty() {
        let _ = writeln!(s, "languages = {}", toml_list(&plan.languages));
    }
    if !plan.exclude.is_empty() {
        let _ = writeln!(s, "exclude = {}", toml_list(&plan.exclude));
    }
    s.push_str("\n[lint]\n");
    if !plan.extra_keys.is_empty() {
        let _ = writeln!(
            s,
            "# Front-matter keys of this site that gtmbook does not use: accepted silently.\nextra_keys = {}",
            toml_list(&plan.extra_keys)
        );
    }
    if !plan.reviewed_from.is_empty() {
        let _ = writeln!(s, "reviewed_from = {}", toml_list(&plan.reviewed_from));
    }
    if plan.baseline {
        let _ = writeln!(
            s,
            "# Findings accepted on import; fix them and run\n# `gtmbook check --write-baseline {BASELINE}` to drop them.\nbaseline = {}",
            toml_str(BASELINE)
        );
    }
    s
}

/// Is the file at `path` one gtmbook import wrote (or absent)?
fn ours_or_absent(path: &Path) -> bool {
    match std::fs::read_to_string(path) {
        Ok(t) => t.starts_with(MARK),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Why `book.toml` or the baseline may not be written: a file gtmbook did not write is
/// there. `None` when both may be written.
pub(super) fn in_the_way(
    plan: &Plan,
    dir: &Path,
    book_toml: &Path,
    baseline_path: &Path,
) -> Option<Error> {
    if !ours_or_absent(book_toml) {
        return Some(Error::ImportOverBook {
            path: book_toml.to_path_buf(),
            mdbook: plan.generator == Some(Generator::MdBook),
        });
    }
    if plan.baseline
        && std::fs::symlink_metadata(baseline_path).is_ok()
        && crate::baseline::Baseline::read(dir, Path::new(BASELINE)).is_err()
    {
        return Some(Error::ImportOverBaseline(baseline_path.to_path_buf()));
    }
    None
}
