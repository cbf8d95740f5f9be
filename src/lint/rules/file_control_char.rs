//! `file/control-char`: A control character (NUL, ESC, ...) in a document. Reported while loading.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "file/control-char",
    default: Severity::Warning,
    summary: "A control character (such as NUL) in a document.",
    explain: "Finds a C0 control character (U+0000 to U+001F other than tab, line feed, carriage return and form feed) in a document under content/, and points at the first one; one finding per file. Every such character is shown as U+FFFD (\u{FFFD}) on the site and in its search index, never copied as it is.\n\nWhy it matters: these characters are invisible in most editors, come from copying out of terminals, PDFs or binary files, and break the tools that read the page (a NUL byte ends a string in C; an ESC byte can recolour a terminal).\n\nExample: `Our plan\\u{1b}[31m works` pasted from a terminal. Delete the character.",
};
