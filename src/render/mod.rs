//! Renders the handbook model into the files of the site: `site` puts every file into a
//! sink, `OnDemand` makes one when `serve` asks for it. Pure: it reads the model and
//! the theme and returns files; only `site::write` touches the disk.

pub mod api;
mod cadence;
pub mod changelog;
mod changes;
pub mod context;
mod generated;
mod inputs;
mod map;
mod nav;
mod page;
mod refs;
pub mod safety;
pub mod search;
mod shared;
mod template;
pub mod theme;
mod typed;
mod values;

use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::nav::Section;
use crate::model::*;
use crate::site::OutFile;
use context::*;
use generated::{generated_pages, generated_section, redirect_page};
use nav::{SectionNav, nav_file, nav_file_section, nav_for, nav_html, page_nav};
use page::page_ctx;
use rayon::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use theme::Theme;

pub use nav::is_fragment;
pub use refs::inline_html;
pub use shared::Shared;
use template::{page_key, render_page, site_key};

/// Which documents get a page, and the reading order behind previous/next.
struct Plan {
    /// Sorted.
    built: Vec<usize>,
    order: Vec<usize>,
    pos: HashMap<usize, usize>,
}

impl Plan {
    fn new(hb: &Handbook) -> Plan {
        let built: Vec<usize> = (0..hb.docs.len()).filter(|i| hb.is_published(*i)).collect();
        let order: Vec<usize> = hb
            .nav
            .order
            .iter()
            .copied()
            .filter(|i| hb.is_published(*i))
            .collect();
        let pos = order.iter().enumerate().map(|(p, d)| (*d, p)).collect();
        Plan { built, order, pos }
    }

    fn is_built(&self, doc: usize) -> bool {
        self.built.binary_search(&doc).is_ok()
    }
}

/// What a document's page is rendered from besides its sidebar: its context and template.
fn doc_inputs(shared: &Shared, plan: &Plan, i: usize, d: &Document) -> (PageCtx, String) {
    let page = page_ctx(shared, i, d, &plan.order, &plan.pos);
    let template = format!("{}.html", page.kind);
    (page, template)
}

fn doc_page(
    shared: &Shared,
    theme: &Theme,
    plan: &Plan,
    nav: &SectionNav,
    i: usize,
    d: &Document,
) -> Result<String, Error> {
    let (page, template) = doc_inputs(shared, plan, i, d);
    let nav = page_nav(shared, theme, nav, &page.url)?;
    render_page(theme, shared, &page, &nav, &template, &[])
}

/// A document's page into `sink`, unless the sink holds what the same inputs rendered
/// last time (`site`: [`site_key`]); its sidebar is made only when it is rendered.
///
/// Before its context is made, the page's input key (`inputs::page_inputs`, from the
/// book key `book`) is asked for: when it is the same as last time, the page is reused
/// without its context being made or hashed.
#[allow(clippy::too_many_arguments)]
fn put_doc_page(
    sink: &dyn crate::site::Sink,
    (site, book): (u128, Option<u128>),
    shared: &Shared,
    theme: &Theme,
    plan: &Plan,
    nav: &SectionNav,
    i: usize,
    d: &Document,
) -> Result<(), Error> {
    let path = crate::model::output_file(&d.url);
    let inputs = inputs::page_inputs(book, site, nav.key, i, d);
    if inputs.is_some_and(|k| sink.reuse_inputs(&path, k)) {
        return Ok(());
    }
    let (page, template) = doc_inputs(shared, plan, i, d);
    let key = page_key(site, &page, nav.key, &template);
    let noted = |path: &str| {
        if let Some(k) = inputs {
            sink.note_inputs(path, k);
        }
    };
    if key.is_some_and(|k| sink.reuse(&path, k)) {
        noted(&path);
        return Ok(());
    }
    let nav = page_nav(shared, theme, nav, &page.url)?;
    let bytes = render_page(theme, shared, &page, &nav, &template, &[])?.into_bytes();
    match key {
        Some(k) => {
            noted(&path);
            sink.put_keyed(OutFile { path, bytes }, k)
        }
        None => sink.put(OutFile { path, bytes }),
    }
}

/// The generated page of a section without a document of its own.
fn section_page(
    shared: &Shared,
    theme: &Theme,
    nav: &SectionNav,
    s: &Section,
) -> Result<String, Error> {
    let page = generated_section(shared, s);
    let nav = page_nav(shared, theme, nav, &page.url)?;
    render_page(theme, shared, &page, &nav, "section.html", &[])
}

/// The page answering addresses the site does not have.
fn not_found_page(shared: &Shared, theme: &Theme, nav: &SectionNav) -> Result<String, Error> {
    let nav = page_nav(shared, theme, nav, "")?;
    let page = PageCtx {
        title: "Page not found".into(),
        kind: "generated",
        id: "404".into(),
        url: format!("{}404.html", shared.site.base_url),
        status: "approved",
        ..PageCtx::default()
    };
    render_page(theme, shared, &page, &nav, "404.html", &[])
}

/// The file of a section's generated page.
fn section_file(path: &str) -> String {
    if path.is_empty() {
        "index.html".to_string()
    } else {
        format!("{path}/index.html")
    }
}

/// The files made from the whole handbook at once: generated pages, API, search index.
/// Their paths start with one of [`OTHER_PREFIXES`].
const OTHER_PREFIXES: [&str; 3] = ["gtmbook/", "api/", "search/"];

fn other_files(
    shared: &Shared,
    theme: &Theme,
    plan: &Plan,
    root_nav: &SectionNav,
    diags: &[Diagnostic],
    memo: &search::Memo,
) -> Result<Vec<OutFile>, Error> {
    let root_nav = page_nav(shared, theme, root_nav, "")?;
    // The trust score of the health page and `api/health.json`, from the findings.
    let trust = crate::model::trust::of(shared.hb, diags);
    let mut files = generated_pages(shared, theme, &root_nav, diags, &trust)?;
    files.extend(api::files(shared));
    files.push(api::health(shared, &trust, diags));
    files.extend(search::files(shared.hb, &plan.built, memo));
    Ok(files)
}

/// Render the whole site into `sink`, page by page. Returns the number of HTML pages.
pub fn site(
    hb: &Handbook,
    theme: &Theme,
    diags: &[Diagnostic],
    sink: &dyn crate::site::Sink,
) -> Result<usize, Error> {
    site_with(hb, theme, diags, sink, None, &search::Memo::default())
}

/// [`site`], with the messaging changelog page (and its footer link) when the commands
/// layer read one from the history, and the search terms the last build counted.
pub fn site_with(
    hb: &Handbook,
    theme: &Theme,
    diags: &[Diagnostic],
    sink: &dyn crate::site::Sink,
    history: Option<&changelog::Changelog>,
    memo: &search::Memo,
) -> Result<usize, Error> {
    let mut shared = Shared::new(hb);
    if history.is_some() {
        changelog::link(&mut shared);
    }
    shared.changelog = history;
    let shared = shared;
    let navs = nav_html(&shared, theme)?;
    let plan = Plan::new(hb);
    let empty = SectionNav::default();
    let nav_of = |folder: &str| navs.get(folder).unwrap_or(&empty);
    let site = site_key(theme, &shared);
    let book = inputs::book_key(hb);
    plan.built
        .par_iter()
        .filter_map(|&i| hb.docs.get(i).map(|d| (i, d)))
        .try_for_each(|(i, d)| {
            let nav = nav_of(d.folder());
            put_doc_page(sink, (site, book), &shared, theme, &plan, nav, i, d)
        })?;
    let mut pages = plan.built.len();
    let mut files: Vec<OutFile> = Vec::new();

    // Sections without a page of their own get a generated one.
    for (path, s) in &hb.nav.sections {
        if s.doc.is_some_and(|d| plan.is_built(d))
            || section_file(path)
                .strip_suffix("index.html")
                .is_some_and(|url| hb.by_alias.contains_key(url))
        {
            continue;
        }
        files.push(OutFile {
            path: section_file(path),
            bytes: section_page(&shared, theme, nav_of(path), s)?.into_bytes(),
        });
    }
    files.extend(other_files(&shared, theme, &plan, nav_of(""), diags, memo)?);
    if let Some(c) = history {
        let nav = page_nav(&shared, theme, nav_of(""), "")?;
        files.push(changelog::page(&shared, theme, &nav, c)?);
    }
    for (alias, &i) in &hb.by_alias {
        if plan.is_built(i)
            && let Some(d) = hb.docs.get(i)
        {
            files.push(OutFile {
                path: crate::model::output_file(alias),
                bytes: redirect_page(&shared.url(d), &d.title.value).into_bytes(),
            });
        }
    }
    files.push(OutFile {
        path: "404.html".into(),
        bytes: not_found_page(&shared, theme, nav_of(""))?.into_bytes(),
    });
    for (path, bytes) in &theme.statics {
        files.push(OutFile {
            path: format!("assets/{path}"),
            bytes: bytes.clone(),
        });
    }
    pages += files.iter().filter(|f| f.path.ends_with(".html")).count();
    // The long sidebars, once each (not pages: fragments the pages' script puts in place).
    for (path, nav) in &navs {
        if nav.is_shared() {
            files.push(OutFile {
                path: nav_file(path),
                bytes: nav.html.clone().into_bytes(),
            });
        }
    }
    for f in files {
        sink.put(f)?;
    }
    Ok(pages)
}

/// The site rendered file by file when asked for, from the model in memory (`serve`):
/// a save shows after reading one file, not after writing the whole site.
pub struct OnDemand<'a> {
    shared: Shared<'a>,
    theme: &'a Theme,
    plan: Plan,
    /// Sidebars rendered so far, by section.
    navs: std::cell::RefCell<HashMap<String, Rc<SectionNav>>>,
    /// Generated pages, API, search index: made together at the first request for one.
    others: std::cell::RefCell<Option<HashMap<String, Vec<u8>>>>,
}

impl<'a> OnDemand<'a> {
    pub fn new(hb: &'a Handbook, theme: &'a Theme) -> OnDemand<'a> {
        OnDemand {
            shared: Shared::new(hb),
            theme,
            plan: Plan::new(hb),
            navs: std::cell::RefCell::new(HashMap::new()),
            others: std::cell::RefCell::new(None),
        }
    }

    fn nav(&self, folder: &str) -> Result<Rc<SectionNav>, Error> {
        if let Some(n) = self.navs.borrow().get(folder) {
            return Ok(n.clone());
        }
        let n = Rc::new(nav_for(&self.shared, self.theme, folder)?);
        self.navs.borrow_mut().insert(folder.to_string(), n.clone());
        Ok(n)
    }

    /// The file at `path` below the site root (`sales/first-call/index.html`), if the
    /// site has one. `diags` feed the health page.
    pub fn get(&self, path: &str, diags: &[Diagnostic]) -> Result<Option<Vec<u8>>, Error> {
        let hb = self.shared.hb;
        if let Some(bytes) = path
            .strip_prefix("assets/")
            .and_then(|s| self.theme.statics.get(s))
        {
            return Ok(Some(bytes.clone()));
        }
        let alias = path.strip_suffix("index.html").unwrap_or(path);
        if let Some(&i) = hb.by_alias.get(alias)
            && self.plan.is_built(i)
            && let Some(d) = hb.docs.get(i)
        {
            return Ok(Some(
                redirect_page(&self.shared.url(d), &d.title.value).into_bytes(),
            ));
        }
        if let Some(&i) = hb.by_url.get(path)
            && self.plan.is_built(i)
            && let Some(d) = hb.docs.get(i)
        {
            // A `permalink` ending in `.html`.
            let nav = self.nav(d.folder())?;
            let html = doc_page(&self.shared, self.theme, &self.plan, &nav, i, d)?;
            return Ok(Some(html.into_bytes()));
        }
        if let Some(url) = path.strip_suffix("index.html") {
            if let Some(&i) = hb.by_url.get(url)
                && self.plan.is_built(i)
                && let Some(d) = hb.docs.get(i)
            {
                let nav = self.nav(d.folder())?;
                let html = doc_page(&self.shared, self.theme, &self.plan, &nav, i, d)?;
                return Ok(Some(html.into_bytes()));
            }
            let folder = url.trim_end_matches('/');
            if let Some(s) = hb.nav.sections.get(folder)
                && !s.doc.is_some_and(|d| self.plan.is_built(d))
            {
                let html = section_page(&self.shared, self.theme, &*self.nav(folder)?, s)?;
                return Ok(Some(html.into_bytes()));
            }
        }
        // A long sidebar's shared file, as `site` writes it.
        if let Some(folder) = nav_file_section(path)
            && hb.nav.sections.contains_key(folder)
        {
            let nav = self.nav(folder)?;
            return Ok(nav.is_shared().then(|| nav.html.clone().into_bytes()));
        }
        if path == "404.html" {
            let html = not_found_page(&self.shared, self.theme, &*self.nav("")?)?;
            return Ok(Some(html.into_bytes()));
        }
        // Only these are worth making the whole set for (not a `favicon.ico`).
        if !OTHER_PREFIXES.iter().any(|p| path.starts_with(p)) {
            return Ok(None);
        }
        if self.others.borrow().is_none() {
            let root_nav = self.nav("")?;
            let memo = search::Memo::default();
            let files = other_files(
                &self.shared,
                self.theme,
                &self.plan,
                &root_nav,
                diags,
                &memo,
            )?;
            *self.others.borrow_mut() =
                Some(files.into_iter().map(|f| (f.path, f.bytes)).collect());
        }
        Ok(self
            .others
            .borrow()
            .as_ref()
            .and_then(|m| m.get(path).cloned()))
    }

    /// The findings changed: pages made from them are made again when asked for.
    pub fn findings_changed(&self) {
        *self.others.borrow_mut() = None;
    }
}
