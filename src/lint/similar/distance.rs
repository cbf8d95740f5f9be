//! Word-level edit distance (banded), the edit script behind it, its description for
//! people, and the similarity it gives (SPEC 6.2).

/// One step of a word-level edit script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Keep(String),
    /// Message word → sentence word.
    Replace(String, String),
    /// A word of the message missing from the sentence.
    Delete(String),
    /// A word of the sentence not in the message.
    Insert(String),
}

/// Word-level Levenshtein distance between `a` (the sentence) and `b` (the message), or
/// `None` when it exceeds `max`. Banded: only cells within `max` of the diagonal.
pub fn distance<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    const INF: usize = usize::MAX / 2;
    let mut prev = vec![INF; m + 1];
    let mut cur = vec![INF; m + 1];
    for (j, p) in prev.iter_mut().enumerate().take(max.min(m) + 1) {
        *p = j;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(m);
        cur.iter_mut().for_each(|c| *c = INF);
        if i <= max
            && let Some(c) = cur.get_mut(0)
        {
            *c = i;
        }
        let mut row_min = cur.first().copied().unwrap_or(INF);
        for j in lo..=hi {
            let same = a.get(i - 1) == b.get(j - 1);
            let diag = prev.get(j - 1).copied().unwrap_or(INF) + usize::from(!same);
            let up = prev.get(j).copied().unwrap_or(INF) + 1;
            let left = cur.get(j - 1).copied().unwrap_or(INF) + 1;
            let v = diag.min(up).min(left);
            if let Some(c) = cur.get_mut(j) {
                *c = v;
            }
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(m).copied().filter(|d| *d <= max)
}

/// The edit script turning message `b` into sentence `a` (full table; sentences are short).
pub fn script(a: &[String], b: &[String]) -> Vec<Edit> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in t.iter_mut().enumerate() {
        if let Some(c) = row.get_mut(0) {
            *c = i;
        }
    }
    if let Some(row) = t.get_mut(0) {
        for (j, c) in row.iter_mut().enumerate() {
            *c = j;
        }
    }
    let at = |t: &Vec<Vec<usize>>, i: usize, j: usize| {
        t.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0)
    };
    for i in 1..=n {
        for j in 1..=m {
            let same = a.get(i - 1) == b.get(j - 1);
            let v = (at(&t, i - 1, j - 1) + usize::from(!same))
                .min(at(&t, i - 1, j) + 1)
                .min(at(&t, i, j - 1) + 1);
            if let Some(c) = t.get_mut(i).and_then(|r| r.get_mut(j)) {
                *c = v;
            }
        }
    }
    let word = |v: &[String], k: usize| v.get(k).cloned().unwrap_or_default();
    let mut edits = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let cur = at(&t, i, j);
        if i > 0 && j > 0 && a.get(i - 1) == b.get(j - 1) && cur == at(&t, i - 1, j - 1) {
            edits.push(Edit::Keep(word(a, i - 1)));
            i -= 1;
            j -= 1;
        } else if i > 0 && j > 0 && cur == at(&t, i - 1, j - 1) + 1 {
            edits.push(Edit::Replace(word(b, j - 1), word(a, i - 1)));
            i -= 1;
            j -= 1;
        } else if j > 0 && cur == at(&t, i, j - 1) + 1 {
            edits.push(Edit::Delete(word(b, j - 1)));
            j -= 1;
        } else {
            edits.push(Edit::Insert(word(a, i - 1)));
            i = i.saturating_sub(1);
        }
    }
    edits.reverse();
    edits
}

/// "every → each, −clear, +new": the changes of an edit script, for people.
pub fn describe(edits: &[Edit]) -> String {
    edits
        .iter()
        .filter_map(|e| match e {
            Edit::Keep(_) => None,
            Edit::Replace(m, s) => Some(format!("{m} → {s}")),
            Edit::Delete(m) => Some(format!("−{m}")),
            Edit::Insert(s) => Some(format!("+{s}")),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[inline]
pub fn similarity(distance: usize, a: usize, b: usize) -> f64 {
    let l = a.max(b);
    if l == 0 {
        1.0
    } else {
        1.0 - distance as f64 / l as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::similar::words;

    #[test]
    fn banded_distance_agrees_with_full_script() {
        let a = words("one two three four five six");
        let b = words("one 2 three five six seven");
        let full = script(&a, &b)
            .iter()
            .filter(|e| !matches!(e, Edit::Keep(_)))
            .count();
        assert_eq!(distance(&a, &b, 10), Some(full));
        assert_eq!(distance(&a, &b, full - 1), None);
    }
}
