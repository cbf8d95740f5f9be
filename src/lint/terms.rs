//! Whole-word phrase matching for the glossary rules (`term/*`): phrases are split into
//! words, indexed by their first word, and every text is scanned once.

use rustc_hash::FxHashMap;

/// A word of a text: its byte range (lower-cased only when compared, to keep the words
/// of a 10,000-page handbook small in memory).
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character at byte `i` and its length, with an ASCII fast path.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Split into words: runs of letters and digits, joined by `-`, `'` or `’` between them
/// (`go-to-market`, `don't` are one word each).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII letters and digits, the bulk of any text, in a tight loop.
        if b.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            continue;
        }
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && char_at(text, i + len).is_some_and(|(n, _)| is_word_char(n))
        {
            // joiner inside a word
        } else if let Some(s) = start.take() {
            out.push(Word { start: s, end: i });
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
        });
    }
    drop_dotted(text, &mut out);
    out
}

/// Leave out words joined by dots (`fieldline.example`, `docs.acme.io`): host names and
/// file names are not prose, and a product name inside one is not a misspelling.
fn drop_dotted(text: &str, words: &mut Vec<Word>) {
    let mut kept = 0;
    let mut joined_before = false;
    for i in 0..words.len() {
        let (Some(w), next) = (words.get(i).copied(), words.get(i + 1)) else {
            break;
        };
        let joined_after = next.is_some_and(|n| text.get(w.end..n.start) == Some("."));
        if !joined_before && !joined_after {
            if let Some(slot) = words.get_mut(kept) {
                *slot = w;
            }
            kept += 1;
        }
        joined_before = joined_after;
    }
    words.truncate(kept);
}

/// A set of phrases to find, each with a payload index.
#[derive(Default)]
pub struct PhraseSet {
    by_first: FxHashMap<String, Vec<(usize, Vec<String>)>>,
    /// Byte lengths of the first words (bit n: some first word is n bytes long), so most
    /// words of a text are skipped without lower-casing or hashing them.
    first_lengths: u64,
    long_first: bool,
}

/// A phrase found in a text: payload index and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: usize,
    pub start: usize,
    pub end: usize,
}

impl PhraseSet {
    pub fn add(&mut self, phrase: &str, id: usize) {
        let ws: Vec<String> = words(phrase)
            .into_iter()
            .map(|w| lower(phrase, w))
            .collect();
        if let Some(first) = ws.first() {
            match first.len() {
                n if n < 64 => self.first_lengths |= 1 << n,
                _ => self.long_first = true,
            }
            self.by_first
                .entry(first.clone())
                .or_default()
                .push((id, ws));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Every occurrence in `text` (split into `words`), longest phrase first at a
    /// position, no overlaps.
    pub fn find(&self, text: &str, words: &[Word]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        let mut buf = String::new();
        let lowered = |w: &Word, buf: &mut String| {
            buf.clear();
            let word = text.get(w.start..w.end).unwrap_or("");
            if word.is_ascii() {
                buf.push_str(word);
                buf.make_ascii_lowercase();
            } else {
                buf.push_str(&word.to_lowercase());
            }
        };
        while let Some(w) = words.get(i) {
            // Lower-casing keeps the length of ASCII words; others are always looked up.
            let len = w.end - w.start;
            let ascii = text.get(w.start..w.end).is_some_and(str::is_ascii);
            let possible = match len {
                n if n < 64 => self.first_lengths & (1 << n) != 0,
                _ => self.long_first,
            };
            if ascii && !possible {
                i += 1;
                continue;
            }
            lowered(w, &mut buf);
            let mut best: Option<(usize, usize)> = None; // (id, len)
            if let Some(cands) = self.by_first.get(buf.as_str()) {
                for (id, ws) in cands {
                    let n = ws.len();
                    let matches = words.get(i..i + n).is_some_and(|slice| {
                        slice.iter().zip(ws).all(|(a, b)| lower(text, *a) == *b)
                    });
                    if matches && best.is_none_or(|(_, l)| n > l) {
                        best = Some((*id, n));
                    }
                }
            }
            match best {
                Some((id, n)) => {
                    let end = words.get(i + n - 1).map(|w| w.end).unwrap_or(w.end);
                    hits.push(Hit {
                        id,
                        start: w.start,
                        end,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        hits
    }
}

/// The lower-case form of a word of `text`.
pub fn lower(text: &str, w: Word) -> String {
    text.get(w.start..w.end).unwrap_or("").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_hyphens() {
        let t = "A go-to-market team's plan - ok.";
        let w: Vec<_> = words(t).into_iter().map(|w| lower(t, w)).collect();
        assert_eq!(w, ["a", "go-to-market", "team's", "plan", "ok"]);
    }

    #[test]
    fn host_names_are_not_words() {
        let t = "Visit fieldline.example's page. Then stop.";
        let w: Vec<_> = words(t).into_iter().map(|w| lower(t, w)).collect();
        assert_eq!(w, ["visit", "page", "then", "stop"]);
    }

    #[test]
    fn finds_whole_words_only() {
        let mut set = PhraseSet::default();
        set.add("handbook tool", 0);
        set.add("best-in-class", 1);
        let text = "Our Handbook Tool is best-in-class, not a handbook toolkit.";
        let hits = set.find(text, &words(text));
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[0].start..hits[0].end], "Handbook Tool");
        assert_eq!(&text[hits[1].start..hits[1].end], "best-in-class");
    }
}
