//! Word-level edit distance (Levenshtein over token slices) with a backtrace, the
//! similarity of SPEC 6.2, the threshold arithmetic every caller must share, and the
//! human word diff (`every → each, the same → one, −clear, +new`).
//!
//! Distances are computed in a diagonal band (Ukkonen): with a bound `k`, only the cells
//! with `|i − j| ≤ k` can lie on a path of cost `≤ k`, so a pair costs `O(k·n)` (and
//! nothing when `|n − m| > k`), and the scan stops as soon as a whole row exceeds `k`.
//!
//! **Threshold.** A pair of lengths `n`, `m` with `L = max(n, m)` reaches threshold `t`
//! when its distance `d ≤ max_edits(L, t) = ⌊(1 − t)·L + 1e−9⌋`, that is when
//! `similarity = 1 − d/L ≥ t`, with a tolerance of 1e−9 so `0.6` at `d = 2, L = 5` counts
//! whatever the rounding. `t` is clamped to `[0, 1]` (NaN counts as 1). Every filter in
//! [`super::index`] uses this one function, so they agree exactly with the final check.

/// One step of an edit script turning `a` into `b`; the fields index into `a` and `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    /// `a[a] == b[b]`.
    Keep { a: usize, b: usize },
    /// `a[a]` becomes `b[b]`.
    Substitute { a: usize, b: usize },
    /// `a[a]` is removed.
    Delete { a: usize },
    /// `b[b]` is added.
    Insert { b: usize },
}

/// A distance with an edit script of exactly that many non-`Keep` steps, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    pub distance: usize,
    pub edits: Vec<Edit>,
}

/// Tolerance for the threshold comparison (see the module documentation).
const EPSILON: f64 = 1e-9;

/// The most edits a pair whose longer side has `len` words may have and still reach
/// `threshold` (see the module documentation). Non-decreasing in `len`, and
/// `len − max_edits(len, t)` is non-decreasing too (it grows by 0 or 1 per word).
pub fn max_edits(len: usize, threshold: f64) -> usize {
    let t = if threshold.is_nan() {
        1.0
    } else {
        threshold.clamp(0.0, 1.0)
    };
    let bound = ((1.0 - t) * len as f64 + EPSILON).floor();
    // `as` saturates; the bound is at most `len`.
    (bound as usize).min(len)
}

/// `1 − distance / max(a_len, b_len)`; 1 when both are empty.
pub fn similarity(distance: usize, a_len: usize, b_len: usize) -> f64 {
    let len = a_len.max(b_len);
    if len == 0 {
        1.0
    } else {
        1.0 - distance as f64 / len as f64
    }
}

/// The distance of `a` and `b` if their similarity reaches `threshold`.
pub fn distance_at_threshold<T: PartialEq>(a: &[T], b: &[T], threshold: f64) -> Option<usize> {
    distance_within(a, b, max_edits(a.len().max(b.len()), threshold))
}

/// The edit distance of `a` and `b`.
pub fn distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let most = a.len().max(b.len());
    distance_within(a, b, most).unwrap_or(most)
}

/// The edit distance of `a` and `b` if it is at most `max`, else `None`. Time
/// `O(max·|a|)`, memory `O(max)`; stops at the first row whose cells all exceed `max`.
pub fn distance_within<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    let k = max.min(n.max(m));
    let band = Band::new(k);
    let mut prev = vec![band.inf; band.width];
    let mut cur = vec![band.inf; band.width];
    band.first_row(&mut prev);
    for i in 1..=n {
        let row_min = band.row(a, b, i, &prev, &mut cur);
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = band.get(&prev, n, m);
    (d <= k).then_some(d)
}

/// The edit distance of `a` and `b` with an edit script. Memory `O(d·n)`.
pub fn align<T: PartialEq>(a: &[T], b: &[T]) -> Alignment {
    let most = a.len().max(b.len());
    align_within(a, b, most).unwrap_or_else(|| Alignment {
        // Unreachable: the distance never exceeds the longer length.
        distance: most,
        edits: Vec::new(),
    })
}

/// The edit distance of `a` and `b` with an edit script, if the distance is at most `max`.
/// Finds the distance in the band of `max`, then fills the band of the distance itself
/// and walks back from the end: memory `O(d·n)`.
pub fn align_within<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<Alignment> {
    let d = distance_within(a, b, max)?;
    let (n, m) = (a.len(), b.len());
    let band = Band::new(d);
    let mut rows = vec![band.inf; band.width * (n + 1)];
    let (first, rest) = rows.split_at_mut(band.width);
    band.first_row(first);
    let mut prev: &[usize] = first;
    for (i, cur) in (1..=n).zip(rest.chunks_exact_mut(band.width)) {
        band.row(a, b, i, prev, cur);
        prev = cur;
    }
    let at = |i: usize, j: usize| -> usize {
        rows.get(i * band.width..(i + 1) * band.width)
            .map_or(band.inf, |row| band.get(row, i, j))
    };
    let mut edits = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    // Prefer a kept word, then a deletion or an insertion, and a substitution last:
    // among optimal scripts, fewer substitutions mean more kept words, and the diff
    // reads `a clear → the` rather than pairing unrelated words.
    while i > 0 || j > 0 {
        let here = at(i, j);
        if i > 0 && j > 0 && a.get(i - 1) == b.get(j - 1) && at(i - 1, j - 1) == here {
            edits.push(Edit::Keep { a: i - 1, b: j - 1 });
            (i, j) = (i - 1, j - 1);
        } else if i > 0 && at(i - 1, j) + 1 == here {
            edits.push(Edit::Delete { a: i - 1 });
            i -= 1;
        } else if j > 0 && at(i, j - 1) + 1 == here {
            edits.push(Edit::Insert { b: j - 1 });
            j -= 1;
        } else if i > 0 && j > 0 {
            // The remaining case: `here == at(i − 1, j − 1) + 1` with different words.
            edits.push(Edit::Substitute { a: i - 1, b: j - 1 });
            (i, j) = (i - 1, j - 1);
        } else {
            // Unreachable: row 0 and column 0 are explained by insertions and deletions.
            break;
        }
    }
    edits.reverse();
    Some(Alignment { distance: d, edits })
}

/// The DP cells `D[i][j]` with `|i − j| ≤ k`: row `i` is stored at offsets `j − i + k`.
struct Band {
    k: usize,
    width: usize,
    /// Stands for every cost above `k`.
    inf: usize,
}

impl Band {
    fn new(k: usize) -> Self {
        Band {
            k,
            width: 2 * k + 1,
            inf: k + 1,
        }
    }

    /// `D[i][j]` from row `i`, or `inf` outside the band.
    fn get(&self, row: &[usize], i: usize, j: usize) -> usize {
        (j + self.k)
            .checked_sub(i)
            .and_then(|off| row.get(off))
            .copied()
            .unwrap_or(self.inf)
    }

    /// Row 0: `D[0][j] = j`.
    fn first_row(&self, row: &mut [usize]) {
        for (off, cell) in row.iter_mut().enumerate() {
            *cell = off.checked_sub(self.k).unwrap_or(self.inf);
        }
    }

    /// Fill row `i` from row `i − 1`; returns the row's minimum.
    fn row<T: PartialEq>(
        &self,
        a: &[T],
        b: &[T],
        i: usize,
        prev: &[usize],
        cur: &mut [usize],
    ) -> usize {
        let m = b.len();
        let ai = a.get(i - 1);
        let mut left = self.inf;
        let mut row_min = self.inf;
        // Offsets whose column `j = i + off − k` is in `0..=m`.
        for (off, cell) in cur.iter_mut().enumerate() {
            let value = match (i + off).checked_sub(self.k) {
                None => self.inf,
                Some(j) if j > m => self.inf,
                Some(0) => i.min(self.inf),
                Some(j) => {
                    let diag = prev.get(off).copied().unwrap_or(self.inf);
                    let up = prev.get(off + 1).copied().unwrap_or(self.inf);
                    let cost = usize::from(ai != b.get(j - 1));
                    (diag + cost).min(up + 1).min(left + 1).min(self.inf)
                }
            };
            *cell = value;
            left = value;
            row_min = row_min.min(value);
        }
        row_min
    }
}

/// The human word diff of an edit script turning `a` into `b`: each run of changed
/// words is one item, `old → new`, `−gone` or `+added`, items joined by `, `.
/// Empty when nothing changed.
pub fn format_edits<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B], edits: &[Edit]) -> String {
    let mut items: Vec<String> = Vec::new();
    let mut old: Vec<&str> = Vec::new();
    let mut new: Vec<&str> = Vec::new();
    let word_a = |i: usize| a.get(i).map_or("", AsRef::as_ref);
    let word_b = |i: usize| b.get(i).map_or("", AsRef::as_ref);
    let mut flush = |old: &mut Vec<&str>, new: &mut Vec<&str>| {
        match (old.is_empty(), new.is_empty()) {
            (true, true) => return,
            (false, true) => items.push(format!("−{}", old.join(" "))),
            (true, false) => items.push(format!("+{}", new.join(" "))),
            (false, false) => items.push(format!("{} → {}", old.join(" "), new.join(" "))),
        }
        old.clear();
        new.clear();
    };
    for edit in edits {
        match *edit {
            Edit::Keep { .. } => flush(&mut old, &mut new),
            Edit::Substitute { a, b } => {
                old.push(word_a(a));
                new.push(word_b(b));
            }
            Edit::Delete { a } => old.push(word_a(a)),
            Edit::Insert { b } => new.push(word_b(b)),
        }
    }
    flush(&mut old, &mut new);
    items.join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::normalize::{tokens, words};
    use super::*;

    /// Plain full-matrix Levenshtein, the reference.
    fn reference<T: PartialEq>(a: &[T], b: &[T]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, x) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, y) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(x != y))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    /// Apply an edit script to `a`; checks that it is well-formed along the way.
    fn apply<T: PartialEq + Clone>(a: &[T], b: &[T], edits: &[Edit]) -> Vec<T> {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        for e in edits {
            match *e {
                Edit::Keep { a: x, b: y } => {
                    assert_eq!((x, y), (i, j));
                    assert!(a[x] == b[y]);
                    out.push(a[x].clone());
                    (i, j) = (i + 1, j + 1);
                }
                Edit::Substitute { a: x, b: y } => {
                    assert_eq!((x, y), (i, j));
                    assert!(a[x] != b[y]);
                    out.push(b[y].clone());
                    (i, j) = (i + 1, j + 1);
                }
                Edit::Delete { a: x } => {
                    assert_eq!(x, i);
                    i += 1;
                }
                Edit::Insert { b: y } => {
                    assert_eq!(y, j);
                    out.push(b[y].clone());
                    j += 1;
                }
            }
        }
        assert_eq!((i, j), (a.len(), b.len()));
        out
    }

    /// A small deterministic generator (xorshift) so tests need no crates.
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

    fn w(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn spec_example_three_edits_over_nine_words() {
        let m = "Acme keeps every go-to-market team telling the same story.";
        let s = "Acme keeps every GTM team telling one story.";
        let (mt, st) = (tokens(m), tokens(s));
        let (mw, sw) = (words(&mt), words(&st));
        assert_eq!((mw.len(), sw.len()), (9, 8));
        assert_eq!(distance(&mw, &sw), 3);
        let sim = similarity(3, mw.len(), sw.len());
        assert!((sim - 0.6667).abs() < 1e-3, "{sim}");
        assert_eq!(distance_at_threshold(&mw, &sw, 0.6), Some(3));
        assert_eq!(distance_at_threshold(&mw, &sw, 0.7), None);
        let al = align(&mw, &sw);
        assert_eq!(al.distance, 3);
        assert_eq!(apply(&mw, &sw, &al.edits), sw);
        assert_eq!(
            format_edits(&mw, &sw, &al.edits),
            "go-to-market → gtm, the same → one"
        );
        // The diff can show the words as written.
        let written: Vec<&str> = st.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(
            format_edits(&mw, &written, &al.edits),
            "go-to-market → GTM, the same → one"
        );
    }

    #[test]
    fn format_separate_items() {
        let a = w("every team uses a clear story");
        let b = w("each team uses the story new");
        let al = align(&a, &b);
        assert_eq!(al.distance, 4);
        assert_eq!(
            format_edits(&a, &b, &al.edits),
            "every → each, a clear → the, +new"
        );
        let a = w("every team uses a clear story");
        let b = w("each team uses a story today");
        let al = align(&a, &b);
        assert_eq!(
            format_edits(&a, &b, &al.edits),
            "every → each, −clear, +today"
        );
        assert_eq!(format_edits(&a, &a, &align(&a, &a).edits), "");
    }

    #[test]
    fn empty_inputs() {
        let e: [&str; 0] = [];
        assert_eq!(distance(&e, &e), 0);
        assert_eq!(distance(&e, &w("a b")), 2);
        assert_eq!(distance(&w("a b c"), &e), 3);
        assert_eq!(similarity(0, 0, 0), 1.0);
        assert_eq!(similarity(2, 0, 2), 0.0);
        assert_eq!(
            align(&e, &e),
            Alignment {
                distance: 0,
                edits: vec![]
            }
        );
        let al = align(&e, &w("x"));
        assert_eq!(al.edits, [Edit::Insert { b: 0 }]);
        assert_eq!(distance_within(&e, &w("a b"), 1), None);
        assert_eq!(distance_within(&e, &e, 0), Some(0));
    }

    #[test]
    fn bounded_matches_reference_on_random_pairs() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let n = rng.below(9) as usize;
            let m = rng.below(9) as usize;
            let alphabet = 1 + rng.below(4);
            let a: Vec<u64> = (0..n).map(|_| rng.below(alphabet)).collect();
            let b: Vec<u64> = (0..m).map(|_| rng.below(alphabet)).collect();
            let d = reference(&a, &b);
            assert_eq!(distance(&a, &b), d);
            for max in 0..10 {
                let expect = (d <= max).then_some(d);
                assert_eq!(distance_within(&a, &b, max), expect, "{a:?} {b:?} {max}");
                let al = align_within(&a, &b, max);
                assert_eq!(al.as_ref().map(|x| x.distance), expect);
                if let Some(al) = al {
                    let changed = al
                        .edits
                        .iter()
                        .filter(|e| !matches!(e, Edit::Keep { .. }))
                        .count();
                    assert_eq!(changed, d);
                    assert_eq!(apply(&a, &b, &al.edits), b);
                }
            }
        }
    }

    #[test]
    fn max_edits_boundaries() {
        assert_eq!(max_edits(9, 0.6), 3);
        assert_eq!(max_edits(5, 0.6), 2);
        assert_eq!(max_edits(10, 0.7), 3);
        assert_eq!(max_edits(0, 0.6), 0);
        assert_eq!(max_edits(7, 1.0), 0);
        assert_eq!(max_edits(7, 0.0), 7);
        assert_eq!(max_edits(7, 2.0), 0);
        assert_eq!(max_edits(7, -1.0), 7);
        assert_eq!(max_edits(7, f64::NAN), 0);
        // Agreement with the similarity and monotonicity of `len − max_edits`.
        for step in 0..=100 {
            let t = f64::from(step) / 100.0;
            let mut last_need = 0;
            let mut last_max = 0;
            for len in 0..500usize {
                let k = max_edits(len, t);
                assert!(similarity(k, len, len) >= t - 1e-9);
                if k < len {
                    assert!(similarity(k + 1, len, len) < t);
                }
                let need = len - k;
                assert!(
                    need >= last_need && need <= last_need + 1,
                    "t={t} len={len}"
                );
                assert!(k >= last_max);
                last_need = need;
                last_max = k;
            }
        }
    }

    #[test]
    fn long_inputs_are_cheap_with_a_small_bound() {
        let a: Vec<u32> = (0..1_000_000).collect();
        let mut b = a.clone();
        b[500_000] = u32::MAX;
        assert_eq!(distance_within(&a, &b, 2), Some(1));
        let al = align_within(&a, &b, 2).unwrap();
        assert_eq!(al.distance, 1);
        // Early exit: entirely different sequences stop after a few rows.
        let c: Vec<u32> = (1_000_000..2_000_000).collect();
        assert_eq!(distance_within(&a, &c, 3), None);
        // Length filter is immediate.
        assert_eq!(distance_within(&a, &a[..10], 3), None);
    }
}
