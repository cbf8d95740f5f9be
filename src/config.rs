//! `book.toml` → [`Config`] (SPEC 2). Every key has a default except `book.title`;
//! an unknown key is a warning that names the key and the file, never a silent pass.

use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Error;
use crate::rules;
use crate::source::{FileId, SourceFile, Span};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The date keys `[lint] reviewed_from` may name.
pub const DATE_KEYS: &[&str] = &["date", "lastmod", "last_modified_at"];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Config {
    pub book: BookConfig,
    pub build: BuildConfig,
    pub lint: LintConfig,
    pub serve: ServeConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct BookConfig {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub base_url: String,
    pub edit_url: Option<String>,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig {
            title: String::new(),
            description: None,
            language: "en".into(),
            base_url: "/".into(),
            edit_url: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct BuildConfig {
    pub content: String,
    pub output: String,
    pub theme: String,
    pub drafts: bool,
    pub sanitize: bool,
    /// Language codes whose top-level content folder (`content/fr/`) is that language's
    /// tree; empty: the Hugo layout is detected.
    pub languages: Vec<String>,
    /// The path prefix an imported content folder was served at (`/handbook/`): site
    /// links under it resolve to the content root. Normalised to `/x/` (empty: none).
    pub mount: String,
    /// Globs of paths under the content folder that are not loaded, published or
    /// checked (gitignore-like; see [`Exclude`]).
    pub exclude: Vec<String>,
    /// `exclude`, compiled when the file is parsed.
    #[serde(skip)]
    pub excluded: Exclude,
    /// Commits of the content folder the messaging changelog page looks back over
    /// (0: no changelog page).
    pub changelog: usize,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            content: "content".into(),
            output: "public".into(),
            theme: "default".into(),
            drafts: false,
            sanitize: false,
            languages: Vec::new(),
            mount: String::new(),
            exclude: Vec::new(),
            excluded: Exclude::default(),
            changelog: 50,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct LintConfig {
    pub review_every_days: i64,
    pub drift_threshold: f64,
    pub min_sentence_words: usize,
    /// `claim/mismatch`: "exact" or "display" (a figure rounded for display matches).
    pub claim_rounding: String,
    pub rules: BTreeMap<String, String>,
    /// Front-matter keys of the project's own, accepted without `frontmatter/unknown-key`.
    pub extra_keys: Vec<String>,
    /// Date keys (`date`, `lastmod`, `last_modified_at`) read as `reviewed` when a
    /// document has none, in order of preference.
    pub reviewed_from: Vec<String>,
    /// A baseline file (from the book's root) of accepted findings, hidden from reports.
    pub baseline: Option<String>,
    /// `check` fails when the trust score (the share of documents within their review
    /// period and without errors, 0 to 1) is below it; `None`: off.
    pub min_trust: Option<f64>,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            review_every_days: 180,
            drift_threshold: 0.6,
            min_sentence_words: 5,
            claim_rounding: "exact".into(),
            rules: BTreeMap::new(),
            extra_keys: Vec::new(),
            reviewed_from: Vec::new(),
            baseline: None,
            min_trust: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ServeConfig {
    pub host: String,
    pub port: u16,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            host: "127.0.0.1".into(),
            port: 3000,
        }
    }
}

const KNOWN: &[(&str, &[&str])] = &[
    (
        "book",
        &["title", "description", "language", "base_url", "edit_url"],
    ),
    (
        "build",
        &[
            "content",
            "output",
            "theme",
            "drafts",
            "sanitize",
            "languages",
            "mount",
            "exclude",
            "changelog",
        ],
    ),
    (
        "lint",
        &[
            "review_every_days",
            "drift_threshold",
            "min_sentence_words",
            "claim_rounding",
            "rules",
            "extra_keys",
            "reviewed_from",
            "baseline",
            "min_trust",
        ],
    ),
    ("serve", &["host", "port"]),
];

impl Config {
    /// Parse `book.toml`. A syntax or type error stops the tool (exit 2); unknown keys and
    /// bad rule severities come back as diagnostics.
    pub fn parse(file: &SourceFile, id: FileId) -> Result<(Config, Vec<Diagnostic>), Error> {
        let at = |range: Option<std::ops::Range<usize>>| {
            let off = range.map(|r| r.start).unwrap_or(0);
            let (l, c) = file.line_col(off);
            format!("{}:{l}:{c}", file.path)
        };
        let mut config: Config = toml::from_str(&file.text).map_err(|e| Error::Config {
            at: at(e.span()),
            message: e.message().trim().to_string(),
        })?;
        if config.book.title.trim().is_empty() {
            return Err(Error::Config {
                at: format!("{}:1:1", file.path),
                message: "`[book] title` is required".into(),
            });
        }
        if !config.book.base_url.ends_with('/') {
            config.book.base_url.push('/');
        }
        if !config.book.base_url.starts_with('/') && !config.book.base_url.contains("://") {
            config.book.base_url.insert(0, '/');
        }
        let mount = config.build.mount.trim().trim_matches('/');
        config.build.mount = if mount.is_empty() {
            String::new()
        } else {
            format!("/{mount}/")
        };
        // A `javascript:` base would turn every link of the site into code; `link/unsafe`
        // reports it from the file, and the site is built at `/`.
        if !crate::url::url_is_safe(&config.book.base_url) {
            config.book.base_url = "/".into();
        }
        if !(0.0..=1.0).contains(&config.lint.drift_threshold) {
            return Err(Error::Config {
                at: at(None),
                message: format!(
                    "`lint.drift_threshold` must be between 0 and 1, not {}",
                    config.lint.drift_threshold
                ),
            });
        }
        if !matches!(config.lint.claim_rounding.as_str(), "exact" | "display") {
            return Err(Error::Config {
                at: at(None),
                message: format!(
                    "`lint.claim_rounding` must be \"exact\" or \"display\", not {:?}",
                    config.lint.claim_rounding
                ),
            });
        }
        if let Some(bad) = config
            .lint
            .reviewed_from
            .iter()
            .find(|k| !DATE_KEYS.contains(&k.as_str()))
        {
            return Err(Error::Config {
                at: at(None),
                message: format!(
                    "`lint.reviewed_from` names date keys ({}), not {bad:?}",
                    DATE_KEYS.join(", ")
                ),
            });
        }
        if let Some(bad) = config.build.languages.iter().find(|l| !is_language_tag(l)) {
            return Err(Error::Config {
                at: at(key_span(&file.text, "languages")),
                message: format!(
                    "`build.languages` lists language codes (`en`, `fr`, `pt-BR`), not {bad:?}"
                ),
            });
        }
        if config.build.mount.split('/').any(|p| p == "..")
            || config.build.mount.contains(['\\', ':', '?', '#'])
        {
            return Err(Error::Config {
                at: at(key_span(&file.text, "mount")),
                message: format!(
                    "`build.mount` is a path on the site such as \"/handbook/\", not {:?}",
                    config.build.mount
                ),
            });
        }
        config.build.excluded =
            Exclude::new(&config.build.exclude).map_err(|message| Error::Config {
                at: at(key_span(&file.text, "exclude")),
                message,
            })?;
        let mut diags = Vec::new();
        if let Some(min) = config.lint.min_trust
            && !(0.0..=1.0).contains(&min)
        {
            let s = key_span(&file.text, "min_trust").unwrap_or(0..0);
            diags.push(Diagnostic::new(
                &rules::CONFIG_INVALID,
                Span::new(id, s.start, s.end),
                format!(
                    "`lint.min_trust` is a share between 0 and 1 (0.8 is 80%), not {min}; it is ignored"
                ),
            ));
            config.lint.min_trust = None;
        }
        if let Ok(table) = toml::de::DeTable::parse(&file.text) {
            for (key, value) in table.get_ref().iter() {
                let key_name: &str = key.get_ref();
                let Some((_, known)) = KNOWN.iter().find(|(k, _)| *k == key_name) else {
                    diags.push(unknown(
                        id,
                        key.span(),
                        key_name,
                        KNOWN.iter().map(|(k, _)| *k),
                    ));
                    continue;
                };
                let Some(inner) = value.get_ref().as_table() else {
                    continue;
                };
                for (k, v) in inner.iter() {
                    let name: &str = k.get_ref();
                    if !known.contains(&name) {
                        let full = format!("{key_name}.{name}");
                        diags.push(unknown(id, k.span(), &full, known.iter().copied()));
                    } else if key_name == "lint"
                        && name == "rules"
                        && let Some(rules) = v.get_ref().as_table()
                    {
                        {
                            for (rule, sev) in rules.iter() {
                                let rule_name: &str = rule.get_ref();
                                if rules::find(rule_name).is_none() {
                                    diags.push(unknown_rule(id, rule.span(), rule_name));
                                }
                                let ok = sev
                                    .get_ref()
                                    .as_str()
                                    .is_some_and(|s| Severity::parse(s).is_some());
                                if !ok {
                                    let s = sev.span();
                                    diags.push(
                                        Diagnostic::new(
                                            &rules::CONFIG_INVALID,
                                            Span::new(id, s.start, s.end),
                                            format!(
                                                "severity of `{rule_name}` must be \"error\", \"warning\", \"info\" or \"off\""
                                            ),
                                        )
                                        .severity(Severity::Warning),
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok((config, diags))
    }

    /// The configured severity of a rule: `None` when it is switched off.
    pub fn severity_of(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.lint.rules.get(rule) {
            Some(s) => Severity::parse(s).unwrap_or(Some(default)),
            None => Some(default),
        }
    }
}

fn unknown<'a>(
    file: FileId,
    span: std::ops::Range<usize>,
    key: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let last = key.rsplit('.').next().unwrap_or(key);
    let mut d = Diagnostic::new(
        &rules::CONFIG_UNKNOWN_KEY,
        Span::new(file, span.start, span.end),
        format!("unknown key `{key}` in book.toml"),
    );
    if let Some(best) = crate::suggest::did_you_mean(last, candidates) {
        d = d.help(format!("did you mean `{best}`?"));
    }
    d
}

fn unknown_rule(file: FileId, span: std::ops::Range<usize>, rule: &str) -> Diagnostic {
    let mut d = Diagnostic::new(
        &rules::CONFIG_UNKNOWN_KEY,
        Span::new(file, span.start, span.end),
        format!("unknown rule `{rule}` in [lint.rules]"),
    );
    if let Some(best) = crate::suggest::did_you_mean(rule, rules::ALL.iter().map(|r| r.id)) {
        d = d.help(format!("did you mean `{best}`?"));
    }
    d
}

/// Where `[section] key` is written in `book.toml`, for an error about its value.
fn key_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            let start = offset + (line.len() - t.len());
            return Some(start..start + key.len());
        }
        offset += line.len();
    }
    None
}

/// `[build] exclude`, compiled. Patterns follow `.gitignore`: a pattern without a `/`
/// (`*.tmp.md`, `README.md`, `drafts`) matches a file or folder name at any depth; one
/// with a `/` (`drafts/**`, `/notes.md`, `team/old/`) is matched from the content folder.
/// A pattern that matches a folder excludes everything under it. `*` and `?` stay within
/// one path part; `**` crosses folders.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    set: globset::GlobSet,
}

impl Exclude {
    /// Compile the patterns; an invalid one is an error naming it.
    pub fn new(patterns: &[String]) -> Result<Exclude, String> {
        let mut builder = globset::GlobSetBuilder::new();
        for pattern in patterns {
            let p = pattern.trim();
            let folder_only = p.ends_with('/');
            let p = p.trim_end_matches('/');
            let anchored = p.starts_with('/');
            let p = p.trim_start_matches('/');
            if p.is_empty() {
                return Err(format!(
                    "`[build] exclude`: the pattern {pattern:?} matches nothing; remove it"
                ));
            }
            let base = if anchored || p.contains('/') {
                p.to_string()
            } else {
                format!("**/{p}")
            };
            let mut forms = vec![format!("{base}/**")];
            if !folder_only {
                forms.push(base);
            }
            for form in forms {
                let glob = globset::GlobBuilder::new(&form)
                    .literal_separator(true)
                    .backslash_escape(true)
                    .build()
                    .map_err(|e| {
                        format!(
                            "`[build] exclude`: {pattern:?} is not a valid glob: {}",
                            e.kind()
                        )
                    })?;
                builder.add(glob);
            }
        }
        let set = builder
            .build()
            .map_err(|e| format!("`[build] exclude`: {e}"))?;
        Ok(Exclude { set })
    }

    /// Is `rel` (from the content folder, `/`-separated) excluded?
    pub fn matches(&self, rel: &str) -> bool {
        !self.set.is_empty() && self.set.is_match(rel.trim_start_matches('/'))
    }
}

/// A language code as `[build] languages` takes it: two or three letters, then
/// `-` parts of letters and digits (`en`, `pt-BR`, `zh-hant`).
fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod exclude_tests {
    #![allow(clippy::unwrap_used)]
    use super::Exclude;

    fn ex(p: &[&str]) -> Exclude {
        Exclude::new(&p.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn gitignore_like() {
        let e = ex(&["drafts/**", "*.tmp.md", "README.md", "/notes.md", "old/"]);
        assert!(e.matches("drafts/a.md"));
        assert!(e.matches("drafts/deep/a.md"));
        assert!(!e.matches("team/drafts/a.md"));
        assert!(e.matches("x.tmp.md"));
        assert!(e.matches("a/b/x.tmp.md"));
        assert!(e.matches("README.md"));
        assert!(e.matches("a/README.md"));
        assert!(e.matches("notes.md"));
        assert!(!e.matches("a/notes.md"));
        assert!(e.matches("old/a.md"));
        assert!(e.matches("x/old/a.md"));
        assert!(!e.matches("old"));
        assert!(!e.matches("index.md"));
        assert!(!ex(&[]).matches("a.md"));
    }

    #[test]
    fn a_bad_glob_is_named() {
        let err = Exclude::new(&["a[".to_string()]).unwrap_err();
        assert!(err.contains("\"a[\""), "{err}");
    }
}
