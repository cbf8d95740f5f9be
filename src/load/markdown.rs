//! Parses a document body once with pulldown-cmark (byte offsets kept) and produces
//! everything later stages need: HTML with holes for references, headings with unique
//! ids, internal links with their spans, `{{kind:id}}` references, and the prose that
//! text rules read (never code, URLs or HTML).

use crate::model::{Body, Heading, Link, Part, ProseBlocks, RefKind, RefUse, Sp};
use crate::source::{FileId, Span};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Tag, TagEnd};
use std::collections::HashSet;

/// Marks a reference hole in rendered HTML: `\u{1}N\u{2}`.
const HOLE_START: char = '\u{1}';
const HOLE_END: char = '\u{2}';

/// The Markdown options, set in one place.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

pub struct Input<'a> {
    pub file: FileId,
    /// The body text (after the front-matter).
    pub text: &'a str,
    /// Offset of `text` in the file.
    pub offset: usize,
    /// Folder of the document from the content root (`sales`), for relative links.
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
                let dest = rewrite_link(&dest_url, input, span(&range), &mut body.links);
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
                let dest = rewrite_link(&dest_url, input, span(&range), &mut body.links);
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
                // Raw HTML is passed through, minus our hole markers.
                let html = clean(html);
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

fn split_holes(mut html: String) -> Vec<Part> {
    if !html.contains(HOLE_START) {
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
            parts.push(Part::Html(rest.get(..s).unwrap_or("").to_string()));
            parts.push(Part::Ref(n));
        }
        rest = after.get(e + 1..).unwrap_or("");
    }
    parts.push(Part::Html(rest.to_string()));
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

/// Find `{{kind:id}}` tokens: `(start, end, kind, id)` with byte offsets in `text`.
/// Only `msg:`, `claim:` and `persona:` are references; other `{{…}}` stays text.
pub fn scan_refs(text: &str) -> Vec<(usize, usize, RefKind, String)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(pos) = text.get(i..).and_then(|r| r.find("{{")) {
        let start = i + pos;
        i = start + 2;
        if start > 0 && bytes.get(start - 1) == Some(&b'\\') {
            continue;
        }
        let Some(close) = text.get(start + 2..).and_then(|r| r.find("}}")) else {
            break;
        };
        let inner = text.get(start + 2..start + 2 + close).unwrap_or("").trim();
        let Some((kind, id)) = inner.split_once(':') else {
            continue;
        };
        let kind = match kind.trim() {
            "msg" => RefKind::Msg,
            "claim" => RefKind::Claim,
            "persona" => RefKind::Persona,
            _ => continue,
        };
        let id = id.trim();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            continue;
        }
        let end = start + 2 + close + 2;
        found.push((start, end, kind, id.to_string()));
        i = end;
    }
    found
}

/// GitHub-style heading id: lower-case, punctuation dropped, spaces to hyphens.
pub fn slugify(title: &str) -> String {
    let mut s = String::with_capacity(title.len());
    for c in title.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            s.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            s.push('-');
        }
    }
    s
}

pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Encode the characters of a path that cannot stand in a URL as they are: a space,
/// `"`, `<`, `>`, and `%`, `?`, `#` (which would start an escape, a query or a
/// fragment), and control characters (a newline in a file name). The file on disk
/// keeps its name; the server decodes the URL back to it.
pub fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, ' ' | '"' | '<' | '>' | '%' | '?' | '#' | '\u{7f}') || c < ' ' {
            out.push_str(&format!("%{:02X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Is this link destination outside the handbook (a scheme, or protocol-relative)?
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => !dest.get(..colon).unwrap_or("").contains(['/', '?', '#']),
        None => false,
    }
}

/// Join `rel` onto `folder` and normalise `.` and `..`. Leading `..` that climb out of
/// the content root are kept, so the link is reported as broken.
pub fn join(folder: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if folder.is_empty() {
        Vec::new()
    } else {
        folder.split('/').collect()
    };
    let mut escaped = 0usize;
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    escaped += 1;
                }
            }
            s => parts.push(s),
        }
    }
    let mut out = "../".repeat(escaped);
    out.push_str(&parts.join("/"));
    if rel.ends_with('/') && !out.is_empty() && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// Rewrite a link destination to the built site's URL and record internal links.
fn rewrite_link<'a>(
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
        Some((p, a)) => (p, Some(a.to_string())),
        None => (raw.as_str(), None),
    };
    let (path_part, query) = match before_hash.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (before_hash, None),
    };
    let decoded = percent_decode(path_part);
    let path = if decoded.is_empty() {
        String::new()
    } else if let Some(site) = decoded.strip_prefix('/') {
        let base = input.base_url.trim_start_matches('/');
        let site = if !base.is_empty() {
            site.strip_prefix(base).unwrap_or(site)
        } else {
            site
        };
        join("", site)
    } else {
        join(input.folder, &decoded)
    };
    links.push(Link {
        path: path.clone(),
        anchor: anchor.clone().filter(|a| !a.is_empty()),
        span,
        raw: raw.clone(),
    });
    if path.is_empty() {
        return dest.clone();
    }
    let mut href = String::from(input.base_url);
    if path.ends_with(".md") {
        href.push_str(&encode_path(&crate::model::url_for_rel(&path)));
    } else {
        href.push_str(&encode_path(&path));
    }
    if let Some(q) = query {
        href.push('?');
        href.push_str(q);
    }
    if let Some(a) = anchor {
        href.push('#');
        href.push_str(&a);
    }
    CowStr::from(href)
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
    fn links_are_rewritten() {
        let b = body(
            "[a](../personas/vp.md#pains) [b](first-call.md) [c](https://x.example) [d](#top) [e](/pricing/) [f](img/x%20y.png)",
            false,
        );
        let h = html(&b);
        assert!(h.contains("href=\"/personas/vp/#pains\""), "{h}");
        assert!(h.contains("href=\"/sales/first-call/\""));
        assert!(h.contains("href=\"https://x.example\""));
        assert!(h.contains("href=\"#top\""));
        assert!(h.contains("href=\"/pricing/\""));
        assert!(
            h.contains("src=\"/sales/img/x%20y.png\"")
                || h.contains("href=\"/sales/img/x%20y.png\""),
            "{h}"
        );
        let paths: Vec<_> = b.links.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "personas/vp.md",
                "sales/first-call.md",
                "",
                "pricing/",
                "sales/img/x y.png"
            ]
        );
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

    #[test]
    fn join_normalises() {
        assert_eq!(join("a/b", "../c.md"), "a/c.md");
        assert_eq!(join("", "../c.md"), "../c.md");
        assert_eq!(join("a", "./x/"), "a/x/");
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("The pains (and gains)!"), "the-pains-and-gains");
        assert_eq!(slugify("Überblick 2025"), "überblick-2025");
    }
}
