//! Git, run as a program: files changed since a revision (`--changed-since`), the book's
//! folder at a revision extracted into a temporary folder (`git archive` piped into
//! `tar`), and the history of the content folder (`git log`). Every revision given by a
//! user is refused when it starts with `-`.

use crate::error::Error;
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

fn git_bytes(root: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
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
    Ok(out.stdout)
}

fn git(root: &Path, args: &[&str]) -> Result<String, Error> {
    Ok(String::from_utf8_lossy(&git_bytes(root, args)?).into_owned())
}

/// A revision given by a user: refused when git would read it as an option.
pub fn check_rev(rev: &str) -> Result<(), Error> {
    if rev.starts_with('-') || rev.is_empty() {
        return Err(Error::BadRevision(rev.to_string()));
    }
    Ok(())
}

/// Where the book sits in its repository: `docs/handbook/` or empty. Asked of git once
/// per folder and run (the changelog asks for every revision it reads).
pub fn book_prefix(root: &Path) -> Result<String, Error> {
    static KNOWN: std::sync::Mutex<Vec<(std::path::PathBuf, String)>> =
        std::sync::Mutex::new(Vec::new());
    if let Ok(known) = KNOWN.lock()
        && let Some((_, p)) = known.iter().find(|(r, _)| r == root)
    {
        return Ok(p.clone());
    }
    let prefix = git(root, &["rev-parse", "--show-prefix"])?
        .trim()
        .to_string();
    if let Ok(mut known) = KNOWN.lock() {
        known.push((root.to_path_buf(), prefix.clone()));
    }
    Ok(prefix)
}

/// The full hash of the commit `rev` names; an error naming `rev` when it names none.
pub fn commit_of(root: &Path, rev: &str) -> Result<String, Error> {
    check_rev(rev)?;
    // Not a repository (or no git) is said as such, not as an unknown revision.
    book_prefix(root)?;
    let spec = format!("{rev}^{{commit}}");
    match git(root, &["rev-parse", "--verify", "--quiet", &spec]) {
        Ok(h) if !h.trim().is_empty() => Ok(h.trim().to_string()),
        _ => Err(Error::UnknownRevision(rev.to_string())),
    }
}

/// The first parent of commit `hash`, if it has one.
pub fn parent_of(root: &Path, hash: &str) -> Option<String> {
    let spec = format!("{hash}^1");
    git(root, &["rev-parse", "--verify", "--quiet", &spec])
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// Paths from the book root of the files of the book's folder at commit `hash`
/// (`book.toml`, `content/…`); with `only`, those of these paths that exist there.
pub fn files_at(root: &Path, hash: &str, only: Option<&[String]>) -> Result<Vec<String>, Error> {
    let mut args = vec![
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        "--full-name",
        hash,
        "--",
    ];
    match only {
        Some(paths) => args.extend(paths.iter().map(String::as_str)),
        None => args.push("."),
    }
    let out = git(root, &args)?;
    let prefix = book_prefix(root)?;
    Ok(out
        .split('\0')
        .filter_map(|n| n.strip_prefix(prefix.as_str()))
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect())
}

/// Extract the book's folder at commit `hash` into `dest`: `git archive` piped into
/// `tar`, so no second clone and no change to the repository. `only`: just these paths
/// (from the book root; each must exist at `hash`), else the whole folder. Returns the
/// book's root inside `dest`.
pub fn extract(
    root: &Path,
    hash: &str,
    only: Option<&[String]>,
    dest: &Path,
) -> Result<std::path::PathBuf, Error> {
    let prefix = book_prefix(root)?;
    let mut args: Vec<&str> = vec!["archive", "--format=tar", hash, "--"];
    match only {
        Some(paths) => args.extend(paths.iter().map(String::as_str)),
        None => args.push("."),
    }
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(Error::NoGit)?;
    let Some(stdout) = archive.stdout.take() else {
        return Err(Error::Git {
            command: "archive".into(),
            why: "no output".into(),
        });
    };
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-f")
        .arg("-")
        .arg("-C")
        .arg(dest)
        .stdin(stdout)
        .stderr(Stdio::piped())
        .output();
    let mut why = String::new();
    if let Some(mut e) = archive.stderr.take() {
        let _ = e.read_to_string(&mut why);
    }
    let status = archive.wait().map_err(Error::NoGit)?;
    if !status.success() {
        return Err(Error::Git {
            command: format!("archive {hash}"),
            why: why.trim().to_string(),
        });
    }
    let tar = tar.map_err(|e| Error::Git {
        command: format!("archive {hash} | tar -x"),
        why: format!("tar did not run: {e}"),
    })?;
    if !tar.status.success() {
        return Err(Error::Git {
            command: format!("archive {hash} | tar -x"),
            why: String::from_utf8_lossy(&tar.stderr).trim().to_string(),
        });
    }
    // `git archive` run in a subfolder writes paths from that folder; older versions
    // may keep the whole path.
    let nested = dest.join(&prefix);
    Ok(
        if !prefix.is_empty() && nested.join("book.toml").is_file() {
            nested
        } else {
            dest.to_path_buf()
        },
    )
}

/// One commit of the history: hashes, committer date (`YYYY-MM-DD`), subject, and the
/// files it changed (paths from the book root).
#[derive(Debug, Clone)]
pub struct Commit {
    pub hash: String,
    pub short: String,
    pub date: String,
    pub subject: String,
    /// The first parent (none for a root commit).
    pub parent: Option<String>,
    pub files: Vec<String>,
}

/// The last `n` commits that changed the book's folder `path` (from the book root),
/// newest first, read in one `git log`.
pub fn log(root: &Path, n: usize, path: &str) -> Result<Vec<Commit>, Error> {
    let prefix = book_prefix(root)?;
    let limit = format!("-n{n}");
    let out = git(
        root,
        &[
            "log",
            "-z",
            "--name-only",
            "--no-renames",
            "--format=%x1e%H%x1f%h%x1f%cs%x1f%P%x1f%s",
            &limit,
            "--",
            path,
        ],
    )?;
    let mut commits = Vec::new();
    for record in out.split('\x1e').filter(|r| !r.is_empty()) {
        let (head, names) = record.split_once('\0').unwrap_or((record, ""));
        let mut f = head.split('\x1f');
        let (Some(hash), Some(short), Some(date), Some(parents), subject) =
            (f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            continue;
        };
        commits.push(Commit {
            hash: hash.to_string(),
            short: short.to_string(),
            date: date.to_string(),
            subject: subject.unwrap_or("").to_string(),
            parent: parents
                .split(' ')
                .next()
                .filter(|p| !p.is_empty())
                .map(str::to_string),
            files: names
                .split('\0')
                .map(|n| n.trim_start_matches('\n'))
                .filter_map(|n| n.strip_prefix(prefix.as_str()))
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    Ok(commits)
}

/// Paths from the book root (`content/sales/first-call.md`) of files that differ between
/// `rev` and `to` (the working tree when `None`), including, against the working tree,
/// files added since and not yet committed.
pub fn changed_between(root: &Path, rev: &str, to: Option<&str>) -> Result<HashSet<String>, Error> {
    check_rev(rev)?;
    if let Some(to) = to {
        check_rev(to)?;
    }
    let prefix = book_prefix(root)?;
    let mut args = vec!["diff", "--name-only", "--no-renames", "-z", rev];
    args.extend(to);
    args.extend(["--", "."]);
    let mut names = git(root, &args)?;
    if to.is_none() {
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
    }
    Ok(names
        .split('\0')
        .filter_map(|n| n.strip_prefix(prefix.as_str()))
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect())
}

/// Paths from the book root of files that differ from revision `rev` in the working
/// tree, including files added since and not yet committed.
pub fn changed_since(root: &Path, rev: &str) -> Result<HashSet<String>, Error> {
    changed_between(root, rev, None)
}
