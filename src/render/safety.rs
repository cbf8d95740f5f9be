//! What keeps untrusted values from becoming live HTML (SPEC 8): front-matter prose as
//! inline Markdown with HTML escaped, the URL schemes a link may use, and the allow-list
//! that `[build] sanitize = true` runs body HTML through.

use crate::url::url_is_safe;
use std::collections::HashSet;
use std::sync::OnceLock;

pub use crate::load::inline::{Expand, inline_html, prose_events, prose_html};

/// A URL from front-matter or `book.toml`, if it may be linked.
pub fn safe_link(url: Option<String>) -> Option<String> {
    url.filter(|u| url_is_safe(u))
}

/// The allow-list of `[build] sanitize = true` (README "Raw HTML and sanitizing"):
/// ammonia's defaults (no scripts, styles, frames, forms, `on*` attributes or
/// `javascript:` URLs) plus what gtmbook's own Markdown output needs.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes([
            "id",
            "class",
            "aria-label",
            "aria-hidden",
            "data-msg",
            "data-claim",
            "data-persona",
        ])
        // Task-list checkboxes.
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        // Table column alignment.
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(HashSet::from(["text-align"]))
        // Links stay as written (ammonia would add `rel` to every one).
        .link_rel(None);
        b
    })
}

/// Run body HTML through the allow-list.
pub fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

/// Sanitize HTML with holes: `parts` alternate between HTML and holes; the holes are
/// written as markers that survive sanitizing and filled afterwards by `fill(n, out)`.
pub fn sanitize_with_holes(
    html_parts: &[&str],
    holes: &[usize],
    fill: &mut dyn FnMut(usize, &mut String),
) -> String {
    // A marker prefix that no part contains.
    let mut prefix = String::from("\u{E000}gtmbook-hole\u{E000}");
    while html_parts.iter().any(|p| p.contains(&prefix)) {
        prefix.push('\u{E000}');
    }
    let mut joined = String::new();
    for (i, p) in html_parts.iter().enumerate() {
        joined.push_str(p);
        if let Some(n) = holes.get(i) {
            joined.push_str(&prefix);
            joined.push_str(&n.to_string());
            joined.push('\u{E001}');
        }
    }
    let clean = sanitize(&joined);
    let mut out = String::with_capacity(clean.len());
    let mut rest = clean.as_str();
    while let Some(at) = rest.find(&prefix) {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + prefix.len()..).unwrap_or("");
        let end = after.find('\u{E001}').unwrap_or(0);
        match after.get(..end).and_then(|n| n.parse::<usize>().ok()) {
            Some(n) => {
                fill(n, &mut out);
                rest = after.get(end + '\u{E001}'.len_utf8()..).unwrap_or("");
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose() {
        assert_eq!(
            inline_html("*hi* <b>x</b>"),
            "<em>hi</em> &lt;b&gt;x&lt;/b&gt;"
        );
        assert_eq!(inline_html("[a](javascript:alert(1))"), "a");
        assert_eq!(
            inline_html("[a](https://x.test/)"),
            "<a href=\"https://x.test/\">a</a>"
        );
        assert!(!inline_html("<script>alert(1)</script>").contains("<script"));
    }

    #[test]
    fn holes_survive() {
        let out = sanitize_with_holes(&["<p>a <script>x</script>", " b</p>"], &[7], &mut |n, o| {
            o.push_str(&format!("<span data-msg=\"{n}\">m</span>"))
        });
        assert_eq!(out, "<p>a <span data-msg=\"7\">m</span> b</p>");
    }
}
