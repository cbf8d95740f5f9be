//! Splitting prose into sentences (SPEC 6.2): at `.`, `!`, `?` or `…` before white
//! space or the end, not after common abbreviations.

/// A sentence: byte range in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "inc", "ltd", "co", "approx", "no", "fig",
    "cf", "st",
];

/// Split prose into sentences at `.`, `!`, `?` or `…` followed by white space or the
/// end, except after common abbreviations.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    let next_char = |at: usize| text.get(at..).and_then(|r| r.chars().next());
    // Terminators by byte: `.`, `!`, `?`, and the first byte of `…` (E2 80 A6).
    let bytes = text.as_bytes();
    let terminator = |from: usize| {
        let mut i = from;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'.' | b'!' | b'?' => return Some(i),
                0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) => return Some(i),
                _ => i += 1,
            }
        }
        None
    };
    while let Some(i) = terminator(pos) {
        let Some(c) = next_char(i) else { break };
        // Consume a run of closing punctuation: `?!`, `."`, `.)`.
        let mut end = i + c.len_utf8();
        while let Some(n) = next_char(end) {
            if matches!(n, '.' | '!' | '?' | '"' | '\'' | ')' | '”' | '’' | ']') {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        pos = end;
        if !next_char(end).is_none_or(char::is_whitespace) {
            continue;
        }
        if c == '.' {
            let before = text.get(start..i).unwrap_or("");
            let last = before
                .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                .next()
                .unwrap_or("");
            // Abbreviations are short and ASCII: compared without lower-casing.
            if last.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(last)) {
                continue;
            }
        }
        push(text, start, end, &mut out);
        start = end;
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if s.trim().is_empty() {
        return;
    }
    out.push(Sentence {
        start: start + lead,
        end: end - trail,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_respect_abbreviations_and_numbers() {
        let t = "We grew 44.3% in 2025. Tools, e.g. wikis, drift! Does it? Yes.";
        let s: Vec<&str> = sentences(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            s,
            [
                "We grew 44.3% in 2025.",
                "Tools, e.g. wikis, drift!",
                "Does it?",
                "Yes."
            ]
        );
        assert!(sentences("").is_empty());
        assert!(sentences("  ... ").len() <= 1);
    }
}
