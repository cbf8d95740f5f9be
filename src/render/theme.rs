//! The theme: Tera templates and static files, compiled from the files `load::theme`
//! read (the built-in theme, overridden by a book's `themes/<name>/`).

use crate::error::Error;
use std::collections::BTreeMap;

/// The built-in `partials/nav.html`: while a theme keeps it, sidebars are written
/// without Tera (`render/nav.rs`), to the same bytes.
pub const BUILTIN_NAV: &str = include_str!("../../themes/default/templates/partials/nav.html");

pub struct Theme {
    pub tera: tera::Tera,
    /// Static files: path below `static/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// A hash of every file of the theme (a page's cache key includes it).
    pub fingerprint: u128,
    /// Is `partials/nav.html` the built-in one?
    pub builtin_nav: bool,
}

impl Theme {
    /// Compile a theme from its files (path below the theme folder → bytes).
    pub fn new(files: BTreeMap<String, Vec<u8>>) -> Result<Theme, Error> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        let mut templates = Vec::new();
        let mut statics = BTreeMap::new();
        let mut builtin_nav = false;
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for (path, bytes) in &files {
            h.update(&(path.len() as u64).to_le_bytes());
            h.update(path.as_bytes());
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        }
        let fingerprint = h.digest128();
        for (path, bytes) in files {
            if let Some(t) = path.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::Theme(format!("templates/{t} is not UTF-8")))?;
                if t == "partials/nav.html" {
                    builtin_nav = text == BUILTIN_NAV;
                }
                templates.push((t.to_string(), text));
            } else if let Some(s) = path.strip_prefix("static/") {
                statics.insert(s.to_string(), bytes);
            }
        }
        tera.add_raw_templates(templates)
            .map_err(|e| Error::Theme(format!("{e}")))?;
        Ok(Theme {
            tera,
            statics,
            fingerprint,
            builtin_nav,
        })
    }

    pub fn render(&self, template: &str, ctx: &tera::Context) -> Result<String, Error> {
        self.tera
            .render(template, ctx)
            .map_err(|e| Error::Theme(format!("rendering {template}: {e}")))
    }
}
