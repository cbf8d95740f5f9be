//! `frontmatter/unknown-key`: A front-matter key the schema does not know. Reported while loading.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "frontmatter/unknown-key",
    default: Severity::Warning,
    summary: "A front-matter key the schema does not know.",
    explain: "Finds a front-matter key that the document's type does not define, and suggests the closest known key.\n\nWhy it matters: a misspelt key (`reviwed`, `owners`) is ignored, so the page looks reviewed or owned when it is not.\n\nExample:\n\n    ---\n    title: Discovery questions\n    onwer: Dana Ruiz\n    ---\n\nDid you mean `owner`? A project's own keys are accepted for the whole book with `[lint] extra_keys = [\"questions\"]` in book.toml, or per page with `lint: {allow: [frontmatter/unknown-key]}`. Template keys of other generators (`layout`, `toc`, `sidebar`, `menu`, `hide_sidebar`, `image`, `categories`, `keywords`) are known and never reported.",
};
