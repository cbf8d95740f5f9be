//! The search terms kept between builds (`.gtmbook/cache/search.bin`): each document's
//! terms, numbered in one table, by a hash of the words they were counted from.

use rustc_hash::FxHashMap;

/// A document's terms once counted: (the term's number in the table, packed score).
pub(super) type DocTerms = Vec<(u32, u32)>;

/// The terms the last build counted, by the key of each document's words ([`super::words_key`]):
/// kept in the build cache, so that a rebuild counts only the documents that changed.
#[derive(Default, Debug, PartialEq)]
pub struct Kept {
    pub(super) terms: Vec<String>,
    pub(super) docs: FxHashMap<u128, DocTerms>,
}

impl Kept {
    /// The cache file's body: the terms (length, UTF-8), then each document's key and
    /// its (term, packed score) pairs, all numbers little-endian.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        // A count that does not fit is an error, never a wrong number in the file.
        let num = |n: usize| -> std::io::Result<[u8; 4]> {
            Ok(u32::try_from(n)
                .map_err(std::io::Error::other)?
                .to_le_bytes())
        };
        out.write_all(&num(self.terms.len())?)?;
        for t in &self.terms {
            out.write_all(&num(t.len())?)?;
            out.write_all(t.as_bytes())?;
        }
        out.write_all(&num(self.docs.len())?)?;
        let mut pairs = Vec::new();
        for (key, list) in &self.docs {
            out.write_all(&key.to_le_bytes())?;
            out.write_all(&num(list.len())?)?;
            pairs.clear();
            for (t, p) in list {
                pairs.extend_from_slice(&t.to_le_bytes());
                pairs.extend_from_slice(&p.to_le_bytes());
            }
            out.write_all(&pairs)?;
        }
        Ok(())
    }

    /// [`Kept::write_to`] read back; `None` when the bytes are not whole and consistent.
    pub fn from_bytes(data: &[u8]) -> Option<Kept> {
        let mut r = Reader { data, at: 0 };
        let n_terms = r.num()?;
        // Each term takes at least 4 bytes: a count larger than the data is not believed.
        let mut terms = Vec::with_capacity(n_terms.min(data.len() / 4));
        for _ in 0..n_terms {
            let len = r.num()?;
            terms.push(std::str::from_utf8(r.take(len)?).ok()?.to_string());
        }
        let n_docs = r.num()?;
        let mut docs = FxHashMap::default();
        docs.reserve(n_docs.min(data.len() / 20));
        for _ in 0..n_docs {
            let key = u128::from_le_bytes(r.take(16)?.try_into().ok()?);
            let len = r.num()?;
            let bytes = r.take(len.checked_mul(8)?)?;
            let mut list = Vec::with_capacity(len);
            for pair in bytes.chunks_exact(8) {
                let (t, p) = pair.split_at(4);
                let t = u32::from_le_bytes(t.try_into().ok()?);
                if t as usize >= terms.len() {
                    return None;
                }
                list.push((t, u32::from_le_bytes(p.try_into().ok()?)));
            }
            docs.insert(key, list);
        }
        (r.at == data.len()).then_some(Kept { terms, docs })
    }
}

/// Reads [`Kept::write_to`] front to back.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let bytes = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(bytes)
    }

    fn num(&mut self) -> Option<usize> {
        let n = u32::from_le_bytes(self.take(4)?.try_into().ok()?);
        usize::try_from(n).ok()
    }
}

/// The terms of the documents being built: those counted last time when their words are
/// the same, and this build's counts, to be kept for the next one.
#[derive(Default)]
pub struct Memo {
    pub(super) kept: Kept,
    pub(super) next: std::sync::Mutex<Option<Kept>>,
}

impl Memo {
    pub fn new(kept: Kept) -> Memo {
        Memo {
            kept,
            next: std::sync::Mutex::new(None),
        }
    }

    /// What this build counted, when it differs from what was kept.
    pub fn take(&self) -> Option<Kept> {
        self.next.lock().ok().and_then(|mut n| n.take())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn kept_terms_read_back_and_damage_is_refused() {
        let mut docs = FxHashMap::default();
        docs.insert(7u128 << 100, vec![(0, 3), (1, 160)]);
        docs.insert(9, vec![]);
        let kept = Kept {
            terms: vec!["alpha".into(), "émile".into()],
            docs,
        };
        let mut bytes = Vec::new();
        kept.write_to(&mut bytes).unwrap();
        assert_eq!(Kept::from_bytes(&bytes).as_ref(), Some(&kept));
        // Cut short, one byte too many, a term number beyond the table.
        assert_eq!(Kept::from_bytes(&bytes[..bytes.len() - 1]), None);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Kept::from_bytes(&longer), None);
        let mut bad = Vec::new();
        let mut docs = FxHashMap::default();
        docs.insert(1u128, vec![(2, 1)]);
        Kept {
            terms: vec!["alpha".into(), "beta".into()],
            docs,
        }
        .write_to(&mut bad)
        .unwrap();
        assert_eq!(Kept::from_bytes(&bad), None);
        // A count larger than the data does not allocate it.
        assert_eq!(Kept::from_bytes(&u32::MAX.to_le_bytes()), None);
    }
}
