//! The files of a handbook changed since a git revision (`check --changed-since`): what
//! `git diff` names against the working tree, and new files git does not track yet.

use crate::error::Error;
use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

fn git(root: &Path, args: &[&str]) -> Result<String, Error> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(Error::NoGit)?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(Error::Git {
            command: args.join(" "),
            why,
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Paths from the book root (`content/sales/first-call.md`) of files that differ from
/// revision `rev`, including files added since and not yet committed.
pub fn changed_since(root: &Path, rev: &str) -> Result<HashSet<String>, Error> {
    if rev.starts_with('-') {
        return Err(Error::BadRevision(rev.to_string()));
    }
    // Where the book sits in its repository: `docs/handbook/` or empty.
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    let prefix = prefix.trim();
    let mut names = git(
        root,
        &["diff", "--name-only", "--no-renames", "-z", rev, "--", "."],
    )?;
    names.push_str(&git(
        root,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--full-name",
            "--",
            ".",
        ],
    )?);
    Ok(names
        .split('\0')
        .filter_map(|n| n.strip_prefix(prefix))
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect())
}
