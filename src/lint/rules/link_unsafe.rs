//! `link/unsafe`: a link from front-matter or `book.toml` whose scheme is not `http`,
//! `https`, `mailto` or relative. Such a link is rendered as plain text.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::model::{Document, Sp};
use crate::render::safety::url_is_safe;
use crate::source::Span;

pub const RULE: Rule = Rule {
    id: "link/unsafe",
    default: Severity::Error,
    summary: "A link from front-matter or book.toml with a scheme other than http, https or mailto.",
    explain: "Finds a claim's `source`, `[book] edit_url` or `base_url`, or a Markdown link inside front-matter prose (message texts, responses, claim texts, persona, positioning, competitor, playbook and glossary fields) whose URL is neither relative nor `http:`, `https:` or `mailto:`. The scheme is compared without regard to case, spaces, tabs, control characters or character references, so `jAvAsCrIpT:`, ` javascript:` and `java\\tscript:` are all found.\n\nWhy it matters: a `javascript:` or `data:` link runs code in the reader's browser. gtmbook renders such a link as plain text, never as a link.\n\nExample:\n\n    claims:\n      - id: uptime\n        text: 99.99% uptime\n        source: javascript:alert(document.cookie)\n\nPoint `source` at the report's `https://` address.",
};

/// The front-matter values that are rendered as inline Markdown.
pub fn prose_fields(d: &Document) -> Vec<&Sp<String>> {
    let mut out: Vec<&Sp<String>> = Vec::new();
    for m in &d.messages {
        out.push(&m.text);
        out.extend(m.response.as_ref());
    }
    for c in &d.claims {
        out.push(&c.text);
    }
    if let Some(p) = &d.persona {
        out.extend(
            [&p.role, &p.trigger, &p.pain, &p.stakes, &p.decision_process]
                .into_iter()
                .flatten(),
        );
    }
    if let Some(p) = &d.positioning {
        out.extend(p.problem.as_ref());
        out.extend(p.differentiators.iter());
    }
    if let Some(c) = &d.competitor {
        out.extend(c.landmines.iter());
    }
    if let Some(p) = &d.playbook {
        out.extend(p.steps.iter().map(|s| &s.title));
    }
    if let Some(g) = &d.glossary {
        out.extend(g.terms.iter().filter_map(|t| t.definition.as_ref()));
    }
    out
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    for d in &hb.docs {
        for c in &d.claims {
            if let Some(s) = &c.source
                && !url_is_safe(&s.value)
            {
                out.push(finding(s.span, "claim `source`", &s.value));
            }
        }
        let source = hb
            .sources
            .get(d.file)
            .map(|f| f.text.as_str())
            .unwrap_or("");
        for f in prose_fields(d) {
            let parser =
                pulldown_cmark::Parser::new_ext(&f.value, crate::load::markdown::options());
            for ev in parser {
                if let pulldown_cmark::Event::Start(
                    pulldown_cmark::Tag::Link { dest_url, .. }
                    | pulldown_cmark::Tag::Image { dest_url, .. },
                ) = ev
                    && !url_is_safe(&dest_url)
                {
                    out.push(finding(
                        locate(source, f.span, &dest_url),
                        "a link in front-matter prose",
                        &dest_url,
                    ));
                }
            }
        }
    }
    if let Some(id) = hb.config_file
        && let Some(file) = hb.sources.get(id)
        && let Ok(table) = toml::de::DeTable::parse(&file.text)
        && let Some(book) = table.get_ref().get("book")
        && let Some(book) = book.get_ref().as_table()
    {
        for key in ["edit_url", "base_url"] {
            if let Some(v) = book.get(key)
                && let Some(s) = v.get_ref().as_str()
                && !url_is_safe(s)
            {
                let r = v.span();
                out.push(finding(
                    Span::new(id, r.start, r.end),
                    &format!("`[book] {key}`"),
                    s,
                ));
            }
        }
    }
}

/// The URL inside the value's source text, or the whole value when it is written
/// differently there (escapes, folding).
fn locate(source: &str, value: Span, url: &str) -> Span {
    source
        .get(value.start..value.end)
        .and_then(|s| s.find(url))
        .map(|at| Span::new(value.file, value.start + at, value.start + at + url.len()))
        .unwrap_or(value)
}

fn finding(span: Span, what: &str, url: &str) -> Diagnostic {
    let shown: String = url
        .chars()
        .take(60)
        .collect::<String>()
        .escape_debug()
        .to_string();
    Diagnostic::new(
        RULE.id,
        span,
        format!("{what} `{shown}` is not an http, https, mailto or relative URL: it is shown as text, not linked"),
    )
    .help("use an `https://` address or a path inside the handbook")
}
