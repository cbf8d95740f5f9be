//! Sentence-level similarity for `message/drift`, `message/copy` and `claim/mismatch`
//! (SPEC 6.2, 6.3), one job per file: sentence splitting (`split`), words (`tokens`),
//! numeric words and numbers read as values (`numeric`), word-level edit distance with
//! its edit script (`distance`), the candidate index that keeps the search linear
//! (`index`), a sentence as the index's word numbers (`ids`) and short words packed
//! into numbers (`pack`). Everything is used through the names re-exported here.

mod distance;
mod ids;
mod index;
mod numeric;
mod pack;
mod split;
mod tokens;

pub use distance::{Edit, describe, distance, script, similarity};
pub use index::{Index, Match};
pub use numeric::{Reading, is_numeric, mask, numbers, read};
pub use split::{Sentence, sentences};
pub use tokens::{Token, each_token, tokens};

/// The normalised words of a text (for the tests of every part).
#[cfg(test)]
fn words(s: &str) -> Vec<String> {
    tokens(s).into_iter().map(|t| t.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn long_text_is_linear() {
        let text = "word ".repeat(2_000_000);
        let s = sentences(&text);
        assert_eq!(s.len(), 1);
        assert_eq!(tokens(&text).len(), 2_000_000);
    }
}
