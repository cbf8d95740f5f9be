//! Reading one document file: vetting, UTF-8, stray control characters; then parsing.

use super::document::parse_document;
use super::reading::{Reading, Vetting};
use super::walk::vet;
use crate::diagnostics::Diagnostic;
use crate::model::Document;
use crate::source::{FileId, SourceFile, Span};
use std::path::Path;

/// Read and parse one document. Never fails: problems are diagnostics.
pub fn load_file(
    r: &Reading,
    id: FileId,
    abs: &Path,
    path: String,
    rel: &str,
    vetting: Vetting,
) -> (SourceFile, Option<Document>, Vec<Diagnostic>) {
    let book = r.book;
    let mut diags = Vec::new();
    let vetted = match vetting {
        // Resolving every path again costs four system calls a file (10,000 pages:
        // 40,000 readlink calls) for what the walk already knows.
        Vetting::Walked => Ok(abs.to_path_buf()),
        Vetting::Needed => vet(book, abs),
    };
    let real = match vetted {
        Ok(real) if real.is_file() => real,
        Ok(_) => {
            let file = SourceFile::new(path.clone(), abs.to_path_buf(), String::new());
            diags.push(Diagnostic::new(
                &crate::rules::FILE_UNREADABLE,
                Span::new(id, 0, 0),
                format!("{path} is a folder, not a file: not read"),
            ));
            return (file, None, diags);
        }
        Err(refusal) => {
            let file = SourceFile::new(path.clone(), abs.to_path_buf(), String::new());
            diags.push(Diagnostic::new(
                refusal.rule(),
                Span::new(id, 0, 0),
                refusal.message(&path),
            ));
            return (file, None, diags);
        }
    };
    let bytes = match std::fs::read(&real) {
        Ok(b) => b,
        Err(e) => {
            let file = SourceFile::new(path.clone(), abs.to_path_buf(), String::new());
            diags.push(Diagnostic::new(
                &crate::rules::FILE_UNREADABLE,
                Span::new(id, 0, 0),
                format!("cannot read {path}: {e}"),
            ));
            return (file, None, diags);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(path.clone(), abs.to_path_buf(), text);
            diags.push(Diagnostic::new(
                &crate::rules::FILE_UNREADABLE,
                Span::new(id, valid, valid),
                format!(
                    "{path} is not valid UTF-8 (first bad byte at offset {valid}); save it as UTF-8"
                ),
            ));
            return (file, None, diags);
        }
    };
    let text = match replace_control_chars(&text) {
        None => text,
        Some((first, clean)) => {
            let c = text
                .get(first..)
                .and_then(|r| r.chars().next())
                .unwrap_or('\0');
            diags.push(
                Diagnostic::new(
                    &crate::rules::FILE_CONTROL_CHAR,
                    Span::new(id, first, first + '\u{FFFD}'.len_utf8()),
                    format!(
                        "{path} contains the control character U+{:04X}{}; it is shown as \u{FFFD} on the site",
                        u32::from(c),
                        if c == '\0' { " (NUL)" } else { "" }
                    ),
                )
                .help("delete it: it is invisible in most editors and breaks tools that read the file"),
            );
            clean
        }
    };
    let file = SourceFile::new(path.clone(), abs.to_path_buf(), text);
    let doc = parse_document(r, id, &file, rel, &mut diags);
    (file, Some(doc), diags)
}

/// Is `c` a C0 control character a text file should not hold (tab, line feed,
/// carriage return and form feed are text)?
fn is_stray_control(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')
}

/// The offset of the first stray control character and the text with every one of
/// them replaced by U+FFFD, or `None` when there is none (the usual case: one scan).
fn replace_control_chars(text: &str) -> Option<(usize, String)> {
    let first = text.bytes().position(|b| is_stray_control(char::from(b)))?;
    let clean = text
        .chars()
        .map(|c| if is_stray_control(c) { '\u{FFFD}' } else { c })
        .collect();
    Some((first, clean))
}
