//! One page through its theme template: the site, page and navigation contexts, the
//! current page marked in the sidebar, `page.html` when the theme lacks the template;
//! and the key of those inputs, by which a rebuild knows a page would render the same.

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

/// Feeds what serde writes into a hash.
pub(super) struct Hashing(pub(super) xxhash_rust::xxh3::Xxh3);

impl std::io::Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A hash of the site context and the theme: what every page shares.
pub(super) fn site_key(theme: &Theme, shared: &Shared) -> u128 {
    let mut h = Hashing(xxhash_rust::xxh3::Xxh3::new());
    h.0.update(&theme.fingerprint.to_le_bytes());
    // A context that cannot be written out gives a key of its own: never a match.
    if serde_json::to_writer(&mut h, &shared.site).is_err() {
        return 0;
    }
    h.0.digest128()
}

/// A hash of everything [`render_page`] reads for a page besides the site (`site`, from
/// [`site_key`]): the page's context, its template and its section's sidebar (`nav`, the
/// section's key, from which the page's own sidebar follows by its URL). Two equal keys
/// render the same bytes, as long as the theme does not read the clock or the
/// environment (Tera's `now()`, `get_env()`).
pub(super) fn page_key(site: u128, page: &PageCtx, nav: u128, template: &str) -> Option<u128> {
    let mut h = Hashing(xxhash_rust::xxh3::Xxh3::new());
    h.0.update(&site.to_le_bytes());
    h.0.update(&nav.to_le_bytes());
    h.0.update(&(template.len() as u64).to_le_bytes());
    h.0.update(template.as_bytes());
    serde_json::to_writer(&mut h, page).ok()?;
    (site != 0).then(|| h.0.digest128())
}
