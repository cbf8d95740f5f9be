//! Template tags in a body: Liquid `{% ... %}` (with `raw` and `comment`), Hugo
//! shortcodes `{{< ... >}}` and ERB `<% ... %>`; a tag in a link target is replaced by
//! its argument.

use super::token::{Edit, Fate, Found, Kind, Scan, blank, drop_until, dropped, find_close};

/// Is the token at `i` a link target: `](` before it and `)` after, or an HTML
/// `href="` / `src="` attribute value?
fn in_url_position(text: &str, i: usize, end: usize) -> bool {
    let before = text.get(..i).unwrap_or("").trim_end_matches(' ');
    let after = text.get(end..).unwrap_or("").trim_start_matches(' ');
    if before.ends_with("](") && after.starts_with(')') {
        return true;
    }
    // A reference definition: `[label]: {% page "/x/" %}` on a line of its own.
    let line = before.rsplit('\n').next().unwrap_or(before);
    let rest = after.split('\n').next().unwrap_or(after).trim();
    if line.len() - line.trim_start().len() < 4
        && let Some(label) = line.trim_start().strip_prefix('[')
        && let Some(label) = label.strip_suffix("]:")
        && !label.is_empty()
        && !label.contains(']')
        && (rest.is_empty() || rest.starts_with(['"', '\'', '(']))
    {
        return true;
    }
    let tail = before.as_bytes();
    let tail = tail.get(tail.len().saturating_sub(6)..).unwrap_or(&[]);
    ["href=\"", "href='", "src=\"", "src='"].iter().any(|p| {
        tail.len() >= p.len()
            && tail
                .get(tail.len() - p.len()..)
                .is_some_and(|t| t.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// The one argument of a tag (`page "/x/"` → `/x/`), when it has exactly one.
fn sole_argument(inner: &str) -> Option<String> {
    let mut words = inner.split_whitespace();
    let _name = words.next()?;
    let arg = words.next()?;
    if words.next().is_some() {
        return None;
    }
    let arg = arg
        .strip_prefix('"')
        .and_then(|a| a.strip_suffix('"'))
        .or_else(|| arg.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')))
        .unwrap_or(arg);
    if arg.is_empty() || arg.contains(['"', '\'', '<', '>', '(', ')', '{', '}']) {
        return None;
    }
    // Generators resolve these from the site's root (`page "tools/x"`, `ref "a.md"`).
    if arg.starts_with(['/', '#', '.']) || arg.contains("://") || arg.starts_with("mailto:") {
        Some(arg.to_string())
    } else {
        Some(format!("/{arg}"))
    }
}

/// The name of a tag's inside: `- include x -` → `include`.
fn tag_name(inner: &str) -> &str {
    inner
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        .split(|c: char| c.is_whitespace() || c == '"' || c == '\'')
        .next()
        .unwrap_or("")
}

/// A Liquid tag `{% name ... %}`; `raw` and `comment` take their text up to the end tag.
pub(super) fn liquid(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    let end = find_close(text, i + 2, "%}")?;
    let inner = text.get(i + 2..end - 2)?;
    let name = tag_name(inner);
    // The end tag, with any spacing and `-` trimming: `{%- endraw -%}`.
    let stop_at = |s: &mut Scan, close: &'static str| -> Option<(usize, usize)> {
        let mut from = end;
        loop {
            let at = s.find_from(text, close, from)?;
            from = at + 1;
            let head = text
                .as_bytes()
                .get(at.saturating_sub(16)..at)
                .unwrap_or(&[]);
            let Some(open) = memchr::memmem::rfind(head, b"{%") else {
                continue;
            };
            let st = at - head.len() + open;
            let Some(e) = find_close(text, st + 2, "%}") else {
                continue;
            };
            if tag_name(text.get(st + 2..e - 2).unwrap_or("")) == close {
                return Some((st, e));
            }
        }
    };
    match name {
        "raw" => {
            s.found.push(Found {
                kind: Kind::Liquid,
                range: i..end,
                fate: Fate::Raw,
            });
            blank(s, i..end);
            if let Some((st, e)) = stop_at(s, "endraw") {
                blank(s, st..e);
                return Some(e);
            }
            Some(text.len())
        }
        "comment" => {
            let stop = stop_at(s, "endcomment").map_or(end, |(_, e)| e);
            s.found.push(Found {
                kind: Kind::Liquid,
                range: i..end,
                fate: Fate::DroppedWith("its text"),
            });
            blank(s, i..stop);
            Some(stop)
        }
        _ => {
            push_tag(text, i, end, inner, Kind::Liquid, s);
            Some(end)
        }
    }
}

/// A tag that is left out, or replaced by its argument where it is a link target.
fn push_tag(text: &str, i: usize, end: usize, inner: &str, kind: Kind, s: &mut Scan) {
    if in_url_position(text, i, end)
        && let Some(arg) = sole_argument(inner.trim_matches(|c: char| c == '-' || c == '/'))
        && arg.len() <= end - i
    {
        s.found.push(Found {
            kind,
            range: i..end,
            fate: Fate::Replaced(arg.clone()),
        });
        s.edits.push(Edit {
            range: i..end,
            with: arg,
        });
        return;
    }
    dropped(s, kind, i..end);
}

/// A Hugo shortcode `{{< name >}}`, `{{% name %}}`, `{{< /name >}}`. `{{</* x */>}}` is
/// Hugo's way to show one as text: left alone.
pub(super) fn hugo(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    let rest = text.get(i..)?;
    if rest.starts_with("{{</*") || rest.starts_with("{{%/*") {
        let close = if rest.starts_with("{{<") {
            "*/>}}"
        } else {
            "*/%}}"
        };
        return find_close(text, i + 5, close);
    }
    let close = if rest.starts_with("{{<") {
        ">}}"
    } else {
        "%}}"
    };
    let end = find_close(text, i + 3, close)?;
    let inner = text.get(i + 3..end - 3)?;
    push_tag(text, i, end, inner, Kind::Hugo, s);
    Some(end)
}

/// ERB: `<% ... %>`, `<%= ... %>`, `<%# ... %>`.
pub(super) fn erb(text: &str, i: usize, s: &mut Scan) -> Option<usize> {
    drop_until(text, i, 2, "%>", Kind::Erb, s)
}
