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

fn sibling(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Where rendered files go as they are produced.
pub trait Sink: Sync {
    fn put(&self, file: OutFile) -> Result<(), Error>;
}

/// Files kept in memory (tests, tools).
#[derive(Default)]
pub struct Memory(pub std::sync::Mutex<Vec<OutFile>>);

impl Sink for Memory {
    fn put(&self, file: OutFile) -> Result<(), Error> {
        if let Ok(mut v) = self.0.lock() {
            v.push(file);
        }
        Ok(())
    }
}

/// A fresh folder beside the output that receives the new site file by file (so a big
/// site is never held in memory whole) and replaces the output in `finish`. Dropped
/// without `finish` (a failed build), it is removed and the old output stays.
pub struct Staging {
    tmp: PathBuf,
    output: PathBuf,
    dirs: std::sync::Mutex<BTreeSet<PathBuf>>,
    done: bool,
}

impl Staging {
    pub fn new(output: &Path) -> Result<Staging, Error> {
        if let Some(parent) = output.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let tmp = sibling(output, "tmp");
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        std::fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(Staging {
            tmp,
            output: output.to_path_buf(),
            dirs: std::sync::Mutex::new(BTreeSet::new()),
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
        Ok(path)
    }

    /// Copy files as they are, then swap the new site in for the old one.
    pub fn finish(mut self, copies: &[Copy]) -> Result<(), Error> {
        copies.par_iter().try_for_each(|(src, rel)| {
            let path = self.ensure_parent(rel)?;
            std::fs::copy(src, &path)
                .map(|_| ())
                .map_err(|e| Error::io(src, e))
        })?;
        swap(&self.tmp, &self.output)?;
        self.done = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutFile) -> Result<(), Error> {
        let path = self.ensure_parent(&file.path)?;
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io(&path, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
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

fn swap(tmp: &Path, output: &Path) -> Result<(), Error> {
    if output.exists() {
        let old = sibling(output, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        std::fs::rename(output, &old).map_err(|e| Error::io(output, e))?;
        if let Err(e) = std::fs::rename(tmp, output) {
            // Put the previous site back.
            let _ = std::fs::rename(&old, output);
            return Err(Error::io(output, e));
        }
        discard(&old);
    } else {
        std::fs::rename(tmp, output).map_err(|e| Error::io(output, e))?;
    }
    Ok(())
}
