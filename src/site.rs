//! Writes the built site: everything goes to a temporary folder beside the output, which
//! replaces the old output only when it is complete. A failed build leaves the previous
//! site untouched, and files of deleted pages do not linger.

use crate::error::Error;
use crate::render::OutFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Extra files copied as they are: (source path on disk, path below the output).
pub type Copy = (PathBuf, String);

/// A hidden folder beside the output that belongs to this process.
fn sibling(output: &Path, tag: &str) -> PathBuf {
    fixed_sibling(output, &format!("{tag}-{}", std::process::id()))
}

/// Where rendered files go as they are produced.
pub trait Sink: Sync {
    fn put(&self, file: OutFile) -> Result<(), Error>;
}

/// A folder beside the output that receives the new site file by file (so a big site is
/// never held in memory whole) and replaces the output in `finish`. Dropped without
/// `finish` (a failed build), the output stays as it was.
///
/// The site that `finish` replaces is kept as `.<output>.prev` and reused as the next
/// staging folder: unchanged files are not rewritten and only stale files are deleted,
/// because creating and unlinking tens of thousands of files is what costs most on slow
/// disks (45 s to delete a 10,000-page site on the CI machine).
pub struct Staging {
    tmp: PathBuf,
    output: PathBuf,
    prev: PathBuf,
    dirs: std::sync::Mutex<BTreeSet<PathBuf>>,
    /// Files written (or found identical) by this build, when reusing an old site.
    written: Option<std::sync::Mutex<std::collections::HashSet<PathBuf>>>,
    done: bool,
}

fn fixed_sibling(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{tag}"))
}

impl Staging {
    pub fn new(output: &Path) -> Result<Staging, Error> {
        if let Some(parent) = output.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let tmp = sibling(output, "tmp");
        let prev = fixed_sibling(output, "prev");
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        let reused = prev.is_dir() && std::fs::rename(&prev, &tmp).is_ok();
        if !reused {
            std::fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        Ok(Staging {
            tmp,
            output: output.to_path_buf(),
            prev,
            dirs: std::sync::Mutex::new(BTreeSet::new()),
            written: reused.then(|| std::sync::Mutex::new(std::collections::HashSet::new())),
            done: false,
        })
    }

    fn ensure_parent(&self, rel: &str) -> Result<PathBuf, Error> {
        let path = self.tmp.join(rel);
        if let Some((dir, _)) = rel.rsplit_once('/') {
            let dir = self.tmp.join(dir);
            let new = self
                .dirs
                .lock()
                .map(|mut d| d.insert(dir.clone()))
                .unwrap_or(true);
            if new {
                std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            }
        }
        if let Some(w) = &self.written
            && let Ok(mut w) = w.lock()
        {
            w.insert(path.clone());
        }
        Ok(path)
    }

    /// Delete what a reused folder holds that this build did not write.
    fn remove_stale(&self) -> Result<(), Error> {
        let Some(written) = &self.written else {
            return Ok(());
        };
        let written = written.lock().map(|w| w.clone()).unwrap_or_default();
        let mut dirs = Vec::new();
        for entry in walkdir::WalkDir::new(&self.tmp).min_depth(1) {
            let entry = entry
                .map_err(|e| Error::Usage(format!("cannot clean {}: {e}", self.tmp.display())))?;
            if entry.file_type().is_dir() {
                dirs.push(entry.path().to_path_buf());
            } else if !written.contains(entry.path()) {
                std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            }
        }
        // Deepest first; a folder that still holds files stays.
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in dirs {
            let _ = std::fs::remove_dir(&d);
        }
        Ok(())
    }

    /// Copy files as they are, drop stale files, then swap the new site in.
    pub fn finish(mut self, copies: &[Copy]) -> Result<(), Error> {
        copies.par_iter().try_for_each(|(src, rel)| {
            let path = self.ensure_parent(rel)?;
            std::fs::copy(src, &path)
                .map(|_| ())
                .map_err(|e| Error::io(src, e))
        })?;
        self.remove_stale()?;
        if self.output.exists() {
            if self.prev.exists() {
                discard_now_or_later(&self.prev);
            }
            std::fs::rename(&self.output, &self.prev).map_err(|e| Error::io(&self.output, e))?;
            if let Err(e) = std::fs::rename(&self.tmp, &self.output) {
                let _ = std::fs::rename(&self.prev, &self.output);
                return Err(Error::io(&self.output, e));
            }
        } else {
            std::fs::rename(&self.tmp, &self.output).map_err(|e| Error::io(&self.output, e))?;
        }
        self.done = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutFile) -> Result<(), Error> {
        let path = self.ensure_parent(&file.path)?;
        // In a reused folder most files are unchanged: reading is cheaper than rewriting.
        if self.written.is_some()
            && std::fs::metadata(&path).is_ok_and(|m| m.len() == file.bytes.len() as u64)
            && std::fs::read(&path).is_ok_and(|old| old == file.bytes)
        {
            return Ok(());
        }
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io(&path, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            // Keep the folder for reuse by the next build; it is never served.
            if self.prev.exists() || std::fs::rename(&self.tmp, &self.prev).is_err() {
                discard_now_or_later(&self.tmp);
            }
        }
    }
}

/// Move a folder out of the way under a unique name and delete it without waiting.
fn discard_now_or_later(dir: &Path) {
    let trash = sibling(dir, "old");
    if std::fs::rename(dir, &trash).is_ok() {
        discard(&trash);
    } else {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Argument that makes the binary delete a folder and exit (see `discard`).
pub const REMOVE_ARG: &str = "__remove-dir";

/// Delete the previous site without waiting for it. Unlinking tens of thousands of files
/// can take far longer than building them on some disks (45 s for a 10,000-page site on
/// the CI machine), so a detached copy of gtmbook does it; if that cannot start, delete
/// it here.
fn discard(old: &Path) {
    let spawned = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .arg(REMOVE_ARG)
            .arg(old)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    });
    if spawned.is_err() {
        let _ = std::fs::remove_dir_all(old);
    }
}
