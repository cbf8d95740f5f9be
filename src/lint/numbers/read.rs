//! Reading the figures of a word list as quantities: digits with their symbols and
//! scales, number words, the unit words after them, and ranges (`1-2`, `1 to 2`,
//! `between 1 and 2`).

use super::quantity::{Group, Quantity, Unit};
use super::words::{cardinal_word, currency_code, fraction_word, scale_word, small_word};

/// One side of a range, before units are shared between the sides.
#[derive(Debug, Clone, Copy)]
struct One {
    v: f64,
    hi: Option<f64>,
    unit: Option<Unit>,
    scale: Option<f64>,
    step: f64,
    year: bool,
}

/// A number in digits: `44.3`, `3,000,000`, `.5`; its value and step.
fn digits(s: &str) -> Option<(f64, f64, bool)> {
    let first = s.bytes().next()?;
    if !(first.is_ascii_digit() || first == b'.') || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.contains(['.', ','])) {
        return None;
    }
    let mut groups = int.split(',');
    let head = groups.next().unwrap_or("");
    let commas = int.contains(',');
    if commas && (head.is_empty() || head.len() > 3 || groups.any(|g| g.len() != 3)) {
        return None;
    }
    let plain: String = s.chars().filter(|c| *c != ',').collect();
    let v: f64 = plain.parse().ok()?;
    let places = frac.map_or(0, str::len);
    let step = 10f64.powi(-(i32::try_from(places).unwrap_or(0)));
    Some((v, step, !commas && frac.is_none()))
}

/// One number token with its symbols: `$3.0m`, `44.3%`, `10x`, `40k`, `€2bn`.
fn atom(tok: &str) -> Option<One> {
    let mut s = tok.trim_start_matches(['+', '~']);
    let mut unit = None;
    for (p, code) in [("us$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP")] {
        if s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) {
            s = s.get(p.len()..)?;
            unit = Some(Unit::Currency(code));
            break;
        }
    }
    if let Some(r) = s.strip_suffix('%') {
        s = r;
        unit = Some(Unit::Percent);
    } else if let Some(r) = s.strip_suffix('×').or_else(|| {
        s.strip_suffix(['x', 'X'])
            .filter(|r| r.ends_with(|c: char| c.is_ascii_digit()))
    }) {
        s = r;
        unit = Some(Unit::Times);
    }
    let mut scale = None;
    for (suffix, v) in [("bn", 1e9), ("mn", 1e6), ("k", 1e3), ("m", 1e6), ("b", 1e9)] {
        if s.len() > suffix.len()
            && s.get(s.len() - suffix.len()..)
                .is_some_and(|t| t.eq_ignore_ascii_case(suffix))
        {
            s = s.get(..s.len() - suffix.len())?;
            scale = Some(v);
            break;
        }
    }
    let (v, step, integer) = digits(s)?;
    let year = integer
        && unit.is_none()
        && scale.is_none()
        && s.len() == 4
        && (1900.0..2100.0).contains(&v);
    Some(One {
        v,
        hi: None,
        unit,
        scale,
        step,
        year,
    })
}

/// A token in digits, possibly a range in itself (`1-2`, `10–20%`, `$1-2m`).
fn token(tok: &str) -> Option<One> {
    // Every figure has a digit; most words have none and are passed over here.
    if !tok.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = tok.replace(['–', '—', '‑', '‐'], "-");
    if let Some((a, b)) = t.split_once('-') {
        let (mut a, b) = (atom(a)?, atom(b)?);
        a.unit = a.unit.or(b.unit);
        a.scale = a.scale.or(b.scale);
        let bv = b.v * b.scale.or(a.scale).unwrap_or(1.0) / a.scale.unwrap_or(1.0);
        a.hi = Some(bv);
        a.year = false;
        return Some(a);
    }
    atom(&t)
}

/// Number words at `i`: `two`, `twenty-five`, `one hundred and five`, `three thousand`,
/// `half`, `a third`, `two-thirds`; the value, the next word and whether it is a
/// fraction.
fn words_at(ws: &[&str], i: usize) -> Option<(f64, usize, bool)> {
    let w = ws.get(i)?;
    let next = ws.get(i + 1).copied().unwrap_or("");
    if w.eq_ignore_ascii_case("half") {
        return Some((0.5, i + 1, true));
    }
    if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("one"))
        && let Some(d) = fraction_word(next, false)
    {
        return Some((1.0 / d, i + 2, true));
    }
    // `two-thirds`: the shortest is `one-half` (8 bytes).
    if w.len() >= 8
        && let Some((a, b)) = w.split_once('-')
        && let (Some(n), Some(d)) = (
            small_word(a),
            fraction_word(b, a != "one").or(fraction_word(b, false)),
        )
    {
        return Some((n / d, i + 1, true));
    }
    let mut total = 0.0;
    let mut cur = 0.0;
    let mut j = i;
    let mut any = false;
    while let Some(w) = ws.get(j) {
        if let Some(v) = cardinal_word(w) {
            if any && cur % 100.0 != 0.0 {
                break; // "two three" is two numbers
            }
            cur += v;
        } else if any && w.eq_ignore_ascii_case("hundred") {
            cur = cur.max(1.0) * 100.0;
        } else if any && w.eq_ignore_ascii_case("thousand") {
            total += cur.max(1.0) * 1000.0;
            cur = 0.0;
        } else if any
            && w.eq_ignore_ascii_case("and")
            && (cur % 100.0 == 0.0 || total > 0.0)
            && ws.get(j + 1).is_some_and(|n| cardinal_word(n).is_some())
        {
        } else {
            break;
        }
        any = true;
        j += 1;
    }
    if !any {
        return None;
    }
    if let Some(d) = ws.get(j).and_then(|w| fraction_word(w, total + cur > 1.0)) {
        return Some(((total + cur) / d, j + 1, true));
    }
    Some((total + cur, j, false))
}

/// One side of a quantity at word `i`, with the words after it that belong to it.
fn one_at(ws: &[&str], i: usize) -> Option<(One, usize)> {
    let w = *ws.get(i)?;
    let (mut one, mut j) = if let Some(code) = (w.len() == 3).then(|| currency_code(w)).flatten()
        && let Some(mut one) = ws.get(i + 1).and_then(|t| token(t))
    {
        one.unit = one.unit.or(Some(Unit::Currency(code)));
        one.year = false;
        (one, i + 2)
    } else if let Some(one) = token(w) {
        (one, i + 1)
    } else {
        let (v, j, fraction) = words_at(ws, i)?;
        let one = One {
            v,
            hi: None,
            unit: fraction.then_some(Unit::Fraction),
            scale: None,
            step: 1.0,
            year: false,
        };
        (one, j)
    };
    // "40 000": groups of three digits after a short integer.
    if one.unit.is_none() && one.scale.is_none() && one.hi.is_none() && !one.year {
        let short = ws
            .get(i)
            .is_some_and(|t| t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()));
        while short
            && let Some(t) = ws.get(j)
            && t.len() == 3
            && t.bytes().all(|b| b.is_ascii_digit())
        {
            one.v = one.v * 1000.0 + t.parse::<f64>().unwrap_or(0.0);
            j += 1;
        }
    }
    if one.year {
        return Some((one, j));
    }
    if one.scale.is_none()
        && let Some(s) = ws.get(j).and_then(|w| scale_word(w))
    {
        one.scale = Some(s);
        j += 1;
    }
    let word = |k: usize| ws.get(k).copied().unwrap_or("");
    if one.unit.is_none() {
        let w = word(j).to_ascii_lowercase();
        if w == "percent" || w == "pct" {
            one.unit = Some(Unit::Percent);
            j += 1;
        } else if w == "per" && word(j + 1).eq_ignore_ascii_case("cent") {
            one.unit = Some(Unit::Percent);
            j += 2;
        } else if w == "x" || w == "×" || w == "times" {
            one.unit = Some(Unit::Times);
            j += 1;
        } else if let Some(code) = currency_code(&w) {
            one.unit = Some(Unit::Currency(code));
            j += 1;
        }
    }
    Some((one, j))
}

fn finish(one: One, unit: Option<Unit>, scale: Option<f64>) -> Quantity {
    let scale = one.scale.or(scale).unwrap_or(1.0);
    let unit = if one.year {
        Unit::Year
    } else {
        one.unit.or(unit).unwrap_or(Unit::Plain)
    };
    Quantity {
        lo: one.v * scale,
        hi: one.hi.unwrap_or(one.v) * scale,
        unit,
        step: one.step * scale,
    }
}

/// The range from `a` to `b`, the units of each side shared with the other.
fn range_of(a: One, b: One) -> Quantity {
    let lo = finish(a, b.unit, b.scale);
    let hi = finish(b, a.unit, a.scale);
    Quantity {
        lo: lo.lo,
        hi: hi.hi,
        unit: lo.unit,
        step: lo.step.max(hi.step),
    }
}

/// The numbers of a sentence's words. `gap(k)` is the text between word `k` and word
/// `k + 1` (a dash there makes a range of two numbers).
pub fn groups(ws: &[&str], gap: impl Fn(usize) -> String) -> Vec<Group> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // "between 1 and 2" is the range "1-2".
        if ws.get(i).is_some_and(|w| w.eq_ignore_ascii_case("between"))
            && let Some((a, j)) = one_at(ws, i + 1)
            && a.hi.is_none()
            && !a.year
            && ws.get(j).is_some_and(|w| w.eq_ignore_ascii_case("and"))
            && let Some((b, k)) = one_at(ws, j + 1)
            && b.hi.is_none()
            && !b.year
        {
            out.push(Group {
                first: i,
                end: k,
                q: range_of(a, b),
            });
            i = k;
            continue;
        }
        let Some((a, j)) = one_at(ws, i) else {
            i += 1;
            continue;
        };
        let connector = ws.get(j).map(|w| w.to_ascii_lowercase());
        let dash = j > i && {
            let g = gap(j - 1);
            let g = g.trim();
            matches!(g, "-" | "–" | "—")
        };
        let range = match connector.as_deref() {
            Some("to" | "or") if a.hi.is_none() => one_at(ws, j + 1),
            _ if dash && a.hi.is_none() => one_at(ws, j),
            _ => None,
        };
        let (q, end) = match range {
            Some((b, k)) if !(a.year ^ b.year) && b.hi.is_none() => (range_of(a, b), k),
            _ => (finish(a, None, None), j),
        };
        out.push(Group {
            first: i,
            end: end.max(i + 1),
            q,
        });
        i = end.max(i + 1);
    }
    out
}
