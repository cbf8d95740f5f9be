//! `--format sarif` (SPEC 6.5): SARIF 2.1.0 for GitHub code scanning, with one rule per
//! rule id and its help text. Types from serde-sarif.

use super::json::{JsonDiagnostic, JsonFix};
use crate::rules::{ALL, Severity};
use serde_sarif::sarif;

fn level(severity: &str) -> sarif::ResultLevel {
    match severity {
        "error" => sarif::ResultLevel::Error,
        "warning" => sarif::ResultLevel::Warning,
        _ => sarif::ResultLevel::Note,
    }
}

fn default_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(
    prefix: &str,
    file: &str,
    (line, column, end_line, end_column): (usize, usize, usize, usize),
    message: Option<&str>,
) -> sarif::Location {
    let region = sarif::Region::builder()
        .start_line(line as i64)
        .start_column(column as i64)
        .end_line(end_line as i64)
        .end_column(end_column as i64)
        .build();
    let physical = sarif::PhysicalLocation::builder()
        .artifact_location(
            sarif::ArtifactLocation::builder()
                .uri(format!("{prefix}{file}"))
                .build(),
        )
        .region(region)
        .build();
    match message {
        Some(m) => sarif::Location::builder()
            .physical_location(physical)
            .message(sarif::Message::builder().text(m).build())
            .build(),
        None => sarif::Location::builder()
            .physical_location(physical)
            .build(),
    }
}

/// A fix as SARIF's `fixes`: one artifact change in the finding's file, each edit a
/// replacement of a region given in bytes and in lines and columns; whether it is safe
/// is in its properties (SARIF has no word for it).
fn sarif_fix(fix: &JsonFix, uri: &str) -> sarif::Fix {
    let replacements = fix
        .edits
        .iter()
        .map(|e| {
            let region = sarif::Region::builder()
                .byte_offset(e.start as i64)
                .byte_length(e.end.saturating_sub(e.start) as i64)
                .start_line(e.line as i64)
                .start_column(e.column as i64)
                .end_line(e.end_line as i64)
                .end_column(e.end_column as i64)
                .build();
            sarif::Replacement::builder()
                .deleted_region(region)
                .inserted_content(
                    sarif::ArtifactContent::builder()
                        .text(e.replacement.clone())
                        .build(),
                )
                .build()
        })
        .collect::<Vec<_>>();
    let change = sarif::ArtifactChange::builder()
        .artifact_location(sarif::ArtifactLocation::builder().uri(uri).build())
        .replacements(replacements)
        .build();
    let mut properties = std::collections::BTreeMap::new();
    properties.insert(
        "applicability".to_string(),
        serde_json::json!(fix.applicability),
    );
    sarif::Fix::builder()
        .description(sarif::Message::builder().text(fix.label.clone()).build())
        .artifact_changes(vec![change])
        .properties(
            sarif::PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        )
        .build()
}

/// The SARIF log of `diags`; `prefix` leads every path (the book's folder from where
/// the tool runs, so paths match the repository).
pub fn render_sarif(diags: &[JsonDiagnostic], prefix: &str) -> String {
    let rules: Vec<sarif::ReportingDescriptor> = ALL
        .iter()
        .map(|r| {
            sarif::ReportingDescriptor::builder()
                .id(r.id)
                .short_description(
                    sarif::MultiformatMessageString::builder()
                        .text(r.summary)
                        .build(),
                )
                .full_description(
                    sarif::MultiformatMessageString::builder()
                        .text(r.summary)
                        .build(),
                )
                .help(
                    sarif::MultiformatMessageString::builder()
                        .text(r.explain)
                        .markdown(r.explain)
                        .build(),
                )
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(serde_json::json!(default_level(r.default)))
                        .build(),
                )
                .build()
        })
        .collect();
    let results: Vec<sarif::Result> = diags
        .iter()
        .map(|d| {
            let text = d.text();
            let related: Vec<sarif::Location> = d
                .related
                .iter()
                .map(|r| {
                    location(
                        prefix,
                        &r.file,
                        (r.line, r.column, r.line, r.column),
                        Some(&r.message),
                    )
                })
                .collect();
            let here = location(
                prefix,
                &d.file,
                (d.line, d.column, d.end_line, d.end_column),
                None,
            );
            let mut result = sarif::Result::builder()
                .rule_id(d.rule.id)
                .rule_index(d.rule.index as i64)
                .level(level(d.severity))
                .message(sarif::Message::builder().text(text).build())
                .locations(vec![here])
                .related_locations(related)
                .build();
            if let Some(fix) = &d.fix {
                result.fixes = Some(vec![sarif_fix(fix, &format!("{prefix}{}", d.file))]);
            }
            result
        })
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("gtmbook")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(driver)
        .results(results)
        // Columns count characters (SPEC 6.5).
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    let log = sarif::Sarif::builder()
        .version(sarif::Version::V2_1_0.to_string())
        .schema(sarif::SCHEMA_URL)
        .runs(vec![run])
        .build();
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
