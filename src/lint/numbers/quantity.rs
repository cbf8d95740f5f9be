//! A figure read as a value (`Quantity`: a value or range, its unit and the precision
//! it was written with), and whether two figures are the same.

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Plain,
    Percent,
    /// An ISO code: `USD`, `EUR`, `GBP`.
    Currency(&'static str),
    /// A multiplier: `10x`, `10×`, `10 times`.
    Times,
    /// A four-digit year from 1900 to 2099.
    Year,
    /// A fraction in words (`half`, `a third`, `two-thirds`): the same value as a
    /// plain number or a percentage ("half" states "50%"), rounded to the places the
    /// other figure is written with ("a third" states "33%" and "33.3%").
    Fraction,
}

/// A value or a range of values, with the precision it was written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub lo: f64,
    pub hi: f64,
    pub unit: Unit,
    /// The place of the last digit written (1 for "44", 0.1 for "44.3", 1e5 for "$3.2M").
    pub step: f64,
}

/// A number of a word list: words `first..end` read as one quantity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    pub first: usize,
    pub end: usize,
    pub q: Quantity,
}

/// Are two quantities the same? `display`: a figure rounded to fewer places is the same
/// as the precise one ("44%" and "44.3%").
pub fn same(a: &Quantity, b: &Quantity, display: bool) -> bool {
    match (a.unit, b.unit) {
        (Unit::Fraction, Unit::Percent | Unit::Plain) => return same_fraction(a, b),
        (Unit::Percent | Unit::Plain, Unit::Fraction) => return same_fraction(b, a),
        (x, y) if x != y => return false,
        _ => {}
    }
    let eq = |x: f64, y: f64| {
        if display {
            let p = a.step.max(b.step);
            (x / p).round() == (y / p).round() || (x - y).abs() <= 1e-9 * x.abs().max(1.0)
        } else {
            (x - y).abs() <= 1e-9 * x.abs().max(1.0)
        }
    };
    eq(a.lo, b.lo) && eq(a.hi, b.hi)
}

/// A fraction in words against a figure: "half" is 50% and 0.5; "a third" is 33%, 33.3%
/// and 0.33 (the fraction rounded to the places of the figure). Against a whole number
/// the values must be equal ("half" is not 1).
fn same_fraction(f: &Quantity, other: &Quantity) -> bool {
    let scale = if other.unit == Unit::Percent {
        100.0
    } else {
        1.0
    };
    let step = other.step;
    let eq = |x: f64, y: f64| {
        let x = x * scale;
        (x - y).abs() <= 1e-9 * x.abs().max(1.0)
            || (step < scale && (x / step).round() == (y / step).round())
    };
    eq(f.lo, other.lo) && eq(f.hi, other.hi)
}
