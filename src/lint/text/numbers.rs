//! Numeric tokens (SPEC 3, claims): which words are numbers, masking them for the
//! claim-mismatch comparison (SPEC 6.3), and comparing two lists of numbers.
//!
//! A word is a number when, after at most one sign (`+`, `-`, `±`) and any currency
//! signs, it starts with a digit: `44.3%`, `1-2`, `$3m`, `10x`, `2025`, `1,200`, `3.5x`,
//! `€20k`, `24/7`, `3rd`. `v1.2`, `b2b`, `q3` and `g2` start with a letter and are words;
//! numbers written as words (`one or two`) are words too.
//!
//! Two numbers are the same when their keys ([`number_key`]) are equal. The key is the
//! normalised word with thousands separators removed (`1,200` = `1200`; a `,` or `'`
//! is a thousands separator when a digit is before it and exactly three digits after)
//! and a leading `+` dropped (`+20%` = `20%`). Nothing else is equated: `44.30%` ≠
//! `44.3%`, `44,3%` ≠ `44.3%` (a decimal comma is not guessed), `$3m` ≠ `$3 million`
//! (`3` and `million` are two words). `44.3 %` = `44.3%` already as words (see
//! [`super::normalize`]). Lists of numbers compare as multisets: order does not matter,
//! repetition does.

use std::collections::BTreeMap;

use super::normalize::Token;

/// What [`mask`] puts in place of a number. Never a word of its own (`#` is punctuation).
pub const MASK: &str = "#";

/// Whether a normalised word is a number (see the module documentation).
pub fn is_number(word: &str) -> bool {
    let rest = word.strip_prefix(['+', '-', '−', '±']).unwrap_or(word);
    let rest = rest.trim_start_matches(|c: char| {
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
    });
    rest.chars().next().is_some_and(char::is_numeric)
}

/// The numeric tokens of a token list, in order.
pub fn numeric_tokens<'t, 'a>(tokens: &'t [Token<'a>]) -> Vec<&'t Token<'a>> {
    tokens.iter().filter(|t| is_number(&t.text)).collect()
}

/// The words of a token list with every number replaced by [`MASK`].
pub fn mask<'t>(tokens: &'t [Token<'_>]) -> Vec<&'t str> {
    tokens
        .iter()
        .map(|t| if is_number(&t.text) { MASK } else { t.as_str() })
        .collect()
}

/// The form under which two numbers are compared (see the module documentation).
pub fn number_key(word: &str) -> String {
    let word = word.strip_prefix('+').unwrap_or(word);
    let chars: Vec<char> = word.chars().collect();
    let mut key = String::with_capacity(word.len());
    for (i, &c) in chars.iter().enumerate() {
        let c = match c {
            '−' | '–' | '‑' | '‐' => '-',
            '％' => '%',
            _ => c,
        };
        if matches!(c, ',' | '\'' | '’') && is_thousands_separator(&chars, i) {
            continue;
        }
        key.extend(c.to_lowercase());
    }
    key
}

/// `chars[i]` has a digit before it and exactly three digits after it.
fn is_thousands_separator(chars: &[char], i: usize) -> bool {
    let digit = |j: usize| chars.get(j).is_some_and(|c| c.is_ascii_digit());
    i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)
}

/// How the numbers found in a sentence differ from the numbers expected (a claim's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberDiff {
    /// Expected numbers the sentence does not state, as written in `expected`.
    pub missing: Vec<String>,
    /// Numbers the sentence states that were not expected, as written in `found`.
    pub extra: Vec<String>,
}

impl NumberDiff {
    /// The two lists hold the same numbers.
    pub fn is_same(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }
}

/// Compare two lists of numbers as multisets of [`number_key`]s. Both lists keep their
/// order in the result; a repeated number counts as often as it is written.
pub fn compare_numbers<A: AsRef<str>, B: AsRef<str>>(expected: &[A], found: &[B]) -> NumberDiff {
    let mut unmatched: BTreeMap<String, usize> = BTreeMap::new();
    for e in expected {
        *unmatched.entry(number_key(e.as_ref())).or_default() += 1;
    }
    let mut extra = Vec::new();
    for f in found {
        match unmatched.get_mut(&number_key(f.as_ref())) {
            Some(n) if *n > 0 => *n -= 1,
            _ => extra.push(f.as_ref().to_string()),
        }
    }
    let mut missing = Vec::new();
    for e in expected {
        if let Some(n) = unmatched.get_mut(&number_key(e.as_ref()))
            && *n > 0
        {
            *n -= 1;
            missing.push(e.as_ref().to_string());
        }
    }
    NumberDiff { missing, extra }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::{tokens, words};
    use super::*;

    #[test]
    fn which_words_are_numbers() {
        for n in [
            "44.3%", "1-2", "$3m", "10x", "2025", "1,200", "3.5x", "€20k", "-5%", "+20%", "24/7",
            "3rd", "±2", "０９",
        ] {
            assert!(is_number(n), "{n}");
        }
        for w in ["v1.2", "b2b", "q3", "g2", "one", "", "$", "-", "%", "#"] {
            assert!(!is_number(w), "{w}");
        }
    }

    #[test]
    fn numeric_tokens_of_a_claim() {
        let s = "44.3% of product marketing teams have only one or two people (1-2) in 2025.";
        let t = tokens(s);
        let n: Vec<&str> = numeric_tokens(&t).iter().map(|t| t.as_str()).collect();
        assert_eq!(n, ["44.3%", "1-2", "2025"]);
        let first = numeric_tokens(&t)[0];
        assert_eq!(&s[first.start..first.end], "44.3%");
    }

    #[test]
    fn mask_replaces_numbers() {
        let t = tokens("45% of teams grew $3M in 2025, not v1.2.");
        assert_eq!(
            mask(&t),
            ["#", "of", "teams", "grew", "#", "in", "#", "not", "v1.2"]
        );
        assert!(mask(&tokens("")).is_empty());
        // A literal `#` never collides with the mask.
        assert_eq!(mask(&tokens("# of teams")), ["of", "teams"]);
    }

    #[test]
    fn spec_claim_example_masks_equal_numbers_differ() {
        let claim = tokens("44.3% of product marketing teams have only one or two people.");
        let body = tokens("45% of product marketing teams have only one or two people.");
        assert_eq!(mask(&claim), mask(&body));
        let c = words(&claim);
        let b = words(&body);
        let cn: Vec<&str> = c.iter().copied().filter(|w| is_number(w)).collect();
        let bn: Vec<&str> = b.iter().copied().filter(|w| is_number(w)).collect();
        let diff = compare_numbers(&cn, &bn);
        assert_eq!(diff.missing, ["44.3%"]);
        assert_eq!(diff.extra, ["45%"]);
        assert!(!diff.is_same());
    }

    #[test]
    fn keys() {
        assert_eq!(number_key("1,200"), "1200");
        assert_eq!(number_key("1,200,000"), "1200000");
        assert_eq!(number_key("1'000"), "1000");
        assert_eq!(number_key("44,3%"), "44,3%");
        assert_eq!(number_key("1,2000"), "1,2000");
        assert_eq!(number_key("+20%"), "20%");
        assert_eq!(number_key("−5"), "-5");
        assert_eq!(number_key("1–2"), "1-2");
        assert_eq!(number_key("$3M"), "$3m");
        assert_eq!(number_key(""), "");
    }

    #[test]
    fn compare_as_multisets() {
        assert!(compare_numbers(&["44.3%", "2025"], &["2025", "44.3%"]).is_same());
        assert!(compare_numbers(&["1,200"], &["1200"]).is_same());
        assert!(compare_numbers::<&str, &str>(&[], &[]).is_same());
        let d = compare_numbers(&["2", "2"], &["2"]);
        assert_eq!(d.missing, ["2"]);
        assert!(d.extra.is_empty());
        let d = compare_numbers(&["44.3%"], &["44.30%"]);
        assert_eq!((d.missing.len(), d.extra.len()), (1, 1));
        // `44.3 %` and `44.3%` are the same word already.
        let a = tokens("44.3 % of teams");
        let b = tokens("44.3% of teams");
        assert!(compare_numbers(&words(&a), &words(&b)).is_same());
    }
}
