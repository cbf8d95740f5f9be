//! The documents of a book as the last run parsed them, and the lint cache of that run.
//!
//! The file is an index (path, file id, key, where the document's bytes are), the lint
//! cache, then each document's parse (postcard), read from the file (a positioned read,
//! never the whole file in memory) and decoded only when loading asks for it, in
//! loading's parallel map. New parses wait in an unnamed temporary file until the cache
//! is written, and are copied from it. A document is reused only when its path, file id
//! and key (a hash of its text and of the settings its parse reads, `load::Reading::key`)
//! are all the same: spans hold file ids, so a document whose place in the sorted file
//! list moved (a file added or deleted before it) is parsed again.

use crate::lint;
use crate::load::{Parsed, Reuse};
use crate::source::FileId;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// One document in the index.
#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    path: String,
    id: u32,
    key: u128,
    /// Where its parse is in the blob area.
    at: (u64, u64),
}

/// The documents kept by the last run, and those of this run as loading sees them.
pub struct Docs {
    name: String,
    /// The kept file, and its length.
    file: Option<(std::fs::File, u64)>,
    /// The file up to its blob area (magic line, identity, index, lint cache).
    data: Vec<u8>,
    /// Where the blob area starts in the file.
    blobs: usize,
    index: HashMap<String, Entry>,
    lint: Option<Range<usize>>,
    /// This run's documents: (id, path, key, a kept parse's range or a new parse).
    seen: Mutex<Vec<(u32, String, u128, Blob)>>,
    /// Where new parses wait until the cache is written, so that a first run does not
    /// hold them all in memory (10,000 pages: about 100 MB): an unnamed temporary file
    /// in `dir` (the system's temporary folder before the cache folder exists), gone
    /// when the run ends however it ends.
    spill: Mutex<Spill>,
    dir: std::path::PathBuf,
    /// The kept file could not be decoded (noted once).
    damaged: AtomicBool,
}

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

/// The head of a kept file of `len` bytes whose body starts at `start`: every byte
/// before its blobs. Lengths are checked against the file before anything is allocated.
fn head(file: &std::fs::File, len: u64, start: usize) -> Option<Vec<u8>> {
    let upto = |end: usize| (u64::try_from(end).ok()? <= len).then_some(end);
    let mut data = read_at(file, 0, upto(start.checked_add(8)?)?)?;
    let index_end = upto((start + 8).checked_add(length(&data, start)?)?)?;
    let more = upto(index_end.checked_add(8)?)? - data.len();
    data.extend(read_at(file, data.len() as u64, more)?);
    let lint_end = upto((index_end + 8).checked_add(length(&data, index_end)?)?)?;
    let more = lint_end - data.len();
    data.extend(read_at(file, data.len() as u64, more)?);
    Some(data)
}

/// Read a little-endian length at `at`.
fn length(data: &[u8], at: usize) -> Option<usize> {
    let bytes: [u8; 8] = data.get(at..at.checked_add(8)?)?.try_into().ok()?;
    usize::try_from(u64::from_le_bytes(bytes)).ok()
}

/// `(index, lint range, blob start)` of a cache body starting at `start`.
fn layout(data: &[u8], start: usize) -> Option<(Vec<Entry>, Range<usize>, usize)> {
    let n = length(data, start)?;
    let index_at = start + 8;
    let index_end = index_at.checked_add(n)?;
    let index: Vec<Entry> = postcard::from_bytes(data.get(index_at..index_end)?).ok()?;
    let lint_len = length(data, index_end)?;
    let lint_at = index_end + 8;
    let lint_end = lint_at.checked_add(lint_len)?;
    data.get(lint_at..lint_end)?;
    Some((index, lint_at..lint_end, lint_end))
}

impl Docs {
    /// The kept documents of the cache file `name` in `dir` (`file`: the file and where
    /// its body starts, when this binary wrote it).
    pub(super) fn decode(
        dir: std::path::PathBuf,
        name: String,
        file: Option<(std::fs::File, usize)>,
    ) -> Docs {
        let mut docs = Docs {
            dir,
            spill: Mutex::new(Spill::None),
            name,
            file: None,
            data: Vec::new(),
            blobs: 0,
            index: HashMap::new(),
            lint: None,
            seen: Mutex::new(Vec::new()),
            damaged: AtomicBool::new(false),
        };
        let Some((file, start)) = file else {
            return docs;
        };
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let data = head(&file, len, start);
        match data.as_ref().and_then(|d| layout(d, start)) {
            Some((index, lint, blobs)) => {
                docs.index = index.into_iter().map(|e| (e.path.clone(), e)).collect();
                docs.lint = Some(lint);
                docs.blobs = blobs;
                docs.data = data.unwrap_or_default();
                docs.file = Some((file, len));
            }
            None => docs.note_damaged(),
        }
        docs
    }

    fn note_damaged(&self) {
        if !self.damaged.swap(true, Ordering::Relaxed) {
            eprintln!(
                "note: .gtmbook/cache/{} is damaged: ignored, and rebuilt from scratch",
                self.name
            );
        }
    }

    /// The lint cache kept by the last run (empty when none, or when it cannot be read).
    pub fn lint(&mut self) -> lint::Cache {
        let kept = self.lint.clone().and_then(|r| self.data.get(r));
        match kept.map(postcard::from_bytes::<lint::Cache>) {
            Some(Ok(c)) => c,
            Some(Err(_)) => {
                self.note_damaged();
                lint::Cache::default()
            }
            None => lint::Cache::default(),
        }
    }

    /// Where a kept parse is in the file, when the file holds it whole.
    fn blob(&self, at: (u64, u64)) -> Option<Range<usize>> {
        let start = self.blobs.checked_add(usize::try_from(at.0).ok()?)?;
        let end = start.checked_add(usize::try_from(at.1).ok()?)?;
        let len = self.file.as_ref()?.1;
        (u64::try_from(end).ok()? <= len).then_some(start..end)
    }

    /// The bytes of a kept parse.
    fn read(&self, r: &Range<usize>) -> Option<Vec<u8>> {
        read_at(&self.file.as_ref()?.0, r.start as u64, r.len())
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

    fn see(&self, id: FileId, path: &str, key: u128, blob: Blob) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.push((id.0, path.to_string(), key, blob));
        }
    }

    /// The name of the cache file and a writer of its body after this run, when it
    /// differs from the kept one: every document loading saw, and `lint`.
    pub(super) fn encode(self, lint: &lint::Cache) -> Option<(String, Encoded)> {
        let mut seen = self.seen.into_inner().ok()?;
        seen.sort_by_key(|(id, ..)| *id);
        let lint_bytes = postcard::to_allocvec(lint).ok()?;
        let kept_lint = self.lint.clone().and_then(|r| self.data.get(r));
        let unchanged = !self.damaged.load(Ordering::Relaxed)
            && seen.len() == self.index.len()
            && seen.iter().all(|(.., b)| matches!(b, Blob::Kept(_)))
            && kept_lint == Some(lint_bytes.as_slice());
        if unchanged {
            return None;
        }
        let mut index = Vec::with_capacity(seen.len());
        let mut offset = 0u64;
        for (id, path, key, blob) in &seen {
            let len = blob.len() as u64;
            index.push(Entry {
                path: path.clone(),
                id: *id,
                key: *key,
                at: (offset, len),
            });
            offset += len;
        }
        let index = postcard::to_allocvec(&index).ok()?;
        let mut head = Vec::with_capacity(16 + index.len() + lint_bytes.len());
        head.extend_from_slice(&(index.len() as u64).to_le_bytes());
        head.extend_from_slice(&index);
        head.extend_from_slice(&(lint_bytes.len() as u64).to_le_bytes());
        head.extend_from_slice(&lint_bytes);
        let encoded = Encoded {
            head,
            file: self.file.map(|(f, _)| f),
            spill: match self.spill.into_inner() {
                Ok(Spill::Open(f, _)) => Some(f),
                _ => None,
            },
            blobs: seen.into_iter().map(|(.., b)| b).collect(),
        };
        Some((self.name, encoded))
    }
}

/// A cache file's body, written out piece by piece (never assembled in memory).
pub struct Encoded {
    head: Vec<u8>,
    /// The kept file, which kept parses are copied from.
    file: Option<std::fs::File>,
    /// The temporary file, which spilled new parses are copied from.
    spill: Option<std::fs::File>,
    blobs: Vec<Blob>,
}

impl Encoded {
    pub(super) fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(&self.head)?;
        for blob in &self.blobs {
            // Copied from the file that holds it; a file that changed under us stops it.
            let (from, at, len) = match blob {
                Blob::New(b) => {
                    out.write_all(b)?;
                    continue;
                }
                Blob::Kept(r) => (&self.file, r.start as u64, r.len()),
                Blob::Spilled(at, len) => (&self.spill, *at, *len),
            };
            let bytes = from.as_ref().and_then(|f| read_at(f, at, len));
            out.write_all(&bytes.ok_or_else(|| std::io::Error::other("a cache file changed"))?)?;
        }
        Ok(())
    }
}

impl Reuse for Docs {
    fn get(&self, id: FileId, path: &str, key: u128) -> Option<Parsed> {
        let e = self.index.get(path)?;
        if e.id != id.0 || e.key != key {
            return None;
        }
        let Some(range) = self.blob(e.at) else {
            self.note_damaged();
            return None;
        };
        let bytes = self.read(&range);
        let decoded = bytes.as_deref().map(postcard::from_bytes::<Parsed>);
        let Some(Ok(parsed)) = decoded else {
            self.note_damaged();
            return None;
        };
        self.see(id, path, key, Blob::Kept(range));
        Some(parsed)
    }

    fn parsed(&self, id: FileId, path: &str, key: u128, parsed: &Parsed) {
        if let Ok(bytes) = postcard::to_allocvec(parsed) {
            let blob = self.spill(&bytes).unwrap_or(Blob::New(bytes));
            self.see(id, path, key, blob);
        }
    }
}
