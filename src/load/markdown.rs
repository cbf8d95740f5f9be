//! Parses a document body once with pulldown-cmark (byte offsets kept) and produces
//! everything later stages need: HTML with holes for references, headings with unique
//! ids, internal links with their spans, `{{kind:id}}` references, and the prose that
//! text rules read (never code, URLs or HTML).

use crate::model::references::scan_refs;
use crate::model::{Body, Heading, Link, Part, ProseBlocks, RefUse, Sp};
use crate::source::{FileId, Span};
use crate::url::{decode_entities, escape_attr, is_external, percent_decode, slugify};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};
use std::collections::HashSet;

/// Marks a reference hole in rendered HTML: `\u{1}N\u{2}`.
const HOLE_START: char = '\u{1}';
const HOLE_END: char = '\u{2}';

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

/// Parse and analyse a body.
pub fn analyze(input: &Input) -> Body {
    // Markdown inside `<div markdown="1">` is parsed too (`foreign.rs`).
    let events: Vec<(Event, std::ops::Range<usize>)> = super::foreign::events(input.text);
    let mut body = Body::default();
    let span = |r: &std::ops::Range<usize>| {
        Span::new(input.file, input.offset + r.start, input.offset + r.end)
    };

    // Pass 1: heading ids, titles, and the title heading.
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut heading_ids: Vec<(usize, String)> = Vec::new(); // event index -> id
    let mut skip: Option<(usize, usize)> = None; // event range of the title heading
    let mut i = 0;
    while i < events.len() {
        if let Some((Event::Start(Tag::Heading { level, id, .. }), range)) = events.get(i) {
            let mut j = i + 1;
            let mut title = String::new();
            while let Some((ev, _)) = events.get(j) {
                match ev {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => title.push_str(t),
                    _ => {}
                }
                j += 1;
            }
            let title = title.trim().to_string();
            let lvl = heading_level(*level);
            if input.take_title && body.title.is_none() && lvl == 1 && skip.is_none() {
                // The title heading leaves the body but keeps its id: the theme puts
                // it on the page's `<h1>`, and links to `#the-title` still land.
                let id = match id {
                    Some(id) => id.to_string(),
                    None => slugify(&title),
                };
                if !id.is_empty() {
                    used_ids.insert(id.clone());
                    body.anchors.push(id.clone());
                    body.title_id = Some(id);
                }
                body.title = Some(Sp::new(title, span(range)));
                skip = Some((i, j));
                i = j + 1;
                continue;
            }
            let base = match id {
                Some(id) => id.to_string(),
                None => slugify(&title),
            };
            let mut unique = if base.is_empty() {
                "section".to_string()
            } else {
                base.clone()
            };
            let mut n = 1;
            while used_ids.contains(&unique) {
                unique = format!("{}-{n}", if base.is_empty() { "section" } else { &base });
                n += 1;
            }
            used_ids.insert(unique.clone());
            body.headings.push(Heading {
                level: lvl,
                id: unique.clone(),
                title,
                span: span(range),
            });
            heading_ids.push((i, unique));
            i = j + 1;
            continue;
        }
        i += 1;
    }

    // Pass 2: transform events, collect links, refs and prose.
    // The events to render; a check renders nothing, so keeps none.
    let mut out = Kept {
        keep: input.html,
        events: Vec::with_capacity(if input.html { events.len() + 8 } else { 0 }),
    };
    let mut in_code_block = false;
    let mut in_autolink = 0usize;
    let mut heading_cursor = heading_ids.iter().peekable();
    let mut current_heading: Option<String> = None;
    for (idx, (ev, range)) in events.into_iter().enumerate() {
        if let Some((a, b)) = skip
            && idx >= a
            && idx <= b
        {
            continue;
        }
        match ev {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                body.prose.open();
                let id = match heading_cursor.peek() {
                    Some((hi, id)) if *hi == idx => {
                        let id = id.clone();
                        heading_cursor.next();
                        id
                    }
                    _ => String::new(),
                };
                current_heading = Some(id.clone());
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                body.prose.close();
                if let Some(id) = current_heading.take() {
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<a class=\"anchor\" href=\"#{}\" aria-label=\"Link to this section\">#</a>",
                        escape_attr(&id)
                    ))));
                }
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::BlockQuote(_)) => {
                body.prose.open();
                out.push(ev);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
            ) => {
                body.prose.close();
                out.push(ev);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                body.prose.close();
                in_code_block = true;
                out.push(ev);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                out.push(ev);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    in_autolink += 1;
                }
                // `<name@example.com>`: pulldown-cmark writes the `mailto:` itself.
                let dest = if link_type == LinkType::Email {
                    dest_url
                } else {
                    record_link(&dest_url, input, span(&range), &mut body.links)
                };
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                in_autolink = in_autolink.saturating_sub(1);
                out.push(ev);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = record_link(&dest_url, input, span(&range), &mut body.links);
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Code(_) => {
                body.prose.push(' ');
                out.push(ev);
            }
            Event::SoftBreak | Event::HardBreak => {
                body.prose.push(' ');
                out.push(ev);
            }
            Event::Text(text) if !in_code_block => {
                let text = clean(text);
                let exact = text.len() == range.len();
                let mut last = 0;
                if exact && text.contains("{{") {
                    let src = input.text.as_bytes();
                    for (s, e, kind, id) in scan_refs(&text) {
                        // `\{{` is a literal: the backslash is outside this text event.
                        let abs = range.start + s;
                        if abs > 0 && src.get(abs - 1) == Some(&b'\\') {
                            continue;
                        }
                        if s > last {
                            let piece = text.get(last..s).unwrap_or("");
                            push_prose(
                                &mut body.prose,
                                piece,
                                input.offset + range.start + last,
                                in_autolink > 0,
                            );
                            out.push(Event::Text(CowStr::from(piece.to_string())));
                        }
                        let n = body.refs.len();
                        body.refs.push(RefUse {
                            kind,
                            id,
                            span: Span::new(
                                input.file,
                                input.offset + range.start + s,
                                input.offset + range.start + e,
                            ),
                        });
                        body.prose.push(' ');
                        out.push(Event::InlineHtml(CowStr::from(format!(
                            "{HOLE_START}{n}{HOLE_END}"
                        ))));
                        last = e;
                    }
                }
                let rest = text.get(last..).unwrap_or("");
                push_prose(
                    &mut body.prose,
                    rest,
                    input.offset + range.start + if exact { last } else { 0 },
                    in_autolink > 0,
                );
                if last == 0 {
                    out.push(Event::Text(text));
                } else if !rest.is_empty() {
                    out.push(Event::Text(CowStr::from(rest.to_string())));
                }
            }
            Event::Text(text) => out.push(Event::Text(clean(text))),
            Event::Html(html) | Event::InlineHtml(html) => {
                // Raw HTML is passed through, minus our hole markers; its `id`s and
                // `<a name>`s are anchors links can point at.
                html_anchors(&html, &mut body.anchors);
                let html = clean(html);
                let html = if html.contains(LINK_HOLE) {
                    // Not ours: the same URL with its `L` escaped, so it is not filled.
                    CowStr::from(html.replace(LINK_HOLE, "\"%01%4C"))
                } else {
                    html
                };
                // Its `href`s and `src`s are links like Markdown's: checked, and
                // written with the target's address. Where the event's text is not the
                // source's (never seen), findings point at the start of the event.
                let at = if input.text.get(range.clone()) == Some(&*html) {
                    None
                } else {
                    Some(range.start)
                };
                let html = match html_links(&html, range.start, at, input, &mut body.links) {
                    Some(rewritten) => CowStr::from(rewritten),
                    None => html,
                };
                out.push(Event::InlineHtml(html));
            }
            other => out.push(other),
        }
    }
    body.prose.finish();

    if input.html {
        let mut html = String::with_capacity(input.text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, out.events.into_iter());
        body.parts = split_holes(html);
    }
    body
}

/// Events kept for rendering, or dropped at once when nothing is rendered.
struct Kept<'a> {
    keep: bool,
    events: Vec<Event<'a>>,
}

impl<'a> Kept<'a> {
    fn push(&mut self, e: Event<'a>) {
        if self.keep {
            self.events.push(e);
        }
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Remove the characters we use as hole markers from author text.
fn clean(s: CowStr) -> CowStr {
    // Both markers are ASCII control bytes: a SIMD byte search, not a char search.
    if memchr::memchr2(HOLE_START as u8, HOLE_END as u8, s.as_bytes()).is_some() {
        CowStr::from(s.replace([HOLE_START, HOLE_END], "\u{FFFD}"))
    } else {
        s
    }
}

/// A link hole as pulldown-cmark writes it in an attribute: `"\u{1}L3\u{2}"` comes
/// out percent-encoded as `"%01L3%02"`.
const LINK_HOLE: &str = "\"%01L";

/// Split `href="%01L3%02"` / `src="%01L3%02"` into HTML and `Part::Link` holes.
fn split_link_holes(html: String, parts: &mut Vec<Part>) {
    if !html.contains(LINK_HOLE) {
        parts.push(Part::Html(html));
        return;
    }
    let mut rest = html.as_str();
    let mut done = String::new();
    while let Some(at) = rest.find(LINK_HOLE) {
        let before = rest.get(..at + 1).unwrap_or("");
        let after = rest.get(at + LINK_HOLE.len()..).unwrap_or("");
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let n = after.get(..digits).and_then(|d| d.parse::<usize>().ok());
        let closed = after.get(digits..).is_some_and(|t| t.starts_with("%02\""));
        let attr = before.ends_with("href=\"") || before.ends_with("src=\"");
        match n {
            Some(n) if closed && attr => {
                done.push_str(before);
                parts.push(Part::Html(std::mem::take(&mut done)));
                parts.push(Part::Link(n));
                rest = after.get(digits + 3..).unwrap_or("");
            }
            _ => {
                done.push_str(rest.get(..at + LINK_HOLE.len()).unwrap_or(""));
                rest = after;
            }
        }
    }
    done.push_str(rest);
    parts.push(Part::Html(done));
}

fn split_holes(mut html: String) -> Vec<Part> {
    if !html.contains(HOLE_START) {
        if html.contains(LINK_HOLE) {
            let mut parts = Vec::new();
            split_link_holes(html, &mut parts);
            return parts;
        }
        // The buffer was sized for the worst case; the model keeps every body's HTML.
        html.shrink_to_fit();
        return vec![Part::Html(html)];
    }
    let mut parts = Vec::new();
    let mut rest = html.as_str();
    while let Some(s) = rest.find(HOLE_START) {
        let after = rest.get(s + 1..).unwrap_or("");
        let Some(e) = after.find(HOLE_END) else { break };
        if let Ok(n) = after.get(..e).unwrap_or("").parse::<usize>() {
            split_link_holes(rest.get(..s).unwrap_or("").to_string(), &mut parts);
            parts.push(Part::Ref(n));
        }
        rest = after.get(e + 1..).unwrap_or("");
    }
    split_link_holes(rest.to_string(), &mut parts);
    parts
}

/// Append text to the current prose block, blanking out bare URLs.
fn push_prose(p: &mut ProseBlocks, text: &str, file_offset: usize, in_autolink: bool) {
    if !p.is_open() || text.is_empty() {
        return;
    }
    if in_autolink {
        p.push(' ');
        return;
    }
    p.mark(file_offset);
    if !text.contains("://") && !text.contains("www.") {
        p.push_str(text);
        return;
    }
    // Keep offsets aligned: replace URL characters by spaces of the same byte length.
    let mut i = 0;
    while i < text.len() {
        let rest = text.get(i..).unwrap_or("");
        let url_len = if rest.starts_with("http://")
            || rest.starts_with("https://")
            || rest.starts_with("www.")
        {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        } else {
            0
        };
        if url_len > 0 {
            for _ in 0..url_len {
                p.push(' ');
            }
            i += url_len;
        } else if let Some(c) = rest.chars().next() {
            p.push(c);
            i += c.len_utf8();
        } else {
            break;
        }
    }
}

/// The `id`s of raw HTML elements, and the `name`s of `<a>` elements.
fn html_anchors(html: &str, out: &mut Vec<String>) {
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
fn html_links(
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
fn record_link<'a>(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str, take_title: bool) -> Body {
        analyze(&Input {
            file: FileId(0),
            text,
            offset: 0,
            folder: "sales",
            base_url: "/",
            take_title,
            html: true,
        })
    }

    fn html(b: &Body) -> String {
        b.parts
            .iter()
            .map(|p| match p {
                Part::Html(h) => h.clone(),
                Part::Ref(n) => format!("[REF{n}]"),
                Part::Link(n) => format!("[LINK{n}]"),
            })
            .collect()
    }

    #[test]
    fn refs_are_found_outside_code_only() {
        let b = body(
            "Say {{msg:platform.one-liner}} and {{ claim:small-teams }}.\n\n`{{msg:x.y}}` \\{{msg:a.b}} {{generator:foo}}\n\n```\n{{msg:c.d}}\n```\n",
            false,
        );
        let ids: Vec<_> = b.refs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["platform.one-liner", "small-teams"]);
        let h = html(&b);
        assert!(h.contains("Say [REF0] and [REF1]."), "{h}");
        assert!(h.contains("{{generator:foo}}"));
        assert!(h.contains("<code>{{msg:x.y}}</code>"));
        // the span points at the token in the source
        assert_eq!(b.refs[0].span.start, 4);
    }

    #[test]
    fn headings_get_unique_ids_and_title_is_taken() {
        let b = body(
            "# Title\n\n## Pains\n\n## Pains\n\n## Custom {#own}\n",
            true,
        );
        assert_eq!(b.title.as_ref().unwrap().value, "Title");
        let ids: Vec<_> = b.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["pains", "pains-1", "own"]);
        assert!(!html(&b).contains("<h1"));
    }

    #[test]
    fn links_are_recorded_with_holes() {
        let b = body(
            "[a](../personas/vp.md#pains) [b](first-call.md) [c](https://x.example) [d](#top) [e](/pricing/?q=1) [f](img/x%20y.png) [g](#caf%C3%A9) <me@example.com>",
            false,
        );
        let h = html(&b);
        assert!(h.contains("href=\"[LINK0]\""), "{h}");
        assert!(h.contains("href=\"[LINK1]\""), "{h}");
        assert!(h.contains("href=\"https://x.example\""));
        assert!(h.contains("href=\"[LINK2]\""), "{h}");
        assert!(h.contains("href=\"[LINK3]\""), "{h}");
        assert!(
            h.contains("src=\"[LINK4]\"") || h.contains("href=\"[LINK4]\""),
            "{h}"
        );
        assert!(h.contains("href=\"mailto:me@example.com\""), "{h}");
        let paths: Vec<_> = b.links.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "../personas/vp.md",
                "first-call.md",
                "",
                "/pricing/",
                "img/x y.png",
                ""
            ]
        );
        assert_eq!(b.links[5].anchor.as_deref(), Some("caf\u{e9}"));
    }

    #[test]
    fn raw_html_ids_and_title_ids_are_anchors() {
        let b = body(
            "# The Title\n\n<a name=\"old-name\"></a>\n\n<div id='box' class=x>hi</div>\n\nText <span id=inline>x</span> <input name=\"no\"> <a href=\"%01L0%02\">raw</a>\n",
            true,
        );
        assert_eq!(b.title_id.as_deref(), Some("the-title"));
        assert_eq!(b.anchors, ["the-title", "old-name", "box", "inline"]);
        // A raw HTML value that looks like a hole is not filled with another link's
        // address: it is a link of its own, to what it says.
        for p in &b.parts {
            if let Part::Link(n) = p {
                assert_eq!(b.links[*n].raw, "%01%4C0%02");
            }
        }
    }

    #[test]
    fn prose_skips_code_and_urls() {
        let b = body(
            "Use `code` here, see https://x.example/a now.\n\n```\nnot prose\n```\n",
            false,
        );
        assert_eq!(b.prose.len(), 1);
        let p = b.prose.get(0).unwrap();
        assert!(p.text.starts_with("Use   here, see "), "{:?}", p.text);
        assert!(!p.text.contains("x.example"));
        // map back: "here" is at byte 11 in the file
        let off = p.text.find("here").unwrap();
        assert_eq!(p.file_offset(off), 11);
    }
}
