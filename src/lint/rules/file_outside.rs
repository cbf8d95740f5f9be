//! `file/outside`: A symbolic link that leads out of the book. Reported while loading.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "file/outside",
    default: Severity::Error,
    summary: "A symbolic link under the book that leads out of it.",
    explain: "Finds a symbolic link under content/, static/ or the theme's folder (a file or a folder) whose target is outside the book's folder. gtmbook never reads such a file: `check`, `build` and `serve` all report it, and nothing of it reaches the site. Links that stay inside the book are followed as usual.\n\nWhy it matters: a link to `/etc/passwd` or `~/.ssh/` would otherwise be copied into the published site, or served by `gtmbook serve`, to anyone who can read it. The finding names the link and where it points.\n\nExample:\n\n    static/keys -> /home/me/.ssh\n\nCopy the files the site needs into the book (for example `static/logo.svg`), or point the link at a file inside the book. A `[build] content`, `static/` or `themes/<name>/` folder that is itself a link out of the book is refused the same way.",
};
