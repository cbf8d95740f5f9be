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

/// Write `files` and `copies` into a fresh folder and swap it in for `output`.
pub fn write(output: &Path, files: &[OutFile], copies: &[Copy]) -> Result<(), Error> {
    if let Some(parent) = output.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let tmp = sibling(output, "tmp");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    let result = fill(&tmp, files, copies).and_then(|()| swap(&tmp, output));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

fn fill(tmp: &Path, files: &[OutFile], copies: &[Copy]) -> Result<(), Error> {
    // One pass creates every folder, then files are written in parallel.
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    dirs.insert(tmp.to_path_buf());
    for rel in files
        .iter()
        .map(|f| f.path.as_str())
        .chain(copies.iter().map(|c| c.1.as_str()))
    {
        if let Some((d, _)) = rel.rsplit_once('/') {
            dirs.insert(tmp.join(d));
        }
    }
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = tmp.join(&f.path);
        std::fs::write(&path, &f.bytes).map_err(|e| Error::io(&path, e))
    })?;
    copies.par_iter().try_for_each(|(src, rel)| {
        let path = tmp.join(rel);
        std::fs::copy(src, &path)
            .map(|_| ())
            .map_err(|e| Error::io(src, e))
    })?;
    Ok(())
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
