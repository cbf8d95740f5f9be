//! Every rule in one table: id, default severity, explanation, and where it is checked.
//! A leaf module: it names nothing else of the crate, so anything may name a rule.

use serde::Serialize;

/// How much a finding matters. Ordered from least to most severe.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Option<Severity>> {
        match s {
            "error" => Some(Some(Severity::Error)),
            "warning" => Some(Some(Severity::Warning)),
            "info" => Some(Some(Severity::Info)),
            "off" => Some(None),
            _ => None,
        }
    }
}

/// A rule's shared definition. `explain` is what `gtmbook explain RULE` prints.
///
/// A rule is one of the statics below: two rules are equal when they are the same
/// static.
pub struct Rule {
    pub id: &'static str,
    pub default: Severity,
    pub summary: &'static str,
    pub explain: &'static str,
    /// Its place in `ALL` (the SARIF `ruleIndex`).
    pub index: usize,
}

impl Rule {
    /// `text` is the rule's Markdown file: its first paragraph is the summary, the rest
    /// the explanation.
    const fn new(id: &'static str, default: Severity, text: &'static str, index: usize) -> Rule {
        let (summary, explain) = paragraphs(text);
        Rule {
            id,
            default,
            summary,
            explain,
            index,
        }
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Rule {}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.id, f)
    }
}

/// The first paragraph of `text` and the rest, without the final line break.
const fn paragraphs(text: &'static str) -> (&'static str, &'static str) {
    let all = match text.as_bytes() {
        [head @ .., b'\n'] => head,
        b => b,
    };
    let mut rest = all;
    let mut at = 0;
    while let [first, tail @ ..] = rest {
        if let (b'\n', [b'\n', ..]) = (*first, tail) {
            let (summary, explain) = all.split_at(at);
            let (_, explain) = explain.split_at(2);
            return (utf8(summary), utf8(explain));
        }
        rest = tail;
        at += 1;
    }
    (utf8(all), "")
}

const fn utf8(bytes: &'static [u8]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => panic!("a rule's text is not UTF-8"),
    }
}

/// The one list of rules, in SPEC order, then the tool's own. Each line: the static's
/// name, the id, the default severity, the module name (`src/rules/<name>.md` holds
/// the summary and explanation; a checked rule's `check` is `lint::rules::<name>::check`),
/// and where it is found: `loading` (while reading files and `book.toml`) or `check`
/// (over the loaded model). A macro that takes these lines is passed as `$then`:
/// `rules` makes the statics of them, `lint` its list of checks. Adding a rule is one
/// line here, its Markdown file and, for a checked rule, its module in `lint::rules`.
macro_rules! rule_table {
    ($then:ident) => {
        $then! {
            // NAME                  id                         default  module                   found
            FRONTMATTER_SYNTAX       "frontmatter/syntax"       Error    frontmatter_syntax       loading;
            FRONTMATTER_SCHEMA       "frontmatter/schema"       Error    frontmatter_schema       loading;
            FRONTMATTER_UNKNOWN_KEY  "frontmatter/unknown-key"  Warning  frontmatter_unknown_key  loading;
            FRONTMATTER_HTML         "frontmatter/html"         Warning  frontmatter_html         check;
            FRONTMATTER_PLACEMENT    "frontmatter/placement"    Warning  frontmatter_placement    loading;
            ID_DUPLICATE             "id/duplicate"             Error    id_duplicate             loading;
            REF_UNKNOWN              "ref/unknown"              Error    ref_unknown              check;
            REF_RETIRED              "ref/retired"              Error    ref_retired              check;
            REF_CYCLE                "ref/cycle"                Warning  ref_cycle                check;
            LINK_BROKEN              "link/broken"              Error    link_broken              check;
            LINK_UNSAFE              "link/unsafe"              Error    link_unsafe              check;
            SYNTAX_FOREIGN           "syntax/foreign"           Warning  syntax_foreign           loading;
            MESSAGE_DRIFT            "message/drift"            Warning  message_drift            check;
            MESSAGE_COPY             "message/copy"             Info     message_copy             check;
            MESSAGE_UNUSED           "message/unused"           Info     message_unused           check;
            MESSAGE_UNPROVEN         "message/unproven"         Warning  message_unproven         check;
            MESSAGE_NO_RESPONSE      "message/no-response"      Error    message_no_response      check;
            CLAIM_MISMATCH           "claim/mismatch"           Error    claim_mismatch           check;
            CLAIM_EXPIRED            "claim/expired"            Error    claim_expired            check;
            CLAIM_UNSOURCED          "claim/unsourced"          Warning  claim_unsourced          check;
            CLAIM_UNBACKED           "claim/unbacked"           Warning  claim_unbacked           check;
            TERM_AVOID               "term/avoid"               Warning  term_avoid               check;
            TERM_CASE                "term/case"                Warning  term_case                check;
            TERM_BANNED              "term/banned"              Error    term_banned              check;
            POSITIONING_CONFLICT     "positioning/conflict"     Error    positioning_conflict     check;
            META_OWNER               "meta/owner"               Warning  meta_owner               check;
            FRESHNESS_STALE          "freshness/stale"          Warning  freshness_stale          check;
            FILE_UNREADABLE          "file/unreadable"          Error    file_unreadable          loading;
            FILE_OUTSIDE             "file/outside"             Error    file_outside             loading;
            FILE_CONTROL_CHAR        "file/control-char"        Warning  file_control_char        loading;
            CONFIG_UNKNOWN_KEY       "config/unknown-key"       Warning  config_unknown_key       loading;
            CONFIG_INVALID           "config/invalid"           Warning  config_invalid           loading;
        }
    };
}
pub(crate) use rule_table;

/// The statics, `ALL` in table order, and each rule's index in it.
macro_rules! define {
    ($($name:ident $id:literal $default:ident $module:ident $found:ident;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum Index {
            $($name),*
        }
        $(
            #[doc = concat!("`", $id, "`")]
            pub static $name: Rule = Rule::new(
                $id,
                Severity::$default,
                include_str!(concat!("rules/", stringify!($module), ".md")),
                Index::$name as usize,
            );
        )*
        /// Every rule, in SPEC order, then the tool's own.
        pub static ALL: &[&Rule] = &[$(&$name),*];
    };
}
rule_table!(define);

/// The rule with this id (from `book.toml`, `lint.allow`, a `gtmbook-ignore` comment).
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// A rule reference stored by its place in [`ALL`] (the build cache), read back only
/// when this binary has that rule there.
pub mod by_index {
    use super::{ALL, Rule};

    pub fn serialize<S: serde::Serializer>(rule: &&'static Rule, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(u32::try_from(rule.index).unwrap_or(u32::MAX))
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static Rule, D::Error> {
        let n: u32 = serde::Deserialize::deserialize(d)?;
        ALL.get(n as usize)
            .copied()
            .ok_or_else(|| serde::de::Error::custom("no rule at this index"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // That every SPEC 6.1 rule is listed and explained is tested through the binary
    // (`tests/cli/check.rs`: `explain_every_rule`, `the_sample_handbook_explains_every_rule`).

    #[test]
    fn every_rule_has_one_id_a_summary_an_explanation_and_its_index() {
        let mut ids = std::collections::HashSet::new();
        for (i, r) in ALL.iter().enumerate() {
            assert!(ids.insert(r.id), "{} is in the table twice", r.id);
            assert_eq!(r.index, i, "{}", r.id);
            assert!(
                !r.summary.is_empty() && !r.summary.contains('\n'),
                "{}",
                r.id
            );
            assert!(
                !r.explain.is_empty() && !r.explain.ends_with('\n'),
                "{}",
                r.id
            );
            assert_eq!(find(r.id), Some(*r));
        }
        assert_eq!(find("link/brokn"), None);
        assert_eq!(find(""), None);
    }

    #[test]
    fn a_rule_is_equal_only_to_itself() {
        assert_eq!(ALL.get(LINK_BROKEN.index).copied(), Some(&LINK_BROKEN));
        assert_ne!(&LINK_BROKEN, &LINK_UNSAFE);
        assert_eq!(format!("{:?}", &LINK_BROKEN), "\"link/broken\"");
    }
}
