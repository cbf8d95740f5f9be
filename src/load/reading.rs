//! What the book tells the reading of every document: why it is loaded, whether a
//! path is vetted yet, and the settings shared by all documents.

use super::schema;
use crate::model::Layout;
use std::path::Path;

/// What loading prepares besides the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Checking only: no HTML is rendered.
    Check,
    /// Building a site: every body is also rendered to HTML.
    Build,
}

/// Whether a document's path still needs [`vet`] before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vetting {
    /// Found by [`walk`], which vetted every link and special file on the way to it.
    Walked,
    /// Named from outside the walk (a file saved while serving): vet it first.
    Needed,
}

/// What the book tells the reading of every document: the same for all of them.
pub struct Reading<'a> {
    /// The book's root, resolved (`canonical_root`): paths are vetted against it.
    pub book: &'a Path,
    pub base_url: &'a str,
    /// Language folders and folder pages: how paths become addresses.
    pub layout: &'a Layout,
    pub purpose: Purpose,
    /// `[lint] extra_keys` and `reviewed_from`.
    pub options: &'a schema::Options,
}

/// Parses kept from an earlier run (the on-disk cache of `check` and `build`), asked for
/// each document by its file id, path and key (a hash of its text and of everything in
/// [`Reading`] that its parse reads). Loading works the same without one.
pub trait Reuse: Sync {
    /// The text, document and findings an earlier run read from the file at `path`
    /// when the file still carries the same stamp (`stat`, asked only when an earlier
    /// run kept one) and was read with the same `reading` ([`Reading::key`]): the file
    /// is not read again.
    fn unchanged(
        &self,
        id: crate::source::FileId,
        path: &str,
        reading: u128,
        stat: &dyn Fn() -> Option<SourceStamp>,
    ) -> Option<(String, Parsed)>;
    /// The document and findings an earlier run parsed from the same key, if kept; the
    /// file now carries `seen.stamp`.
    fn get(&self, id: crate::source::FileId, path: &str, key: u128, seen: Seen) -> Option<Parsed>;
    /// A document parsed in this run from `text` (as its source holds it), to be kept.
    fn parsed(
        &self,
        id: crate::source::FileId,
        path: &str,
        key: u128,
        parsed: &Parsed,
        text: &str,
        seen: Seen,
    );
}

/// How a document was read, for [`Reuse`]: the [`Reading::key`] and the file's stamp
/// (none when it cannot be trusted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub reading: u128,
    pub stamp: Option<SourceStamp>,
}

/// How a source file looked on disk when it was read: size, modification and change
/// times, inode. A file that still looks the same is not read again (as Git and Make
/// trust a file's times). Anything that writes a file changes its change time, even a
/// tool that puts the modification time back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceStamp {
    len: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    ino: u64,
}

/// A file changed within this long before it was read may change again within the same
/// tick of the file system's clock, unseen: its stamp is not kept (Git's "racily clean"
/// entries, the same rule).
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

impl SourceStamp {
    /// The stamp of a file with metadata `m`.
    pub fn of(m: &std::fs::Metadata) -> SourceStamp {
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
        SourceStamp {
            len: m.len(),
            mtime_ns: ns(m.modified()),
            ctime_ns,
            ino,
        }
    }

    /// The stamp of a file with metadata `m` read at `now`, when it had not changed for
    /// [`SETTLED`] before.
    pub fn settled(m: &std::fs::Metadata, now: std::time::SystemTime) -> Option<SourceStamp> {
        let stamp = SourceStamp::of(m);
        let before = now
            .checked_sub(SETTLED)?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let before = i128::try_from(before.as_nanos()).ok()?;
        (stamp.mtime_ns < before && stamp.ctime_ns < before).then_some(stamp)
    }
}

/// What parsing one document's text gives: the document and what parsing found.
pub type Parsed = (crate::model::Document, Vec<crate::diagnostics::Diagnostic>);

impl Reading<'_> {
    /// A hash of everything besides its text that a document's parse reads.
    pub fn key(&self) -> u128 {
        let described = format!(
            "{:?}\n{}\n{:?}\n{:?}",
            self.purpose, self.base_url, self.layout, self.options
        );
        xxhash_rust::xxh3::xxh3_128(described.as_bytes())
    }
}
