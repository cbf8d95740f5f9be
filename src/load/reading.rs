//! What the book tells the reading of every document: why it is loaded, whether a
//! path is vetted yet, and the settings shared by all documents.

use super::schema;
use crate::model::Layout;
use crate::stamps::Look;
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
        stat: &dyn Fn() -> Option<Look>,
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
    pub stamp: Option<Look>,
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
