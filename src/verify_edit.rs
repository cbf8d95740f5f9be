//! The edit `gtmbook verify` makes to one file's text: `reviewed:` set to a date (and
//! `owner:` when asked and none is set), the value replaced where it is written in its
//! quoting style, comment and line ending kept, a missing key added at the end of the
//! front-matter (before the first table in TOML). The result is parsed again and
//! compared with the original: a file it cannot edit safely is refused. Pure: text in,
//! text out.

use crate::load::frontmatter::{Format, Split, split};
use crate::load::yaml::{self, Node, Value};

/// What an edit did.
#[derive(Debug, PartialEq, Eq)]
pub struct Edited {
    pub text: String,
    /// The `reviewed` value as it was written, if any.
    pub was: Option<String>,
    /// `owner:` was set.
    pub owner_set: bool,
}

/// One change: replace `start..end` with `with`.
struct Change {
    start: usize,
    end: usize,
    with: String,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map(|t| t.bytes().filter(|b| *b == b'\n').count())
        .unwrap_or(0)
        + 1
}

/// A name as a YAML (or TOML) scalar: plain when that reads back as the same string,
/// else double-quoted.
fn quote(name: &str, format: Format) -> String {
    let plain_ok = format == Format::Yaml
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || " .@_+-()'".contains(c))
        && !name.ends_with(' ')
        && !matches!(
            name.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "y" | "n"
        )
        && name.parse::<f64>().is_err();
    if plain_ok {
        return name.to_string();
    }
    let mut out = String::from("\"");
    for c in name.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The change replacing the value of `v` by `value` in the same quoting style; `Err`
/// when it is not a one-line scalar (`"empty"`: a null written as nothing).
fn replace_scalar(fm: &str, v: &Node, value: &str, base: usize) -> Result<Change, String> {
    let raw = fm.get(v.start..v.end).unwrap_or("");
    let before = fm.get(..v.start).and_then(|s| s.chars().last());
    let after = fm.get(v.end..).and_then(|s| s.chars().next());
    let (start, end, q) = match (raw.chars().next(), before) {
        (Some(q @ ('\'' | '"')), _) => (v.start, v.end, Some(q)),
        // A span that leaves the quotes out.
        (_, Some(q @ ('\'' | '"'))) if after == Some(q) => (v.start - 1, v.end + 1, Some(q)),
        _ => (v.start, v.end, None),
    };
    let raw = fm.get(start..end).unwrap_or("");
    if raw.contains('\n') || raw.starts_with(['|', '>', '[', '{', '&', '*', '!']) {
        return Err("its value is not written on one line as a plain or quoted scalar".into());
    }
    if v.value == Value::Null && raw.trim().is_empty() {
        return Err("empty".into());
    }
    let with = match q {
        Some(q) => format!("{q}{value}{q}"),
        None => value.to_string(),
    };
    Ok(Change {
        start: base + start,
        end: base + end,
        with,
    })
}

/// After `key:` (or `key =`) of an empty value: the offset just past the separator.
fn after_separator(fm: &str, key: &Node, format: Format) -> Option<usize> {
    let sep = if format == Format::Yaml { ':' } else { '=' };
    let rest = fm.get(key.end..)?;
    let i = rest.find(sep)?;
    rest.get(..i)
        .is_some_and(|s| s.trim().is_empty() || s.trim() == "\"" || s.trim() == "'")
        .then_some(key.end + i + 1)
}

/// Set (or add) top-level `key` to `value` in the front-matter `fm` at `base`.
fn set_key(
    fm: &str,
    node: Option<&Node>,
    key: &str,
    value: &str,
    base: usize,
    format: Format,
) -> Result<Option<Change>, String> {
    let entry = match node.map(|n| &n.value) {
        Some(Value::Map(entries)) => entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key)),
        _ => None,
    };
    let Some((k, v)) = entry else {
        return Ok(None);
    };
    match replace_scalar(fm, v, value, base) {
        Ok(c) => Ok(Some(c)),
        Err(e) if e == "empty" => {
            let at = after_separator(fm, k, format)
                .ok_or_else(|| format!("`{key}` is written in a way gtmbook cannot edit"))?;
            Ok(Some(Change {
                start: base + at,
                end: base + at,
                with: format!(" {value}"),
            }))
        }
        Err(e) => Err(format!("`{key}`: {e}")),
    }
}

/// The values of a node, spans left out, for comparing before and after.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(&p.value, &q.value))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|((k1, v1), (k2, v2))| {
                    same(&k1.value, &k2.value) && same(&v1.value, &v2.value)
                })
        }
        _ => a == b,
    }
}

fn parse(fm: &str, format: Format) -> Result<Option<Node>, yaml::YamlError> {
    match format {
        Format::Yaml => yaml::parse(fm),
        Format::Toml => yaml::parse_toml(fm),
    }
}

fn entries(n: &Option<Node>) -> Vec<(Value, Value)> {
    match n.as_ref().map(|n| &n.value) {
        Some(Value::Map(e)) => e
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The text of a document with `reviewed` set to `today` (and `owner` to `by` when it
/// has none). `Err` says why the file is refused.
pub fn edit(text: &str, today: &str, by: Option<&str>) -> Result<Edited, String> {
    let eol_of = |s: &str| if s.contains("\r\n") { "\r\n" } else { "\n" };
    let (yaml_start, yaml_end, format) = match split(text) {
        Split::Unclosed { fence, format, .. } => {
            return Err(format!(
                "its front-matter opened at line {} is never closed by a `{}` line",
                line_of(text, fence),
                format.fence()
            ));
        }
        Split::None => {
            // No front-matter: one is added at the top.
            let eol = eol_of(
                text.get(..text.find('\n').map_or(0, |i| i + 1))
                    .unwrap_or(""),
            );
            let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let mut block = format!("---{eol}reviewed: {today}{eol}");
            let owner_set = by.is_some();
            if let Some(by) = by {
                block.push_str(&format!("owner: {}{eol}", quote(by, Format::Yaml)));
            }
            block.push_str(&format!("---{eol}"));
            let mut out = String::with_capacity(text.len() + block.len());
            out.push_str(text.get(..bom).unwrap_or(""));
            out.push_str(&block);
            out.push_str(text.get(bom..).unwrap_or(""));
            return Ok(Edited {
                text: out,
                was: None,
                owner_set,
            });
        }
        Split::Block {
            yaml_start,
            yaml_end,
            format,
            ..
        } => (yaml_start, yaml_end, format),
    };
    let fm = text.get(yaml_start..yaml_end).unwrap_or("");
    let node = parse(fm, format).map_err(|e| {
        let line = e
            .offset
            .map(|o| line_of(text, yaml_start + o))
            .or_else(|| e.line_col.map(|(l, _)| line_of(text, yaml_start) + l - 1))
            .unwrap_or_else(|| line_of(text, yaml_start));
        format!(
            "its front-matter does not parse (line {line}: {})",
            e.message
        )
    })?;
    if node
        .as_ref()
        .is_some_and(|n| !matches!(n.value, Value::Map(_)))
    {
        return Err("its front-matter is not a map of keys".into());
    }
    let eol = eol_of(text.get(..yaml_end.max(yaml_start + 1)).unwrap_or(""));
    let sep = if format == Format::Yaml { ": " } else { " = " };
    // A key added goes at the end of the front-matter; in TOML, before its first table.
    let insert_at = match format {
        Format::Yaml => yaml_end,
        Format::Toml => {
            let mut at = yaml_start;
            let mut found = None;
            for line in fm.split_inclusive('\n') {
                if line.trim_start().starts_with('[') {
                    found = Some(at);
                    break;
                }
                at += line.len();
            }
            found.unwrap_or(yaml_end)
        }
    };
    let mut changes = Vec::new();
    let mut added = String::new();
    let was = node
        .as_ref()
        .and_then(|n| n.get("reviewed"))
        .and_then(|v| fm.get(v.start..v.end))
        .map(|s| s.trim_matches(['\'', '"']).to_string())
        .filter(|s| !s.is_empty());
    match set_key(fm, node.as_ref(), "reviewed", today, yaml_start, format)? {
        Some(c) => changes.push(c),
        None => added.push_str(&format!("reviewed{sep}{today}{eol}")),
    }
    let mut owner_set = false;
    if let Some(by) = by {
        let current = node.as_ref().and_then(|n| n.get("owner"));
        let empty = current.is_some_and(|v| match &v.value {
            Value::Null => true,
            Value::Str(s) => s.trim().is_empty(),
            _ => false,
        });
        if current.is_none() {
            added.push_str(&format!("owner{sep}{}{eol}", quote(by, format)));
            owner_set = true;
        } else if empty {
            let q = quote(by, format);
            // An empty quoted value keeps its quotes: write the name inside them.
            let inner = q.trim_matches('"');
            let value = if fm
                .get(current.map_or(0, |v| v.start)..)
                .is_some_and(|s| s.starts_with(['"', '\'']))
            {
                inner.to_string()
            } else {
                q
            };
            if let Some(c) = set_key(fm, node.as_ref(), "owner", &value, yaml_start, format)? {
                changes.push(c);
                owner_set = true;
            }
        }
    }
    if !added.is_empty() {
        changes.push(Change {
            start: insert_at,
            end: insert_at,
            with: added,
        });
    }
    changes.sort_by_key(|c| std::cmp::Reverse(c.start));
    let mut out = text.to_string();
    for c in &changes {
        if out.get(c.start..c.end).is_none() {
            return Err("gtmbook could not edit its front-matter safely".into());
        }
        out.replace_range(c.start..c.end, &c.with);
    }
    check_edit(node.as_ref(), &out, today, by.filter(|_| owner_set))?;
    Ok(Edited {
        text: out,
        was,
        owner_set,
    })
}

/// The edited text parses, holds `reviewed: today` (and the owner), and every other key
/// as it was.
fn check_edit(
    before: Option<&Node>,
    out: &str,
    today: &str,
    owner: Option<&str>,
) -> Result<(), String> {
    let unsafe_edit =
        || "gtmbook could not edit its front-matter safely; set `reviewed:` by hand".to_string();
    let Split::Block {
        yaml_start,
        yaml_end,
        format,
        ..
    } = split(out)
    else {
        return Err(unsafe_edit());
    };
    let after =
        parse(out.get(yaml_start..yaml_end).unwrap_or(""), format).map_err(|_| unsafe_edit())?;
    let is_str = |n: Option<&Node>, want: &str| {
        n.is_some_and(|n| matches!(&n.value, Value::Str(s) if s == want))
    };
    let a = after.as_ref();
    if !is_str(a.and_then(|n| n.get("reviewed")), today) {
        return Err(unsafe_edit());
    }
    if let Some(o) = owner
        && !is_str(a.and_then(|n| n.get("owner")), o)
    {
        return Err(unsafe_edit());
    }
    let changed = |k: &Value| matches!(k, Value::Str(s) if s == "reviewed" || (owner.is_some() && s == "owner"));
    let old: Vec<_> = entries(&before.cloned())
        .into_iter()
        .filter(|(k, _)| !changed(k))
        .collect();
    let new: Vec<_> = entries(&after)
        .into_iter()
        .filter(|(k, _)| !changed(k))
        .collect();
    let equal = old.len() == new.len()
        && old
            .iter()
            .zip(&new)
            .all(|((k1, v1), (k2, v2))| same(k1, k2) && same(v1, v2));
    if equal { Ok(()) } else { Err(unsafe_edit()) }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::edit;

    fn ed(text: &str, by: Option<&str>) -> String {
        edit(text, "2027-12-02", by).unwrap().text
    }

    #[test]
    fn replaces_in_place() {
        assert_eq!(
            ed(
                "---\ntitle: A\nreviewed: 2026-01-01   # the last one\n---\nbody\n",
                None
            ),
            "---\ntitle: A\nreviewed: 2027-12-02   # the last one\n---\nbody\n"
        );
        assert_eq!(
            ed("---\r\nreviewed: '2026-01-01'\r\ntitle: A\r\n---\r\n", None),
            "---\r\nreviewed: '2027-12-02'\r\ntitle: A\r\n---\r\n"
        );
        assert_eq!(
            ed("---\nreviewed: \"2026-01-01\" # c\n---\n", None),
            "---\nreviewed: \"2027-12-02\" # c\n---\n"
        );
        assert_eq!(
            ed("---\nreviewed:\ntitle: A\n---\n", None),
            "---\nreviewed: 2027-12-02\ntitle: A\n---\n"
        );
    }

    #[test]
    fn adds_keys_at_the_end() {
        assert_eq!(
            ed("---\r\ntitle: A\r\n---\r\nx\r\n", Some("Dana Ruiz")),
            "---\r\ntitle: A\r\nreviewed: 2027-12-02\r\nowner: Dana Ruiz\r\n---\r\nx\r\n"
        );
        assert_eq!(
            ed("---\ntitle: A\nowner: Maya\n---\n", Some("Dana")),
            "---\ntitle: A\nowner: Maya\nreviewed: 2027-12-02\n---\n"
        );
        assert_eq!(
            ed("---\ntitle: A\n---\n", Some("a: b")),
            "---\ntitle: A\nreviewed: 2027-12-02\nowner: \"a: b\"\n---\n"
        );
        assert_eq!(
            ed("# Title\n", None),
            "---\nreviewed: 2027-12-02\n---\n# Title\n"
        );
        assert_eq!(
            ed("+++\ntitle = \"A\"\n[extra]\nx = 1\n+++\n", None),
            "+++\ntitle = \"A\"\nreviewed = 2027-12-02\n[extra]\nx = 1\n+++\n"
        );
    }

    #[test]
    fn refuses_what_does_not_parse() {
        assert!(
            edit("---\ntitle: [a\n---\n", "2027-12-02", None)
                .unwrap_err()
                .contains("does not parse")
        );
        assert!(
            edit("---\ntitle: a\n", "2027-12-02", None)
                .unwrap_err()
                .contains("never closed")
        );
        assert!(
            edit("---\n- a\n---\n", "2027-12-02", None)
                .unwrap_err()
                .contains("not a map")
        );
        assert!(edit("---\nreviewed: |\n  2026-01-01\n---\n", "2027-12-02", None).is_err());
    }
}
