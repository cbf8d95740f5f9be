//! A finding as an LSP diagnostic: severity, the rule id as its code, source
//! "gtmbook", the message with its help and notes, and the related places.

use super::position::{Encoding, range};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Handbook;
use crate::source::FileId;
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range,
    Uri,
};

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The message an editor shows: the finding, its help, its notes.
fn message(d: &Diagnostic) -> String {
    let mut m = d.message.clone();
    if let Some(help) = &d.help {
        m.push_str("\nhelp: ");
        m.push_str(help);
    }
    for n in &d.notes {
        m.push('\n');
        m.push_str(n);
    }
    m
}

/// `d` as an LSP diagnostic; `uri_of` names the file of each related place.
pub fn to_lsp(
    hb: &Handbook,
    d: &Diagnostic,
    enc: Encoding,
    uri_of: &dyn Fn(FileId) -> Option<Uri>,
) -> lsp_types::Diagnostic {
    let text = hb.sources.text(d.span.file);
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    uri_of(r.span.file)?,
                    range(hb.sources.text(r.span.file), r.span.start, r.span.end, enc),
                ),
                message: r.message.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(text, d.span.start, d.span.end, enc),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.id.to_string())),
        code_description: None,
        source: Some("gtmbook".to_string()),
        message: message(d),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Why the book could not be loaded, at the start of `book.toml`.
pub fn load_error(why: &str) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        severity: Some(DiagnosticSeverity::ERROR),
        code: None,
        code_description: None,
        source: Some("gtmbook".to_string()),
        message: format!("the handbook cannot be loaded: {why}"),
        related_information: None,
        tags: None,
        data: None,
    }
}
