//! Positions as LSP counts them: a line and a column in UTF-16 code units (or UTF-8
//! bytes when the editor offers it), from and to the byte offsets of the model; and
//! `file:` URIs from and to paths.

use lsp_types::{Position, Range, Uri};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::path::{Path, PathBuf};

/// How columns are counted, as negotiated at `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The offsets where the lines of a text start.
fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
}

/// The position of byte `offset` in `text` (an offset inside a character counts from
/// that character's start; past the end, the end).
pub fn position(text: &str, offset: usize, enc: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = line_starts(text)
        .take_while(|s| *s <= offset)
        .enumerate()
        .last()
        .unwrap_or((0, 0));
    let before = text.get(start.1..offset).unwrap_or("");
    let col = match enc {
        Encoding::Utf8 => before.len(),
        Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
    };
    Position::new(
        u32::try_from(start.0).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

/// The range of bytes `start..end` in `text`.
pub fn range(text: &str, start: usize, end: usize, enc: Encoding) -> Range {
    Range::new(position(text, start, enc), position(text, end, enc))
}

/// The byte offset of a position in `text`. A line past the end is the end of the text;
/// a column past the end of its line is the end of the line; a column inside a
/// character is that character's start.
pub fn offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let Some(start) = line_starts(text).nth(pos.line as usize) else {
        return text.len();
    };
    let line = text.get(start..).unwrap_or("");
    let line = line.split_inclusive('\n').next().unwrap_or("");
    let line = line.trim_end_matches('\n').trim_end_matches('\r');
    let want = pos.character as usize;
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= want {
            return start + i;
        }
        units += match enc {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if units > want {
            return start + i;
        }
    }
    start + line.len()
}

/// What may stay as it is in the path of a `file:` URI.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The path of a `file:` URI, or `None` for another scheme (`untitled:`, `git:`).
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: only the local host is a path here.
    let rest = match rest.find('/') {
        Some(0) => rest,
        Some(i) if rest.get(..i) == Some("localhost") => rest.get(i..)?,
        _ => return None,
    };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_decode_str(rest).decode_utf8().ok()?.into_owned();
    // `file:///C:/x` on Windows.
    let bytes = decoded.as_bytes();
    if cfg!(windows) && bytes.get(2) == Some(&b':') {
        return Some(PathBuf::from(decoded.get(1..)?));
    }
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = if s.starts_with('/') {
        s
    } else {
        format!("/{s}")
    };
    format!("file://{}", utf8_percent_encode(&s, PATH))
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        // "😀" is 4 bytes, 2 UTF-16 units; "“" is 3 bytes, 1 unit.
        let text = "a\n😀 “x” y\n";
        let y = text.find('y').unwrap();
        assert_eq!(position(text, y, Encoding::Utf16), Position::new(1, 7));
        assert_eq!(position(text, y, Encoding::Utf8), Position::new(1, 13));
        assert_eq!(offset(text, Position::new(1, 7), Encoding::Utf16), y);
        assert_eq!(offset(text, Position::new(1, 13), Encoding::Utf8), y);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(offset(text, Position::new(1, 1), Encoding::Utf16), 2);
        // Past the end of the line, past the last line.
        assert_eq!(offset(text, Position::new(0, 99), Encoding::Utf16), 1);
        assert_eq!(
            offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        assert_eq!(position(text, 999, Encoding::Utf16), Position::new(2, 0));
    }

    #[test]
    fn uris_round_trip() {
        let p = Path::new("/tmp/a book/ü#1.md");
        let uri = path_to_uri(p).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20book/%C3%BC%231.md");
        assert_eq!(uri_to_path(&uri).unwrap(), p);
        let other: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(uri_to_path(&other), None);
    }
}
