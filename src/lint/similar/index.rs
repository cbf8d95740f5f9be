//! The candidate index of reference sentences (message or claim sentences): the
//! closest entry to a sentence at one threshold, without comparing it with every entry.
//!
//! Candidate filter. If sim(S, M) = 1 − d/L ≥ t with L = max(|S|, |M|), an optimal
//! alignment matches at least L − d ≥ t·L ≥ t·|S| tokens, all equal pairs, so S and M
//! share at least k = ⌈t·|S|⌉ tokens (as multisets). Order S's tokens from rarest to
//! most common (by how many message sentences hold them): a candidate sharing k tokens
//! must share one of the first |S| − k + 1 of them (prefix filtering). The same holds
//! for M with k' = ⌈t·|M|⌉, in the same global order, so each message sentence is
//! indexed by its first |M| − k' + 1 words only: a match shares a word in both prefixes
//! (the first shared word in that order lies in both). Common words then never fetch
//! candidates. A candidate first met at query position i and entry position j shares
//! no word before them, so at most 1 + min(|S| − 1 − i, |M| − 1 − j) words: too few, and
//! it is dropped (positional filtering), as are candidates of impossible length.
//! The rest are confirmed by counting shared words, then by a banded edit distance.
//! No true match is dropped (tested against brute force below).

use super::distance::{distance, similarity};
use super::pack::packed;
use rustc_hash::FxHashMap;

/// An index of reference sentences (message or claim sentences) for candidate search at
/// one threshold. Words are interned to numbers, so comparisons never touch strings.
#[derive(Debug)]
pub struct Index {
    threshold: f64,
    pub(super) words: FxHashMap<String, u32>,
    /// The words of at most 8 ASCII bytes again, packed into a number: most words of a
    /// sentence are looked up without copying or hashing a string.
    pub(super) short: FxHashMap<u64, u32>,
    /// Each entry as word numbers, in order.
    entries: Vec<Vec<u32>>,
    /// Each entry's words with their counts, sorted by word number.
    counts: Vec<Vec<(u32, u32)>>,
    /// Word number → how many entries hold it (the global order: rarest first).
    frequency: Vec<u32>,
    /// `required(threshold, n)` for short sentences, computed once.
    required: Vec<u32>,
    /// Word number → entries holding it in their prefix, with its position in the
    /// entry's words in the global order; built at the first search.
    postings: std::sync::OnceLock<Vec<Vec<(u32, u32)>>>,
    /// Word number → every entry holding it, with its count (for [`Index::best_window`]).
    all_postings: std::sync::OnceLock<Vec<Vec<(u32, u32)>>>,
}

/// A reference sentence close to a query: its number in the index and the similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub entry: usize,
    pub similarity: f64,
    pub distance: usize,
}

/// Words with their counts, sorted by word number.
fn counted(ids: &[u32]) -> Vec<(u32, u32)> {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(sorted.len());
    for id in sorted {
        match out.last_mut() {
            Some((last, c)) if *last == id => *c += 1,
            _ => out.push((id, 1)),
        }
    }
    out
}

/// How many of `n` words two sentences must share to be `t` similar at all: ⌈t·n⌉.
fn required(t: f64, n: usize) -> usize {
    ((t * n as f64) - 1e-9).ceil().max(1.0) as usize
}

/// Per-thread buffers of a search, kept between queries so a query allocates nothing.
struct Scratch {
    /// The current query number, and the query number that last saw each entry.
    stamp: u32,
    marks: Vec<u32>,
    /// The query's words in the global order.
    occ: Vec<(u32, u32)>,
    candidates: Vec<u32>,
}

thread_local! {
    static SEEN: std::cell::RefCell<Scratch> = const {
        std::cell::RefCell::new(Scratch {
            stamp: 0,
            marks: Vec::new(),
            occ: Vec::new(),
            candidates: Vec::new(),
        })
    };
    /// Scratch table: how often each known word occurs in the current query.
    static QUERY_COUNTS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Index {
    /// An empty index for matches at similarity `threshold` or more.
    pub fn new(threshold: f64) -> Self {
        Index {
            threshold,
            words: FxHashMap::default(),
            short: FxHashMap::default(),
            entries: Vec::new(),
            counts: Vec::new(),
            frequency: Vec::new(),
            required: (0..256).map(|n| required(threshold, n) as u32).collect(),
            postings: std::sync::OnceLock::new(),
            all_postings: std::sync::OnceLock::new(),
        }
    }

    /// Add a sentence; returns its number.
    pub fn add(&mut self, tokens: Vec<String>) -> usize {
        let id = self.entries.len() as u32;
        let ids: Vec<u32> = tokens
            .into_iter()
            .map(|t| {
                let next = self.words.len() as u32;
                if let Some(key) = packed(&t) {
                    self.short.insert(key, *self.words.get(&t).unwrap_or(&next));
                }
                *self.words.entry(t).or_insert(next)
            })
            .collect();
        let counts = counted(&ids);
        for (w, _) in &counts {
            let w = *w as usize;
            if self.frequency.len() <= w {
                self.frequency.resize(w + 1, 0);
            }
            if let Some(f) = self.frequency.get_mut(w) {
                *f += 1;
            }
        }
        self.entries.push(ids);
        self.counts.push(counts);
        self.postings = std::sync::OnceLock::new();
        self.all_postings = std::sync::OnceLock::new();
        id as usize
    }

    /// How many words two sentences of which the longer has `n` words must share.
    fn need(&self, n: usize) -> usize {
        match self.required.get(n) {
            Some(k) => *k as usize,
            None => required(self.threshold, n),
        }
    }

    /// The rank of a word in the global order: rarer words first, then by number. Words
    /// unknown to the index have frequency 0.
    fn rank(&self, w: u32) -> (u32, u32) {
        (self.frequency.get(w as usize).copied().unwrap_or(0), w)
    }

    /// Each entry listed under the words of its prefix.
    fn build_postings(&self) -> Vec<Vec<(u32, u32)>> {
        let mut postings = vec![Vec::new(); self.words.len()];
        for (id, entry) in self.entries.iter().enumerate() {
            let mut order = entry.clone();
            order.sort_unstable_by_key(|w| self.rank(*w));
            let prefix = entry.len() - self.need(entry.len()).min(entry.len()) + 1;
            let mut last = None;
            for (pos, w) in order.into_iter().take(prefix).enumerate() {
                if last != Some(w)
                    && let Some(p) = postings.get_mut(w as usize)
                {
                    p.push((id as u32, pos as u32));
                }
                last = Some(w);
            }
        }
        postings
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The closest entry to a window of a longer query: an entry whose words the query
    /// holds with other words around them. Returns the match and the window `start..end`
    /// in the query. Entries are filtered by how many of their words the query holds at
    /// all, then aligned with free ends in the query (semi-global edit distance).
    pub fn best_window(&self, q: &[u32]) -> Option<(Match, usize, usize)> {
        let n = q.len();
        if n == 0 || self.entries.is_empty() {
            return None;
        }
        let known = self.words.len() as u32;
        let all = self.all_postings.get_or_init(|| {
            let mut p = vec![Vec::new(); self.words.len()];
            for (id, counts) in self.counts.iter().enumerate() {
                for (w, c) in counts {
                    if let Some(list) = p.get_mut(*w as usize) {
                        list.push((id as u32, *c));
                    }
                }
            }
            p
        });
        let known_words: Vec<u32> = q.iter().copied().filter(|w| *w < known).collect();
        let mut shared = vec![0u32; self.entries.len()];
        for (w, qc) in counted(&known_words) {
            for (id, c) in all.get(w as usize).map_or(&[][..], Vec::as_slice) {
                if let Some(s) = shared.get_mut(*id as usize) {
                    *s += (*c).min(qc);
                }
            }
        }
        let t = self.threshold;
        let mut best: Option<(Match, usize, usize)> = None;
        for (id, s) in shared.iter().enumerate() {
            let Some(entry) = self.entries.get(id) else {
                continue;
            };
            let m = entry.len();
            if m == 0 || m >= n || (f64::from(*s) + 1e-9) < t * m as f64 {
                continue;
            }
            // prev[j]: (cost, start) of aligning entry[..j] ending at query position i.
            let mut prev: Vec<(usize, usize)> = (0..=m).map(|j| (j, 0)).collect();
            let mut cur = prev.clone();
            let mut end_best: Option<(usize, usize, usize)> = None; // (cost, start, end)
            for i in 1..=n {
                if let Some(c) = cur.get_mut(0) {
                    *c = (0, i);
                }
                for j in 1..=m {
                    let same = q.get(i - 1) == entry.get(j - 1);
                    let (dc, ds) = prev.get(j - 1).copied().unwrap_or((usize::MAX / 2, 0));
                    let (uc, us) = prev.get(j).copied().unwrap_or((usize::MAX / 2, 0));
                    let (lc, ls) = cur.get(j - 1).copied().unwrap_or((usize::MAX / 2, 0));
                    let mut v = (dc + usize::from(!same), ds);
                    if uc + 1 < v.0 {
                        v = (uc + 1, us);
                    }
                    if lc + 1 < v.0 {
                        v = (lc + 1, ls);
                    }
                    if let Some(c) = cur.get_mut(j) {
                        *c = v;
                    }
                }
                if let Some((c, st)) = cur.get(m).copied()
                    && end_best.is_none_or(|(bc, _, _)| c < bc)
                {
                    end_best = Some((c, st, i));
                }
                std::mem::swap(&mut prev, &mut cur);
            }
            let Some((d, start, end)) = end_best else {
                continue;
            };
            let sim = similarity(d, end - start, m);
            if sim + 1e-9 >= t && best.is_none_or(|(b, _, _)| sim > b.similarity) {
                best = Some((
                    Match {
                        entry: id,
                        similarity: sim,
                        distance: d,
                    },
                    start,
                    end,
                ));
            }
        }
        best
    }

    /// [`Index::best_ids`] for a list of words (tests compare with brute force this way).
    #[cfg(test)]
    pub fn best(&self, query: &[String]) -> Option<Match> {
        let mut q = Vec::new();
        self.ids(&query.join(" "), false, &mut q);
        self.best_ids(&q)
    }

    /// The closest entry at or above the threshold for a sentence already turned into
    /// word numbers by [`Index::ids`].
    pub fn best_ids(&self, q: &[u32]) -> Option<Match> {
        if q.is_empty() || self.entries.is_empty() {
            return None;
        }
        let n = q.len();
        let k = self.need(n);
        if k > n {
            return None;
        }
        let known = self.words.len() as u32;
        // Unknown words are shared with no entry: too many of them rule out any match.
        if q.iter().filter(|w| **w >= known).count() > n - k {
            return None;
        }
        let postings = self.postings.get_or_init(|| self.build_postings());
        SEEN.with_borrow_mut(|scratch| {
            let Scratch {
                stamp,
                marks,
                occ,
                candidates,
            } = scratch;
            // Occurrences in the global order; only the first n - k + 1 are probed.
            occ.clear();
            occ.extend(q.iter().map(|id| self.rank(*id)));
            occ.sort_unstable();
            let prefix = n - k + 1;
            // Collect each candidate once, marking entries seen in this query with a
            // stamp instead of sorting and deduplicating.
            *stamp = stamp.wrapping_add(1);
            if *stamp == 0 {
                marks.iter_mut().for_each(|m| *m = 0);
                *stamp = 1;
            }
            if marks.len() < self.entries.len() {
                marks.resize(self.entries.len(), 0);
            }
            candidates.clear();
            for (i, (_, w)) in occ.iter().enumerate().take(prefix) {
                let Some(p) = postings.get(*w as usize).filter(|_| *w < known) else {
                    continue;
                };
                for (id, j) in p {
                    let Some(mark) = marks.get_mut(*id as usize).filter(|m| **m != *stamp) else {
                        continue;
                    };
                    // First met here: no shared word before position i of the query
                    // and j of the entry.
                    *mark = *stamp;
                    let m = self.entries.get(*id as usize).map_or(0, Vec::len);
                    let need = self.need(n.max(m));
                    let bound = 1 + (n - 1 - i).min(m.saturating_sub(1 + *j as usize));
                    if bound >= need {
                        candidates.push(*id);
                    }
                }
            }
            if candidates.is_empty() {
                return None;
            }
            // The query's word counts in a dense table, so the overlap with a candidate
            // is a few direct lookups instead of a merge.
            QUERY_COUNTS.with_borrow_mut(|qc| {
                if qc.len() < known as usize {
                    qc.resize(known as usize, 0);
                }
                for w in q {
                    if let Some(c) = qc.get_mut(*w as usize) {
                        *c = c.saturating_add(1);
                    }
                }
                let best = self.confirm(q, candidates, qc);
                for w in q {
                    if let Some(c) = qc.get_mut(*w as usize) {
                        *c = 0;
                    }
                }
                best
            })
        })
    }

    fn confirm(&self, q: &[u32], candidates: &[u32], qc: &[u8]) -> Option<Match> {
        let t = self.threshold;
        let n = q.len();
        let mut best: Option<Match> = None;
        for &id in candidates {
            let (Some(entry), Some(ecounts)) =
                (self.entries.get(id as usize), self.counts.get(id as usize))
            else {
                continue;
            };
            let l = n.max(entry.len());
            let short = n.min(entry.len());
            let need = t * l as f64 - 1e-9;
            if (short as f64) < need {
                continue;
            }
            let shared: u32 = ecounts
                .iter()
                .map(|(w, c)| (*c).min(u32::from(qc.get(*w as usize).copied().unwrap_or(0))))
                .sum();
            if (shared as f64) < need {
                continue;
            }
            let max = ((1.0 - t) * l as f64 + 1e-9).floor() as usize;
            if let Some(d) = distance(q, entry, max) {
                let sim = similarity(d, n, entry.len());
                let better = best.is_none_or(|b| {
                    sim > b.similarity || (sim == b.similarity && (id as usize) < b.entry)
                });
                if sim + 1e-9 >= t && better {
                    best = Some(Match {
                        entry: id as usize,
                        similarity: sim,
                        distance: d,
                    });
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_never_misses_a_match_brute_force() {
        // Small vocabulary, many random sentences: compare with exhaustive search.
        let vocab = ["a", "b", "c", "d", "e", "f", "g"];
        let mut seed = 42u64;
        let mut rnd = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        let sent = |r: &mut dyn FnMut(usize) -> usize| -> Vec<String> {
            let len = 3 + r(6);
            (0..len)
                .map(|_| vocab[r(vocab.len())].to_string())
                .collect()
        };
        let ts = [0.5, 0.6, 0.75, 0.9];
        let mut idx: Vec<Index> = ts.iter().map(|t| Index::new(*t)).collect();
        let mut refs = Vec::new();
        for _ in 0..40 {
            let s = sent(&mut rnd);
            refs.push(s.clone());
            idx.iter_mut().for_each(|i| {
                i.add(s.clone());
            });
        }
        for _ in 0..2000 {
            let q = sent(&mut rnd);
            for (t, idx) in ts.iter().copied().zip(&idx) {
                let brute = refs
                    .iter()
                    .map(|r| similarity(distance(&q, r, 100).unwrap(), q.len(), r.len()))
                    .fold(0.0f64, f64::max);
                let got = idx.best(&q).map(|m| m.similarity);
                if brute + 1e-9 >= t {
                    let g = got.expect("index missed a match");
                    assert!((g - brute).abs() < 1e-9, "{q:?} t={t} got {g} want {brute}");
                } else {
                    assert!(got.is_none());
                }
            }
        }
    }
}
