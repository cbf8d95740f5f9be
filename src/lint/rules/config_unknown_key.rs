//! `config/unknown-key`: A key in book.toml that gtmbook does not know. Reported while reading book.toml.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "config/unknown-key",
    default: Severity::Warning,
    summary: "A key in book.toml that gtmbook does not know.",
    explain: "Finds a key in book.toml that gtmbook does not know, or an unknown rule id under [lint.rules], with a did-you-mean.\n\nWhy it matters: a misspelt setting is silently ignored.\n\nExample: `[build] ouptut = \"site\"`: did you mean `output`?",
};
