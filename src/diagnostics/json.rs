//! `--format json` (SPEC 6.5). Wire types are separate from the internal ones.

use super::diagnostic::{Applicability, Diagnostic, Fix, Summary};
use crate::rules::Rule;
use crate::source::{Sources, Span};
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: &'a Summary,
    diagnostics: Vec<JsonDiagnostic>,
    /// The trust score (`check` adds it).
    #[serde(skip_serializing_if = "Option::is_none")]
    trust: Option<serde_json::Value>,
}

/// A diagnostic with lines and columns resolved, as written to JSON (and read by the
/// SARIF and GitHub writers).
#[derive(Serialize, Clone, Debug)]
pub struct JsonDiagnostic {
    #[serde(serialize_with = "rule_id")]
    pub rule: &'static Rule,
    pub severity: &'static str,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub related: Vec<JsonRelated>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// How to mend it (`check --fix`), absent when the tool does not know.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix>,
}

/// A fix as written to JSON: its edits are in the finding's file.
#[derive(Serialize, Clone, Debug)]
pub struct JsonFix {
    pub label: String,
    pub applicability: Applicability,
    pub edits: Vec<JsonEdit>,
}

/// One edit: the byte range replaced (`start..end`, from the start of the file), the
/// same range as lines and columns, and the new text.
#[derive(Serialize, Clone, Debug)]
pub struct JsonEdit {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub replacement: String,
}

impl JsonDiagnostic {
    /// The message with its help and notes on lines of their own, for formats that
    /// carry one text per finding (SARIF, GitHub annotations).
    pub fn text(&self) -> String {
        let mut text = self.message.clone();
        if let Some(h) = &self.help {
            text.push_str("\nhelp: ");
            text.push_str(h);
        }
        for n in &self.notes {
            text.push_str("\nnote: ");
            text.push_str(n);
        }
        text
    }
}

/// A rule is written as its id.
fn rule_id<S: serde::Serializer>(rule: &&'static Rule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(rule.id)
}

#[derive(Serialize, Clone, Debug)]
pub struct JsonRelated {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn position(sources: &Sources, span: Span) -> (String, usize, usize, usize, usize) {
    match sources.get(span.file) {
        Some(f) => {
            let (l, c) = f.line_col(span.start);
            let (el, ec) = f.line_col(span.end);
            (f.path.clone(), l, c, el, ec)
        }
        None => (String::new(), 1, 1, 1, 1),
    }
}

pub fn to_json_diagnostics(diags: &[Diagnostic], sources: &Sources) -> Vec<JsonDiagnostic> {
    diags
        .iter()
        .map(|d| {
            let (file, line, column, end_line, end_column) = position(sources, d.span);
            JsonDiagnostic {
                rule: d.rule,
                severity: d.severity.as_str(),
                file,
                line,
                column,
                end_line,
                end_column,
                message: d.message.clone(),
                help: d.help.clone(),
                related: d
                    .related
                    .iter()
                    .map(|r| {
                        let (file, line, column, _, _) = position(sources, r.span);
                        JsonRelated {
                            file,
                            line,
                            column,
                            message: r.message.clone(),
                        }
                    })
                    .collect(),
                notes: d.notes.clone(),
                fix: d.fix.as_ref().map(|f| json_fix(f, sources)),
            }
        })
        .collect()
}

fn json_fix(fix: &Fix, sources: &Sources) -> JsonFix {
    JsonFix {
        label: fix.label.clone(),
        applicability: fix.applicability,
        edits: fix
            .edits
            .iter()
            .map(|e| {
                let (_, line, column, end_line, end_column) = position(sources, e.span);
                JsonEdit {
                    start: e.span.start,
                    end: e.span.end,
                    line,
                    column,
                    end_line,
                    end_column,
                    replacement: e.replacement.clone(),
                }
            })
            .collect(),
    }
}

pub fn render_json(diags: &[Diagnostic], sources: &Sources, summary: &Summary) -> String {
    render_json_with(diags, sources, summary, None)
}

/// `render_json` with a `trust` field after the diagnostics.
pub fn render_json_with(
    diags: &[Diagnostic],
    sources: &Sources,
    summary: &Summary,
    trust: Option<serde_json::Value>,
) -> String {
    let report = Report {
        version: 1,
        summary,
        diagnostics: to_json_diagnostics(diags, sources),
        trust,
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
