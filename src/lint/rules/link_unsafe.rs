//! `link/unsafe`: a link from front-matter or `book.toml` whose scheme is not `http`,
//! `https`, `mailto` or relative. Such a link is rendered as plain text.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::uses::prose_fields;
use crate::rules::LINK_UNSAFE;
use crate::source::Span;
use crate::url::url_is_safe;

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
        let source = hb.sources.text(d.file);
        for f in prose_fields(d) {
            let parser = pulldown_cmark::Parser::new_ext(&f.value, crate::cmark::options());
            for ev in parser {
                if let pulldown_cmark::Event::Start(
                    pulldown_cmark::Tag::Link { dest_url, .. }
                    | pulldown_cmark::Tag::Image { dest_url, .. },
                ) = ev
                    && !url_is_safe(&dest_url)
                {
                    out.push(finding(
                        super::ref_unknown::locate(source, f.span, &dest_url),
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

fn finding(span: Span, what: &str, url: &str) -> Diagnostic {
    let shown: String = url
        .chars()
        .take(60)
        .collect::<String>()
        .escape_debug()
        .to_string();
    Diagnostic::new(
        &LINK_UNSAFE,
        span,
        format!("{what} `{shown}` is not an http, https, mailto or relative URL: it is shown as text, not linked"),
    )
    .help("use an `https://` address or a path inside the handbook")
}
