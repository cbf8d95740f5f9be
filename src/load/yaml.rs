//! YAML front-matter as a tree of nodes that each know their byte range, parsed by
//! serde-saphyr (budgeted against YAML bombs, depth-capped). The typed schema is read
//! from this tree in `schema.rs`, so every finding can point at the value's line.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML value and its byte range in the YAML text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a map",
        }
    }
}

impl Node {
    /// The value of `key` in a map node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Deserialize::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<Node, Node>()? {
            entries.push((k, v));
        }
        Ok(Value::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(d)?;
        let span = spanned.referenced.span();
        let start = span.byte_offset().unwrap_or(0) as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        Ok(Node {
            value: spanned.value,
            start,
            end: start + len,
        })
    }
}

/// A YAML syntax error: message and byte offset in the YAML text.
#[derive(Debug)]
pub struct YamlError {
    pub message: String,
    pub offset: Option<usize>,
    pub line_col: Option<(usize, usize)>,
}

/// Nodes (maps, lists, values) one front-matter may hold: a messaging document with
/// 100,000 messages of a few fields each needs about a million; the parser's default
/// (250,000) stopped at 30,000.
pub const MAX_NODES: usize = 8_000_000;

/// The parser's budget: room for a large document, while alias expansion (the
/// "billion laughs" bomb) stays capped by the replay limit (1,000,000 events).
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: MAX_NODES,
            max_events: 4 * MAX_NODES,
        },
    }
}

/// What a budget breach means, in words a writer can act on.
fn budget_words(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    let what = match breach {
        B::Aliases { .. }
        | B::Anchors { .. }
        | B::AliasAnchorRatio { .. }
        | B::RecordedAnchorEvents { .. }
        | B::RecordedAnchorBytes { .. } => {
            "its anchors and aliases (`&name`, `*name`) expand to too much text; this is how a YAML bomb works. Write the values out instead"
        }
        B::Nodes { .. } | B::Events { .. } => {
            "it has too many values (more than 8,000,000); split it into several documents"
        }
        B::Depth { .. } => "it is nested too deeply (more than 64 levels)",
        B::ScalarBytes { .. } => "its values are too long (more than 64 MiB in all)",
        B::MergeKeys { .. } => "it has too many merge keys (`<<`)",
        B::Documents { .. } => "it holds too many YAML documents",
        _ => "it is too large to read",
    };
    format!("the front-matter is too big to read safely: {what}")
}

/// Parse front-matter YAML. Empty input is `Ok(None)`.
pub fn parse(yaml: &str) -> Result<Option<Node>, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(None);
    }
    match serde_saphyr::from_str_with_options::<Node>(yaml, options()) {
        Ok(node) if node.value == Value::Null => Ok(None),
        Ok(node) => Ok(Some(node)),
        Err(e) => {
            let loc = e.location();
            let offset = loc.and_then(|l| l.span().byte_offset()).map(|o| o as usize);
            let line_col = loc.map(|l| (l.line() as usize, l.column() as usize));
            // The breach may be wrapped in the alias that led to it, and in a snippet.
            let mut inner = &e;
            while let serde_saphyr::Error::AliasError { error, .. }
            | serde_saphyr::Error::WithSnippet { error, .. } = inner
            {
                inner = error;
            }
            if let serde_saphyr::Error::Budget { breach, .. } = inner {
                return Err(YamlError {
                    message: budget_words(breach),
                    offset,
                    line_col,
                });
            }
            let inner = e.without_snippet().to_string();
            // The plain message may end with " at line X column Y"; we print positions ourselves.
            let message = inner
                .lines()
                .next()
                .unwrap_or("invalid YAML")
                .split(" at line ")
                .next()
                .unwrap_or("invalid YAML")
                .trim()
                .to_string();
            Err(YamlError {
                message,
                offset,
                line_col,
            })
        }
    }
}

/// Parse TOML front-matter (Hugo's `+++` block) into the same node tree as YAML, with
/// byte ranges in the TOML text, so the schema reads it unchanged. Entries keep the
/// order they are written in. A date-time is a string (`2024-06-25T10:00:00Z`), as an
/// unquoted YAML date is. Empty input is `Ok(None)`.
pub fn parse_toml(text: &str) -> Result<Option<Node>, YamlError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match toml::de::DeTable::parse(text) {
        Ok(table) => {
            let span = table.span();
            Ok(Some(toml_table(table.get_ref(), span.start, span.end)))
        }
        Err(e) => Err(YamlError {
            message: e.message().trim().to_string(),
            offset: e.span().map(|r| r.start),
            line_col: None,
        }),
    }
}

fn toml_table(table: &toml::de::DeTable<'_>, start: usize, end: usize) -> Node {
    let mut entries: Vec<(Node, Node)> = table
        .iter()
        .map(|(k, v)| {
            let ks = k.span();
            let key = Node {
                value: Value::Str(k.get_ref().to_string()),
                start: ks.start,
                end: ks.end,
            };
            (key, toml_value(v))
        })
        .collect();
    entries.sort_by_key(|(k, _)| k.start);
    Node {
        value: Value::Map(entries),
        start,
        end,
    }
}

fn toml_value(v: &toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let span = v.span();
    let value = match v.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Str(i.to_string()),
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>() {
            Ok(x) => Value::Float(x),
            Err(_) => Value::Str(f.as_str().to_string()),
        },
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => Value::Seq(items.iter().map(toml_value).collect()),
        DeValue::Table(t) => return toml_table(t, span.start, span.end),
    };
    Node {
        value,
        start: span.start,
        end: span.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_nodes_carry_byte_ranges_in_source_order() {
        let t = "title = \"Hello\"\nweight = 3\ndate = 2024-06-25T10:00:00Z\ntags = [\"a\", \"b\"]\n[params]\nx = true\n";
        let n = parse_toml(t).unwrap().unwrap();
        let Value::Map(entries) = &n.value else {
            panic!("{n:?}")
        };
        let keys: Vec<_> = entries.iter().map(|(k, _)| &t[k.start..k.end]).collect();
        assert_eq!(keys, ["title", "weight", "date", "tags", "params"]);
        let title = n.get("title").unwrap();
        assert_eq!(title.value, Value::Str("Hello".into()));
        assert_eq!(&t[title.start..title.end], "\"Hello\"");
        assert_eq!(n.get("weight").unwrap().value, Value::Int(3));
        assert_eq!(
            n.get("date").unwrap().value,
            Value::Str("2024-06-25T10:00:00Z".into())
        );
        assert_eq!(
            n.get("params").unwrap().get("x").unwrap().value,
            Value::Bool(true)
        );
    }

    #[test]
    fn toml_syntax_error_has_offset() {
        let e = parse_toml("title = \"x\"\nweight = = 3\n").unwrap_err();
        assert!(e.offset.is_some_and(|o| o >= 12), "{e:?}");
        assert!(!e.message.is_empty());
    }

    #[test]
    fn nodes_carry_byte_ranges() {
        let y = "title: Hello\ntags: [a, b]\nnum: 3\n";
        let n = parse(y).unwrap().unwrap();
        let t = n.get("title").unwrap();
        assert_eq!(t.value, Value::Str("Hello".into()));
        assert_eq!(&y[t.start..t.end], "Hello");
        let tags = n.get("tags").unwrap();
        match &tags.value {
            Value::Seq(items) => assert_eq!(&y[items[1].start..items[1].end], "b"),
            other => panic!("{other:?}"),
        }
        assert_eq!(n.get("num").unwrap().value, Value::Int(3));
    }

    #[test]
    fn syntax_error_has_position() {
        let e = parse("title: [unclosed\nx: 1\n").unwrap_err();
        assert!(e.line_col.is_some(), "{e:?}");
        assert!(!e.message.is_empty());
    }

    #[test]
    fn yaml_bomb_is_an_error_not_a_hang() {
        let mut y = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for c in 'b'..='j' {
            y.push_str(&format!("{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = c;
        }
        let e = parse(&y).unwrap_err();
        // Said in words, with its place, not as a Debug-formatted budget error.
        assert!(e.message.contains("YAML bomb"), "{e:?}");
        assert!(!e.message.contains('{'), "{e:?}");
        assert!(e.line_col.is_some(), "{e:?}");
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let y = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&y).is_err());
    }
}
