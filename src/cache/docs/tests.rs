//! The parse cache against a book on disk: damage, shards, stamps.
use super::*;
use crate::cache::Store;
use std::path::Path;
use std::sync::atomic::AtomicUsize;

/// [`Docs`], counting the documents it gave back and those parsed again.
struct Counting<'a> {
    docs: &'a Docs,
    kept: AtomicUsize,
    parsed: AtomicUsize,
    /// Of the kept: those whose file was not read at all.
    unread: AtomicUsize,
}

impl Reuse for Counting<'_> {
    fn unchanged(
        &self,
        id: FileId,
        path: &str,
        reading: u128,
        stat: &dyn Fn() -> Option<Look>,
    ) -> Option<(String, Parsed)> {
        let got = self.docs.unchanged(id, path, reading, stat);
        if got.is_some() {
            self.kept.fetch_add(1, Ordering::Relaxed);
            self.unread.fetch_add(1, Ordering::Relaxed);
        }
        got
    }

    fn get(&self, id: FileId, path: &str, key: u128, how: Seen) -> Option<Parsed> {
        let got = self.docs.get(id, path, key, how);
        if got.is_some() {
            self.kept.fetch_add(1, Ordering::Relaxed);
        }
        got
    }

    fn parsed(&self, id: FileId, path: &str, key: u128, p: &Parsed, text: &str, how: Seen) {
        self.parsed.fetch_add(1, Ordering::Relaxed);
        self.docs.parsed(id, path, key, p, text, how);
    }
}

/// The basic fixture with 60 more pages, so that shards hold several documents.
fn book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    for e in walkdir::WalkDir::new(&fixture) {
        let e = e.unwrap();
        let to = dir.path().join(e.path().strip_prefix(&fixture).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    std::fs::create_dir_all(dir.path().join("content/notes")).unwrap();
    for n in 0..60 {
        std::fs::write(
            dir.path().join(format!("content/notes/note-{n:02}.md")),
            format!("---\ntitle: Note {n}\n---\n\nWhat we heard in call {n}.\n"),
        )
        .unwrap();
    }
    dir
}

/// `check`'s loading of the book at `root` with its cache, which is then saved: how
/// many documents were reused and how many parsed.
fn run(root: &Path) -> (usize, usize) {
    let (kept, parsed, _, _) = run_with(root);
    (kept, parsed)
}

/// [`run`], also giving how many of the reused files were not read, and the model.
fn run_with(root: &Path) -> (usize, usize, usize, crate::model::Handbook) {
    let store = Store::open(root).unwrap();
    let mut docs = store.docs("check");
    let lint = docs.lint();
    let counting = Counting {
        docs: &docs,
        kept: AtomicUsize::new(0),
        parsed: AtomicUsize::new(0),
        unread: AtomicUsize::new(0),
    };
    let today = jiff::civil::date(2026, 11, 24);
    let (hb, _) =
        crate::load::handbook_with(root, today, crate::load::Purpose::Check, Some(&counting))
            .unwrap();
    let kept = counting.kept.into_inner();
    let parsed = counting.parsed.into_inner();
    let unread = counting.unread.into_inner();
    store.save_docs(docs, &lint);
    (kept, parsed, unread, hb)
}

#[test]
fn a_settled_file_is_not_read_again_and_any_write_to_it_is_seen() {
    let dir = book();
    let (_, total) = run(dir.path());
    // Files written less than two seconds before they were read get no stamp: they
    // are read again (and found unchanged by their text's hash).
    let (kept, parsed, unread, _) = run_with(dir.path());
    assert_eq!((kept, parsed, unread), (total, 0, 0));
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let (kept, parsed, unread, _) = run_with(dir.path());
    assert_eq!((kept, parsed, unread), (total, 0, 0));
    // Now every file carries the stamp it had when read: none is read.
    let (kept, parsed, unread, _) = run_with(dir.path());
    assert_eq!((kept, parsed, unread), (total, 0, total));
    // The same size, and the modification time put back: the change time tells.
    let note = dir.path().join("content/notes/note-05.md");
    let before = std::fs::metadata(&note).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&note).unwrap();
    let edited = text.replace("call 5", "demo 5");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&note, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&note)
        .unwrap()
        .set_modified(before)
        .unwrap();
    assert_eq!(
        std::fs::metadata(&note).unwrap().modified().unwrap(),
        before
    );
    let (kept, parsed, unread, hb) = run_with(dir.path());
    assert_eq!((kept, parsed, unread), (total - 1, 1, total - 1));
    let id = hb
        .sources
        .iter()
        .find(|(_, f)| f.path == "content/notes/note-05.md")
        .unwrap()
        .0;
    assert!(hb.sources.text(id).contains("What we heard in demo 5."));
    // A file that is not read comes with the text it had.
    let id = hb
        .sources
        .iter()
        .find(|(_, f)| f.path == "content/notes/note-07.md")
        .unwrap()
        .0;
    assert!(hb.sources.text(id).contains("What we heard in call 7."));
}

/// The number of documents in the index of the shard file at `path`.
fn entries(path: &Path) -> usize {
    let file = std::fs::File::open(path).unwrap();
    let len = file.metadata().unwrap().len();
    let start = crate::cache::head::MAGIC.len() + crate::cache::head::identity().len();
    index(&file, len, start).unwrap().0.len()
}

#[test]
fn a_damaged_cache_shard_costs_only_its_own_documents() {
    let dir = book();
    let (kept, total) = run(dir.path());
    assert_eq!(kept, 0);
    assert!(total > 60, "{total}");
    assert_eq!(run(dir.path()), (total, 0));
    // The shard with the most documents, its index cut short.
    let cache = dir.path().join(".gtmbook/cache");
    let (n, path) = (0..SHARDS)
        .map(|k| cache.join(shard_name("check", k)))
        .filter(|p| p.exists())
        .map(|p| (entries(&p), p))
        .max()
        .unwrap();
    assert!(n >= 2, "{n}");
    let mut data = std::fs::read(&path).unwrap();
    data.truncate(crate::cache::head::MAGIC.len() + crate::cache::head::identity().len() + 8 + 3);
    std::fs::write(&path, &data).unwrap();
    assert_eq!(run(dir.path()), (total - n, n));
    assert_eq!(run(dir.path()), (total, 0));
    // One parse that cannot be decoded: that document alone is parsed again.
    let mut data = std::fs::read(&path).unwrap();
    let last = data.len() - 1;
    data.truncate(last);
    std::fs::write(&path, &data).unwrap();
    assert_eq!(run(dir.path()), (total - 1, 1));
    assert_eq!(run(dir.path()), (total, 0));
}

#[test]
fn the_cache_shard_of_a_path_is_stable_and_the_shards_are_even() {
    // Pinned: a shard follows from the path alone, on every run and machine.
    assert_eq!(shard_of("content/_index.md"), 11);
    assert_eq!(shard_of("content/area-00/_index.md"), 33);
    let mut counts = [0usize; SHARDS];
    for n in 0..10_000 {
        let path = format!(
            "content/area-{:02}/topic-{:03}/page-{n:05}.md",
            n / 800,
            n / 80
        );
        counts[shard_of(&path)] += 1;
    }
    let mean = 10_000 / SHARDS;
    assert!(
        counts.iter().all(|c| c.abs_diff(mean) < mean / 3),
        "{counts:?}"
    );
}
