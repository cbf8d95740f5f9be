//! "Did you mean" suggestions for misspelt keys and ids.

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if score >= 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The closest key to `word`, held to a stricter standard than [`did_you_mean`]: at
/// most one edit (a letter added, dropped, changed, or two letters swapped) for a word
/// of up to 7 letters, one more for every further 4. Jaro-Winkler alone rewards a shared
/// beginning, so `class` came out as `claims`; a key hint must be a likely typo.
pub fn did_you_mean_key<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let len = lower.chars().count().max(c.chars().count());
        let allowed = 1 + len.saturating_sub(4) / 4;
        let distance = strsim::osa_distance(&lower, c);
        if distance <= allowed && best.is_none_or(|(d, b)| distance < d || (distance == d && c < b))
        {
            best = Some((distance, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            super::did_you_mean("titel", ["title", "owner"]),
            Some("title")
        );
        assert_eq!(super::did_you_mean("zzz", ["title", "owner"]), None);
    }

    #[test]
    fn key_hints_are_typos_only() {
        let keys = [
            "title",
            "claims",
            "reviewed",
            "review_every",
            "owner",
            "order",
        ];
        assert_eq!(super::did_you_mean_key("titel", keys), Some("title"));
        assert_eq!(super::did_you_mean_key("reveiwed", keys), Some("reviewed"));
        assert_eq!(super::did_you_mean_key("Title", keys), Some("title"));
        assert_eq!(
            super::did_you_mean_key("review_evry", keys),
            Some("review_every")
        );
        assert_eq!(super::did_you_mean_key("class", keys), None);
        assert_eq!(super::did_you_mean_key("lang", keys), None);
        assert_eq!(super::did_you_mean_key("image", keys), None);
        assert_eq!(super::did_you_mean_key("related", keys), None);
    }
}
