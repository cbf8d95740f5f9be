//! Reads the typed schema of SPEC 3 out of a front-matter node tree. Every problem is a
//! diagnostic at the value's span (`frontmatter/schema`, `frontmatter/unknown-key`); a
//! bad value is dropped and the rest of the document still loads.

use super::yaml::{Node, Value};
use crate::config::DATE_KEYS;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::rules;
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
    // Other generators' keys that gtmbook reads (README "Front-matter from other
    // generators"): drafts, dates, navigation order.
    "draft",
    "published",
    "date",
    "lastmod",
    "last_modified_at",
    "order",
    "nav_order",
    "sidebar_position",
    "slug",
    "permalink",
    "aliases",
    "redirect_from",
    "lang",
];

/// Keys other generators use for their templates (layout, menus, sidebars, a table of
/// contents, a social image, taxonomies). gtmbook has its own layout and navigation, so
/// they mean nothing here and harm nothing: accepted silently.
pub const FOREIGN_KEYS: &[&str] = &[
    "layout",
    "toc",
    "sidebar",
    "menu",
    "hide_sidebar",
    "image",
    "categories",
    "keywords",
];

/// Keys other generators use for something gtmbook has its own key for: reported as
/// unknown, with the gtmbook key to use, because the value would otherwise be lost
/// (an author is not an owner until it is written as `owner`).
const EQUIVALENT_KEYS: &[(&str, &str)] = &[
    ("author", "owner"),
    ("authors", "owner"),
    ("summary", "description"),
    ("excerpt", "description"),
];

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
            .push(Diagnostic::new(&rules::FRONTMATTER_SCHEMA, span, message));
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

    /// `draft: true` / `published: false` style booleans (`"true"` as a string too).
    fn flag(&mut self, key: &str, n: &Node) -> Option<bool> {
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
    fn order(&mut self, key: &str, n: &Node) -> Option<i64> {
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
    fn date_time(&mut self, key: &str, n: &Node) -> Option<Sp<Date>> {
        self.date_as(key, n, parse_date_time, "YYYY-MM-DD (a time may follow)")
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
        self.unknown_keys_with(entries, known, &[], what);
    }

    /// Report keys of a map that are in neither `known` nor `extra` (the book's own keys,
    /// never suggested).
    fn unknown_keys_with(
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
    fn permalink(&mut self, n: &Node) -> Option<Sp<String>> {
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

/// A value of gtmbook's own vocabulary, matched without regard to case (`Draft`,
/// `APPROVED`): the canonical spelling, or `None` when it is not one.
fn word_of<'a>(value: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let lower = value.trim().to_lowercase();
    allowed.iter().find(|a| **a == lower).copied()
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

/// `YYYY-MM-DD`, optionally followed by `T` or a space, a time `HH:MM[:SS[.fff]]` and a
/// zone (`Z`, `+02:00`, ` -0700`). The date is kept as written; the zone is not applied.
pub fn parse_date_time(s: &str) -> Option<Date> {
    let s = s.trim();
    let date = parse_date(s.get(..10)?)?;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(date);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?.trim_start();
    let b = rest.as_bytes();
    let two = |i: usize, max: u32| -> Option<()> {
        let d = b.get(i..i + 2)?;
        let n = std::str::from_utf8(d).ok()?.parse::<u32>().ok()?;
        (d.iter().all(u8::is_ascii_digit) && n <= max).then_some(())
    };
    two(0, 23)?;
    (b.get(2) == Some(&b':')).then_some(())?;
    two(3, 59)?;
    let mut i = 5;
    if b.get(i) == Some(&b':') {
        two(i + 1, 60)?;
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            let digits = b
                .get(i..)?
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            (digits > 0).then_some(())?;
            i += digits;
        }
    }
    let zone = rest.get(i..)?.trim_start();
    let z = zone.as_bytes();
    let zone_ok = match z.first() {
        None => true,
        Some(b'Z' | b'z') => z.len() == 1,
        Some(b'+' | b'-') => {
            let tail = zone.get(1..)?.replace(':', "");
            tail.len() == 4 && two(0, 23).is_some() && tail.bytes().all(|c| c.is_ascii_digit())
                || tail.len() == 2 && tail.bytes().all(|c| c.is_ascii_digit())
        }
        _ => zone == "UTC",
    };
    zone_ok.then_some(date)
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

    #[test]
    fn generator_dates() {
        let d = |s: &str| parse_date_time(s).map(|d| d.to_string());
        let want = Some("2024-06-25".to_string());
        for ok in [
            "2024-06-25",
            "2024-06-25T10:00:00Z",
            "2024-06-25T10:00",
            "2024-06-25 10:00:00 -0700",
            "2024-06-25T10:00:00.123+02:00",
            "2024-06-25 10:00:00 UTC",
        ] {
            assert_eq!(d(ok), want, "{ok}");
        }
        for bad in [
            "2024-06-25T",
            "2024-06-25T25:00",
            "2024-06-25 10:00 PST8",
            "2024-6-25",
            "2024-06-25é",
            "2024-06-25T10:00:00+1",
            "",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
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
