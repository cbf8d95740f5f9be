//! `config/invalid`: A value in book.toml that gtmbook cannot use. Reported while reading book.toml.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "config/invalid",
    default: Severity::Warning,
    summary: "A value in book.toml that gtmbook cannot use.",
    explain: "Finds a value in book.toml that gtmbook cannot use, such as a severity other than error, warning, info or off under [lint.rules]. The default is used instead.\n\nExample: `\"message/drift\" = \"loud\"`.",
};
