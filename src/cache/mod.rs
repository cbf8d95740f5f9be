//! The on-disk cache of `check` and `build`, in `<book>/.gtmbook/cache/` (like ruff's
//! `.ruff_cache`: it ignores itself for git and carries a `CACHEDIR.TAG`). It holds, per
//! command, each document's parse keyed by a hash of its text and of the book settings
//! its parse reads, split over [`SHARDS`] files by a hash of the document's path
//! (`<command>-00.bin` …), and the lint passes' per-document results
//! (`<command>-lint.bin`; both in `docs.rs`); for `build`, per output folder, what each
//! file of the site holds and each page's inputs (`crate::stamps`, `site-<hash>.bin`).
//! Every file starts with the identity of the binary that wrote it; a file from another
//! binary, or one that cannot be decoded, is ignored with one note naming it and replaced
//! (a damaged shard costs only its own documents). Files are written whole to a temporary
//! name and renamed into place (a shard or the lint cache only when what it holds
//! changed); only the files this module names are ever written, a file in their place
//! that is not gtmbook's is left alone, and nothing is deleted but the single
//! `<command>.bin` of earlier versions (before the parses were split), and that only
//! when it starts with gtmbook's magic line.

mod docs;
mod head;

pub use docs::{Docs, SHARDS};

use crate::render;
use crate::stamps::Record;
use head::{Kept, MAGIC, identity, note_files, ours};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file of the search terms `build` counted (one per book: they do not depend on
/// the output folder).
const SEARCH: &str = "search.bin";

/// What the note says of cache files that are not this binary's: one, or several.
const FOREIGN_ONE: &str = "was written by another version of gtmbook or is damaged";
const FOREIGN_MANY: &str = "were written by another version of gtmbook or are damaged";

/// Where the cache lives, once it is known to be a real folder inside the book.
pub struct Store {
    dir: PathBuf,
}

/// Is `path` something other than a real folder (a link, a file)?
fn not_a_folder(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir())
}

impl Store {
    /// The cache folder of the book at `root` (made at the first write). `None` (with a
    /// note) when something is in the way: the command then runs without a cache.
    pub fn open(root: &Path) -> Option<Store> {
        let top = root.join(".gtmbook");
        let dir = top.join("cache");
        for p in [&top, &dir] {
            if not_a_folder(p) {
                eprintln!(
                    "note: {} is not a folder (a link or a file): running without a cache",
                    p.display()
                );
                return None;
            }
        }
        Some(Store { dir })
    }

    /// Make the cache folder if missing; false when it cannot be made.
    fn make(&self) -> bool {
        let Some(top) = self.dir.parent() else {
            return false;
        };
        if not_a_folder(top) || not_a_folder(&self.dir) {
            return false;
        }
        let made = !top.exists();
        if std::fs::create_dir_all(&self.dir).is_err() {
            return false;
        }
        if made {
            // Never committed, never backed up (as ruff and Cargo mark theirs).
            let _ = std::fs::write(top.join(".gitignore"), "# Made by gtmbook.\n*\n");
            let _ = std::fs::write(
                top.join("CACHEDIR.TAG"),
                "Signature: 8a477f597d28d172789f06886806bc55\n\
                 # This folder is a cache made by gtmbook (https://bford.info/cachedir/).\n",
            );
        }
        true
    }

    /// The cache file `name`, read whole, and where its body starts, when this binary
    /// wrote it.
    fn read(&self, name: &str) -> Kept<(Vec<u8>, usize)> {
        let Ok(data) = std::fs::read(self.dir.join(name)) else {
            return Kept::Missing;
        };
        if ours(&data) {
            Kept::Ours((data, MAGIC.len() + identity().len()))
        } else {
            Kept::Foreign
        }
    }

    /// [`Store::read`], with a note when the file is another binary's or damaged.
    fn read_ours(&self, name: &str) -> Option<(Vec<u8>, usize)> {
        match self.read(name) {
            Kept::Ours(kept) => Some(kept),
            Kept::Missing => None,
            Kept::Foreign => {
                note_files(&[name.to_string()], FOREIGN_ONE, FOREIGN_MANY);
                None
            }
        }
    }

    /// The cache file `name`, open, and where its body starts, when this binary wrote
    /// it: only its first line and the identity are read.
    fn open_file(&self, name: &str) -> Kept<(std::fs::File, usize)> {
        use std::io::Read;
        let Ok(mut file) = std::fs::File::open(self.dir.join(name)) else {
            return Kept::Missing;
        };
        let start = MAGIC.len() + identity().len();
        let mut head = Vec::with_capacity(start);
        match (&mut file).take(start as u64).read_to_end(&mut head) {
            Ok(_) if ours(&head) => Kept::Ours((file, start)),
            _ => Kept::Foreign,
        }
    }

    /// Is the file at `path` gtmbook's: a plain file (not a link) whose first line is
    /// the magic line?
    fn is_gtmbook_file(path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
            && std::fs::File::open(path)
                .and_then(|mut f| {
                    let mut head = vec![0; MAGIC.len()];
                    std::io::Read::read_exact(&mut f, &mut head).map(|()| head)
                })
                .is_ok_and(|head| head == MAGIC)
    }

    /// Write the cache file `name` whole (a temporary file renamed into place). A cache
    /// file that is not gtmbook's is left alone.
    fn write(&self, name: &str, body: &[u8]) {
        self.write_with(name, &mut |out| out.write_all(body));
    }

    /// [`Store::write`], the body written by `body`.
    fn write_with(&self, name: &str, body: &mut docs::WriteBody<'_>) {
        let path = self.dir.join(name);
        if !self.make() {
            return;
        }
        if std::fs::symlink_metadata(&path).is_ok() && !Store::is_gtmbook_file(&path) {
            eprintln!(
                "note: {} is not a gtmbook cache file: left alone, and not written",
                self.rel(&path)
            );
            return;
        }
        let tmp = self.dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let written = std::fs::File::create(&tmp).and_then(|f| {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, f);
            out.write_all(MAGIC)?;
            out.write_all(identity().as_bytes())?;
            body(&mut out)?;
            out.flush()
        });
        if written.is_err() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// `path` as the user knows it: from the book's folder.
    fn rel(&self, path: &Path) -> String {
        let book = self.dir.parent().and_then(Path::parent);
        book.and_then(|b| path.strip_prefix(b).ok())
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// The documents and lint results kept by the last run of a command (`check` or
    /// `build`), ready to be asked by loading. Every file that is not this binary's is
    /// named in one note.
    pub fn docs(&self, command: &str) -> Docs {
        let lint_name = docs::lint_name(command);
        let lint = self.read(&lint_name);
        let shards: Vec<_> = (0..SHARDS)
            .map(|k| {
                let name = docs::shard_name(command, k);
                let file = self.open_file(&name);
                (name, file)
            })
            .collect();
        let foreign: Vec<String> = std::iter::once((&lint_name, lint.is_foreign()))
            .chain(shards.iter().map(|(n, f)| (n, f.is_foreign())))
            .filter(|(_, foreign)| *foreign)
            .map(|(n, _)| n.clone())
            .collect();
        note_files(&foreign, FOREIGN_ONE, FOREIGN_MANY);
        Docs::decode(self.dir.clone(), command, (lint_name, lint), shards)
    }

    /// Keep what a run loaded and linted: each file of the parses, and the lint cache,
    /// whose bytes changed.
    pub fn save_docs(&self, docs: Docs, lint: &crate::lint::Cache) {
        let command = docs.command().to_string();
        let encoded = docs.encode(lint);
        encoded.each(|name, body| self.write_with(name, body));
        // The one file of earlier versions: every parse of the command, 100 MB at
        // 10,000 pages, never read again.
        let old = self.dir.join(format!("{command}.bin"));
        if Store::is_gtmbook_file(&old) {
            let _ = std::fs::remove_file(&old);
        }
    }

    /// The name of the record of the site at `output` (resolved).
    fn site_name(output: &Path) -> String {
        let h = xxhash_rust::xxh3::xxh3_64(output.as_os_str().as_encoded_bytes());
        format!("site-{h:016x}.bin")
    }

    /// What the last build recorded about the site at `output`.
    pub fn site(&self, output: &Path) -> Option<Record> {
        let name = Store::site_name(output);
        let (data, start) = self.read_ours(&name)?;
        match postcard::from_bytes::<Record>(data.get(start..)?) {
            Ok(r) => Some(r),
            Err(e) => {
                eprintln!("note: {name} in the cache could not be read ({e}): ignored");
                None
            }
        }
    }

    /// Keep the record of the site just built.
    pub fn save_site(&self, record: &Record) {
        if let Ok(body) = postcard::to_allocvec(record) {
            self.write(&Store::site_name(&record.output), &body);
        }
    }

    /// The search terms the last build counted (`render::search::Kept`), when it kept
    /// any; a file that cannot be decoded is ignored with a note.
    pub fn search(&self) -> render::search::Kept {
        let Some((data, start)) = self.read_ours(SEARCH) else {
            return render::search::Kept::default();
        };
        match data.get(start..).and_then(render::search::Kept::from_bytes) {
            Some(kept) => kept,
            None => {
                note_files(&[SEARCH.to_string()], "is damaged", "");
                render::search::Kept::default()
            }
        }
    }

    /// Keep the search terms a build counted.
    pub fn save_search(&self, kept: &render::search::Kept) {
        self.write_with(SEARCH, &mut |out| kept.write_to(out));
    }
}
