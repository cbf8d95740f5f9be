//! `frontmatter/placement`: Front-matter that does not start on the first line. Reported while loading.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "frontmatter/placement",
    default: Severity::Warning,
    summary: "Front-matter that does not start on the first line.",
    explain: "Finds a front-matter block (`---` or `+++` lines) with blank lines above it. gtmbook reads it anyway, as long as the block is closed and holds keys and values, but other tools (GitHub's file view, Hugo, Jekyll, most editors) only take front-matter from the very first line and show this block as text in the page.\n\nWhy it matters: a page that looks right here shows its raw keys everywhere else the file is read.\n\nExample:\n\n    (an empty first line)\n    ---\n    title: Renewal call\n    ---\n\nDelete the blank lines above the first `---`.",
};
