//! Reads a handbook from disk: `book.toml`, every document under `content/` (sorted,
//! in parallel), and the list of other files links may point at. A bad file yields
//! diagnostics, never an early return. This file declares the parts and re-exports
//! what the rest of the crate calls.

mod body;
mod book;
mod document;
mod file;
pub mod foreign;
pub mod frontmatter;
mod html;
pub mod inline;
mod live;
pub mod markdown;
mod reading;
pub mod schema;
pub mod theme;
mod walk;
pub mod yaml;

use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::Handbook;
use jiff::civil::Date;
use std::path::Path;

pub use book::config;
pub use document::parse_document;
pub use file::load_file;
pub use live::{Live, Patch};
pub use reading::{Parsed, Purpose, Reading, Reuse, Seen, Vetting};
pub(crate) use walk::walk;
pub use walk::{Refusal, asset_file, canonical_root, vet};

/// Load the whole handbook at `root`.
pub fn handbook(
    root: &Path,
    today: Date,
    purpose: Purpose,
) -> Result<(Handbook, Vec<Diagnostic>), Error> {
    handbook_with(root, today, purpose, None)
}

/// [`handbook`], reusing the parses `reuse` kept from an earlier run.
pub fn handbook_with(
    root: &Path,
    today: Date,
    purpose: Purpose,
    reuse: Option<&dyn Reuse>,
) -> Result<(Handbook, Vec<Diagnostic>), Error> {
    let live = Live::load_with(root, today, purpose, reuse)?;
    let diags = live.diags();
    Ok((live.hb, diags))
}
