//! Model values as the theme shows them: escaped text, optional strings and dates, the
//! kind name of a page, a message's or claim's plain id as a second anchor, a body's
//! HTML with its headings below the page title and its task-list boxes labelled, and
//! the book's own page that stands for a generated one.

use crate::model::{DocType, Document, Handbook, Sp};
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

/// A body's HTML as the page shows it: the template writes the page's one `<h1>`, so a
/// level-1 heading of the body becomes a level-2 one; a task list's boxes get a label
/// ("Done" or "To do"), which screen readers announce before the item.
pub(super) fn body_for_readers(html: &str) -> String {
    let html = if html.contains("<h1") {
        html.replace("<h1", "<h2").replace("</h1>", "</h2>")
    } else {
        html.to_string()
    };
    const BOX: &str = "<input disabled=\"\" type=\"checkbox\"";
    if !html.contains(BOX) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html.as_str();
    while let Some(at) = rest.find(BOX) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let tag_end = from.find('>').map_or(from.len(), |e| e + 1);
        let (tag, after) = from.split_at(tag_end);
        let label = if tag.contains("checked") {
            "Done"
        } else {
            "To do"
        };
        out.push_str(BOX);
        out.push_str(&format!(" aria-label=\"{label}\""));
        out.push_str(tag.get(BOX.len()..).unwrap_or(""));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The book's own page that takes the place of a generated page: its one published
/// `type: claims` document for `gtmbook/claims/`, its one glossary for
/// `gtmbook/glossary/` (so readers meet one "Claims register", one "Glossary"). The
/// generated address then redirects there.
pub(super) fn own_page(hb: &Handbook, generated: &str) -> Option<usize> {
    let kind = match generated {
        "gtmbook/claims/" => DocType::Claims,
        "gtmbook/glossary/" => DocType::Glossary,
        _ => return None,
    };
    let mut found = (0..hb.docs.len())
        .filter(|i| hb.docs.get(*i).is_some_and(|d| d.kind == kind) && hb.is_published(*i));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}
