//! The theme: Tera templates and static files, compiled from the files `load::theme`
//! read (the built-in theme, overridden by a book's `themes/<name>/`).

use crate::error::Error;
use std::collections::BTreeMap;

pub struct Theme {
    pub tera: tera::Tera,
    /// Static files: path below `static/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Compile a theme from its files (path below the theme folder → bytes).
    pub fn new(files: BTreeMap<String, Vec<u8>>) -> Result<Theme, Error> {
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
