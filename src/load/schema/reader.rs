//! The value reads of the schema: a string, an id, a list, a date, a map, one of a
//! set of words, a navigation order, a permalink, each at its value's span, and the
//! unknown keys of a map (with the gtmbook key for another generator's, listed here).

use super::values::{is_kebab, parse_date, parse_date_time};
use crate::diagnostics::Diagnostic;
use crate::load::yaml::{Node, Value};
use crate::model::{CHANNELS, Sp, has_placeholder, written_address};
use crate::rules;
use crate::source::{FileId, Span};
use jiff::civil::Date;

/// Keys other generators use for something gtmbook has its own key for: reported as
/// unknown, with the gtmbook key to use, because the value would otherwise be lost
/// (an author is not an owner until it is written as `owner`).
const EQUIVALENT_KEYS: &[(&str, &str)] = &[
    ("author", "owner"),
    ("authors", "owner"),
    ("summary", "description"),
    ("excerpt", "description"),
];

pub(super) struct Reader<'a> {
    pub(super) file: FileId,
    /// Offset of the YAML text in the file.
    pub(super) base: usize,
    pub(super) diags: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    pub(super) fn span(&self, n: &Node) -> Span {
        Span::new(self.file, self.base + n.start, self.base + n.end)
    }

    pub(super) fn schema(&mut self, n: &Node, message: String) {
        let span = self.span(n);
        self.diags
            .push(Diagnostic::new(&rules::FRONTMATTER_SCHEMA, span, message));
    }

    pub(super) fn string(&mut self, key: &str, n: &Node) -> Option<Sp<String>> {
        match &n.value {
            Value::Str(s) => Some(Sp::new(s.clone(), self.span(n))),
            Value::Int(i) => Some(Sp::new(i.to_string(), self.span(n))),
            Value::Float(f) => Some(Sp::new(f.to_string(), self.span(n))),
            Value::Null => None,
            other => {
                self.schema(
                    n,
                    format!("`{key}` must be a string, not {}", other.type_name()),
                );
                None
            }
        }
    }

    pub(super) fn id(&mut self, key: &str, n: &Node) -> Option<Sp<String>> {
        let s = self.string(key, n)?;
        if !is_kebab(&s.value) {
            self.schema(
                n,
                format!(
                    "`{key}` must be a kebab-case id (lower-case letters, digits and hyphens), not `{}`",
                    s.value
                ),
            );
        }
        Some(s)
    }

    pub(super) fn strings(&mut self, key: &str, n: &Node) -> Vec<Sp<String>> {
        match &n.value {
            Value::Seq(items) => items.iter().filter_map(|i| self.string(key, i)).collect(),
            Value::Null => Vec::new(),
            other => {
                self.schema(
                    n,
                    format!("`{key}` must be a list, not {}", other.type_name()),
                );
                Vec::new()
            }
        }
    }

    pub(super) fn ids(&mut self, key: &str, n: &Node) -> Vec<Sp<String>> {
        match &n.value {
            Value::Seq(items) => items.iter().filter_map(|i| self.id(key, i)).collect(),
            Value::Null => Vec::new(),
            other => {
                self.schema(
                    n,
                    format!("`{key}` must be a list of ids, not {}", other.type_name()),
                );
                Vec::new()
            }
        }
    }

    pub(super) fn one_of(&mut self, key: &str, n: &Node, allowed: &[&str]) -> Option<Sp<String>> {
        let s = self.string(key, n)?;
        if allowed.contains(&s.value.as_str()) {
            Some(s)
        } else {
            let mut msg = format!(
                "`{key}` must be one of {}, not `{}`",
                allowed.join(", "),
                s.value
            );
            if let Some(best) = crate::suggest::did_you_mean(&s.value, allowed.iter().copied()) {
                msg.push_str(&format!(" (did you mean `{best}`?)"));
            }
            self.schema(n, msg);
            None
        }
    }

    /// `draft: true` / `published: false` style booleans (`"true"` as a string too).
    pub(super) fn flag(&mut self, key: &str, n: &Node) -> Option<bool> {
        match &n.value {
            Value::Bool(b) => Some(*b),
            Value::Str(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Value::Str(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            Value::Null => None,
            other => {
                let shown = match other {
                    Value::Str(s) => format!("`{s}`"),
                    _ => other.type_name().to_string(),
                };
                self.schema(n, format!("`{key}` must be true or false, not {shown}"));
                None
            }
        }
    }

    /// A navigation order: an integer, or a number or numeric string rounded to one.
    pub(super) fn order(&mut self, key: &str, n: &Node) -> Option<i64> {
        let number = match &n.value {
            Value::Int(i) => return Some(*i),
            Value::Float(f) => Some(*f),
            Value::Str(s) => s.trim().parse::<f64>().ok(),
            Value::Null => return None,
            _ => None,
        };
        match number {
            Some(f) if f.is_finite() && f.abs() < 1e15 => Some(f.round() as i64),
            _ => {
                let shown = match &n.value {
                    Value::Str(s) => format!("`{s}`"),
                    Value::Float(f) => format!("`{f}`"),
                    other => other.type_name().to_string(),
                };
                self.schema(n, format!("`{key}` must be a number, not {shown}"));
                None
            }
        }
    }

    /// A date as other generators write it: `2024-06-25`, or with a time and zone
    /// (`2024-06-25T10:00:00Z`, `2024-06-25 10:00:00 -0700`); the date as written is kept.
    pub(super) fn date_time(&mut self, key: &str, n: &Node) -> Option<Sp<Date>> {
        self.date_as(key, n, parse_date_time, "YYYY-MM-DD (a time may follow)")
    }

    pub(super) fn channels(&mut self, n: &Node) -> Vec<Sp<String>> {
        match &n.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|i| self.one_of("channels", i, CHANNELS))
                .collect(),
            Value::Null => Vec::new(),
            other => {
                self.schema(
                    n,
                    format!("`channels` must be a list, not {}", other.type_name()),
                );
                Vec::new()
            }
        }
    }

    pub(super) fn int(&mut self, key: &str, n: &Node) -> Option<i64> {
        match &n.value {
            Value::Int(i) => Some(*i),
            Value::Null => None,
            other => {
                self.schema(
                    n,
                    format!("`{key}` must be an integer, not {}", other.type_name()),
                );
                None
            }
        }
    }

    pub(super) fn date(&mut self, key: &str, n: &Node) -> Option<Sp<Date>> {
        self.date_as(key, n, parse_date, "YYYY-MM-DD")
    }

    /// A date read by `parse`; `form` says what is accepted, in the finding.
    fn date_as(
        &mut self,
        key: &str,
        n: &Node,
        parse: fn(&str) -> Option<Date>,
        form: &str,
    ) -> Option<Sp<Date>> {
        let s = match &n.value {
            Value::Str(s) => s.trim(),
            Value::Null => return None,
            other => {
                self.schema(
                    n,
                    format!("`{key}` must be a date {form}, not {}", other.type_name()),
                );
                return None;
            }
        };
        match parse(s) {
            Some(d) => Some(Sp::new(d, self.span(n))),
            None => {
                self.schema(n, format!("`{key}` must be a date {form}, not `{s}`"));
                None
            }
        }
    }

    pub(super) fn map<'n>(&mut self, key: &str, n: &'n Node) -> Option<&'n [(Node, Node)]> {
        match &n.value {
            Value::Map(entries) => Some(entries),
            other => {
                self.schema(
                    n,
                    format!("`{key}` must be a map, not {}", other.type_name()),
                );
                None
            }
        }
    }

    pub(super) fn list<'n>(&mut self, key: &str, n: &'n Node) -> &'n [Node] {
        match &n.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            other => {
                self.schema(
                    n,
                    format!("`{key}` must be a list, not {}", other.type_name()),
                );
                &[]
            }
        }
    }

    /// Report keys of a map that are not in `known`.
    pub(super) fn unknown_keys(&mut self, entries: &[(Node, Node)], known: &[&str], what: &str) {
        self.unknown_keys_with(entries, known, &[], what);
    }

    /// Report keys of a map that are in neither `known` nor `extra` (the book's own keys,
    /// never suggested).
    pub(super) fn unknown_keys_with(
        &mut self,
        entries: &[(Node, Node)],
        known: &[&str],
        extra: &[String],
        what: &str,
    ) {
        for (k, _) in entries {
            let name = match &k.value {
                Value::Str(s) => s.clone(),
                other => format!("{other:?}"),
            };
            if known.contains(&name.as_str()) || extra.contains(&name) {
                continue;
            }
            let mut d = Diagnostic::new(
                &rules::FRONTMATTER_UNKNOWN_KEY,
                self.span(k),
                format!("unknown key `{name}` {what}"),
            );
            // Only the top level (`for a page document`) holds other generators' keys.
            let top = what.starts_with("for a");
            let equivalent = if top {
                EQUIVALENT_KEYS.iter().find(|(k, _)| *k == name)
            } else {
                None
            };
            if let Some((_, ours)) = equivalent {
                d = d.help(format!(
                    "gtmbook's key for this is `{ours}`; or list `{name}` in `[lint] extra_keys` in book.toml to keep it as it is"
                ));
            } else if let Some(best) =
                crate::suggest::did_you_mean_key(&name, known.iter().copied())
            {
                d = d.help(format!("did you mean `{best}`?"));
            } else if top {
                d = d.help(format!(
                    "if `{name}` is a key of your own, list it in `[lint] extra_keys` in book.toml"
                ));
            }
            self.diags.push(d);
        }
    }

    /// `permalink`: a path on this site. Placeholders (`:title`) and unsafe values are
    /// findings, and the address from the file name is used.
    pub(super) fn permalink(&mut self, n: &Node) -> Option<Sp<String>> {
        let s = self.string("permalink", n)?;
        if has_placeholder(&s.value) {
            let span = self.span(n);
            self.diags.push(
                Diagnostic::new(
                    &rules::FRONTMATTER_SCHEMA,
                    span,
                    format!(
                        "`permalink: {}` uses placeholders, which gtmbook does not fill in: the address from the file name is used",
                        s.value
                    ),
                )
                .severity(crate::diagnostics::Severity::Warning)
                .help("write the whole address, such as `/sales/first-call/`, or remove the key"),
            );
            return None;
        }
        match written_address(&s.value) {
            Ok(url) => Some(Sp::new(url, s.span)),
            Err(why) => {
                self.schema(
                    n,
                    format!(
                        "`permalink: {}` {why}: the address from the file name is used",
                        s.value
                    ),
                );
                None
            }
        }
    }

    pub(super) fn required_string(
        &mut self,
        parent: &Node,
        key: &str,
        what: &str,
    ) -> Option<Sp<String>> {
        match parent.get(key) {
            Some(v) => {
                let s = self.string(key, v);
                if s.as_ref().is_none_or(|s| s.value.trim().is_empty()) {
                    self.schema(v, format!("{what} needs a `{key}`"));
                    return None;
                }
                s
            }
            None => {
                self.schema(parent, format!("{what} needs a `{key}`"));
                None
            }
        }
    }
}
