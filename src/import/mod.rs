//! `gtmbook import DIR`: look at an existing site (Hugo, Jekyll, Middleman, Eleventy,
//! mdBook, or plain Markdown folders), write a `book.toml` for it, record today's
//! findings in a baseline so that the first build publishes, and say what was found and
//! what to look at first.
//!
//! It never overwrites a file it did not write: a `book.toml` without the first line
//! gtmbook writes (an mdBook's, or one a person wrote) stops it with exit 2.

use crate::Outcome;
use crate::cli::{Common, ImportArgs};
use crate::config::Exclude;
use crate::error::Error;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The first line of every `book.toml` gtmbook import writes: its mark of ownership.
pub const MARK: &str = "# Written by `gtmbook import`.";

/// The baseline file import writes beside `book.toml`.
pub const BASELINE: &str = "gtmbook-baseline.json";

/// A front-matter key in at least this many files goes to `[lint] extra_keys`.
const EXTRA_KEY_MIN_FILES: usize = 2;

/// Folders that hold no pages of a site: build output, dependencies, templates.
const NOT_CONTENT: &[&str] = &[
    "node_modules",
    "vendor",
    "public",
    "_site",
    "build",
    "dist",
    "book",
    "themes",
    "layouts",
    "_layouts",
    "_includes",
    "_sass",
    "_data",
    "assets",
    "static",
    "resources",
    "archetypes",
    "data",
    "i18n",
];

/// Folder names sites keep their pages in, preferred when counting.
const KNOWN_CONTENT: &[&str] = &[
    "content",
    "pages",
    "_articles",
    "docs",
    "source",
    "src",
    "_posts",
    "handbook",
    "site",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    Hugo,
    Jekyll,
    Middleman,
    Eleventy,
    MdBook,
}

impl Generator {
    fn name(self) -> &'static str {
        match self {
            Generator::Hugo => "Hugo",
            Generator::Jekyll => "Jekyll",
            Generator::Middleman => "Middleman",
            Generator::Eleventy => "Eleventy",
            Generator::MdBook => "mdBook",
        }
    }
}

/// What import decided, before it is written.
#[derive(Debug, Default)]
pub struct Plan {
    pub generator: Option<Generator>,
    /// Why: the files that showed the generator, the folder chosen and how.
    pub why: Vec<String>,
    pub title: String,
    pub language: Option<String>,
    pub base_url: Option<String>,
    pub content: String,
    pub mount: Option<String>,
    pub languages: Vec<String>,
    pub exclude: Vec<String>,
    pub extra_keys: Vec<String>,
    pub reviewed_from: Vec<String>,
    /// What the scan found.
    pub pages: usize,
    pub with_front_matter: usize,
    pub keys: BTreeMap<String, usize>,
    /// Markdown files outside the content folder (not imported).
    pub outside: Vec<String>,
    pub baseline: bool,
}

fn file(dir: &Path, name: &str) -> bool {
    dir.join(name).is_file()
}

/// A generator's config file as a JSON value (TOML, YAML or JSON); `None` when it
/// cannot be read: the import goes on with what the folders show.
fn read_conf(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "toml" => toml::from_str::<toml::Table>(&text)
            .ok()
            .and_then(|t| serde_json::to_value(t).ok()),
        "json" => serde_json::from_str(&text).ok(),
        "yml" | "yaml" => serde_saphyr::from_str::<Value>(&text).ok(),
        _ => None,
    }
}

/// A key of a map, case-insensitively (Hugo's keys are: `baseURL`, `baseurl`).
fn key<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    v.as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn key_str(v: &Value, name: &str) -> Option<String> {
    key(v, name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// Shallow merge: keys of `b` not in `a` are added.
fn merge(a: &mut Value, b: Value) {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        for (k, v) in b {
            a.entry(k).or_insert(v);
        }
    }
}

/// The path part of a base URL, with a leading and a trailing `/`: the prefix a site
/// was served under (`https://example.org/handbook/` → `/handbook/`).
fn url_path(url: &str) -> String {
    let rest = match url.split_once("://") {
        Some((_, r)) => r.split_once('/').map(|(_, p)| p).unwrap_or(""),
        None => url,
    };
    let p = rest.trim_matches('/');
    if p.is_empty() {
        "/".into()
    } else {
        format!("/{p}/")
    }
}

/// Count `.md` files under `dir`, skipping hidden and non-content folders.
fn count_md(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_name().to_string_lossy().starts_with('.')
                    || (e.file_type().is_dir()
                        && NOT_CONTENT.contains(&e.file_name().to_string_lossy().as_ref())))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(".md"))
        .count()
}

/// The folder under `dir` most likely to hold the pages: the most Markdown files,
/// known names counted three times. `.` when the pages sit at the top.
fn guess_content(dir: &Path, why: &mut Vec<String>) -> String {
    let mut best: Option<(usize, String, usize)> = None;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || NOT_CONTENT.contains(&name.as_str()) {
            continue;
        }
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let n = count_md(&e.path());
        if n == 0 {
            continue;
        }
        let score = if KNOWN_CONTENT.contains(&name.as_str()) {
            n * 3
        } else {
            n
        };
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, name, n));
        }
    }
    let top = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_ok_and(|t| t.is_file())
                && e.file_name().to_string_lossy().ends_with(".md")
        })
        .count();
    match best {
        Some((_, name, n)) if n > top => {
            why.push(format!(
                "`{name}/` holds the most Markdown files ({n}), so it is the content folder"
            ));
            name
        }
        _ => {
            why.push(format!(
                "the Markdown files sit at the top of the folder ({top}), so it is the content folder"
            ));
            ".".into()
        }
    }
}

/// The quoted value after `key:` in an Eleventy config, read as text.
fn eleventy_value<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let at = text.find(key)?;
    let rest = text.get(at + key.len()..)?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let quote = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let inner = rest.get(1..)?;
    let end = inner.find(quote)?;
    inner.get(..end)
}

/// The value of `input` in an Eleventy config (`dir: { input: "src" }`).
fn eleventy_input(text: &str) -> Option<String> {
    let v = eleventy_value(text, "input")?
        .trim()
        .trim_start_matches("./")
        .trim_end_matches('/');
    (!v.is_empty()).then(|| v.to_string())
}

/// `pathPrefix: "/handbook/"` in an Eleventy config.
fn eleventy_prefix(text: &str) -> Option<String> {
    Some(url_path(eleventy_value(text, "pathPrefix")?))
}

/// Look at `dir` and decide the generator and its settings (the scan of pages comes
/// after).
fn detect(dir: &Path) -> Plan {
    let mut plan = Plan::default();
    let own_book = dir.join("book.toml");
    let foreign_book = own_book.is_file()
        && std::fs::read_to_string(&own_book).is_ok_and(|t| !t.starts_with(MARK));
    let hugo_files = [
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.yml",
        "config.json",
    ];
    let hugo_file = hugo_files.iter().find(|f| file(dir, f)).copied();
    let hugo_dir = dir.join("config/_default");
    let eleventy_file = [
        ".eleventy.js",
        "eleventy.config.js",
        "eleventy.config.mjs",
        "eleventy.config.cjs",
    ]
    .into_iter()
    .find(|f| file(dir, f));
    let jekyll_file = ["_config.yml", "_config.yaml"]
        .into_iter()
        .find(|f| file(dir, f));
    let mdbook_conf = foreign_book
        .then(|| read_conf(&own_book))
        .flatten()
        .filter(|v| key(v, "book").is_some() || key(v, "output").is_some());

    if let Some(conf) = mdbook_conf {
        plan.generator = Some(Generator::MdBook);
        plan.why
            .push("`book.toml` has mdBook's `[book]`/`[output]` tables".into());
        let book = key(&conf, "book").cloned().unwrap_or(Value::Null);
        plan.title = key_str(&book, "title").unwrap_or_default();
        plan.language = key_str(&book, "language");
        plan.content = key_str(&book, "src").unwrap_or_else(|| "src".into());
        if let Some(url) = key(&conf, "output")
            .and_then(|o| key(o, "html"))
            .and_then(|h| key_str(h, "site-url"))
        {
            plan.mount = Some(url_path(&url));
        }
        // mdBook's table of contents is not a page.
        plan.exclude.push("/SUMMARY.md".into());
    } else if let Some(name) = hugo_file.filter(|f| {
        f.starts_with("hugo.") || dir.join("content").is_dir() || dir.join("archetypes").is_dir()
    }) {
        plan.generator = Some(Generator::Hugo);
        plan.why.push(format!("`{name}` is Hugo's site config"));
        hugo(dir, read_conf(&dir.join(name)), &mut plan);
    } else if hugo_dir.is_dir() {
        plan.generator = Some(Generator::Hugo);
        plan.why
            .push("`config/_default/` is Hugo's config folder".into());
        let mut conf: Option<Value> = None;
        for f in hugo_files
            .iter()
            .chain(&["languages.toml", "languages.yaml"])
        {
            if let Some(mut v) = read_conf(&hugo_dir.join(f)) {
                if f.starts_with("languages.") {
                    v = serde_json::json!({ "languages": v });
                }
                match &mut conf {
                    Some(c) => merge(c, v),
                    None => conf = Some(v),
                }
            }
        }
        hugo(dir, conf, &mut plan);
    } else if let Some(name) = jekyll_file {
        plan.generator = Some(Generator::Jekyll);
        plan.why.push(format!("`{name}` is Jekyll's site config"));
        jekyll(dir, read_conf(&dir.join(name)), &mut plan);
    } else if file(dir, "config.rb") && dir.join("source").is_dir() {
        plan.generator = Some(Generator::Middleman);
        plan.why
            .push("`config.rb` and `source/` are Middleman's".into());
        plan.content = "source".into();
        plan.exclude.extend(["layouts/".into(), "*.erb".into()]);
    } else if let Some(name) = eleventy_file {
        plan.generator = Some(Generator::Eleventy);
        plan.why.push(format!("`{name}` is Eleventy's config"));
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        match eleventy_input(&text) {
            Some(input) => {
                plan.why.push(format!("its input folder is `{input}`"));
                plan.content = input;
            }
            None => plan.content = guess_content(dir, &mut plan.why),
        }
        plan.mount = eleventy_prefix(&text);
        plan.exclude.push("_includes/".into());
    } else {
        plan.why
            .push("no generator config found (hugo.toml, _config.yml, config.rb, .eleventy.js, an mdBook book.toml)".into());
        plan.content = guess_content(dir, &mut plan.why);
    }
    if plan.content.is_empty() {
        plan.content = guess_content(dir, &mut plan.why);
    }
    if plan.content == "." {
        // The pages are the whole folder: leave out what is not a page.
        for p in [
            "_site/",
            "node_modules/",
            "vendor/",
            "public/",
            "_layouts/",
            "_includes/",
            "_sass/",
            "_data/",
            "/README.md",
            "/CONTRIBUTING.md",
            "/CODE_OF_CONDUCT.md",
            "/LICENSE.md",
            "/book.toml",
            "/gtmbook-baseline.json",
        ] {
            if !plan.exclude.iter().any(|e| e == p) {
                plan.exclude.push(p.into());
            }
        }
    }
    plan
}

fn hugo(dir: &Path, conf: Option<Value>, plan: &mut Plan) {
    let conf = conf.unwrap_or(Value::Null);
    plan.title = key_str(&conf, "title").unwrap_or_default();
    plan.content = key_str(&conf, "contentDir").unwrap_or_else(|| "content".into());
    if let Some(url) = key_str(&conf, "baseURL") {
        let path = url_path(&url);
        if path != "/" {
            plan.mount = Some(path.clone());
            plan.base_url = Some(path);
        }
    }
    let default = key_str(&conf, "defaultContentLanguage");
    plan.language = default.clone().or_else(|| key_str(&conf, "languageCode"));
    if let Some(langs) = key(&conf, "languages").and_then(Value::as_object) {
        let mut codes: Vec<String> = langs.keys().cloned().collect();
        codes.sort();
        let first = default.unwrap_or_else(|| "en".into());
        if codes.len() > 1 {
            codes.retain(|c| *c != first);
            codes.insert(0, first.clone());
            plan.languages = codes;
            plan.language = Some(first);
            plan.why.push(format!(
                "its `[languages]` table names {}",
                plan.languages.join(", ")
            ));
        }
        // Hugo's `contentDir = "content/en"` per language: the book's content is the
        // folder above.
        if langs
            .values()
            .filter_map(|l| key_str(l, "contentDir"))
            .any(|d| d.starts_with(&format!("{}/", plan.content)))
        {
            plan.why.push(format!(
                "each language has a folder under `{}/`",
                plan.content
            ));
        }
    }
    let _ = dir;
    plan.reviewed_from.push("lastmod".into());
}

fn jekyll(dir: &Path, conf: Option<Value>, plan: &mut Plan) {
    let conf = conf.unwrap_or(Value::Null);
    plan.title = key_str(&conf, "title").unwrap_or_default();
    plan.language = key_str(&conf, "lang");
    if let Some(base) = key_str(&conf, "baseurl") {
        let path = url_path(&base);
        if path != "/" {
            plan.mount = Some(path.clone());
            plan.base_url = Some(path);
        }
    }
    // Collections (`_articles`): the one with most pages is the content folder.
    let names: Vec<String> = match key(&conf, "collections") {
        Some(Value::Object(m)) => m.keys().cloned().collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    let best = names
        .iter()
        .map(|n| format!("_{n}"))
        .filter(|f| dir.join(f).is_dir())
        .map(|f| (count_md(&dir.join(&f)), f))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n);
    if let Some((n, folder)) = best {
        plan.why.push(format!(
            "the collection `{folder}/` holds the most pages ({n})"
        ));
        plan.content = folder;
    } else {
        plan.content = guess_content(dir, &mut plan.why);
    }
    if plan.content == "."
        && let Some(Value::Array(ex)) = key(&conf, "exclude")
    {
        for e in ex.iter().filter_map(Value::as_str) {
            plan.exclude.push(if e.contains('/') || e.contains('*') {
                e.to_string()
            } else {
                format!("/{e}")
            });
        }
    }
}

/// Is `name` shaped like a language code (`fr`, `pcm`, `zh-hans`, `pt-br`)?
fn lang_shaped(name: &str) -> bool {
    let (main, region) = match name.split_once('-') {
        Some((m, r)) => (m, Some(r)),
        None => (name, None),
    };
    (2..=3).contains(&main.len())
        && main.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// What one page's front-matter holds.
struct PageScan {
    rel: String,
    keys: Vec<String>,
    lang: Option<String>,
}

/// Top-level keys of a page's front-matter (YAML `---` or TOML `+++`).
fn front_matter(text: &str) -> Option<(Vec<String>, Option<String>)> {
    let text = text.trim_start_matches('\u{feff}');
    let (keys, lang) = if text.starts_with("+++") {
        let rest = text.get(3..)?;
        let end = rest.find("\n+++")?;
        let table: toml::Table = toml::from_str(rest.get(..end)?).ok()?;
        let lang = table.get("lang").and_then(|v| v.as_str()).map(String::from);
        (table.keys().cloned().collect(), lang)
    } else {
        let crate::load::frontmatter::Split::Block {
            yaml_start,
            yaml_end,
            ..
        } = crate::load::frontmatter::split(text)
        else {
            return None;
        };
        let node = crate::load::yaml::parse(text.get(yaml_start..yaml_end)?).ok()??;
        let crate::load::yaml::Value::Map(entries) = node.value else {
            return None;
        };
        let mut lang = None;
        let keys = entries
            .iter()
            .filter_map(|(k, v)| match &k.value {
                crate::load::yaml::Value::Str(s) => {
                    if s == "lang"
                        && let crate::load::yaml::Value::Str(l) = &v.value
                    {
                        lang = Some(l.clone());
                    }
                    Some(s.clone())
                }
                _ => None,
            })
            .collect();
        (keys, lang)
    };
    Some((keys, lang))
}

/// Read every page under the content folder (what `exclude` leaves).
fn scan(content: &Path, exclude: &Exclude) -> Vec<PageScan> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
    {
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(content)
            .unwrap_or(e.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if !(rel.ends_with(".md") || rel.ends_with(".markdown")) || exclude.matches(&rel) {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let (keys, lang) = front_matter(&text).unwrap_or_default();
        out.push(PageScan { rel, keys, lang });
    }
    out
}

/// The page's stem without extensions, for comparing translations.
fn stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.split('.').next().unwrap_or(name)
}

/// Language folders: language-shaped folders at the top of the content whose pages
/// say so (`lang:`) or are translations of other pages (the same file names).
fn detect_languages(pages: &[PageScan], default: &str) -> Vec<String> {
    let mut by_folder: BTreeMap<&str, Vec<&PageScan>> = BTreeMap::new();
    for p in pages {
        let top = p.rel.split_once('/').map(|(f, _)| f).unwrap_or("");
        by_folder.entry(top).or_default().push(p);
    }
    let stems = |ps: &[&PageScan]| -> BTreeSet<String> {
        ps.iter()
            .map(|p| stem(&p.rel).to_string())
            .filter(|s| !matches!(s.as_str(), "index" | "_index" | "README"))
            .collect()
    };
    let mut langs = Vec::new();
    for (folder, ps) in &by_folder {
        if folder.is_empty() || !lang_shaped(folder) {
            continue;
        }
        let said = ps
            .iter()
            .filter(|p| p.lang.as_deref() == Some(folder))
            .count();
        let mine = stems(ps);
        let shared = by_folder
            .iter()
            .filter(|(f, _)| f != &folder)
            .any(|(_, other)| {
                let o = stems(other);
                mine.len() >= 2 && mine.intersection(&o).count() * 2 >= mine.len()
            });
        if said * 2 > ps.len() || shared {
            langs.push(folder.to_string());
        }
    }
    let top_level = by_folder.get("").is_some_and(|v| !v.is_empty());
    if langs.is_empty() || (langs.len() < 2 && !top_level) {
        return Vec::new();
    }
    langs.retain(|l| l != default);
    langs.insert(0, default.to_string());
    langs
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    let one_line = format!("[{}]", inner.join(", "));
    if one_line.len() <= 80 {
        return one_line;
    }
    // Several items a line, as a person would write a long list.
    let mut s = String::from("[\n");
    let mut line = String::new();
    for i in inner {
        if !line.is_empty() && line.len() + i.len() + 2 > 76 {
            let _ = writeln!(s, "    {}", line.trim_end());
            line.clear();
        }
        line.push_str(&i);
        line.push_str(", ");
    }
    if !line.is_empty() {
        let _ = writeln!(s, "    {}", line.trim_end());
    }
    s.push(']');
    s
}

/// The `book.toml` text for a plan.
pub fn render(plan: &Plan) -> String {
    let from = match plan.generator {
        Some(g) => format!("a {} site", g.name()),
        None => "a folder of Markdown".into(),
    };
    let mut s = format!(
        "{MARK}\n# Imported from {from}. Edit it freely; `gtmbook import` only replaces\n# this file while its first line is as above.\n\n[book]\n"
    );
    let _ = writeln!(s, "title = {}", toml_str(&plan.title));
    if let Some(l) = &plan.language {
        let _ = writeln!(s, "language = {}", toml_str(l));
    }
    if let Some(b) = &plan.base_url {
        let _ = writeln!(s, "base_url = {}", toml_str(b));
    }
    s.push_str("\n[build]\n");
    let _ = writeln!(s, "content = {}", toml_str(&plan.content));
    if let Some(m) = &plan.mount {
        let _ = writeln!(
            s,
            "# The path the content folder was served at: site-absolute links under it\n# point into the book.\nmount = {}",
            toml_str(m)
        );
    }
    if !plan.languages.is_empty() {
        let _ = writeln!(s, "languages = {}", toml_list(&plan.languages));
    }
    if !plan.exclude.is_empty() {
        let _ = writeln!(s, "exclude = {}", toml_list(&plan.exclude));
    }
    s.push_str("\n[lint]\n");
    if !plan.extra_keys.is_empty() {
        let _ = writeln!(
            s,
            "# Front-matter keys of this site that gtmbook does not use: accepted silently.\nextra_keys = {}",
            toml_list(&plan.extra_keys)
        );
    }
    if !plan.reviewed_from.is_empty() {
        let _ = writeln!(s, "reviewed_from = {}", toml_list(&plan.reviewed_from));
    }
    if plan.baseline {
        let _ = writeln!(
            s,
            "# Findings accepted on import; fix them and run\n# `gtmbook check --write-baseline {BASELINE}` to drop them.\nbaseline = {}",
            toml_str(BASELINE)
        );
    }
    s
}

/// Look at `dir` and make the whole plan: generator, folders, pages and keys.
pub fn plan(dir: &Path) -> Result<Plan, Error> {
    let mut plan = detect(dir);
    if plan.title.is_empty() {
        plan.title = std::fs::canonicalize(dir)
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Handbook".into());
    }
    plan.content = plan
        .content
        .trim_start_matches("./")
        .trim_end_matches('/')
        .to_string();
    if plan.content.is_empty() {
        plan.content = ".".into();
    }
    let content = dir.join(&plan.content);
    if !content.is_dir() {
        return Err(Error::Usage(format!(
            "{}: the content folder `{}` does not exist; nothing to import",
            dir.display(),
            plan.content
        )));
    }
    let exclude = Exclude::new(&plan.exclude).map_err(Error::Usage)?;
    let pages = scan(&content, &exclude);
    plan.pages = pages.len();
    for p in &pages {
        if !p.keys.is_empty() {
            plan.with_front_matter += 1;
        }
        for k in &p.keys {
            *plan.keys.entry(k.clone()).or_insert(0) += 1;
        }
    }
    plan.extra_keys = plan
        .keys
        .iter()
        .filter(|(k, n)| {
            **n >= EXTRA_KEY_MIN_FILES && !crate::load::schema::COMMON_KEYS.contains(&k.as_str())
        })
        .map(|(k, _)| k.clone())
        .collect();
    if plan.languages.is_empty() {
        let default = plan.language.clone().unwrap_or_else(|| "en".into());
        plan.languages = detect_languages(&pages, &default);
        if !plan.languages.is_empty() {
            plan.why.push(format!(
                "language folders under `{}/`: {}",
                plan.content,
                plan.languages.get(1..).unwrap_or_default().join(", ")
            ));
            plan.language.get_or_insert(default);
        }
    }
    if !plan.keys.contains_key("lastmod") && plan.generator != Some(Generator::Hugo) {
        plan.reviewed_from.clear();
    }
    // Markdown outside the content folder is not imported: say so.
    if plan.content != "." {
        for e in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !(e.file_name().to_string_lossy().starts_with('.')
                        || e.path() == content
                        || (e.file_type().is_dir()
                            && NOT_CONTENT.contains(&e.file_name().to_string_lossy().as_ref())))
            })
            .filter_map(Result::ok)
        {
            let name = e.file_name().to_string_lossy();
            if e.file_type().is_file()
                && name.ends_with(".md")
                && !matches!(
                    name.as_ref(),
                    "README.md"
                        | "LICENSE.md"
                        | "CONTRIBUTING.md"
                        | "CODE_OF_CONDUCT.md"
                        | "SECURITY.md"
                        | "SUMMARY.md"
                )
                && let Ok(rel) = e.path().strip_prefix(dir)
            {
                plan.outside.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    Ok(plan)
}

/// Is the file at `path` one gtmbook import wrote (or absent)?
fn ours_or_absent(path: &Path) -> bool {
    match std::fs::read_to_string(path) {
        Ok(t) => t.starts_with(MARK),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `gtmbook import DIR`
pub fn run(args: &ImportArgs) -> Result<Outcome, Error> {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a folder: point `gtmbook import` at the site's folder",
            dir.display()
        )));
    }
    let book_toml = dir.join("book.toml");
    let baseline_path = dir.join(BASELINE);
    let mut plan = plan(dir)?;
    plan.baseline = !args.no_baseline;
    let text = render(&plan);
    let mut out = String::new();
    match plan.generator {
        Some(g) => {
            let _ = writeln!(out, "Found a {} site in {}:", g.name(), dir.display());
        }
        None => {
            let _ = writeln!(out, "Found Markdown pages in {}:", dir.display());
        }
    }
    for w in &plan.why {
        let _ = writeln!(out, "  - {w}");
    }
    let _ = writeln!(
        out,
        "\n{} in `{}/` ({} with front-matter)",
        plural(plan.pages, "page"),
        plan.content,
        plan.with_front_matter
    );
    if !plan.languages.is_empty() {
        let _ = writeln!(out, "languages: {}", plan.languages.join(", "));
    }
    if let Some(m) = &plan.mount {
        let _ = writeln!(out, "served at: {m}");
    }
    if !plan.keys.is_empty() {
        let _ = writeln!(out, "\nfront-matter keys (files using each):");
        let mut keys: Vec<(&String, &usize)> = plan.keys.iter().collect();
        keys.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (k, n) in keys {
            let what = if crate::load::schema::COMMON_KEYS.contains(&k.as_str()) {
                "gtmbook's own"
            } else if plan.extra_keys.contains(k) {
                "accepted: [lint] extra_keys"
            } else {
                "in one file only: a typo? it is reported"
            };
            let _ = writeln!(out, "  {n:>6}  {k:<24} {what}");
        }
    }

    if args.dry_run {
        let _ = writeln!(
            out,
            "\n--dry-run: nothing was written. The book.toml would be:\n\n{text}"
        );
        print!("{out}");
        return Ok(Outcome::Ok);
    }
    if !ours_or_absent(&book_toml) {
        print!("{out}");
        return Err(Error::Usage(format!(
            "{} exists and gtmbook did not write it{}: it was left as it is. Move it aside (for example `git mv book.toml {}`) and run `gtmbook import` again, or see the book.toml gtmbook would write with `--dry-run`",
            book_toml.display(),
            if plan.generator == Some(Generator::MdBook) {
                " (it is mdBook's)"
            } else {
                ""
            },
            if plan.generator == Some(Generator::MdBook) {
                "mdbook.toml"
            } else {
                "book.toml.old"
            }
        )));
    }
    if plan.baseline
        && std::fs::symlink_metadata(&baseline_path).is_ok()
        && crate::baseline::Baseline::read(dir, Path::new(BASELINE)).is_err()
    {
        print!("{out}");
        return Err(Error::Usage(format!(
            "{} exists and is not a gtmbook baseline: it was left as it is; move it aside, or import with --no-baseline",
            baseline_path.display()
        )));
    }
    std::fs::write(&book_toml, &text).map_err(|e| Error::io(book_toml.clone(), e))?;
    let _ = writeln!(out, "\nwrote {}", book_toml.display());

    let common = Common {
        root: dir.to_path_buf(),
        today: args.today.clone(),
    };
    let (hb, diags) = crate::check_book(&common, crate::load::Purpose::Check)?;
    let by_rule = crate::baseline::by_rule(&diags);
    let errors = diags
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .count();
    if plan.baseline {
        crate::baseline::write(dir, Path::new(BASELINE), &hb.sources, &diags)?;
        let _ = writeln!(
            out,
            "wrote {}: {} accepted, hidden until their text changes",
            baseline_path.display(),
            plural(diags.len(), "finding")
        );
    }
    if !by_rule.is_empty() {
        let _ = writeln!(
            out,
            "\nfindings by rule ({} errors of {}):",
            errors,
            diags.len()
        );
        let mut rules: Vec<(&&str, &usize)> = by_rule.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (rule, n) in rules {
            let _ = writeln!(out, "  {n:>6}  {rule}");
        }
    }
    let _ = writeln!(out, "\nLook at first:");
    let mut step = 1;
    let mut say = |out: &mut String, text: String| {
        let _ = writeln!(out, "  {step}. {text}");
        step += 1;
    };
    if plan.content == "." {
        say(
            &mut out,
            "the pages sit at the top of the folder, and a site cannot be built inside its content folder: move them into a folder of their own (`content/`) and set `[build] content`".into(),
        );
    }
    if !plan.outside.is_empty() {
        let shown: Vec<&str> = plan.outside.iter().take(5).map(String::as_str).collect();
        say(
            &mut out,
            format!(
                "{} outside `{}/` not imported: {}{} (move them in, or they are not published)",
                plural(plan.outside.len(), "Markdown file"),
                plan.content,
                shown.join(", "),
                if plan.outside.len() > shown.len() {
                    ", …"
                } else {
                    ""
                }
            ),
        );
    }
    let singles: Vec<&str> = plan
        .keys
        .iter()
        .filter(|(k, n)| {
            **n < EXTRA_KEY_MIN_FILES && !crate::load::schema::COMMON_KEYS.contains(&k.as_str())
        })
        .map(|(k, _)| k.as_str())
        .take(8)
        .collect();
    if !singles.is_empty() {
        say(
            &mut out,
            format!(
                "front-matter keys in one file only (typos?): {}",
                singles.join(", ")
            ),
        );
    }
    if let Some((rule, n)) = by_rule.iter().max_by_key(|(_, n)| **n) {
        say(
            &mut out,
            format!(
                "the most common finding is {rule} ({n}): `gtmbook explain {rule}`, then `gtmbook check --no-baseline` to see them all"
            ),
        );
    }
    say(
        &mut out,
        format!(
            "`gtmbook build --root {}` publishes the site; findings added from now on fail it",
            dir.display()
        ),
    );
    if plan.baseline {
        say(
            &mut out,
            format!(
                "burn the baseline down: fix findings, then `gtmbook check --write-baseline {BASELINE}` drops the fixed ones"
            ),
        );
    }
    print!("{out}");
    Ok(Outcome::Ok)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn url_paths() {
        assert_eq!(url_path("https://example.org/handbook/"), "/handbook/");
        assert_eq!(url_path("https://example.org"), "/");
        assert_eq!(url_path("/docs"), "/docs/");
        assert_eq!(url_path(""), "/");
    }

    #[test]
    fn eleventy_config_text() {
        let t = "module.exports = function() { return { dir: { input: \"pages\", output: \"_site\" }, pathPrefix: '/handbook/' } }";
        assert_eq!(eleventy_input(t).as_deref(), Some("pages"));
        assert_eq!(eleventy_prefix(t).as_deref(), Some("/handbook/"));
    }

    #[test]
    fn front_matter_keys_from_yaml_and_toml() {
        let (keys, lang) = front_matter("---\ntitle: A\nlang: fr\n---\nBody\n").unwrap();
        assert_eq!(keys, ["title", "lang"]);
        assert_eq!(lang.as_deref(), Some("fr"));
        let (keys, _) =
            front_matter("+++\ntitle = \"A\"\nlastmod = 2026-01-02\n+++\nBody\n").unwrap();
        assert_eq!(keys, ["lastmod", "title"]);
        assert!(front_matter("# No front-matter\n").is_none());
    }

    #[test]
    fn language_shapes() {
        for ok in ["fr", "pcm", "zh-hans", "pt-br"] {
            assert!(lang_shaped(ok), "{ok}");
        }
        for no in ["tools", "Okta", "f", "en_us", "a-b"] {
            assert!(!lang_shaped(no), "{no}");
        }
    }
}
