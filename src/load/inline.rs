//! Front-matter prose (message and claim texts, persona and other prose fields) as inline
//! Markdown with HTML escaped and unsafe links unlinked. Message and claim texts are
//! parsed here once, at load, into HTML with holes for their `{{kind:id}}` references
//! ([`InlineText`]); render fills the holes.

use crate::model::{InlinePart, InlineText, RefKind};
use crate::url::url_is_safe;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Expands a reference found in front-matter prose (kind, id, the token as written) into
/// `out`; `false` leaves the reference as text.
pub type Expand<'e> = &'e mut dyn FnMut(RefKind, &str, &str, &mut String) -> bool;

/// Front-matter prose as events: raw HTML becomes text (escaped when written), a link or
/// image whose URL is not safe keeps its text but loses the link, and references outside
/// code are handed to `expand`.
pub fn prose_events<'a>(
    events: impl Iterator<Item = Event<'a>>,
    expand: Expand<'_>,
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // For each open link or image: whether its tags were dropped.
    let mut dropped: Vec<bool> = Vec::new();
    for ev in events {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => out.push(Event::Text(h)),
            Event::Start(Tag::Link { ref dest_url, .. })
            | Event::Start(Tag::Image { ref dest_url, .. }) => {
                let unsafe_url = !url_is_safe(dest_url);
                dropped.push(unsafe_url);
                if !unsafe_url {
                    out.push(ev);
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if !dropped.pop().unwrap_or(false) {
                    out.push(ev);
                }
            }
            Event::Text(t) if t.contains("{{") => {
                let mut last = 0;
                for (s, e, kind, id) in crate::model::references::scan_refs(&t) {
                    let mut html = String::new();
                    if expand(kind, &id, t.get(s..e).unwrap_or(""), &mut html) {
                        if s > last {
                            out.push(Event::Text(CowStr::from(
                                t.get(last..s).unwrap_or("").to_string(),
                            )));
                        }
                        out.push(Event::InlineHtml(CowStr::from(html)));
                        last = e;
                    }
                }
                if last == 0 {
                    out.push(Event::Text(t));
                } else if let Some(rest) = t.get(last..).filter(|r| !r.is_empty()) {
                    out.push(Event::Text(CowStr::from(rest.to_string())));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Render front-matter prose (a message, a claim, a persona field) as inline Markdown with
/// HTML escaped, without the `<p>`; references are left as text.
pub fn inline_html(text: &str) -> String {
    prose_html(text, &mut |_, _, _, _| false)
}

/// [`inline_html`], with references expanded by `expand`.
pub fn prose_html(text: &str, expand: Expand<'_>) -> String {
    let parser = pulldown_cmark::Parser::new_ext(text, crate::cmark::options());
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, prose_events(parser, expand).into_iter());
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Parse a message or claim text once: its HTML as [`prose_html`] writes it, with a hole
/// where each reference outside code stands.
pub fn parse(text: &str) -> InlineText {
    if !text.contains("{{") {
        return InlineText {
            parts: vec![InlinePart::Html(inline_html(text))],
        };
    }
    let mut refs = Vec::new();
    let html = prose_html(text, &mut |kind, id, raw, out| {
        out.push_str(&format!("{HOLE}{}{HOLE}", refs.len()));
        refs.push((kind, id.to_string(), raw.to_string()));
        true
    });
    let mut parts = Vec::new();
    for (i, piece) in html.split(HOLE).enumerate() {
        if i % 2 == 0 {
            if !piece.is_empty() {
                parts.push(InlinePart::Html(piece.to_string()));
            }
        } else if let Some((kind, id, raw)) = piece.parse::<usize>().ok().and_then(|n| refs.get(n))
        {
            // Left as text, a reference is written as the text around it is.
            let mut plain = String::new();
            let _ = pulldown_cmark_escape::escape_html_body_text(&mut plain, raw);
            parts.push(InlinePart::Ref {
                kind: *kind,
                id: id.clone(),
                plain,
            });
        }
    }
    InlineText { parts }
}

/// Marks a reference hole while a text is parsed (a character no escaped text holds).
const HOLE: char = '\u{1}';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_parsed_once_renders_as_the_text_parsed_each_time() {
        let texts = [
            "Plain *words* and <b>tags</b>",
            "Cites {{claim:uptime}} and {{ msg:platform.one-liner }}, not `{{claim:code}}`",
            "[a link](javascript:alert(1)) then {{claim:x}} & more",
            "{{msg:a.b}}",
        ];
        for text in texts {
            let parsed = parse(text);
            assert_eq!(parsed.plain(), inline_html(text), "{text}");
            let each = prose_html(text, &mut |kind, id, _, out| {
                out.push_str(&format!("[{}:{id}]", kind.as_str()));
                true
            });
            let filled = parsed.fill(&mut |kind, id, out| {
                out.push_str(&format!("[{}:{id}]", kind.as_str()));
            });
            assert_eq!(filled, each, "{text}");
        }
        let parsed = parse("Cites {{claim:uptime}} and `{{claim:code}}`");
        let refs: Vec<_> = parsed
            .parts
            .iter()
            .filter_map(|p| match p {
                InlinePart::Ref { id, .. } => Some(id.as_str()),
                InlinePart::Html(_) => None,
            })
            .collect();
        assert_eq!(refs, ["uptime"]);
    }
}
