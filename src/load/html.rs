//! Raw HTML inside a body: its attributes, the anchors its `id`s and `<a name>`s
//! define, and its `href`s and `src`s recorded as links with holes (as Markdown's are).

use super::body::{HOLE_END, HOLE_START, Input};
use crate::model::Link;
use crate::source::Span;
use crate::url::{decode_entities, is_external, percent_decode};
use pulldown_cmark::CowStr;

/// The `id`s of raw HTML elements, and the `name`s of `<a>` elements.
pub(super) fn html_anchors(html: &str, out: &mut Vec<String>) {
    html_attributes(html, |tag, name, value| {
        let v = html.get(value).unwrap_or("");
        if !v.is_empty()
            && (name.eq_ignore_ascii_case("id")
                || (tag.eq_ignore_ascii_case("a") && name.eq_ignore_ascii_case("name")))
        {
            out.push(decode_entities(v));
        }
    });
}

/// Every attribute with a value in raw HTML, outside comments: `f(tag, name, value)`,
/// the value as a byte range of `html` (quotes left out).
fn html_attributes(html: &str, mut f: impl FnMut(&str, &str, std::ops::Range<usize>)) {
    let offset = |part: &str| part.as_ptr() as usize - html.as_ptr() as usize;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = rest.get(lt + 1..).unwrap_or("");
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment
                .find("-->")
                .map_or("", |e| comment.get(e + 3..).unwrap_or(""));
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 {
            continue;
        }
        let tag = rest.get(..name_len).unwrap_or("");
        let mut attrs = rest.get(name_len..).unwrap_or("");
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() || attrs.starts_with('>') || attrs.starts_with('<') {
                break;
            }
            let n = attrs
                .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '<'))
                .unwrap_or(attrs.len());
            let name = attrs.get(..n).unwrap_or("");
            attrs = attrs.get(n..).unwrap_or("").trim_start();
            if let Some(v) = attrs.strip_prefix('=') {
                let v = v.trim_start();
                let (val, after) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = v.get(1..).unwrap_or("");
                        match body.find(q) {
                            Some(e) => {
                                (body.get(..e).unwrap_or(""), body.get(e + 1..).unwrap_or(""))
                            }
                            None => (body, ""),
                        }
                    }
                    _ => {
                        let e = v
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(v.len());
                        (v.get(..e).unwrap_or(""), v.get(e..).unwrap_or(""))
                    }
                };
                let at = offset(val);
                f(tag, name, at..at + val.len());
                attrs = after;
            } else if n == 0 {
                // A stray character (`/` of `/>`): step over it.
                let step = attrs.chars().next().map(char::len_utf8).unwrap_or(1);
                attrs = attrs.get(step..).unwrap_or("");
            }
        }
        rest = attrs;
    }
}

/// The `href` and `src` attributes of raw HTML, recorded as links (`record_link`) and
/// replaced by holes; `None` when there is none to replace. Comments are skipped.
/// `start` is the HTML's offset in the body; `fixed`, when set, is the offset every
/// finding points at instead (the HTML is not the source's text).
pub(super) fn html_links(
    html: &str,
    start: usize,
    fixed: Option<usize>,
    input: &Input,
    links: &mut Vec<Link>,
) -> Option<String> {
    if !html.contains("href") && !html.contains("src") {
        return None;
    }
    // Quoted values only: an unquoted one (`<img src=x>`) is left as written.
    let quoted = |at: usize| {
        at.checked_sub(1)
            .is_some_and(|q| matches!(html.as_bytes().get(q), Some(b'"' | b'\'')))
    };
    let mut values = Vec::new();
    html_attributes(html, |_, name, value| {
        if (name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src"))
            && quoted(value.start)
        {
            values.push(value);
        }
    });
    let mut out = String::with_capacity(html.len());
    let mut done = 0usize;
    for value in values {
        let raw = html.get(value.clone()).unwrap_or("");
        let dest = CowStr::from(decode_entities(raw));
        let (off, end) = match fixed {
            Some(f) => (f, f),
            None => (start + value.start, start + value.end),
        };
        let span = Span::new(input.file, input.offset + off, input.offset + end);
        let filled = record_link(&dest, input, span, links);
        if filled.starts_with(HOLE_START) {
            let n = filled
                .trim_start_matches([HOLE_START, 'L'])
                .trim_end_matches(HOLE_END);
            // The hole as `split_link_holes` reads it: in double quotes, which
            // replace the value's own.
            out.push_str(html.get(done..value.start - 1).unwrap_or(""));
            out.push_str(&format!("\"%01L{n}%02\""));
            done = (value.end + 1).min(html.len());
        }
    }
    if done == 0 {
        // Nothing was replaced: every value ends after its `href=`, so `done` moved.
        return None;
    }
    out.push_str(html.get(done..).unwrap_or(""));
    Some(out)
}

/// Record an internal link and put a hole where its `href` goes: the URL of the
/// target is known only once every document is loaded (`model::resolve`, filled at
/// render). A link to this page (`#anchor`) stays relative; its hole lets the fragment
/// be written with the id the page really has.
pub(super) fn record_link<'a>(
    dest: &CowStr<'a>,
    input: &Input,
    span: Span,
    links: &mut Vec<Link>,
) -> CowStr<'a> {
    let raw = dest.to_string();
    if raw.is_empty() || is_external(&raw) {
        return dest.clone();
    }
    let (before_hash, anchor) = match raw.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (raw.as_str(), None),
    };
    let path_part = before_hash.split('?').next().unwrap_or("");
    let path = percent_decode(path_part);
    let anchor = anchor.filter(|a| !a.is_empty()).map(percent_decode);
    let n = links.len();
    let plain = path.is_empty() && anchor.is_none();
    links.push(Link {
        path,
        anchor,
        span,
        raw,
    });
    if plain || !input.html {
        return dest.clone();
    }
    CowStr::from(format!("{HOLE_START}L{n}{HOLE_END}"))
}
