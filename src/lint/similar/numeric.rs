//! The numbers of a sentence: which words are numeric, masking them as `#` (SPEC 6.3),
//! and reading them as values for `claim/mismatch`.

use super::tokens::tokens;

/// Is this token a number (`44.3%`, `1-2`, `$3m`, `10x`, `2025`)?
#[inline]
pub fn is_numeric(token: &str) -> bool {
    token.bytes().any(|b| b.is_ascii_digit())
}

/// A sentence read for `claim/mismatch`: its words with each number (a figure and its
/// unit words, a range, number words) replaced by one `#`, and those numbers in order
/// with their spelling.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub masked: Vec<String>,
    pub numbers: Vec<(crate::lint::numbers::Quantity, String)>,
}

/// Read the numbers of a sentence (see [`Reading`]).
pub fn read(sentence: &str) -> Reading {
    let toks = tokens(sentence);
    let raw: Vec<&str> = toks
        .iter()
        .map(|t| sentence.get(t.start..t.end).unwrap_or(""))
        .collect();
    let gap = |k: usize| match (toks.get(k), toks.get(k + 1)) {
        (Some(a), Some(b)) => sentence.get(a.end..b.start).unwrap_or("").to_string(),
        _ => String::new(),
    };
    let groups = crate::lint::numbers::groups(&raw, gap);
    let mut out = Reading::default();
    let mut k = 0;
    let mut gi = groups.iter().peekable();
    while let Some(t) = toks.get(k) {
        if let Some(g) = gi.next_if(|g| g.first == k) {
            let start = t.start;
            let end = toks.get(g.end - 1).map_or(t.end, |l| l.end);
            out.masked.push("#".into());
            out.numbers
                .push((g.q, sentence.get(start..end).unwrap_or("").to_string()));
            k = g.end;
        } else {
            out.masked.push(t.text.clone());
            k += 1;
        }
    }
    out
}

/// Replace numeric tokens by `#` (SPEC 6.3).
pub fn mask(tokens: &[String]) -> Vec<String> {
    tokens
        .iter()
        .map(|t| {
            if is_numeric(t) {
                "#".to_string()
            } else {
                t.clone()
            }
        })
        .collect()
}

/// The numbers of a token list, sorted (compared as multisets).
pub fn numbers(tokens: &[String]) -> Vec<String> {
    let mut n: Vec<String> = tokens.iter().filter(|t| is_numeric(t)).cloned().collect();
    n.sort();
    n
}
