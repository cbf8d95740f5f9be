//! A sentence as the word numbers of an [`Index`]: words looked up by a packed key
//! when short, number words noticed on the way, numbers masked or read as values.

use super::Index;
use super::numeric::is_numeric;
use super::tokens::each_token;

/// A word of at most 8 ASCII bytes, lower-cased and packed into a number (words hold
/// no NUL byte, so different words give different numbers).
#[inline]
pub(super) fn packed(word: &str) -> Option<u64> {
    if word.len() > 8 || !word.is_ascii() {
        return None;
    }
    Some(word.bytes().enumerate().fold(0u64, |k, (i, b)| {
        k | u64::from(b.to_ascii_lowercase()) << (8 * i)
    }))
}

/// [`packed`] at compile time, for lower-case ASCII words.
const fn pack(w: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    let mut rest = w;
    while let [b, tail @ ..] = rest
        && i < 8
    {
        k |= (*b as u64) << (8 * i);
        i += 1;
        rest = tail;
    }
    k
}

const N_ZERO: u64 = pack(b"zero");
const N_ONE: u64 = pack(b"one");
const N_TWO: u64 = pack(b"two");
const N_THREE: u64 = pack(b"three");
const N_FOUR: u64 = pack(b"four");
const N_FIVE: u64 = pack(b"five");
const N_SIX: u64 = pack(b"six");
const N_SEVEN: u64 = pack(b"seven");
const N_EIGHT: u64 = pack(b"eight");
const N_NINE: u64 = pack(b"nine");
const N_TEN: u64 = pack(b"ten");
const N_ELEVEN: u64 = pack(b"eleven");
const N_TWELVE: u64 = pack(b"twelve");
const N_THIRTEEN: u64 = pack(b"thirteen");
const N_FOURTEEN: u64 = pack(b"fourteen");
const N_FIFTEEN: u64 = pack(b"fifteen");
const N_SIXTEEN: u64 = pack(b"sixteen");
const N_EIGHTEEN: u64 = pack(b"eighteen");
const N_NINETEEN: u64 = pack(b"nineteen");
const N_TWENTY: u64 = pack(b"twenty");
const N_THIRTY: u64 = pack(b"thirty");
const N_FORTY: u64 = pack(b"forty");
const N_FIFTY: u64 = pack(b"fifty");
const N_SIXTY: u64 = pack(b"sixty");
const N_SEVENTY: u64 = pack(b"seventy");
const N_EIGHTY: u64 = pack(b"eighty");
const N_NINETY: u64 = pack(b"ninety");
const N_HALF: u64 = pack(b"half");
const N_HALVES: u64 = pack(b"halves");
const N_THIRD: u64 = pack(b"third");
const N_THIRDS: u64 = pack(b"thirds");
const N_QUARTER: u64 = pack(b"quarter");
const N_QUARTERS: u64 = pack(b"quarters");
const N_FIFTH: u64 = pack(b"fifth");
const N_FIFTHS: u64 = pack(b"fifths");

/// Is a packed word a number word (`one` … `ninety`, `half`, `third`, `quarters`…; `seventeen` and hyphenated
/// ones are longer than a packed word and are tested on the slow path)?
fn is_number_key(k: u64) -> bool {
    matches!(
        k,
        N_ZERO
            | N_ONE
            | N_TWO
            | N_THREE
            | N_FOUR
            | N_FIVE
            | N_SIX
            | N_SEVEN
            | N_EIGHT
            | N_NINE
            | N_TEN
            | N_ELEVEN
            | N_TWELVE
            | N_THIRTEEN
            | N_FOURTEEN
            | N_FIFTEEN
            | N_SIXTEEN
            | N_EIGHTEEN
            | N_NINETEEN
            | N_TWENTY
            | N_THIRTY
            | N_FORTY
            | N_FIFTY
            | N_SIXTY
            | N_SEVENTY
            | N_EIGHTY
            | N_NINETY
            | N_HALF
            | N_HALVES
            | N_THIRD
            | N_THIRDS
            | N_QUARTER
            | N_QUARTERS
            | N_FIFTH
            | N_FIFTHS
    )
}

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
