//! The handbook at a git revision, read by the same loader as the working tree: the
//! book's folder at that commit is extracted into a temporary folder (`git archive`
//! piped into `tar`; no second clone, no worktree registered in the repository), loaded,
//! and the folder removed.

use crate::error::Error;
use crate::model::Handbook;
use crate::{git, load};
use jiff::civil::Date;
use std::path::Path;

/// The handbook at commit `hash` (`None` when the book's folder had no `book.toml`
/// there yet). `only`: extract just these files (from the book root) and `book.toml`,
/// those of them that exist at `hash` (the changelog reads only the messaging files).
pub fn load_at(
    root: &Path,
    hash: &str,
    today: Date,
    only: Option<&[String]>,
) -> Result<Option<Handbook>, Error> {
    let dir = tempfile::Builder::new()
        .prefix(".gtmbook-rev-")
        .tempdir()
        .map_err(|source| Error::TempDir {
            rev: hash.to_string(),
            source,
        })?;
    let wanted: Option<Vec<String>> = match only {
        Some(paths) => {
            let mut asked = vec!["book.toml".to_string()];
            asked.extend(paths.iter().cloned());
            let present: std::collections::HashSet<String> =
                git::files_at(root, hash, Some(&asked))?
                    .into_iter()
                    .collect();
            if !present.contains("book.toml") {
                return Ok(None);
            }
            let mut keep = vec!["book.toml".to_string()];
            keep.extend(paths.iter().filter(|p| present.contains(*p)).cloned());
            Some(keep)
        }
        None => None,
    };
    let book = git::extract(root, hash, wanted.as_deref(), dir.path())?;
    if !book.join("book.toml").is_file() {
        return Ok(None);
    }
    let (hb, _) = load::handbook(&book, today, load::Purpose::Check)?;
    // `dir` is dropped here: the extracted files are removed; the model holds its texts.
    Ok(Some(hb))
}
