//! Reads the typed schema of SPEC 3 out of a front-matter node tree. Every problem is a
//! diagnostic at the value's span (`frontmatter/schema`, `frontmatter/unknown-key`); a
//! bad value is dropped and the rest of the document still loads.

use super::yaml::{Node, Value};
use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::source::{FileId, Span};
use jiff::civil::Date;

pub const COMMON_KEYS: &[&str] = &[
    "title",
    "type",
    "id",
    "owner",
    "reviewed",
    "review_every",
    "status",
    "weight",
    "description",
    "tags",
    "audience",
    "channels",
    "lint",
    "claims",
];

fn type_keys(t: DocType) -> &'static [&'static str] {
    match t {
        DocType::Page | DocType::Claims => &[],
        DocType::Messaging => &["messages"],
        DocType::Persona => &["role", "trigger", "pain", "stakes", "decision_process"],
        DocType::Positioning => &[
            "product",
            "category",
            "for",
            "not_for",
            "problem",
            "unlike",
            "differentiators",
        ],
        DocType::Competitor => &["name", "differentiators", "landmines"],
        DocType::Playbook => &["steps", "cadence"],
        DocType::Glossary => &["terms", "banned"],
    }
}

/// Front-matter fields read from the node tree.
#[derive(Default)]
pub struct Fields {
    pub title: Option<Sp<String>>,
    pub kind: Option<DocType>,
    pub id: Option<Sp<String>>,
    pub owner: Option<Sp<String>>,
    pub reviewed: Option<Sp<Date>>,
    pub review_every: Option<Sp<i64>>,
    pub status: Option<Sp<Status>>,
    pub weight: Option<i64>,
    pub description: Option<Sp<String>>,
    pub tags: Vec<Sp<String>>,
    pub audience: Vec<Sp<String>>,
    pub channels: Vec<Sp<String>>,
    pub allow: Vec<String>,
    pub messages: Vec<RawMessage>,
    pub claims: Vec<Claim>,
    pub persona: Option<Persona>,
    pub positioning: Option<Positioning>,
    pub competitor: Option<Competitor>,
    pub playbook: Option<Playbook>,
    pub glossary: Option<Glossary>,
    /// Span of the `type` value, for findings about the type.
    pub type_span: Option<Span>,
}

/// A message before its document id is known.
pub struct RawMessage {
    pub id: Sp<String>,
    pub kind: Sp<String>,
    pub text: Sp<String>,
    pub response: Option<Sp<String>>,
    pub channels: Vec<Sp<String>>,
    pub proof: Vec<Sp<String>>,
    pub status: Status,
    pub span: Span,
}

struct Reader<'a> {
    file: FileId,
    /// Offset of the YAML text in the file.
    base: usize,
    diags: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn span(&self, n: &Node) -> Span {
        Span::new(self.file, self.base + n.start, self.base + n.end)
    }

    fn schema(&mut self, n: &Node, message: String) {
        let span = self.span(n);
        self.diags
            .push(Diagnostic::new("frontmatter/schema", span, message));
    }

    fn string(&mut self, key: &str, n: &Node) -> Option<Sp<String>> {
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

    fn id(&mut self, key: &str, n: &Node) -> Option<Sp<String>> {
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

    fn strings(&mut self, key: &str, n: &Node) -> Vec<Sp<String>> {
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

    fn ids(&mut self, key: &str, n: &Node) -> Vec<Sp<String>> {
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

    fn one_of(&mut self, key: &str, n: &Node, allowed: &[&str]) -> Option<Sp<String>> {
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

    fn channels(&mut self, n: &Node) -> Vec<Sp<String>> {
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

    fn int(&mut self, key: &str, n: &Node) -> Option<i64> {
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

    fn date(&mut self, key: &str, n: &Node) -> Option<Sp<Date>> {
        let s = match &n.value {
            Value::Str(s) => s.trim(),
            Value::Null => return None,
            other => {
                self.schema(
                    n,
                    format!(
                        "`{key}` must be a date YYYY-MM-DD, not {}",
                        other.type_name()
                    ),
                );
                return None;
            }
        };
        match parse_date(s) {
            Some(d) => Some(Sp::new(d, self.span(n))),
            None => {
                self.schema(n, format!("`{key}` must be a date YYYY-MM-DD, not `{s}`"));
                None
            }
        }
    }

    fn map<'n>(&mut self, key: &str, n: &'n Node) -> Option<&'n [(Node, Node)]> {
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

    fn list<'n>(&mut self, key: &str, n: &'n Node) -> &'n [Node] {
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
    fn unknown_keys(&mut self, entries: &[(Node, Node)], known: &[&str], what: &str) {
        for (k, _) in entries {
            let name = match &k.value {
                Value::Str(s) => s.clone(),
                other => format!("{other:?}"),
            };
            if !known.contains(&name.as_str()) {
                let mut d = Diagnostic::new(
                    "frontmatter/unknown-key",
                    self.span(k),
                    format!("unknown key `{name}` {what}"),
                );
                if let Some(best) = crate::suggest::did_you_mean(&name, known.iter().copied()) {
                    d = d.help(format!("did you mean `{best}`?"));
                }
                self.diags.push(d);
            }
        }
    }

    fn required_string(&mut self, parent: &Node, key: &str, what: &str) -> Option<Sp<String>> {
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

pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub fn parse_date(s: &str) -> Option<Date> {
    if s.len() != 10 {
        return None;
    }
    s.parse::<Date>().ok()
}

/// Read the fields of a front-matter map. `base` is the YAML's offset in the file.
pub fn read(root: &Node, file: FileId, base: usize, diags: &mut Vec<Diagnostic>) -> Fields {
    let mut r = Reader { file, base, diags };
    let mut f = Fields::default();
    let Value::Map(entries) = &root.value else {
        r.schema(
            root,
            format!(
                "front-matter must be a map of keys and values, not {}",
                root.value.type_name()
            ),
        );
        return f;
    };

    if let Some(n) = root.get("type") {
        f.type_span = Some(r.span(n));
        let names: Vec<&str> = DocType::ALL.iter().map(|(n, _)| *n).collect();
        if let Some(t) = r.one_of("type", n, &names) {
            f.kind = DocType::parse(&t.value);
        }
    }
    let kind = f.kind.unwrap_or(DocType::Page);
    let mut known: Vec<&str> = COMMON_KEYS.to_vec();
    known.extend_from_slice(type_keys(kind));
    r.unknown_keys(
        entries,
        &known,
        &format!("for a {} document", kind.as_str()),
    );

    for (k, v) in entries {
        let Value::Str(key) = &k.value else { continue };
        match key.as_str() {
            "title" => f.title = r.string("title", v),
            "id" => f.id = r.id("id", v),
            "owner" => f.owner = r.string("owner", v),
            "reviewed" => f.reviewed = r.date("reviewed", v),
            "review_every" => {
                f.review_every = match r.int("review_every", v) {
                    Some(d) if d > 0 => Some(Sp::new(d, r.span(v))),
                    Some(_) => {
                        r.schema(v, "`review_every` must be a positive number of days".into());
                        None
                    }
                    None => None,
                }
            }
            "status" => {
                f.status = r
                    .one_of("status", v, &["draft", "approved", "retired"])
                    .map(|s| {
                        let st = match s.value.as_str() {
                            "draft" => Status::Draft,
                            "retired" => Status::Retired,
                            _ => Status::Approved,
                        };
                        Sp::new(st, s.span)
                    })
            }
            "weight" => f.weight = r.int("weight", v),
            "description" => f.description = r.string("description", v),
            "tags" => f.tags = r.strings("tags", v),
            "audience" => f.audience = r.ids("audience", v),
            "channels" => f.channels = r.channels(v),
            "lint" => {
                if let Some(lint) = r.map("lint", v) {
                    r.unknown_keys(lint, &["allow"], "in `lint`");
                    if let Some(allow) = v.get("allow") {
                        f.allow = r
                            .strings("lint.allow", allow)
                            .into_iter()
                            .map(|s| s.value)
                            .collect();
                    }
                }
            }
            "claims" => f.claims = read_claims(&mut r, v),
            _ => {}
        }
    }

    match kind {
        DocType::Messaging => {
            if let Some(v) = root.get("messages") {
                f.messages = read_messages(&mut r, v);
            }
        }
        DocType::Persona => {
            f.persona = Some(Persona {
                role: root.get("role").and_then(|v| r.string("role", v)),
                trigger: root.get("trigger").and_then(|v| r.string("trigger", v)),
                pain: root.get("pain").and_then(|v| r.string("pain", v)),
                stakes: root.get("stakes").and_then(|v| r.string("stakes", v)),
                decision_process: root
                    .get("decision_process")
                    .and_then(|v| r.string("decision_process", v)),
            })
        }
        DocType::Positioning => {
            f.positioning = Some(Positioning {
                product: root.get("product").and_then(|v| r.string("product", v)),
                category: root.get("category").and_then(|v| r.string("category", v)),
                for_: root.get("for").map(|v| r.ids("for", v)).unwrap_or_default(),
                not_for: root
                    .get("not_for")
                    .map(|v| r.strings("not_for", v))
                    .unwrap_or_default(),
                problem: root.get("problem").and_then(|v| r.string("problem", v)),
                unlike: root
                    .get("unlike")
                    .map(|v| r.ids("unlike", v))
                    .unwrap_or_default(),
                differentiators: root
                    .get("differentiators")
                    .map(|v| r.strings("differentiators", v))
                    .unwrap_or_default(),
            })
        }
        DocType::Competitor => {
            f.competitor = Some(Competitor {
                name: root.get("name").and_then(|v| r.string("name", v)),
                differentiators: root
                    .get("differentiators")
                    .map(|v| r.strings("differentiators", v))
                    .unwrap_or_default(),
                landmines: root
                    .get("landmines")
                    .map(|v| r.strings("landmines", v))
                    .unwrap_or_default(),
            })
        }
        DocType::Playbook => {
            let mut pb = Playbook::default();
            if let Some(v) = root.get("cadence") {
                pb.cadence = r.one_of("cadence", v, CADENCES);
            }
            if let Some(v) = root.get("steps") {
                for step in r.list("steps", v) {
                    match &step.value {
                        Value::Map(entries) => {
                            r.unknown_keys(entries, &["title", "owner", "when"], "in a step");
                            if let Some(title) = r.required_string(step, "title", "a step") {
                                pb.steps.push(Step {
                                    title,
                                    owner: step.get("owner").and_then(|o| r.string("owner", o)),
                                    when: step.get("when").and_then(|o| r.string("when", o)),
                                });
                            }
                        }
                        _ => {
                            if let Some(title) = r.string("steps", step) {
                                pb.steps.push(Step {
                                    title,
                                    owner: None,
                                    when: None,
                                });
                            }
                        }
                    }
                }
            }
            f.playbook = Some(pb);
        }
        DocType::Glossary => {
            let mut g = Glossary::default();
            if let Some(v) = root.get("terms") {
                for t in r.list("terms", v) {
                    if r.map("terms", t).is_none() {
                        continue;
                    }
                    if let Value::Map(entries) = &t.value {
                        r.unknown_keys(entries, &["term", "definition", "avoid"], "in a term");
                    }
                    if let Some(term) = r.required_string(t, "term", "a glossary term") {
                        g.terms.push(Term {
                            term,
                            definition: t.get("definition").and_then(|d| r.string("definition", d)),
                            avoid: t
                                .get("avoid")
                                .map(|a| r.strings("avoid", a))
                                .unwrap_or_default(),
                        });
                    }
                }
            }
            if let Some(v) = root.get("banned") {
                for b in r.list("banned", v) {
                    let phrase = match &b.value {
                        Value::Map(entries) => {
                            r.unknown_keys(entries, &["phrase", "reason"], "in a banned phrase");
                            r.required_string(b, "phrase", "a banned phrase")
                        }
                        _ => r.string("banned", b),
                    };
                    if let Some(phrase) = phrase {
                        g.banned.push(Banned {
                            phrase,
                            reason: b.get("reason").and_then(|d| r.string("reason", d)),
                        });
                    }
                }
            }
            f.glossary = Some(g);
        }
        DocType::Page | DocType::Claims => {}
    }
    f
}

fn read_messages(r: &mut Reader, v: &Node) -> Vec<RawMessage> {
    let mut out = Vec::new();
    for m in r.list("messages", v) {
        let Some(entries) = r.map("messages", m) else {
            continue;
        };
        r.unknown_keys(
            entries,
            &[
                "id", "kind", "text", "channels", "proof", "response", "status",
            ],
            "in a message",
        );
        let id = match m.get("id") {
            Some(n) => r.id("id", n),
            None => {
                r.schema(m, "a message needs an `id`".into());
                None
            }
        };
        let kind = match m.get("kind") {
            Some(n) => r.one_of("kind", n, MESSAGE_KINDS),
            None => {
                r.schema(m, "a message needs a `kind`".into());
                None
            }
        };
        let text = r.required_string(m, "text", "a message");
        let status = match m.get("status") {
            Some(n) => match r.one_of("status", n, &["approved", "retired"]) {
                Some(s) if s.value == "retired" => Status::Retired,
                _ => Status::Approved,
            },
            None => Status::Approved,
        };
        let (Some(id), Some(kind), Some(text)) = (id, kind, text) else {
            continue;
        };
        out.push(RawMessage {
            id,
            kind,
            text,
            response: m.get("response").and_then(|n| r.string("response", n)),
            channels: m.get("channels").map(|n| r.channels(n)).unwrap_or_default(),
            proof: m
                .get("proof")
                .map(|n| r.ids("proof", n))
                .unwrap_or_default(),
            status,
            span: r.span(m),
        });
    }
    out
}

fn read_claims(r: &mut Reader, v: &Node) -> Vec<Claim> {
    let mut out = Vec::new();
    for c in r.list("claims", v) {
        let Some(entries) = r.map("claims", c) else {
            continue;
        };
        r.unknown_keys(
            entries,
            &["id", "text", "source", "as_of", "expires"],
            "in a claim",
        );
        let id = match c.get("id") {
            Some(n) => r.id("id", n),
            None => {
                r.schema(c, "a claim needs an `id`".into());
                None
            }
        };
        let text = r.required_string(c, "text", "a claim");
        let (Some(id), Some(text)) = (id, text) else {
            continue;
        };
        out.push(Claim {
            id,
            text,
            source: c.get("source").and_then(|n| r.string("source", n)),
            as_of: c.get("as_of").and_then(|n| r.date("as_of", n)),
            expires: c.get("expires").and_then(|n| r.date("expires", n)),
            span: r.span(c),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    fn fields(y: &str) -> (Fields, Vec<Diagnostic>) {
        let node = yaml::parse(y).unwrap().unwrap();
        let mut d = Vec::new();
        let f = read(&node, FileId(0), 0, &mut d);
        (f, d)
    }

    #[test]
    fn reads_messaging() {
        let (f, d) = fields(
            "type: messaging\nid: platform\nmessages:\n  - id: one-liner\n    kind: one-liner\n    text: Hello there.\n    proof: [a]\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(f.messages.len(), 1);
        assert_eq!(f.messages[0].proof[0].value, "a");
    }

    #[test]
    fn wrong_types_and_unknown_keys_are_reported() {
        let (f, d) =
            fields("title: [a]\nweight: heavy\nreviewed: 2025-13-01\ntitel: x\ntype: memo\n");
        assert!(f.title.is_none());
        let rules: Vec<_> = d.iter().map(|d| d.rule).collect();
        assert_eq!(
            rules.iter().filter(|r| **r == "frontmatter/schema").count(),
            4,
            "{d:?}"
        );
        let unknown = d
            .iter()
            .find(|d| d.rule == "frontmatter/unknown-key")
            .unwrap();
        assert_eq!(unknown.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn kebab_ids() {
        assert!(is_kebab("one-liner"));
        assert!(is_kebab("a1"));
        assert!(!is_kebab("One"));
        assert!(!is_kebab("a_b"));
        assert!(!is_kebab("-a"));
    }
}
