//! Where a document publishes: file names that are pages, language trees and folders
//! (`Layout`), the address worked out from a path, and the addresses written in
//! front-matter (`permalink`, `slug`, aliases) checked.

use std::collections::BTreeSet;

/// The name of a Markdown file without its extension (`.md`, `.markdown`, and a
/// `.html` before them, as Middleman names pages), or `None` for other files.
pub fn page_stem(name: &str) -> Option<&str> {
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))?;
    Some(stem.strip_suffix(".html").unwrap_or(stem))
}

/// Is a file with this stem its folder's page?
pub fn is_index_stem(stem: &str) -> bool {
    stem == "_index" || stem == "index" || stem.eq_ignore_ascii_case("readme")
}

/// Is `path` (from the content root) a document?
pub fn is_document(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    page_stem(name).is_some_and(|s| !s.is_empty())
}

/// Is `s` a language code: two or three letters, optionally a region (`pt-BR`)?
pub fn is_language_code(s: &str) -> bool {
    let (lang, region) = match s.split_once('-') {
        Some((l, r)) => (l, Some(r)),
        None => (s, None),
    };
    (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// How paths under the content folder become addresses: which top-level folders are
/// language trees, and which folders hold documents (so that `foo.md` beside `foo/` is
/// that folder's page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// `[book] language`: its tree publishes at the site's root.
    pub default_lang: String,
    /// Top-level folders that are a language's tree.
    pub languages: BTreeSet<String>,
    /// Every folder (from the content root) holding a document, at any depth.
    pub folders: BTreeSet<String>,
}

impl Layout {
    /// The layout of a content folder holding `docs` (document paths) and `others`
    /// (every other file), with `[build] languages` (empty: detect the Hugo layout) and
    /// `[book] language`.
    pub fn new<'a>(
        languages: &[String],
        default_lang: &str,
        docs: impl IntoIterator<Item = &'a str>,
        others: impl IntoIterator<Item = &'a str>,
    ) -> Layout {
        let mut folders = BTreeSet::new();
        for rel in docs {
            let mut dir = rel;
            while let Some((d, _)) = dir.rsplit_once('/') {
                if !folders.insert(d.to_string()) {
                    break;
                }
                dir = d;
            }
        }
        let languages = if languages.is_empty() {
            // Hugo's multilingual layout: `content/en/`, `content/fr/`, and no other folder.
            let mut top: BTreeSet<&str> = folders
                .iter()
                .filter(|f| !f.contains('/'))
                .map(String::as_str)
                .collect();
            top.extend(
                others
                    .into_iter()
                    .filter_map(|r| r.split_once('/').map(|(t, _)| t)),
            );
            if top.contains(default_lang) && top.iter().all(|t| is_language_code(t)) {
                top.into_iter().map(String::from).collect()
            } else {
                BTreeSet::new()
            }
        } else {
            languages.iter().cloned().collect()
        };
        Layout {
            default_lang: default_lang.to_string(),
            languages,
            folders,
        }
    }

    /// The language of a path and the path in its language's tree (without the
    /// default language's folder).
    pub fn language_of<'r>(&self, rel: &'r str) -> (&str, &'r str) {
        if let Some((top, rest)) = rel.split_once('/')
            && let Some(lang) = self.languages.get(top)
        {
            if *lang == self.default_lang {
                return (lang, rest);
            }
            return (lang, rel);
        }
        (&self.default_lang, rel)
    }
}

/// Where a document publishes, worked out from its path alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// URL path below `base_url`: `sales/first-call/`, empty for the home page.
    pub url: String,
    pub is_section: bool,
    /// Its folder in navigation (see [`Document::dir`]).
    pub dir: String,
    /// The language of its folder.
    pub lang: String,
}

/// The address of the document at `rel` (from the content root), before `slug` and
/// `permalink`.
pub fn address(rel: &str, layout: &Layout) -> Address {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = page_stem(name).unwrap_or(name);
    let (lang, tree) = layout.language_of(rel);
    let lang = lang.to_string();
    let tree_dir = tree.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    // Is a top-level language folder `fr/` and `fr.md` beside it: a plain page.
    let own = if dir.is_empty() {
        stem.to_string()
    } else {
        format!("{dir}/{stem}")
    };
    let beside = !is_index_stem(stem)
        && layout.folders.contains(&own)
        && !(dir.is_empty() && layout.languages.contains(stem));
    let (is_section, nav_dir) = if is_index_stem(stem) {
        (true, tree_dir.to_string())
    } else if beside {
        let (_, tree_own) = layout.language_of(&own);
        // `en.md` beside the default language's `en/` is not reached: see `beside`.
        (true, tree_own.to_string())
    } else {
        (false, tree_dir.to_string())
    };
    let url = if is_section {
        if nav_dir.is_empty() {
            String::new()
        } else {
            format!("{nav_dir}/")
        }
    } else if nav_dir.is_empty() {
        format!("{stem}/")
    } else {
        format!("{nav_dir}/{stem}/")
    };
    Address {
        url,
        is_section,
        dir: nav_dir,
        lang,
    }
}

/// URL path (below `base_url`) of a document at `rel` from the content root, from its
/// path alone (no languages, no front-matter): what a link to a `.md` file means.
pub fn url_for_rel(rel: &str) -> String {
    address(rel, &Layout::default()).url
}

/// Why an address written in front-matter cannot be used, if it cannot.
fn unsafe_address(s: &str) -> Option<&'static str> {
    if s.chars().any(|c| c.is_control() || c == '\\') {
        return Some("holds a control character or a backslash");
    }
    if let Some((scheme, _)) = s.split_once(':')
        && !scheme.is_empty()
        && !scheme.contains('/')
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return Some("is a URL with a scheme, not a path on this site");
    }
    if s.contains("//") {
        return Some("holds `//`");
    }
    if s.split('/').any(|p| p == ".." || p == ".") {
        return Some("holds a `.` or `..` segment");
    }
    if s.contains(['?', '#']) {
        return Some("holds a `?` or `#`");
    }
    None
}

/// A front-matter address (`permalink`, an alias) as a URL path below `base_url`:
/// `/a/b` → `a/b/`, `/old.html` → `old.html`, `/` → empty. `Err` says why not.
pub fn written_address(s: &str) -> Result<String, String> {
    let t = s.trim();
    if let Some(why) = unsafe_address(t) {
        return Err(why.to_string());
    }
    let t = t.trim_start_matches('/');
    if t.is_empty() {
        return Ok(String::new());
    }
    if t.ends_with('/') {
        return Ok(t.to_string());
    }
    let last = t.rsplit('/').next().unwrap_or(t);
    if last.ends_with(".html") || last.ends_with(".htm") {
        Ok(t.to_string())
    } else {
        Ok(format!("{t}/"))
    }
}

/// Does a `permalink` use Jekyll's or Hugo's placeholders (`:title`, `:year`)?
pub fn has_placeholder(s: &str) -> bool {
    s.split('/')
        .any(|p| p.starts_with(':') && p.chars().nth(1).is_some_and(|c| c.is_ascii_alphabetic()))
}

/// Why a `slug` cannot be a URL segment, if it cannot.
pub fn bad_slug(s: &str) -> Option<&'static str> {
    let t = s.trim();
    if t.is_empty() {
        Some("is empty")
    } else if t == "." || t == ".." {
        Some("is `.` or `..`")
    } else if t.contains(['/', '\\', '?', '#']) || t.chars().any(char::is_control) {
        Some("holds `/`, `\\`, `?`, `#` or a control character")
    } else {
        None
    }
}

/// The file a URL path is written to: `a/` → `a/index.html`, `old.html` as it is.
pub fn output_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_pretty() {
        assert_eq!(url_for_rel("_index.md"), "");
        assert_eq!(url_for_rel("sales/_index.md"), "sales/");
        assert_eq!(url_for_rel("sales/index.md"), "sales/");
        assert_eq!(url_for_rel("sales/first-call.md"), "sales/first-call/");
        assert_eq!(url_for_rel("a.md"), "a/");
        assert_eq!(url_for_rel("index.html.md"), "");
        assert_eq!(url_for_rel("tools/index.html.md"), "tools/");
        assert_eq!(url_for_rel("tools/README.md"), "tools/");
        assert_eq!(url_for_rel("tools/readme.md"), "tools/");
        assert_eq!(url_for_rel("tools/slack.html.md"), "tools/slack/");
        assert_eq!(url_for_rel("tools/slack.markdown"), "tools/slack/");
    }

    fn layout(langs: &[&str], docs: &[&str]) -> Layout {
        let langs: Vec<String> = langs.iter().map(|s| s.to_string()).collect();
        Layout::new(&langs, "en", docs.iter().copied(), [])
    }

    #[test]
    fn a_page_beside_its_folder_is_the_folder_page() {
        let l = layout(&[], &["foo.md", "foo/bar.md"]);
        let a = address("foo.md", &l);
        assert!(a.is_section);
        assert_eq!((a.url.as_str(), a.dir.as_str()), ("foo/", "foo"));
        assert!(!address("foo/bar.md", &l).is_section);
    }

    #[test]
    fn hugo_language_trees() {
        let l = layout(&[], &["en/_index.md", "en/a.md", "fr/_index.md", "fr/a.md"]);
        assert_eq!(l.languages.len(), 2);
        assert_eq!(address("en/a.md", &l).url, "a/");
        assert_eq!(address("en/_index.md", &l).url, "");
        let fr = address("fr/a.md", &l);
        assert_eq!((fr.url.as_str(), fr.lang.as_str()), ("fr/a/", "fr"));
        // Another top-level folder: not the Hugo layout.
        let l = layout(&[], &["en/a.md", "sales/a.md"]);
        assert!(l.languages.is_empty());
        assert_eq!(address("en/a.md", &l).url, "en/a/");
    }

    #[test]
    fn written_addresses() {
        assert_eq!(written_address("/a/b").as_deref(), Ok("a/b/"));
        assert_eq!(written_address("a/b/").as_deref(), Ok("a/b/"));
        assert_eq!(written_address("/").as_deref(), Ok(""));
        assert_eq!(written_address("/old.html").as_deref(), Ok("old.html"));
        for bad in [
            "../x",
            "https://x.test/",
            "//x.test/a",
            "javascript:alert(1)",
            "a/./b",
        ] {
            assert!(written_address(bad).is_err(), "{bad}");
        }
        assert!(has_placeholder("/:categories/:title/"));
        assert!(!has_placeholder("/a/b/"));
    }
}
