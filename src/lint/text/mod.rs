//! The text-analysis core of the linter: sentences, normalised words, word-level edit
//! distance, numeric tokens and the candidate index behind `message/drift`,
//! `message/copy` and `claim/mismatch` (SPEC 6.2, 6.3). Pure functions, no IO.
//!
//! The pipeline for one piece of prose (a paragraph, heading, list item or front-matter
//! value, with code, URLs and HTML already left out by the caller):
//!
//! ```text
//! sentences(text)              -> byte ranges of sentences            (sentences.rs)
//! tokens(sentence)             -> normalised words with byte ranges   (normalize.rs)
//! index.matches(&tokens)       -> message sentences at the threshold  (index.rs)
//! align(&words(..), &words(..)) -> edit script; format_edits -> diff (distance.rs)
//! mask(&tokens), numeric_tokens, compare_numbers -> claim/mismatch    (numbers.rs)
//! ```
//!
//! Build one [`MessageIndex`] over the words of every message sentence (drift and copy)
//! and one over the masked words of every claim sentence (mismatch), both for
//! `lint.drift_threshold`; they are `Sync`, so documents can be checked in parallel.
//! A match with distance 0 is a copy, any other a drift. `Token` is `AsRef<str>`, so
//! token lists go to the index and the distance functions as they are. The number of
//! words of a sentence (for `lint.min_sentence_words`) is `tokens(sentence).len()`.

pub mod distance;
pub mod index;
pub mod normalize;
pub mod numbers;
pub mod sentences;

pub use distance::{
    Alignment, Edit, align, align_within, distance, distance_at_threshold, distance_within,
    format_edits, max_edits, similarity,
};
pub use index::{Match, MessageIndex};
pub use normalize::{Token, tokens, words};
pub use numbers::{MASK, NumberDiff, compare_numbers, is_number, mask, number_key, numeric_tokens};
pub use sentences::{Sentence, sentences};

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole pipeline on the SPEC 6.2 and 6.3 examples, as a rule would run it.
    #[test]
    fn pipeline_finds_drift_copy_and_claim_mismatch() {
        let message = "Acme keeps every go-to-market team telling the same story.";
        let claim = "44.3% of product marketing teams have only one or two people.";
        let message_tokens = tokens(message);
        let claim_tokens = tokens(claim);
        let messages = MessageIndex::new(vec![("platform.one-liner", words(&message_tokens))], 0.6);
        let claims = MessageIndex::new(vec![("small-teams", mask(&claim_tokens))], 0.6);

        let body = "Intro line here. Acme keeps every GTM team telling one story. \
                    45% of product marketing teams have only one or two people.\n\n\
                    Acme keeps every go-to-market team telling the same story.";
        let mut findings = Vec::new();
        for s in sentences(body) {
            let text = s.text(body);
            let t = tokens(text);
            if t.len() < 5 {
                continue;
            }
            for m in messages.matches(&words(&t)) {
                let al = align(&words(&message_tokens), &words(&t));
                let written: Vec<&str> = t.iter().map(|w| &text[w.start..w.end]).collect();
                let kind = if m.distance == 0 { "copy" } else { "drift" };
                findings.push(format!(
                    "{kind} {} {:.2} @{}: {}",
                    m.key,
                    m.similarity,
                    s.start,
                    format_edits(&words(&message_tokens), &written, &al.edits)
                ));
            }
            for m in claims.matches(&mask(&t)) {
                let expected: Vec<&str> = numeric_tokens(&claim_tokens)
                    .iter()
                    .map(|t| t.as_str())
                    .collect();
                let found: Vec<&str> = numeric_tokens(&t).iter().map(|t| t.as_str()).collect();
                let diff = compare_numbers(&expected, &found);
                if !diff.is_same() {
                    findings.push(format!(
                        "mismatch {} @{}: {:?} vs {:?}",
                        m.key, s.start, diff.extra, diff.missing
                    ));
                }
            }
        }
        assert_eq!(
            findings,
            [
                "drift platform.one-liner 0.67 @17: go-to-market → GTM, the same → one",
                "mismatch small-teams @62: [\"45%\"] vs [\"44.3%\"]",
                "copy platform.one-liner 1.00 @123: ",
            ]
        );
    }
}
