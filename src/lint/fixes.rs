//! The edits the rules' fixes make, and where a fix is sure to be right: the words
//! replaced must be written in the file as the rules read them (no Markdown syntax,
//! escape or entity inside; white space may differ), never in a heading a link points
//! at, and in front-matter the YAML scalar must stay valid and read the new value (a
//! plain scalar is quoted when the new words need it). When unsure, no edit.

use super::ctx::Ctx;
use super::prose::{Origin, TextId};
use super::terms;
use crate::diagnostics::Edit;
use crate::source::Span;

/// What an edit puts in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Plain words (a glossary term).
    Words,
    /// A `{{kind:id}}` reference, which renders only where references are expanded.
    Reference,
}

/// Front-matter fields rendered as inline Markdown with their references expanded
/// (`model::uses::prose_fields`); titles and descriptions are shown as written.
const RENDERED_FIELDS: &[&str] = &[
    "role",
    "trigger",
    "pain",
    "stakes",
    "decision_process",
    "problem",
    "differentiators",
    "landmines",
    "steps",
];

/// Characters that are (or may be) Markdown syntax: replacing text holding them could
/// break emphasis, links or code across the edit's boundary.
const MARKDOWN: &[char] = &[
    '*', '_', '`', '[', ']', '<', '>', '\\', '{', '}', '~', '|', '&',
];

/// Equal but for runs of white space.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Is byte `at` of `s` inside square brackets opened before it (a link's text), looking
/// back to the start of the paragraph?
fn in_brackets(s: &str, at: usize) -> bool {
    let before = s.get(..at).unwrap_or("");
    let para = before.rfind("\n\n").map_or(0, |i| i + 2);
    let mut depth = 0usize;
    for c in before.get(para..).unwrap_or("").chars().rev() {
        match c {
            ']' => depth += 1,
            '[' if depth == 0 => return true,
            '[' => depth -= 1,
            _ => {}
        }
    }
    false
}

/// The edit replacing bytes `a..b` of text `id` with `with`, if it is sure to be right.
pub fn replace(ctx: &Ctx, id: TextId, a: usize, b: usize, with: &str, kind: Kind) -> Option<Edit> {
    let text = ctx.texts.text(id)?;
    let doc = ctx.hb.docs.get(id.doc as usize)?;
    let source = ctx.hb.sources.text(text.file);
    let piece = text.text().get(a..b)?;
    if a >= b || piece.trim() != piece {
        return None;
    }
    let fa = text.file_offset(a);
    let fb = text.file_offset(b - 1) + 1;
    let raw = source.get(fa..fb)?;
    if !same_words(raw, piece) {
        return None;
    }
    if kind == Kind::Reference && raw.contains(MARKDOWN) {
        return None;
    }
    let edit = |start: usize, end: usize, replacement: String| {
        Some(Edit {
            span: Span::new(text.file, start, end),
            replacement,
        })
    };
    let Some((ss, se)) = text.scalar else {
        // The body, or a title written as a heading.
        if kind == Kind::Reference && (in_brackets(source, fa) || text.origin != Origin::Body) {
            return None;
        }
        if let Some(h) = doc
            .body
            .headings
            .iter()
            .find(|h| h.span.start <= fa && fa < h.span.end)
            && (kind == Kind::Reference || ctx.linked_anchors().contains(h.id.as_str()))
        {
            return None;
        }
        // The title heading: its id is the page's `<h1>` anchor.
        if let (Some(t), Some(id)) = (&doc.body.title, &doc.body.title_id)
            && t.span.start <= fa
            && fa < t.span.end
            && ctx.linked_anchors().contains(id.as_str())
        {
            return None;
        }
        return edit(fa, fb, with.to_string());
    };
    // Front-matter.
    if kind == Kind::Reference {
        let rendered = match text.origin {
            Origin::Message | Origin::Claim => true,
            Origin::Field(name) => RENDERED_FIELDS.contains(&name),
            Origin::Body => false,
        };
        let value = text.text().get(..a)?;
        if !rendered || in_brackets(value, a) || value.matches('`').count() % 2 == 1 {
            return None;
        }
    }
    if !(ss <= fa && fb <= se) || with.contains(['\n', '\r']) || with.chars().any(char::is_control)
    {
        return None;
    }
    let toml = doc
        .front_matter
        .and_then(|fm| source.get(..fm.start))
        .is_some_and(|before| before.trim_end().ends_with("+++"));
    match style(source, ss, toml)? {
        Style::Double if !with.contains(['"', '\\']) => edit(fa, fb, with.to_string()),
        Style::Single if !with.contains('\'') => edit(fa, fb, with.to_string()),
        Style::Block if !(fa == ss && with.starts_with([' ', '\t'])) => {
            edit(fa, fb, with.to_string())
        }
        Style::Plain if plain_safe(with, fa == ss, fb == se) => edit(fa, fb, with.to_string()),
        Style::Plain => {
            // Quote the whole scalar, written again on one line.
            let value = text.text();
            let new = format!("{}{with}{}", value.get(..a)?, value.get(b..)?);
            edit(ss, se, double_quoted(&new))
        }
        _ => None,
    }
}

/// How a scalar is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Block,
}

/// The style of the scalar starting at `start`; `None` when unsure (a comment after a
/// block indicator, TOML other than a basic or literal string).
fn style(source: &str, start: usize, toml: bool) -> Option<Style> {
    let first = source.get(start..)?.chars().next()?;
    if toml {
        // A TOML multi-line string (`"""`) or anything but a one-line string: no edit.
        return match first {
            '"' if !source.get(start..)?.starts_with("\"\"\"") => Some(Style::Double),
            '\'' if !source.get(start..)?.starts_with("'''") => Some(Style::Single),
            _ => None,
        };
    }
    match first {
        '"' => return Some(Style::Double),
        '\'' => return Some(Style::Single),
        _ => {}
    }
    let line_start = source.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    if !source.get(line_start..start)?.trim().is_empty() {
        // Written after its key (or `- `) on the same line: block text never is.
        return Some(Style::Plain);
    }
    // The scalar starts a line: a block scalar when the last line before it with text
    // ends with `|` or `>` and its indicators.
    let before = source.get(..line_start)?;
    let prev = before.lines().rev().find(|l| !l.trim().is_empty())?;
    if prev.contains(" #") {
        return None;
    }
    let last = prev.split_whitespace().next_back()?;
    let block = last.starts_with(['|', '>'])
        && last
            .chars()
            .skip(1)
            .all(|c| c == '-' || c == '+' || c.is_ascii_digit());
    Some(if block { Style::Block } else { Style::Plain })
}

/// Can `with` be written inside a plain scalar as it is (at its start and/or end)?
fn plain_safe(with: &str, at_start: bool, at_end: bool) -> bool {
    let Some(first) = with.chars().next() else {
        return false;
    };
    !with.contains([':', '#', ',', '[', ']', '{', '}'])
        && !(at_start && (first.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(first)))
        && !(at_end && with.ends_with(char::is_whitespace))
}

/// A YAML double-quoted scalar holding `s`.
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The part of sentence `a..b` of `text` that a reference to `canonical` replaces: the
/// sentence without the opening and closing marks around it that the canonical text
/// does not have (`(`, quotes), which stay in place.
pub fn core(text: &str, a: usize, b: usize, canonical: &str) -> (usize, usize) {
    let (mut a, mut b) = (a, b);
    while let Some(c) = text.get(a..b).and_then(|s| s.chars().next())
        && "([\"“‘'".contains(c)
        && !canonical.starts_with(c)
    {
        a += c.len_utf8();
    }
    while let Some(c) = text.get(a..b).and_then(|s| s.chars().next_back())
        && ")]\"”’'".contains(c)
        && !canonical.ends_with(c)
    {
        b -= c.len_utf8();
    }
    (a, b)
}

/// Does `written` say `canonical` as a reference would render it: the same words and
/// punctuation, letter case and a missing final full stop aside?
pub fn renders_same(written: &str, canonical: &str) -> bool {
    let norm = |s: &str| -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (w, c) = (norm(written), norm(canonical));
    w == c || c.strip_suffix('.').is_some_and(|c| c == w)
}

/// The glossary's term in place of `word`, an avoided form of `avoid`: the same
/// inflection (`rotas` → `weekly plans`), and a capital first letter when the word had
/// one and the term starts in lower case. `None` when the form is not recognised.
pub fn preferred(word: &str, avoid: &str, term: &str) -> Option<String> {
    let key = |s: &str| -> String {
        terms::norm_lower(s)
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '\'')
            .collect()
    };
    let (avoid_head, avoid_last) = match avoid.trim().rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), avoid.trim()),
    };
    let (term_head, term_last) = match term.trim().rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), term.trim()),
    };
    let avoid_forms = terms::inflections(&terms::norm_lower(avoid_last));
    let form = avoid_forms
        .iter()
        .position(|f| key(&format!("{avoid_head}{f}")) == key(word))?;
    let term_forms = terms::inflections(term_last);
    // `inflections` lists base, possessive, [plural possessive,] plural.
    let pick = |forms: &[String], i: usize, of: &[String]| -> Option<String> {
        if forms.len() == of.len() {
            return forms.get(i).cloned();
        }
        match (i, of.len()) {
            (0 | 1, _) => forms.get(i).cloned(),
            (_, _) if i + 1 == of.len() => forms.last().cloned(),
            _ => None,
        }
    };
    let last = pick(&term_forms, form, &avoid_forms)?;
    let mut out = format!("{term_head}{last}");
    let word_upper = word.chars().next().is_some_and(char::is_uppercase);
    if word_upper && out.chars().next().is_some_and(char::is_lowercase) {
        let mut chars = out.chars();
        if let Some(f) = chars.next() {
            out = f.to_uppercase().chain(chars).collect();
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::{Value, parse};

    fn span_of(yaml: &str, key: &str) -> (usize, usize, String) {
        let n = parse(yaml).unwrap().unwrap();
        let v = n.get(key).unwrap();
        let Value::Str(s) = &v.value else { panic!() };
        (v.start, v.end, s.clone())
    }

    #[test]
    fn scalar_styles_are_told_apart() {
        let y = "a: plain words\nb: |\n  block words\nc: >-\n  folded\n  words\nd: \"dq\"\ne: 'sq'\nf:\n  plain on\n  two lines\n";
        for (key, want) in [
            ("a", Style::Plain),
            ("b", Style::Block),
            ("c", Style::Block),
            ("d", Style::Double),
            ("e", Style::Single),
            ("f", Style::Plain),
        ] {
            let (s, _, _) = span_of(y, key);
            assert_eq!(style(y, s, false), Some(want), "{key}");
        }
        // A plain scalar's span ends at its last character.
        let (s, e, v) = span_of(y, "a");
        assert_eq!(&y[s..e], v);
    }

    #[test]
    fn a_quoted_plain_scalar_reads_back() {
        let y = "a: Acme keeps teams aligned\nb: x\n";
        let (s, e, _) = span_of(y, "a");
        let new = format!(
            "{}{}{}",
            &y[..s],
            double_quoted("{{msg:m.one}} and \"so\""),
            &y[e..]
        );
        let (_, _, v) = span_of(&new, "a");
        assert_eq!(v, "{{msg:m.one}} and \"so\"");
        assert_eq!(span_of(&new, "b").2, "x");
    }

    #[test]
    fn plain_words_are_checked() {
        assert!(plain_safe("Sign up", true, true));
        assert!(!plain_safe("{{msg:a.b}}", true, false));
        assert!(!plain_safe("a: b", false, false));
        assert!(!plain_safe("-x", true, false));
    }

    #[test]
    fn the_preferred_term_keeps_form_and_capital() {
        assert_eq!(
            preferred("Sign-up", "sign-up", "sign up").as_deref(),
            Some("Sign up")
        );
        assert_eq!(
            preferred("rotas", "rota", "weekly plan").as_deref(),
            Some("weekly plans")
        );
        assert_eq!(
            preferred("Rota", "rota", "weekly plan").as_deref(),
            Some("Weekly plan")
        );
        assert_eq!(preferred("ai", "ai", "AI").as_deref(), Some("AI"));
        assert_eq!(
            preferred("rota's", "rota", "weekly plan").as_deref(),
            Some("weekly plan's")
        );
        assert_eq!(
            preferred("handbook tools", "handbook tool", "Acme Handbook").as_deref(),
            Some("Acme Handbooks")
        );
    }

    #[test]
    fn the_core_leaves_brackets_and_quotes() {
        let t = "(Acme keeps teams aligned.)";
        assert_eq!(
            core(t, 0, t.len(), "Acme keeps teams aligned."),
            (1, t.len() - 1)
        );
        assert!(renders_same(
            "acme keeps  teams aligned",
            "Acme keeps teams aligned."
        ));
        assert!(!renders_same(
            "Acme keeps teams aligned?",
            "Acme keeps teams aligned."
        ));
    }
}
