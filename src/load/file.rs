//! Reading one document file: vetting, UTF-8, stray control characters; then parsing.
//! The parse half (`parse_text`) also takes a text from elsewhere: the unsaved buffer of
//! an editor (`gtmbook lsp`), so both go through the same code.

use super::document::parse_document;
use super::reading::{Reading, Reuse, Seen, Vetting};
use super::walk::vet;
use crate::diagnostics::Diagnostic;
use crate::model::Document;
use crate::source::{FileId, SourceFile, Span};
use crate::stamps::Look;
use std::path::Path;

/// What one document file became: its source, the document (when it could be read) and
/// what reading it found.
pub type Loaded = (SourceFile, Option<Document>, Vec<Diagnostic>);

/// Read and parse one document. Never fails: problems are diagnostics.
pub fn load_file(
    r: &Reading,
    id: FileId,
    abs: &Path,
    path: String,
    rel: &str,
    vetting: Vetting,
) -> Loaded {
    load_file_with(r, id, abs, path, rel, vetting, None)
}

/// [`load_file`], reusing an earlier parse of the same text when `reuse` kept one
/// (`reading_key` is [`Reading::key`], the same for every file of a load).
pub fn load_file_with(
    r: &Reading,
    id: FileId,
    abs: &Path,
    path: String,
    rel: &str,
    vetting: Vetting,
    reuse: Option<(&dyn Reuse, u128)>,
) -> Loaded {
    // A walked file that looks as it did when the last run read it is not read again:
    // one `stat` instead of opening and reading it.
    let stat = || std::fs::metadata(abs).ok().map(|m| Look::of(&m));
    if let (Some((reuse, reading)), Vetting::Walked) = (reuse, vetting)
        && let Some((text, (doc, diags))) = reuse.unchanged(id, &path, reading, &stat)
    {
        return (
            SourceFile::new(path, abs.to_path_buf(), text),
            Some(doc),
            diags,
        );
    }
    let (text, stamp) = match read_text(r, id, abs, &path, vetting) {
        Ok(read) => read,
        Err(loaded) => return *loaded,
    };
    let Some((reuse, reading)) = reuse else {
        return parse_text(r, id, abs, path, rel, text);
    };
    let seen = Seen { reading, stamp };
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&reading.to_le_bytes());
    h.update(rel.as_bytes());
    h.update(&[0]);
    h.update(text.as_bytes());
    let key = h.digest128();
    if let Some((mut doc, diags)) = reuse.get(id, &path, key, seen) {
        doc.key = key;
        let text = replace_control_chars(&text).map_or(text, |(_, clean)| clean);
        let file = SourceFile::new(path, abs.to_path_buf(), text);
        return (file, Some(doc), diags);
    }
    let (file, doc, diags) = parse_text(r, id, abs, path, rel, text);
    if let Some(mut doc) = doc {
        doc.key = key;
        let parsed = (doc, diags);
        reuse.parsed(id, &file.path, key, &parsed, &file.text, seen);
        let (doc, diags) = parsed;
        return (file, Some(doc), diags);
    }
    (file, doc, diags)
}

/// The vetting of a path named from outside the walk (an editor's buffer): `Err` is
/// what loading it reports (outside the book, a folder, a special file).
pub fn vet_document(r: &Reading, id: FileId, abs: &Path, path: &str) -> Result<(), Box<Loaded>> {
    let refused = |rule, message: String| {
        let file = SourceFile::new(path.to_string(), abs.to_path_buf(), String::new());
        Err(Box::new((
            file,
            None,
            vec![Diagnostic::new(rule, Span::new(id, 0, 0), message)],
        )))
    };
    match vet(r.book, abs) {
        Ok(real) if real.is_dir() => refused(
            &crate::rules::FILE_UNREADABLE,
            format!("{path} is a folder, not a file: not read"),
        ),
        Ok(_) => Ok(()),
        // Not on disk yet (a new buffer): the folder it would be saved in is vetted.
        Err(_) if std::fs::symlink_metadata(abs).is_err() => match abs.parent() {
            Some(dir) if vet(r.book, dir).is_ok() => Ok(()),
            _ => refused(
                &crate::rules::FILE_OUTSIDE,
                format!("{path} is outside the book: not read"),
            ),
        },
        Err(refusal) => refused(refusal.rule(), refusal.message(path)),
    }
}

/// Read one document's text (vetted, UTF-8); `Err` is what loading it reports instead.
fn read_text(
    r: &Reading,
    id: FileId,
    abs: &Path,
    path: &str,
    vetting: Vetting,
) -> Result<(String, Option<Look>), Box<Loaded>> {
    let book = r.book;
    let path = path.to_string();
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
            return Err(Box::new((file, None, diags)));
        }
        Err(refusal) => {
            let file = SourceFile::new(path.clone(), abs.to_path_buf(), String::new());
            diags.push(Diagnostic::new(
                refusal.rule(),
                Span::new(id, 0, 0),
                refusal.message(&path),
            ));
            return Err(Box::new((file, None, diags)));
        }
    };
    let (bytes, stamp) = match read_stamped(&real) {
        Ok(read) => read,
        Err(e) => {
            let file = SourceFile::new(path.clone(), abs.to_path_buf(), String::new());
            diags.push(Diagnostic::new(
                &crate::rules::FILE_UNREADABLE,
                Span::new(id, 0, 0),
                format!("cannot read {path}: {e}"),
            ));
            return Err(Box::new((file, None, diags)));
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
            return Err(Box::new((file, None, diags)));
        }
    };
    Ok((text, stamp))
}

/// The bytes of the file at `path`, and its stamp when it had settled (the same system
/// calls as `std::fs::read`: the stamp comes from the `stat` that sizes the buffer).
fn read_stamped(path: &Path) -> std::io::Result<(Vec<u8>, Option<Look>)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let m = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(m.len()).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes)?;
    let stamp = Look::settled(&m, std::time::SystemTime::now());
    // A file that grew or shrank while it was read is not what its stamp describes.
    let stamp = stamp.filter(|_| bytes.len() as u64 == m.len());
    Ok((bytes, stamp))
}

/// Parse one document from its text (from disk or an editor): stray control characters
/// replaced and reported, then the document. Never fails: problems are diagnostics.
pub fn parse_text(
    r: &Reading,
    id: FileId,
    abs: &Path,
    path: String,
    rel: &str,
    text: String,
) -> Loaded {
    let mut diags = Vec::new();
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
    u8::try_from(c).is_ok_and(is_stray_byte)
}

/// [`is_stray_control`] of one byte, without branches (so a loop over bytes vectorises).
fn is_stray_byte(b: u8) -> bool {
    (b < b' ') & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c)
}

/// The offset of the first stray control character in `bytes`. Each chunk is tested
/// without branches first (a test the compiler vectorises), and searched only when it
/// holds one.
fn first_control(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 64;
    let mut at = 0;
    for chunk in bytes.chunks(CHUNK) {
        if chunk.iter().fold(false, |any, &b| any | is_stray_byte(b)) {
            return chunk.iter().position(|&b| is_stray_byte(b)).map(|i| at + i);
        }
        at += chunk.len();
    }
    None
}

/// The offset of the first stray control character and the text with every one of
/// them replaced by U+FFFD, or `None` when there is none (the usual case: one scan).
fn replace_control_chars(text: &str) -> Option<(usize, String)> {
    let first = first_control(text.as_bytes())?;
    let clean = text
        .chars()
        .map(|c| if is_stray_control(c) { '\u{FFFD}' } else { c })
        .collect();
    Some((first, clean))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_stray_control_byte_is_found_in_any_chunk() {
        // Text bytes (tab, line feed, carriage return, form feed) are not stray.
        let base: Vec<u8> = (0..200u8)
            .map(|i| match i % 7 {
                0 => b'\n',
                1 => b'\t',
                2 => b'\r',
                3 => 0x0c,
                _ => b'a',
            })
            .collect();
        assert_eq!(first_control(&base), None);
        for len in [1, 63, 64, 65, 128, 200] {
            for pos in 0..len {
                let mut bytes = base[..len].to_vec();
                bytes[pos] = 0x01;
                if pos + 1 < len {
                    bytes[len - 1] = 0x00;
                }
                assert_eq!(first_control(&bytes), Some(pos), "{len} {pos}");
            }
        }
    }
}
