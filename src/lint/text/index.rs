//! The candidate index: finds, for a sentence, every message sentence whose similarity
//! (SPEC 6.2) reaches the threshold, without comparing it with every message.
//!
//! **How.** Words are numbered in a global order, rarest first: a query word that no
//! message holds (rarest of all), then the message words by how often they occur in the
//! messages, English function words last, ties alphabetically. A word list sorted in this
//! order, repeated words kept, lists its *occurrences*; its *prefix of size p* is its
//! first `p` occurrences. Each message `M` of `m` words posts the words of its prefix of
//! size `max_edits(m, t) + 1`, each with the position of its first occurrence; a sentence
//! `S` of `s` words probes the posting lists of the words of its prefix of size
//! `max_edits(s, t) + 1`. A message found must pass the length and positional filters
//! for that posting, then the count filter, and the banded edit distance confirms it.
//!
//! **Why no match is lost.** Let `L = max(s, m)`, `need(L) = L − max_edits(L, t)`, and
//! take an optimal alignment of `S` and `M` with `k` kept words, `x` substitutions, `y`
//! deletions, `z` insertions: `d = x + y + z`, `s = k + x + y`, `m = k + x + z`. Then
//! `k = s − x − y ≥ s − d` and `k ≥ m − d`, so `k ≥ L − d`; `S` matches `M` iff
//! `d ≤ max_edits(L, t)`, so a match keeps `k ≥ need(L)` words. Hence, for a match:
//! 1. *Length*: `d ≥ |s − m|`, so `|s − m| ≤ max_edits(L, t)`; equivalently
//!    `min(s, m) / max(s, m) ≥ t` up to rounding.
//! 2. *Count*: kept words are pairs of equal words, so the multiset intersection `I` of
//!    the two word lists has `|I| ≥ k ≥ need(L)` elements. This is the bound asked for:
//!    at least `⌈t·L⌉` shared words (exactly `need(L)`, which is `⌈t·L⌉` up to the
//!    1e−9 tolerance of [`max_edits`]). It is checked first against an upper bound of
//!    `|I|` (the message words that a 1024-bit filter of the query's words may hold),
//!    then exactly by merging the two sorted lists.
//! 3. *Prefix* (the prefix filter of set-similarity joins, on multisets): name the
//!    `j`-th occurrence of word `w` in a list `(w, j)`; then lists are sets and `I` is
//!    their intersection. Let `e` be the first element of `I` in the global order; it
//!    is a first occurrence `(w, 0)` in both lists. All other `|I| − 1` elements of `I`
//!    come after `e` in `S`, so `e` is at a position `i ≤ s − |I| ≤ s − need(L)` of `S`,
//!    and at `j ≤ m − need(L)` of `M`. As `need` is non-decreasing (see
//!    [`max_edits`]), `need(L) ≥ need(s)` and `need(L) ≥ need(m)`: `e` lies in both
//!    prefixes, so the probe of `e`'s word finds `M`, and the posting passes the
//!    *positional* check `need(L) ≤ s − i` and `need(L) ≤ m − j`. (A posting of another
//!    shared word may fail that check; `e`'s never does.) This needs `|I| ≥ 1`: a
//!    message with `need(m) = 0` (empty, or `t = 0`) is a candidate for every query.
//!
//! Query words that no message holds all get id 0, which no message word has, so they
//! count as differences and never as shared words. Any total order keeps the bound
//! safe; rarest first keeps the prefixes selective. The threshold is fixed when the
//! index is built because the prefixes depend on it. The filters are tested against
//! brute force over random sentences (no false negatives, same distances).

use std::cell::RefCell;
use std::collections::HashMap;

use super::distance::{distance_within, max_edits, similarity};

/// A message sentence that a query sentence reaches the threshold with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match<'i, K> {
    /// The caller's key of the message sentence.
    pub key: &'i K,
    /// Its position in the entries the index was built from.
    pub id: usize,
    /// Word-level edit distance; 0 is a word-for-word copy.
    pub distance: usize,
    /// `1 − distance / max(|S|, |M|)`.
    pub similarity: f64,
}

/// An index over message sentences (or masked claim sentences: any word lists).
#[derive(Debug, Clone)]
pub struct MessageIndex<K> {
    threshold: f64,
    keys: Vec<K>,
    vocab: Vocab,
    /// Word ids of every message in order, end to end; message `i` is
    /// `words[bounds[i]..bounds[i + 1]]`.
    words: Vec<u32>,
    /// The same ids sorted within each message, for the count filter.
    sorted: Vec<u32>,
    bounds: Vec<usize>,
    /// The messages whose prefix holds word `w`: `postings[post_bounds[w]..post_bounds[w + 1]]`.
    postings: Vec<Posting>,
    post_bounds: Vec<usize>,
    /// Messages every query must consider (`need(m) = 0`).
    always: Vec<u32>,
    /// `max_edits(len, threshold)` for the lengths up to twice the longest message.
    edits: Vec<usize>,
    max_len: usize,
}

/// A message whose prefix holds a word.
#[derive(Debug, Clone, Copy)]
struct Posting {
    msg: u32,
    /// Where the word first occurs in the message's sorted word list.
    pos: u32,
    /// The message's length in words.
    len: u32,
}

/// Sorts first: a word no message holds is the rarest of all.
const UNKNOWN: u32 = 0;

impl<K> MessageIndex<K> {
    /// Build the index from `(key, words)` entries (normalised words, e.g. from
    /// [`super::normalize::words`] or [`super::numbers::mask`]) for one similarity
    /// threshold. Entries keep their order: a match's `id` is its position.
    pub fn new<S: AsRef<str>>(entries: Vec<(K, Vec<S>)>, threshold: f64) -> Self {
        // Count occurrences, then number the words rarest first.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (_, words) in &entries {
            for w in words {
                *counts.entry(w.as_ref()).or_default() += 1;
            }
        }
        let mut order: Vec<(&str, usize)> = counts.into_iter().collect();
        order
            .sort_unstable_by(|(a, ca), (b, cb)| (is_common(a), ca, a).cmp(&(is_common(b), cb, b)));
        let vocab = Vocab::new(order.iter().map(|(w, _)| *w));

        let mut words = Vec::new();
        let mut sorted = Vec::new();
        let mut bounds = vec![0];
        let mut postings: Vec<(u32, Posting)> = Vec::new();
        let mut always = Vec::new();
        let mut keys = Vec::with_capacity(entries.len());
        for (msg, (key, list)) in (0u32..).zip(entries) {
            let ids: Vec<u32> = list.iter().map(|w| vocab.get(w.as_ref())).collect();
            let mut by_rarity = ids.clone();
            by_rarity.sort_unstable();
            let m = ids.len();
            let prefix = max_edits(m, threshold) + 1;
            if prefix > m {
                always.push(msg);
            } else {
                let len = u32::try_from(m).unwrap_or(u32::MAX);
                let mut last = None;
                for (pos, &w) in (0u32..).zip(by_rarity.iter().take(prefix)) {
                    if last != Some(w) {
                        postings.push((w, Posting { msg, pos, len }));
                        last = Some(w);
                    }
                }
            }
            words.extend_from_slice(&ids);
            sorted.extend_from_slice(&by_rarity);
            bounds.push(words.len());
            keys.push(key);
        }
        // Postings as one array ordered by word, then message.
        postings.sort_by_key(|&(w, p)| (w, p.msg));
        let post_bounds = (0..=vocab.len() + 1)
            .map(|w| postings.partition_point(|&(pw, _)| pw < w))
            .collect();
        let max_len = bounds
            .windows(2)
            .map(|b| match b {
                [x, y] => y - x,
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        MessageIndex {
            threshold,
            keys,
            vocab,
            words,
            sorted,
            bounds,
            postings: postings.into_iter().map(|(_, p)| p).collect(),
            post_bounds,
            always,
            edits: (0..=2 * max_len + 1)
                .map(|l| max_edits(l, threshold))
                .collect(),
            max_len,
        }
    }

    /// The threshold the index was built for.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// How many message sentences it holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key of message `id`.
    pub fn key(&self, id: usize) -> Option<&K> {
        self.keys.get(id)
    }

    /// Every message sentence whose similarity with `words` reaches the threshold, best
    /// first (highest similarity, then lowest id). `words` are normalised words: `&str`s,
    /// `String`s or [`Token`](super::normalize::Token)s.
    pub fn matches<S: AsRef<str>>(&self, words: &[S]) -> Vec<Match<'_, K>> {
        with_scratch(|scratch| {
            if !self.query(words, &mut scratch.query) {
                return Vec::new();
            }
            self.filtered(&scratch.query, &mut scratch.found);
            let s = words.len();
            let ids = scratch.query.get(..s).unwrap_or(&[]);
            let mut out: Vec<Match<'_, K>> = scratch
                .found
                .iter()
                .filter_map(|&msg| {
                    let id = msg as usize;
                    let message = self.message(id);
                    let limit = self.max_edits(s.max(message.len()));
                    let distance = distance_within(ids, message, limit)?;
                    Some(Match {
                        key: self.keys.get(id)?,
                        id,
                        distance,
                        similarity: similarity(distance, s, message.len()),
                    })
                })
                .collect();
            out.sort_by(|a, b| b.similarity.total_cmp(&a.similarity).then(a.id.cmp(&b.id)));
            out
        })
    }

    /// The ids of the messages that pass the prefix, positional, length and count
    /// filters for `words`, before the edit distance confirms them (exposed for tests
    /// and tuning).
    pub fn candidates<S: AsRef<str>>(&self, words: &[S]) -> Vec<usize> {
        with_scratch(|scratch| {
            if !self.query(words, &mut scratch.query) {
                return Vec::new();
            }
            self.filtered(&scratch.query, &mut scratch.found);
            scratch.found.iter().map(|&m| m as usize).collect()
        })
    }

    /// Fill `buf` with the query's word ids in order, then the same ids sorted; false
    /// when the query is too long for any message.
    fn query<S: AsRef<str>>(&self, words: &[S], buf: &mut Vec<u32>) -> bool {
        let s = words.len();
        if s - self.max_edits(s) > self.max_len {
            // Even the longest message is too short (length filter).
            return false;
        }
        buf.clear();
        buf.extend(words.iter().map(|w| self.vocab.get(w.as_ref())));
        buf.extend_from_within(..);
        if let Some(sorted) = buf.get_mut(s..) {
            sorted.sort_unstable();
        }
        true
    }

    /// The size of the prefix of a query of `s` words.
    fn prefix(&self, s: usize) -> usize {
        (self.max_edits(s) + 1).min(s)
    }

    fn message(&self, id: usize) -> &[u32] {
        self.range(id)
            .and_then(|r| self.words.get(r))
            .unwrap_or(&[])
    }

    fn message_sorted(&self, id: usize) -> &[u32] {
        self.range(id)
            .and_then(|r| self.sorted.get(r))
            .unwrap_or(&[])
    }

    fn range(&self, id: usize) -> Option<std::ops::Range<usize>> {
        Some(*self.bounds.get(id)?..*self.bounds.get(id + 1)?)
    }

    /// `max_edits(len, threshold)`, from the table when it can.
    fn max_edits(&self, len: usize) -> usize {
        self.edits
            .get(len)
            .copied()
            .unwrap_or_else(|| max_edits(len, self.threshold))
    }

    /// Put in `found` the messages found through the prefixes (and the `always` list)
    /// that pass the positional, length and count filters. `query` is as [`Self::query`]
    /// fills it.
    fn filtered(&self, query: &[u32], found: &mut Vec<u32>) {
        let s = query.len() / 2;
        let sorted = query.get(s..).unwrap_or(&[]);
        found.clear();
        found.extend(self.always.iter().copied().filter(|&msg| {
            let m = self.message(msg as usize).len();
            s.abs_diff(m) <= self.max_edits(s.max(m))
        }));
        // The query's own prefix: its `max_edits(s, t) + 1` rarest word occurrences.
        let prefix = self.prefix(s);
        let mut last = UNKNOWN;
        for (i, &w) in sorted.iter().take(prefix).enumerate() {
            if w == last || w == UNKNOWN {
                continue;
            }
            last = w;
            let lo = self.post_bounds.get(w as usize).copied().unwrap_or(0);
            let hi = self.post_bounds.get(w as usize + 1).copied().unwrap_or(0);
            for p in self.postings.get(lo..hi).unwrap_or(&[]) {
                let m = p.len as usize;
                let len = s.max(m);
                let edits = self.max_edits(len);
                let need = len - edits;
                // Length filter; then, if `w` is the first shared word, at least `need`
                // occurrences follow it (itself included) in both lists.
                if s.abs_diff(m) <= edits && need + i <= s && need + p.pos as usize <= m {
                    found.push(p.msg);
                }
            }
        }
        if found.is_empty() {
            return;
        }
        found.sort_unstable();
        found.dedup();
        // Unknown words sort first and are never shared.
        let known = sorted
            .get(sorted.partition_point(|&w| w == UNKNOWN)..)
            .unwrap_or(&[]);
        // A cheap upper bound first: the message's words that may be in the query by a
        // 1024-bit filter of the query's words (false positives only raise the bound).
        let mut filter = [0u64; 16];
        for &w in known {
            if let Some(bits) = filter.get_mut((w as usize >> 6) & 15) {
                *bits |= 1 << (w & 63);
            }
        }
        let maybe_in_query = |w: u32| {
            filter
                .get((w as usize >> 6) & 15)
                .is_some_and(|bits| bits >> (w & 63) & 1 == 1)
        };
        found.retain(|&msg| {
            let message = self.message_sorted(msg as usize);
            let len = s.max(message.len());
            let need = len - self.max_edits(len);
            message.iter().filter(|&&w| maybe_in_query(w)).count() >= need
                && shares_at_least(known, message, need)
        });
    }
}

/// Buffers a query needs, kept per thread so that checking a sentence allocates only
/// for its matches.
#[derive(Default)]
struct Scratch {
    query: Vec<u32>,
    found: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Run `f` with this thread's scratch buffers (fresh ones if they are in use, which
/// cannot happen as `f` never calls back into the index).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let out = f(&mut scratch);
            // Do not keep the buffers of an unusually long sentence.
            if scratch.query.capacity() > 1 << 12 {
                *scratch = Scratch::default();
            }
            out
        }
        Err(_) => f(&mut Scratch::default()),
    })
}

/// Whether the multiset intersection of two sorted lists has at least `need` elements;
/// stops as soon as the rest of the lists cannot make up the difference.
fn shares_at_least(a: &[u32], b: &[u32], need: usize) -> bool {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        if n >= need {
            return true;
        }
        if n + (a.len() - i).min(b.len() - j) < need {
            return false;
        }
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n >= need
}

/// English function words: frequent in any prose, so ordered last and kept out of the
/// prefixes whenever a rarer word can stand in.
fn is_common(word: &str) -> bool {
    COMMON.binary_search(&word).is_ok()
}

/// Sorted, for the binary search.
const COMMON: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "but", "by", "can", "could", "do", "does", "each", "every", "for", "from",
    "get", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "just", "more", "most", "my", "new", "no", "not", "of", "on", "one", "only", "or",
    "other", "our", "out", "over", "she", "so", "some", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "to", "up", "us", "was", "we", "were", "what",
    "when", "which", "who", "will", "with", "would", "you", "your",
];

/// Word → id (`1..=len`; 0 is [`UNKNOWN`]): open addressing with linear probing at a
/// load of at most one half, the Fx hash (rustc's) with Fibonacci indexing, and a key
/// that identifies a short word kept beside its hash so most comparisons need no `memcmp`.
/// Looking up every word of every sentence is the index's hottest path. Not
/// DoS-resistant, which does not matter for a handbook its own authors write.
#[derive(Debug, Clone)]
struct Vocab {
    /// Ids; 0 marks an empty slot.
    slots: Vec<u32>,
    shift: u32,
    /// By id (index 0 is unused): the word's hash and its bytes.
    entries: Vec<Entry>,
    bytes: Vec<u8>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    hash: Hashed,
    start: usize,
    end: usize,
}

/// A word's hash, its length and a key that, for words of up to eight bytes, identifies
/// the word among words of its length (for longer ones: its first eight bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Hashed {
    hash: u64,
    head: u64,
    len: usize,
}

impl Vocab {
    /// Number the words `1, 2, …` in the order given (they must be distinct).
    fn new<'w>(words: impl ExactSizeIterator<Item = &'w str>) -> Self {
        let capacity = (2 * words.len()).max(8).next_power_of_two();
        let mut vocab = Vocab {
            slots: vec![0; capacity],
            shift: 64 - capacity.trailing_zeros(),
            entries: vec![Entry::default()],
            bytes: Vec::new(),
        };
        for (w, id) in words.zip(1u32..) {
            let hash = fx(w.as_bytes());
            let start = vocab.bytes.len();
            vocab.bytes.extend_from_slice(w.as_bytes());
            vocab.entries.push(Entry {
                hash,
                start,
                end: vocab.bytes.len(),
            });
            let mask = vocab.slots.len() - 1;
            let mut i = vocab.home(hash.hash);
            while let Some(slot) = vocab.slots.get_mut(i) {
                if *slot == 0 {
                    *slot = id;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        vocab
    }

    /// How many words.
    fn len(&self) -> u32 {
        u32::try_from(self.entries.len() - 1).unwrap_or(u32::MAX)
    }

    fn home(&self, h: u64) -> usize {
        // The top bits of an Fx hash are its best mixed.
        usize::try_from(h.checked_shr(self.shift).unwrap_or(0)).unwrap_or(0)
    }

    /// The id of `word`, or [`UNKNOWN`].
    fn get(&self, word: &str) -> u32 {
        let word = word.as_bytes();
        let hashed = fx(word);
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(hashed.hash);
        // Terminates: at least half the slots are empty.
        while let Some(&id) = self.slots.get(i) {
            if id == UNKNOWN {
                break;
            }
            if let Some(e) = self.entries.get(id as usize)
                && e.hash == hashed
                && (hashed.len <= 8 || self.bytes.get(e.start..e.end) == Some(word))
            {
                return id;
            }
            i = (i + 1) & mask;
        }
        UNKNOWN
    }
}

/// The Fx hash of a byte string with its length, and a key that identifies a string of
/// that length up to 8 bytes. Short strings are read with a few overlapping loads instead
/// of byte by byte.
fn fx(bytes: &[u8]) -> Hashed {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let add = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(SEED);
    let n = bytes.len();
    let byte = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(0));
    let u32_at = |i: usize| {
        bytes
            .get(i..i + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    let u64_at = |i: usize| {
        bytes
            .get(i..i + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map_or(0, u64::from_le_bytes)
    };
    let (head, hash) = match n {
        0 => (0, 0),
        // The first, middle and last bytes cover every byte of 1 to 3.
        1..=3 => {
            let key = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
            (key, add(0, key))
        }
        // The first and last four bytes cover every byte of 4 to 8.
        4..=8 => {
            let key = u32_at(0) | u32_at(n - 4) << 32;
            (key, add(0, key))
        }
        _ => {
            let mut h = 0;
            let mut at = 0;
            while at + 8 <= n {
                h = add(h, u64_at(at));
                at += 8;
            }
            if at < n {
                // The last eight bytes, overlapping the previous chunk.
                h = add(h, u64_at(n - 8));
            }
            (u64_at(0), h)
        }
    };
    Hashed {
        hash: add(hash, n as u64),
        head,
        len: n,
    }
}

#[cfg(test)]
mod tests {
    use super::super::distance::distance_at_threshold;
    use super::super::normalize::{tokens, words};
    use super::super::numbers::mask;
    use super::*;

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn owned(text: &str) -> Vec<String> {
        words(&tokens(text))
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn vocab_lookup() {
        let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        let v = Vocab::new(words.iter().map(String::as_str));
        assert_eq!(v.len(), 1000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.get(w), i as u32 + 1);
        }
        for w in [
            "",
            "w1000",
            "w",
            "W1",
            "w1 ",
            "a very long word of many bytes indeed",
        ] {
            assert_eq!(v.get(w), UNKNOWN);
        }
        // Every string over {a, b} of 1 to 10 bytes: the short-word keys must tell apart
        // words that share their first and last bytes.
        let all: Vec<String> = (1..=10u32)
            .flat_map(|n| {
                (0..1u32 << n).map(move |bits| {
                    (0..n)
                        .map(|k| if bits >> k & 1 == 1 { 'b' } else { 'a' })
                        .collect()
                })
            })
            .collect();
        let v = Vocab::new(all.iter().map(String::as_str));
        for (i, w) in all.iter().enumerate() {
            assert_eq!(v.get(w), i as u32 + 1, "{w}");
        }
        assert_eq!(
            v.get("aba"),
            all.iter().position(|w| w == "aba").unwrap() as u32 + 1
        );
        assert_eq!(v.get("aaaaaaaaaaa"), UNKNOWN);
        assert_eq!(v.get("c"), UNKNOWN);
        let empty = Vocab::new(std::iter::empty());
        assert_eq!((empty.len(), empty.get("a")), (0, UNKNOWN));
        let one = Vocab::new(["", "a very long word of many bytes indeed"].into_iter());
        assert_eq!(one.get(""), 1);
        assert_eq!(one.get("a very long word of many bytes indeed"), 2);
    }

    #[test]
    fn common_words_are_sorted() {
        assert!(COMMON.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn spec_example_drift_and_copy() {
        let index = MessageIndex::new(
            vec![
                (
                    "platform.one-liner",
                    owned("Acme keeps every go-to-market team telling the same story."),
                ),
                (
                    "platform.pillar",
                    owned("One source of truth for positioning, messaging and proof."),
                ),
            ],
            0.6,
        );
        let s = owned("Acme keeps every GTM team telling one story.");
        let found = index.matches(&s);
        assert_eq!(found.len(), 1);
        let m = found[0];
        assert_eq!((*m.key, m.id, m.distance), ("platform.one-liner", 0, 3));
        assert!((m.similarity - 2.0 / 3.0).abs() < 1e-9);
        let copy = owned("acme keeps every go-to-market team, telling the same story");
        assert_eq!(index.matches(&copy)[0].distance, 0);
        assert!(
            index
                .matches(&owned("We sell shoes to people in Berlin."))
                .is_empty()
        );
        assert!(index.matches::<&str>(&[]).is_empty());
    }

    #[test]
    fn claim_mismatch_through_masked_index() {
        let claim = tokens("44.3% of product marketing teams have only one or two people.");
        let index = MessageIndex::new(vec![("small-teams", mask(&claim))], 0.6);
        let body = tokens("45% of product marketing teams have only one or two people.");
        let found = index.matches(&mask(&body));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].distance, 0);
    }

    #[test]
    fn best_match_first() {
        let index = MessageIndex::new(
            vec![
                (1, owned("alpha beta gamma delta epsilon")),
                (2, owned("alpha beta gamma delta zeta")),
                (3, owned("alpha beta gamma delta epsilon")),
            ],
            0.5,
        );
        let found = index.matches(&owned("alpha beta gamma delta epsilon"));
        let ids: Vec<usize> = found.iter().map(|m| m.id).collect();
        assert_eq!(ids, [0, 2, 1]);
        assert_eq!(index.len(), 3);
        assert_eq!(index.key(1), Some(&2));
        assert_eq!(index.key(3), None);
    }

    #[test]
    fn empty_index_and_empty_messages() {
        let index: MessageIndex<u8> = MessageIndex::new(Vec::<(u8, Vec<String>)>::new(), 0.6);
        assert!(index.is_empty());
        assert!(index.matches(&["a"]).is_empty());
        let index = MessageIndex::new(vec![(0, Vec::<String>::new())], 0.6);
        assert_eq!(index.matches::<&str>(&[]).len(), 1);
        assert!(index.matches(&["a"]).is_empty());
    }

    #[test]
    fn huge_query_is_rejected_quickly() {
        let index = MessageIndex::new(vec![(0, owned("a short message of six words"))], 0.6);
        let huge: Vec<String> = (0..2_000_000).map(|i| format!("w{i}")).collect();
        assert!(index.candidates(&huge).is_empty());
        assert!(index.matches(&huge).is_empty());
    }

    /// Brute force: the index finds exactly the pairs that reach the threshold, with the
    /// same distances, over random sentences with many repeated words: short ones over
    /// tiny vocabularies (many shared words), longer ones over larger vocabularies with
    /// near copies of messages (a few substitutions, insertions and deletions).
    #[test]
    fn no_false_negatives_against_brute_force() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let names: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let mut vocab: Vec<&str> = vec!["the", "a", "of", "every", "one", "and"];
        vocab.extend(names.iter().map(String::as_str));
        let mut checked = 0;
        for round in 0..400 {
            let long = round % 2 == 1;
            let size = if long {
                4 + rng.below(vocab.len() as u64 - 3)
            } else {
                2 + rng.below(9)
            };
            let max_len = if long { 25 } else { 11 };
            let sentence = |rng: &mut Rng| -> Vec<&str> {
                let len = rng.below(max_len) as usize;
                (0..len).map(|_| vocab[rng.below(size) as usize]).collect()
            };
            let messages: Vec<(usize, Vec<&str>)> = (0..1 + rng.below(25) as usize)
                .map(|i| (i, sentence(&mut rng)))
                .collect();
            let threshold = match round % 7 {
                0 | 1 => 0.6,
                2 => 0.0,
                3 => 1.0,
                _ => rng.below(1001) as f64 / 1000.0,
            };
            let index = MessageIndex::new(messages.clone(), threshold);
            for _ in 0..60 {
                let mut q = sentence(&mut rng);
                if rng.below(3) == 0 {
                    // A near copy of a message, so matches are frequent.
                    let (_, m) = &messages[rng.below(messages.len() as u64) as usize];
                    q = m.clone();
                    for _ in 0..rng.below(5) {
                        let word = if rng.below(4) == 0 {
                            "unknown-word"
                        } else {
                            vocab[rng.below(size) as usize]
                        };
                        let at = rng.below(q.len() as u64 + 1) as usize;
                        match rng.below(3) {
                            0 if at < q.len() => q[at] = word,
                            1 if at < q.len() => {
                                q.remove(at);
                            }
                            _ => q.insert(at, word),
                        }
                    }
                }
                let expected: Vec<(usize, usize)> = messages
                    .iter()
                    .enumerate()
                    .filter_map(|(i, (_, m))| {
                        distance_at_threshold(&q, m, threshold).map(|d| (i, d))
                    })
                    .collect();
                let candidates = index.candidates(&q);
                for (i, _) in &expected {
                    assert!(
                        candidates.contains(i),
                        "{q:?} lost {:?} at {threshold}",
                        messages[*i]
                    );
                }
                let mut got: Vec<(usize, usize)> = index
                    .matches(&q)
                    .iter()
                    .map(|m| (m.id, m.distance))
                    .collect();
                got.sort_unstable();
                assert_eq!(got, expected, "{q:?} at {threshold}");
                checked += expected.len();
            }
        }
        assert!(checked > 20_000, "too few matches exercised: {checked}");
    }

    #[test]
    fn filters_prune_unrelated_messages() {
        let messages: Vec<(usize, Vec<String>)> = (0..100)
            .map(|i| {
                (
                    i,
                    owned(&format!(
                        "message {i} speaks of topic{i} and theme{i} daily"
                    )),
                )
            })
            .collect();
        let index = MessageIndex::new(messages, 0.6);
        let c = index.candidates(&owned("message 7 speaks of topic7 and theme7 weekly"));
        assert_eq!(c, [7]);
    }
}
