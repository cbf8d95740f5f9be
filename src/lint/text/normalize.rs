//! Normalisation of a sentence into words (SPEC 6.2), each with its byte range in the
//! sentence, so a caller can show a word diff and point at exact columns.
//!
//! The rules, in order:
//! - Words are separated by white space, by dashes used as punctuation (`—`, `―`, `…`,
//!   `--`, and `–` except between two digits: `1–2` is a range) and, in Chinese and
//!   Japanese text (which has no spaces), every ideograph or kana is a word of its own.
//!   Thai and other scripts without spaces are not segmented.
//! - Punctuation is dropped at the edges of a word and kept inside it: `go-to-market`,
//!   `don't`, `v1.2`, `gtmbook.io` and `and/or` are one word each; `(“Acme,”` is `acme`.
//!   A word of punctuation only (`-`, `&`, an emoji) is no word at all.
//! - Numbers survive as tokens: a sign or currency sign right before a digit is kept
//!   (`$3M`, `€20k`, `-5%`), and so are `%`, `‰` and `+` right after one (`44.3%`, `10+`).
//!   `.` and `,` inside a number are inside a word anyway (`44.3`, `1,200`). A `%` written
//!   apart from its number (`44.3 %`, the French and German style, with one space or a
//!   no-break space) joins it: the word is `44.3%`, its range covers both.
//! - Lower case (`str::to_lowercase`, Unicode-aware); typographic apostrophes (`’`, `‘`,
//!   `ʼ`) become `'`, Unicode hyphens (`‐`, `‑`) and the minus sign (`−`) become `-`, and
//!   the `–` of a range becomes `-`.
//!
//! The placeholder `#` of [`super::numbers::mask`] can never be a word: a `#` alone is
//! punctuation. Tokenising is one pass, linear in the length of the sentence; a word
//! that needs no change (lower-case ASCII) borrows from the sentence.

use std::borrow::Cow;

/// A word of a sentence: its normalised text and the byte range `start..end` of what was
/// written (edge punctuation excluded). Not `PartialEq` on purpose: two words are the
/// same when their texts are, whatever their ranges; compare [`words`] or `as_str`.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub text: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
}

impl Token<'_> {
    /// The normalised word.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for Token<'_> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// The normalised words of a token list, for comparison and indexing.
pub fn words<'t>(tokens: &'t [Token<'_>]) -> Vec<&'t str> {
    tokens.iter().map(Token::as_str).collect()
}

/// Chinese ideographs and Japanese kana: one word per character.
fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x3040..=0x30FF
            | 0x31F0..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFF66..=0xFF9D
            | 0x20000..=0x2FA1F
    ) && c.is_alphanumeric()
}

/// Dashes that separate words like a space.
fn is_dash_separator(c: char) -> bool {
    matches!(c, '—' | '―' | '…' | '⸺' | '⸻')
}

fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '₹'
            | '₩'
            | '₽'
            | '₺'
            | '₪'
            | '¢'
            | '₿'
            | '₫'
            | '₴'
            | '₦'
            | '₱'
    )
}

fn is_sign(c: char) -> bool {
    matches!(c, '+' | '-' | '−' | '±')
}

/// Kept after a number: `44.3%`, `5‰`, `10+`.
fn is_number_suffix(c: char) -> bool {
    matches!(c, '%' | '‰' | '+' | '％')
}

/// `rest` begins a number: one optional sign, up to three currency signs, then a digit.
fn starts_number(rest: &str) -> bool {
    let mut chars = rest.chars().peekable();
    if chars.peek().copied().is_some_and(is_sign) {
        chars.next();
    }
    let mut currencies = 0;
    while chars.peek().copied().is_some_and(is_currency) && currencies < 3 {
        chars.next();
        currencies += 1;
    }
    chars.next().is_some_and(char::is_numeric)
}

/// Map a character to its normal form before lower-casing, if it changes.
fn fold(c: char) -> Option<char> {
    match c {
        '’' | '‘' | 'ʼ' | '＇' => Some('\''),
        '‐' | '‑' | '−' | '–' => Some('-'),
        '％' => Some('%'),
        _ => None,
    }
}

/// The normalised form of a word (already stripped of edge punctuation).
fn normalise(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
    }
    let changes = word
        .chars()
        .any(|c| fold(c).is_some() || !c.to_lowercase().eq(std::iter::once(c)));
    if !changes {
        return Cow::Borrowed(word);
    }
    let folded: String = word.chars().map(|c| fold(c).unwrap_or(c)).collect();
    Cow::Owned(folded.to_lowercase())
}

/// Splits a sentence into normalised words (see the module documentation).
pub fn tokens(sentence: &str) -> Vec<Token<'_>> {
    let bytes = sentence.as_bytes();
    // About one word per six bytes, without reserving much for one long word.
    let mut out: Vec<Token<'_>> = Vec::with_capacity((sentence.len() / 6).min(64));
    let mut run: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII without decoding: white space (as `char::is_whitespace` has it), `--`,
        // or the characters of a word up to the next space, hyphen or non-ASCII byte.
        if b.is_ascii() {
            let double_hyphen = b == b'-' && bytes.get(i + 1) == Some(&b'-');
            if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') || double_hyphen {
                if let Some(start) = run.take() {
                    push_run(sentence, start, i, &mut out);
                }
                i += 1;
                while double_hyphen && bytes.get(i) == Some(&b'-') {
                    i += 1;
                }
                prev = None;
            } else {
                // One pass over the ASCII part of the word, noting upper case.
                // `b` itself belongs to the word (it may be a single `-`).
                let mut j = i + 1;
                let mut upper = b.is_ascii_uppercase();
                while let Some(&c) = bytes.get(j) {
                    if !c.is_ascii() || c.is_ascii_whitespace() || c == 0x0B || c == b'-' {
                        break;
                    }
                    upper |= c.is_ascii_uppercase();
                    j += 1;
                }
                let whole = run.is_none()
                    && bytes
                        .get(j)
                        .is_none_or(|&c| c.is_ascii_whitespace() || c == 0x0B);
                let clean_edges = b.is_ascii_alphanumeric()
                    && bytes.get(j - 1).is_some_and(u8::is_ascii_alphanumeric);
                match sentence.get(i..j) {
                    // The common case, a plain ASCII word between spaces: no edges to strip.
                    Some(word) if whole && clean_edges => out.push(Token {
                        text: if upper {
                            Cow::Owned(word.to_ascii_lowercase())
                        } else {
                            Cow::Borrowed(word)
                        },
                        start: i,
                        end: j,
                    }),
                    _ => {
                        run.get_or_insert(i);
                        prev = bytes.get(j - 1).map(|&c| char::from(c));
                    }
                }
                i = j;
            }
            continue;
        }
        let Some(c) = sentence.get(i..).and_then(|rest| rest.chars().next()) else {
            // Unreachable: `i` always moves by whole characters.
            i += 1;
            continue;
        };
        let width = c.len_utf8();
        let next = sentence
            .get(i + width..)
            .and_then(|rest| rest.chars().next());
        let separator = c.is_whitespace()
            || is_dash_separator(c)
            || (c == '–'
                && !(prev.is_some_and(char::is_numeric) && next.is_some_and(char::is_numeric)));
        if separator || is_cjk(c) {
            if let Some(start) = run.take() {
                push_run(sentence, start, i, &mut out);
            }
            if !separator {
                push_run(sentence, i, i + width, &mut out);
            }
            prev = None;
        } else {
            run.get_or_insert(i);
            prev = Some(c);
        }
        i += width;
    }
    if let Some(start) = run {
        push_run(sentence, start, sentence.len(), &mut out);
    }
    out
}

/// Strip the edges of the run `start..end`, normalise it and push it; or join a lone `%`
/// to the number before it.
fn push_run<'a>(sentence: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let Some(raw) = sentence.get(start..end) else {
        return;
    };
    // Leading punctuation goes, unless it starts a number (`$3M`, `-5%`).
    let lead = if raw
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        0
    } else {
        raw.char_indices()
            .find(|&(p, c)| c.is_alphanumeric() || raw.get(p..).is_some_and(starts_number))
            .map_or(raw.len(), |(p, _)| p)
    };
    let Some(body) = raw.get(lead..) else {
        return;
    };
    let keep = word_end(body);
    let Some(word) = body.get(..keep) else {
        return;
    };
    if word.is_empty() {
        join_percent(sentence, start, raw, out);
        return;
    }
    out.push(Token {
        text: normalise(word),
        start: start + lead,
        end: start + lead + keep,
    });
}

/// Where a word ends once trailing punctuation goes, unless it is a suffix of a number
/// (`44.3%`, `10+`).
fn word_end(body: &str) -> usize {
    if body
        .as_bytes()
        .last()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return body.len();
    }
    let mut rev = body.char_indices().rev().peekable();
    while let Some((p, c)) = rev.next() {
        let before = rev.peek().map(|&(_, b)| b);
        if c.is_alphanumeric()
            || (is_number_suffix(c)
                && before.is_some_and(|b| b.is_numeric() || is_number_suffix(b)))
        {
            return p + c.len_utf8();
        }
    }
    0
}

/// `44.3 %`: a run that starts with `%` (or `‰`) right after a number, one space apart,
/// joins the number.
fn join_percent<'a>(sentence: &'a str, start: usize, raw: &str, out: &mut [Token<'a>]) {
    let Some(sign) = raw
        .chars()
        .next()
        .filter(|&c| matches!(c, '%' | '‰' | '％'))
    else {
        return;
    };
    let Some(last) = out.last_mut() else {
        return;
    };
    let gap = sentence.get(last.end..start).unwrap_or("\n");
    let one_space = gap.chars().count() == 1 && gap.chars().all(|c| c.is_whitespace() && c != '\n');
    if !one_space
        || !last.text.chars().next_back().is_some_and(char::is_numeric)
        || !super::numbers::is_number(&last.text)
    {
        return;
    }
    let mut text = last.text.clone().into_owned();
    text.push(fold(sign).unwrap_or(sign));
    last.text = Cow::Owned(text);
    last.end = start + sign.len_utf8();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(sentence: &str) -> Vec<String> {
        tokens(sentence)
            .into_iter()
            .map(|t| t.text.into_owned())
            .collect()
    }

    /// Every token's range points at what was written.
    fn ranges(sentence: &str) -> Vec<&str> {
        tokens(sentence)
            .iter()
            .map(|t| &sentence[t.start..t.end])
            .collect()
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(tokens("").is_empty());
        assert!(tokens("   ").is_empty());
        assert!(tokens("... — -- & # !? “”").is_empty());
    }

    #[test]
    fn spec_example() {
        assert_eq!(
            norm("Acme keeps every go-to-market team telling the same story."),
            [
                "acme",
                "keeps",
                "every",
                "go-to-market",
                "team",
                "telling",
                "the",
                "same",
                "story"
            ]
        );
    }

    #[test]
    fn edges_stripped_inside_kept() {
        assert_eq!(
            norm("(“Acme,” she said) don't—won’t: and/or v1.2 gtmbook.io!"),
            [
                "acme",
                "she",
                "said",
                "don't",
                "won't",
                "and/or",
                "v1.2",
                "gtmbook.io"
            ]
        );
        assert_eq!(ranges("(“Acme,” she said)"), ["Acme", "she", "said"]);
    }

    #[test]
    fn dashes() {
        assert_eq!(norm("fast -- cheap --- good"), ["fast", "cheap", "good"]);
        assert_eq!(
            norm("fast–cheap 1–2 people"),
            ["fast", "cheap", "1-2", "people"]
        );
        assert_eq!(norm("a - b"), ["a", "b"]);
        assert_eq!(norm("- item -x x- -"), ["item", "x", "x"]);
        assert_eq!(ranges("-x x-"), ["x", "x"]);
        assert_eq!(
            norm("well‐known non‑breaking"),
            ["well-known", "non-breaking"]
        );
    }

    #[test]
    fn numbers_survive() {
        assert_eq!(
            norm("44.3% of $3M, €20k, 1,200 (10x) and 3.5x in 2025. Up -5% or 10+!"),
            [
                "44.3%", "of", "$3m", "€20k", "1,200", "10x", "and", "3.5x", "in", "2025", "up",
                "-5%", "or", "10+"
            ]
        );
        assert_eq!(ranges("($3M)."), ["$3M"]);
        // Currency or sign not before a digit is punctuation.
        assert_eq!(norm("$ - + %"), Vec::<String>::new());
        assert_eq!(norm("#1 ~40%"), ["1", "40%"]);
    }

    #[test]
    fn detached_percent_joins_its_number() {
        let s = "44.3 % of teams";
        let t = tokens(s);
        assert_eq!(norm(s), ["44.3%", "of", "teams"]);
        assert_eq!(&s[t[0].start..t[0].end], "44.3 %");
        assert_eq!(norm("44,3\u{a0}%."), ["44,3%"]);
        // Only right after a number, one space apart.
        assert_eq!(norm("teams % of"), ["teams", "of"]);
        assert_eq!(norm("44.3  % of"), ["44.3", "of"]);
        assert_eq!(norm("% of"), ["of"]);
    }

    #[test]
    fn lower_case_is_unicode_aware() {
        assert_eq!(
            norm("ÉCOLE Straße ΟΔΟΣ İstanbul"),
            ["école", "straße", "οδος", "i̇stanbul"]
        );
        let t = tokens("already lower");
        assert!(t.iter().all(|t| matches!(t.text, Cow::Borrowed(_))));
        let t = tokens("Upper");
        assert!(matches!(t[0].text, Cow::Owned(_)));
    }

    #[test]
    fn cjk_one_word_per_character() {
        assert_eq!(
            norm("我们的产品、很好。"),
            ["我", "们", "的", "产", "品", "很", "好"]
        );
        assert_eq!(norm("Acmeは最高"), ["acme", "は", "最", "高"]);
        let s = "日本語";
        assert_eq!(ranges(s), ["日", "本", "語"]);
    }

    #[test]
    fn emoji_are_punctuation() {
        assert_eq!(norm("🚀launch 🎉 now✅"), ["launch", "now"]);
        assert_eq!(ranges("🚀launch"), ["launch"]);
    }

    #[test]
    fn ranges_are_char_boundaries() {
        let s = "  Café—“naïve” 44 % ‰ 日本 ok… ";
        for t in tokens(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            assert!(t.start < t.end);
        }
    }

    #[test]
    fn ten_megabyte_line_is_linear() {
        // One 10 MB line, and other worst cases at 1–2 MB: a quadratic scan would not
        // finish on any of them.
        let many = "word, ".repeat(1_700_000);
        assert_eq!(tokens(&many).len(), 1_700_000);
        let long_word = "a".repeat(2_000_000);
        assert_eq!(tokens(&long_word).len(), 1);
        let punct = ".,;$".repeat(500_000);
        assert!(tokens(&punct).is_empty());
        let dashes = "-".repeat(2_000_000);
        assert!(tokens(&dashes).is_empty());
        let percents = "1 % ".repeat(300_000);
        assert_eq!(tokens(&percents).len(), 300_000);
    }
}
