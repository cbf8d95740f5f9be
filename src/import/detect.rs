//! Which site `gtmbook import` looks at: the generator from its config files (Hugo,
//! Jekyll, Middleman, Eleventy, mdBook), the settings read from them (title, language,
//! base URL, mount, excludes) and, failing those, the folder holding the most Markdown.

use super::plan::{Generator, MARK, NOT_CONTENT, Plan};
use serde_json::Value;
use std::path::Path;

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
pub(super) fn count_md(dir: &Path) -> usize {
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
pub(super) fn detect(dir: &Path) -> Plan {
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

#[cfg(test)]
mod tests {
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
}
