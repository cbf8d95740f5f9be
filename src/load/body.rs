//! What the Markdown and raw-HTML passes share: the input of a body and the hole
//! markers they write into rendered HTML for references and links.

use crate::source::FileId;

/// Marks a reference hole in rendered HTML: `\u{1}N\u{2}`.
pub(super) const HOLE_START: char = '\u{1}';
pub(super) const HOLE_END: char = '\u{2}';

/// A link hole as pulldown-cmark writes it in an attribute: `"\u{1}L3\u{2}"` comes
/// out percent-encoded as `"%01L3%02"`.
pub(super) const LINK_HOLE: &str = "\"%01L";

pub struct Input<'a> {
    pub file: FileId,
    /// The body text (after the front-matter).
    pub text: &'a str,
    /// Offset of `text` in the file.
    pub offset: usize,
    /// Folder of the document from the content root (`sales`). Links are not resolved
    /// here: they are recorded as written and `model::resolve` places them once every
    /// document's URL is known.
    pub folder: &'a str,
    pub base_url: &'a str,
    /// Use the first level-1 heading as the title and leave it out of the body.
    pub take_title: bool,
    /// Render HTML (not needed to check).
    pub html: bool,
}
