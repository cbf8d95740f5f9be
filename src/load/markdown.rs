//! Parses a document body once with pulldown-cmark (byte offsets kept) and produces
//! everything later stages need: HTML with holes for references, headings with unique
//! ids, internal links with their spans, `{{kind:id}}` references, and the prose that
//! text rules read (never code, URLs or HTML).

use super::body::{HOLE_END, HOLE_START, LINK_HOLE};
use super::html::{html_anchors, html_links, record_link};
use crate::model::references::scan_refs;
use crate::model::{Body, Heading, Part, ProseBlocks, RefUse, Sp};
use crate::source::Span;
use crate::url::{escape_attr, slugify};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};
use std::collections::HashSet;

pub use super::body::Input;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

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
