//! What `serve` lets through: which request paths name a file of the site, what is
//! removed from a response (the machine's absolute paths), and how the reload script is
//! added to a page (whole, whatever its size).

use std::path::Path;

/// The file of the site a request path names, relative to the site root
/// (`/handbook/sales/` → `sales/index.html`), or `None` when it is not one: outside the
/// base, not UTF-8 once decoded, or with a part that could leave the site or reach a
/// hidden file (`..`, `.git`, an empty part, a backslash, a drive letter, a NUL or other
/// control character). `Some("")` never comes back: a folder gets its `index.html`.
pub fn site_path(base: &str, full: &str) -> Option<String> {
    let rest = match full.strip_prefix(base) {
        Some(rest) => rest,
        // `/handbook` for `/handbook/`.
        None if format!("{full}/") == base => "",
        None => return None,
    };
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?;
    let parts: Vec<&str> = decoded.split('/').collect();
    let last = parts.len().saturating_sub(1);
    let bad = |(i, p): (usize, &&str)| {
        p.starts_with('.')
            || (p.is_empty() && i != last)
            || p.contains(['\\', ':'])
            || p.chars().any(char::is_control)
    };
    if parts.iter().enumerate().any(bad) {
        return None;
    }
    let mut path = decoded.into_owned();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    Some(path)
}

/// Text with every mention of the book root made relative: `/home/a/book/content/x.md`
/// → `content/x.md`, the root alone → `.`. `roots` are the spellings of the root the
/// text may hold (as given and canonical).
pub fn scrub(text: &str, roots: &[String]) -> String {
    let mut out = text.to_string();
    for root in roots.iter().filter(|r| r.len() > 1) {
        let sep = format!("{root}{}", std::path::MAIN_SEPARATOR);
        out = out.replace(&sep, "").replace(root.as_str(), ".");
    }
    out
}

/// [`scrub`] for a response body, when it mentions a root at all (most never do).
pub fn scrub_bytes(bytes: Vec<u8>, roots: &[String]) -> Vec<u8> {
    let found = roots
        .iter()
        .filter(|r| r.len() > 1)
        .any(|r| memchr::memmem::find(&bytes, r.as_bytes()).is_some());
    if !found {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(text) => scrub(&text, roots).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// The spellings of the book root to remove from responses.
pub fn roots(given: &Path, canonical: &Path) -> Vec<String> {
    let mut roots = vec![canonical.display().to_string()];
    if given.is_absolute() {
        roots.push(given.display().to_string());
    }
    // Longest first: a root inside another is replaced before it.
    roots.sort_by_key(|r| std::cmp::Reverse(r.len()));
    roots.dedup();
    roots
}

pub const RELOAD_TAG: &[u8] = b"<script src=\"/__gtmbook/reload.js\"></script>";

/// The page with the reload script before its last `</body>`, or at its end. The page
/// is never cut short, whatever its size.
pub fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let at = memchr::memmem::rfind(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, RELOAD_TAG.iter().copied());
    html
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn site_paths_stay_inside_the_site() {
        assert_eq!(site_path("/", "/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/", "/sales/first-call/").as_deref(),
            Some("sales/first-call/index.html")
        );
        assert_eq!(
            site_path("/", "/assets/style.css").as_deref(),
            Some("assets/style.css")
        );
        assert_eq!(
            site_path("/", "/files/a%20b.pdf").as_deref(),
            Some("files/a b.pdf")
        );
        assert_eq!(
            site_path("/handbook/", "/handbook").as_deref(),
            Some("index.html")
        );
        assert_eq!(
            site_path("/handbook/", "/handbook/x/").as_deref(),
            Some("x/index.html")
        );
        // A name that merely contains dots is a file.
        assert_eq!(
            site_path("/", "/files/v1..2.txt").as_deref(),
            Some("files/v1..2.txt")
        );
        for bad in [
            "/../book.toml",
            "/%2e%2e/book.toml",
            "/%2E%2E/book.toml",
            "/sales/../../etc/passwd",
            "/sales/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/%2e%2e%5cbook.toml",
            "/..%5c..%5cbook.toml",
            "//etc/passwd",
            "/%2fetc%2fpasswd",
            "/C:/Windows/win.ini",
            "/C%3a%5cWindows",
            "/index.html%00.css",
            "/a%0a.html",
            "/.git/config",
            "/sales//x",
            "/%ff%fe",
        ] {
            assert_eq!(site_path("/", bad), None, "{bad}");
        }
        assert_eq!(site_path("/handbook/", "/other/"), None);
    }

    #[test]
    fn scrub_makes_root_paths_relative() {
        let roots = vec!["/tmp/book".to_string()];
        assert_eq!(
            scrub("error: /tmp/book/content/a.md: bad; in /tmp/book", &roots),
            "error: content/a.md: bad; in ."
        );
        assert_eq!(scrub("content/a.md:1:2", &roots), "content/a.md:1:2");
        let bytes = scrub_bytes(b"<p>/tmp/book/static/x</p>".to_vec(), &roots);
        assert_eq!(bytes, b"<p>static/x</p>");
        let other = b"\xff\x00binary".to_vec();
        assert_eq!(scrub_bytes(other.clone(), &roots), other);
    }

    #[test]
    fn inject_keeps_a_page_over_64_mib_whole() {
        // The script used to be added after reading the body with a 64 MiB limit: a
        // larger page came out empty.
        let mut page = b"<html><body>".to_vec();
        page.resize(65 * 1024 * 1024, b'x');
        page.extend_from_slice(b"</body></html>");
        let len = page.len();
        let out = inject(page);
        assert_eq!(out.len(), len + RELOAD_TAG.len());
        assert!(out.ends_with(b"<script src=\"/__gtmbook/reload.js\"></script></body></html>"));
        assert_eq!(inject(b"plain".to_vec()), [b"plain", RELOAD_TAG].concat());
    }
}
