//! Where each byte of a front-matter value is in the file: the scalar's source (the
//! span the loader kept) is read again in its style — plain, single- or double-quoted
//! with escapes, literal `|` or folded `>` block with any chomping — to map every run
//! of the value back to the file, across folded lines and escapes.

/// How a flow scalar is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Plain,
    Single,
    Double,
}

/// The runs of a value's offset map (`model::Prose::map`), checked against the value as
/// they are written: a reading that does not give back the value is dropped.
struct Runs<'v> {
    value: &'v str,
    /// How much of the value has been written.
    at: usize,
    runs: Vec<(u32, u32)>,
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'v> Runs<'v> {
    fn new(value: &'v str) -> Self {
        Runs {
            value,
            at: 0,
            runs: Vec::new(),
        }
    }

    /// The value goes on with `s`, read at `file` in the file.
    fn push(&mut self, s: &str, file: usize) -> Option<()> {
        if !self.value.get(self.at..)?.starts_with(s) {
            return None;
        }
        let t = self.at;
        let contiguous = self
            .runs
            .last()
            .is_some_and(|&(rt, rf)| rf as usize + (t - rt as usize) == file);
        if !contiguous {
            self.runs.push((u32_of(t), u32_of(file)));
        }
        self.at += s.len();
        Some(())
    }

    /// What the value still holds.
    fn rest(&self) -> &'v str {
        self.value.get(self.at..).unwrap_or("")
    }

    fn done(self) -> Option<Vec<(u32, u32)>> {
        (self.at == self.value.len() && !self.runs.is_empty()).then_some(self.runs)
    }
}

/// The offset map of `value`, the value of the scalar written at `start..end` of
/// `source`: `(offset in value, offset in file)` at the start of each run. When no
/// reading of the source gives the value back (a number written `1.50`, a TOML
/// multi-line string), the value is taken to start at the scalar's first character.
pub fn runs(source: &str, start: usize, end: usize, value: &str) -> Vec<(u32, u32)> {
    let raw = source.get(start..end.max(start)).unwrap_or("");
    let quote = raw.chars().next().filter(|c| matches!(c, '"' | '\''));
    // The common cases first: a value written as it is, or quoted without escapes.
    if raw == value {
        return vec![(0, u32_of(start))];
    }
    if let Some(q) = quote
        && raw.len() >= 2
        && raw.ends_with(q)
        && raw.get(1..raw.len() - 1) == Some(value)
    {
        return vec![(0, u32_of(start + 1))];
    }
    let quoted = quote.and_then(|q| {
        let inner = raw.get(1..raw.len().checked_sub(1)?)?;
        if !raw.ends_with(q) || raw.len() < 2 {
            return None;
        }
        let style = if q == '"' { Flow::Double } else { Flow::Single };
        flow(inner, start + 1, style, Runs::new(value))
    });
    quoted
        .or_else(|| flow(raw, start, Flow::Plain, Runs::new(value)))
        .or_else(|| block(source, start, end, false, Runs::new(value)))
        .or_else(|| block(source, start, end, true, Runs::new(value)))
        .unwrap_or_else(|| vec![(0, u32_of(start + usize::from(quote.is_some())))])
}

/// A flow scalar (`raw` is its text inside the quotes, at `base` in the file): lines
/// folded (one break is a space, `n` breaks are `n - 1` newlines, blanks around a break
/// dropped), `''` in single quotes, escapes in double quotes.
fn flow(raw: &str, base: usize, style: Flow, mut w: Runs) -> Option<Vec<(u32, u32)>> {
    let b = raw.as_bytes();
    let special = |c: u8| match c {
        b' ' | b'\t' | b'\n' | b'\r' => true,
        b'\'' => style == Flow::Single,
        b'"' | b'\\' => style == Flow::Double,
        _ => false,
    };
    let mut i = 0;
    // Blanks not written yet (dropped if a line break follows).
    let mut blanks: Option<usize> = None;
    // Line breaks since the last text, by their offset in `raw`.
    let mut breaks: Vec<usize> = Vec::new();
    // Past a line break: leading blanks are dropped.
    let mut line_start = false;
    // The breaks follow an escaped line break: each is a newline.
    let mut escaped = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'\n' | b'\r' => {
                breaks.push(i);
                i += if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                blanks = None;
                line_start = true;
            }
            b' ' | b'\t' => {
                if !line_start && blanks.is_none() {
                    blanks = Some(i);
                }
                i += 1;
            }
            _ => {
                fold(&mut w, base, &breaks, escaped)?;
                if breaks.is_empty()
                    && let Some(from) = blanks
                {
                    w.push(raw.get(from..i)?, base + from)?;
                }
                breaks.clear();
                blanks = None;
                line_start = false;
                escaped = false;
                match (style, c) {
                    (Flow::Single, b'\'') => {
                        if b.get(i + 1) != Some(&b'\'') {
                            return None;
                        }
                        w.push("'", base + i)?;
                        i += 2;
                    }
                    (Flow::Double, b'"') => return None,
                    (Flow::Double, b'\\') => {
                        let rest = raw.get(i + 1..)?;
                        if rest.starts_with('\n') || rest.starts_with("\r\n") {
                            // An escaped line break joins the lines with nothing between.
                            i += if rest.starts_with('\n') { 2 } else { 3 };
                            line_start = true;
                            escaped = true;
                        } else {
                            let (ch, len) = escape(rest)?;
                            w.push(ch.encode_utf8(&mut [0; 4]), base + i)?;
                            i += 1 + len;
                        }
                    }
                    _ => {
                        let mut j = i + 1;
                        while b.get(j).is_some_and(|&c| !special(c)) {
                            j += 1;
                        }
                        w.push(raw.get(i..j)?, base + i)?;
                        i = j;
                    }
                }
            }
        }
    }
    if style != Flow::Plain {
        fold(&mut w, base, &breaks, escaped)?;
        if breaks.is_empty()
            && let Some(from) = blanks
        {
            w.push(raw.get(from..)?, base + from)?;
        }
    }
    w.done()
}

/// Write the line breaks met before a text: one is a space, more are one newline fewer;
/// after an escaped line break each is a newline.
fn fold(w: &mut Runs, base: usize, breaks: &[usize], escaped: bool) -> Option<()> {
    match breaks {
        [] => Some(()),
        [one] if !escaped => w.push(" ", base + one),
        [_, more @ ..] if !escaped => more.iter().try_for_each(|at| w.push("\n", base + at)),
        all => all.iter().try_for_each(|at| w.push("\n", base + at)),
    }
}

/// The character of a double-quoted escape (`rest` follows the backslash) and the
/// length of the escape after the backslash.
fn escape(rest: &str) -> Option<(char, usize)> {
    let c = rest.chars().next()?;
    let simple = match c {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        ' ' => ' ',
        '"' => '"',
        '/' => '/',
        '\\' => '\\',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' | 'u' | 'U' => {
            let n = match c {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = rest.get(1..1 + n)?;
            let ch = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            return Some((ch, 1 + n));
        }
        _ => return None,
    };
    Some((simple, c.len_utf8()))
}

/// One line of a block scalar, by offsets in the file.
struct Line {
    /// Its text, indentation removed.
    text: (usize, usize),
    /// Where its line break is (its end when it has none).
    brk: usize,
    /// Only indentation.
    empty: bool,
    /// Its text starts with a blank (a more-indented line, never folded).
    spaced: bool,
}

/// A block scalar whose text starts at `start` (its indentation is the column of
/// `start`): literal lines kept as they are, or folded (`>`) where two lines of text
/// meet. Leading and trailing line breaks are matched against the value, so the
/// chomping indicator need not be known.
fn block(
    source: &str,
    start: usize,
    end: usize,
    folded: bool,
    mut w: Runs,
) -> Option<Vec<(u32, u32)>> {
    let line_start = source.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    if !source.get(line_start..start)?.bytes().all(|b| b == b' ') {
        return None;
    }
    let indent = start - line_start;
    // Empty lines before the first text are newlines of the value.
    let lead = w.rest().bytes().take_while(|b| *b == b'\n').count();
    let mut before = Vec::with_capacity(lead);
    let mut at = line_start;
    for _ in 0..lead {
        let brk = at.checked_sub(1)?;
        let brk = if source.get(..brk)?.ends_with('\r') {
            brk - 1
        } else {
            brk
        };
        before.push(brk);
        at = source.get(..brk)?.rfind('\n').map_or(0, |i| i + 1);
    }
    for brk in before.iter().rev() {
        w.push("\n", *brk)?;
    }
    let mut lines = Vec::new();
    let mut pos = start;
    let mut first = true;
    while pos < end {
        let eol = source.get(pos..end)?.find('\n').map_or(end, |i| pos + i);
        let mut line_end = eol;
        if source.get(pos..eol)?.ends_with('\r') {
            line_end -= 1;
        }
        let line = source.get(pos..line_end)?;
        let spaces = line.bytes().take_while(|b| *b == b' ').count();
        let (text, empty) = if first {
            ((pos, line_end), line.is_empty())
        } else if spaces == line.len() && spaces <= indent {
            ((line_end, line_end), true)
        } else if spaces < indent {
            return None;
        } else {
            ((pos + indent, line_end), false)
        };
        let spaced = source
            .get(text.0..)
            .is_some_and(|t| t.starts_with([' ', '\t']));
        lines.push(Line {
            text,
            brk: line_end,
            empty,
            spaced,
        });
        first = false;
        pos = eol + 1;
    }
    let mut prev: Option<&Line> = None;
    let mut empties: Vec<usize> = Vec::new();
    for line in &lines {
        if line.empty {
            empties.push(line.brk);
            continue;
        }
        if let Some(p) = prev {
            if folded && !p.spaced && !line.spaced {
                if empties.is_empty() {
                    w.push(" ", p.brk)?;
                }
            } else {
                w.push("\n", p.brk)?;
            }
            for e in &empties {
                w.push("\n", *e)?;
            }
        } else if !empties.is_empty() {
            return None;
        }
        empties.clear();
        w.push(source.get(line.text.0..line.text.1)?, line.text.0)?;
        prev = Some(line);
    }
    // The trailing line breaks the chomping kept.
    let trailing = w.rest().len();
    if !w.rest().bytes().all(|b| b == b'\n') {
        return None;
    }
    let breaks = prev.map(|p| p.brk).into_iter().chain(empties);
    let mut written = 0;
    for brk in breaks.take(trailing) {
        w.push("\n", brk)?;
        written += 1;
    }
    if written < trailing {
        return None;
    }
    w.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::{Value, parse};

    /// The value of `key` in `yaml`, and its offset map.
    fn mapped(yaml: &str, key: &str) -> (String, Vec<(u32, u32)>) {
        let n = parse(yaml).unwrap().unwrap();
        let v = n.get(key).unwrap();
        let Value::Str(s) = &v.value else {
            panic!("{:?}", v.value)
        };
        let map = runs(yaml, v.start, v.end, s);
        (s.clone(), map)
    }

    fn file_offset(map: &[(u32, u32)], off: usize) -> usize {
        let i = map.partition_point(|(t, _)| *t as usize <= off);
        let (t, f) = map[i - 1];
        f as usize + (off - t as usize)
    }

    /// Every word of the value (but one holding an escaped quote) is found at its place
    /// in the file.
    fn words_in_place(yaml: &str, key: &str) -> String {
        let (value, map) = mapped(yaml, key);
        let mut from = 0;
        for word in value.split([' ', '\n']).filter(|w| !w.is_empty()) {
            if word.contains('\'') {
                continue;
            }
            let at = from + value[from..].find(word).unwrap();
            from = at + word.len();
            let f = file_offset(&map, at);
            assert!(
                yaml[f..].starts_with(word),
                "{key}: `{word}` at {at} maps to {f}: {:?} ({map:?})",
                &yaml[f..]
            );
        }
        value
    }

    #[test]
    fn every_style_maps_words_to_the_file() {
        let y = "\
plain: one two
multi: first line
  second line

  after blank
single: 'it''s a
  folded  line'
double: \"tab\\there \\u00e9 and\\
  joined, \\\"quoted\\\"
  next\"
folded: >
  folded one
  second drift

  third
literal: |
  lit one
    indented drift
  last
strip: >-
  strip one
  strip two
keep: |+
  keep one
  keep two

lead: >

  after lead
more: >2
    spaced first
  normal next
  line after
crlf: >\r
  crlf one\r
  crlf two\r
";
        assert_eq!(words_in_place(y, "plain"), "one two");
        assert_eq!(
            words_in_place(y, "multi"),
            "first line second line\nafter blank"
        );
        assert_eq!(words_in_place(y, "single"), "it's a folded  line");
        assert_eq!(
            words_in_place(y, "folded"),
            "folded one second drift\nthird\n"
        );
        assert_eq!(
            words_in_place(y, "literal"),
            "lit one\n  indented drift\nlast\n"
        );
        assert_eq!(words_in_place(y, "strip"), "strip one strip two");
        assert_eq!(words_in_place(y, "keep"), "keep one\nkeep two\n\n");
        assert_eq!(words_in_place(y, "lead"), "\nafter lead\n");
        assert_eq!(
            words_in_place(y, "more"),
            "  spaced first\nnormal next line after\n"
        );
        assert_eq!(words_in_place(y, "crlf"), "crlf one crlf two\n");
        // Escapes: the words after them are in place.
        let (value, map) = mapped(y, "double");
        assert_eq!(value, "tab\there é andjoined, \"quoted\" next");
        for word in ["here", "andjoined", "quoted", "next"] {
            let at = value.find(word).unwrap();
            let f = file_offset(&map, at);
            let want = if word == "andjoined" { "and" } else { word };
            assert!(y[f..].starts_with(want), "{word}: {:?}", &y[f..]);
        }
        let at = value.find('é').unwrap();
        assert!(y[file_offset(&map, at)..].starts_with("\\u00e9"));
    }

    #[test]
    fn a_value_not_read_back_starts_at_its_scalar() {
        // `1.50` is the number 1.5: no reading gives "1.5" back.
        assert_eq!(runs("x: 1.50\n", 3, 7, "1.5"), vec![(0, 3)]);
        assert_eq!(runs("x: \"\"\"a\"\"\"\n", 3, 10, "a"), vec![(0, 4)]);
        assert_eq!(runs("x: \"\"\n", 3, 5, ""), vec![(0, 4)]);
    }
}
