//! The sweep of a reused staging folder: what this build did not write is deleted.

use crate::error::Error;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Delete every file under `tmp` that is not in `written`, then the folders left empty.
/// Each entry of the top folder is walked as a rayon task of its own: the walk reads
/// every folder of the site (10,000 at 10,000 pages, about 100 ms on one core), and the
/// folders of a handbook's sections are of about the same size.
pub(super) fn remove_unwritten(tmp: &Path, written: &HashSet<PathBuf>) -> Result<(), Error> {
    let unreadable = |e: walkdir::Error| Error::Clean {
        path: tmp.to_path_buf(),
        why: e.to_string(),
    };
    let top = walkdir::WalkDir::new(tmp)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .map_err(unreadable)?;
    // Per entry of the top folder: the folders found, and those where a file stayed.
    let walked = top
        .par_iter()
        .map(|top| {
            let (mut dirs, mut full) = (Vec::new(), Vec::new());
            for entry in walkdir::WalkDir::new(top.path()) {
                let entry = entry.map_err(unreadable)?;
                if entry.file_type().is_dir() {
                    dirs.push(entry.path().to_path_buf());
                } else if !written.contains(entry.path()) {
                    std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                } else if let Some(parent) = entry.path().parent() {
                    full.push(parent.to_path_buf());
                }
            }
            Ok((dirs, full))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let mut dirs = Vec::new();
    let mut full = HashSet::new();
    for (d, f) in walked {
        dirs.extend(d);
        full.extend(f);
    }
    // Deepest first: a folder knows whether its folders stayed.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        if (full.contains(&d) || std::fs::remove_dir(&d).is_err())
            && let Some(parent) = d.parent()
        {
            full.insert(parent.to_path_buf());
        }
    }
    Ok(())
}
