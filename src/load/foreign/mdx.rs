//! MDX in a body: `import`/`export` statements, `{/* comments */}` and JSX component
//! tags (a capitalised name that is no HTML element).

use super::token::{Kind, MAX_TAG, Scan, drop_until, dropped};

/// An MDX ESM statement: `import X from "y"`, `import "y"`, `export const x = ...`.
pub(super) fn is_esm(t: &str) -> bool {
    if let Some(rest) = t.strip_prefix("import ") {
        let first = rest.lines().next().unwrap_or("");
        let rest = rest.trim_start();
        return rest.starts_with(['"', '\''])
            || first.contains(" from \"")
            || first.contains(" from '")
            || (rest.starts_with('{') && t.contains("} from "));
    }
    if let Some(rest) = t.strip_prefix("export ") {
        let word = rest.split(|c: char| !c.is_ascii_alphanumeric()).next();
        return matches!(
            word,
            Some("const" | "let" | "var" | "function" | "default" | "async" | "class")
        ) || rest.starts_with('{')
            || rest.starts_with('*');
    }
    false
}

/// An MDX comment `{/* ... */}`.
pub(super) fn mdx_comment(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    drop_until(text, i, 3, "*/}", Kind::Mdx, s)
}

/// A JSX component tag: `<Tabs>`, `</Tabs>`, `<Callout type="x" />`, `<Foo.Bar>`. The
/// name starts with a capital and has a small letter (`<NAME>` is a placeholder), and is
/// no HTML element (HTML names are case-insensitive: `<Table>` is HTML).
pub(super) fn jsx(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = i + 1;
    if b.get(j) == Some(&b'/') {
        j += 1;
    }
    let name_start = j;
    if !b.get(j)?.is_ascii_uppercase() {
        return None;
    }
    while b
        .get(j)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.' || *c == b'_')
    {
        j += 1;
    }
    let name = text.get(name_start..j)?;
    if !name.bytes().any(|c| c.is_ascii_lowercase()) || is_html_element(name) {
        return None;
    }
    if !b
        .get(j)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/'))
    {
        return None;
    }
    // The end of the tag: `>` outside quotes and `{...}` expressions.
    let mut quote: Option<u8> = None;
    let mut braces = 0usize;
    let limit = (i + MAX_TAG).min(b.len());
    let mut prev_nl = false;
    while j < limit {
        let c = *b.get(j)?;
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'{' => braces += 1,
                b'}' => braces = braces.saturating_sub(1),
                b'>' if braces == 0 => {
                    let end = j + 1;
                    dropped(s, Kind::Mdx, i..end);
                    return Some(end);
                }
                _ => {}
            },
        }
        if c == b'\n' {
            if prev_nl {
                return None;
            }
            prev_nl = true;
        } else if !c.is_ascii_whitespace() {
            prev_nl = false;
        }
        j += 1;
    }
    None
}

/// HTML and SVG element names (lower case).
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "math",
    "circle",
    "clippath",
    "defs",
    "ellipse",
    "g",
    "line",
    "lineargradient",
    "path",
    "polygon",
    "polyline",
    "radialgradient",
    "rect",
    "stop",
    "symbol",
    "text",
    "use",
    "foreignobject",
    "tspan",
    "marker",
    "mask",
    "pattern",
    "filter",
    "image",
];

fn is_html_element(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    HTML_ELEMENTS.contains(&lower.as_str())
}
