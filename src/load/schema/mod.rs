//! Reads the typed schema of SPEC 3 out of a front-matter node tree. Every problem is a
//! diagnostic at the value's span (`frontmatter/schema`, `frontmatter/unknown-key`); a
//! bad value is dropped and the rest of the document still loads.
//!
//! This file reads the top-level keys and settles other generators' keys into gtmbook's;
//! the key tables others read are in `keys.rs`, the value reads in `reader.rs`, each
//! document type's keys and reads in `types.rs`, the value checks in `values.rs`.

mod keys;
mod reader;
mod types;
mod values;

pub use crate::config::DATE_KEYS;
pub use keys::{COMMON_KEYS, FOREIGN_KEYS};
pub use types::RawMessage;
pub use values::{is_kebab, parse_date, parse_date_time};

use super::yaml::{Node, Value};
use crate::diagnostics::Diagnostic;
use crate::model::{
    Claim, Competitor, DocType, Glossary, Persona, Playbook, Positioning, Sp, Status, bad_slug,
    written_address,
};
use crate::rules;
use crate::source::{FileId, Span};
use jiff::civil::Date;
use reader::Reader;
use types::{read_claims, read_messages, type_keys};
use values::word_of;

/// The values of `status`.
const STATUSES: &[&str] = &["draft", "approved", "retired"];

/// What the book tells the front-matter reader.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `[lint] extra_keys`: a project's own top-level keys, accepted silently.
    pub extra_keys: Vec<String>,
    /// `[lint] reviewed_from`: date keys that stand for `reviewed` when it is absent,
    /// in order of preference.
    pub reviewed_from: Vec<String>,
}

impl Options {
    pub fn from_config(config: &crate::config::Config) -> Self {
        Options {
            extra_keys: config.lint.extra_keys.clone(),
            reviewed_from: config.lint.reviewed_from.clone(),
        }
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
    /// `slug`: a safe URL segment.
    pub slug: Option<Sp<String>>,
    /// `permalink`, as a URL path below `base_url` ([`written_address`]).
    pub permalink: Option<Sp<String>>,
    /// `aliases` and `redirect_from`, as URL paths below `base_url`.
    pub aliases: Vec<Sp<String>>,
    /// `lang`: a language tag.
    pub lang: Option<Sp<String>>,
}

/// Values read from other generators' keys, settled into `Fields` at the end of `read`.
#[derive(Default)]
struct Foreign {
    /// `draft: true` or `published: false`: the span of that value.
    draft: Option<Span>,
    /// The key that said so, for the message.
    draft_key: &'static str,
    dates: Vec<(&'static str, Sp<Date>)>,
    /// `weight`, `order`, `nav_order`, `sidebar_position` as read.
    orders: Vec<(&'static str, i64)>,
    reviewed_written: bool,
}

/// Read the fields of a front-matter map. `base` is the YAML's offset in the file.
pub fn read(
    root: &Node,
    file: FileId,
    base: usize,
    options: &Options,
    diags: &mut Vec<Diagnostic>,
) -> Fields {
    let mut r = Reader { file, base, diags };
    let mut f = Fields::default();
    let mut foreign = Foreign::default();
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

    let mut type_unknown = false;
    if let Some(n) = root.get("type") {
        f.type_span = Some(r.span(n));
        let names: Vec<&str> = DocType::ALL.iter().map(|(n, _)| *n).collect();
        if let Some(t) = r.string("type", n) {
            match word_of(&t.value, &names) {
                Some(name) => f.kind = DocType::parse(name),
                None => {
                    type_unknown = true;
                    let mut d = Diagnostic::new(
                        &rules::FRONTMATTER_SCHEMA,
                        t.span,
                        format!(
                            "`type` must be one of {}, not `{}`; the document is read as a plain page",
                            names.join(", "),
                            t.value
                        ),
                    );
                    if let Some(best) =
                        crate::suggest::did_you_mean_key(&t.value, names.iter().copied())
                    {
                        d = d.help(format!("did you mean `{best}`?"));
                    }
                    r.diags.push(d);
                }
            }
        }
    }
    let kind = f.kind.unwrap_or(DocType::Page);
    let mut known: Vec<&str> = COMMON_KEYS.to_vec();
    known.extend_from_slice(FOREIGN_KEYS);
    if type_unknown {
        // The keys of whichever type was meant are not reported a second time.
        for (_, t) in DocType::ALL {
            known.extend_from_slice(type_keys(*t));
        }
    } else {
        known.extend_from_slice(type_keys(kind));
    }
    r.unknown_keys_with(
        entries,
        &known,
        &options.extra_keys,
        &format!("for a {} document", kind.as_str()),
    );

    for (k, v) in entries {
        let Value::Str(key) = &k.value else { continue };
        match key.as_str() {
            "title" => f.title = r.string("title", v),
            "id" => f.id = r.id("id", v),
            "owner" => f.owner = r.string("owner", v),
            "reviewed" => {
                foreign.reviewed_written = true;
                f.reviewed = r.date("reviewed", v)
            }
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
                let written = r.string("status", v);
                f.status = written.as_ref().and_then(|s| {
                    let st = match word_of(&s.value, STATUSES)? {
                        "draft" => Status::Draft,
                        "retired" => Status::Retired,
                        _ => Status::Approved,
                    };
                    Some(Sp::new(st, s.span))
                });
                if f.status.is_none()
                    && let Some(s) = written
                {
                    r.diags.push(
                        Diagnostic::new(
                            &rules::FRONTMATTER_SCHEMA,
                            s.span,
                            format!(
                                "`status` must be one of {}, not `{}`; the document is treated as `approved`",
                                STATUSES.join(", "),
                                s.value
                            ),
                        )
                        .help("`status` is gtmbook's publishing state; keep a project's own status under a key of its own, listed in `[lint] extra_keys`"),
                    );
                }
            }
            "draft" | "published" => {
                let (name, said) = if key == "draft" {
                    ("draft", "draft: true")
                } else {
                    ("published", "published: false")
                };
                let is_draft = r.flag(name, v) == Some(name == "draft");
                if is_draft && foreign.draft.is_none() {
                    foreign.draft = Some(r.span(v));
                    foreign.draft_key = said;
                }
            }
            "date" | "lastmod" | "last_modified_at" => {
                let name = DATE_KEYS
                    .iter()
                    .find(|d| **d == key.as_str())
                    .copied()
                    .unwrap_or("date");
                if let Some(d) = r.date_time(name, v) {
                    foreign.dates.push((name, d));
                }
            }
            "weight" | "order" | "nav_order" | "sidebar_position" => {
                let name = ["weight", "order", "nav_order", "sidebar_position"]
                    .into_iter()
                    .find(|d| *d == key.as_str())
                    .unwrap_or("weight");
                if let Some(w) = r.order(name, v) {
                    foreign.orders.push((name, w));
                }
            }
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
            "slug" => {
                f.slug = r.string("slug", v).and_then(|s| match bad_slug(&s.value) {
                    Some(why) => {
                        r.schema(
                            v,
                            format!("`slug` {why}: the address from the file name is used"),
                        );
                        None
                    }
                    None => Some(Sp::new(s.value.trim().to_string(), s.span)),
                })
            }
            "permalink" => f.permalink = r.permalink(v),
            "aliases" | "redirect_from" => {
                let list = match &v.value {
                    Value::Seq(_) => r.strings(key, v),
                    _ => r.string(key, v).into_iter().collect(),
                };
                for a in list {
                    match written_address(&a.value) {
                        Ok(url) => f.aliases.push(Sp::new(url, a.span)),
                        Err(why) => r.diags.push(
                            Diagnostic::new(
                                &rules::FRONTMATTER_SCHEMA,
                                a.span,
                                format!(
                                    "the old address `{}` {why}: no redirect is written",
                                    a.value
                                ),
                            )
                            .help("write the old path on this site, such as `/old/page/`"),
                        ),
                    }
                }
            }
            "lang" => {
                f.lang = r.string("lang", v).and_then(|s| {
                    let ok = !s.value.is_empty()
                        && s.value.len() <= 35
                        && s.value
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-');
                    if ok {
                        Some(s)
                    } else {
                        r.schema(
                            v,
                            format!(
                                "`lang` must be a language tag such as `en` or `pt-BR`, not `{}`",
                                s.value
                            ),
                        );
                        None
                    }
                })
            }
            _ => {}
        }
    }

    settle(&mut r, &mut f, foreign, options);

    match kind {
        DocType::Messaging => {
            if let Some(v) = root.get("messages") {
                f.messages = read_messages(&mut r, v);
            }
        }
        DocType::Persona => f.persona = Some(types::persona(&mut r, root)),
        DocType::Positioning => f.positioning = Some(types::positioning(&mut r, root)),
        DocType::Competitor => f.competitor = Some(types::competitor(&mut r, root)),
        DocType::Playbook => f.playbook = Some(types::playbook(&mut r, root)),
        DocType::Glossary => f.glossary = Some(types::glossary(&mut r, root)),
        DocType::Page | DocType::Claims => {}
    }
    f
}

/// Other generators' keys into gtmbook's fields: a draft flag into `status`, the
/// preferred order key into `weight`, the dates the book names into `reviewed`.
fn settle(r: &mut Reader, f: &mut Fields, foreign: Foreign, options: &Options) {
    if let Some(span) = foreign.draft {
        match &f.status {
            Some(s) if s.value != Status::Draft => {
                let written = match s.value {
                    Status::Retired => "retired",
                    _ => "approved",
                };
                r.diags.push(
                    Diagnostic::new(
                        &rules::FRONTMATTER_SCHEMA,
                        span,
                        format!(
                            "`{}` and `status: {written}` disagree; the document is treated as a draft",
                            foreign.draft_key
                        ),
                    )
                    .severity(crate::diagnostics::Severity::Warning)
                    .related(s.span, "the status written here")
                    .help("keep one of them: `status` is gtmbook's key"),
                );
            }
            _ => {}
        }
        // A bad `status` value has had its finding; the draft flag still decides.
        f.status = Some(Sp::new(Status::Draft, span));
    }
    // `weight` first, then `order`, `nav_order`, `sidebar_position`.
    for name in ["weight", "order", "nav_order", "sidebar_position"] {
        if let Some((_, w)) = foreign.orders.iter().find(|(k, _)| *k == name) {
            f.weight = Some(*w);
            break;
        }
    }
    if !foreign.reviewed_written {
        f.reviewed = options.reviewed_from.iter().find_map(|name| {
            foreign
                .dates
                .iter()
                .find(|(k, _)| *k == name.as_str())
                .map(|(_, d)| d.clone())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    fn fields(y: &str) -> (Fields, Vec<Diagnostic>) {
        let node = yaml::parse(y).unwrap().unwrap();
        let mut d = Vec::new();
        let f = read(&node, FileId(0), 0, &Options::default(), &mut d);
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
        let rules: Vec<_> = d.iter().map(|d| d.rule.id).collect();
        assert_eq!(
            rules.iter().filter(|r| **r == "frontmatter/schema").count(),
            4,
            "{d:?}"
        );
        let unknown = d
            .iter()
            .find(|d| d.rule.id == "frontmatter/unknown-key")
            .unwrap();
        assert_eq!(unknown.help.as_deref(), Some("did you mean `title`?"));
    }
}
