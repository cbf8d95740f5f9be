//! `frontmatter/html`: raw HTML in a front-matter value, which the site shows as text.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::uses::prose_fields;
use crate::rules::FRONTMATTER_HTML;

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
            let parser = pulldown_cmark::Parser::new_ext(&v.value, crate::cmark::options());
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
                    &FRONTMATTER_HTML,
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
