//! `frontmatter/html`: raw HTML in a front-matter value, which the site shows as text.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::model::uses::prose_fields;

pub const RULE: Rule = Rule {
    id: "frontmatter/html",
    default: Severity::Warning,
    summary: "Raw HTML in a front-matter value: shown as text, never run.",
    explain: "Finds an HTML tag (`<script>`, `<img onerror=…>`, `<b>`, a comment) in a front-matter value: a title, description, owner, tag, message text or response, claim text, or a persona, positioning, competitor, playbook or glossary field.\n\nWhy it matters: front-matter values are escaped on every page that shows them, so a tag appears to readers as literal text such as `<b>fast</b>`, on the page and everywhere the message is rendered. Only Markdown formatting (`*emphasis*`, `` `code` ``, `[links](https://…)`) is rendered in message, claim and other prose fields.\n\nExample:\n\n    messages:\n      - id: one-liner\n        kind: one-liner\n        text: Plan every job in <b>one</b> place.\n\nWrite `Plan every job in **one** place.` instead.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    for d in &hb.docs {
        let source = hb.sources.text(d.file);
        let plain = std::iter::once(&d.title)
            .chain(d.description.as_ref())
            .chain(d.owner.as_ref())
            .chain(d.tags.iter());
        for v in plain.chain(prose_fields(d)) {
            if !v.value.contains('<') {
                continue;
            }
            let parser = pulldown_cmark::Parser::new_ext(&v.value, crate::load::parser::options());
            let tag = parser.into_iter().find_map(|ev| match ev {
                pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                    Some(h.trim().to_string())
                }
                _ => None,
            });
            let Some(tag) = tag else { continue };
            let first_line = tag.lines().next().unwrap_or("").to_string();
            let span = super::ref_unknown::locate(source, v.span, &first_line);
            let shown: String = first_line.chars().take(60).collect();
            out.push(
                Diagnostic::new(
                    RULE.id,
                    span,
                    format!(
                        "`{shown}` is HTML in a front-matter value: it is shown as text, not run"
                    ),
                )
                .help(
                    "use Markdown (`**bold**`, `*emphasis*`, `[text](https://…)`) or plain words",
                ),
            );
        }
    }
}
