//! `gtmbook check --fix` and `--diff`: applies the fixes the rules attach to findings,
//! file by file, never two overlapping edits in one pass, then loads and checks again,
//! for at most `MAX_PASSES` passes. Each file is written atomically (a temporary file
//! in its folder, renamed over it, its permissions kept), only when it is a document
//! of the book that still holds the bytes the edits were computed on; a read-only file
//! is left alone with a message. `--diff` prints the first pass as a unified diff and
//! writes nothing.

use crate::diagnostics::{Applicability, Diagnostic, Edit};
use crate::error::Error;
use crate::model::Handbook;
use crate::source::FileId;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;

/// Passes of fix, load and check before giving up (ruff allows 100; a handbook's fixes
/// settle in two or three).
pub const MAX_PASSES: usize = 10;

#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
    /// Print a diff, write nothing.
    pub diff: bool,
}

/// What `--fix` did.
#[derive(Debug, Default)]
pub struct Report {
    /// Fixes applied (or, with `--diff`, that would be), by file path.
    pub fixed: BTreeMap<String, usize>,
    /// Files left alone, and why.
    pub skipped: Vec<String>,
    /// The unified diff (`--diff`).
    pub diff: String,
    /// Fixes were still found after the last pass.
    pub unsettled: bool,
}

impl Report {
    pub fn count(&self) -> usize {
        self.fixed.values().sum()
    }

    /// "Fixed 3 findings in 2 files" with a line per file and per file left alone.
    pub fn summary(&self, diff: bool) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut out = String::new();
        for line in &self.skipped {
            out.push_str(line);
            out.push('\n');
        }
        let n = self.count();
        if n == 0 {
            out.push_str("Nothing to fix\n");
            return out;
        }
        let verb = if diff { "Would fix" } else { "Fixed" };
        out.push_str(&format!(
            "{verb} {} in {}\n",
            plural(n, "finding"),
            plural(self.fixed.len(), "file")
        ));
        for (path, k) in &self.fixed {
            out.push_str(&format!("  {path}: {}\n", plural_fix(*k)));
        }
        if self.unsettled {
            out.push_str(&format!(
                "Fixes were still found after {MAX_PASSES} passes: some fixes keep changing the same text; \
                 the findings below are what is left\n"
            ));
        }
        out
    }
}

/// The fixes of one pass, chosen per file: in file order, a fix whose edits overlap one
/// already chosen (or would change nothing) waits for the next pass.
fn choose<'d>(
    hb: &Handbook,
    diags: &'d [Diagnostic],
    opts: Options,
    only: Option<&HashSet<String>>,
) -> BTreeMap<FileId, Vec<&'d Edit>> {
    let docs: HashSet<FileId> = hb.docs.iter().map(|d| d.file).collect();
    let mut taken: BTreeMap<FileId, Vec<&'d Edit>> = BTreeMap::new();
    let mut fixes: Vec<(&Diagnostic, FileId, usize)> = diags
        .iter()
        .filter_map(|d| {
            let f = d.fix.as_ref()?;
            let file = f.edits.first()?.span.file;
            let applies = f.applicability == Applicability::Safe || opts.unsafe_fixes;
            let ours = docs.contains(&file)
                && f.edits.iter().all(|e| e.span.file == file)
                && only.is_none_or(|set| set.contains(hb.sources.path(file)));
            let start = f.edits.iter().map(|e| e.span.start).min()?;
            (applies && ours).then_some((d, file, start))
        })
        .collect();
    fixes.sort_by_key(|(_, file, start)| (*file, *start));
    for (d, file, _) in fixes {
        let Some(fix) = &d.fix else { continue };
        let text = hb.sources.text(file);
        let changes = fix
            .edits
            .iter()
            .any(|e| text.get(e.span.start..e.span.end) != Some(e.replacement.as_str()));
        let valid = fix
            .edits
            .iter()
            .all(|e| text.get(e.span.start..e.span.end).is_some());
        let chosen = taken.entry(file).or_default();
        let overlaps = fix.edits.iter().any(|e| {
            chosen.iter().any(|t| {
                (e.span.start < t.span.end && t.span.start < e.span.end)
                    || e.span.start == t.span.start
            })
        });
        if changes && valid && !overlaps {
            chosen.extend(fix.edits.iter());
        }
    }
    taken.retain(|_, edits| !edits.is_empty());
    taken
}

/// `text` with the edits (sorted, not overlapping) applied.
fn apply(text: &str, edits: &[&Edit]) -> Option<String> {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(text.get(at..e.span.start)?);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// Write `text` over `path` atomically: a temporary file in the same folder, with the
/// file's permissions, renamed over it.
fn write_atomic(path: &Path, text: &str, permissions: std::fs::Permissions) -> std::io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("the file has no folder"))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".gtmbook-fix-")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Why a file may not be written, or its permissions: it must be the document loaded
/// (same place, inside the book) and hold the bytes the edits were computed on.
fn vet(hb: &Handbook, file: FileId, root: &Path) -> Result<std::fs::Permissions, String> {
    let Some(src) = hb.sources.get(file) else {
        return Err("not a file of the book".into());
    };
    let canon = std::fs::canonicalize(&src.abs).map_err(|e| format!("cannot be read ({e})"))?;
    let expected = std::fs::canonicalize(root.join(&src.path)).ok();
    if expected.as_ref() != Some(&canon) || !canon.starts_with(root) {
        return Err("is no longer the file that was checked".into());
    }
    let meta = std::fs::symlink_metadata(&canon).map_err(|e| format!("cannot be read ({e})"))?;
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    let now = std::fs::read(&canon).map_err(|e| format!("cannot be read ({e})"))?;
    if now != src.text.as_bytes() {
        return Err("changed since it was checked".into());
    }
    Ok(meta.permissions())
}

/// A loaded and checked book: the model, the findings as reported, how many the
/// baseline hid.
pub type Checked = (Handbook, Vec<Diagnostic>, Option<usize>);

/// Fix, check again, repeat. `check` loads and checks the book and returns the
/// findings as reported (baseline applied); `only` limits the fixes to these files
/// (`--changed-since`). Returns the last model and its findings, and what was done.
pub fn run(
    opts: Options,
    only: Option<&HashSet<String>>,
    check: &mut dyn FnMut() -> Result<Checked, Error>,
) -> Result<(Checked, Report), Error> {
    let mut report = Report::default();
    // Files left alone are not tried again.
    let mut refused: HashSet<FileId> = HashSet::new();
    let mut pass = 0;
    loop {
        let (hb, diags, baselined) = check()?;
        let mut chosen = choose(&hb, &diags, opts, only);
        chosen.retain(|file, _| !refused.contains(file));
        if chosen.is_empty() {
            return Ok(((hb, diags, baselined), report));
        }
        if pass == MAX_PASSES {
            report.unsettled = true;
            return Ok(((hb, diags, baselined), report));
        }
        pass += 1;
        let root = std::fs::canonicalize(&hb.root).map_err(|e| Error::io(&hb.root, e))?;
        for (file, edits) in &chosen {
            let path = hb.sources.path(*file).to_string();
            let fixes = hb_fix_count(&diags, edits);
            let vetted = vet(&hb, *file, &root).and_then(|p| {
                if p.readonly() && !opts.diff {
                    Err("is read-only".to_string())
                } else {
                    Ok(p)
                }
            });
            let permissions = match vetted {
                Ok(p) => p,
                Err(why) => {
                    report.skipped.push(format!(
                        "{path} {why}: left alone ({fixes} not applied)",
                        fixes = plural_fix(fixes)
                    ));
                    refused.insert(*file);
                    continue;
                }
            };
            let old = hb.sources.text(*file);
            let Some(new) = apply(old, edits) else {
                refused.insert(*file);
                continue;
            };
            if opts.diff {
                report.diff.push_str(
                    &similar::TextDiff::from_lines(old, &new)
                        .unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{path}"), &format!("b/{path}"))
                        .to_string(),
                );
            } else if let Some(src) = hb.sources.get(*file)
                && let Err(e) = write_atomic(&src.abs, &new, permissions)
            {
                report
                    .skipped
                    .push(format!("{path} could not be written ({e}): left alone"));
                refused.insert(*file);
                continue;
            }
            *report.fixed.entry(path).or_default() += fixes;
        }
        if opts.diff {
            // Nothing was written: the next pass would find the same fixes.
            return Ok(((hb, diags, baselined), report));
        }
    }
}

/// How many findings the chosen edits mend (a fix of several edits counts once).
fn hb_fix_count(diags: &[Diagnostic], edits: &[&Edit]) -> usize {
    diags
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .and_then(|f| f.edits.first())
                .is_some_and(|first| edits.iter().any(|e| std::ptr::eq(*e, first)))
        })
        .count()
}

fn plural_fix(n: usize) -> String {
    format!("{n} fix{}", if n == 1 { "" } else { "es" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn edits_apply_in_order() {
        let e = |s, t, r: &str| Edit {
            span: Span::new(FileId(0), s, t),
            replacement: r.into(),
        };
        let (a, b) = (e(6, 11, "there"), e(0, 5, "Hi"));
        assert_eq!(apply("hello world!", &[&a, &b]).unwrap(), "Hi there!");
        assert!(apply("short", &[&e(3, 9, "x")]).is_none());
    }
}
