//! Syntax of other site generators in a body: Kramdown attribute lists and `{:toc}`,
//! Liquid tags, Hugo shortcodes, ERB, MDX `import`/`export` lines and JSX components.
//!
//! [`scan`] finds them outside code (code spans, code blocks, `<pre>`, `<code>`, HTML
//! comments) and says which bytes to change; [`Scan::apply`] changes them in a copy of
//! the body without moving any other byte (a token becomes spaces, line feeds kept),
//! so every other finding's span stays where it was. [`events`] parses a body with the
//! Markdown inside `<div markdown="1">` (and `aside`, `details`, `p`, ...) rendered.

use pulldown_cmark::{BrokenLink, CowStr, Event, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// Which generator's syntax a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Kramdown,
    Liquid,
    Hugo,
    Erb,
    Mdx,
}

impl Kind {
    /// What the token is, in words.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Kramdown => "Kramdown syntax",
            Kind::Liquid => "a Liquid tag",
            Kind::Hugo => "a Hugo shortcode",
            Kind::Erb => "ERB (embedded Ruby)",
            Kind::Mdx => "MDX/JSX",
        }
    }

    /// The plural, for counts.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Kramdown => "Kramdown attribute lists and markers",
            Kind::Liquid => "Liquid tags",
            Kind::Hugo => "Hugo shortcodes",
            Kind::Erb => "ERB tags",
            Kind::Mdx => "MDX lines and JSX tags",
        }
    }
}

/// What happens to a token on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Left out (the text between a paired opening and closing tag is kept).
    Dropped,
    /// Left out with what it applies to: `{:toc}` with its list, a comment with its text.
    DroppedWith(&'static str),
    /// Replaced by its argument, a link target.
    Replaced(String),
    /// A Kramdown `{: #id}`: the heading it follows takes the id.
    HeadingId(String),
    /// `{% raw %}`: left out, the text up to `{% endraw %}` kept as it is.
    Raw,
}

/// One token of foreign syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    /// The token, in body bytes.
    pub range: Range<usize>,
    pub fate: Fate,
}

/// A change to the body: `range` becomes `with` followed by spaces (line feeds in a
/// blanked range are kept).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Edit {
    range: Range<usize>,
    with: String,
}

/// What [`scan`] found in a body.
#[derive(Debug, Default)]
pub struct Scan {
    pub found: Vec<Found>,
    edits: Vec<Edit>,
    /// The next place of each end marker searched for, so that many unclosed openings
    /// do not search the rest of the body again each.
    ends: HashMap<&'static str, Option<usize>>,
}

impl Scan {
    /// The first `needle` at or after `from`.
    fn find_from(&mut self, text: &str, needle: &'static str, from: usize) -> Option<usize> {
        if let Some(known) = self.ends.get(needle) {
            match known {
                None => return None,
                Some(p) if *p >= from => return Some(*p),
                Some(_) => {}
            }
        }
        let found = text
            .get(from..)
            .and_then(|t| memchr::memmem::find(t.as_bytes(), needle.as_bytes()))
            .map(|n| from + n);
        self.ends.insert(needle, found);
        found
    }
}

impl Scan {
    /// The body with every token changed; the same length, byte for byte.
    pub fn apply<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.edits.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut bytes = text.as_bytes().to_vec();
        for e in &self.edits {
            let Some(slot) = bytes.get_mut(e.range.clone()) else {
                continue;
            };
            let with = e.with.as_bytes();
            for (i, b) in slot.iter_mut().enumerate() {
                match with.get(i) {
                    Some(&w) => *b = w,
                    None if *b == b'\n' || *b == b'\r' => {}
                    None => *b = b' ',
                }
            }
        }
        // A line that now starts with 4 spaces or more would become an indented code
        // block: the first blanked bytes become a space written as a character
        // reference, which is text, not indentation.
        // Edits are sorted: the line starts are found in one pass, each line once.
        let (mut seen, mut seen_ls) = (0usize, 0usize);
        let mut checked = 0usize;
        for e in &self.edits {
            if e.range.start >= seen {
                let gap = bytes.get(seen..e.range.start).unwrap_or(&[]);
                if let Some(n) = memchr::memrchr(b'\n', gap) {
                    seen_ls = seen + n + 1;
                }
                seen = e.range.start;
            }
            let mut ls = seen_ls.max(checked);
            while ls <= e.range.end && ls < bytes.len() {
                if ls >= checked {
                    keep_out_of_code(text.as_bytes(), &mut bytes, ls);
                }
                ls = match bytes.get(ls..).and_then(|b| memchr::memchr(b'\n', b)) {
                    Some(n) => ls + n + 1,
                    None => bytes.len(),
                };
                checked = ls;
            }
        }
        match String::from_utf8(bytes) {
            Ok(s) => Cow::Owned(s),
            Err(_) => Cow::Borrowed(text),
        }
    }
}

fn line_start(bytes: &[u8], pos: usize) -> usize {
    bytes
        .get(..pos)
        .and_then(|b| memchr::memrchr(b'\n', b))
        .map_or(0, |n| n + 1)
}

/// If the line at `ls` was indented less than 4 columns and its blanked tokens made
/// it 4 or more, with text after them, write `&#32;` (or `&#9;`) where they were.
fn keep_out_of_code(original: &[u8], bytes: &mut [u8], ls: usize) {
    let indent = |b: &[u8]| {
        b.iter()
            .take_while(|c| **c == b' ' || **c == b'\t')
            .map(|c| if *c == b'\t' { 4 } else { 1 })
            .sum::<usize>()
    };
    let now = bytes.get(ls..).unwrap_or(&[]);
    let was = original.get(ls..).unwrap_or(&[]);
    let w1 = indent(now);
    if w1 < 4 || indent(was) >= 4 {
        return;
    }
    let ws = now
        .iter()
        .take_while(|c| **c == b' ' || **c == b'\t')
        .count();
    if now.get(ws).is_none_or(|c| *c == b'\n' || *c == b'\r') {
        return;
    }
    // The first blanked byte on the line; from it to the text, all is blank now.
    let Some(p) = (0..ws).find(|&i| was.get(i).is_some_and(|c| *c != b' ' && *c != b'\t')) else {
        return;
    };
    let run = ws - p;
    let filler: &[u8] = if run >= 5 { b"&#32;" } else { b"&#9;" };
    if run < filler.len() {
        return;
    }
    if let Some(slot) = bytes.get_mut(ls + p..ls + p + filler.len()) {
        slot.copy_from_slice(filler);
    }
}

/// Bytes that may start a token; a body without any is not parsed again.
fn may_hold_foreign(text: &str) -> bool {
    // One pass over the `{` and `<` of the body (most bodies have few), then one for
    // `import ` / `export ` at a line start: this runs on every page.
    let b = text.as_bytes();
    for i in memchr::memchr2_iter(b'{', b'<', b) {
        let n1 = b.get(i + 1).copied();
        let n2 = b.get(i + 2).copied();
        let hit = match (b.get(i).copied(), n1, n2) {
            (Some(b'{'), Some(b':' | b'%'), _) => true,
            (Some(b'{'), Some(b'{'), Some(b'<' | b'%')) => true,
            (Some(b'{'), Some(b'/'), Some(b'*')) => true,
            (Some(b'<'), Some(b'%'), _) => true,
            (Some(b'<'), Some(c), _) if c.is_ascii_uppercase() => true,
            (Some(b'<'), Some(b'/'), Some(c)) if c.is_ascii_uppercase() => true,
            _ => false,
        };
        if hit {
            return true;
        }
    }
    memchr::memmem::find_iter(b, b"port ").any(|i| {
        let word = i.checked_sub(2).and_then(|s| b.get(s..i));
        let line_start = i < 3 || b.get(i - 3) == Some(&b'\n');
        line_start && matches!(word, Some(b"im") | Some(b"ex"))
    })
}

/// What the Markdown structure says about a body: where code is, and the top-level
/// lists and paragraphs.
#[derive(Default)]
struct Layout {
    /// Code spans, code blocks, `<pre>`/`<script>`/`<style>`/`<textarea>` blocks,
    /// `<code>`/`<kbd>`/`<samp>` elements, HTML comments. Sorted by start.
    code: Vec<Range<usize>>,
    lists: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
}

fn layout(text: &str) -> Layout {
    let mut l = Layout::default();
    let mut depth = 0usize;
    let mut inline_code: Option<usize> = None;
    for (ev, r) in Parser::new_ext(text, super::parser::options()).into_offset_iter() {
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
fn in_code(code: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = code.partition_point(|r| r.start <= pos);
    code.get(..i)?
        .iter()
        .rev()
        .take(64)
        .find(|r| r.contains(&pos))
        .map(|r| r.end)
}

/// Longest a tag may be, and it never crosses a blank line.
const MAX_TAG: usize = 4096;

/// Find `close` after `from`, on the same paragraph (no blank line), within [`MAX_TAG`].
fn find_close(text: &str, from: usize, close: &str) -> Option<usize> {
    let window = text.get(from..)?;
    let window = window.get(..window.len().min(MAX_TAG)).unwrap_or(window);
    let at = window.find(close)?;
    let inside = window.get(..at)?;
    if inside.contains("\n\n") || inside.contains("\n\r\n") {
        return None;
    }
    Some(from + at + close.len())
}

/// Find the foreign syntax in a body.
pub fn scan(text: &str) -> Scan {
    let mut s = Scan::default();
    if !may_hold_foreign(text) {
        return s;
    }
    let lay = layout(text);
    let bytes = text.as_bytes();
    // MDX `import` / `export` statements: a top-level paragraph that is one.
    let mut skip: Vec<Range<usize>> = Vec::new();
    for p in &lay.paragraphs {
        let t = text.get(p.clone()).unwrap_or("");
        if is_esm(t) {
            s.found.push(Found {
                kind: Kind::Mdx,
                range: p.start..p.start + t.find('\n').unwrap_or(t.len()),
                fate: Fate::Dropped,
            });
            s.edits.push(Edit {
                range: p.clone(),
                with: String::new(),
            });
            skip.push(p.clone());
        }
    }
    let mut code = lay.code.clone();
    code.extend(skip);
    code.sort_by_key(|r| r.start);

    let mut i = 0;
    while i < bytes.len() {
        let Some(&b) = bytes.get(i) else { break };
        if b != b'{' && b != b'<' {
            i += 1;
            continue;
        }
        if let Some(end) = in_code(&code, i) {
            i = end.max(i + 1);
            continue;
        }
        if i > 0 && bytes.get(i - 1) == Some(&b'\\') {
            i += 1;
            continue;
        }
        let rest = text.get(i..).unwrap_or("");
        let next = if rest.starts_with("{:") {
            kramdown(text, i, &lay, &mut s)
        } else if rest.starts_with("{%") {
            liquid(text, i, &mut s)
        } else if rest.starts_with("{{<") || rest.starts_with("{{%") {
            hugo(text, i, &mut s)
        } else if rest.starts_with("{/*") {
            mdx_comment(text, i, &mut s)
        } else if rest.starts_with("<%") {
            erb(text, i, &mut s)
        } else if b == b'<' {
            jsx(text, i, &mut s)
        } else {
            None
        };
        i = next.unwrap_or(i + 1).max(i + 1);
    }
    s.found.sort_by_key(|f| f.range.start);
    s.edits.sort_by_key(|e| e.range.start);
    // Overlapping edits: the first wins (a list dropped with its `{:toc}` holds others).
    let mut kept: Vec<Edit> = Vec::with_capacity(s.edits.len());
    for e in std::mem::take(&mut s.edits) {
        match kept.last_mut() {
            Some(last) if e.range.start < last.range.end => {
                if e.range.end > last.range.end && last.with.is_empty() && e.with.is_empty() {
                    last.range.end = e.range.end;
                }
            }
            _ => kept.push(e),
        }
    }
    s.edits = kept;
    s
}

fn blank(s: &mut Scan, range: Range<usize>) {
    s.edits.push(Edit {
        range,
        with: String::new(),
    });
}

/// An MDX ESM statement: `import X from "y"`, `import "y"`, `export const x = ...`.
fn is_esm(t: &str) -> bool {
    if let Some(rest) = t.strip_prefix("import ") {
        let first = rest.lines().next().unwrap_or("");
        let rest = rest.trim_start();
        return rest.starts_with(['"', '\''])
            || first.contains(" from \"")
            || first.contains(" from '")
            || (rest.starts_with('{') && t.contains("} from "));
    }
    if let Some(rest) = t.strip_prefix("export ") {
        let word = rest.split(|c: char| !c.is_ascii_alphanumeric()).next();
        return matches!(
            word,
            Some("const" | "let" | "var" | "function" | "default" | "async" | "class")
        ) || rest.starts_with('{')
            || rest.starts_with('*');
    }
    false
}

/// Where the line holding `pos` starts.
fn line_start_of(text: &str, pos: usize) -> usize {
    line_start(text.as_bytes(), pos)
}

/// A Kramdown attribute list `{: .class #id key="v"}`, a reference `{:name}`, a
/// definition `{:name: ...}`, `{:toc}`, or an extension `{::comment}`, `{::options .../}`.
fn kramdown(text: &str, i: usize, lay: &Layout, s: &mut Scan) -> Option<usize> {
    let bytes = text.as_bytes();
    let window = bytes.get(i + 2..(i + MAX_TAG).min(bytes.len()))?;
    let close = 2 + memchr::memchr2(b'}', b'\n', window)?;
    if bytes.get(i + close) != Some(&b'}') {
        return None;
    }
    let end = i + close + 1;
    // Only blanks before it on its line, and after it?
    let blank_before = bytes
        .get(..i)?
        .iter()
        .rev()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count();
    let ls = i - blank_before;
    let starts_line = ls == 0 || bytes.get(ls - 1) == Some(&b'\n');
    let blank_after = bytes
        .get(end..)?
        .iter()
        .take_while(|b| **b == b' ' || **b == b'\t' || **b == b'\r')
        .count();
    let ends_line = bytes.get(end + blank_after).is_none_or(|b| *b == b'\n');
    let inner = text.get(i + 2..i + close)?;
    if inner.contains('{') {
        return None;
    }
    // Extensions: `{::name ...}`, `{::name .../}`, `{:/name}`, `{:/}`.
    if let Some(ext) = inner.strip_prefix(':') {
        let name: String = ext
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            return None;
        }
        if name == "comment" && !ext.trim_end().ends_with('/') {
            let stop = ["{:/comment}", "{:/}"]
                .iter()
                .filter_map(|c| s.find_from(text, c, end).map(|n| n + c.len()))
                .min()
                .unwrap_or(end);
            s.found.push(Found {
                kind: Kind::Kramdown,
                range: i..end,
                fate: Fate::DroppedWith("its text"),
            });
            blank(s, i..stop);
            return Some(stop);
        }
        dropped(s, Kind::Kramdown, i..end);
        return Some(end);
    }
    if let Some(close_name) = inner.strip_prefix('/') {
        if !close_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return None;
        }
        dropped(s, Kind::Kramdown, i..end);
        return Some(end);
    }
    // An attribute list definition `{:name: attrs}`.
    let body = match inner.split_once(':') {
        Some((name, attrs)) if is_name(name) && !name.is_empty() => attrs,
        _ => inner,
    };
    let tokens = ial_tokens(body)?;
    if tokens.is_empty() {
        return None;
    }
    let toc = tokens.contains(&"toc");
    let alone = starts_line && ends_line;
    if toc {
        // `* TOC\n{:toc}`: the list it ends is the table of contents; both go.
        let list = lay
            .lists
            .iter()
            .find(|r| r.start <= i && i < r.end)
            .cloned();
        let fate = if list.is_some() {
            Fate::DroppedWith("its list")
        } else {
            Fate::Dropped
        };
        let range = list.unwrap_or(i..end);
        s.found.push(Found {
            kind: Kind::Kramdown,
            range: i..end,
            fate,
        });
        blank(s, range.start.min(i)..range.end.max(end));
        return Some(end);
    }
    let id = tokens
        .iter()
        .find_map(|t| t.strip_prefix('#'))
        .filter(|id| !id.is_empty())
        .map(str::to_string);
    if let Some(id) = id {
        // On the line after an ATX heading, or at the end of one: the heading takes it.
        let heading_line = if alone && ls > 0 {
            Some((line_start_of(text, ls - 1), ls - 1))
        } else if ends_line {
            Some((line_start_of(text, i), i))
        } else {
            None
        };
        if let Some((hs, he)) = heading_line
            && let Some(h) = text.get(hs..he)
            && is_atx_heading(h)
        {
            let h_end = hs + h.trim_end().len();
            let with = format!(" {{#{id}}}");
            if with.len() <= end - h_end {
                s.found.push(Found {
                    kind: Kind::Kramdown,
                    range: i..end,
                    fate: Fate::HeadingId(id),
                });
                s.edits.push(Edit {
                    range: h_end..end,
                    with,
                });
                return Some(end);
            }
        }
    }
    dropped(s, Kind::Kramdown, i..end);
    Some(end)
}

fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic())
        && c.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `# Heading` with no attribute block of its own.
fn is_atx_heading(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let hashes = t.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes)
        && t.as_bytes().get(hashes).is_some_and(|b| *b == b' ')
        && !t.trim_end().ends_with('}')
}

/// The tokens of an attribute list, or `None` when it is not one: `.class`, `#id`,
/// `key="value"`, `key='value'`, `key=value`, a reference name.
fn ial_tokens(body: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let start = i;
        let mut quote: Option<u8> = None;
        while let Some(&c) = b.get(i) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c.is_ascii_whitespace() => break,
                None => {}
            }
            i += 1;
        }
        if quote.is_some() {
            return None;
        }
        let tok = body.get(start..i)?;
        let ok = if let Some(r) = tok.strip_prefix('.').or_else(|| tok.strip_prefix('#')) {
            !r.is_empty()
                && r.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        } else if let Some((k, _)) = tok.split_once('=') {
            is_name(k)
        } else {
            is_name(tok)
        };
        if !ok {
            return None;
        }
        out.push(tok);
    }
    Some(out)
}

/// Is the token at `i` a link target: `](` before it and `)` after, or an HTML
/// `href="` / `src="` attribute value?
fn in_url_position(text: &str, i: usize, end: usize) -> bool {
    let before = text.get(..i).unwrap_or("").trim_end_matches(' ');
    let after = text.get(end..).unwrap_or("").trim_start_matches(' ');
    if before.ends_with("](") && after.starts_with(')') {
        return true;
    }
    // A reference definition: `[label]: {% page "/x/" %}` on a line of its own.
    let line = before.rsplit('\n').next().unwrap_or(before);
    let rest = after.split('\n').next().unwrap_or(after).trim();
    if line.len() - line.trim_start().len() < 4
        && let Some(label) = line.trim_start().strip_prefix('[')
        && let Some(label) = label.strip_suffix("]:")
        && !label.is_empty()
        && !label.contains(']')
        && (rest.is_empty() || rest.starts_with(['"', '\'', '(']))
    {
        return true;
    }
    let tail = before.as_bytes();
    let tail = tail.get(tail.len().saturating_sub(6)..).unwrap_or(&[]);
    ["href=\"", "href='", "src=\"", "src='"].iter().any(|p| {
        tail.len() >= p.len()
            && tail
                .get(tail.len() - p.len()..)
                .is_some_and(|t| t.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// The one argument of a tag (`page "/x/"` → `/x/`), when it has exactly one.
fn sole_argument(inner: &str) -> Option<String> {
    let mut words = inner.split_whitespace();
    let _name = words.next()?;
    let arg = words.next()?;
    if words.next().is_some() {
        return None;
    }
    let arg = arg
        .strip_prefix('"')
        .and_then(|a| a.strip_suffix('"'))
        .or_else(|| arg.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')))
        .unwrap_or(arg);
    if arg.is_empty() || arg.contains(['"', '\'', '<', '>', '(', ')', '{', '}']) {
        return None;
    }
    // Generators resolve these from the site's root (`page "tools/x"`, `ref "a.md"`).
    if arg.starts_with(['/', '#', '.']) || arg.contains("://") || arg.starts_with("mailto:") {
        Some(arg.to_string())
    } else {
        Some(format!("/{arg}"))
    }
}

/// The name of a tag's inside: `- include x -` → `include`.
fn tag_name(inner: &str) -> &str {
    inner
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        .split(|c: char| c.is_whitespace() || c == '"' || c == '\'')
        .next()
        .unwrap_or("")
}

/// A Liquid tag `{% name ... %}`; `raw` and `comment` take their text up to the end tag.
fn liquid(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    let end = find_close(text, i + 2, "%}")?;
    let inner = text.get(i + 2..end - 2)?;
    let name = tag_name(inner);
    // The end tag, with any spacing and `-` trimming: `{%- endraw -%}`.
    let stop_at = |s: &mut Scan, close: &'static str| -> Option<(usize, usize)> {
        let mut from = end;
        loop {
            let at = s.find_from(text, close, from)?;
            from = at + 1;
            let head = text
                .as_bytes()
                .get(at.saturating_sub(16)..at)
                .unwrap_or(&[]);
            let Some(open) = memchr::memmem::rfind(head, b"{%") else {
                continue;
            };
            let st = at - head.len() + open;
            let Some(e) = find_close(text, st + 2, "%}") else {
                continue;
            };
            if tag_name(text.get(st + 2..e - 2).unwrap_or("")) == close {
                return Some((st, e));
            }
        }
    };
    match name {
        "raw" => {
            s.found.push(Found {
                kind: Kind::Liquid,
                range: i..end,
                fate: Fate::Raw,
            });
            blank(s, i..end);
            if let Some((st, e)) = stop_at(s, "endraw") {
                blank(s, st..e);
                return Some(e);
            }
            Some(text.len())
        }
        "comment" => {
            let stop = stop_at(s, "endcomment").map_or(end, |(_, e)| e);
            s.found.push(Found {
                kind: Kind::Liquid,
                range: i..end,
                fate: Fate::DroppedWith("its text"),
            });
            blank(s, i..stop);
            Some(stop)
        }
        _ => {
            push_tag(text, i, end, inner, Kind::Liquid, s);
            Some(end)
        }
    }
}

/// A tag that is left out, or replaced by its argument where it is a link target.
fn push_tag(text: &str, i: usize, end: usize, inner: &str, kind: Kind, s: &mut Scan) {
    if in_url_position(text, i, end)
        && let Some(arg) = sole_argument(inner.trim_matches(|c: char| c == '-' || c == '/'))
        && arg.len() <= end - i
    {
        s.found.push(Found {
            kind,
            range: i..end,
            fate: Fate::Replaced(arg.clone()),
        });
        s.edits.push(Edit {
            range: i..end,
            with: arg,
        });
        return;
    }
    dropped(s, kind, i..end);
}

/// A Hugo shortcode `{{< name >}}`, `{{% name %}}`, `{{< /name >}}`. `{{</* x */>}}` is
/// Hugo's way to show one as text: left alone.
fn hugo(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    let rest = text.get(i..)?;
    if rest.starts_with("{{</*") || rest.starts_with("{{%/*") {
        let close = if rest.starts_with("{{<") {
            "*/>}}"
        } else {
            "*/%}}"
        };
        return find_close(text, i + 5, close);
    }
    let close = if rest.starts_with("{{<") {
        ">}}"
    } else {
        "%}}"
    };
    let end = find_close(text, i + 3, close)?;
    let inner = text.get(i + 3..end - 3)?;
    push_tag(text, i, end, inner, Kind::Hugo, s);
    Some(end)
}

/// An MDX comment `{/* ... */}`.
fn mdx_comment(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    drop_until(text, i, 3, "*/}", Kind::Mdx, s)
}

/// ERB: `<% ... %>`, `<%= ... %>`, `<%# ... %>`.
fn erb(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    drop_until(text, i, 2, "%>", Kind::Erb, s)
}

/// A token reported and left out of the page.
fn dropped(s: &mut Scan, kind: Kind, range: Range<usize>) {
    s.found.push(Found {
        kind,
        range: range.clone(),
        fate: Fate::Dropped,
    });
    blank(s, range);
}

/// A token from `i` (its opening `open` bytes long) to its `close`, reported and left out.
fn drop_until(
    text: &str,
    i: usize,
    open: usize,
    close: &str,
    kind: Kind,
    s: &mut Scan,
) -> Option<usize> {
    let end = find_close(text, i + open, close)?;
    dropped(s, kind, i..end);
    Some(end)
}

/// A JSX component tag: `<Tabs>`, `</Tabs>`, `<Callout type="x" />`, `<Foo.Bar>`. The
/// name starts with a capital and has a small letter (`<NAME>` is a placeholder), and is
/// no HTML element (HTML names are case-insensitive: `<Table>` is HTML).
fn jsx(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = i + 1;
    if b.get(j) == Some(&b'/') {
        j += 1;
    }
    let name_start = j;
    if !b.get(j)?.is_ascii_uppercase() {
        return None;
    }
    while b
        .get(j)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.' || *c == b'_')
    {
        j += 1;
    }
    let name = text.get(name_start..j)?;
    if !name.bytes().any(|c| c.is_ascii_lowercase()) || is_html_element(name) {
        return None;
    }
    if !b
        .get(j)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/'))
    {
        return None;
    }
    // The end of the tag: `>` outside quotes and `{...}` expressions.
    let mut quote: Option<u8> = None;
    let mut braces = 0usize;
    let limit = (i + MAX_TAG).min(b.len());
    let mut prev_nl = false;
    while j < limit {
        let c = *b.get(j)?;
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'{' => braces += 1,
                b'}' => braces = braces.saturating_sub(1),
                b'>' if braces == 0 => {
                    let end = j + 1;
                    dropped(s, Kind::Mdx, i..end);
                    return Some(end);
                }
                _ => {}
            },
        }
        if c == b'\n' {
            if prev_nl {
                return None;
            }
            prev_nl = true;
        } else if !c.is_ascii_whitespace() {
            prev_nl = false;
        }
        j += 1;
    }
    None
}

/// HTML and SVG element names (lower case).
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "math",
    "circle",
    "clippath",
    "defs",
    "ellipse",
    "g",
    "line",
    "lineargradient",
    "path",
    "polygon",
    "polyline",
    "radialgradient",
    "rect",
    "stop",
    "symbol",
    "text",
    "use",
    "foreignobject",
    "tspan",
    "marker",
    "mask",
    "pattern",
    "filter",
    "image",
];

fn is_html_element(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    HTML_ELEMENTS.contains(&lower.as_str())
}

/// One finding per kind of syntax in a file, at its first token, with the count and the
/// lines of the others: a page with 300 attribute lists gets one finding, not 300.
pub fn report(
    found: &[Found],
    file: &crate::source::SourceFile,
    id: crate::source::FileId,
    offset: usize,
    diags: &mut Vec<crate::diagnostics::Diagnostic>,
) {
    use crate::diagnostics::Diagnostic;
    use crate::rules::SYNTAX_FOREIGN as RULE;
    let mut by_kind: std::collections::BTreeMap<Kind, Vec<&Found>> = Default::default();
    for f in found {
        by_kind.entry(f.kind).or_default().push(f);
    }
    for (kind, all) in by_kind {
        let Some(first) = all.first() else { continue };
        let start = offset + first.range.start;
        let end = offset + first.range.end;
        let token = file.text.get(start..end).unwrap_or("");
        let line = token.lines().next().unwrap_or("");
        let mut shown: String = line.chars().take(60).collect();
        if shown.len() < token.len() {
            shown.push('…');
        }
        let verb = if kind == Kind::Kramdown {
            "read"
        } else {
            "run"
        };
        let fate = match &first.fate {
            Fate::Dropped => "it is left out of the page".to_string(),
            Fate::DroppedWith(what) => format!("it is left out of the page, with {what}"),
            Fate::Replaced(arg) => format!("the link goes to its argument `{arg}`"),
            Fate::HeadingId(hid) => {
                format!("the heading above takes the id `{hid}`, the rest is left out")
            }
            Fate::Raw => {
                "it is left out, and the text up to its end tag is shown as it is".to_string()
            }
        };
        let what = if kind == Kind::Mdx && token.starts_with('<') {
            "a JSX component, or a tag no browser shows"
        } else {
            kind.name()
        };
        let mut message = format!("`{shown}` is {what}, which gtmbook does not {verb}: {fate}");
        if all.len() > 1 {
            message.push_str(&format!(" ({} {} in this file)", all.len(), kind.plural()));
        }
        let help = match kind {
            Kind::Kramdown => {
                "every gtmbook page has its own table of contents, and a heading takes an id written `## Heading {#id}`: delete the attribute list"
            }
            Kind::Mdx => {
                "write the component's content as Markdown (or HTML), and delete `import`/`export` lines"
            }
            _ => {
                "gtmbook has no template language: write out the text or the link the tag stood for (`{{msg:…}}` and `{{claim:…}}` share text between pages)"
            }
        };
        let mut d =
            Diagnostic::new(&RULE, crate::source::Span::new(id, start, end), message).help(help);
        let mut lines: Vec<usize> = all
            .iter()
            .skip(1)
            .map(|f| file.line_of(offset + f.range.start))
            .collect();
        lines.dedup();
        if !lines.is_empty() {
            const SHOWN: usize = 12;
            let list: Vec<String> = lines.iter().take(SHOWN).map(|l| l.to_string()).collect();
            let more = lines.len().saturating_sub(SHOWN);
            let mut note = format!(
                "the others are on line{} {}",
                if lines.len() > 1 { "s" } else { "" },
                list.join(", ")
            );
            if more > 0 {
                note.push_str(&format!(" and {more} more"));
            }
            d = d.note(note);
        }
        diags.push(d);
    }
}

// ---------------------------------------------------------------------------
// Markdown inside HTML blocks marked `markdown="1"`.

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
    let opts = super::parser::options();
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
        Parser::new_with_broken_link_callback(seg, super::parser::options(), Some(&mut callback));
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
    for (ev, r) in Parser::new_ext(seg, super::parser::options()).into_offset_iter() {
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
    fn the_quick_test_sees_every_kind_and_passes_plain_text() {
        for t in [
            "a {: .x}",
            "{% if %}",
            "x {{< y >}}",
            "x {{% y %}}",
            "{/* c */}",
            "<%= x %>",
            "<Tabs>",
            "a </Tabs>",
            "import X from 'y'",
            "text\nexport const a = 1",
        ] {
            assert!(may_hold_foreign(t), "{t}");
        }
        for t in [
            "plain {{msg:a.b}} and {{ first_name }} <b>x</b> < 3",
            "we import goods",
            "re-export them",
            "",
        ] {
            assert!(!may_hold_foreign(t), "{t}");
        }
    }

    fn applied(text: &str) -> String {
        scan(text).apply(text).into_owned()
    }

    fn kinds(text: &str) -> Vec<Kind> {
        scan(text).found.iter().map(|f| f.kind).collect()
    }

    #[test]
    fn a_line_never_becomes_code() {
        let a = applied("Text\n\n{% include a.html %} see [x](y.md)\n\n{% if x %}\n");
        assert!(
            a.contains("\n&#32;                see [x](y.md)\n"),
            "{a:?}"
        );
        assert!(a.ends_with("\n\n          \n"), "{a:?}");
    }

    #[test]
    fn offsets_are_kept() {
        let t = "A {% include x.html %} b {: .note}\n\n`{% keep %}`\n";
        let a = applied(t);
        assert_eq!(a.len(), t.len());
        assert_eq!(a, "A                      b          \n\n`{% keep %}`\n");
    }

    #[test]
    fn toc_takes_its_list() {
        let a = applied("Intro\n\n* TOC\n{:toc}\n\nText\n");
        assert_eq!(
            a.trim_matches([' ', '\n']),
            "Intro\n\n     \n      \n\nText"
        );
    }

    #[test]
    fn heading_takes_the_id() {
        assert_eq!(
            applied("## Plans\n{: #plans-2}\n"),
            "## Plans {#plans-2}  \n"
        );
        assert_eq!(applied("## Plans {: #p}\n"), "## Plans {#p}  \n");
    }

    #[test]
    fn liquid_in_a_link_keeps_its_argument() {
        let a = applied("See [x][r].\n\n[r]: {% page \"/a/b/\" %}\n");
        assert!(a.contains("\n[r]: /a/b/"), "{a}");
        let a = applied("[x]({% page \"/a/b/\" %}) and {% slack_channel \"dc\" %}.");
        assert!(a.starts_with("[x](/a/b/"), "{a}");
        assert!(a.ends_with(" and                         ."), "{a}");
    }

    #[test]
    fn raw_and_comment() {
        let a = applied("{% raw %}{{ x }} {% y %}{% endraw %} {% comment %}gone{% endcomment %}!");
        assert_eq!(
            a.trim(),
            "&#32;    {{ x }} {% y %}                                              !"
        );
    }

    #[test]
    fn what_is_not_foreign() {
        assert!(
            kinds("Hi {{ first_name }}, see {{msg:a.b}} and <Table> <NAME> {:x => 1}").is_empty()
        );
        assert!(kinds("```\n{% x %}\n<Tabs>\n```\n    {: .x}\n").is_empty());
        assert!(kinds("<!-- {% x %} --> \\{% y %}").is_empty());
        assert!(kinds("import the list from the CRM.\n").is_empty());
    }

    #[test]
    fn each_kind() {
        assert_eq!(
            kinds("{{< note >}}x{{< /note >}}"),
            [Kind::Hugo, Kind::Hugo]
        );
        assert_eq!(kinds("a <%= name %> b"), [Kind::Erb]);
        assert_eq!(
            kinds("import Tabs from '@theme/Tabs';\n\n<Tabs>\nx\n</Tabs>\n"),
            [Kind::Mdx, Kind::Mdx, Kind::Mdx]
        );
        assert_eq!(kinds("Text\n{: .lead}\n"), [Kind::Kramdown]);
    }

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
