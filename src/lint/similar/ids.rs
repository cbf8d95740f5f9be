//! A sentence as the word numbers of an [`Index`]: words looked up by a packed key
//! when short, number words noticed on the way, numbers masked or read as values.

use super::index::Index;
use super::numeric::is_numeric;
use super::pack::{is_number_key, packed};
use super::tokens::each_token;

impl Index {
    /// The word numbers of a sentence, into `ids` (a buffer the caller reuses); returns
    /// whether the sentence holds a number (unmasked: a number word counts too). Words unknown to the index get numbers of
    /// their own, past the known ones; with `masked`, numeric words become `#` (SPEC 6.3).
    pub fn ids(&self, sentence: &str, masked: bool, ids: &mut Vec<u32>) -> bool {
        ids.clear();
        let known = self.words.len() as u32;
        let mut fresh = known;
        let mut has_number = false;
        let mut buf = String::new();
        each_token(sentence, |_, word| {
            // Once the sentence holds a number, unmasked words need no number test.
            let numeric = (masked || !has_number) && is_numeric(word);
            has_number |= numeric;
            if !(masked && numeric)
                && let Some(key) = packed(word)
            {
                if !has_number {
                    has_number = is_number_key(key);
                }
                ids.push(match self.short.get(&key) {
                    Some(id) => *id,
                    None => {
                        fresh += 1;
                        fresh
                    }
                });
                return;
            }
            buf.clear();
            if masked && numeric {
                buf.push('#');
            } else if word.is_ascii() {
                buf.push_str(word);
                buf.make_ascii_lowercase();
            } else {
                buf.push_str(&crate::lint::terms::norm_lower(word));
            }
            if !masked && !has_number {
                has_number = crate::lint::numbers::is_number_word(&buf);
            }
            ids.push(match self.words.get(buf.as_str()) {
                Some(id) => *id,
                None => {
                    fresh += 1;
                    fresh
                }
            });
        });
        has_number
    }

    /// The word numbers of a sentence with its numbers read as values and each replaced
    /// by `#` (as [`read`](super::read) does); returns whether it holds a number.
    /// `spans` gets the byte range of each word number in the sentence.
    pub fn masked_ids(
        &self,
        sentence: &str,
        ids: &mut Vec<u32>,
        spans: &mut Vec<(usize, usize)>,
    ) -> bool {
        ids.clear();
        spans.clear();
        let mut raw: Vec<(usize, &str)> = Vec::new();
        each_token(sentence, |start, word| {
            raw.push((start, sentence.get(start..start + word.len()).unwrap_or("")));
        });
        let words: Vec<&str> = raw.iter().map(|(_, w)| *w).collect();
        let gap = |k: usize| match (raw.get(k), raw.get(k + 1)) {
            (Some((a, w)), Some((b, _))) => sentence.get(a + w.len()..*b).unwrap_or("").to_string(),
            _ => String::new(),
        };
        let groups = crate::lint::numbers::groups(&words, gap);
        let mut fresh = self.words.len() as u32;
        let mut next = || {
            fresh += 1;
            fresh
        };
        let hash = self.words.get("#").copied();
        let mut buf = String::new();
        let mut k = 0;
        let mut gi = groups.iter().peekable();
        while let Some(word) = words.get(k).copied() {
            let start = raw.get(k).map_or(0, |(s, _)| *s);
            if let Some(g) = gi.next_if(|g| g.first == k) {
                ids.push(hash.unwrap_or_else(&mut next));
                let end = raw.get(g.end - 1).map_or(start, |(s, w)| s + w.len());
                spans.push((start, end));
                k = g.end;
                continue;
            }
            spans.push((start, start + word.len()));
            k += 1;
            if let Some(key) = packed(word) {
                ids.push(self.short.get(&key).copied().unwrap_or_else(&mut next));
                continue;
            }
            buf.clear();
            buf.push_str(&crate::lint::terms::norm_lower(word));
            ids.push(
                self.words
                    .get(buf.as_str())
                    .copied()
                    .unwrap_or_else(&mut next),
            );
        }
        !groups.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_see_number_words_and_digits() {
        let idx = Index::new(0.6);
        let mut q = Vec::new();
        for (s, want) in [
            ("It takes two or three hours", true),
            ("Seventeen teams and twenty-five people", true),
            ("Half of them", true),
            ("We grew 45% in a year", true),
            ("The often stone tone is nothing", false),
        ] {
            assert_eq!(idx.ids(s, false, &mut q), want, "{s}");
            let quick =
                s.bytes().any(|b| b.is_ascii_digit()) || crate::lint::numbers::has_number_word(s);
            assert_eq!(quick, want, "{s}");
        }
    }
}
