//! `gtmbook verify FILE...`: mark documents reviewed. Sets `reviewed:` to today (and
//! `owner:` with `--by`, when the document has none) and changes nothing else: the
//! value is replaced where it is written, in its quoting style, with the line's comment
//! and line ending kept; a missing key is added at the end of the front-matter. The
//! edit is parsed again and compared with the original before the file is replaced,
//! atomically (a temporary file in the same folder, then a rename; permissions kept).

use crate::cli::VerifyArgs;
use crate::error::Error;
use crate::model::Handbook;
use crate::verify_edit::edit;
use crate::{Outcome, load};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file a user named: from the working directory, else from the book's folder;
/// of the two, the one inside the book when only one is.
fn locate(hb: &Handbook, given: &Path) -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = [given.to_path_buf(), hb.root.join(given)]
        .into_iter()
        .filter(|p| p.exists())
        .collect();
    let book = std::fs::canonicalize(&hb.root).ok();
    let inside = candidates.iter().find(|p| {
        book.as_ref()
            .is_some_and(|b| std::fs::canonicalize(p).is_ok_and(|c| c.starts_with(b)))
    });
    inside.or(candidates.first()).cloned()
}

/// The document a path is, or why it is refused.
fn document_of(hb: &Handbook, given: &Path) -> Result<(usize, PathBuf), String> {
    let path = locate(hb, given).ok_or("it does not exist")?;
    let real = std::fs::canonicalize(&path).map_err(|e| format!("it cannot be read: {e}"))?;
    let book =
        std::fs::canonicalize(&hb.root).map_err(|e| format!("the book cannot be read: {e}"))?;
    let content = std::fs::canonicalize(hb.root.join(&hb.config.build.content))
        .map_err(|e| format!("the content folder cannot be read: {e}"))?;
    if !real.starts_with(&content) {
        let where_ = if real.starts_with(&book) {
            "it is in the book but not in its content folder"
        } else {
            "it is outside the book"
        };
        return Err(format!(
            "{where_} ({}/); only documents there can be verified",
            hb.config.build.content
        ));
    }
    if !real.is_file() {
        return Err("it is not a file".into());
    }
    let rel: Vec<String> = real
        .strip_prefix(&content)
        .map(|r| {
            r.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let rel = rel.join("/");
    let found = hb.docs.iter().position(|d| d.rel == rel).or_else(|| {
        hb.docs
            .iter()
            .position(|d| std::fs::canonicalize(hb.root.join(&d.path)).is_ok_and(|p| p == real))
    });
    match found {
        Some(i) => Ok((i, real)),
        None if hb.config.build.excluded.matches(&rel) => {
            Err("it is excluded by `[build] exclude`, so it is not a document of the book".into())
        }
        None => Err(
            "it is not a document (only .md and .markdown files under the content folder are)"
                .into(),
        ),
    }
}

/// Replace `path` with `text`: a temporary file in the same folder, the original's
/// permissions, flushed to disk, then renamed over it.
fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let perms = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".gtmbook-verify-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), perms)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

pub fn run(args: &VerifyArgs) -> Result<Outcome, Error> {
    let today = crate::today(args.common.today.as_deref())?;
    let (hb, _) = load::handbook(&args.common.root, today, load::Purpose::Check)?;
    let today = today.to_string();
    let by = args.by.as_deref().map(str::trim).filter(|b| !b.is_empty());
    let mut refused = 0;
    let mut out = String::new();
    for given in &args.files {
        let name = given.display().to_string();
        let result = document_of(&hb, given).and_then(|(i, real)| {
            let path = hb
                .docs
                .get(i)
                .map(|d| d.path.clone())
                .unwrap_or(name.clone());
            let text =
                std::fs::read_to_string(&real).map_err(|e| format!("it cannot be read: {e}"))?;
            let edited = edit(&text, &today, by)?;
            let mut said = match &edited.was {
                Some(w) if *w == today && !edited.owner_set => {
                    return Ok(format!("{path}: already reviewed {today}; unchanged"));
                }
                Some(w) => format!("{path}: reviewed {today} (was {w})"),
                None => format!("{path}: reviewed {today} (added)"),
            };
            if edited.owner_set {
                said.push_str(&format!("; owner: {}", by.unwrap_or("")));
            } else if let (Some(_), Some(o)) = (by, hb.docs.get(i).and_then(|d| d.owner.as_ref())) {
                said.push_str(&format!("; owner stays {}", o.value));
            }
            write_atomic(&real, &edited.text).map_err(|e| format!("it cannot be written: {e}"))?;
            Ok(said)
        });
        match result {
            Ok(line) => out.push_str(&format!("verified {line}\n")),
            Err(why) => {
                refused += 1;
                eprintln!("refused {name}: {why}");
            }
        }
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(if refused > 0 {
        Outcome::Failed
    } else {
        Outcome::Ok
    })
}
