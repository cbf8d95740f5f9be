//! The one link resolver: where a link written in a page points on the published site.
//! `check` (`link/broken`), `build` and `serve` (the `href` written into the HTML) and
//! `impact` (backlinks) all ask it, so they can never disagree.
//!
//! It works on the model after loading, against each document's `url` and the `by_url`
//! and `by_rel` indexes, so a URL set by front-matter (`slug`, `permalink`) or a language
//! prefix is honoured without the loader knowing anything about links.
//!
//! - A `.md` target (or any path naming a document's file) resolves from the source
//!   file's folder: that reading is unambiguous.
//! - Any other relative target resolves from the page's URL, as a browser does on the
//!   published site: `tools/slack.md` is at `/tools/slack/`, so `getting-started/` means
//!   `/tools/slack/getting-started/` (what Hugo, Jekyll and Eleventy produce).
//! - A site path `/a/b/` is taken under `base_url`, under `[build] mount`, or as it is.
//!   `/a/b`, `/a/b/`, `/a/b.html` and `/a/b/index.html` all name the page `/a/b/`.
//!   A query string is ignored.

use super::{Document, GENERATED, Handbook, Link, OPTIONAL_GENERATED, Target};
use crate::url::join;

/// How a link came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// What it points at on the site; `None`: nothing there.
    pub target: Option<Target>,
    /// The site path (from the site root, no `base_url`) the link points at on the site,
    /// for messages: `tools/slack/getting-started/`.
    pub site_path: String,
    /// A broken link that reading from the source folder would place (what gtmbook did
    /// before, and what a file browser shows): the target and its site path.
    pub from_folder: Option<(Target, String)>,
    /// The path that matched, for an asset or generated page (its href).
    matched: Option<String>,
}

impl Resolved {
    fn found(target: Target, site_path: String, matched: String) -> Resolved {
        Resolved {
            target: Some(target),
            site_path,
            from_folder: None,
            matched: Some(matched),
        }
    }
}

/// The folder of a source file from the content root: `tools` for `tools/slack.md`.
fn folder_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// The folder a browser resolves relative links from: the URL up to its last `/`.
fn url_base(url: &str) -> &str {
    match url.rfind('/') {
        Some(i) => url.get(..i).unwrap_or(""),
        None => "",
    }
}

/// Is this path a document's file name (`.md` or one of the other Markdown endings)?
fn names_markdown(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".md") || p.ends_with(".markdown")
}

/// The path part of `base_url` (`/docs/` of `https://example.com/docs/`).
fn base_path(base_url: &str) -> &str {
    match base_url.find("://") {
        Some(i) => {
            let rest = base_url.get(i + 3..).unwrap_or("");
            rest.find('/').and_then(|j| rest.get(j..)).unwrap_or("/")
        }
        None => base_url,
    }
}

impl Handbook {
    /// What a link of document `from` points at on the site (`None`: nothing).
    pub fn resolve(&self, from: usize, link: &Link) -> Option<Target> {
        let doc = self.docs.get(from)?;
        resolve(self, doc, link).target
    }
}

/// Resolve a link of document `from`.
pub fn resolve(hb: &Handbook, from: &Document, link: &Link) -> Resolved {
    let path = link.path.as_str();
    if path.is_empty() {
        let target = hb.by_rel.get(&from.rel).map(|&i| Target::Doc(i));
        return Resolved {
            target,
            site_path: from.url.clone(),
            from_folder: None,
            matched: None,
        };
    }
    if path.starts_with('/') {
        return site_absolute(hb, path);
    }
    if let Some(rest) = template_base(path) {
        return site_absolute(hb, &format!("/{}", rest.trim_start_matches('/')));
    }
    let from_file = join(folder_of(&from.rel), path);
    if names_markdown(path) {
        if let Some(&i) = hb.by_rel.get(&from_file) {
            return Resolved::found(Target::Doc(i), from_file.clone(), from_file);
        }
        return Resolved {
            target: None,
            site_path: super::url_for_rel(&from_file),
            from_folder: None,
            matched: None,
        };
    }
    let on_site = join(url_base(&from.url), path);
    if let Some(r) = lookup(hb, &on_site) {
        return r;
    }
    let from_folder = if on_site != from_file {
        lookup(hb, &from_file).and_then(|r| r.target.map(|t| (t, r.site_path)))
    } else {
        None
    };
    Resolved {
        target: None,
        site_path: on_site,
        from_folder,
        matched: None,
    }
}

/// The rest of a link that starts with the site's base URL as Jekyll, Eleventy or
/// Hugo templates write it (`{{ site.baseurl }}/x/`, `{{base.baseurl}}/x/`): imported
/// pages keep it, and it means what `base_url` means here.
fn template_base(path: &str) -> Option<&str> {
    let inner_end = path.strip_prefix("{{")?.find("}}")?;
    let inner = path.get(2..2 + inner_end)?.trim();
    let name = inner.rsplit('.').next().unwrap_or(inner).trim();
    let is_base = matches!(
        name.to_ascii_lowercase().as_str(),
        "baseurl" | "base_url" | "base-url"
    );
    is_base.then(|| path.get(2 + inner_end + 2..).unwrap_or(""))
}

/// A site path: under `base_url` and `[build] mount`, under either, or as written.
fn site_absolute(hb: &Handbook, path: &str) -> Resolved {
    let base = base_path(&hb.config.book.base_url);
    let mount = hb.config.build.mount.as_str();
    let after_base = strip_dir(path, base);
    let mut tries: Vec<String> = Vec::with_capacity(4);
    for p in [
        after_base.and_then(|p| strip_dir(p, mount)),
        after_base,
        strip_dir(path, mount),
        Some(path),
    ]
    .into_iter()
    .flatten()
    {
        let norm = join("", p);
        if !tries.contains(&norm) {
            tries.push(norm);
        }
    }
    for t in &tries {
        if let Some(r) = lookup(hb, t) {
            return r;
        }
    }
    Resolved {
        target: None,
        site_path: tries.into_iter().next().unwrap_or_default(),
        from_folder: None,
        matched: None,
    }
}

/// `path` without the folder prefix `dir` (`/handbook/`); `None` when it is not under it.
/// An empty or `/` prefix strips the leading slash only.
fn strip_dir<'a>(path: &'a str, dir: &str) -> Option<&'a str> {
    let dir = dir.trim_matches('/');
    let path = path.strip_prefix('/').unwrap_or(path);
    if dir.is_empty() {
        return Some(path);
    }
    let rest = path.strip_prefix(dir)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix('/')
    }
}

/// What is at a site path (from the site root, normalised, no leading slash).
fn lookup(hb: &Handbook, p: &str) -> Option<Resolved> {
    if p.starts_with("../") || p == ".." {
        return None;
    }
    if let Some(&i) = hb.by_rel.get(p) {
        let url = hb.docs.get(i).map(|d| d.url.clone()).unwrap_or_default();
        return Some(Resolved::found(Target::Doc(i), url, p.to_string()));
    }
    if hb.assets.contains(p) {
        return Some(Resolved::found(Target::Other, p.to_string(), p.to_string()));
    }
    // The page forms: `a/b`, `a/b/`, `a/b.html`, `a/b/index.html`.
    let page = if let Some(d) = p.strip_suffix("index.html") {
        d.to_string()
    } else if let Some(d) = p.strip_suffix(".html") {
        format!("{d}/")
    } else if p.is_empty() || p.ends_with('/') {
        p.to_string()
    } else {
        format!("{p}/")
    };
    if let Some(&i) = hb.by_url.get(&page) {
        let url = hb.docs.get(i).map(|d| d.url.clone()).unwrap_or_default();
        return Some(Resolved::found(Target::Doc(i), url.clone(), url));
    }
    // An old address (`aliases`, `redirect_from`) is answered by a redirect page; the
    // link goes straight to the page it names.
    if let Some(&i) = hb.by_alias.get(&page).or_else(|| hb.by_alias.get(p)) {
        let url = hb.docs.get(i).map(|d| d.url.clone()).unwrap_or_default();
        return Some(Resolved::found(Target::Doc(i), url.clone(), url));
    }
    let trimmed = page.trim_end_matches('/');
    let p_trimmed = p.trim_end_matches('/');
    if hb.assets.contains(p_trimmed) {
        return Some(Resolved::found(
            Target::Other,
            p_trimmed.to_string(),
            p_trimmed.to_string(),
        ));
    }
    if hb.assets.contains(&format!("{trimmed}/index.html"))
        || GENERATED
            .iter()
            .chain(OPTIONAL_GENERATED)
            .any(|(u, _)| *u == page)
        || hb.nav.sections.contains_key(trimmed)
        || matches!(
            p_trimmed,
            "api/messages.json" | "api/claims.json" | "api/terms.json"
        )
    {
        let at = if p_trimmed.ends_with(".json") {
            p_trimmed.to_string()
        } else {
            page.clone()
        };
        return Some(Resolved::found(Target::Other, page, at));
    }
    None
}

/// Letters, marks and numbers only, lower-case: how ids made by different sluggers
/// compare (`508---accessibility`, `508-accessibility`; `step-5:-take-your-leave`).
fn loose(id: &str) -> String {
    crate::url::slugify(id)
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .collect()
}

/// The id on `target` that a link's fragment means: the fragment itself when the page
/// has it, else the one heading or anchor whose id differs from it only in case and
/// punctuation (a link written for another generator's slugger, or `#FAQ` for
/// `## FAQ`). `None`: no such element.
pub fn anchor<'d>(target: &'d Document, fragment: &str) -> Option<&'d str> {
    let ids = || {
        target
            .body
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(target.body.anchors.iter().map(String::as_str))
    };
    if let Some(id) = ids().find(|id| *id == fragment) {
        return Some(id);
    }
    let want = loose(fragment);
    if want.is_empty() {
        return None;
    }
    let mut found = ids().filter(|id| loose(id) == want);
    if let Some(first) = found.next() {
        // Two headings that compare the same: the link cannot say which.
        return found.all(|id| id == first).then_some(first);
    }
    // Sluggers that spell `&` as "and" (`## Meals (M&IE)` → `#meals-m-and-ie`).
    let mut found = target
        .body
        .headings
        .iter()
        .filter(|h| h.title.contains('&') && loose(&h.title.replace('&', " and ")) == want)
        .map(|h| h.id.as_str());
    let first = found.next()?;
    found.all(|id| id == first).then_some(first)
}

/// The `href` to write for a link: the real URL of what it resolves to, with the query
/// and fragment as written. A link that resolves to nothing keeps its destination (a
/// `.md` one becomes that file's page URL), so the site shows what the source says.
pub fn href(hb: &Handbook, from: &Document, link: &Link) -> String {
    let raw = link.raw.as_str();
    let tail_at = raw.find(['?', '#']).unwrap_or(raw.len());
    let tail = raw.get(tail_at..).unwrap_or("");
    let r = resolve(hb, from, link);
    let base = &hb.config.book.base_url;
    let mut out = match (&r.target, &r.matched) {
        // This page: the fragment alone, as written.
        _ if link.path.is_empty() => String::new(),
        (Some(Target::Doc(i)), _) => match hb.docs.get(*i) {
            Some(d) => hb.url(d),
            None => raw.get(..tail_at).unwrap_or("").to_string(),
        },
        (Some(Target::Other), Some(m)) => {
            format!("{base}{}", crate::url::encode_path(m))
        }
        _ if names_markdown(&link.path) => {
            format!("{base}{}", crate::url::encode_path(&r.site_path))
        }
        _ => escape_href(raw.get(..tail_at).unwrap_or("")),
    };
    // A fragment for another slugger's id points at the id this page really has.
    // A message's id in the short form it had on its house (`#msg-one-liner`) points
    // at the id it has now (`#msg-platform-one-liner`).
    let fixed = match (&r.target, &link.anchor) {
        (Some(Target::Doc(i)), Some(a)) => hb.docs.get(*i).and_then(|d| {
            anchor(d, a).map(str::to_string).or_else(|| {
                d.messages
                    .iter()
                    .find(|m| super::anchors::message_short(&m.id.value) == *a)
                    .map(|m| super::anchors::message(&m.full))
            })
        }),
        _ => None,
    }
    .filter(|id| id != a_or_empty(&link.anchor));
    match (fixed, tail.find('#')) {
        (Some(id), Some(h)) => {
            out.push_str(&escape_href(tail.get(..h).unwrap_or("")));
            out.push('#');
            out.push_str(&escape_href(&id));
        }
        _ => out.push_str(&escape_href(tail)),
    }
    out
}

fn a_or_empty(a: &Option<String>) -> &str {
    a.as_deref().unwrap_or("")
}

/// Percent-encode what cannot stand in an `href` as it is, as pulldown-cmark does for
/// the links it writes (`%` is kept: the author's escapes stay escapes).
fn escape_href(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let safe = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b'-'
                    | b'.'
                    | b'/'
                    | b':'
                    | b';'
                    | b'='
                    | b'?'
                    | b'@'
                    | b'^'
                    | b'_'
                    | b'~'
            );
        if safe {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(strip_dir("/handbook/a/", "/handbook/"), Some("a/"));
        assert_eq!(strip_dir("/handbook", "handbook"), Some(""));
        assert_eq!(strip_dir("/handbooks/a", "/handbook/"), None);
        assert_eq!(strip_dir("/a/", "/"), Some("a/"));
        assert_eq!(base_path("https://example.com/docs/"), "/docs/");
        assert_eq!(base_path("https://example.com"), "/");
        assert_eq!(url_base("tools/slack/"), "tools/slack");
        assert_eq!(url_base(""), "");
        assert_eq!(escape_href("#caf\u{e9} x"), "#caf%C3%A9%20x");
        assert_eq!(template_base("{{ site.baseurl }}/a/"), Some("/a/"));
        assert_eq!(template_base("{{base.baseurl}}/a/"), Some("/a/"));
        assert_eq!(template_base("{{site.base_url}}"), Some(""));
        assert_eq!(template_base("{{ page.title }}/a/"), None);
    }
}
