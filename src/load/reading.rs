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
