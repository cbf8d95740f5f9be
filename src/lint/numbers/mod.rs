//! Numbers as values for `claim/mismatch`: a figure is read with its unit and range
//! whatever its spelling, so "$3M", "$3 million" and "$3,000,000" are one value, and
//! "1–2", "1 to 2" and "one or two" one range. Years stay years.
//!
//! The number and unit words are in `words`, the reading of a word list in `read`,
//! quantities and their comparison in `quantity`.

mod quantity;
mod read;
mod words;

pub use quantity::{Group, Quantity, Unit, same};
pub use read::groups;
pub use words::{has_number_word, is_fraction_word, is_number_word};

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<Quantity> {
        let ws: Vec<&str> = s.split_whitespace().collect();
        groups(&ws, |_| " ".into())
            .into_iter()
            .map(|g| g.q)
            .collect()
    }

    fn one(s: &str) -> Quantity {
        let r = read(s);
        assert_eq!(r.len(), 1, "{s}: {r:?}");
        r[0]
    }

    #[test]
    fn equal_values_whatever_the_spelling() {
        for set in [
            &[
                "$3M",
                "$3 million",
                "$3,000,000",
                "$3.0M",
                "USD 3M",
                "3 million dollars",
            ][..],
            &["44.3%", "44.3 percent", "44.3 per cent"],
            &["10x", "10×", "10 x", "ten times"],
            &["1-2", "1–2", "1 to 2", "one or two", "one to two"],
            &["40 000", "40k", "40,000", "forty thousand"],
            &["0.5", "half", "a half"],
            &["325", "three hundred and twenty-five"],
        ] {
            let first = one(set[0]);
            for s in set {
                assert!(same(&first, &one(s), false), "{s} vs {}", set[0]);
            }
        }
    }

    #[test]
    fn different_values_and_units_differ() {
        assert!(!same(&one("45%"), &one("44.3%"), false));
        assert!(!same(&one("two or three"), &one("1-2"), false));
        assert!(!same(&one("$3M"), &one("3M"), false));
        assert!(!same(&one("2025"), &one("2,025"), false));
        assert!(same(&one("44%"), &one("44.3%"), true));
        assert!(!same(&one("45%"), &one("44.3%"), true));
        assert_eq!(one("a third").lo, 1.0 / 3.0);
        assert_eq!(one("two-thirds").lo, 2.0 / 3.0);
        assert_eq!(one("2025").unit, Unit::Year);
        assert_eq!(read("in 2025 we had 40 000 users").len(), 2);
        assert!(same(&one("half"), &one("50%"), false));
        assert!(same(&one("a third"), &one("33%"), false));
        assert!(same(&one("a third"), &one("33.3%"), false));
        assert!(same(&one("a quarter"), &one("25%"), false));
        assert!(same(&one("two-thirds"), &one("67%"), false));
        assert!(!same(&one("half"), &one("51%"), false));
        assert!(!same(&one("a third"), &one("30%"), false));
        assert!(!same(&one("half"), &one("1"), false));
        assert!(same(&one("between 1 and 2"), &one("1-2"), false));
        assert!(same(&one("between one and two"), &one("1–2"), false));
        assert!(!same(&one("between 1 and 3"), &one("1-2"), false));
        assert_eq!(read("between the plan and 2 teams").len(), 1);
        assert!(read("the plan is complete").is_empty());
    }
}
