//! `id/duplicate`: Two documents, messages, claims or personas with one id. Reported while building the model.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "id/duplicate",
    default: Severity::Error,
    summary: "Two documents, messages, claims or personas with one id.",
    explain: "Finds two things of one kind with the same id: documents with an explicit or typed id, messages (`DOCID.MSGID`), claims, personas. Both places are shown.\n\nWhy it matters: a reference like `{{claim:win-rate}}` must mean exactly one thing; with two definitions the site would quote one and the linter would check against the other.\n\nExample: two claims registers that both define `id: win-rate`. Rename one, or merge them.",
};
