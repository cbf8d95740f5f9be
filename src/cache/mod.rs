//! The on-disk cache of `check` and `build`, in `<book>/.gtmbook/cache/` (like ruff's
//! `.ruff_cache`: it ignores itself for git and carries a `CACHEDIR.TAG`). It holds, per
//! command, each document's parse keyed by a hash of its text and of the book settings
//! its parse reads, and the lint passes' per-document results (`docs.rs`); for `build`,
//! per output folder, what each file of the site holds and each page's inputs
//! (`crate::stamps`). Every file starts with the identity of the binary that wrote it; a
//! file from another binary, or one that cannot be decoded, is ignored with a note and
//! replaced. Files are written whole to a temporary name and renamed into place; only
//! the files this module names are ever written, and nothing is deleted.

mod docs;

pub use docs::Docs;

use crate::render;
use crate::stamps::Record;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file of the search terms `build` counted (one per book: they do not depend on
/// the output folder).
const SEARCH: &str = "search.bin";

/// The first line of every cache file.
const MAGIC: &[u8] = b"gtmbook cache 1\n";

/// Where the cache lives, once it is known to be a real folder inside the book.
pub struct Store {
    dir: PathBuf,
}

/// The binary that writes and reads the cache: the cached forms are its own types, so a
/// cache from any other build of gtmbook is not read.
fn identity() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {mtime}", m.len())
        })
        .unwrap_or_default();
    format!("{} {exe}\n", env!("CARGO_PKG_VERSION"))
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

    /// The cache file `name` and where its body starts, when this binary wrote it.
    fn read(&self, name: &str) -> Option<(Vec<u8>, usize)> {
        let path = self.dir.join(name);
        let data = std::fs::read(&path).ok()?;
        let start = MAGIC.len() + identity().len();
        self.check_head(&path, &data).then_some((data, start))
    }

    /// Does `data` start with the magic line and this binary's identity? Noted if not.
    fn check_head(&self, path: &Path, data: &[u8]) -> bool {
        let ok = data
            .strip_prefix(MAGIC)
            .is_some_and(|rest| rest.starts_with(identity().as_bytes()));
        if !ok {
            eprintln!(
                "note: {} was written by another version of gtmbook or is damaged: \
                 ignored, and rebuilt from scratch",
                self.rel(path)
            );
        }
        ok
    }

    /// Write the cache file `name` whole (a temporary file renamed into place). A cache
    /// file that is not gtmbook's is left alone.
    fn write(&self, name: &str, body: &[u8]) {
        self.write_with(name, &mut |out| out.write_all(body));
    }

    /// [`Store::write`], the body written by `body`.
    fn write_with(
        &self,
        name: &str,
        body: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) {
        let path = self.dir.join(name);
        if !self.make() {
            return;
        }
        if let Ok(m) = std::fs::symlink_metadata(&path) {
            let ours = m.is_file()
                && std::fs::File::open(&path)
                    .and_then(|mut f| {
                        let mut head = vec![0; MAGIC.len()];
                        std::io::Read::read_exact(&mut f, &mut head).map(|()| head)
                    })
                    .is_ok_and(|head| head == MAGIC);
            if !ours {
                eprintln!(
                    "note: {} is not a gtmbook cache file: left alone, nothing cached",
                    self.rel(&path)
                );
                return;
            }
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
    /// `build`), ready to be asked by loading.
    pub fn docs(&self, command: &str) -> Docs {
        let name = format!("{command}.bin");
        Docs::decode(self.dir.clone(), name.clone(), self.open_file(&name))
    }

    /// The cache file `name`, open, and where its body starts, when this binary wrote
    /// it: only its first line and the identity are read.
    fn open_file(&self, name: &str) -> Option<(std::fs::File, usize)> {
        use std::io::Read;
        let path = self.dir.join(name);
        let mut file = std::fs::File::open(&path).ok()?;
        let start = MAGIC.len() + identity().len();
        let mut head = Vec::with_capacity(start);
        (&mut file).take(start as u64).read_to_end(&mut head).ok()?;
        self.check_head(&path, &head).then_some((file, start))
    }

    /// Keep what a run loaded and linted, when anything changed.
    pub fn save_docs(&self, docs: Docs, lint: &crate::lint::Cache) {
        if let Some((name, encoded)) = docs.encode(lint) {
            self.write_with(&name, &mut |out| encoded.write_to(out));
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
        let (data, start) = self.read(&name)?;
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
        let Some((data, start)) = self.read(SEARCH) else {
            return render::search::Kept::default();
        };
        match data.get(start..).and_then(render::search::Kept::from_bytes) {
            Some(kept) => kept,
            None => {
                eprintln!(
                    "note: .gtmbook/cache/{SEARCH} is damaged: ignored, and rebuilt from scratch"
                );
                render::search::Kept::default()
            }
        }
    }

    /// Keep the search terms a build counted.
    pub fn save_search(&self, kept: &render::search::Kept) {
        self.write_with(SEARCH, &mut |out| kept.write_to(out));
    }
}
