//! The messaging changelog page (`gtmbook/changelog/`), beside the message map: per git
//! commit that changed approved words (messages, claims, glossary), newest first, its
//! date, short hash and subject, and each item's old and new words. The history is read
//! by the commands layer (`diff::changelog`) and handed here as plain data: render stays
//! pure.

pub use super::changes::{Changelog, Entry, Line};
use super::context::{LinkCtx, PageCtx};
use super::nav::breadcrumbs;
use super::shared::Shared;
use super::template::render_page;
use super::theme::Theme;
use super::values::escape;
use crate::error::Error;
use crate::site::OutFile;

/// Where the page is written, below the site root.
pub const PATH: &str = "gtmbook/changelog/";
pub const TITLE: &str = "Messaging changelog";

/// The footer link to the page, placed after the message map.
pub(super) fn link(shared: &mut Shared) {
    let link = LinkCtx {
        title: TITLE.to_string(),
        url: format!("{}{PATH}", shared.site.base_url),
    };
    let at = shared
        .site
        .generated
        .iter()
        .position(|g| g.url.ends_with("gtmbook/message-map/"))
        .map_or(0, |p| p + 1);
    shared.site.generated.insert(at, link);
}

fn line_html(l: &Line) -> String {
    format!(
        "<li class=\"changelog-item\" data-kind=\"{}\" data-id=\"{}\" data-change=\"{}\">{}</li>\n",
        escape(&l.kind),
        escape(&l.id),
        escape(&l.change),
        summary_html(l)
    )
}

/// What changed in one item, as inline HTML (every value escaped): the kind, the id,
/// the change, old → new words, the other fields. The cadence page shows it too.
pub(super) fn summary_html(l: &Line) -> String {
    let mut s = format!(
        "<span class=\"tag\">{}</span> <code>{}</code> {}",
        escape(&l.kind),
        escape(&l.id),
        escape(&l.change)
    );
    match (&l.old, &l.new) {
        (Some(o), Some(n)) => s.push_str(&format!(
            ": <del class=\"old\">{}</del> → <ins class=\"new\">{}</ins>",
            escape(o),
            escape(n)
        )),
        (Some(o), None) => s.push_str(&format!(": <del class=\"old\">{}</del>", escape(o))),
        (None, Some(n)) => s.push_str(&format!(": <ins class=\"new\">{}</ins>", escape(n))),
        (None, None) => {}
    }
    if let Some(f) = &l.field
        && f != "text"
    {
        s.push_str(&format!(" <span class=\"field\">({})</span>", escape(f)));
    }
    if !l.others.is_empty() {
        s.push_str(&format!(
            " <span class=\"also\">also changed: {}</span>",
            escape(&l.others.join(", "))
        ));
    }
    s
}

fn content(c: &Changelog) -> String {
    let mut out = format!(
        "<p class=\"lede\">Changes to approved words (messages, claims and the glossary), newest first, from the last {} commit{} of the content folder.</p>\n",
        c.looked_back,
        if c.looked_back == 1 { "" } else { "s" }
    );
    if c.commits.is_empty() {
        out.push_str("<p class=\"empty\">No commit in that window changed approved words.</p>\n");
    }
    for e in &c.commits {
        out.push_str(&format!(
            "<section class=\"changelog-commit\" id=\"commit-{}\" data-commit=\"{}\">\n<h2><time datetime=\"{}\">{}</time> · <code>{}</code> · {}</h2>\n<ul>\n",
            escape(&e.short),
            escape(&e.hash),
            escape(&e.date),
            escape(&e.date),
            escape(&e.short),
            escape(&e.subject)
        ));
        for l in &e.lines {
            out.push_str(&line_html(l));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out
}

/// The page. A theme's `changelog.html` gets `changelog` (the data above); without one,
/// the built-in page template shows the HTML made here.
pub(super) fn page(
    shared: &Shared,
    theme: &Theme,
    nav: &str,
    c: &Changelog,
) -> Result<OutFile, Error> {
    let page = PageCtx {
        title: TITLE.to_string(),
        kind: "generated",
        id: "changelog".into(),
        url: format!("{}{PATH}", shared.site.base_url),
        status: "approved",
        breadcrumbs: breadcrumbs(shared, "", true),
        content_html: content(c),
        ..PageCtx::default()
    };
    let value = serde_json::to_value(c).unwrap_or(serde_json::Value::Null);
    let html = render_page(
        theme,
        shared,
        &page,
        nav,
        "changelog.html",
        &[("changelog", value)],
    )?;
    Ok(OutFile {
        path: format!("{PATH}index.html"),
        bytes: html.into_bytes(),
    })
}
