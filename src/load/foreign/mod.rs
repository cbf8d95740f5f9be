//! Syntax of other site generators in a body: Kramdown attribute lists and `{:toc}`,
//! Liquid tags, Hugo shortcodes, ERB, MDX `import`/`export` lines and JSX components.
//!
//! [`scan`] finds them outside code (code spans, code blocks, `<pre>`, `<code>`, HTML
//! comments) and says which bytes to change; [`Scan::apply`] changes them in a copy of
//! the body without moving any other byte (a token becomes spaces, line feeds kept),
//! so every other finding's span stays where it was. [`events`] parses a body with the
//! Markdown inside `<div markdown="1">` (and `aside`, `details`, `p`, ...) rendered.
//!
//! This file declares the parts and runs the scan; each syntax family has a file of
//! its own, over the tokens and blanking in `token.rs`.

mod kramdown;
mod layout;
mod markdown_in_html;
mod mdx;
mod report;
mod tags;
mod token;

pub use markdown_in_html::events;
pub use report::report;
pub use token::{Fate, Found, Kind, Scan};

use kramdown::kramdown;
use layout::{in_code, layout};
use mdx::{is_esm, jsx, mdx_comment};
use std::ops::Range;
use tags::{erb, hugo, liquid};
use token::Edit;

/// Bytes that may start a token; a body without any is not parsed again.
fn may_hold_foreign(text: &str) -> bool {
    // One pass over the `{` and `<` of the body (most bodies have few), then one for
    // `import ` / `export ` at a line start: this runs on every page.
    let b = text.as_bytes();
    for i in memchr::memchr2_iter(b'{', b'<', b) {
        let n1 = b.get(i + 1).copied();
        let n2 = b.get(i + 2).copied();
        let hit = match (b.get(i).copied(), n1, n2) {
            (Some(b'{'), Some(b':' | b'%'), _) => true,
            (Some(b'{'), Some(b'{'), Some(b'<' | b'%')) => true,
            (Some(b'{'), Some(b'/'), Some(b'*')) => true,
            (Some(b'<'), Some(b'%'), _) => true,
            (Some(b'<'), Some(c), _) if c.is_ascii_uppercase() => true,
            (Some(b'<'), Some(b'/'), Some(c)) if c.is_ascii_uppercase() => true,
            _ => false,
        };
        if hit {
            return true;
        }
    }
    memchr::memmem::find_iter(b, b"port ").any(|i| {
        let word = i.checked_sub(2).and_then(|s| b.get(s..i));
        let line_start = i < 3 || b.get(i - 3) == Some(&b'\n');
        line_start && matches!(word, Some(b"im") | Some(b"ex"))
    })
}

/// Find the foreign syntax in a body.
pub fn scan(text: &str) -> Scan {
    let mut s = Scan::default();
    if !may_hold_foreign(text) {
        return s;
    }
    let lay = layout(text);
    let bytes = text.as_bytes();
    // MDX `import` / `export` statements: a top-level paragraph that is one.
    let mut skip: Vec<Range<usize>> = Vec::new();
    for p in &lay.paragraphs {
        let t = text.get(p.clone()).unwrap_or("");
        if is_esm(t) {
            s.found.push(Found {
                kind: Kind::Mdx,
                range: p.start..p.start + t.find('\n').unwrap_or(t.len()),
                fate: Fate::Dropped,
            });
            s.edits.push(Edit {
                range: p.clone(),
                with: String::new(),
            });
            skip.push(p.clone());
        }
    }
    let mut code = lay.code.clone();
    code.extend(skip);
    code.sort_by_key(|r| r.start);

    let mut i = 0;
    while i < bytes.len() {
        let Some(&b) = bytes.get(i) else { break };
        if b != b'{' && b != b'<' {
            i += 1;
            continue;
        }
        if let Some(end) = in_code(&code, i) {
            i = end.max(i + 1);
            continue;
        }
        if i > 0 && bytes.get(i - 1) == Some(&b'\\') {
            i += 1;
            continue;
        }
        let rest = text.get(i..).unwrap_or("");
        let next = if rest.starts_with("{:") {
            kramdown(text, i, &lay, &mut s)
        } else if rest.starts_with("{%") {
            liquid(text, i, &mut s)
        } else if rest.starts_with("{{<") || rest.starts_with("{{%") {
            hugo(text, i, &mut s)
        } else if rest.starts_with("{/*") {
            mdx_comment(text, i, &mut s)
        } else if rest.starts_with("<%") {
            erb(text, i, &mut s)
        } else if b == b'<' {
            jsx(text, i, &mut s)
        } else {
            None
        };
        i = next.unwrap_or(i + 1).max(i + 1);
    }
    s.found.sort_by_key(|f| f.range.start);
    s.edits.sort_by_key(|e| e.range.start);
    // Overlapping edits: the first wins (a list dropped with its `{:toc}` holds others).
    let mut kept: Vec<Edit> = Vec::with_capacity(s.edits.len());
    for e in std::mem::take(&mut s.edits) {
        match kept.last_mut() {
            Some(last) if e.range.start < last.range.end => {
                if e.range.end > last.range.end && last.with.is_empty() && e.with.is_empty() {
                    last.range.end = e.range.end;
                }
            }
            _ => kept.push(e),
        }
    }
    s.edits = kept;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_test_sees_every_kind_and_passes_plain_text() {
        for t in [
            "a {: .x}",
            "{% if %}",
            "x {{< y >}}",
            "x {{% y %}}",
            "{/* c */}",
            "<%= x %>",
            "<Tabs>",
            "a </Tabs>",
            "import X from 'y'",
            "text\nexport const a = 1",
        ] {
            assert!(may_hold_foreign(t), "{t}");
        }
        for t in [
            "plain {{msg:a.b}} and {{ first_name }} <b>x</b> < 3",
            "we import goods",
            "re-export them",
            "",
        ] {
            assert!(!may_hold_foreign(t), "{t}");
        }
    }

    fn applied(text: &str) -> String {
        scan(text).apply(text).into_owned()
    }

    fn kinds(text: &str) -> Vec<Kind> {
        scan(text).found.iter().map(|f| f.kind).collect()
    }

    #[test]
    fn a_line_never_becomes_code() {
        let a = applied("Text\n\n{% include a.html %} see [x](y.md)\n\n{% if x %}\n");
        assert!(
            a.contains("\n&#32;                see [x](y.md)\n"),
            "{a:?}"
        );
        assert!(a.ends_with("\n\n          \n"), "{a:?}");
    }

    #[test]
    fn offsets_are_kept() {
        let t = "A {% include x.html %} b {: .note}\n\n`{% keep %}`\n";
        let a = applied(t);
        assert_eq!(a.len(), t.len());
        assert_eq!(a, "A                      b          \n\n`{% keep %}`\n");
    }

    #[test]
    fn toc_takes_its_list() {
        let a = applied("Intro\n\n* TOC\n{:toc}\n\nText\n");
        assert_eq!(
            a.trim_matches([' ', '\n']),
            "Intro\n\n     \n      \n\nText"
        );
    }

    #[test]
    fn heading_takes_the_id() {
        assert_eq!(
            applied("## Plans\n{: #plans-2}\n"),
            "## Plans {#plans-2}  \n"
        );
        assert_eq!(applied("## Plans {: #p}\n"), "## Plans {#p}  \n");
    }

    #[test]
    fn liquid_in_a_link_keeps_its_argument() {
        let a = applied("See [x][r].\n\n[r]: {% page \"/a/b/\" %}\n");
        assert!(a.contains("\n[r]: /a/b/"), "{a}");
        let a = applied("[x]({% page \"/a/b/\" %}) and {% slack_channel \"dc\" %}.");
        assert!(a.starts_with("[x](/a/b/"), "{a}");
        assert!(a.ends_with(" and                         ."), "{a}");
    }

    #[test]
    fn raw_and_comment() {
        let a = applied("{% raw %}{{ x }} {% y %}{% endraw %} {% comment %}gone{% endcomment %}!");
        assert_eq!(
            a.trim(),
            "&#32;    {{ x }} {% y %}                                              !"
        );
    }

    #[test]
    fn what_is_not_foreign() {
        assert!(
            kinds("Hi {{ first_name }}, see {{msg:a.b}} and <Table> <NAME> {:x => 1}").is_empty()
        );
        assert!(kinds("```\n{% x %}\n<Tabs>\n```\n    {: .x}\n").is_empty());
        assert!(kinds("<!-- {% x %} --> \\{% y %}").is_empty());
        assert!(kinds("import the list from the CRM.\n").is_empty());
    }

    #[test]
    fn each_kind() {
        assert_eq!(
            kinds("{{< note >}}x{{< /note >}}"),
            [Kind::Hugo, Kind::Hugo]
        );
        assert_eq!(kinds("a <%= name %> b"), [Kind::Erb]);
        assert_eq!(
            kinds("import Tabs from '@theme/Tabs';\n\n<Tabs>\nx\n</Tabs>\n"),
            [Kind::Mdx, Kind::Mdx, Kind::Mdx]
        );
        assert_eq!(kinds("Text\n{: .lead}\n"), [Kind::Kramdown]);
    }
}
