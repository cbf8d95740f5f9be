//! `id/duplicate`: Two documents, messages, claims or personas with one id. Reported while building the model.

use crate::diagnostics::Severity;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "id/duplicate",
    default: Severity::Error,
    summary: "Two documents, messages, claims or personas with one id.",
    explain: "Finds two things of one kind with the same id: documents with an explicit or typed id, messages (`DOCID.MSGID`), claims, personas. Both places are shown. Two documents that would publish at the same address are one too, exactly or only by case (`Case.md` and `case.md` break checkouts on macOS and Windows), as is a page at the address of a generated page, a copied file or another page's old address (`aliases`, `redirect_from`); nothing is ever written over something else.\n\nWhy it matters: a reference like `{{claim:win-rate}}` must mean exactly one thing; with two definitions the site would quote one and the linter would check against the other.\n\nExample: two claims registers that both define `id: win-rate`. Rename one, or merge them.",
};
