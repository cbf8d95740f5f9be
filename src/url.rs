//! URL and HTML-text helpers with no knowledge of the handbook: escaping, entity and
//! percent decoding, path encoding, path joining, heading slugs and link-scheme safety.

/// GitHub-style heading id (github-slugger, and Hugo's default `github` ids):
/// lower-case; letters, combining marks and numbers of every script are kept, as are
/// `-` and `_`; each space becomes `-`; other punctuation and symbols are dropped.
/// Keeping the marks matters: `हिन्दी` without its virama is another word.
pub fn slugify(title: &str) -> String {
    use icu_properties::CodePointMapData;
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    let gc = CodePointMapData::<GeneralCategory>::new();
    let mut s = String::with_capacity(title.len());
    for c in title.trim().chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                s.push(c.to_ascii_lowercase());
            } else if c.is_ascii_whitespace() {
                s.push('-');
            }
        } else if c.is_whitespace() {
            s.push('-');
        } else {
            let cat = gc.get(c);
            if GeneralCategoryGroup::Letter.contains(cat)
                || GeneralCategoryGroup::Mark.contains(cat)
                || GeneralCategoryGroup::Number.contains(cat)
                || cat == GeneralCategory::ConnectorPunctuation
            {
                s.extend(c.to_lowercase());
            }
        }
    }
    s
}

/// Decode the character references an attribute value may hold: numeric ones and the
/// five of XML. (A link's own fragment is decoded by pulldown-cmark, with every name.)
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let semi = after.find(';').filter(|&e| e <= 10);
        let decoded = semi.and_then(|e| {
            let name = after.get(..e)?;
            let c = if let Some(num) = name.strip_prefix('#') {
                let v = match num.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok()?,
                    None => num.parse::<u32>().ok()?,
                };
                char::from_u32(v)?
            } else {
                match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => return None,
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = after.get(e + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escape text for an HTML attribute value (or text): `&`, `"`, `<`, `>` and `'`
/// (as `&#39;`), the same bytes pulldown-cmark writes.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing to a `String` cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Decode `%XX` escapes; text that does not decode to UTF-8 is returned as written.
/// Hand-written (not `percent_encoding::percent_decode_str`), for the same bytes as
/// before: `u8::from_str_radix` also reads `%+f`.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Encode the characters of a path that cannot stand in a URL as they are: a space,
/// `"`, `<`, `>`, and `%`, `?`, `#` (which would start an escape, a query or a
/// fragment), and control characters (a newline in a file name). The file on disk
/// keeps its name; the server decodes the URL back to it. Hand-written: percent-encoding
/// would also encode every non-ASCII byte, which the site's addresses keep as written.
pub fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, ' ' | '"' | '<' | '>' | '%' | '?' | '#' | '\u{7f}') || c < ' ' {
            out.push_str(&format!("%{:02X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Is this link destination outside the handbook (a scheme, or protocol-relative)?
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => !dest.get(..colon).unwrap_or("").contains(['/', '?', '#']),
        None => false,
    }
}

/// Join `rel` onto `folder` and normalise `.` and `..`. Leading `..` that climb out of
/// the content root are kept, so the link is reported as broken.
pub fn join(folder: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if folder.is_empty() {
        Vec::new()
    } else {
        folder.split('/').collect()
    };
    let mut escaped = 0usize;
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    escaped += 1;
                }
            }
            s => parts.push(s),
        }
    }
    let mut out = "../".repeat(escaped);
    out.push_str(&parts.join("/"));
    if rel.ends_with('/') && !out.is_empty() && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// Whether a URL taken from front-matter or `book.toml` may become a link: `http`,
/// `https`, `mailto` or relative. The scheme is compared case-insensitively, after
/// removing whitespace and control characters anywhere (browsers drop tabs and newlines
/// inside a URL) and decoding character references (`&#106;`, `&colon;`).
pub fn url_is_safe(url: &str) -> bool {
    let decoded = decode_references(url);
    let squeezed: String = decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match squeezed.find([':', '/', '?', '#']) {
        Some(at) if squeezed.get(at..at + 1) == Some(":") => {
            let scheme = squeezed.get(..at).unwrap_or("").to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Decode numeric character references and the few named ones that can spell a scheme.
fn decode_references(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + 1..).unwrap_or("");
        let end = after
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .unwrap_or(after.len());
        let name = after.get(..end).unwrap_or("");
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            n.and_then(char::from_u32)
        } else {
            match name.to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            }
        };
        match decoded {
            Some(c) if !name.is_empty() => {
                out.push(c);
                let skip = end + usize::from(after.get(end..end + 1) == Some(";"));
                rest = after.get(skip..).unwrap_or("");
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_normalises() {
        assert_eq!(join("a/b", "../c.md"), "a/c.md");
        assert_eq!(join("", "../c.md"), "../c.md");
        assert_eq!(join("a", "./x/"), "a/x/");
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("The pains (and gains)!"), "the-pains-and-gains");
        assert_eq!(slugify("Überblick 2025"), "überblick-2025");
        assert_eq!(slugify("हिन्दी शीर्षक"), "हिन्दी-शीर्षक");
        assert_eq!(slugify("தமிழ் தலைப்பு"), "தமிழ்-தலைப்பு");
        assert_eq!(slugify("বাংলা শিরোনাম"), "বাংলা-শিরোনাম");
        assert_eq!(slugify("C'est l'été — 100%"), "cest-lété--100");
    }

    #[test]
    fn schemes() {
        for bad in [
            "javascript:alert(1)",
            "jAvAsCrIpT:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:x",
            "\u{1}javascript:x",
            "&#106;avascript:x",
            "javascript&colon;x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!url_is_safe(bad), "{bad:?}");
        }
        for good in [
            "https://example.com/a:b",
            "HTTP://x",
            "mailto:a@b.c",
            "/a/b",
            "../x.md",
            "#frag",
            "page?x=a:b",
            "//cdn.example.com/x",
            "a&b",
        ] {
            assert!(url_is_safe(good), "{good:?}");
        }
    }
}
