//! Sentence splitting over prose, with byte ranges into the text.
//!
//! A sentence ends at a run of `.`, `!`, `?` or `…` (plus any closing quotes or brackets)
//! that is followed by white space or the end of the text; at `。`, `！` or `？` (CJK
//! full stops need no space after them); and at a blank line (`\n` + optional spaces +
//! `\n`), so a heading or list item passed with its neighbours still ends on its own.
//! A single line break is only white space: Markdown soft breaks wrap sentences.
//!
//! A `.` does not end a sentence
//! - inside a number or word (`44.3%`, `v1.2`, `gtmbook.io`): it is not followed by space;
//! - after an abbreviation that never ends a sentence (`e.g.`, `i.e.`, `vs.`, `Mr.`,
//!   `Dr.`, `cf.`, `approx.` …);
//! - after one that may (`etc.`, `Inc.`, `Ltd.`, `a.m.`, `U.S.`, `Jan.` …) unless the next
//!   word starts with an upper-case letter.
//!
//! Ranges are trimmed of white space. Pieces without a letter or digit (`...`, `--`, an
//! emoji alone) are not sentences and are dropped. The scan is one pass, linear in the
//! length of the text, whatever it holds.

/// A sentence: the byte range `start..end` of the text it was split from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl Sentence {
    /// The sentence's text in `source` (the text it was split from).
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// What a `.` after a lower-cased ASCII word means.
fn lookup(word: &[u8]) -> Abbreviation {
    match word {
        // Never the end of a sentence.
        b"e.g" | b"i.e" | b"eg" | b"ie" | b"vs" | b"cf" | b"viz" | b"mr" | b"mrs" | b"ms"
        | b"dr" | b"prof" | b"sr" | b"jr" | b"st" | b"mt" | b"approx" | b"ca" | b"fig"
        | b"figs" | b"incl" | b"excl" | b"esp" | b"resp" | b"dept" | b"est" | b"vol" | b"ref"
        | b"refs" | b"nr" => Abbreviation::Never,
        // The end of a sentence before a capitalised word.
        b"etc" | b"inc" | b"ltd" | b"co" | b"corp" | b"llc" | b"plc" | b"gmbh" | b"al" | b"jan"
        | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept" | b"oct"
        | b"nov" | b"dec" => Abbreviation::Maybe,
        _ => Abbreviation::No,
    }
}

/// Longer words are never looked up (the longest abbreviation is `u.s.a`-like initials).
const MAX_ABBREVIATION_BYTES: usize = 12;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Full-width terminators end a sentence without a following space.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Closing quotes and brackets that belong to the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〉'
            | '》'
    )
}

/// Opening punctuation stripped before an abbreviation lookup (`(e.g.`).
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{')
}

/// `x.y` with single letters: `u.s`, `a.m`, `e.u`.
fn is_dotted_initials(word: &str) -> bool {
    let mut letters = 0;
    for (n, part) in word.split('.').enumerate() {
        let mut chars = part.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
        if n > 8 {
            return false;
        }
    }
    letters >= 2
}

/// What a `.` after `word` means.
enum Abbreviation {
    /// Not an abbreviation: the `.` ends the sentence.
    No,
    /// Never ends a sentence.
    Never,
    /// Ends the sentence only before a capitalised word.
    Maybe,
}

fn abbreviation(word: &str) -> Abbreviation {
    let word = word.trim_start_matches(is_opener);
    if word.is_empty() || word.len() > MAX_ABBREVIATION_BYTES || !word.is_ascii() {
        return Abbreviation::No;
    }
    let mut lower = [0u8; MAX_ABBREVIATION_BYTES];
    for (slot, b) in lower.iter_mut().zip(word.bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    match lower.get(..word.len()).map_or(Abbreviation::No, lookup) {
        Abbreviation::No if is_dotted_initials(word) => Abbreviation::Maybe,
        found => found,
    }
}

/// Whether byte `b` may end a sentence: `.`, `!`, `?`, `\n`, or the UTF-8 lead byte of
/// `…` (E2), `。` (E3), `！`, `？` or `｡` (EF).
fn may_end(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n' | 0xE2 | 0xE3 | 0xEF)
}

/// Splits `text` into sentences (see the module documentation for the rules).
pub fn sentences(text: &str) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut seg_start = 0;
    // Position of the last `\n`, if any.
    let mut last_newline: Option<usize> = None;
    let mut i = 0;
    // Only a few bytes can end a sentence: skip the others without decoding.
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| may_end(b)))
    {
        i += offset;
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            // Not a character boundary: a continuation byte, never a terminator.
            i += 1;
            continue;
        };
        if c == '\n' {
            // A blank line: only white space since the previous line break.
            if let Some(p) = last_newline
                && text
                    .get(p + 1..i)
                    .is_some_and(|gap| gap.chars().all(char::is_whitespace))
            {
                push(text, seg_start, p, &mut out);
                seg_start = i;
            }
            last_newline = Some(i);
            i += 1;
            continue;
        }
        if is_cjk_terminator(c) {
            let end = run_end(text, i, |n| {
                is_cjk_terminator(n) || is_terminator(n) || is_closer(n)
            });
            push(text, seg_start, end, &mut out);
            seg_start = end;
            i = end;
            continue;
        }
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        // A run of terminators, then closing quotes and brackets.
        let at = i;
        let run = run_end(text, at, is_terminator);
        let end = run_end(text, run, is_closer);
        i = end;
        let rest = text.get(end..).unwrap_or("");
        if !rest.chars().next().is_none_or(char::is_whitespace) {
            // `44.3`, `v1.2`, `a.b`: a terminator inside a word.
            continue;
        }
        if c == '.' && run == at + 1 {
            let ends = match abbreviation(word_before(text, seg_start, at)) {
                Abbreviation::No => true,
                Abbreviation::Never => false,
                Abbreviation::Maybe => next_word_is_capitalised(rest),
            };
            if !ends {
                continue;
            }
        }
        push(text, seg_start, end, &mut out);
        seg_start = end;
    }
    push(text, seg_start, text.len(), &mut out);
    out
}

/// The end of the run of characters matching `f` that starts at `start`.
fn run_end(text: &str, start: usize, f: impl Fn(char) -> bool) -> usize {
    let rest = text.get(start..).unwrap_or("");
    start
        + rest
            .char_indices()
            .find(|&(_, c)| !f(c))
            .map_or(rest.len(), |(p, _)| p)
}

/// The word before byte `dot` (not before `floor`), if it is short enough to be an
/// abbreviation; else a word that is none. Reads at most a few characters back.
fn word_before(text: &str, floor: usize, dot: usize) -> &str {
    let before = text.get(floor..dot).unwrap_or("");
    let mut start = before.len();
    for (n, (p, c)) in before.char_indices().rev().enumerate() {
        if c.is_whitespace() {
            break;
        }
        if n >= MAX_ABBREVIATION_BYTES {
            return "";
        }
        start = p;
    }
    before.get(start..).unwrap_or("")
}

/// Whether the first non-white-space character of `rest` is upper-case. Reads only the
/// white space after a candidate break, which the main scan then reads once more: still
/// linear overall.
fn next_word_is_capitalised(rest: &str) -> bool {
    rest.chars()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_uppercase())
}

/// Push the trimmed range `start..end` if it holds a letter or a digit.
fn push(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let Some(piece) = text.get(start..end) else {
        return;
    };
    let trimmed_start = piece.trim_start();
    let lead = piece.len() - trimmed_start.len();
    let trimmed = trimmed_start.trim_end();
    if !trimmed.chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(Sentence {
        start: start + lead,
        end: start + lead + trimmed.len(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn may_end_bytes() {
        let ends: Vec<u8> = (0..=255).filter(|&b| may_end(b)).collect();
        assert_eq!(ends, [b'\n', b'!', b'.', b'?', 0xE2, 0xE3, 0xEF]);
    }

    #[test]
    fn empty_and_blank() {
        assert!(sentences("").is_empty());
        assert!(sentences("   \n\n\t ").is_empty());
    }

    #[test]
    fn only_punctuation_is_no_sentence() {
        assert!(sentences("... !!! ?? — --").is_empty());
        assert!(sentences("🚀 🎉.").is_empty());
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(
            split("Acme keeps teams aligned. Does it? Yes! It does"),
            ["Acme keeps teams aligned.", "Does it?", "Yes!", "It does"]
        );
    }

    #[test]
    fn byte_ranges_are_trimmed_and_exact() {
        let text = "  One two.   Three four.  ";
        let s = sentences(text);
        assert_eq!(
            s,
            [
                Sentence { start: 2, end: 10 },
                Sentence { start: 13, end: 24 }
            ]
        );
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(
            split("44.3% of teams grew 3.5x in v1.2. Revenue was $3.5M."),
            ["44.3% of teams grew 3.5x in v1.2.", "Revenue was $3.5M."]
        );
        assert_eq!(
            split("See gtmbook.io for more."),
            ["See gtmbook.io for more."]
        );
        assert_eq!(
            split("We grew in 2025. Then we hired."),
            ["We grew in 2025.", "Then we hired."]
        );
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            split(
                "Use a term, e.g. Acme Handbook, i.e. the site. Compare Acme vs. Wiki. Ask Dr. Smith."
            ),
            [
                "Use a term, e.g. Acme Handbook, i.e. the site.",
                "Compare Acme vs. Wiki.",
                "Ask Dr. Smith."
            ]
        );
        assert_eq!(
            split("Mr. Jones and Mrs. Lee met."),
            ["Mr. Jones and Mrs. Lee met."]
        );
        assert_eq!(split("(e.g. this) works."), ["(e.g. this) works."]);
        // `e.g` without its final dot never meets a space after a dot.
        assert_eq!(split("Like e.g this one."), ["Like e.g this one."]);
    }

    #[test]
    fn abbreviations_that_may_end_a_sentence() {
        assert_eq!(
            split("Pages, claims, etc. are checked. We sell to A, B, etc. Then we renew."),
            [
                "Pages, claims, etc. are checked.",
                "We sell to A, B, etc.",
                "Then we renew."
            ]
        );
        assert_eq!(
            split("Acme Inc. ships. It is 9 a.m. now. Sold in the U.S. It works."),
            [
                "Acme Inc. ships.",
                "It is 9 a.m. now.",
                "Sold in the U.S.",
                "It works."
            ]
        );
        assert_eq!(split("Due Jan. 5 or so."), ["Due Jan. 5 or so."]);
    }

    #[test]
    fn runs_of_terminators_and_closers() {
        assert_eq!(
            split("Really?! Yes... \"Go.\" (Done.) Next…  Last"),
            ["Really?!", "Yes...", "\"Go.\"", "(Done.)", "Next…", "Last"]
        );
        assert_eq!(
            split("He said “stop.” Then left."),
            ["He said “stop.”", "Then left."]
        );
    }

    #[test]
    fn blank_lines_split_single_newlines_do_not() {
        assert_eq!(
            split("A heading\n\nA paragraph that\nwraps over lines\n  \n- an item"),
            [
                "A heading",
                "A paragraph that\nwraps over lines",
                "- an item"
            ]
        );
        assert_eq!(split("one\r\n\r\ntwo"), ["one", "two"]);
    }

    #[test]
    fn cjk_text() {
        let text = "我们的产品很好。它帮助团队！真的吗？是的";
        assert_eq!(
            split(text),
            ["我们的产品很好。", "它帮助团队！", "真的吗？", "是的"]
        );
        assert_eq!(
            split("日本語の文です。「引用。」次"),
            ["日本語の文です。", "「引用。」", "次"]
        );
    }

    #[test]
    fn emoji_and_multibyte_offsets() {
        let text = "Launch 🚀 now. Café ☕ après.";
        let s = sentences(text);
        assert_eq!(split(text), ["Launch 🚀 now.", "Café ☕ après."]);
        assert_eq!(s.get(1).map(|s| s.start), Some(text.find("Café").unwrap()));
        for s in &s {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }

    #[test]
    fn dot_at_start_or_inside_words() {
        assert_eq!(
            split(".NET is fine.Really fine."),
            [".NET is fine.Really fine."]
        );
        assert_eq!(split(". Then"), ["Then"]);
    }

    #[test]
    fn ten_megabyte_line_is_linear() {
        // One 10 MB line, and the worst cases for look-back and look-ahead at 1–2 MB:
        // a quadratic scan would not finish on any of them.
        let a = "word ".repeat(2_000_000);
        assert_eq!(sentences(&a).len(), 1);
        let b = "x. ".repeat(400_000);
        assert_eq!(sentences(&b).len(), 400_000);
        let c = format!("etc.{}", " ".repeat(2_000_000));
        assert_eq!(sentences(&c).len(), 1);
        let d = "a.".repeat(1_000_000);
        assert_eq!(sentences(&d).len(), 1);
        let e = "etc. ".repeat(400_000);
        assert_eq!(sentences(&e).len(), 1);
    }
}
