//! The head of every cache file (the magic line, then the identity of the binary that
//! wrote it), what a cache file is found to be, and the note that names those ignored.

/// The first line of every cache file.
pub(super) const MAGIC: &[u8] = b"gtmbook cache 1\n";

/// The binary that writes and reads the cache: the cached forms are its own types, so a
/// cache from any other build of gtmbook is not read.
pub(super) fn identity() -> &'static str {
    static IDENTITY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    IDENTITY.get_or_init(|| {
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
    })
}

/// A cache file as found.
pub(super) enum Kept<T> {
    /// There is none.
    Missing,
    /// Another binary's, or too short to say.
    Foreign,
    /// This binary's.
    Ours(T),
}

impl<T> Kept<T> {
    pub(super) fn is_foreign(&self) -> bool {
        matches!(self, Kept::Foreign)
    }
}

/// Does `data` start with the magic line and this binary's identity?
pub(super) fn ours(data: &[u8]) -> bool {
    data.strip_prefix(MAGIC)
        .is_some_and(|rest| rest.starts_with(identity().as_bytes()))
}

/// One note naming the cache files `names` (in `.gtmbook/cache/`) that are ignored and
/// rebuilt: `one` says what is wrong with one of them, `many` with several.
pub(super) fn note_files(names: &[String], one: &str, many: &str) {
    match names {
        [] => {}
        [name] => eprintln!("note: .gtmbook/cache/{name} {one}: ignored, and rebuilt from scratch"),
        [first, rest @ ..] => eprintln!(
            "note: .gtmbook/cache/{first} and {} other cache files {many}: ignored, and \
             rebuilt from scratch",
            rest.len()
        ),
    }
}
