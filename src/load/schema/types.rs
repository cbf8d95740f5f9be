//! The keys of each document type beside their reads: `messages`, a persona's, a
//! positioning's, a competitor's, a playbook's steps, a glossary's terms and banned
//! phrases, and the `claims` list any document may hold.

use super::reader::Reader;
use crate::load::yaml::{Node, Value};
use crate::model::{
    Banned, CADENCES, Claim, Competitor, DocType, Glossary, MESSAGE_KINDS, Persona, Playbook,
    Positioning, Sp, Status, Step, Term,
};
use crate::source::Span;

/// The keys of each document type, besides the common ones.
pub(super) fn type_keys(t: DocType) -> &'static [&'static str] {
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

pub(super) fn read_messages(r: &mut Reader, v: &Node) -> Vec<RawMessage> {
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

pub(super) fn read_claims(r: &mut Reader, v: &Node) -> Vec<Claim> {
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
            html: crate::load::inline::parse(&text.value),
            text,
            source: c.get("source").and_then(|n| r.string("source", n)),
            as_of: c.get("as_of").and_then(|n| r.date("as_of", n)),
            expires: c.get("expires").and_then(|n| r.date("expires", n)),
            span: r.span(c),
        });
    }
    out
}

/// `role`, `trigger`, `pain`, `stakes`, `decision_process`.
pub(super) fn persona(r: &mut Reader, root: &Node) -> Persona {
    Persona {
        role: root.get("role").and_then(|v| r.string("role", v)),
        trigger: root.get("trigger").and_then(|v| r.string("trigger", v)),
        pain: root.get("pain").and_then(|v| r.string("pain", v)),
        stakes: root.get("stakes").and_then(|v| r.string("stakes", v)),
        decision_process: root
            .get("decision_process")
            .and_then(|v| r.string("decision_process", v)),
    }
}

/// `product`, `category`, `for`, `not_for`, `problem`, `unlike`, `differentiators`.
pub(super) fn positioning(r: &mut Reader, root: &Node) -> Positioning {
    Positioning {
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
    }
}

/// `name`, `differentiators`, `landmines`.
pub(super) fn competitor(r: &mut Reader, root: &Node) -> Competitor {
    Competitor {
        name: root.get("name").and_then(|v| r.string("name", v)),
        differentiators: root
            .get("differentiators")
            .map(|v| r.strings("differentiators", v))
            .unwrap_or_default(),
        landmines: root
            .get("landmines")
            .map(|v| r.strings("landmines", v))
            .unwrap_or_default(),
    }
}

/// `cadence` and `steps` (each a title, or a map of `title`, `owner`, `when`).
pub(super) fn playbook(r: &mut Reader, root: &Node) -> Playbook {
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
    pb
}

/// `terms` (`term`, `definition`, `avoid`) and `banned` (a phrase, or `phrase` and
/// `reason`).
pub(super) fn glossary(r: &mut Reader, root: &Node) -> Glossary {
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
    g
}
