//! `frontmatter/syntax`: Front-matter that is not valid YAML. Reported while loading.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "frontmatter/syntax",
    default: Severity::Error,
    summary: "Front-matter that is not valid YAML (or TOML between `+++` lines).",
    explain: "Finds front-matter (the block between the first two `---` lines) that is not valid YAML, and points at the line and column where the YAML parser stopped.\n\nWhy it matters: a document whose front-matter cannot be read loses its title, type, owner and every message or claim it defines, so other pages that reference them break too.\n\nExample:\n\n    ---\n    title: Pricing FAQ\n    tags: [pricing, faq\n    ---\n\nThe list is never closed. Write `tags: [pricing, faq]`.",
};
