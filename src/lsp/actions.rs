//! Code actions: the fix of each finding under the cursor as a quick fix (a workspace
//! edit in the negotiated encoding), preferred when it is safe.

use super::position::range;
use super::publish;
use super::state::Server;
use crate::diagnostics::{Applicability, Diagnostic};
use crate::model::Handbook;
use crate::source::FileId;
use lsp_types::{CodeAction, CodeActionKind, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

/// The title of a fix: a drift's says what it does to the sentence.
fn title(d: &Diagnostic, label: &str, edits: &[crate::diagnostics::Edit]) -> String {
    match (d.rule.id, edits) {
        ("message/drift", [only]) => format!("Replace this sentence with {}", only.replacement),
        _ => label.to_string(),
    }
}

/// `Uri` hashes and compares as its text (lsp-types' own `WorkspaceEdit` is keyed so).
#[allow(clippy::mutable_key_type)]
/// The quick fixes of the findings in `files` whose span meets bytes `start..end`.
pub fn actions(
    s: &Server,
    hb: &Handbook,
    files: &[FileId],
    start: usize,
    end: usize,
) -> Vec<CodeAction> {
    s.diags
        .iter()
        .filter(|d| files.contains(&d.span.file) && d.span.start <= end && start <= d.span.end)
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
            for e in &fix.edits {
                let text = hb.sources.text(e.span.file);
                changes
                    .entry(s.uri_of(e.span.file)?)
                    .or_default()
                    .push(TextEdit::new(
                        range(text, e.span.start, e.span.end, s.enc),
                        e.replacement.clone(),
                    ));
            }
            Some(CodeAction {
                title: title(d, &fix.label, &fix.edits),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![publish::to_lsp(hb, d, s.enc, &|f| s.uri_of(f))]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..WorkspaceEdit::default()
                }),
                command: None,
                is_preferred: Some(fix.applicability == Applicability::Safe),
                disabled: None,
                data: None,
            })
        })
        .collect()
}
