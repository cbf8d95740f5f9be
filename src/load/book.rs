//! Reading a whole book from disk: `book.toml`, then every document under the content
//! folder (sorted, in parallel) and the list of other files links may point at.

use super::file::load_file_with;
use super::reading::{Purpose, Reading, Reuse, Vetting};
use super::schema;
use super::walk::{Refusal, book_path, canonical_root, vet, walk};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::*;
use crate::source::{FileId, SourceFile, Sources, Span};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Read and parse `book.toml` in `root`.
pub fn config(
    root: &Path,
    sources: &mut Sources,
) -> Result<(Config, FileId, Vec<Diagnostic>), Error> {
    let path = root.join("book.toml");
    if std::fs::symlink_metadata(&path).is_ok() {
        let book = canonical_root(root)?;
        if let Err(refusal) = vet(&book, &path) {
            return Err(Error::Config {
                at: "book.toml".into(),
                message: refusal.message("book.toml"),
            });
        }
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoBook(root.to_path_buf()));
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    let file = SourceFile::new("book.toml".into(), path, text);
    // The rule names `[lint.rules]` may set: config knows nothing of lint.
    let (config, diags) = Config::parse(&file, FileId(u32::try_from(sources.len()).unwrap_or(0)))?;
    let id = sources.add(file);
    Ok((config, id, diags))
}

/// What a handbook is built from, before its indexes.
pub(crate) struct Parts {
    pub config: Config,
    pub sources: Sources,
    pub docs: Vec<Document>,
    pub assets: BTreeSet<String>,
    pub config_id: FileId,
}

/// Read `book.toml` and every file: the parts of a handbook, and what loading found.
/// `reuse`: parses kept from an earlier run (the on-disk cache), asked for each document.
pub(crate) fn read(
    root: &Path,
    purpose: Purpose,
    reuse: Option<&dyn Reuse>,
) -> Result<(Parts, Vec<Diagnostic>), Error> {
    let mut sources = Sources::default();
    let (config, config_id, mut diags) = config(root, &mut sources)?;
    let book = canonical_root(root)?;
    let content_dir = root.join(&config.build.content);
    if !content_dir.is_dir() {
        return Err(Error::Config {
            at: "book.toml".into(),
            message: format!(
                "the content folder `{}` does not exist",
                content_dir.display()
            ),
        });
    }
    if let Err(refusal) = vet(&book, &content_dir) {
        return Err(Error::Config {
            at: "book.toml".into(),
            message: format!(
                "the content folder: {}",
                refusal.message(&book_path(root, &content_dir))
            ),
        });
    }
    let mut assets = BTreeSet::new();
    let mut pages: Vec<(PathBuf, String)> = Vec::new();
    let mut refused: Vec<(String, Refusal)> = Vec::new();
    walk(
        root,
        &book,
        &content_dir,
        &mut |abs, rel| {
            if config.build.excluded.matches(&rel) {
                // `[build] exclude`: not loaded, published or checked.
            } else if is_document(&rel) {
                pages.push((abs, rel));
            } else {
                assets.insert(rel);
            }
        },
        &mut refused,
    );
    // `static/` and the theme's folder: read only if they are inside the book.
    let theme_dir = root.join("themes").join(&config.build.theme);
    for (dir, is_static) in [(root.join("static"), true), (theme_dir, false)] {
        if std::fs::symlink_metadata(&dir).is_err() {
            continue;
        }
        match vet(&book, &dir) {
            Ok(real) if real.is_dir() => walk(
                root,
                &book,
                &dir,
                &mut |_, rel| {
                    if is_static {
                        assets.insert(rel);
                    }
                },
                &mut refused,
            ),
            Ok(_) => {}
            Err(refusal) => refused.push((book_path(root, &dir), refusal)),
        }
    }
    let layout = layout(&config, pages.iter().map(|(_, r)| r.as_str()), &assets);
    let content_prefix = config.build.content.trim_end_matches('/').to_string();
    let first = sources.len();
    let base_url = config.book.base_url.clone();
    let options = schema::Options::from_config(&config);
    let reading = Reading {
        book: &book,
        base_url: &base_url,
        layout: &layout,
        purpose,
        options: &options,
    };
    let reuse = reuse.map(|r| (r, reading.key()));
    let loaded: Vec<(SourceFile, Option<Document>, Vec<Diagnostic>)> = pages
        .par_iter()
        .enumerate()
        .map(|(i, (abs, rel))| {
            let id = FileId(u32::try_from(first + i).unwrap_or(u32::MAX));
            let path = format!("{content_prefix}/{rel}");
            load_file_with(&reading, id, abs, path, rel, Vetting::Walked, reuse)
        })
        .collect();
    let mut docs = Vec::with_capacity(loaded.len());
    for (file, doc, mut d) in loaded {
        sources.add(file);
        docs.extend(doc);
        diags.append(&mut d);
    }
    for (path, refusal) in refused {
        let id = sources.add(SourceFile::new(
            path.clone(),
            root.join(&path),
            String::new(),
        ));
        let mut d = Diagnostic::new(refusal.rule(), Span::new(id, 0, 0), refusal.message(&path));
        if let Refusal::Outside(_) = refusal {
            d = d.help("copy the file into the book, or point the link at a file inside it");
        }
        diags.push(d);
    }
    Ok((
        Parts {
            config,
            sources,
            docs,
            assets,
            config_id,
        },
        diags,
    ))
}

/// How the content folder's paths become addresses (languages, folder pages).
pub(crate) fn layout<'a>(
    config: &Config,
    docs: impl IntoIterator<Item = &'a str>,
    assets: &'a BTreeSet<String>,
) -> Layout {
    Layout::new(
        &config.build.languages,
        &config.book.language,
        docs,
        assets.iter().map(String::as_str),
    )
}
