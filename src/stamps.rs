//! What each file of a built site holds, kept between builds so that a rebuild neither
//! renders a page whose inputs did not change nor reads or rewrites a file whose bytes did
//! not change. A file's record is its content hash with the size, modification and change
//! times and inode it had when gtmbook wrote it ([`Look`], which loading also keeps of
//! each source file it reads); it is trusted only while the file still has those
//! (anything that touched the file since makes it unknown, and it is written again).
//!
//! `Staging` (site.rs) keeps the record of the folder it writes into: the replaced site
//! (`.<output>.prev`) it reuses, whose records are those of the site before last.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How a file looks on disk: size, modification and change times, inode. A file that
/// still looks the same has not been written since (as Git and Make trust a file's
/// times): anything that writes a file changes its change time, even a tool that puts
/// the modification time back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Look {
    len: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    ino: u64,
}

/// A file changed within this long before it was read may change again within the same
/// tick of the file system's clock, unseen: its look is not trusted (Git's "racily
/// clean" entries, the same rule).
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

impl Look {
    /// The look of a file with metadata `m`.
    pub fn of(m: &std::fs::Metadata) -> Look {
        let ns = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
        };
        #[cfg(unix)]
        let (ctime_ns, ino) = {
            use std::os::unix::fs::MetadataExt;
            (
                i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec()),
                m.ino(),
            )
        };
        #[cfg(not(unix))]
        let (ctime_ns, ino) = (0, 0);
        Look {
            len: m.len(),
            mtime_ns: ns(m.modified()),
            ctime_ns,
            ino,
        }
    }

    /// The look of a file with metadata `m` read at `now`, when it had not changed for
    /// [`SETTLED`] before.
    pub fn settled(m: &std::fs::Metadata, now: std::time::SystemTime) -> Option<Look> {
        let look = Look::of(m);
        let before = now
            .checked_sub(SETTLED)?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let before = i128::try_from(before.as_nanos()).ok()?;
        (look.mtime_ns < before && look.ctime_ns < before).then_some(look)
    }
}

/// One file as gtmbook wrote it: the hash of its bytes and how it looked then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub hash: u128,
    look: Look,
}

impl Stamp {
    /// The stamp of the file at `path` now, holding bytes that hash to `hash`.
    fn of(path: &Path, hash: u128) -> Option<Stamp> {
        let m = std::fs::symlink_metadata(path).ok()?;
        m.is_file().then(|| Stamp {
            hash,
            look: Look::of(&m),
        })
    }

    /// Does the file at `path` still look as it did when this was taken?
    fn holds(&self, path: &Path) -> bool {
        Stamp::of(path, self.hash).is_some_and(|now| now == *self)
    }
}

/// The hash of a file's bytes, as stamps hold it.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// What the last build left: the files of the output and of `.<output>.prev`, and for
/// each page the key of its inputs with the hash of the bytes they rendered to.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Record {
    /// The output folder this describes (resolved).
    pub output: PathBuf,
    pub live: HashMap<String, Stamp>,
    pub prev: HashMap<String, Stamp>,
    pub keys: HashMap<String, (u128, u128)>,
    /// For each page, the key of what its context is made from (`render::inputs`).
    pub inputs: HashMap<String, u128>,
}

/// What the staging folder holds as it is written.
pub struct Tracker {
    /// Stamps of the files the reused folder held before this build (none for a new one).
    known: HashMap<String, Stamp>,
    /// The last build's page keys.
    keys: HashMap<String, (u128, u128)>,
    /// The last build's live files: what `.prev` holds once this build is swapped in.
    old_live: HashMap<String, Stamp>,
    written: Mutex<HashMap<String, Stamp>>,
    new_keys: Mutex<HashMap<String, (u128, u128)>>,
    /// The last build's input keys, and this build's.
    inputs: HashMap<String, u128>,
    new_inputs: Mutex<HashMap<String, u128>>,
    /// Pages reused / files left as they were / files written (for timings).
    counts: [std::sync::atomic::AtomicUsize; 3],
}

impl Tracker {
    /// Start from what the last build recorded about `output`, if it is that folder;
    /// `reused`: the staging folder is the old `.prev`, which the record describes.
    pub fn new(record: Option<Record>, output: &Path, reused: bool) -> Tracker {
        let record = record.filter(|r| r.output == output).unwrap_or_default();
        Tracker {
            known: if reused { record.prev } else { HashMap::new() },
            keys: record.keys,
            inputs: record.inputs,
            new_inputs: Mutex::new(HashMap::new()),
            old_live: record.live,
            written: Mutex::new(HashMap::new()),
            new_keys: Mutex::new(HashMap::new()),
            counts: Default::default(),
        }
    }

    /// The page at `rel`, whose inputs hash to `key`, rendered last time to bytes that
    /// the staging folder (`tmp`) still holds: nothing to render or write.
    pub fn reuse(&self, tmp: &Path, rel: &str, key: u128) -> bool {
        self.kept_page(tmp, rel, Some(key))
    }

    /// The page at `rel`, whose context is made from inputs that hash to `inputs`, as
    /// [`Tracker::reuse`] but before its context is made: the same inputs as last time,
    /// and the staging folder still holds what they rendered.
    pub fn reuse_inputs(&self, tmp: &Path, rel: &str, inputs: u128) -> bool {
        if self.inputs.get(rel) != Some(&inputs) || !self.kept_page(tmp, rel, None) {
            return false;
        }
        self.note_inputs(rel, inputs);
        true
    }

    /// The page at `rel` as the last build left it (its context's key `key`, when
    /// given, the same), when the staging folder still holds those bytes: noted as
    /// this build's.
    fn kept_page(&self, tmp: &Path, rel: &str, key: Option<u128>) -> bool {
        let Some(&(old_key, hash)) = self.keys.get(rel) else {
            return false;
        };
        if key.is_some_and(|k| k != old_key) {
            return false;
        }
        let Some(stamp) = self.known.get(rel).filter(|s| s.hash == hash) else {
            return false;
        };
        if !stamp.holds(&tmp.join(rel)) {
            return false;
        }
        self.note(rel, *stamp, Some((old_key, hash)));
        self.count(0);
        true
    }

    /// The input key of the page at `rel`, reused or written by its context's key.
    pub fn note_inputs(&self, rel: &str, inputs: u128) {
        if let Ok(mut all) = self.new_inputs.lock() {
            all.insert(rel.to_string(), inputs);
        }
    }

    /// Write `bytes` to `path` (`rel` in the staging folder) unless it holds them already:
    /// known by its stamp, or (a file the record does not know, in a reused folder) by
    /// reading it, which is cheaper than rewriting. `key`: a page's inputs.
    pub fn put(
        &self,
        path: &Path,
        rel: &str,
        bytes: &[u8],
        key: Option<u128>,
        reused: bool,
    ) -> std::io::Result<()> {
        let h = hash(bytes);
        let key = key.map(|k| (k, h));
        let same = match self.known.get(rel) {
            Some(stamp) if stamp.hash == h && stamp.holds(path) => {
                self.note(rel, *stamp, key);
                self.count(1);
                return Ok(());
            }
            Some(_) => false,
            None => {
                reused
                    && std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
                    && std::fs::read(path).is_ok_and(|old| old == bytes)
            }
        };
        if same {
            self.count(1);
        } else {
            std::fs::write(path, bytes)?;
            self.count(2);
        }
        if let Some(stamp) = Stamp::of(path, h) {
            self.note(rel, stamp, key);
        }
        Ok(())
    }

    fn count(&self, what: usize) {
        if let Some(c) = self.counts.get(what) {
            c.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// Pages not rendered (reused), files found unchanged, files written.
    pub fn counts(&self) -> [usize; 3] {
        self.counts
            .each_ref()
            .map(|c| c.load(std::sync::atomic::Ordering::Relaxed))
    }

    fn note(&self, rel: &str, stamp: Stamp, key: Option<(u128, u128)>) {
        if let Ok(mut w) = self.written.lock() {
            w.insert(rel.to_string(), stamp);
        }
        if let Some(k) = key
            && let Ok(mut keys) = self.new_keys.lock()
        {
            keys.insert(rel.to_string(), k);
        }
    }

    /// The record after the swap: the staging folder is the output; `.prev` holds the
    /// replaced site when `kept_old` (else nothing known).
    pub fn finish(self, output: &Path, kept_old: bool) -> Record {
        Record {
            output: output.to_path_buf(),
            live: self.written.into_inner().unwrap_or_default(),
            prev: if kept_old {
                self.old_live
            } else {
                HashMap::new()
            },
            keys: self.new_keys.into_inner().unwrap_or_default(),
            inputs: self.new_inputs.into_inner().unwrap_or_default(),
        }
    }
}
