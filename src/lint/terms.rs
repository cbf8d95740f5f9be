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
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start: Option<usize> = None;
    let bytes = text.as_bytes();
    // What the later filters look for, noted during the scan so that most texts skip
    // them: a `.` right after a word ([`drop_dotted`]), a byte of `@#_\/` or a word
    // that may be in capitals ([`drop_not_prose`]).
    let mut dotted = false;
    let mut special = false;
    let mut caps = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII letters and digits, the bulk of any text, in a tight loop.
        if b.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
                caps |= b.is_ascii_uppercase()
                    && bytes.get(i + 1).is_some_and(|&n| {
                        n.is_ascii_uppercase()
                            || n.is_ascii_digit()
                            || n >= 0x80
                            || n == b'-'
                            || n == b'\''
                    });
            }
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            continue;
        }
        match b {
            b'.' => {
                dotted |= start.is_some()
                    && bytes
                        .get(i + 1)
                        .is_some_and(|&n| n.is_ascii_alphanumeric() || n >= 0x80);
            }
            b'@' | b'#' | b'_' | b'\\' | b'/' => special = true,
            _ => {}
        }
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if is_joiner(c)
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
    if dotted {
        drop_dotted(text, &mut out);
    }
    if special || caps {
        drop_not_prose(text, &mut out);
    }
    out
}

/// Characters that join the parts of one word: hyphens and apostrophes, ASCII or
/// typographic (they are one character class: see [`norm_lower`]).
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‘' | 'ʼ' | '‐' | '‑' | '–' | '—')
}

/// A word as compared: lower-case, typographic apostrophes, quotes and dashes replaced
/// by their ASCII forms.
pub fn norm_lower(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | '‘' | 'ʼ' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            '‐' | '‑' | '–' | '—' => '-',
            c => c,
        })
        .collect()
}

/// Is a word written in capitals (two letters or more, none lower-case)?
fn all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Leave out words that are not prose for the glossary rules: handles and channels
/// (`@acme`, `#launch`), e-mail addresses, identifiers (`snake_case`), paths and URLs
/// (`docs/guide/setup`, `/etc/x`, `https://…`), and runs of two or more ALL-CAPS words.
fn drop_not_prose(text: &str, words: &mut Vec<Word>) {
    let bytes = text.as_bytes();
    let chunk = |w: &Word| {
        let s = text
            .get(..w.start)
            .and_then(|t| t.rfind(char::is_whitespace).map(|i| i + 1))
            .unwrap_or(0);
        let e = text
            .get(w.end..)
            .and_then(|t| t.find(char::is_whitespace).map(|i| w.end + i))
            .unwrap_or(text.len());
        text.get(s..e).unwrap_or("")
    };
    let caps = |w: Option<&Word>| {
        w.and_then(|w| text.get(w.start..w.end)).is_some_and(|t| {
            t.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                && t.as_bytes().get(1).is_some_and(|b| !b.is_ascii_lowercase())
                && all_caps(t)
        })
    };
    let mut kept = 0;
    for i in 0..words.len() {
        let Some(w) = words.get(i).copied() else {
            break;
        };
        let before = w.start.checked_sub(1).and_then(|j| bytes.get(j)).copied();
        let after = bytes.get(w.end).copied();
        let mut drop = matches!(before, Some(b'@' | b'#' | b'_' | b'\\'))
            || matches!(after, Some(b'@' | b'_' | b'\\'));
        if !drop && (before == Some(b'/') || after == Some(b'/')) {
            let c = chunk(&w).trim_start_matches(['(', '[', '"', '\'', '<']);
            drop =
                c.contains("://") || c.starts_with(['/', '~', '.']) || c.matches('/').count() >= 2;
        }
        if !drop && caps(Some(&w)) {
            drop = caps(i.checked_sub(1).and_then(|j| words.get(j))) || caps(words.get(i + 1));
        }
        if !drop {
            if let Some(slot) = words.get_mut(kept) {
                *slot = w;
            }
            kept += 1;
        }
    }
    words.truncate(kept);
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    pub id: usize,
    pub start: usize,
    pub end: usize,
}

impl PhraseSet {
    /// Add a phrase as written (case-insensitive, whole words).
    pub fn add(&mut self, phrase: &str, id: usize) {
        let ws: Vec<String> = words(phrase)
            .into_iter()
            .map(|w| lower(phrase, w))
            .collect();
        self.insert(ws, id);
    }

    /// Add a phrase with its word forms: every hyphen or space between its parts written
    /// either way (`best-in-class`, `best in class`), and the regular plurals and
    /// possessives of its last word (`tip jars`, `tip jar's`). A form without a space or
    /// hyphen (`bestinclass`) is found only when it is listed itself.
    pub fn add_forms(&mut self, phrase: &str, id: usize) {
        let atoms: Vec<String> = words(phrase)
            .into_iter()
            .flat_map(|w| {
                lower(phrase, w)
                    .split('-')
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        let Some(last) = atoms.len().checked_sub(1) else {
            return;
        };
        let joins: Vec<u32> = if last <= 6 {
            (0..1u32 << last).collect()
        } else {
            vec![0, (1u32 << last.min(31)) - 1]
        };
        let mut seen = rustc_hash::FxHashSet::default();
        for mask in joins {
            let mut ws: Vec<String> = Vec::new();
            for (k, a) in atoms.iter().enumerate() {
                match ws.last_mut() {
                    Some(prev) if k > 0 && mask & (1 << (k - 1)) != 0 => {
                        prev.push('-');
                        prev.push_str(a);
                    }
                    _ => ws.push(a.clone()),
                }
            }
            let Some(end) = ws.last().cloned() else {
                continue;
            };
            for form in inflections(&end) {
                let mut v = ws.clone();
                if let Some(l) = v.last_mut() {
                    *l = form;
                }
                if seen.insert(v.clone()) {
                    self.insert(v, id);
                }
            }
        }
    }

    fn insert(&mut self, ws: Vec<String>, id: usize) {
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
                buf.push_str(&norm_lower(word));
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
                            && slice.windows(2).all(|p| match p {
                                [a, b] => one_sentence(text.get(a.end..b.start).unwrap_or(".")),
                                _ => true,
                            })
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

/// The lower-case form of a word of `text` (see [`norm_lower`]).
pub fn lower(text: &str, w: Word) -> String {
    norm_lower(text.get(w.start..w.end).unwrap_or(""))
}

/// Are two words of a text next to each other in one sentence: only white space between
/// them (never `.`, `!`, `?`, `…`, nor a `/` or a comma)?
fn one_sentence(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace)
}

const IRREGULAR: &[(&str, &str)] = &[
    ("person", "people"),
    ("man", "men"),
    ("woman", "women"),
    ("child", "children"),
    ("foot", "feet"),
    ("mouse", "mice"),
];

/// A word and its regular English plural and possessive forms (an inflection table, not a
/// stemmer: `jar` gives `jars`, `jar's`, never `jarring`).
pub fn inflections(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let plural = if let Some((_, p)) = IRREGULAR.iter().find(|(s, _)| *s == word) {
        p.to_string()
    } else if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else if word.ends_with('y')
        && !word
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
        && word.len() > 1
    {
        format!("{}ies", word.get(..word.len() - 1).unwrap_or(word))
    } else if word.chars().last().is_some_and(char::is_alphabetic) {
        format!("{word}s")
    } else {
        return out;
    };
    out.push(format!("{word}'s"));
    if !plural.ends_with('s') {
        out.push(format!("{plural}'s"));
    }
    out.push(plural);
    out
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
