//! Where loading may look: the book's resolved root, the vetting of a path (no link
//! out of the book, only regular files), the sorted content walk, and an asset's file.

use crate::error::Error;
use crate::model::Handbook;
use std::path::{Path, PathBuf};

/// Why a path under the book is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A symbolic link (or a folder on the way) leads out of the book: to `target`.
    Outside(PathBuf),
    /// Not a regular file or folder: a named pipe, a socket, a device.
    NotRegular(&'static str),
    /// The path cannot be resolved: a dangling link, a symbolic link loop, no permission.
    Unresolved(String),
}

impl Refusal {
    /// The rule that reports it.
    pub fn rule(&self) -> &'static crate::rules::Rule {
        match self {
            Refusal::Outside(_) => &crate::rules::FILE_OUTSIDE,
            _ => &crate::rules::FILE_UNREADABLE,
        }
    }

    /// A sentence naming `path` (book-relative) and what is wrong with it.
    pub fn message(&self, path: &str) -> String {
        match self {
            Refusal::Outside(target) => format!(
                "{path} leads out of the book (to {}): a symbolic link is only followed inside the book; not read",
                target.display()
            ),
            Refusal::NotRegular(kind) => {
                format!("{path} is {kind}, not a regular file: not read")
            }
            Refusal::Unresolved(why) => format!("cannot read {path}: {why}"),
        }
    }
}

/// The book's root as the file system names it (symbolic links resolved).
pub fn canonical_root(root: &Path) -> Result<PathBuf, Error> {
    std::fs::canonicalize(root).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::NoBook(root.to_path_buf())
        } else {
            Error::io(root.to_path_buf(), e)
        }
    })
}

/// What kind of file a non-regular file is, in words.
fn kind_of(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    let _ = ft;
    "a special file"
}

/// Resolve `path` and accept it only if it stays inside `book` (a canonical root) and
/// is a regular file or a folder. Nothing is opened: only `stat` is asked. The answer
/// is the resolved path, the one to read.
pub fn vet(book: &Path, path: &Path) -> Result<PathBuf, Refusal> {
    let real = std::fs::canonicalize(path).map_err(|e| {
        Refusal::Unresolved(match e.kind() {
            std::io::ErrorKind::NotFound
                if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) =>
            {
                "a symbolic link to a file that does not exist".to_string()
            }
            _ if e.raw_os_error() == Some(40) => "a symbolic link loop".to_string(),
            _ => e.to_string(),
        })
    })?;
    if !real.starts_with(book) {
        return Err(Refusal::Outside(real));
    }
    let meta = std::fs::metadata(&real).map_err(|e| Refusal::Unresolved(e.to_string()))?;
    let ft = meta.file_type();
    if ft.is_file() || ft.is_dir() {
        Ok(real)
    } else {
        Err(Refusal::NotRegular(kind_of(ft)))
    }
}

/// Walk a folder in sorted order, skipping hidden files; `f(abs, rel)` for each regular
/// file, `rel` from `dir`. Symbolic links are followed only while they stay inside
/// `book` (the canonical root); a link out of it, a file that is not regular (a named
/// pipe, a socket, a device) and a link loop are `refused`, with their path from
/// `root`, and never opened.
pub(crate) fn walk(
    root: &Path,
    book: &Path,
    dir: &Path,
    f: &mut dyn FnMut(PathBuf, String),
    refused: &mut Vec<(String, Refusal)>,
) {
    let mut rejected: Vec<(String, Refusal)> = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            let ft = e.file_type();
            if (e.path_is_symlink() || !(ft.is_file() || ft.is_dir()))
                && let Err(refusal) = vet(book, e.path())
            {
                rejected.push((book_path(root, e.path()), refusal));
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(e.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                f(e.path().to_path_buf(), rel);
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| book_path(root, p))
                    .unwrap_or_else(|| book_path(root, dir));
                let why = if e.loop_ancestor().is_some() {
                    "a symbolic link loop: skipped".to_string()
                } else {
                    e.io_error()
                        .map(|io| {
                            if io.raw_os_error() == Some(40) {
                                "a symbolic link loop: skipped".to_string()
                            } else {
                                io.to_string()
                            }
                        })
                        .unwrap_or_else(|| e.to_string())
                };
                refused.push((path, Refusal::Unresolved(why)));
            }
        }
    }
    refused.append(&mut rejected);
}

/// `path` from the book's root, `/`-separated (as findings name files).
pub(crate) fn book_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Where an asset (a file copied as it is) is on disk: under the content folder,
/// else under `static/`. Only a file the walk listed, and only as its resolved path
/// while that is still a regular file inside the book ([`vet`]): never a
/// symbolic link out of it, even one made after loading.
pub fn asset_file(hb: &Handbook, rel: &str) -> Option<PathBuf> {
    if !hb.assets.contains(rel) {
        return None;
    }
    let book = std::fs::canonicalize(&hb.root).ok()?;
    [
        hb.root.join(&hb.config.build.content),
        hb.root.join("static"),
    ]
    .into_iter()
    .filter_map(|dir| vet(&book, &dir.join(rel)).ok())
    .find(|p| p.is_file())
}
