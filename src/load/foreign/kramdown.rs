//! Kramdown in a body: attribute lists `{: .class #id}`, references and definitions,
//! `{:toc}` with its list, extensions such as `{::comment}`, and `{: #id}` after a
//! heading, which the heading takes.

use super::layout::Layout;
use super::token::{Edit, Fate, Found, Kind, MAX_TAG, Scan, blank, dropped};

fn line_start(bytes: &[u8], pos: usize) -> usize {
    bytes
        .get(..pos)
        .and_then(|b| memchr::memrchr(b'\n', b))
        .map_or(0, |n| n + 1)
}

/// Where the line holding `pos` starts.
fn line_start_of(text: &str, pos: usize) -> usize {
    line_start(text.as_bytes(), pos)
}

/// A Kramdown attribute list `{: .class #id key="v"}`, a reference `{:name}`, a
/// definition `{:name: ...}`, `{:toc}`, or an extension `{::comment}`, `{::options .../}`.
pub(super) fn kramdown(text: &str, i: usize, lay: &Layout, s: &mut Scan) -> Option<usize> {
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
