//! The documents of a book as the last run parsed them, and the lint cache of that run.
//!
//! The parses are split over [`SHARDS`] files, `<command>-00.bin` to `<command>-63.bin`;
//! a document's shard is a hash (xxh3) of its path, so it stays in the same file from run
//! to run. Each shard is whole by itself: the magic line and identity, its index (path,
//! file id, key, reading key, the file's stamp, where the document's bytes are), then
//! each document's text and parse (postcard),
//! read from the file (a positioned read, never the whole file in memory) and decoded
//! only when loading asks for it, in loading's parallel map. New parses wait in an
//! unnamed temporary file until the cache is written, and are copied from it. A shard is
//! written again only when its set of documents or one of their parses changed, so a
//! one-page edit rewrites one shard (about 1.6 MB of 100 at 10,000 pages) and leaves the
//! others untouched; a shard that cannot be read costs only its own documents, which are
//! parsed again, and is written whole. The lint cache is a file of its own,
//! `<command>-lint.bin`, read whole and written only when its bytes changed.
//!
//! A document is reused only when its path, file id and key (a hash of its text and of
//! the settings its parse reads, `load::Reading::key`) are all the same: spans hold file
//! ids, so a document whose place in the sorted file list moved (a file added or deleted
//! before it) is parsed again. When its file still carries the stamp it had when it was
//! read (`stamps::Look`) and the reading key is the same, the file is not even
//! opened: its text comes from the blob. A shard whose stamps changed (a file touched,
//! not edited) is written again, so the next run trusts the new stamps.

use super::head::{Kept, note_files};
use crate::lint;
use crate::load::{Parsed, Reuse, Seen};
use crate::source::FileId;
use crate::stamps::Look;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// How many files the parses of a command are split over. A one-page edit rewrites one
/// of them: at 10,000 pages, keeping the parses took 9-12 ms with 64 shards (1.6 MB
/// written), 13-15 ms with 32 and 18-21 ms with 16, against 120-180 ms for the single
/// file; opening and reading the index of 64 files instead of 16 costs no time that could
/// be measured on a no-op run (`docs/performance.md`, 2026-12-03).
pub const SHARDS: usize = 64;

/// The shard of the document at `path`: the same on every run and every machine.
pub(super) fn shard_of(path: &str) -> usize {
    (xxhash_rust::xxh3::xxh3_64(path.as_bytes()) % SHARDS as u64) as usize
}

/// The name of shard `k` of `command`'s parses.
pub(super) fn shard_name(command: &str, k: usize) -> String {
    format!("{command}-{k:02}.bin")
}

/// The name of `command`'s lint cache.
pub(super) fn lint_name(command: &str) -> String {
    format!("{command}-lint.bin")
}

/// One document in a shard's index.
#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    path: String,
    id: u32,
    key: u128,
    /// The `load::Reading::key` it was read with, and the file's stamp then (none when
    /// it had not settled): a file with the same stamp is not read again.
    reading: u128,
    stamp: Option<Look>,
    /// Where its text and parse are in the shard's blob area.
    at: (u64, u64),
}

/// One shard file as the last run left it.
struct Shard {
    name: String,
    /// The kept file, and its length.
    file: Option<(std::fs::File, u64)>,
    /// Where the blob area starts in the file.
    blobs: u64,
    index: HashMap<String, Entry>,
    /// The file is foreign or could not be decoded (then noted once): it is written
    /// again whatever this run finds.
    damaged: AtomicBool,
}

/// The documents kept by the last run, and those of this run as loading sees them.
pub struct Docs {
    command: String,
    shards: Vec<Shard>,
    /// The kept lint cache file: its name, its bytes and where its body starts.
    lint_name: String,
    lint: Option<(Vec<u8>, usize)>,
    /// The kept lint cache is foreign or could not be decoded: written again.
    lint_damaged: bool,
    /// This run's documents: (id, path, key, how it was read, a kept blob's range or a
    /// new one). A blob is the document's text (as its source holds it) and its parse.
    seen: Mutex<Vec<SeenDoc>>,
    /// Where new parses wait until the cache is written, so that a first run does not
    /// hold them all in memory (10,000 pages: about 100 MB): an unnamed temporary file
    /// in `dir` (the system's temporary folder before the cache folder exists), gone
    /// when the run ends however it ends.
    spill: Mutex<Spill>,
    dir: std::path::PathBuf,
}

/// A document this run loaded: file id, path, key, how it was read, its blob.
type SeenDoc = (u32, String, u128, Seen, Blob);

enum Blob {
    Kept(Range<usize>),
    /// A new parse held in memory (the temporary file could not be written).
    New(Vec<u8>),
    /// A new parse in the temporary file: where, and how long.
    Spilled(u64, usize),
}

/// The temporary file of new parses.
enum Spill {
    /// Not made yet: no new parse so far.
    None,
    /// The file and its length so far.
    Open(std::fs::File, u64),
    /// It could not be made or written: new parses stay in memory (after a failed
    /// write, where the next one would land is not known).
    Failed,
}

impl Blob {
    fn len(&self) -> usize {
        match self {
            Blob::Kept(r) => r.len(),
            Blob::New(b) => b.len(),
            Blob::Spilled(_, len) => *len,
        }
    }
}

/// `len` bytes of `file` from `at`, or `None` when the file is shorter.
fn read_at(file: &std::fs::File, at: u64, len: usize) -> Option<Vec<u8>> {
    let mut buf = vec![0; len];
    #[cfg(unix)]
    std::os::unix::fs::FileExt::read_exact_at(file, &mut buf, at).ok()?;
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < len {
            let n =
                std::os::windows::fs::FileExt::seek_read(file, &mut buf[done..], at + done as u64)
                    .ok()?;
            if n == 0 {
                return None;
            }
            done += n;
        }
    }
    Some(buf)
}

/// The index of a kept shard of `len` bytes whose body starts at `start`, and where its
/// blob area starts. Lengths are checked against the file before anything is allocated.
fn index(file: &std::fs::File, len: u64, start: usize) -> Option<(Vec<Entry>, u64)> {
    let at = u64::try_from(start).ok()?.checked_add(8)?;
    (at <= len).then_some(())?;
    let bytes: [u8; 8] = read_at(file, at - 8, 8)?.try_into().ok()?;
    let n = u64::from_le_bytes(bytes);
    let end = at.checked_add(n)?;
    (end <= len).then_some(())?;
    let index = postcard::from_bytes(&read_at(file, at, usize::try_from(n).ok()?)?).ok()?;
    Some((index, end))
}

impl Shard {
    fn note_damaged(&self) {
        if !self.damaged.swap(true, Ordering::Relaxed) {
            eprintln!(
                "note: .gtmbook/cache/{} is damaged: ignored, and rebuilt from scratch",
                self.name
            );
        }
    }

    /// Where a kept parse is in the file, when the file holds it whole.
    fn blob(&self, at: (u64, u64)) -> Option<Range<usize>> {
        let start = self.blobs.checked_add(at.0)?;
        let end = start.checked_add(at.1)?;
        let len = self.file.as_ref()?.1;
        (end <= len).then_some(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
    }

    /// The bytes of a kept parse.
    fn read(&self, r: &Range<usize>) -> Option<Vec<u8>> {
        read_at(&self.file.as_ref()?.0, r.start as u64, r.len())
    }

    /// The blob of entry `e` decoded as `T`, and where it is; noted when the shard
    /// does not hold it whole or it cannot be decoded.
    fn decode<'b, T: serde::Deserialize<'b>>(
        &self,
        e: &Entry,
        bytes: &'b mut Option<Vec<u8>>,
    ) -> Option<(T, Range<usize>)> {
        let range = self.blob(e.at);
        *bytes = range.as_ref().and_then(|r| self.read(r));
        let decoded = bytes.as_deref().map(postcard::from_bytes::<T>);
        match (range, decoded) {
            (Some(range), Some(Ok(value))) => Some((value, range)),
            _ => {
                self.note_damaged();
                None
            }
        }
    }
}

impl Docs {
    /// The kept documents of `command` in the cache folder `dir`: its lint cache file
    /// and its shards, as found (names and files).
    pub(super) fn decode(
        dir: std::path::PathBuf,
        command: &str,
        lint: (String, Kept<(Vec<u8>, usize)>),
        shards: Vec<(String, Kept<(std::fs::File, usize)>)>,
    ) -> Docs {
        let mut damaged = Vec::new();
        let shards = shards
            .into_iter()
            .map(|(name, kept)| {
                let mut shard = Shard {
                    name,
                    file: None,
                    blobs: 0,
                    index: HashMap::new(),
                    damaged: AtomicBool::new(matches!(kept, Kept::Foreign)),
                };
                if let Kept::Ours((file, start)) = kept {
                    let len = file.metadata().map_or(0, |m| m.len());
                    match index(&file, len, start) {
                        Some((index, blobs)) => {
                            shard.index = index.into_iter().map(|e| (e.path.clone(), e)).collect();
                            shard.blobs = blobs;
                            shard.file = Some((file, len));
                        }
                        None => {
                            damaged.push(shard.name.clone());
                            shard.damaged = AtomicBool::new(true);
                        }
                    }
                }
                shard
            })
            .collect();
        note_files(&damaged, "is damaged", "are damaged");
        let (lint_name, lint) = lint;
        Docs {
            command: command.to_string(),
            shards,
            lint_name,
            lint_damaged: matches!(lint, Kept::Foreign),
            lint: match lint {
                Kept::Ours(kept) => Some(kept),
                _ => None,
            },
            seen: Mutex::new(Vec::new()),
            spill: Mutex::new(Spill::None),
            dir,
        }
    }

    /// The command whose documents these are.
    pub(super) fn command(&self) -> &str {
        &self.command
    }

    /// The kept lint cache's bytes.
    fn kept_lint(&self) -> Option<&[u8]> {
        self.lint
            .as_ref()
            .and_then(|(data, start)| data.get(*start..))
    }

    /// The lint cache kept by the last run (empty when none, or when it cannot be read).
    pub fn lint(&mut self) -> lint::Cache {
        match self.kept_lint().map(postcard::from_bytes::<lint::Cache>) {
            Some(Ok(c)) => c,
            Some(Err(_)) => {
                note_files(std::slice::from_ref(&self.lint_name), "is damaged", "");
                self.lint_damaged = true;
                lint::Cache::default()
            }
            None => lint::Cache::default(),
        }
    }

    /// `bytes` appended to the temporary file (made at the first call), or `None` when
    /// it cannot be written.
    fn spill(&self, bytes: &[u8]) -> Option<Blob> {
        use std::io::Write;
        let mut spill = self.spill.lock().ok()?;
        if matches!(*spill, Spill::None) {
            let file = if self.dir.is_dir() {
                tempfile::tempfile_in(&self.dir)
            } else {
                tempfile::tempfile()
            };
            *spill = file.map_or(Spill::Failed, |f| Spill::Open(f, 0));
        }
        let Spill::Open(file, len) = &mut *spill else {
            return None;
        };
        let at = *len;
        if file.write_all(bytes).is_err() {
            *spill = Spill::Failed;
            return None;
        }
        *len += bytes.len() as u64;
        Some(Blob::Spilled(at, bytes.len()))
    }

    fn see(&self, id: FileId, path: &str, key: u128, how: Seen, blob: Blob) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.push((id.0, path.to_string(), key, how, blob));
        }
    }

    /// The kept entry of `path` when it has file id `id`, and its shard.
    fn entry(&self, id: FileId, path: &str) -> Option<(&Shard, &Entry)> {
        let shard = self.shards.get(shard_of(path))?;
        let e = shard.index.get(path).filter(|e| e.id == id.0)?;
        Some((shard, e))
    }

    /// The files to write after this run: the lint cache when its bytes differ from the
    /// kept ones, and each shard whose documents (every one loading saw) differ from
    /// the kept shard's.
    pub(super) fn encode(self, lint: &lint::Cache) -> Encoded {
        let mut files = Vec::new();
        if let Ok(bytes) = postcard::to_allocvec(lint)
            && (self.lint_damaged || self.kept_lint() != Some(bytes.as_slice()))
        {
            files.push(Out {
                name: self.lint_name,
                head: bytes,
                kept: None,
                blobs: Vec::new(),
            });
        }
        let mut seen: Vec<Vec<_>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for doc in self.seen.into_inner().unwrap_or_default() {
            if let Some(shard) = seen.get_mut(shard_of(&doc.1)) {
                shard.push(doc);
            }
        }
        for (shard, mut seen) in self.shards.into_iter().zip(seen) {
            // Every kept parse was asked for by its path, id and key: the same set.
            let unchanged = !shard.damaged.into_inner()
                && seen.len() == shard.index.len()
                && seen.iter().all(|(_, path, _, how, b)| {
                    matches!(b, Blob::Kept(_))
                        && shard
                            .index
                            .get(path)
                            .is_some_and(|e| e.reading == how.reading && e.stamp == how.stamp)
                });
            if unchanged {
                continue;
            }
            seen.sort_by_key(|(id, ..)| *id);
            let mut index = Vec::with_capacity(seen.len());
            let mut offset = 0u64;
            for (id, path, key, how, blob) in &seen {
                let len = blob.len() as u64;
                index.push(Entry {
                    path: path.clone(),
                    id: *id,
                    key: *key,
                    reading: how.reading,
                    stamp: how.stamp,
                    at: (offset, len),
                });
                offset += len;
            }
            let Ok(index) = postcard::to_allocvec(&index) else {
                continue;
            };
            let mut head = Vec::with_capacity(8 + index.len());
            head.extend_from_slice(&(index.len() as u64).to_le_bytes());
            head.extend_from_slice(&index);
            files.push(Out {
                name: shard.name,
                head,
                kept: shard.file.map(|(f, _)| f),
                blobs: seen.into_iter().map(|(.., b)| b).collect(),
            });
        }
        Encoded {
            spill: match self.spill.into_inner() {
                Ok(Spill::Open(f, _)) => Some(f),
                _ => None,
            },
            files,
        }
    }
}

/// The cache files to write after a run, each written out piece by piece (never
/// assembled in memory).
pub struct Encoded {
    /// The temporary file, which spilled new parses are copied from.
    spill: Option<std::fs::File>,
    files: Vec<Out>,
}

/// What writes a file's body (after the magic line and identity).
pub(super) type WriteBody<'a> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;

/// One file to write: its name, the bytes before its blobs, and its blobs.
struct Out {
    name: String,
    head: Vec<u8>,
    /// The kept file, which kept parses are copied from.
    kept: Option<std::fs::File>,
    blobs: Vec<Blob>,
}

impl Encoded {
    /// `write` called with the name of each file to write and a writer of its body.
    pub(super) fn each(&self, mut write: impl FnMut(&str, &mut WriteBody<'_>)) {
        for file in &self.files {
            write(&file.name, &mut |out| self.write_to(file, out));
        }
    }

    /// The body of `file`.
    fn write_to(&self, file: &Out, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(&file.head)?;
        for blob in &file.blobs {
            // Copied from the file that holds it; a file that changed under us stops it.
            let (from, at, len) = match blob {
                Blob::New(b) => {
                    out.write_all(b)?;
                    continue;
                }
                Blob::Kept(r) => (&file.kept, r.start as u64, r.len()),
                Blob::Spilled(at, len) => (&self.spill, *at, *len),
            };
            let bytes = from.as_ref().and_then(|f| read_at(f, at, len));
            out.write_all(&bytes.ok_or_else(|| std::io::Error::other("a cache file changed"))?)?;
        }
        Ok(())
    }
}

impl Reuse for Docs {
    fn unchanged(
        &self,
        id: FileId,
        path: &str,
        reading: u128,
        stat: &dyn Fn() -> Option<Look>,
    ) -> Option<(String, Parsed)> {
        let (shard, e) = self.entry(id, path)?;
        if e.reading != reading {
            return None;
        }
        let stamp = e.stamp.filter(|kept| stat().as_ref() == Some(kept))?;
        let mut bytes = None;
        let ((text, mut parsed), range) = shard.decode::<(String, Parsed)>(e, &mut bytes)?;
        parsed.0.key = e.key;
        let how = Seen {
            reading,
            stamp: Some(stamp),
        };
        self.see(id, path, e.key, how, Blob::Kept(range));
        Some((text, parsed))
    }

    fn get(&self, id: FileId, path: &str, key: u128, how: Seen) -> Option<Parsed> {
        let (shard, e) = self.entry(id, path).filter(|(_, e)| e.key == key)?;
        // The text is the same (the key hashes it): only the parse is decoded.
        let mut bytes = None;
        let ((_, parsed), range) = shard.decode::<(&str, Parsed)>(e, &mut bytes)?;
        self.see(id, path, key, how, Blob::Kept(range));
        Some(parsed)
    }

    fn parsed(&self, id: FileId, path: &str, key: u128, parsed: &Parsed, text: &str, how: Seen) {
        if let Ok(bytes) = postcard::to_allocvec(&(text, parsed)) {
            let blob = self.spill(&bytes).unwrap_or(Blob::New(bytes));
            self.see(id, path, key, how, blob);
        }
    }
}

#[cfg(test)]
mod tests;
