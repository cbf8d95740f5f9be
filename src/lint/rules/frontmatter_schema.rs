//! `frontmatter/schema`: A missing title, a value of the wrong type, an unknown type, a bad date. Reported while loading.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "frontmatter/schema",
    default: Severity::Error,
    summary: "A missing title, a value of the wrong type, an unknown type, a bad date.",
    explain: "Finds front-matter that is valid YAML but does not fit the document schema: no `title` (and no `# ` heading to take it from), a value of the wrong type (`weight: heavy`), an unknown `type`, a date that is not `YYYY-MM-DD`, an id that is not kebab-case, a message without `text`, a `status` outside draft/approved/retired (the page is then approved), `draft: true` beside `status: approved` (a warning; the page is a draft).\n\nWhy it matters: the handbook is built from these fields; a wrong one is silently wrong on the site.\n\nExample:\n\n    ---\n    title: Launch checklist\n    reviewed: last week\n    ---\n\nWrite `reviewed: 2026-11-02`.",
};
