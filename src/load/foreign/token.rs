//! What a scan finds and how it changes the body: the kinds of foreign syntax, each
//! token's fate, and [`Scan::apply`], which blanks the tokens in a copy of the body
//! without moving any other byte. The helpers every syntax reader shares (end markers,
//! dropping a token) are here too.

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
pub(super) struct Edit {
    pub(super) range: Range<usize>,
    pub(super) with: String,
}

/// What [`scan`] found in a body.
#[derive(Debug, Default)]
pub struct Scan {
    pub found: Vec<Found>,
    pub(super) edits: Vec<Edit>,
    /// The next place of each end marker searched for, so that many unclosed openings
    /// do not search the rest of the body again each.
    ends: HashMap<&'static str, Option<usize>>,
}

impl Scan {
    /// The first `needle` at or after `from`.
    pub(super) fn find_from(
        &mut self,
        text: &str,
        needle: &'static str,
        from: usize,
    ) -> Option<usize> {
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

/// Longest a tag may be, and it never crosses a blank line.
pub(super) const MAX_TAG: usize = 4096;

/// Find `close` after `from`, on the same paragraph (no blank line), within [`MAX_TAG`].
pub(super) fn find_close(text: &str, from: usize, close: &str) -> Option<usize> {
    let window = text.get(from..)?;
    let window = window.get(..window.len().min(MAX_TAG)).unwrap_or(window);
    let at = window.find(close)?;
    let inside = window.get(..at)?;
    if inside.contains("\n\n") || inside.contains("\n\r\n") {
        return None;
    }
    Some(from + at + close.len())
}

pub(super) fn blank(s: &mut Scan, range: Range<usize>) {
    s.edits.push(Edit {
        range,
        with: String::new(),
    });
}

/// A token reported and left out of the page.
pub(super) fn dropped(s: &mut Scan, kind: Kind, range: Range<usize>) {
    s.found.push(Found {
        kind,
        range: range.clone(),
        fate: Fate::Dropped,
    });
    blank(s, range);
}

/// A token from `i` (its opening `open` bytes long) to its `close`, reported and left out.
pub(super) fn drop_until(
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
