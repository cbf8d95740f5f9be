//! One page through its theme template: the site, page and navigation contexts, the
//! current page marked in the sidebar, `page.html` when the theme lacks the template.

use super::context::PageCtx;
use super::nav;
use super::shared::Shared;
use super::theme::Theme;
use crate::error::Error;

pub(super) fn render_page(
    theme: &Theme,
    shared: &Shared,
    page: &PageCtx,
    nav: &str,
    template: &str,
    extra: &[(&'static str, serde_json::Value)],
) -> Result<String, Error> {
    let mut ctx = tera::Context::new();
    ctx.insert("site", &shared.site);
    ctx.insert("page", page);
    let nav = nav::mark_current(nav, &page.url);
    ctx.insert("nav", &nav);
    for (k, v) in extra {
        ctx.insert(*k, v);
    }
    let template = if theme.tera.get_template_names().any(|n| n == template) {
        template
    } else {
        "page.html"
    };
    theme.render(template, &ctx)
}
