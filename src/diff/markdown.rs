//! `gtmbook diff --format markdown`: the pull-request comment. A summary line, a table of
//! the changes with old and new values, the pages reached per channel, links that may
//! be broken, and the findings of `check` in the changed files; a long list is folded
//! into `<details>`. Every value is user text and is escaped for Markdown and HTML (and
//! `@` so that no one is mentioned by a handbook sentence).

use super::report::{Reached, Report};
use crate::model::CHANNELS;

/// Lists longer than this are folded.
const FOLD: usize = 10;

/// User text as literal Markdown in a table cell or a list item.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => out.push_str("&#64;"),
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '+' | '!' | '|' | '~' | '{'
            | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An id or path in a code span, when it can be one; else escaped text.
fn code(s: &str) -> String {
    if s.contains(['`', '|', '\n']) || s.is_empty() {
        escape(s)
    } else {
        format!("`{s}`")
    }
}

fn fold(out: &mut String, title: &str, n: usize, body: &str) {
    if n > FOLD {
        out.push_str(&format!(
            "<details><summary>{title} ({n})</summary>\n\n{body}\n</details>\n\n"
        ));
    } else {
        out.push_str(&format!("**{title}**\n\n{body}\n"));
    }
}

fn page(p: &Reached) -> String {
    let mut s = format!("{} ({})", escape(&p.title), code(&p.file));
    if let Some(o) = &p.owner {
        s.push_str(&format!(", owner {}", escape(o)));
    }
    s
}

pub fn markdown(r: &Report) -> String {
    let mut out = format!(
        "### Handbook changes: {} → {}\n\n**{}**\n\n",
        code(&r.from),
        escape(&r.to),
        escape(&r.summary.text)
    );
    if !r.changes.is_empty() {
        let mut table = String::from(
            "| Item | Change | Field | Old | New |\n| --- | --- | --- | --- | --- |\n",
        );
        let mut rows = 0;
        for c in &r.changes {
            let mut item = format!("{} {}", c.kind, code(&c.id));
            if let Some(old) = &c.old_id {
                item.push_str(&format!(" (was {})", code(old)));
            } else if let Some(f) = &c.old_file {
                item.push_str(&format!(" (from {})", code(f)));
            }
            if c.fields.is_empty() {
                table.push_str(&format!("| {item} | {} | | | |\n", c.change));
                rows += 1;
            }
            for (n, f) in c.fields.iter().enumerate() {
                let (item, what) = if n == 0 {
                    (item.as_str(), c.change)
                } else {
                    ("", "")
                };
                let cell = |v: &Option<String>| v.as_deref().map(escape).unwrap_or_default();
                let mut new = cell(&f.new);
                if let Some(w) = &f.words {
                    if !new.is_empty() {
                        new.push_str("<br>");
                    }
                    new.push_str(&format!("<sub>{}</sub>", escape(w)));
                }
                table.push_str(&format!(
                    "| {item} | {what} | {} | {} | {new} |\n",
                    f.field,
                    cell(&f.old)
                ));
                rows += 1;
            }
        }
        fold(&mut out, "Changes", rows, &table);
    }
    // Pages per channel, in the order of the channel list.
    let mut names: Vec<&String> = r.channels.keys().collect();
    let rank = |c: &str| {
        CHANNELS
            .iter()
            .position(|x| *x == c)
            .unwrap_or(CHANNELS.len())
    };
    names.sort_by_key(|c| (rank(c), c.as_str()));
    if !names.is_empty() {
        let mut body = String::new();
        let mut n = 0;
        for ch in names {
            let Some(list) = r.channels.get(ch) else {
                continue;
            };
            let label = if ch == "none" {
                "no channel"
            } else {
                ch.as_str()
            };
            body.push_str(&format!("- **{}** ({}): ", escape(label), list.len()));
            body.push_str(&list.iter().map(page).collect::<Vec<_>>().join("; "));
            body.push('\n');
            n += list.len();
        }
        fold(&mut out, "Pages reached, by channel", n, &body);
    }
    let broken: Vec<String> = r
        .changes
        .iter()
        .flat_map(|c| {
            c.broken_links.iter().map(move |p| {
                format!(
                    "- {} links to {}, which is gone or moved\n",
                    code(&p.file),
                    code(c.old_file.as_deref().unwrap_or(&c.file))
                )
            })
        })
        .collect();
    if !broken.is_empty() {
        fold(
            &mut out,
            "Links that may be broken",
            broken.len(),
            &broken.concat(),
        );
    }
    if r.findings.is_empty() {
        out.push_str("No findings in the changed files.\n");
    } else {
        let body: String = r
            .findings
            .iter()
            .map(|f| {
                format!(
                    "- {} `{}` {}:{}:{} {}\n",
                    f.severity,
                    f.rule.id,
                    code(&f.file),
                    f.line,
                    f.column,
                    escape(&f.message)
                )
            })
            .collect();
        fold(
            &mut out,
            "Findings in the changed files",
            r.findings.len(),
            &body,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_stays_text_in_a_table_cell() {
        assert_eq!(
            escape("a | *b* [c](d) <i>@e</i>\nf"),
            "a \\| \\*b\\* \\[c\\]\\(d\\) &lt;i&gt;&#64;e&lt;/i&gt; f"
        );
        assert_eq!(code("core.one-liner"), "`core.one-liner`");
        assert_eq!(code("a`b"), "a\\`b");
    }
}
