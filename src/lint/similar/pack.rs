//! Words of at most 8 ASCII bytes packed into one `u64` (the index's fast path), and
//! the number words recognised in that form.

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
#[inline]
pub(super) fn is_number_key(k: u64) -> bool {
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
