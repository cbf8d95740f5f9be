//! The baseline: findings a book accepted on the day it adopted gtmbook, hidden from
//! `check`, `build` and `serve` until their text changes or they are fixed.
//!
//! Each finding is recorded by rule, file and a fingerprint: a hash of the rule, the
//! file, the message, the text the finding points at (its line when it points at no
//! text), whitespace collapsed, and an occurrence counter for findings that are alike in
//! all of these. Line numbers are not part of it, so moving a paragraph keeps its
//! findings hidden; editing the text a finding points at shows it again. The file is
//! JSON, sorted, one finding per entry, written the same way every time.

use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::Handbook;
use crate::source::Sources;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The version of the file format.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    pub message: String,
    pub fingerprint: String,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    /// For people reading the file; not read back.
    #[serde(default)]
    about: String,
    findings: Vec<Entry>,
}

/// A baseline read from its file.
#[derive(Debug, Default)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

/// FNV-1a, 64 bits: stable across Rust versions and machines (the std hasher is not).
fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The text a finding points at, whitespace collapsed: its span, or its line when the
/// span is empty.
fn anchor_text(sources: &Sources, d: &Diagnostic) -> String {
    let Some(file) = sources.get(d.span.file) else {
        return String::new();
    };
    let text = file.text.get(d.span.start..d.span.end).unwrap_or("");
    let text = if text.trim().is_empty() {
        let (line, _) = file.line_col(d.span.start);
        file.line_text(line)
    } else {
        text
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The entry of each finding, in the order of `diags`.
fn entries(sources: &Sources, diags: &[Diagnostic]) -> Vec<Entry> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    diags
        .iter()
        .map(|d| {
            let file = sources.path(d.span.file).to_string();
            let text = anchor_text(sources, d);
            let key = fnv(&[d.rule.id, &file, &d.message, &text]);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            Entry {
                fingerprint: fnv(&[&key, &n.to_string()]),
                file,
                rule: d.rule.id.to_string(),
                message: d.message.clone(),
            }
        })
        .collect()
}

/// `path` from the book root unless it is absolute.
fn resolve(root: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}

fn config_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Config {
        at: path.display().to_string(),
        message: message.into(),
    }
}

impl Baseline {
    /// Read a baseline file (a path from the book root). A missing, unreadable or
    /// malformed file is an error naming it.
    pub fn read(root: &Path, path: &Path) -> Result<Baseline, Error> {
        let full = resolve(root, path);
        let book = crate::load::canonical_root(root)?;
        if std::fs::symlink_metadata(&full).is_err() {
            return Err(config_error(
                path,
                "the baseline file does not exist; write it with `gtmbook check --write-baseline FILE`",
            ));
        }
        let real = crate::load::vet(&book, &full).map_err(|r| match r {
            crate::load::Refusal::Outside(to) => config_error(
                path,
                format!(
                    "is outside the book (at {}): a baseline is read only inside the book's folder",
                    to.display()
                ),
            ),
            r => config_error(path, r.message(&path.display().to_string())),
        })?;
        if !real.is_file() {
            return Err(config_error(path, "is a folder, not a baseline file"));
        }
        let text = std::fs::read_to_string(&real).map_err(|e| Error::io(full.clone(), e))?;
        let file: File = serde_json::from_str(&text).map_err(|e| {
            config_error(
                path,
                format!(
                    "not a gtmbook baseline ({e}); write it again with `gtmbook check --write-baseline FILE`"
                ),
            )
        })?;
        if file.version != VERSION {
            return Err(config_error(
                path,
                format!(
                    "baseline version {} is not one this gtmbook reads ({VERSION}); write it again",
                    file.version
                ),
            ));
        }
        Ok(Baseline {
            fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect(),
        })
    }

    /// The book's baseline: `--baseline FILE`, else `[lint] baseline`, else none.
    pub fn of_book(hb: &Handbook, arg: Option<&Path>) -> Result<Option<Baseline>, Error> {
        let path = arg
            .map(Path::to_path_buf)
            .or_else(|| hb.config.lint.baseline.as_ref().map(PathBuf::from));
        path.map(|p| Baseline::read(&hb.root, &p)).transpose()
    }

    /// The findings not in the baseline, and how many were hidden.
    pub fn hide(&self, sources: &Sources, diags: Vec<Diagnostic>) -> (Vec<Diagnostic>, usize) {
        let keys = entries(sources, &diags);
        let before = diags.len();
        let kept: Vec<Diagnostic> = diags
            .into_iter()
            .zip(keys)
            .filter(|(_, e)| !self.fingerprints.contains(&e.fingerprint))
            .map(|(d, _)| d)
            .collect();
        let hidden = before - kept.len();
        (kept, hidden)
    }
}

/// The baseline file's text for these findings: sorted, so that the same findings give
/// the same bytes.
pub fn render(sources: &Sources, diags: &[Diagnostic]) -> String {
    let mut findings = entries(sources, diags);
    findings.sort();
    let file = File {
        version: VERSION,
        about: "Findings accepted when this book adopted gtmbook: `gtmbook check` hides them until their text changes. Fix them and run `gtmbook check --write-baseline FILE` again to drop them.".into(),
        findings,
    };
    let mut s = serde_json::to_string_pretty(&file).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// Findings per rule, for the summary printed after writing a baseline.
pub fn by_rule(diags: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for d in diags {
        *m.entry(d.rule.id).or_insert(0) += 1;
    }
    m
}

/// Write the baseline of `diags` to `path` (from the book root), only inside the book
/// and never through a link out of it. The file is replaced whole (written beside it,
/// then renamed), so a reader never sees half of it.
pub fn write(
    root: &Path,
    path: &Path,
    sources: &Sources,
    diags: &[Diagnostic],
) -> Result<PathBuf, Error> {
    let full = resolve(root, path);
    let book = crate::load::canonical_root(root)?;
    let parent = full
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(root);
    let shown = path.display().to_string();
    let real_parent = crate::load::vet(&book, parent).map_err(|r| match r {
        crate::load::Refusal::Outside(to) => config_error(
            path,
            format!(
                "is outside the book (in {}): a baseline is written only inside the book's folder",
                to.display()
            ),
        ),
        r => config_error(
            path,
            format!("the baseline's folder: {}", r.message(&shown)),
        ),
    })?;
    if !real_parent.is_dir() {
        return Err(config_error(path, "the baseline's folder is not a folder"));
    }
    if std::fs::symlink_metadata(&full).is_ok() {
        match crate::load::vet(&book, &full) {
            Ok(real) if real.is_file() => {}
            Ok(_) => return Err(config_error(path, "is a folder, not a file")),
            Err(r) => return Err(config_error(path, r.message(&shown))),
        }
    }
    let name = full
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| config_error(path, "names no file"))?;
    let target = real_parent.join(&name);
    let text = render(sources, diags);
    // Unchanged: leave the file (and its modification time) alone.
    if std::fs::read_to_string(&target).is_ok_and(|old| old == text) {
        return Ok(full);
    }
    let tmp = real_parent.join(format!(".{name}.gtmbook-tmp-{}", std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| Error::io(tmp.clone(), e))?;
    std::fs::rename(&tmp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(target.clone(), e)
    })?;
    Ok(full)
}

/// Hide the book's baseline from findings while serving: a baseline that cannot be read
/// is said on the terminal and hides nothing.
pub fn hide_while_serving(
    hb: &Handbook,
    diags: Vec<Diagnostic>,
) -> (Vec<Diagnostic>, Option<usize>) {
    match Baseline::of_book(hb, None) {
        Ok(Some(b)) => {
            let (kept, hidden) = b.hide(&hb.sources, diags);
            (kept, Some(hidden))
        }
        Ok(None) => (diags, None),
        Err(e) => {
            eprintln!("error: {e}");
            (diags, None)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::source::{FileId, SourceFile, Span};

    fn sources(text: &str) -> Sources {
        let mut s = Sources::default();
        s.add(SourceFile::new(
            "content/a.md".into(),
            "a.md".into(),
            text.into(),
        ));
        s
    }

    fn diag(text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic::new(
            &crate::rules::LINK_BROKEN,
            Span::new(FileId(0), start, start + needle.len()),
            "broken link: `x.md` does not exist",
        )
    }

    #[test]
    fn a_fingerprint_survives_a_move_and_not_an_edit() {
        let a = "# A\n\nSee [x](x.md).\n";
        let moved = "# A\n\nNew paragraph.\n\nSee [x](x.md).\n";
        let edited = "# A\n\nSee [the x](x.md).\n";
        let fp = |t: &str, n: &str| entries(&sources(t), &[diag(t, n)])[0].fingerprint.clone();
        assert_eq!(fp(a, "[x](x.md)"), fp(moved, "[x](x.md)"));
        assert_ne!(fp(a, "[x](x.md)"), fp(edited, "[the x](x.md)"));
    }

    #[test]
    fn alike_findings_are_counted() {
        let t = "[x](x.md) [x](x.md)\n";
        let first = diag(t, "[x](x.md)");
        let mut second = first.clone();
        second.span = Span::new(FileId(0), 10, 19);
        let e = entries(&sources(t), &[first, second]);
        assert_ne!(e[0].fingerprint, e[1].fingerprint);
    }
}
