//! The theme: Tera templates and static files. The built-in theme is embedded in the
//! binary; a book's `themes/<name>/` overrides it file by file.

use crate::error::Error;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct Theme {
    pub tera: tera::Tera,
    /// Static files: path below `static/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

fn collect_embedded(dir: &Dir<'static>, out: &mut BTreeMap<String, Vec<u8>>) {
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
fn collect_disk(
    book_root: &Path,
    root: &Path,
    out: &mut BTreeMap<String, Vec<u8>>,
) -> Result<(), Error> {
    let book = crate::load::canonical_root(book_root)?;
    if let Err(refusal) = crate::load::vet(&book, root) {
        let name = root
            .strip_prefix(book_root)
            .unwrap_or(root)
            .display()
            .to_string();
        return Err(Error::Theme(refusal.message(&name)));
    }
    let mut files = Vec::new();
    let mut refused = Vec::new();
    crate::load::walk(
        book_root,
        &book,
        root,
        &mut |abs, rel| files.push((abs, rel)),
        &mut refused,
    );
    for (abs, rel) in files {
        let real = crate::load::vet(&book, &abs).map_err(|r| Error::Theme(r.message(&rel)))?;
        let bytes = std::fs::read(&real).map_err(|e| Error::io(abs, e))?;
        out.insert(rel, bytes);
    }
    Ok(())
}

impl Theme {
    /// Load the built-in theme, overridden by `<book>/themes/<name>/` if it exists.
    pub fn load(book_root: &Path, name: &str) -> Result<Theme, Error> {
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
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        let mut templates = Vec::new();
        let mut statics = BTreeMap::new();
        for (path, bytes) in files {
            if let Some(t) = path.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::Theme(format!("templates/{t} is not UTF-8")))?;
                templates.push((t.to_string(), text));
            } else if let Some(s) = path.strip_prefix("static/") {
                statics.insert(s.to_string(), bytes);
            }
        }
        tera.add_raw_templates(templates)
            .map_err(|e| Error::Theme(format!("{e}")))?;
        Ok(Theme { tera, statics })
    }

    pub fn render(&self, template: &str, ctx: &tera::Context) -> Result<String, Error> {
        self.tera
            .render(template, ctx)
            .map_err(|e| Error::Theme(format!("rendering {template}: {e}")))
    }
}
