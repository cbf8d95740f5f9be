//! `file/unreadable`: A file that cannot be read or is not UTF-8. Reported while loading.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "file/unreadable",
    default: Severity::Error,
    summary: "A file that cannot be read or is not UTF-8.",
    explain: "Finds a file under content/ that cannot be read: not valid UTF-8, removed while the build ran, a symbolic link loop or a link to nothing, no permission, or not a regular file at all (a named pipe, a socket, a device: these are never opened, since reading a named pipe waits forever).\n\nWhy it matters: its content would be missing from the site without anyone noticing.\n\nExample: a page exported from a word processor in Windows-1252. Save it as UTF-8.",
};
