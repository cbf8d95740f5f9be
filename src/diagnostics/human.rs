//! rustc-style output: file:line:col, the source line with a caret span, rule id, help
//! and related places, rendered by annotate-snippets.

use super::diagnostic::{Applicability, Diagnostic, Summary};
use crate::rules::Severity;
use crate::source::{Sources, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Render every diagnostic and a closing summary line.
pub fn render_human(
    diags: &[Diagnostic],
    sources: &Sources,
    summary: &Summary,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags {
        out.push_str(&render_one(d, sources, &renderer));
        out.push_str("\n\n");
    }
    out.push_str(&format!("{summary}\n"));
    out.push_str(&fixable(diags));
    out
}

/// "[*] 2 fixable with `gtmbook check --fix` (1 more with `--unsafe-fixes`)", or nothing.
pub fn fixable(diags: &[Diagnostic]) -> String {
    let count = |a: Applicability| {
        diags
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a))
            .count()
    };
    let (safe, unsafe_) = (count(Applicability::Safe), count(Applicability::Unsafe));
    match (safe, unsafe_) {
        (0, 0) => String::new(),
        (0, u) => {
            format!("{u} fixable with `gtmbook check --fix --unsafe-fixes` (review the changes)\n")
        }
        (s, 0) => format!("[*] {s} fixable with `gtmbook check --fix`\n"),
        (s, u) => {
            format!("[*] {s} fixable with `gtmbook check --fix` ({u} more with `--unsafe-fixes`)\n")
        }
    }
}

/// The lines around a span, with the span made relative to them.
struct Excerpt<'a> {
    path: &'a str,
    text: &'a str,
    first_line: usize,
    range: std::ops::Range<usize>,
}

fn excerpt<'a>(sources: &'a Sources, span: Span) -> Option<Excerpt<'a>> {
    let file = sources.get(span.file)?;
    let (line, _) = file.line_col(span.start);
    let (end_line, _) = file.line_col(span.end);
    // Show at most three lines of a long span.
    let last_line = end_line.min(line + 2);
    let start = file.line_start(line);
    let end = if last_line >= file.line_count() {
        file.text.len()
    } else {
        file.line_start(last_line + 1)
    };
    let text = file.text.get(start..end)?;
    let text = text.trim_end_matches(['\n', '\r']);
    let rel_start = span.start.saturating_sub(start).min(text.len());
    let rel_end = span.end.saturating_sub(start).clamp(rel_start, text.len());
    Some(Excerpt {
        path: &file.path,
        text,
        first_line: line,
        range: rel_start..rel_end,
    })
}

fn render_one(d: &Diagnostic, sources: &Sources, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    // Ruff's mark of a finding `--fix` mends.
    let title = match &d.fix {
        Some(f) if f.applicability == Applicability::Safe => format!("[*] {}", d.message),
        _ => d.message.clone(),
    };
    let mut group = Group::with_title(level.primary_title(title).id(d.rule.id));
    match excerpt(sources, d.span) {
        Some(ex) => {
            group = group.element(
                Snippet::source(ex.text)
                    .line_start(ex.first_line)
                    .path(ex.path)
                    .annotation(AnnotationKind::Primary.span(ex.range)),
            );
        }
        None => {
            group = group.element(Level::NOTE.message(format!("in {}", sources.path(d.span.file))));
        }
    }
    for label in &d.related {
        if let Some(ex) = excerpt(sources, label.span) {
            group = group.element(
                Snippet::source(ex.text)
                    .line_start(ex.first_line)
                    .path(ex.path)
                    .annotation(
                        AnnotationKind::Context
                            .span(ex.range)
                            .label(label.message.as_str()),
                    ),
            );
        }
    }
    for note in &d.notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    if let Some(f) = &d.fix {
        let how = match f.applicability {
            Applicability::Safe => "fix (--fix)",
            Applicability::Unsafe => "unsafe fix (--fix --unsafe-fixes)",
        };
        group = group.element(Level::HELP.message(format!("{how}: {}", f.label)));
    }
    renderer.render(&[group])
}
