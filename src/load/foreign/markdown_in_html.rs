//! Markdown inside HTML elements marked `markdown="1"` (Kramdown's content models):
//! [`events`] parses a body with the inside of such an element read as Markdown, its
//! offsets the body's.

use pulldown_cmark::{BrokenLink, CowStr, Event, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// How the inside of a `markdown` element is read (Kramdown's content models).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Model {
    Block,
    Span,
}

/// Deepest nesting of `markdown` elements that is rendered; deeper ones stay HTML.
const MAX_DEPTH: usize = 8;

/// Parse a body like `Parser::new_ext(...).into_offset_iter()`, except that the inside
/// of an HTML element opened on its own line with `markdown="1"` (`"block"`, `"span"`)
/// is parsed as Markdown, as Kramdown does, and the attribute is left out of the HTML.
/// Offsets are the body's.
pub fn events(text: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let opts = crate::cmark::options();
    if !text.contains("markdown=") {
        return Parser::new_ext(text, opts).into_offset_iter().collect();
    }
    let mut defs: HashMap<String, (String, String)> = HashMap::new();
    {
        let p = Parser::new_ext(text, opts);
        for (k, d) in p.reference_definitions().iter() {
            defs.insert(
                k.to_lowercase(),
                (
                    d.dest.to_string(),
                    d.title.as_deref().unwrap_or("").to_string(),
                ),
            );
        }
    }
    let mut out = Vec::new();
    splice(text, 0..text.len(), Model::Block, 0, &defs, &mut out);
    for (ev, _) in out.iter_mut() {
        if let Event::Html(h) | Event::InlineHtml(h) = ev
            && h.contains("markdown=")
        {
            *h = CowStr::from(strip_markdown_attr(h));
        }
    }
    out
}

/// A `markdown` element opened on a line of its own: where its tag and inside are.
struct Element {
    line_start: usize,
    tag: Range<usize>,
    open: String,
    inner: Range<usize>,
    close: Range<usize>,
    model: Model,
}

fn splice<'a>(
    text: &'a str,
    range: Range<usize>,
    model: Model,
    depth: usize,
    defs: &HashMap<String, (String, String)>,
    out: &mut Vec<(Event<'a>, Range<usize>)>,
) {
    let seg = text.get(range.clone()).unwrap_or("");
    let elements = if depth < MAX_DEPTH {
        elements(text, range.clone())
    } else {
        Vec::new()
    };
    let mut pos = range.start;
    for el in elements {
        if el.line_start < pos {
            continue;
        }
        plain(text, pos..el.line_start, model, defs, out);
        if el.line_start < el.tag.start {
            let lead = text.get(el.line_start..el.tag.start).unwrap_or("");
            out.push((Event::Html(CowStr::from(lead)), el.line_start..el.tag.start));
        }
        out.push((Event::Html(CowStr::from(el.open.clone())), el.tag.clone()));
        splice(text, el.inner.clone(), el.model, depth + 1, defs, out);
        let close = text.get(el.close.clone()).unwrap_or("");
        out.push((
            Event::Html(CowStr::from(format!("{close}\n"))),
            el.close.clone(),
        ));
        pos = el.close.end;
    }
    let _ = seg;
    plain(text, pos..range.end, model, defs, out);
}

/// Parse `range` as Markdown on its own; in a span element, without paragraphs.
fn plain<'a>(
    text: &'a str,
    range: Range<usize>,
    model: Model,
    defs: &HashMap<String, (String, String)>,
    out: &mut Vec<(Event<'a>, Range<usize>)>,
) {
    let Some(seg) = text.get(range.clone()) else {
        return;
    };
    if seg.trim().is_empty() {
        return;
    }
    let mut callback = |link: BrokenLink<'_>| {
        defs.get(&link.reference.to_lowercase())
            .map(|(d, t)| (CowStr::from(d.clone()), CowStr::from(t.clone())))
    };
    let parser =
        Parser::new_with_broken_link_callback(seg, crate::cmark::options(), Some(&mut callback));
    let mut depth = 0usize;
    let mut paragraphs = 0usize;
    for (ev, r) in parser.into_offset_iter() {
        let r = range.start + r.start..range.start + r.end;
        let top = depth == 0;
        match &ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if model == Model::Span {
            match ev {
                Event::Start(Tag::Paragraph) if top => {
                    if paragraphs > 0 {
                        out.push((Event::SoftBreak, r));
                    }
                    paragraphs += 1;
                    continue;
                }
                Event::End(TagEnd::Paragraph) if depth == 0 => continue,
                _ => {}
            }
        }
        out.push((ev, r));
    }
}

/// The top-level `markdown` elements of `range`, in order.
fn elements(text: &str, range: Range<usize>) -> Vec<Element> {
    let Some(seg) = text.get(range.clone()) else {
        return Vec::new();
    };
    if !seg.contains("markdown=") {
        return Vec::new();
    }
    // Only a line of a top-level HTML block opens one (not code, lists, quotes).
    let mut in_html: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;
    for (ev, r) in Parser::new_ext(seg, crate::cmark::options()).into_offset_iter() {
        match ev {
            Event::Start(tag) => {
                let r = range.start + r.start..range.start + r.end;
                if depth == 0 && tag == Tag::HtmlBlock {
                    in_html.push(r);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut found = Vec::new();
    let mut h = 0usize;
    let mut line_start = range.start;
    let mut after = range.start;
    while line_start < range.end {
        let line_end = text
            .get(line_start..range.end)
            .and_then(|t| t.find('\n'))
            .map_or(range.end, |n| line_start + n);
        if line_start >= after
            && {
                while in_html.get(h).is_some_and(|b| b.end <= line_start) {
                    h += 1;
                }
                in_html
                    .get(h)
                    .is_some_and(|b| b.start <= line_end && line_start < b.end)
            }
            && let Some(el) = opening(text, line_start, line_end, range.end)
        {
            after = el.close.end;
            found.push(el);
        }
        line_start = line_end + 1;
    }
    found
}

/// An element opened on the line `ls..le` (up to 3 spaces in) with a `markdown`
/// attribute, closed before `limit` (or at it: Kramdown closes what is left open).
fn opening(text: &str, ls: usize, le: usize, limit: usize) -> Option<Element> {
    let line = text.get(ls..le)?;
    let t = line.trim_start_matches(' ');
    let indent = line.len() - t.len();
    if indent > 3 || !t.starts_with('<') {
        return None;
    }
    let name: String = t
        .get(1..)?
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if name.is_empty() {
        return None;
    }
    let tag_start = ls + indent;
    let gt = t.find('>')?;
    let tag_end = tag_start + gt + 1;
    let tag = text.get(tag_start..tag_end)?;
    if tag.ends_with("/>") {
        return None;
    }
    let value = markdown_attr(tag)?;
    let lower = name.to_ascii_lowercase();
    let model = match value.as_str() {
        "block" => Model::Block,
        "span" => Model::Span,
        "1" if SPAN_ELEMENTS.contains(&lower.as_str()) => Model::Span,
        "1" => Model::Block,
        _ => return None,
    };
    if ["pre", "script", "style", "textarea", "code"].contains(&lower.as_str()) {
        return None;
    }
    // The matching closing tag, counting elements of the same name inside: one pass
    // over the `<` that follow, stopping at the close.
    let bytes = text.as_bytes();
    let region = bytes.get(tag_end..limit).unwrap_or(&[]);
    let name_is = |at: usize| -> bool {
        region
            .get(at..at + lower.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(lower.as_bytes()))
            && region
                .get(at + lower.len())
                .is_none_or(|b| matches!(b, b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/'))
    };
    let mut depth = 1usize;
    let mut close: Option<Range<usize>> = None;
    for lt in memchr::memchr_iter(b'<', region) {
        if region.get(lt + 1) == Some(&b'/') {
            if name_is(lt + 2) {
                depth -= 1;
                if depth == 0 {
                    let end = region
                        .get(lt..)
                        .and_then(|r| memchr::memchr(b'>', r))
                        .map_or(region.len(), |n| lt + n + 1);
                    close = Some(tag_end + lt..tag_end + end);
                    break;
                }
            }
        } else if name_is(lt + 1) {
            depth += 1;
        }
    }
    let close = close.unwrap_or(limit..limit);
    Some(Element {
        line_start: ls,
        tag: tag_start..tag_end,
        open: match model {
            Model::Block => format!("{}\n", strip_markdown_attr(tag)),
            Model::Span => strip_markdown_attr(tag),
        },
        inner: tag_end..close.start,
        close,
        model,
    })
}

/// Elements whose inside Kramdown reads as text, not blocks.
const SPAN_ELEMENTS: &[&str] = &[
    "a", "abbr", "b", "button", "caption", "cite", "del", "dfn", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "i", "ins", "label", "legend", "p", "q", "small", "span", "strong", "sub",
    "sup", "th",
];

/// The value of the `markdown` attribute of an opening tag.
fn markdown_attr(tag: &str) -> Option<String> {
    let (start, end) = markdown_attr_range(tag)?;
    let attr = tag.get(start..end)?;
    let value = attr.split_once('=')?.1.trim();
    Some(
        value
            .trim_matches(|c| c == '"' || c == '\'')
            .to_ascii_lowercase(),
    )
}

/// Where ` markdown="..."` is in a tag (with the space before it).
fn markdown_attr_range(tag: &str) -> Option<(usize, usize)> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(n) = lower.get(from..).and_then(|t| t.find("markdown")) {
        let at = from + n;
        from = at + 8;
        let before = lower.as_bytes().get(at.checked_sub(1)?)?;
        if !before.is_ascii_whitespace() {
            continue;
        }
        let rest = lower.get(at + 8..)?;
        let eq = rest.len() - rest.trim_start().len();
        if !rest.trim_start().starts_with('=') {
            continue;
        }
        let v = rest.get(eq + 1..)?;
        let vt = v.trim_start();
        let mut len = 8 + eq + 1 + (v.len() - vt.len());
        match vt.as_bytes().first() {
            Some(q @ (b'"' | b'\'')) => {
                let close = vt.get(1..)?.find(char::from(*q))?;
                len += close + 2;
            }
            _ => {
                len += vt
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .unwrap_or(vt.len());
            }
        }
        return Some((at - 1, at + len));
    }
    None
}

/// HTML with every `markdown="..."` attribute left out.
fn strip_markdown_attr(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Tag by tag: only text between `<` and `>` is an attribute.
    while let Some(lt) = rest.find('<') {
        out.push_str(rest.get(..lt).unwrap_or(""));
        let after = rest.get(lt..).unwrap_or("");
        let gt = after.find('>').map_or(after.len(), |n| n + 1);
        let mut tag = after.get(..gt).unwrap_or("").to_string();
        while let Some((s, e)) = markdown_attr_range(&tag) {
            tag.replace_range(s..e, "");
        }
        out.push_str(&tag);
        rest = after.get(gt..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_inside_html() {
        let t = "<aside markdown=\"1\" class=\"q\">\n  Hello **bold**\n  <p markdown=\"1\">\n— [me](https://x.example)\n  </p>\n</aside>\nAfter *it*\n";
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events(t).into_iter().map(|(e, _)| e));
        assert!(html.contains("<aside class=\"q\">"), "{html}");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(
            html.contains("<p>— <a href=\"https://x.example\">me</a>"),
            "{html}"
        );
        assert!(html.contains("<em>it</em>"), "{html}");
        assert!(!html.contains("markdown="), "{html}");
    }
}
