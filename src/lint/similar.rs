//! Sentence-level similarity for `message/drift`, `message/copy` and `claim/mismatch`
//! (SPEC 6.2, 6.3): sentence splitting, normalisation, numeric tokens, word-level edit
//! distance with its edit script, and a candidate index that keeps the search linear.
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

use rustc_hash::FxHashMap;

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

/// A normalised word and its byte range in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn keep_edge(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '%' | '$' | '€' | '£' | '+' | '×')
}

/// Normalise (SPEC 6.2): lower-case, drop punctuation except inside words, split on
/// white space. `%`, `$`, `€`, `£` stay with numbers.
pub fn tokens(sentence: &str) -> Vec<Token> {
    let mut out = Vec::new();
    each_token(sentence, |start, word| {
        out.push(Token {
            text: crate::lint::terms::norm_lower(word),
            start,
            end: start + word.len(),
        });
    });
    out
}

/// Call `f(start, word)` for each word of a sentence, edge punctuation trimmed, not yet
/// lower-cased.
pub fn each_token(sentence: &str, mut f: impl FnMut(usize, &str)) {
    let mut word_start: Option<usize> = None;
    let mut emit = |start: usize, end: usize| {
        let word = sentence.get(start..end).unwrap_or("");
        // Most words need no trimming: check their ASCII edges first.
        let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
        let (trimmed_start, trimmed) =
            if plain(word.as_bytes().first()) && plain(word.as_bytes().last()) {
                (word, word)
            } else {
                let s = word.trim_start_matches(|c: char| !keep_edge(c));
                (s, s.trim_end_matches(|c: char| !keep_edge(c)))
            };
        if !trimmed.is_empty() {
            f(start + (word.len() - trimmed_start.len()), trimmed);
        }
    };
    // Bytes with an ASCII fast path: only non-ASCII characters are decoded.
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b < 0x80 {
            (b.is_ascii_whitespace() || b == 0x0b, 1)
        } else {
            let c = sentence.get(i..).and_then(|r| r.chars().next());
            (
                c.is_some_and(char::is_whitespace),
                c.map_or(1, char::len_utf8),
            )
        };
        if space {
            if let Some(s) = word_start.take() {
                emit(s, i);
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
        i += len;
    }
    if let Some(s) = word_start {
        emit(s, sentence.len());
    }
}

/// Is this token a number (`44.3%`, `1-2`, `$3m`, `10x`, `2025`)?
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

pub fn similarity(distance: usize, a: usize, b: usize) -> f64 {
    let l = a.max(b);
    if l == 0 {
        1.0
    } else {
        1.0 - distance as f64 / l as f64
    }
}

/// An index of reference sentences (message or claim sentences) for candidate search at
/// one threshold. Words are interned to numbers, so comparisons never touch strings.
#[derive(Debug)]
pub struct Index {
    threshold: f64,
    words: FxHashMap<String, u32>,
    /// The words of at most 8 ASCII bytes again, packed into a number: most words of a
    /// sentence are looked up without copying or hashing a string.
    short: FxHashMap<u64, u32>,
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

/// A word of at most 8 ASCII bytes, lower-cased and packed into a number (words hold
/// no NUL byte, so different words give different numbers).
fn packed(word: &str) -> Option<u64> {
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
    /// by `#` (as [`read`] does); returns whether it holds a number.
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

    fn words(s: &str) -> Vec<String> {
        tokens(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn spec_example_is_three_edits_over_nine_words() {
        let m = words("Acme keeps every go-to-market team telling the same story.");
        let s = words("Acme keeps every GTM team telling one story.");
        assert_eq!(m.len(), 9);
        assert_eq!(distance(&s, &m, 9), Some(3));
        let sim = similarity(3, s.len(), m.len());
        assert!((sim - 0.6667).abs() < 0.001);
        let d = describe(&script(&s, &m));
        assert!(d.contains("go-to-market → gtm"), "{d}");
        let mut idx = Index::new(0.6);
        idx.add(m);
        let hit = idx.best(&s).unwrap();
        assert_eq!(hit.distance, 3);
    }

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

    #[test]
    fn tokens_keep_inner_punctuation_and_numbers() {
        assert_eq!(
            words("The go-to-market team's “plan”, (44.3%)!"),
            ["the", "go-to-market", "team's", "plan", "44.3%"]
        );
        assert_eq!(
            numbers(&words("From 1-2 people to $3M and 10x")),
            ["$3m", "1-2", "10x"]
        );
        assert_eq!(mask(&words("45% of teams")), ["#", "of", "teams"]);
    }

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

    #[test]
    fn tokens_split_on_unicode_spaces() {
        let t = tokens("a\u{a0}b\u{2003}c\u{b}d é");
        let w: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(w, ["a", "b", "c", "d", "é"]);
    }

    #[test]
    fn long_text_is_linear() {
        let text = "word ".repeat(2_000_000);
        let s = sentences(&text);
        assert_eq!(s.len(), 1);
        assert_eq!(tokens(&text).len(), 2_000_000);
    }
}
