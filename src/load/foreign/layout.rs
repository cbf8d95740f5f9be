//! Where a body's code is (so no token is found inside it) and its top-level lists and
//! paragraphs, from one Markdown parse.

use pulldown_cmark::{Event, Parser, Tag};
use std::ops::Range;

/// What the Markdown structure says about a body: where code is, and the top-level
/// lists and paragraphs.
#[derive(Default)]
pub(super) struct Layout {
    /// Code spans, code blocks, `<pre>`/`<script>`/`<style>`/`<textarea>` blocks,
    /// `<code>`/`<kbd>`/`<samp>` elements, HTML comments. Sorted by start.
    pub(super) code: Vec<Range<usize>>,
    pub(super) lists: Vec<Range<usize>>,
    pub(super) paragraphs: Vec<Range<usize>>,
}

pub(super) fn layout(text: &str) -> Layout {
    let mut l = Layout::default();
    let mut depth = 0usize;
    let mut inline_code: Option<usize> = None;
    for (ev, r) in Parser::new_ext(text, crate::cmark::options()).into_offset_iter() {
        match &ev {
            Event::Start(tag) => {
                if depth == 0 {
                    match tag {
                        Tag::List(_) => l.lists.push(r.clone()),
                        Tag::Paragraph => l.paragraphs.push(r.clone()),
                        _ => {}
                    }
                }
                match tag {
                    Tag::CodeBlock(_) => l.code.push(r.clone()),
                    Tag::HtmlBlock => {
                        let t = text.get(r.clone()).unwrap_or("").trim_start();
                        let lower: String = t.chars().take(10).collect::<String>().to_lowercase();
                        if ["<!--", "<pre", "<script", "<style", "<textarea"]
                            .iter()
                            .any(|p| lower.starts_with(p))
                        {
                            l.code.push(r.clone());
                        }
                    }
                    _ => {}
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Code(_) => l.code.push(r.clone()),
            Event::InlineHtml(h) => {
                let lower = h.to_ascii_lowercase();
                if lower.starts_with("<!--") {
                    l.code.push(r.clone());
                } else if ["<code", "<kbd", "<samp"].iter().any(|p| {
                    lower.starts_with(p)
                        && lower
                            .as_bytes()
                            .get(p.len())
                            .is_some_and(|b| matches!(b, b'>' | b' ' | b'\t' | b'\n'))
                }) {
                    inline_code.get_or_insert(r.start);
                } else if ["</code", "</kbd", "</samp"]
                    .iter()
                    .any(|p| lower.starts_with(p))
                    && let Some(s) = inline_code.take()
                {
                    l.code.push(s..r.end);
                }
            }
            _ => {}
        }
    }
    l.code.sort_by_key(|r| r.start);
    l
}

/// The end of the code range holding `pos`, if any (`code` sorted by start).
pub(super) fn in_code(code: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = code.partition_point(|r| r.start <= pos);
    code.get(..i)?
        .iter()
        .rev()
        .take(64)
        .find(|r| r.contains(&pos))
        .map(|r| r.end)
}
