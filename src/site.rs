//! Writes the built site: everything goes to a temporary folder beside the output, which
//! replaces the old output only when it is complete. A failed build leaves the previous
//! site untouched, and files of deleted pages do not linger.
//!
//! Only folders gtmbook made are ever replaced or deleted: every site, staging folder and
//! kept previous site carries the marker file [`MARKER`], and a folder without it is left
//! alone. [`resolve_output`] refuses, before anything is written, an output that would
//! overwrite the book's own sources or a folder that is not a site.

use crate::error::Error;
use crate::stamps::{Record, Tracker};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

mod sweep;

/// A file of the built site: path below the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Extra files copied as they are: (source path on disk, path below the output).
pub type Copy = (PathBuf, String);

/// The file that marks a folder as a site gtmbook made (like Cargo's `CACHEDIR.TAG`).
pub const MARKER: &str = ".gtmbook-site";

const MARKER_TEXT: &str = "This folder is a site built by gtmbook (gtmbook build). \
gtmbook replaces or deletes only folders that hold this file.\n";

/// Files every site written by gtmbook before sites carried the marker holds.
const LEGACY_FILES: [&str; 4] = [
    "index.html",
    "404.html",
    "assets/gtmbook.js",
    "api/messages.json",
];

/// Is `dir` a real folder (not a link) that holds the marker?
pub fn is_marked(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// A site built by a gtmbook version that wrote no marker: its home page, 404 page,
/// the theme's script and the messages API are all there.
fn is_legacy_site(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && LEGACY_FILES.iter().all(|f| dir.join(f).is_file())
}

/// Did gtmbook make this folder (with the marker, or an old site without it)?
fn is_ours(dir: &Path) -> bool {
    is_marked(dir) || is_legacy_site(dir)
}

fn mark(dir: &Path) -> Result<(), Error> {
    let path = dir.join(MARKER);
    std::fs::write(&path, MARKER_TEXT).map_err(|e| Error::io(&path, e))
}

/// Take ownership of a folder gtmbook made: an old site gets the marker now, so that
/// it can be reused and deleted like any other. False for anything else.
fn claim(dir: &Path) -> Result<bool, Error> {
    if is_marked(dir) {
        return Ok(true);
    }
    if is_legacy_site(dir) {
        mark(dir)?;
        return Ok(true);
    }
    Ok(false)
}

/// Delete a site gtmbook made, the marker last (so a deletion cut short still carries
/// it); anything without the marker is left alone. True when the folder is gone.
pub fn remove_site(dir: &Path) -> bool {
    if !is_marked(dir) {
        return false;
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_name() == MARKER {
                continue;
            }
            let path = entry.path();
            let _ = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
        }
    }
    let _ = std::fs::remove_file(dir.join(MARKER));
    std::fs::remove_dir(dir).is_ok()
}

/// `path` made absolute (from the working directory) with every symlink resolved and
/// `.`/`..` applied; the part that does not exist yet is appended as it is. A dangling
/// link is followed to where its target would be.
pub fn resolve(path: &Path) -> Result<PathBuf, Error> {
    let mut hops = 0;
    resolve_inner(path, &mut hops)
}

fn resolve_inner(path: &Path, hops: &mut usize) -> Result<PathBuf, Error> {
    let abs = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let mut cur = PathBuf::new();
    let mut exists = true;
    for comp in abs.components() {
        match comp {
            Component::Prefix(_) | Component::RootDir => cur.push(comp),
            Component::CurDir => {}
            // `cur` holds no links, so its parent is the real parent.
            Component::ParentDir => {
                cur.pop();
            }
            Component::Normal(name) => {
                cur.push(name);
                if !exists {
                    continue;
                }
                match std::fs::symlink_metadata(&cur) {
                    Ok(m) if m.file_type().is_symlink() => {
                        *hops += 1;
                        if *hops > 40 {
                            return Err(Error::SymlinkLoop(path.to_path_buf()));
                        }
                        let target = std::fs::read_link(&cur).map_err(|e| Error::io(&cur, e))?;
                        cur.pop();
                        cur = resolve_inner(&cur.join(target), hops)?;
                        exists = std::fs::symlink_metadata(&cur).is_ok();
                    }
                    Ok(_) => {}
                    Err(_) => exists = false,
                }
            }
        }
    }
    Ok(cur)
}

/// Where a build writes the site: `output` with its symlinks resolved (the site goes to a
/// link's target). Refused (exit 2, before anything is written) when building there could
/// destroy what gtmbook did not make: `/`, the home folder, the book root or a folder
/// holding it, a place that is, holds or lies inside the content folder, `static/` or
/// `themes/`, an existing file, or a non-empty folder that is not a gtmbook site.
pub fn resolve_output(output: &Path, root: &Path, content: &Path) -> Result<PathBuf, Error> {
    let out = resolve(output)?;
    let shown = if out.as_path() == output {
        out.display().to_string()
    } else {
        format!("{} (resolved to {})", output.display(), out.display())
    };
    let refuse = |why: String| {
        Err(Error::RefusedOutput {
            shown: shown.clone(),
            why,
        })
    };
    if out.parent().is_none() {
        return refuse("it is the root of the file system".into());
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && let Ok(home) = resolve(Path::new(&home))
        && out == home
    {
        return refuse(format!("it is the home folder {}", home.display()));
    }
    let root = resolve(root)?;
    if root == out {
        return refuse(format!("it is the book root {}", root.display()));
    }
    if root.starts_with(&out) {
        return refuse(format!("it contains the book root {}", root.display()));
    }
    let sources = [
        ("the content folder", content.to_path_buf()),
        ("the static folder", root.join("static")),
        ("the themes folder", root.join("themes")),
    ];
    for (what, dir) in sources {
        let dir = resolve(&dir)?;
        if out == dir {
            return refuse(format!("it is {what} {}", dir.display()));
        }
        if out.starts_with(&dir) {
            return refuse(format!("it lies inside {what} {}", dir.display()));
        }
        if dir.starts_with(&out) {
            return refuse(format!("it contains {what} {}", dir.display()));
        }
    }
    match std::fs::symlink_metadata(&out) {
        Err(_) => {}
        Ok(m) if !m.is_dir() => {
            return refuse("it is an existing file, not a folder".into());
        }
        Ok(_) => {
            let empty = std::fs::read_dir(&out)
                .map_err(|e| Error::io(&out, e))?
                .next()
                .is_none();
            if !empty && !is_ours(&out) {
                return refuse(format!(
                    "it is a folder that gtmbook did not build (it is not empty and has \
                     no {MARKER} file), and building would replace it"
                ));
            }
        }
    }
    Ok(out)
}

/// Where rendered files go as they are produced.
pub trait Sink: Sync {
    fn put(&self, file: OutFile) -> Result<(), Error>;
    /// A page whose inputs hash to `key`: true when the sink already holds what the same
    /// inputs rendered last time, so it need not be rendered.
    fn reuse(&self, _path: &str, _key: u128) -> bool {
        false
    }
    /// `put` of a page whose inputs hash to `key` (remembered for [`Sink::reuse`]).
    fn put_keyed(&self, file: OutFile, _key: u128) -> Result<(), Error> {
        self.put(file)
    }
    /// A page whose context is made from inputs that hash to `inputs`: true when the
    /// sink holds what the same inputs rendered last time, so not even its context need
    /// be made.
    fn reuse_inputs(&self, _path: &str, _inputs: u128) -> bool {
        false
    }
    /// The input key of a page just reused or put by its context's key (remembered for
    /// [`Sink::reuse_inputs`]).
    fn note_inputs(&self, _path: &str, _inputs: u128) {}
}

/// A folder beside the output that receives the new site file by file (so a big site is
/// never held in memory whole) and replaces the output in `finish`. Dropped without
/// `finish` (a failed build), the output stays as it was.
///
/// The replaced site is kept as `.<output>.prev` and reused as the next staging folder:
/// unchanged files are not rewritten, only stale ones deleted (unlinking a 10,000-page
/// site took 45 s on the CI machine). One without the marker is neither reused nor deleted.
pub struct Staging {
    tmp: PathBuf,
    output: PathBuf,
    prev: PathBuf,
    /// `.<output>.prev` is something gtmbook did not make: leave it alone.
    prev_foreign: bool,
    dirs: std::sync::Mutex<BTreeSet<PathBuf>>,
    /// Files written (or found identical) by this build, when reusing an old site.
    written: Option<std::sync::Mutex<std::collections::HashSet<PathBuf>>>,
    /// What the files hold, from the last build's record and as they are written.
    tracker: Tracker,
    done: bool,
}

/// The output's name, for the hidden folders beside it.
fn output_name(output: &Path) -> String {
    output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

fn fixed_sibling(output: &Path, tag: &str) -> PathBuf {
    output.with_file_name(format!(".{}.{tag}", output_name(output)))
}

/// A hidden folder beside the output that belongs to this process.
fn sibling(output: &Path, tag: &str) -> PathBuf {
    fixed_sibling(output, &format!("{tag}-{}", std::process::id()))
}

/// A unique name beside the output for a folder about to be deleted.
fn trash_name(output: &Path) -> PathBuf {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    output.with_file_name(format!(
        ".{}.old-{}-{n}",
        output_name(output),
        std::process::id()
    ))
}

/// The process id in the name of a staging (`.<name>.tmp-PID`) or trash
/// (`.<name>.old-PID-N`) folder of this output.
fn staging_pid(file: &str, name: &str) -> Option<u32> {
    let rest = file
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?;
    let digits = rest
        .strip_prefix("tmp-")
        .or_else(|| rest.strip_prefix("old-"))?;
    let pid = digits.split_once('-').map_or(digits, |(pid, n)| {
        if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() {
            pid
        } else {
            ""
        }
    });
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Is the process with this id known to have ended? Only `/proc` is trusted; without
/// it (not Linux) nothing is known and nothing is removed.
fn process_ended(pid: u32) -> bool {
    Path::new("/proc/self").is_dir() && !Path::new(&format!("/proc/{pid}")).exists()
}

/// Remove the staging and trash folders that builds killed before they finished left
/// beside the output: only those of processes that no longer run, and only when they
/// carry the marker.
fn remove_abandoned(output: &Path) {
    let Some(parent) = output.parent() else {
        return;
    };
    let name = output_name(output);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = staging_pid(&file.to_string_lossy(), &name) else {
            continue;
        };
        let path = entry.path();
        if pid == std::process::id() || !process_ended(pid) || !is_marked(&path) {
            continue;
        }
        // A staging folder is moved out of the way at once; a trash folder may be in
        // the hands of a deleting helper that outlived its build, and stays where it is.
        let trash = trash_name(output);
        if file.to_string_lossy().contains(".tmp-") && std::fs::rename(&path, &trash).is_ok() {
            discard(&trash);
        } else {
            discard(&path);
        }
    }
}

impl Staging {
    /// `output` must come from [`resolve_output`]; `record`: what the last build recorded
    /// of its files (see `stamps.rs`); [`Staging::finish`] gives the record of this build.
    pub fn with_record(output: &Path, record: Option<Record>) -> Result<Staging, Error> {
        if let Some(parent) = output.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        remove_abandoned(output);
        let tmp = sibling(output, "tmp");
        let prev = fixed_sibling(output, "prev");
        if std::fs::symlink_metadata(&tmp).is_ok() {
            // Left by an earlier process that had the same id.
            if !remove_site(&tmp) {
                return Err(Error::InTheWay {
                    path: tmp,
                    marker: MARKER,
                });
            }
        }
        let prev_exists = std::fs::symlink_metadata(&prev).is_ok();
        let prev_foreign = prev_exists && !claim(&prev)?;
        if prev_foreign {
            eprintln!(
                "note: {} was not made by gtmbook (it has no {MARKER} file): it is left alone",
                prev.display()
            );
        }
        let reused = prev_exists && !prev_foreign && std::fs::rename(&prev, &tmp).is_ok();
        if !reused {
            std::fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        mark(&tmp)?;
        let written = reused.then(|| {
            let mut w = std::collections::HashSet::new();
            w.insert(tmp.join(MARKER));
            std::sync::Mutex::new(w)
        });
        Ok(Staging {
            tmp,
            output: output.to_path_buf(),
            prev,
            prev_foreign,
            dirs: std::sync::Mutex::new(BTreeSet::new()),
            written,
            tracker: Tracker::new(record, output, reused),
            done: false,
        })
    }

    /// `rel` counted as written; its folder made first (once) when `make` is set.
    fn record(&self, rel: &str, make: bool) -> Result<PathBuf, Error> {
        let path = self.tmp.join(rel);
        if let Some((dir, _)) = rel.rsplit_once('/') {
            let dir = self.tmp.join(dir);
            let new = self.dirs.lock().map_or(true, |mut d| d.insert(dir.clone()));
            if new && make {
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

    /// Delete what this build did not write (not the marker), then the folders left empty.
    fn remove_stale(&self) -> Result<(), Error> {
        let Some(written) = &self.written else {
            return Ok(());
        };
        let mut written = written.lock().map(|w| w.clone()).unwrap_or_default();
        written.insert(self.tmp.join(MARKER));
        sweep::remove_unwritten(&self.tmp, &written)
    }

    /// What the build wrote: see [`Tracker::counts`].
    pub fn counts(&self) -> [usize; 3] {
        self.tracker.counts()
    }

    /// Copy files as they are, drop stale files, then swap the new site in. Gives the
    /// record of what the output and `.prev` now hold, for the next build.
    pub fn finish(mut self, copies: &[Copy]) -> Result<Record, Error> {
        copies.par_iter().try_for_each(|(src, rel)| {
            let path = self.record(rel, true)?;
            std::fs::copy(src, &path)
                .map(|_| ())
                .map_err(|e| Error::io(src, e))
        })?;
        self.remove_stale()?;
        let output = self.output.clone();
        let exists = std::fs::symlink_metadata(&output).is_ok();
        // An empty folder (made by the user for the site) is simply replaced.
        let exists = exists && std::fs::remove_dir(&output).is_err();
        let kept_old = exists && !self.prev_foreign;
        if exists {
            // Checked by `resolve_output`; checked again in case it changed since.
            if !claim(&output)? {
                return Err(Error::NotOurSite {
                    path: output,
                    marker: MARKER,
                });
            }
            // The replaced site becomes `.prev`, or is deleted when a foreign `.prev`
            // is in the way.
            let keep = if self.prev_foreign {
                trash_name(&output)
            } else {
                if std::fs::symlink_metadata(&self.prev).is_ok() {
                    discard_now_or_later(&self.prev, &trash_name(&output));
                }
                self.prev.clone()
            };
            std::fs::rename(&output, &keep).map_err(|e| Error::io(&output, e))?;
            if let Err(e) = std::fs::rename(&self.tmp, &output) {
                let _ = std::fs::rename(&keep, &output);
                return Err(Error::io(&output, e));
            }
            if self.prev_foreign {
                discard(&keep);
            }
        } else {
            std::fs::rename(&self.tmp, &output).map_err(|e| Error::io(&output, e))?;
        }
        self.done = true;
        let tracker = std::mem::replace(&mut self.tracker, Tracker::new(None, &output, false));
        Ok(tracker.finish(&output, kept_old))
    }

    /// Write `file` unless the folder holds its bytes already; `key`: a page's inputs.
    fn put_with(&self, file: OutFile, key: Option<u128>) -> Result<(), Error> {
        let path = self.record(&file.path, true)?;
        let reused = self.written.is_some();
        let put = self
            .tracker
            .put(&path, &file.path, &file.bytes, key, reused);
        put.map_err(|e| Error::io(&path, e))
    }
}

impl Sink for Staging {
    fn put(&self, file: OutFile) -> Result<(), Error> {
        self.put_with(file, None)
    }

    fn reuse(&self, path: &str, key: u128) -> bool {
        if !self.tracker.reuse(&self.tmp, path, key) {
            return false;
        }
        // Counted as written (`remove_stale` leaves it); its folder is there already.
        self.record(path, false).is_ok()
    }

    fn put_keyed(&self, file: OutFile, key: u128) -> Result<(), Error> {
        self.put_with(file, Some(key))
    }

    fn reuse_inputs(&self, path: &str, inputs: u128) -> bool {
        if !self.tracker.reuse_inputs(&self.tmp, path, inputs) {
            return false;
        }
        self.record(path, false).is_ok()
    }

    fn note_inputs(&self, path: &str, inputs: u128) {
        self.tracker.note_inputs(path, inputs);
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            // Keep the folder for reuse by the next build; it is never served.
            if std::fs::symlink_metadata(&self.prev).is_ok()
                || std::fs::rename(&self.tmp, &self.prev).is_err()
            {
                discard_now_or_later(&self.tmp, &trash_name(&self.output));
            }
        }
    }
}

/// Move a site out of the way under a unique name and delete it without waiting.
fn discard_now_or_later(dir: &Path, trash: &Path) {
    if !is_marked(dir) {
        return;
    }
    if std::fs::rename(dir, trash).is_ok() {
        discard(trash);
    } else {
        remove_site(dir);
    }
}

/// Argument that makes the binary delete a folder and exit (see `discard`); it deletes
/// only a folder that carries the marker ([`remove_site`]).
pub const REMOVE_ARG: &str = "__remove-dir";

/// Delete an old site without waiting for it (unlinking can take longer than building):
/// a detached copy of gtmbook does it; if that cannot start, it is deleted here. Either
/// way only a folder with the marker is deleted.
fn discard(old: &Path) {
    if !is_marked(old) {
        return;
    }
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
        remove_site(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_names_give_their_process_id() {
        assert_eq!(staging_pid(".public.tmp-123", "public"), Some(123));
        assert_eq!(staging_pid(".public.old-123-4", "public"), Some(123));
        assert_eq!(staging_pid(".public.prev", "public"), None);
        assert_eq!(staging_pid(".public.tmp-12x", "public"), None);
        assert_eq!(staging_pid(".public.old-1-", "public"), None);
        assert_eq!(staging_pid(".site.tmp-123", "public"), None);
        assert_eq!(staging_pid("..public.prev.old-123", "public"), None);
    }

    #[cfg(unix)]
    #[test]
    fn resolving_applies_dots_to_paths_that_do_not_exist() {
        let base = resolve(Path::new("/")).ok();
        assert_eq!(base, Some(PathBuf::from("/")));
        let p = resolve(Path::new("/no-such-folder-gtmbook/a/../b/./c")).ok();
        assert_eq!(p, Some(PathBuf::from("/no-such-folder-gtmbook/b/c")));
    }
}
