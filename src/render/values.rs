//! Model values as the theme shows them: escaped text, optional strings and dates, the
//! kind name of a page, a message's or claim's plain id as a second anchor.

use crate::model::{DocType, Document, Sp};
use crate::url::escape_attr;

pub(super) fn escape(s: &str) -> String {
    escape_attr(s)
}

/// A message's or claim's plain id as a second anchor, unless a heading of the page has it.
pub(super) fn alias(d: &Document, id: &str) -> Option<String> {
    (!d.body.headings.iter().any(|h| h.id == id)).then(|| id.to_string())
}

pub(super) fn kind_name(d: &Document) -> &'static str {
    if d.kind == DocType::Page && d.is_section {
        "section"
    } else {
        d.kind.as_str()
    }
}

pub(super) fn date(d: &Option<Sp<jiff::civil::Date>>) -> Option<String> {
    d.as_ref().map(|d| d.value.to_string())
}

pub(super) fn opt(s: &Option<Sp<String>>) -> Option<String> {
    s.as_ref().map(|s| s.value.clone())
}
