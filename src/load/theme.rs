//! Reads the theme's files: the built-in theme embedded in the binary, overridden file
//! by file by a book's `themes/<name>/`. `render::theme::Theme::new` compiles them.

use crate::error::Error;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme's files: path below the theme folder (`templates/page.html`,
/// `static/gtmbook.css`) → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

fn collect_embedded(dir: &Dir<'static>, out: &mut Files) {
    for f in dir.files() {
        out.insert(
            f.path().to_string_lossy().replace('\\', "/"),
            f.contents().to_vec(),
        );
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// The files of a theme folder on disk. Symbolic links are followed only inside the
/// book (`load::walk`); what is refused there (a link out of the book, a named pipe)
/// was reported by loading as a finding and is never read here.
fn collect_disk(book_root: &Path, root: &Path, out: &mut Files) -> Result<(), Error> {
    let book = super::canonical_root(book_root)?;
    if let Err(refusal) = super::vet(&book, root) {
        let name = root
            .strip_prefix(book_root)
            .unwrap_or(root)
            .display()
            .to_string();
        return Err(Error::Theme(refusal.message(&name)));
    }
    let mut files = Vec::new();
    let mut refused = Vec::new();
    super::walk(
        book_root,
        &book,
        root,
        &mut |abs, rel| files.push((abs, rel)),
        &mut refused,
    );
    for (abs, rel) in files {
        let real = super::vet(&book, &abs).map_err(|r| Error::Theme(r.message(&rel)))?;
        let bytes = std::fs::read(&real).map_err(|e| Error::io(abs, e))?;
        out.insert(rel, bytes);
    }
    Ok(())
}

/// The built-in theme's files, overridden by `<book>/themes/<name>/` if it exists.
pub fn files(book_root: &Path, name: &str) -> Result<Files, Error> {
    let mut files = BTreeMap::new();
    collect_embedded(&DEFAULT_THEME, &mut files);
    let dir = book_root.join("themes").join(name);
    if dir.is_dir() {
        collect_disk(book_root, &dir, &mut files)?;
    } else if name != "default" {
        return Err(Error::Theme(format!(
            "theme `{name}` not found: no folder {}",
            dir.display()
        )));
    }
    Ok(files)
}
