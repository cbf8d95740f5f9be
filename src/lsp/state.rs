//! What the language server keeps between messages: the loaded handbook (`load::Live`,
//! patched with the editor's unsaved texts), the documents open in the editor, the
//! findings of the last check, the lint cache that makes the next check cheap, and
//! what was last published for each document.

use super::position::{Encoding, path_to_uri, uri_to_path};
use super::publish;
use crate::diagnostics::Diagnostic;
use crate::load::{Live, Patch, Purpose};
use crate::source::FileId;
use jiff::civil::Date;
use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{PublishDiagnosticsParams, Uri};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A document open in the editor.
pub struct Open {
    pub uri: Uri,
    pub version: i32,
    /// The text as the editor holds it (unsaved changes included).
    pub text: String,
}

pub struct Server {
    /// The book's folder (absolute, as the editor names it).
    pub root: PathBuf,
    pub today: Date,
    pub enc: Encoding,
    /// The handbook, unless `book.toml` could not be read.
    pub live: Option<Live>,
    /// Why the handbook could not be loaded, shown on `book.toml`.
    pub load_error: Option<String>,
    /// Open documents by path.
    pub open: BTreeMap<PathBuf, Open>,
    /// The findings of the last check (loading and rules), sorted.
    pub diags: Vec<Diagnostic>,
    /// What was last published, by URI.
    published: HashMap<Uri, Vec<lsp_types::Diagnostic>>,
    /// The per-document lint results kept between checks: a change re-checks only the
    /// documents it touches (all of them for a message, claim or glossary change).
    cache: crate::lint::Cache,
}

impl Server {
    /// Load and check the handbook at `root`. A book that cannot be loaded is not an
    /// error: its reason is published on `book.toml` and the server keeps running.
    pub fn new(root: PathBuf, today: Date, enc: Encoding) -> Server {
        let mut s = Server {
            root,
            today,
            enc,
            live: None,
            load_error: None,
            open: BTreeMap::new(),
            diags: Vec::new(),
            published: HashMap::new(),
            cache: crate::lint::Cache::default(),
        };
        s.reload();
        s
    }

    /// Load everything from disk again, then the open texts over it.
    pub fn reload(&mut self) {
        match Live::load(&self.root, self.today, Purpose::Check) {
            Ok(live) => {
                self.load_error = None;
                let texts = self.open_texts();
                self.live = Some(match live.patch_texts(texts) {
                    Patch::Applied(l) | Patch::Reload(l) => *l,
                });
            }
            Err(e) => {
                eprintln!("gtmbook lsp: {e}");
                self.load_error = Some(e.to_string());
                self.live = None;
            }
        }
        self.check();
    }

    fn open_texts(&self) -> Vec<(PathBuf, Option<String>)> {
        self.open
            .iter()
            .map(|(p, o)| (p.clone(), Some(o.text.clone())))
            .collect()
    }

    /// Take changed texts (`None`: back to the file on disk) and check again.
    pub fn patch(&mut self, texts: Vec<(PathBuf, Option<String>)>) {
        let Some(live) = self.live.take() else {
            // No model: only a full load can make one.
            return self.reload();
        };
        // Only documents of the content folder are checked (a README beside book.toml
        // opened or closed changes nothing).
        let content = self.root.join(&live.hb.config.build.content);
        let texts: Vec<_> = texts
            .into_iter()
            .filter(|(p, _)| p.starts_with(&content))
            .collect();
        if texts.is_empty() {
            self.live = Some(live);
            return;
        }
        self.patched(live.patch_texts(texts));
    }

    /// Take files changed on disk (saved by another program, created, deleted); open
    /// documents keep the editor's text.
    pub fn files_changed(&mut self, paths: Vec<PathBuf>) {
        let Some(live) = self.live.take() else {
            return self.reload();
        };
        let paths: Vec<PathBuf> = paths
            .into_iter()
            .filter(|p| !self.open.contains_key(p))
            .collect();
        if paths.is_empty() {
            self.live = Some(live);
            return;
        }
        self.patched(live.patch(&paths));
    }

    /// Keep the patched model and check it, or load the book again when the patch
    /// needs a full load.
    fn patched(&mut self, patch: Patch) {
        match patch {
            Patch::Applied(l) => {
                self.live = Some(*l);
                self.check();
            }
            Patch::Reload(l) => {
                self.live = Some(*l);
                self.reload();
            }
        }
    }

    /// Run the rules over the model as it is.
    fn check(&mut self) {
        self.diags = match &self.live {
            Some(live) => crate::lint_cached(&mut self.cache, &live.hb, live.diags()),
            None => Vec::new(),
        };
    }

    /// Does the model hold exactly this text for `path`?
    pub fn holds(&self, path: &Path, text: &str) -> bool {
        let (Some(live), Some(rel)) = (&self.live, self.rel(path)) else {
            return false;
        };
        live.hb
            .sources
            .iter()
            .any(|(_, f)| f.path == rel && f.text == text)
    }

    /// The path of a `file:` URI inside the book (the same file by another name, through
    /// a symbolic link to the book's folder, too); `None` outside it.
    pub fn path_of(&self, uri: &Uri) -> Option<PathBuf> {
        let p = uri_to_path(uri)?;
        if p.starts_with(&self.root) {
            return Some(p);
        }
        let real_root = self.root.canonicalize().ok()?;
        let real = p.parent()?.canonicalize().ok()?.join(p.file_name()?);
        real.strip_prefix(&real_root)
            .ok()
            .map(|rest| self.root.join(rest))
    }

    /// `path` as the model names files: from the book root, with `/`.
    pub fn rel(&self, path: &Path) -> Option<String> {
        let rest = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = rest
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }

    /// The absolute path of a file the model names.
    pub fn abs(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The URI of a file of the model: the editor's URI when it is open.
    pub fn uri_of(&self, file: FileId) -> Option<Uri> {
        let live = self.live.as_ref()?;
        let abs = self.abs(live.hb.sources.path(file));
        match self.open.get(&abs) {
            Some(o) => Some(o.uri.clone()),
            None => path_to_uri(&abs),
        }
    }

    /// The file ids holding what the editor shows for `path` (its current text; a
    /// broken version of a file has an id of its own beside the last good one).
    pub fn files_of(&self, path: &Path) -> Vec<FileId> {
        let (Some(live), Some(rel)) = (&self.live, self.rel(path)) else {
            return Vec::new();
        };
        let text = self.open.get(path).map(|o| o.text.as_str());
        live.hb
            .sources
            .iter()
            .filter(|(_, f)| f.path == rel && text.is_none_or(|t| f.text == t))
            .map(|(id, _)| id)
            .collect()
    }

    /// Publish the findings of the documents in `changed` (the editor waits for them),
    /// of every other open document whose findings changed since they were last
    /// published (an empty list where they went away), and of `book.toml` when the book
    /// cannot be loaded.
    // `Uri` hashes and compares as its text.
    #[allow(clippy::mutable_key_type)]
    pub fn publish(&mut self, conn: &Connection, changed: &[PathBuf]) {
        let force: Vec<&Uri> = changed
            .iter()
            .filter_map(|p| self.open.get(p))
            .map(|o| &o.uri)
            .collect();
        let mut now: HashMap<Uri, (Option<i32>, Vec<lsp_types::Diagnostic>)> = HashMap::new();
        for (path, open) in &self.open {
            let files = self.files_of(path);
            let found = match &self.live {
                Some(live) => self
                    .diags
                    .iter()
                    .filter(|d| files.contains(&d.span.file))
                    .map(|d| publish::to_lsp(&live.hb, d, self.enc, &|f| self.uri_of(f)))
                    .collect(),
                None => Vec::new(),
            };
            now.insert(open.uri.clone(), (Some(open.version), found));
        }
        let book_toml = path_to_uri(&self.root.join("book.toml"));
        if let (Some(why), Some(uri)) = (&self.load_error, &book_toml) {
            now.entry(uri.clone())
                .or_insert((None, Vec::new()))
                .1
                .push(publish::load_error(why));
        }
        // Documents closed, or whose findings went away: an empty list, once.
        let gone: Vec<Uri> = self
            .published
            .keys()
            .filter(|u| !now.contains_key(*u))
            .cloned()
            .collect();
        for uri in gone {
            self.published.remove(&uri);
            send(conn, uri, None, Vec::new());
        }
        for (uri, (version, found)) in now {
            if self.published.get(&uri) == Some(&found) && !force.contains(&&uri) {
                continue;
            }
            self.published.insert(uri.clone(), found.clone());
            send(conn, uri, version, found);
        }
    }
}

fn send(
    conn: &Connection,
    uri: Uri,
    version: Option<i32>,
    diagnostics: Vec<lsp_types::Diagnostic>,
) {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
    let _ = conn.sender.send(Message::Notification(note));
}
