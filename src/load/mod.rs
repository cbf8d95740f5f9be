//! Reads a handbook from disk: `book.toml`, every document under `content/` (sorted,
//! in parallel), and the list of other files links may point at. A bad file yields
//! diagnostics, never an early return.

pub mod foreign;
pub mod frontmatter;
mod live;
pub mod markdown;
pub mod schema;
pub mod theme;
pub mod yaml;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::*;
use crate::rules;
use crate::source::{FileId, SourceFile, Sources, Span};
use jiff::civil::Date;
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
    let (config, diags) = Config::parse(&file, FileId(u32::try_from(sources.len()).unwrap_or(0)))?;
    let id = sources.add(file);
    Ok((config, id, diags))
}

/// What loading prepares besides the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Checking only: no HTML is rendered.
    Check,
    /// Building a site: every body is also rendered to HTML.
    Build,
}

pub use live::{Live, Patch};

/// Load the whole handbook at `root`.
pub fn handbook(
    root: &Path,
    today: Date,
    purpose: Purpose,
) -> Result<(Handbook, Vec<Diagnostic>), Error> {
    let live = Live::load(root, today, purpose)?;
    let diags = live.diags();
    Ok((live.hb, diags))
}

/// What a handbook is built from, before its indexes.
pub(crate) struct Parts {
    pub config: Config,
    pub sources: Sources,
    pub docs: Vec<Document>,
    pub assets: BTreeSet<String>,
    pub config_id: FileId,
}

/// Why a path under the book is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A symbolic link (or a folder on the way) leads out of the book: to `target`.
    Outside(PathBuf),
    /// Not a regular file or folder: a named pipe, a socket, a device.
    NotRegular(&'static str),
    /// The path cannot be resolved: a dangling link, a symbolic link loop, no permission.
    Unresolved(String),
}

impl Refusal {
    /// The rule that reports it.
    pub fn rule(&self) -> &'static rules::Rule {
        match self {
            Refusal::Outside(_) => &rules::FILE_OUTSIDE,
            _ => &rules::FILE_UNREADABLE,
        }
    }

    /// A sentence naming `path` (book-relative) and what is wrong with it.
    pub fn message(&self, path: &str) -> String {
        match self {
            Refusal::Outside(target) => format!(
                "{path} leads out of the book (to {}): a symbolic link is only followed inside the book; not read",
                target.display()
            ),
            Refusal::NotRegular(kind) => {
                format!("{path} is {kind}, not a regular file: not read")
            }
            Refusal::Unresolved(why) => format!("cannot read {path}: {why}"),
        }
    }
}

/// The book's root as the file system names it (symbolic links resolved).
pub fn canonical_root(root: &Path) -> Result<PathBuf, Error> {
    std::fs::canonicalize(root).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::NoBook(root.to_path_buf())
        } else {
            Error::io(root.to_path_buf(), e)
        }
    })
}

/// What kind of file a non-regular file is, in words.
fn kind_of(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    let _ = ft;
    "a special file"
}

/// Resolve `path` and accept it only if it stays inside `book` (a canonical root) and
/// is a regular file or a folder. Nothing is opened: only `stat` is asked. The answer
/// is the resolved path, the one to read.
pub fn vet(book: &Path, path: &Path) -> Result<PathBuf, Refusal> {
    let real = std::fs::canonicalize(path).map_err(|e| {
        Refusal::Unresolved(match e.kind() {
            std::io::ErrorKind::NotFound
                if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) =>
            {
                "a symbolic link to a file that does not exist".to_string()
            }
            _ if e.raw_os_error() == Some(40) => "a symbolic link loop".to_string(),
            _ => e.to_string(),
        })
    })?;
    if !real.starts_with(book) {
        return Err(Refusal::Outside(real));
    }
    let meta = std::fs::metadata(&real).map_err(|e| Refusal::Unresolved(e.to_string()))?;
    let ft = meta.file_type();
    if ft.is_file() || ft.is_dir() {
        Ok(real)
    } else {
        Err(Refusal::NotRegular(kind_of(ft)))
    }
}

/// `path` from the book's root, `/`-separated (as findings name files).
fn book_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Read `book.toml` and every file: the parts of a handbook, and what loading found.
fn read(root: &Path, purpose: Purpose) -> Result<(Parts, Vec<Diagnostic>), Error> {
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
    let loaded: Vec<(SourceFile, Option<Document>, Vec<Diagnostic>)> = pages
        .par_iter()
        .enumerate()
        .map(|(i, (abs, rel))| {
            let id = FileId(u32::try_from(first + i).unwrap_or(u32::MAX));
            let path = format!("{content_prefix}/{rel}");
            load_file(&reading, id, abs, path, rel, Vetting::Walked)
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

/// Walk a folder in sorted order, skipping hidden files; `f(abs, rel)` for each regular
/// file, `rel` from `dir`. Symbolic links are followed only while they stay inside
/// `book` (the canonical root); a link out of it, a file that is not regular (a named
/// pipe, a socket, a device) and a link loop are `refused`, with their path from
/// `root`, and never opened.
pub(crate) fn walk(
    root: &Path,
    book: &Path,
    dir: &Path,
    f: &mut dyn FnMut(PathBuf, String),
    refused: &mut Vec<(String, Refusal)>,
) {
    let mut rejected: Vec<(String, Refusal)> = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            let ft = e.file_type();
            if (e.path_is_symlink() || !(ft.is_file() || ft.is_dir()))
                && let Err(refusal) = vet(book, e.path())
            {
                rejected.push((book_path(root, e.path()), refusal));
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(e.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                f(e.path().to_path_buf(), rel);
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| book_path(root, p))
                    .unwrap_or_else(|| book_path(root, dir));
                let why = if e.loop_ancestor().is_some() {
                    "a symbolic link loop: skipped".to_string()
                } else {
                    e.io_error()
                        .map(|io| {
                            if io.raw_os_error() == Some(40) {
                                "a symbolic link loop: skipped".to_string()
                            } else {
                                io.to_string()
                            }
                        })
                        .unwrap_or_else(|| e.to_string())
                };
                refused.push((path, Refusal::Unresolved(why)));
            }
        }
    }
    refused.append(&mut rejected);
}

/// Whether a document's path still needs [`vet`] before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vetting {
    /// Found by [`walk`], which vetted every link and special file on the way to it.
    Walked,
    /// Named from outside the walk (a file saved while serving): vet it first.
    Needed,
}

/// What the book tells the reading of every document: the same for all of them.
pub struct Reading<'a> {
    /// The book's root, resolved (`canonical_root`): paths are vetted against it.
    pub book: &'a Path,
    pub base_url: &'a str,
    /// Language folders and folder pages: how paths become addresses.
    pub layout: &'a Layout,
    pub purpose: Purpose,
    /// `[lint] extra_keys` and `reviewed_from`.
    pub options: &'a schema::Options,
}

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
                &rules::FILE_UNREADABLE,
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
                &rules::FILE_UNREADABLE,
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
                &rules::FILE_UNREADABLE,
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
                    &rules::FILE_CONTROL_CHAR,
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

/// Build a document from a file's text.
pub fn parse_document(
    r: &Reading,
    id: FileId,
    file: &SourceFile,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Document {
    let Reading {
        base_url,
        layout,
        purpose,
        options,
        ..
    } = *r;
    let text = file.text.as_str();
    let mut split = frontmatter::split(text);
    let mut parsed = None;
    if let frontmatter::Split::Block {
        yaml_start,
        yaml_end,
        format,
        leading_blank,
        ..
    } = split
    {
        let fm_text = text.get(yaml_start..yaml_end).unwrap_or("");
        let result = match format {
            frontmatter::Format::Yaml => yaml::parse(fm_text),
            frontmatter::Format::Toml => yaml::parse_toml(fm_text),
        };
        // After blank lines, only a block of keys and values is front-matter; anything
        // else (`---` as a thematic break, a setext heading) is the body's.
        if leading_blank
            && !matches!(&result, Ok(Some(n)) if matches!(n.value, yaml::Value::Map(_)))
        {
            split = frontmatter::Split::None;
        } else {
            parsed = Some(result);
        }
    }
    let mut fields = schema::Fields::default();
    let mut fm_span = None;
    // The front-matter could not be read: its title is unknown, not missing.
    let mut fm_broken = false;
    let body_start;
    match split {
        frontmatter::Split::None => body_start = 0,
        frontmatter::Split::Unclosed { fence, format, .. } => {
            let f = format.fence();
            diags.push(
                Diagnostic::new(
                    &rules::FRONTMATTER_SYNTAX,
                    Span::new(id, fence, (fence + 3).min(text.len())),
                    format!("front-matter is not closed: no line `{f}` after the opening one"),
                )
                .help(format!("end the front-matter with a line of exactly `{f}`")),
            );
            fm_broken = true;
            body_start = 0;
        }
        frontmatter::Split::Block {
            yaml_start,
            yaml_end,
            body_start: b,
            fence,
            format,
            leading_blank,
        } => {
            body_start = b;
            fm_span = Some(Span::new(id, yaml_start, yaml_end));
            if leading_blank {
                diags.push(
                    Diagnostic::new(
                        &rules::FRONTMATTER_PLACEMENT,
                        Span::new(id, fence, fence + 3),
                        "front-matter should start on the first line; other tools will show it as text",
                    )
                    .help("delete the blank lines above it"),
                );
            }
            match parsed.unwrap_or(Ok(None)) {
                Ok(Some(node)) => {
                    fields = schema::read(&node, id, yaml_start, options, diags);
                }
                Ok(None) => {}
                Err(e) => {
                    let offset = match (e.offset, e.line_col) {
                        (Some(o), _) => yaml_start + o,
                        (None, Some((l, c))) => {
                            let (first_line, _) = file.line_col(yaml_start);
                            let ls = file.line_start(first_line + l.saturating_sub(1));
                            ls + c.saturating_sub(1)
                        }
                        _ => yaml_start,
                    };
                    let offset = offset.min(yaml_end);
                    fm_broken = true;
                    diags.push(Diagnostic::new(
                        &rules::FRONTMATTER_SYNTAX,
                        Span::new(id, offset, offset),
                        format!("front-matter is not valid {}: {}", format.name(), e.message),
                    ));
                }
            }
        }
    }

    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = page_stem(name).unwrap_or(name);
    let folder = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    // The address: path, language folder, then `slug` and `permalink`.
    let addr = address(rel, layout);
    let is_section = addr.is_section;
    let (url, url_span) = match (&fields.permalink, &fields.slug) {
        (Some(p), _) => (p.value.clone(), Some(p.span)),
        (None, Some(s)) if !addr.url.is_empty() => {
            let parent = addr
                .url
                .trim_end_matches('/')
                .rsplit_once('/')
                .map(|(p, _)| p)
                .unwrap_or("");
            let url = if parent.is_empty() {
                format!("{}/", s.value)
            } else {
                format!("{parent}/{}/", s.value)
            };
            (url, Some(s.span))
        }
        _ => (addr.url.clone(), None),
    };
    let lang = fields
        .lang
        .take()
        .map(|l| l.value)
        .unwrap_or_else(|| addr.lang.clone());
    // Other generators' syntax: named, and blanked out (offsets kept) before parsing.
    let raw_body = text.get(body_start..).unwrap_or("");
    let foreign = foreign::scan(raw_body);
    foreign::report(&foreign.found, file, id, body_start, diags);
    let body_text = foreign.apply(raw_body);
    let body = markdown::analyze(&markdown::Input {
        file: id,
        text: &body_text,
        offset: body_start,
        folder,
        base_url,
        take_title: fields.title.is_none(),
        html: purpose == Purpose::Build,
    });
    let kind = fields.kind.unwrap_or(DocType::Page);
    let start_span = fm_span
        .map(|s| Span::new(id, s.start, s.start))
        .unwrap_or(Span::new(id, 0, 0));
    let title = match (fields.title.take(), &body.title) {
        (Some(t), _) if !t.value.trim().is_empty() => t,
        (Some(t), Some(h)) => {
            let _ = t;
            h.clone()
        }
        (Some(t), None) => {
            diags.push(Diagnostic::new(
                &rules::FRONTMATTER_SCHEMA,
                t.span,
                "the title is empty",
            ));
            Sp::new(humanize(stem, folder), t.span)
        }
        (None, Some(h)) => h.clone(),
        (None, None) if fm_broken => Sp::new(humanize(stem, folder), start_span),
        (None, None) => {
            diags.push(
                Diagnostic::new(
                    &rules::FRONTMATTER_SCHEMA,
                    start_span,
                    "no title: add `title:` to the front-matter or start the body with a `# ` heading",
                )
                .help("every document needs a title for navigation and search"),
            );
            Sp::new(humanize(stem, folder), start_span)
        }
    };
    let default_id = if is_section {
        addr.dir
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("home")
            .to_string()
    } else {
        stem.to_string()
    };
    let id_explicit = fields.id.is_some() || kind != DocType::Page;
    let doc_id = fields
        .id
        .take()
        .unwrap_or_else(|| Sp::new(default_id, fields.type_span.unwrap_or(start_span)));
    let messages = std::mem::take(&mut fields.messages)
        .into_iter()
        .map(|m| Message {
            full: format!("{}.{}", doc_id.value, m.id.value),
            id: m.id,
            kind: m.kind,
            text: m.text,
            response: m.response,
            channels: m.channels,
            proof: m.proof,
            status: m.status,
            span: m.span,
        })
        .collect();
    Document {
        file: id,
        path: file.path.clone(),
        rel: rel.to_string(),
        url,
        url_span,
        is_section,
        dir: addr.dir,
        lang,
        aliases: std::mem::take(&mut fields.aliases),
        id: doc_id,
        id_explicit,
        kind,
        title,
        owner: fields.owner,
        reviewed: fields.reviewed,
        review_every: fields.review_every,
        status: fields
            .status
            .unwrap_or(Sp::new(Status::Approved, start_span)),
        weight: fields.weight.unwrap_or(0),
        description: fields.description,
        tags: fields.tags,
        audience: fields.audience,
        channels: fields.channels,
        allow: fields.allow,
        messages,
        claims: fields.claims,
        persona: fields.persona,
        positioning: fields.positioning,
        competitor: fields.competitor,
        playbook: fields.playbook,
        glossary: fields.glossary,
        body,
        front_matter: fm_span,
    }
}

/// A readable title from a file name, used when a document has none.
fn humanize(stem: &str, folder: &str) -> String {
    let name = if is_index_stem(stem) {
        folder
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("Home")
    } else {
        stem
    };
    let words = name.replace(['-', '_'], " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => "Untitled".into(),
    }
}
