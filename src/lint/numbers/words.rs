//! Words that write numbers or their units: number words (`five`, `twenty-five`,
//! `half`, `thirds`), scale words (`million`, `bn`) and currency words and codes.

#[inline]
pub(super) fn currency_code(w: &str) -> Option<&'static str> {
    [
        ("usd", "USD"),
        ("dollars", "USD"),
        ("dollar", "USD"),
        ("eur", "EUR"),
        ("euros", "EUR"),
        ("euro", "EUR"),
        ("gbp", "GBP"),
        ("pounds", "GBP"),
        ("pound", "GBP"),
    ]
    .iter()
    .find(|(s, _)| s.eq_ignore_ascii_case(w))
    .map(|(_, c)| *c)
}

#[inline]
pub(super) fn scale_word(w: &str) -> Option<f64> {
    [
        ("thousand", 1e3),
        ("million", 1e6),
        ("mn", 1e6),
        ("billion", 1e9),
        ("bn", 1e9),
        ("trillion", 1e12),
    ]
    .iter()
    .find(|(s, _)| s.eq_ignore_ascii_case(w))
    .map(|(_, v)| *v)
}

const SMALL: &[(&str, u8)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

#[inline]
pub(super) fn small_word(w: &str) -> Option<f64> {
    // Number words are 3 to 9 letters and start with one of these letters.
    let first = w.as_bytes().first()?.to_ascii_lowercase();
    if !(3..=9).contains(&w.len()) || !b"zotfsen".contains(&first) {
        return None;
    }
    SMALL
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(w))
        .map(|(_, v)| f64::from(*v))
}

/// `twenty-five` as well as `five`.
#[inline]
pub(super) fn cardinal_word(w: &str) -> Option<f64> {
    if let Some(v) = small_word(w) {
        return Some(v);
    }
    // `forty-one` (9 letters) to `seventy-seven` (13): tens from `twenty` to `ninety`.
    let first = w.as_bytes().first()?.to_ascii_lowercase();
    if !(9..=13).contains(&w.len()) || !b"tfsen".contains(&first) {
        return None;
    }
    let (a, b) = w.split_once('-')?;
    let (a, b) = (small_word(a)?, small_word(b)?);
    (a >= 20.0 && a % 10.0 == 0.0 && b < 10.0 && b > 0.0).then_some(a + b)
}

const FRACTIONS: &[(&str, &str, f64)] = &[
    ("half", "halves", 2.0),
    ("third", "thirds", 3.0),
    ("quarter", "quarters", 4.0),
    ("fifth", "fifths", 5.0),
];

#[inline]
pub(super) fn fraction_word(w: &str, plural: bool) -> Option<f64> {
    FRACTIONS
        .iter()
        .find(|(one, many, _)| w.eq_ignore_ascii_case(if plural { many } else { one }))
        .map(|(_, _, d)| *d)
}

/// Is this a fraction word, singular or plural (`half`, `thirds`)?
pub fn is_fraction_word(w: &str) -> bool {
    (4..=8).contains(&w.len())
        && FRACTIONS
            .iter()
            .any(|(one, many, _)| w.eq_ignore_ascii_case(one) || w.eq_ignore_ascii_case(many))
}

/// Could this word be part of a written-out number (for the quick test of a sentence)?
pub fn is_number_word(w: &str) -> bool {
    cardinal_word(w).is_some() || is_fraction_word(w)
}

/// Does a sentence without digits hold a number word? (A tight scan of ASCII letter
/// runs: this runs on every sentence of a book with claims.)
pub fn has_number_word(sentence: &str) -> bool {
    let b = sentence.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if !c.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let s = i;
        while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        let len = i - s;
        if (3..=9).contains(&len)
            && matches!(
                c | 0x20,
                b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'h' | b'q'
            )
            && let Some(w) = sentence.get(s..i)
            && (small_word(w).is_some() || is_fraction_word(w))
        {
            return true;
        }
    }
    false
}
