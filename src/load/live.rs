//! A loaded handbook that takes changed files without reading the others again: what
//! `serve` keeps between saves. Only the changed documents are read and parsed; the
//! model's indexes and navigation are rebuilt from the documents in memory. `gtmbook lsp`
//! patches it the same way from the texts an editor holds, which are never written.

use super::book::read;
use super::file::{load_file, parse_text, vet_document};
use super::reading::{Purpose, Reading, Reuse, Vetting};
use super::schema;
use super::walk::{canonical_root, vet};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::Handbook;
use crate::rules::{FILE_OUTSIDE, FILE_UNREADABLE, FRONTMATTER_SYNTAX};
use crate::source::{FileId, SourceFile};
use jiff::civil::Date;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

pub struct Live {
    pub hb: Handbook,
    /// Findings of loading: `book.toml`, each file, unreadable folders.
    file_diags: Vec<Diagnostic>,
    /// Findings of building the model from the documents (duplicate ids).
    model_diags: Vec<Diagnostic>,
    purpose: Purpose,
    /// Files whose last save could not be parsed while an earlier version is still in
    /// the model: content path → the file id of the broken version and its findings.
    shadows: HashMap<String, FileId>,
}

/// Could the file not be read as a document at all?
fn unparsable(diags: &[Diagnostic]) -> bool {
    diags
        .iter()
        .any(|d| [&FRONTMATTER_SYNTAX, &FILE_UNREADABLE, &FILE_OUTSIDE].contains(&d.rule))
}

/// What became of a change.
pub enum Patch {
    /// The changed files were read again; the model is current.
    Applied(Box<Live>),
    /// The change needs a full load: `book.toml`, a folder moved, or a path outside
    /// the content the model knows. The model is given back as it was.
    Reload(Box<Live>),
}

/// `rel` as a path from a folder, `/`-separated, unless a part is hidden or not
/// normal (the walk skips hidden files, so a change to one changes nothing).
fn relative(path: &Path, dir: &Path) -> Option<Option<String>> {
    let rest = path.strip_prefix(dir).ok()?;
    let mut parts = Vec::new();
    for c in rest.components() {
        match c {
            Component::Normal(p) => {
                let p = p.to_string_lossy();
                if p.starts_with('.') {
                    return Some(None);
                }
                parts.push(p.into_owned());
            }
            _ => return Some(None),
        }
    }
    Some((!parts.is_empty()).then(|| parts.join("/")))
}

/// Is `path` a regular file inside the book (`book`, canonical)?
fn vetted_file(book: &Path, path: &Path) -> bool {
    vet(book, path).is_ok_and(|real| real.is_file())
}

/// Did the last load report something about `path` (a file it refused)?
fn reported(hb: &Handbook, root: &Path, path: &Path) -> bool {
    let Some(Some(rel)) = relative(path, root) else {
        return false;
    };
    hb.sources.iter().any(|(_, f)| f.path == rel)
}

impl Live {
    /// Load the whole handbook at `root`.
    pub fn load(root: &Path, today: Date, purpose: Purpose) -> Result<Live, Error> {
        Live::load_with(root, today, purpose, None)
    }

    /// [`Live::load`], reusing the parses `reuse` kept from an earlier run.
    pub fn load_with(
        root: &Path,
        today: Date,
        purpose: Purpose,
        reuse: Option<&dyn Reuse>,
    ) -> Result<Live, Error> {
        let (parts, file_diags) = read(root, purpose, reuse)?;
        let mut model_diags = Vec::new();
        let hb = Handbook::new(
            root.to_path_buf(),
            parts.config,
            today,
            parts.sources,
            parts.docs,
            parts.assets,
            Some(parts.config_id),
            &mut model_diags,
        );
        Ok(Live {
            hb,
            file_diags,
            model_diags,
            purpose,
            shadows: HashMap::new(),
        })
    }

    /// Everything loading found, before the rules run.
    pub fn diags(&self) -> Vec<Diagnostic> {
        self.file_diags
            .iter()
            .chain(&self.model_diags)
            .cloned()
            .collect()
    }

    /// Take changed paths (files saved, created or deleted, as the file watcher reports
    /// them, under the handbook's root).
    pub fn patch(self, changed: &[PathBuf]) -> Patch {
        self.patch_with(changed, HashMap::new())
    }

    /// Take documents as an editor holds them (`gtmbook lsp`): `Some(text)` is read in
    /// place of the file on disk (which is never written; the file need not exist yet),
    /// `None` goes back to the file on disk (the editor closed it). A path outside the
    /// content folder changes nothing; one that leads out of the book is refused with a
    /// finding, as on disk.
    pub fn patch_texts(self, texts: Vec<(PathBuf, Option<String>)>) -> Patch {
        let changed: Vec<PathBuf> = texts.iter().map(|(p, _)| p.clone()).collect();
        let given = texts
            .into_iter()
            .filter_map(|(p, t)| Some((p, t?)))
            .collect();
        self.patch_with(&changed, given)
    }

    /// `patch`, with the texts of some of the changed files given.
    fn patch_with(self, changed: &[PathBuf], mut given: HashMap<PathBuf, String>) -> Patch {
        let root = self.hb.root.clone();
        let Ok(book) = canonical_root(&root) else {
            return Patch::Reload(Box::new(self));
        };
        let content = root.join(&self.hb.config.build.content);
        let statics = root.join("static");
        let prefix = self
            .hb
            .config
            .build
            .content
            .trim_end_matches('/')
            .to_string();
        let base_url = self.hb.config.book.base_url.clone();
        let options = schema::Options::from_config(&self.hb.config);
        // What changed, before anything is touched.
        let mut documents: Vec<(String, PathBuf)> = Vec::new();
        let mut asset_changes: Vec<(String, bool)> = Vec::new();
        for path in changed {
            if given.contains_key(path) {
                // An editor's buffer: a document of the content folder, or nothing.
                match relative(path, &content) {
                    Some(Some(rel))
                        if crate::model::is_document(&rel)
                            && !self.hb.config.build.excluded.matches(&rel) =>
                    {
                        documents.push((rel, path.clone()));
                    }
                    _ => {
                        given.remove(path);
                    }
                }
                continue;
            }
            let kind = std::fs::symlink_metadata(path).map(|m| m.file_type());
            let reload = if path.is_dir() {
                // A folder created, moved or renamed: its files raised no events.
                true
            } else if kind.is_ok_and(|t| !t.is_file()) {
                // A symbolic link, a named pipe, a socket: the full load vets and reports it.
                true
            } else if let Some(rel) = relative(path, &content) {
                match rel {
                    None => false,
                    // `[build] exclude`: a change to an excluded file changes nothing.
                    Some(rel) if self.hb.config.build.excluded.matches(&rel) => false,
                    Some(rel) if crate::model::is_document(&rel) => {
                        documents.push((rel, path.clone()));
                        false
                    }
                    Some(rel) => {
                        let prefix = format!("{rel}/");
                        if self.hb.docs.iter().any(|d| d.rel.starts_with(&prefix)) {
                            // A folder of documents went away.
                            true
                        } else if reported(&self.hb, &root, path) {
                            // Its finding from the last load goes with a full one.
                            true
                        } else {
                            let present =
                                vetted_file(&book, path) || vetted_file(&book, &statics.join(&rel));
                            asset_changes.push((rel, present));
                            false
                        }
                    }
                }
            } else if let Some(rel) = relative(path, &statics) {
                if reported(&self.hb, &root, path) {
                    true
                } else {
                    if let Some(rel) = rel {
                        let present =
                            vetted_file(&book, path) || vetted_file(&book, &content.join(&rel));
                        asset_changes.push((rel, present));
                    }
                    false
                }
            } else {
                // `book.toml`, a theme, or anything else under the root the model
                // was not read from: only a full load is sure to be right.
                relative(path, &root).is_some_and(|r| r.is_some())
            };
            if reload {
                return Patch::Reload(Box::new(self));
            }
        }
        // A page created or deleted can make another the page of its folder, or a
        // folder a language's tree: then every address is worked out again.
        let layout = self.hb.layout.clone();
        let mut rels: std::collections::BTreeSet<&str> =
            self.hb.docs.iter().map(|d| d.rel.as_str()).collect();
        for (rel, abs) in &documents {
            if given.contains_key(abs) || std::fs::symlink_metadata(abs).is_ok() {
                rels.insert(rel);
            } else {
                rels.remove(rel.as_str());
            }
        }
        if super::book::layout(&self.hb.config, rels, &self.hb.assets) != layout {
            return Patch::Reload(Box::new(self));
        }
        let Live {
            hb,
            mut file_diags,
            purpose,
            mut shadows,
            ..
        } = self;
        let Handbook {
            root: hb_root,
            config,
            today,
            mut sources,
            mut docs,
            mut assets,
            config_file,
            ..
        } = hb;
        for (rel, present) in asset_changes {
            if present {
                assets.insert(rel);
            } else {
                assets.remove(&rel);
            }
        }
        documents.sort();
        documents.dedup();
        for (rel, abs) in documents {
            let path = format!("{prefix}/{rel}");
            // The last broken version of this file, if one was shown: forget it.
            if let Some(id) = shadows.remove(&rel) {
                file_diags.retain(|d| d.span.file != id);
                sources.replace(
                    id,
                    SourceFile::new(path.clone(), abs.clone(), String::new()),
                );
            }
            let known = sources
                .iter()
                .find(|(_, f)| f.path == path)
                .map(|(id, _)| id);
            let fresh = FileId(u32::try_from(sources.len()).unwrap_or(u32::MAX));
            let text = given.remove(&abs);
            if text.is_none() && std::fs::symlink_metadata(&abs).is_err() {
                docs.retain(|d| d.rel != rel);
                if let Some(id) = known {
                    // Deleted: the file id stays, empty, so other ids keep their meaning.
                    file_diags.retain(|d| d.span.file != id);
                    sources.replace(id, SourceFile::new(path, abs, String::new()));
                }
                continue;
            }
            let id = known.unwrap_or(fresh);
            let reading = Reading {
                book: &book,
                base_url: &base_url,
                layout: &layout,
                purpose,
                options: &options,
            };
            let (file, doc, mut diags) = match text {
                Some(text) => match vet_document(&reading, id, &abs, &path) {
                    Ok(()) => parse_text(&reading, id, &abs, path.clone(), &rel, text),
                    Err(refused) => *refused,
                },
                None => load_file(&reading, id, &abs, path.clone(), &rel, Vetting::Needed),
            };
            if docs.iter().any(|d| d.rel == rel) && unparsable(&diags) {
                // Keep serving the last good version (SPEC 7); the broken one gets a file
                // id of its own, only for its findings (which point into it alone).
                for d in &mut diags {
                    d.span.file = fresh;
                    d.related.iter_mut().for_each(|r| r.span.file = fresh);
                }
                sources.add(file);
                file_diags.append(&mut diags);
                shadows.insert(rel, fresh);
                continue;
            }
            docs.retain(|d| d.rel != rel);
            file_diags.retain(|d| d.span.file != id);
            if known.is_some() {
                sources.replace(id, file);
            } else {
                sources.add(file);
            }
            docs.extend(doc);
            file_diags.append(&mut diags);
        }
        let mut model_diags = Vec::new();
        let hb = Handbook::new(
            hb_root,
            config,
            today,
            sources,
            docs,
            assets,
            config_file,
            &mut model_diags,
        );
        Patch::Applied(Box::new(Live {
            hb,
            file_diags,
            model_diags,
            purpose,
            shadows,
        }))
    }
}
