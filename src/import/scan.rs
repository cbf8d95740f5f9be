//! What the pages of an imported site hold: each page's front-matter keys and `lang:`,
//! the language folders they make up, and the Markdown left outside the content folder.

use super::plan::NOT_CONTENT;
use crate::config::Exclude;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

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
pub(super) struct PageScan {
    pub(super) rel: String,
    pub(super) keys: Vec<String>,
    pub(super) lang: Option<String>,
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
pub(super) fn scan(content: &Path, exclude: &Exclude) -> Vec<PageScan> {
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
pub(super) fn detect_languages(pages: &[PageScan], default: &str) -> Vec<String> {
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

/// Markdown files under `dir` but outside `content` (not imported), as paths below
/// `dir`; a site's README, licence and the like are not counted.
pub(super) fn outside(dir: &Path, content: &Path) -> Vec<String> {
    let mut outside = Vec::new();
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
            outside.push(rel.to_string_lossy().into_owned());
        }
    }
    outside
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

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
