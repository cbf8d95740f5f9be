//! The finding type every part of the tool reports with: `Diagnostic` (rule, severity,
//! byte span, message, help, related places, notes, an optional `Fix`), `Summary`
//! counts, and the sort order of SPEC 6.5.

use crate::rules::{Rule, Severity};
use crate::source::{Sources, Span};
use serde::Serialize;

/// A secondary place that explains a finding (where a message is defined, the other
/// duplicate).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// Whether a fix may be applied without a person looking at it (ruff's model).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning: applied by `check --fix`.
    Safe,
    /// May lose words the writer chose: applied only with `--unsafe-fixes`.
    Unsafe,
}

/// One replacement of a byte range of a source file (`span.file`) by new text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A change that mends a finding: one or more non-overlapping edits, all in the file
/// of the finding, applied together or not at all.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fix {
    /// What the fix does, for people: "Replace with {{msg:one-liner}}".
    pub label: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(label: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Self {
        Fix {
            label: label.into(),
            applicability,
            edits,
        }
    }

    /// One edit replacing `span` with `replacement`.
    pub fn replace(
        label: impl Into<String>,
        applicability: Applicability,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        Fix::new(
            label,
            applicability,
            vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        )
    }
}

/// A finding. Located by a byte span; lines and columns are computed only to print.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    #[serde(with = "crate::rules::by_index")]
    pub rule: &'static Rule,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<Label>,
    /// Extra lines for people (the word difference of a drift).
    pub notes: Vec<String>,
    /// How to mend it, when the tool knows (`check --fix`, the language server).
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding at its rule's default severity; `lint::finish` applies the book's
    /// configured severities later.
    pub fn new(rule: &'static Rule, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default,
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
            notes: Vec::new(),
            fix: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings the book's baseline hid (when it has one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
}

impl Summary {
    pub fn of(files: usize, diags: &[Diagnostic]) -> Self {
        let mut s = Summary {
            files,
            ..Summary::default()
        };
        for d in diags {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// "1 error, 2 warnings, 0 infos in 42 files"
impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
            plural(self.files, "file"),
        )?;
        match self.baselined {
            Some(n) => write!(f, "; {} hidden by the baseline", plural(n, "finding")),
            None => Ok(()),
        }
    }
}

/// Sort by file path, line, column, rule (SPEC 6.5) and drop exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>, sources: &Sources) {
    diags.sort_by(|a, b| {
        (
            sources.path(a.span.file),
            a.span.start,
            a.rule.id,
            &a.message,
        )
            .cmp(&(
                sources.path(b.span.file),
                b.span.start,
                b.rule.id,
                &b.message,
            ))
    });
    diags.dedup_by(|a, b| a.span == b.span && a.rule.id == b.rule.id && a.message == b.message);
}
