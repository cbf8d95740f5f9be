//! Value checks of the schema with no finding of their own: kebab-case ids, dates
//! (gtmbook's `YYYY-MM-DD` and other generators' date-times), and words of gtmbook's
//! vocabulary matched without regard to case.

use jiff::civil::Date;

/// A value of gtmbook's own vocabulary, matched without regard to case (`Draft`,
/// `APPROVED`): the canonical spelling, or `None` when it is not one.
pub(super) fn word_of<'a>(value: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let lower = value.trim().to_lowercase();
    allowed.iter().find(|a| **a == lower).copied()
}

pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub fn parse_date(s: &str) -> Option<Date> {
    if s.len() != 10 {
        return None;
    }
    s.parse::<Date>().ok()
}

/// `YYYY-MM-DD`, optionally followed by `T` or a space, a time `HH:MM[:SS[.fff]]` and a
/// zone (`Z`, `+02:00`, ` -0700`). The date is kept as written; the zone is not applied.
pub fn parse_date_time(s: &str) -> Option<Date> {
    let s = s.trim();
    let date = parse_date(s.get(..10)?)?;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(date);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?.trim_start();
    let b = rest.as_bytes();
    let two = |i: usize, max: u32| -> Option<()> {
        let d = b.get(i..i + 2)?;
        let n = std::str::from_utf8(d).ok()?.parse::<u32>().ok()?;
        (d.iter().all(u8::is_ascii_digit) && n <= max).then_some(())
    };
    two(0, 23)?;
    (b.get(2) == Some(&b':')).then_some(())?;
    two(3, 59)?;
    let mut i = 5;
    if b.get(i) == Some(&b':') {
        two(i + 1, 60)?;
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            let digits = b
                .get(i..)?
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            (digits > 0).then_some(())?;
            i += digits;
        }
    }
    let zone = rest.get(i..)?.trim_start();
    let z = zone.as_bytes();
    let zone_ok = match z.first() {
        None => true,
        Some(b'Z' | b'z') => z.len() == 1,
        Some(b'+' | b'-') => {
            let tail = zone.get(1..)?.replace(':', "");
            tail.len() == 4 && two(0, 23).is_some() && tail.bytes().all(|c| c.is_ascii_digit())
                || tail.len() == 2 && tail.bytes().all(|c| c.is_ascii_digit())
        }
        _ => zone == "UTC",
    };
    zone_ok.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_dates() {
        let d = |s: &str| parse_date_time(s).map(|d| d.to_string());
        let want = Some("2024-06-25".to_string());
        for ok in [
            "2024-06-25",
            "2024-06-25T10:00:00Z",
            "2024-06-25T10:00",
            "2024-06-25 10:00:00 -0700",
            "2024-06-25T10:00:00.123+02:00",
            "2024-06-25 10:00:00 UTC",
        ] {
            assert_eq!(d(ok), want, "{ok}");
        }
        for bad in [
            "2024-06-25T",
            "2024-06-25T25:00",
            "2024-06-25 10:00 PST8",
            "2024-6-25",
            "2024-06-25é",
            "2024-06-25T10:00:00+1",
            "",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    #[test]
    fn kebab_ids() {
        assert!(is_kebab("one-liner"));
        assert!(is_kebab("a1"));
        assert!(!is_kebab("One"));
        assert!(!is_kebab("a_b"));
        assert!(!is_kebab("-a"));
    }
}
