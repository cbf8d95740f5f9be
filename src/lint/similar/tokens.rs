//! Words of a sentence (SPEC 6.2): split on white space, edge punctuation trimmed,
//! lower-cased.

/// A normalised word and its byte range in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn keep_edge(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '%' | '$' | '€' | '£' | '+' | '×')
}

/// Normalise (SPEC 6.2): lower-case, drop punctuation except inside words, split on
/// white space. `%`, `$`, `€`, `£` stay with numbers.
pub fn tokens(sentence: &str) -> Vec<Token> {
    let mut out = Vec::new();
    each_token(sentence, |start, word| {
        out.push(Token {
            text: crate::lint::terms::norm_lower(word),
            start,
            end: start + word.len(),
        });
    });
    out
}

/// Call `f(start, word)` for each word of a sentence, edge punctuation trimmed, not yet
/// lower-cased.
pub fn each_token(sentence: &str, mut f: impl FnMut(usize, &str)) {
    let mut word_start: Option<usize> = None;
    let mut emit = |start: usize, end: usize| {
        let word = sentence.get(start..end).unwrap_or("");
        // Most words need no trimming: check their ASCII edges first.
        let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
        let (trimmed_start, trimmed) =
            if plain(word.as_bytes().first()) && plain(word.as_bytes().last()) {
                (word, word)
            } else {
                let s = word.trim_start_matches(|c: char| !keep_edge(c));
                (s, s.trim_end_matches(|c: char| !keep_edge(c)))
            };
        if !trimmed.is_empty() {
            f(start + (word.len() - trimmed_start.len()), trimmed);
        }
    };
    // Bytes with an ASCII fast path: only non-ASCII characters are decoded.
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b < 0x80 {
            (b.is_ascii_whitespace() || b == 0x0b, 1)
        } else {
            let c = sentence.get(i..).and_then(|r| r.chars().next());
            (
                c.is_some_and(char::is_whitespace),
                c.map_or(1, char::len_utf8),
            )
        };
        if space {
            if let Some(s) = word_start.take() {
                emit(s, i);
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
        i += len;
    }
    if let Some(s) = word_start {
        emit(s, sentence.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::similar::{mask, numbers, words};

    #[test]
    fn tokens_keep_inner_punctuation_and_numbers() {
        assert_eq!(
            words("The go-to-market team's “plan”, (44.3%)!"),
            ["the", "go-to-market", "team's", "plan", "44.3%"]
        );
        assert_eq!(
            numbers(&words("From 1-2 people to $3M and 10x")),
            ["$3m", "1-2", "10x"]
        );
        assert_eq!(mask(&words("45% of teams")), ["#", "of", "teams"]);
    }

    #[test]
    fn tokens_split_on_unicode_spaces() {
        let t = tokens("a\u{a0}b\u{2003}c\u{b}d é");
        let w: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(w, ["a", "b", "c", "d", "é"]);
    }
}
