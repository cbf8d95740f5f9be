//! `--format github` (SPEC 6.5): GitHub Actions workflow commands, one annotation per
//! finding (`::warning file=…,line=…,col=…,title=RULE::message`).

use super::diagnostic::Summary;
use super::json::JsonDiagnostic;

/// Escape the message part of a workflow command.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render_github(diags: &[JsonDiagnostic], prefix: &str, summary: &Summary) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let mut text = d.text();
        for r in &d.related {
            text.push_str(&format!(
                "\n{}{}:{}:{}: {}",
                prefix, r.file, r.line, r.column, r.message
            ));
        }
        // GitHub places `col` and `endColumn` only on a single line: for a finding
        // that spans lines they are left out, or the annotation lands on a wrong column.
        let columns = if d.line == d.end_line {
            format!(",col={},endColumn={}", d.column, d.end_column)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "::{command} file={},line={},endLine={}{columns},title={}::{}\n",
            property(&format!("{prefix}{}", d.file)),
            d.line,
            d.end_line,
            property(d.rule.id),
            data(&text)
        ));
    }
    out.push_str(&format!("gtmbook: {summary}\n"));
    out
}
