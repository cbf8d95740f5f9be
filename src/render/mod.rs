//! Renders the handbook model into the files of the site. Pure: it reads the model and
//! the theme and returns files; only `site::write` touches the disk.

pub mod anchors;
pub mod api;
pub mod context;
pub mod safety;
pub mod search;
pub mod theme;

use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Error;
use crate::model::nav::{Item, Section};
use crate::model::*;
use crate::url::{encode_path, escape_attr};
use context::*;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use theme::Theme;

/// A file of the built site: path below the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Facts derived once from the model and shared by every page.
pub struct Shared<'a> {
    pub hb: &'a Handbook,
    pub site: SiteCtx,
    /// Rendered inline HTML of each message text, by `DOCID.MSGID`.
    pub message_html: HashMap<&'a str, String>,
    pub claim_html: HashMap<&'a str, String>,
    /// The same texts with their references left as text (what a text cites).
    message_plain: HashMap<&'a str, String>,
    claim_plain: HashMap<&'a str, String>,
    /// Who renders or cites each message, claim and persona (published pages only).
    pub uses: crate::model::uses::Uses<'a>,
}

/// Render front-matter prose (a message, a claim, a persona field) as inline Markdown
/// with HTML escaped and unsafe links unlinked, without the `<p>`.
pub fn inline_html(text: &str) -> String {
    safety::inline_html(text)
}

fn escape(s: &str) -> String {
    escape_attr(s)
}

impl<'a> Shared<'a> {
    pub fn new(hb: &'a Handbook) -> Shared<'a> {
        let base = hb.config.book.base_url.clone();
        let site = SiteCtx {
            title: hb.config.book.title.clone(),
            description: hb.config.book.description.clone(),
            language: hb.config.book.language.clone(),
            assets: format!("{base}assets/"),
            base_url: base.clone(),
            today: hb.today.to_string(),
            version: env!("CARGO_PKG_VERSION"),
            generated: GENERATED
                .iter()
                .map(|(u, t)| LinkCtx {
                    title: t.to_string(),
                    url: format!("{base}{u}"),
                })
                .collect(),
        };
        // Texts as cited from another text (references left as text), then as shown,
        // with their own references expanded from those.
        let mut message_plain = HashMap::new();
        let mut claim_plain = HashMap::new();
        for d in &hb.docs {
            for m in &d.messages {
                message_plain.insert(m.full.as_str(), inline_html(&m.text.value));
            }
            for c in &d.claims {
                claim_plain.insert(c.id.value.as_str(), inline_html(&c.text.value));
            }
        }
        let plain = (&message_plain, &claim_plain);
        let mut message_html = HashMap::new();
        let mut claim_html = HashMap::new();
        for d in &hb.docs {
            // Most texts cite nothing: their plain rendering is the one shown.
            for m in &d.messages {
                let html = match message_plain.get(m.full.as_str()) {
                    Some(h) if !m.text.value.contains("{{") => h.clone(),
                    _ => prose_with(hb, &m.text.value, plain),
                };
                message_html.insert(m.full.as_str(), html);
            }
            for c in &d.claims {
                let html = match claim_plain.get(c.id.value.as_str()) {
                    Some(h) if !c.text.value.contains("{{") => h.clone(),
                    _ => prose_with(hb, &c.text.value, plain),
                };
                claim_html.insert(c.id.value.as_str(), html);
            }
        }
        Shared {
            hb,
            site,
            message_html,
            claim_html,
            message_plain,
            claim_plain,
            uses: crate::model::uses::Uses::of(hb, true),
        }
    }

    fn url(&self, d: &Document) -> String {
        self.hb.url(d)
    }

    fn link(&self, i: usize) -> Option<LinkCtx> {
        let d = self.hb.docs.get(i)?;
        Some(LinkCtx {
            title: d.title.value.clone(),
            url: self.url(d),
        })
    }

    fn links(&self, list: Option<&Vec<usize>>) -> Vec<LinkCtx> {
        list.map(|l| l.iter().filter_map(|i| self.link(*i)).collect())
            .unwrap_or_default()
    }

    fn section_url(&self, path: &str) -> String {
        // A section page with a `slug` or `permalink` of its own.
        if let Some(d) = self
            .hb
            .nav
            .sections
            .get(path)
            .and_then(|s| s.doc)
            .filter(|&i| self.hb.is_published(i))
            .and_then(|i| self.hb.docs.get(i))
        {
            return self.url(d);
        }
        if path.is_empty() {
            self.site.base_url.clone()
        } else {
            format!("{}{}/", self.site.base_url, encode_path(path))
        }
    }

    fn message_url(&self, full: &str) -> String {
        match self.hb.message(full) {
            Some((d, m)) => format!("{}#{}", self.url(d), anchors::message(&m.id.value)),
            None => String::new(),
        }
    }

    fn claim_url(&self, id: &str) -> String {
        match self.hb.claim(id) {
            Some((d, c)) => format!("{}#{}", self.url(d), anchors::claim(&c.id.value)),
            None => String::new(),
        }
    }

    /// Fill the reference holes of a body; with `[build] sanitize = true` the author's
    /// HTML goes through the allow-list first (the filled-in references are gtmbook's own).
    pub fn body_html(&self, doc: &Document) -> String {
        let mut out = String::new();
        if self.hb.config.build.sanitize {
            // Link hrefs are filled first, so the allow-list checks them like any URL;
            // reference holes stay holes through sanitizing.
            let mut html: Vec<String> = Vec::new();
            let mut holes = Vec::new();
            let mut open = false;
            for part in &doc.body.parts {
                match part {
                    Part::Html(h) => {
                        if open && let Some(l) = html.last_mut() {
                            l.push_str(h);
                        } else {
                            html.push(h.clone());
                            open = true;
                        }
                    }
                    Part::Link(n) => {
                        if !open {
                            html.push(String::new());
                            open = true;
                        }
                        if let Some(l) = html.last_mut() {
                            self.link_href(doc, *n, l);
                        }
                    }
                    Part::Ref(n) => {
                        if !open {
                            html.push(String::new());
                        }
                        holes.push(*n);
                        open = false;
                    }
                }
            }
            let html: Vec<&str> = html.iter().map(String::as_str).collect();
            return safety::sanitize_with_holes(&html, &holes, &mut |n, out| {
                if let Some(r) = doc.body.refs.get(n) {
                    self.expand(r, out);
                }
            });
        }
        for part in &doc.body.parts {
            match part {
                Part::Html(h) => out.push_str(h),
                Part::Link(n) => self.link_href(doc, *n, &mut out),
                Part::Ref(n) => {
                    if let Some(r) = doc.body.refs.get(*n) {
                        self.expand(r, &mut out);
                    }
                }
            }
        }
        out
    }

    /// The `href` of a body link, from the resolver: the real URL of its target.
    fn link_href(&self, doc: &Document, n: usize, out: &mut String) {
        if let Some(link) = doc.body.links.get(n) {
            let href = crate::model::resolve::href(self.hb, doc, link);
            out.push_str(&crate::url::escape_attr(&href));
        }
    }

    fn expand(&self, r: &RefUse, out: &mut String) {
        expand_ref(
            self.hb,
            r.kind,
            &r.id,
            (&self.message_html, &self.claim_html),
            out,
        );
    }

    /// Front-matter prose with its references expanded one level deep: a cited message
    /// or claim shows its own references as text.
    pub fn prose(&self, text: &str) -> String {
        prose_with(self.hb, text, (&self.message_plain, &self.claim_plain))
    }

    fn prose_opt(&self, s: &Option<Sp<String>>) -> Option<String> {
        s.as_ref().map(|s| self.prose(&s.value))
    }
}

type Texts<'m, 'a> = (&'m HashMap<&'a str, String>, &'m HashMap<&'a str, String>);

fn prose_with(hb: &Handbook, text: &str, texts: Texts) -> String {
    if !text.contains("{{") {
        return inline_html(text);
    }
    safety::prose_html(text, &mut |kind, id, out| {
        expand_ref(hb, kind, id, texts, out);
        true
    })
}

/// The HTML of a reference, from the rendered texts of messages and claims.
fn expand_ref(hb: &Handbook, kind: RefKind, id: &str, texts: Texts, out: &mut String) {
    let (messages, claims) = texts;
    match kind {
        RefKind::Msg => match messages.get(id) {
            Some(html) => out.push_str(&format!(
                "<span class=\"msg\" data-msg=\"{}\">{html}</span>",
                escape(id)
            )),
            None => missing(kind, id, out),
        },
        RefKind::Claim => match (claims.get(id), hb.claim(id)) {
            (Some(html), Some((d, c))) => {
                let href = safety::safe_link(opt(&c.source))
                    .unwrap_or_else(|| format!("{}#{}", hb.url(d), anchors::claim(&c.id.value)));
                out.push_str(&format!(
                    "<span class=\"claim\" data-claim=\"{}\">{html}<sup class=\"claim-source\"><a href=\"{}\" title=\"Source\">[source]</a></sup></span>",
                    escape(id),
                    escape(&href)
                ));
            }
            _ => missing(kind, id, out),
        },
        RefKind::Persona => match hb.persona(id) {
            Some(p) => out.push_str(&format!(
                "<a class=\"persona\" data-persona=\"{}\" href=\"{}\">{}</a>",
                escape(id),
                escape(&hb.url(p)),
                escape(&p.title.value)
            )),
            None => missing(kind, id, out),
        },
    }
}

fn missing(kind: RefKind, id: &str, out: &mut String) {
    out.push_str(&format!(
        "<span class=\"ref-missing\">{{{{{}:{}}}}}</span>",
        kind.as_str(),
        escape(id)
    ));
}

/// A message's or claim's plain id as a second anchor, unless a heading of the page has it.
fn alias(d: &Document, id: &str) -> Option<String> {
    (!d.body.headings.iter().any(|h| h.id == id)).then(|| id.to_string())
}

fn kind_name(d: &Document) -> &'static str {
    if d.kind == DocType::Page && d.is_section {
        "section"
    } else {
        d.kind.as_str()
    }
}

fn date(d: &Option<Sp<jiff::civil::Date>>) -> Option<String> {
    d.as_ref().map(|d| d.value.to_string())
}

fn opt(s: &Option<Sp<String>>) -> Option<String> {
    s.as_ref().map(|s| s.value.clone())
}

/// Days from `today` to `date` (negative when past).
pub fn days_between(today: jiff::civil::Date, date: jiff::civil::Date) -> i64 {
    date.duration_since(today).as_secs().div_euclid(86_400)
}

pub fn claim_state(
    today: jiff::civil::Date,
    expires: Option<jiff::civil::Date>,
) -> (Option<i64>, &'static str) {
    match expires {
        Some(e) => {
            let left = days_between(today, e);
            let state = if left < 0 {
                "expired"
            } else if left <= 60 {
                "expiring"
            } else {
                "ok"
            };
            (Some(left), state)
        }
        None => (None, "ok"),
    }
}

/// Review due date of a document, if it has been reviewed.
pub fn review_due(hb: &Handbook, d: &Document) -> Option<jiff::civil::Date> {
    let reviewed = d.reviewed.as_ref()?.value;
    reviewed
        .checked_add(jiff::Span::new().days(hb.review_every(d)))
        .ok()
}

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

fn doc_page(
    shared: &Shared,
    theme: &Theme,
    plan: &Plan,
    nav: &str,
    i: usize,
    d: &Document,
) -> Result<String, Error> {
    let page = page_ctx(shared, i, d, &plan.order, &plan.pos);
    let template = format!("{}.html", page.kind);
    render_page(theme, shared, &page, nav, &template, &[])
}

/// The generated page of a section without a document of its own.
fn section_page(shared: &Shared, theme: &Theme, nav: &str, s: &Section) -> Result<String, Error> {
    render_page(
        theme,
        shared,
        &generated_section(shared, s),
        nav,
        "section.html",
        &[],
    )
}

/// The page answering addresses the site does not have.
fn not_found_page(shared: &Shared, theme: &Theme, nav: &str) -> Result<String, Error> {
    let page = PageCtx {
        title: "Page not found".into(),
        kind: "generated",
        id: "404".into(),
        url: format!("{}404.html", shared.site.base_url),
        status: "approved",
        ..PageCtx::default()
    };
    render_page(theme, shared, &page, nav, "404.html", &[])
}

/// The file of a section's generated page.
/// The page written at an old address (`aliases`, `redirect_from`): a refresh to
/// `to`, its canonical link and a plain link, kept out of search engines.
fn redirect_page(to: &str, title: &str) -> String {
    let to = escape(to);
    let title = escape(title);
    format!(
        "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
}

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
    root_nav: &str,
    diags: &[Diagnostic],
) -> Result<Vec<OutFile>, Error> {
    let mut files = generated_pages(shared, theme, root_nav, diags)?;
    files.extend(api::files(shared));
    files.extend(search::files(shared.hb, &plan.built));
    Ok(files)
}

/// Render the whole site into `sink`, page by page. Returns the number of HTML pages.
pub fn site(
    hb: &Handbook,
    theme: &Theme,
    diags: &[Diagnostic],
    sink: &dyn crate::site::Sink,
) -> Result<usize, Error> {
    let shared = Shared::new(hb);
    let navs = nav_html(&shared, theme)?;
    let plan = Plan::new(hb);
    let nav_of = |folder: &str| navs.get(folder).map(String::as_str).unwrap_or("");
    plan.built
        .par_iter()
        .filter_map(|&i| hb.docs.get(i).map(|d| (i, d)))
        .try_for_each(|(i, d)| {
            let html = doc_page(&shared, theme, &plan, nav_of(d.folder()), i, d)?;
            sink.put(OutFile {
                path: crate::model::output_file(&d.url),
                bytes: html.into_bytes(),
            })
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
    files.extend(other_files(&shared, theme, &plan, nav_of(""), diags)?);
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
    navs: std::cell::RefCell<HashMap<String, String>>,
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

    fn nav(&self, folder: &str) -> Result<String, Error> {
        if let Some(n) = self.navs.borrow().get(folder) {
            return Ok(n.clone());
        }
        let n = nav_for(&self.shared, self.theme, folder)?;
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
                let html = section_page(&self.shared, self.theme, &self.nav(folder)?, s)?;
                return Ok(Some(html.into_bytes()));
            }
        }
        if path == "404.html" {
            let html = not_found_page(&self.shared, self.theme, &self.nav("")?)?;
            return Ok(Some(html.into_bytes()));
        }
        // Only these are worth making the whole set for (not a `favicon.ico`).
        if !OTHER_PREFIXES.iter().any(|p| path.starts_with(p)) {
            return Ok(None);
        }
        if self.others.borrow().is_none() {
            let root_nav = self.nav("")?;
            let files = other_files(&self.shared, self.theme, &self.plan, &root_nav, diags)?;
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

fn render_page(
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
    // Mark the current page in the shared section navigation.
    let needle = format!("href=\"{}\"", escape(&page.url));
    let nav = match nav.find(&needle) {
        Some(at) => {
            let end = at + needle.len();
            format!(
                "{}{} aria-current=\"page\"{}",
                nav.get(..at).unwrap_or(""),
                needle,
                nav.get(end..).unwrap_or("")
            )
        }
        None => nav.to_string(),
    };
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

/// The sidebar of every section, rendered once per section.
fn nav_html(shared: &Shared, theme: &Theme) -> Result<HashMap<String, String>, Error> {
    let keys: Vec<&String> = shared.hb.nav.sections.keys().collect();
    keys.par_iter()
        .map(|path| Ok(((*path).clone(), nav_for(shared, theme, path)?)))
        .collect()
}

/// The sidebar of the pages of section `path`: the tree open down to it.
fn nav_for(shared: &Shared, theme: &Theme, path: &str) -> Result<String, Error> {
    let hb = shared.hb;
    let ancestors = hb.nav.ancestors(path);
    let open: BTreeSet<String> = ancestors.iter().map(|s| s.path.clone()).collect();
    // A language's own tree (`fr/`) is the whole sidebar of its pages.
    let root = ancestors
        .first()
        .map(|s| s.path.as_str())
        .filter(|r| hb.nav.roots.contains(*r))
        .unwrap_or("");
    let tree = nav_nodes(shared, root, &open);
    let mut ctx = tera::Context::new();
    ctx.insert("site", &shared.site);
    ctx.insert("items", &NavItem::flatten(&tree));
    ctx.insert("tree", &tree);
    theme.render("partials/nav.html", &ctx)
}

fn nav_nodes(shared: &Shared, path: &str, open: &BTreeSet<String>) -> Vec<NavNode> {
    let hb = shared.hb;
    let Some(section) = hb.nav.sections.get(path) else {
        return Vec::new();
    };
    section
        .children
        .iter()
        .filter_map(|item| match item {
            Item::Doc(i) => {
                let d = hb.docs.get(*i)?;
                if !hb.is_built(d) {
                    return None;
                }
                Some(NavNode {
                    title: d.title.value.clone(),
                    url: shared.url(d),
                    kind: kind_name(d),
                    open: false,
                    children: Vec::new(),
                })
            }
            Item::Section(p) => {
                let s = hb.nav.sections.get(p)?;
                let is_open = open.contains(p);
                Some(NavNode {
                    title: s.title.clone(),
                    url: shared.section_url(p),
                    kind: "section",
                    open: is_open,
                    children: if is_open {
                        nav_nodes(shared, p, open)
                    } else {
                        Vec::new()
                    },
                })
            }
        })
        .collect()
}

fn breadcrumbs(shared: &Shared, folder: &str, include_self: bool) -> Vec<LinkCtx> {
    let hb = shared.hb;
    let mut crumbs: Vec<LinkCtx> = hb
        .nav
        .ancestors(folder)
        .iter()
        .map(|s| LinkCtx {
            title: if s.path.is_empty() {
                s.doc
                    .and_then(|d| hb.docs.get(d))
                    .map(|d| d.title.value.clone())
                    .unwrap_or_else(|| "Home".into())
            } else {
                s.title.clone()
            },
            url: shared.section_url(&s.path),
        })
        .collect();
    if !include_self {
        crumbs.pop();
    }
    crumbs
}

fn children(shared: &Shared, s: &Section) -> Vec<ChildCtx> {
    let hb = shared.hb;
    s.children
        .iter()
        .filter_map(|item| match item {
            Item::Doc(i) => {
                let d = hb.docs.get(*i)?;
                if !hb.is_built(d) {
                    return None;
                }
                Some(ChildCtx {
                    title: d.title.value.clone(),
                    url: shared.url(d),
                    description: opt(&d.description),
                    kind: kind_name(d),
                })
            }
            Item::Section(p) => {
                let sec = hb.nav.sections.get(p)?;
                Some(ChildCtx {
                    title: sec.title.clone(),
                    url: shared.section_url(p),
                    description: sec
                        .doc
                        .and_then(|d| hb.docs.get(d))
                        .and_then(|d| opt(&d.description)),
                    kind: "section",
                })
            }
        })
        .collect()
}

fn claim_ctx(shared: &Shared, c: &Claim, with_usage: Option<&Document>) -> ClaimCtx {
    let (days_left, state) = claim_state(shared.hb.today, c.expires.as_ref().map(|e| e.value));
    ClaimCtx {
        id: c.id.value.clone(),
        alias: None,
        anchor: anchors::claim(&c.id.value),
        text_html: shared
            .claim_html
            .get(c.id.value.as_str())
            .cloned()
            .unwrap_or_default(),
        source: safety::safe_link(opt(&c.source)),
        as_of: date(&c.as_of),
        expires: date(&c.expires),
        days_left,
        state,
        defined_in: with_usage.map(|d| LinkCtx {
            title: d.title.value.clone(),
            url: shared.url(d),
        }),
        used_by: with_usage.map(|_| shared.links(shared.uses.claims.get(c.id.value.as_str()))),
    }
}

fn page_ctx(
    shared: &Shared,
    i: usize,
    d: &Document,
    order: &[usize],
    pos: &HashMap<usize, usize>,
) -> PageCtx {
    let hb = shared.hb;
    let url = shared.url(d);
    let mut banners = Vec::new();
    match d.status.value {
        Status::Draft => banners.push(BannerCtx {
            kind: "draft",
            text: "This page is a draft: do not use its words outside the team yet.".into(),
        }),
        Status::Retired => banners.push(BannerCtx {
            kind: "retired",
            text: "This page is retired: it is kept for the record and must not be used.".into(),
        }),
        Status::Approved => {}
    }
    let due = review_due(hb, d);
    if let Some(due) = due
        && due < hb.today
    {
        let days = days_between(due, hb.today);
        let owner = d
            .owner
            .as_ref()
            .map(|o| format!(" Owner: {}.", o.value))
            .unwrap_or_default();
        banners.push(BannerCtx {
            kind: "stale",
            text: format!(
                "This page was due for review on {due}, {days} day{} ago.{owner}",
                if days == 1 { "" } else { "s" }
            ),
        });
    }
    let folder = d.folder();
    let mut used_messages = Vec::new();
    let mut seen = BTreeSet::new();
    for r in &d.body.refs {
        if r.kind == RefKind::Msg
            && seen.insert(r.id.as_str())
            && let Some((_, m)) = hb.message(&r.id)
        {
            used_messages.push(UsedMessageCtx {
                reference: m.full.clone(),
                kind: m.kind.value.clone(),
                text_html: shared
                    .message_html
                    .get(m.full.as_str())
                    .cloned()
                    .unwrap_or_default(),
                url: shared.message_url(&m.full),
            });
        }
    }
    let p = pos.get(&i).copied();
    // Previous and next stay within the page's language tree.
    let same_lang = |j: &&usize| hb.docs.get(**j).is_some_and(|o| o.lang == d.lang);
    let prev = p
        .and_then(|p| p.checked_sub(1))
        .and_then(|p| order.get(p))
        .filter(same_lang)
        .and_then(|j| shared.link(*j));
    let next = p
        .and_then(|p| order.get(p + 1))
        .filter(same_lang)
        .and_then(|j| shared.link(*j));
    let persona_link = |id: &Sp<String>| {
        let p = hb.persona(&id.value);
        IdLinkCtx {
            id: id.value.clone(),
            title: p
                .map(|p| p.title.value.clone())
                .unwrap_or_else(|| id.value.clone()),
            url: p.map(|p| shared.url(p)).unwrap_or_default(),
        }
    };
    let mut page = PageCtx {
        title: d.title.value.clone(),
        lang: Some(d.lang.clone()),
        title_id: d.body.title_id.clone(),
        kind: kind_name(d),
        id: d.id.value.clone(),
        url: url.clone(),
        source: Some(d.path.clone()),
        description: opt(&d.description),
        owner: opt(&d.owner),
        reviewed: date(&d.reviewed),
        review_due: due.map(|d| d.to_string()),
        status: d.status.value.as_str(),
        tags: d.tags.iter().map(|t| t.value.clone()).collect(),
        channels: d.channels.iter().map(|t| t.value.clone()).collect(),
        audience: d.audience.iter().map(persona_link).collect(),
        content_html: shared.body_html(d),
        toc: d
            .body
            .headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .map(|h| TocCtx {
                level: h.level,
                id: h.id.clone(),
                title: h.title.clone(),
            })
            .collect(),
        banners,
        edit_url: hb
            .config
            .book
            .edit_url
            .as_ref()
            .map(|e| e.replace("{path}", &d.path))
            .filter(|e| crate::url::url_is_safe(e)),
        breadcrumbs: breadcrumbs(shared, folder, !d.is_section),
        prev,
        next,
        children: if d.is_section {
            hb.nav
                .sections
                .get(folder)
                .map(|s| children(shared, s))
                .unwrap_or_default()
        } else {
            Vec::new()
        },
        used_messages,
        claims: d
            .claims
            .iter()
            .map(|c| {
                let mut ctx = claim_ctx(shared, c, None);
                ctx.alias = alias(d, &c.id.value);
                ctx
            })
            .collect(),
        ..PageCtx::default()
    };
    match d.kind {
        DocType::Messaging => {
            page.messages = Some(
                d.messages
                    .iter()
                    .map(|m| MessageCtx {
                        id: m.id.value.clone(),
                        alias: alias(d, &m.id.value),
                        reference: m.full.clone(),
                        anchor: anchors::message(&m.id.value),
                        kind: m.kind.value.clone(),
                        status: m.status.as_str(),
                        text_html: shared
                            .message_html
                            .get(m.full.as_str())
                            .cloned()
                            .unwrap_or_default(),
                        response_html: shared.prose_opt(&m.response),
                        channels: m.channels.iter().map(|c| c.value.clone()).collect(),
                        proof: m
                            .proof
                            .iter()
                            .map(|p| ProofCtx {
                                id: p.value.clone(),
                                text_html: shared
                                    .claim_html
                                    .get(p.value.as_str())
                                    .cloned()
                                    .unwrap_or_else(|| escape(&p.value)),
                                source: hb
                                    .claim(&p.value)
                                    .and_then(|(_, c)| safety::safe_link(opt(&c.source))),
                                url: shared.claim_url(&p.value),
                            })
                            .collect(),
                        used_by: shared.links(shared.uses.messages.get(m.full.as_str())),
                    })
                    .collect(),
            );
        }
        DocType::Persona => {
            let p = d.persona.clone().unwrap_or_default();
            page.persona = Some(PersonaCtx {
                role_html: shared.prose_opt(&p.role),
                trigger_html: shared.prose_opt(&p.trigger),
                pain_html: shared.prose_opt(&p.pain),
                stakes_html: shared.prose_opt(&p.stakes),
                decision_process_html: shared.prose_opt(&p.decision_process),
            });
            page.related = Some(
                shared
                    .uses
                    .personas
                    .get(d.id.value.as_str())
                    .map(|l| {
                        l.iter()
                            .filter(|j| **j != i)
                            .filter_map(|j| hb.docs.get(*j))
                            .map(|o| RelatedCtx {
                                title: o.title.value.clone(),
                                url: shared.url(o),
                                kind: kind_name(o),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            );
        }
        DocType::Positioning => {
            let p = d.positioning.clone().unwrap_or_default();
            page.positioning = Some(PositioningCtx {
                product: opt(&p.product),
                category: opt(&p.category),
                for_: p.for_.iter().map(persona_link).collect(),
                not_for: p.not_for.iter().map(|s| s.value.clone()).collect(),
                problem_html: shared.prose_opt(&p.problem),
                unlike: p
                    .unlike
                    .iter()
                    .map(|u| {
                        let c = hb.doc_by_id(&u.value);
                        IdLinkCtx {
                            id: u.value.clone(),
                            title: c
                                .map(|c| c.title.value.clone())
                                .unwrap_or_else(|| u.value.clone()),
                            url: c.map(|c| shared.url(c)).unwrap_or_default(),
                        }
                    })
                    .collect(),
                differentiators_html: p
                    .differentiators
                    .iter()
                    .map(|s| shared.prose(&s.value))
                    .collect(),
            });
        }
        DocType::Competitor => {
            let c = d.competitor.clone().unwrap_or_default();
            page.competitor = Some(CompetitorCtx {
                name: opt(&c.name),
                differentiators: c
                    .differentiators
                    .iter()
                    .map(|m| {
                        let found = hb.message(&m.value);
                        DiffCtx {
                            reference: m.value.clone(),
                            kind: found.map(|(_, m)| m.kind.value.clone()).unwrap_or_default(),
                            text_html: shared
                                .message_html
                                .get(m.value.as_str())
                                .cloned()
                                .unwrap_or_else(|| escape(&m.value)),
                            url: shared.message_url(&m.value),
                        }
                    })
                    .collect(),
                landmines_html: c.landmines.iter().map(|s| shared.prose(&s.value)).collect(),
            });
        }
        DocType::Playbook => {
            let p = d.playbook.clone().unwrap_or_default();
            page.playbook = Some(PlaybookCtx {
                cadence: opt(&p.cadence),
                steps: p
                    .steps
                    .iter()
                    .map(|s| StepCtx {
                        title_html: shared.prose(&s.title.value),
                        owner: opt(&s.owner),
                        when: opt(&s.when),
                    })
                    .collect(),
            });
        }
        DocType::Glossary => {
            let g = d.glossary.clone().unwrap_or_default();
            page.glossary = Some(glossary_ctx(shared, &[(d, &g)], false));
        }
        DocType::Page | DocType::Claims => {}
    }
    page
}

fn glossary_ctx(
    shared: &Shared,
    glossaries: &[(&Document, &Glossary)],
    with_source: bool,
) -> GlossaryCtx {
    let mut terms = Vec::new();
    let mut banned = Vec::new();
    for (d, g) in glossaries {
        let src = with_source.then(|| LinkCtx {
            title: d.title.value.clone(),
            url: shared.url(d),
        });
        for t in &g.terms {
            terms.push(TermCtx {
                term: t.term.value.clone(),
                anchor: anchors::term(&t.term.value),
                definition_html: shared.prose_opt(&t.definition).unwrap_or_default(),
                avoid: t.avoid.iter().map(|a| a.value.clone()).collect(),
                defined_in: src.clone(),
            });
        }
        for b in &g.banned {
            banned.push(BannedCtx {
                phrase: b.phrase.value.clone(),
                reason: opt(&b.reason),
                defined_in: src.clone(),
            });
        }
    }
    if with_source {
        terms.sort_by_key(|t| t.term.to_lowercase());
        banned.sort_by_key(|b| b.phrase.to_lowercase());
    }
    GlossaryCtx { terms, banned }
}

fn generated_section(shared: &Shared, s: &Section) -> PageCtx {
    PageCtx {
        title: if s.path.is_empty() {
            shared.site.title.clone()
        } else {
            s.title.clone()
        },
        kind: "section",
        lang: Some(
            shared
                .hb
                .layout
                .language_of(&format!("{}/", s.path))
                .0
                .to_string(),
        ),
        id: s.path.rsplit('/').next().unwrap_or("").to_string(),
        url: shared.section_url(&s.path),
        status: "approved",
        breadcrumbs: breadcrumbs(shared, &s.path, false),
        children: children(shared, s),
        ..PageCtx::default()
    }
}

fn generated_pages(
    shared: &Shared,
    theme: &Theme,
    nav: &str,
    diags: &[Diagnostic],
) -> Result<Vec<OutFile>, Error> {
    let hb = shared.hb;
    let base = &shared.site.base_url;
    let page = |path: &str, title: &str| PageCtx {
        title: title.to_string(),
        kind: "generated",
        id: path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string(),
        url: format!("{base}{path}"),
        status: "approved",
        breadcrumbs: breadcrumbs(shared, "", true),
        ..PageCtx::default()
    };
    let mut out = Vec::new();
    let mut emit = |path: &str,
                    title: &str,
                    template: &str,
                    key: &'static str,
                    value: serde_json::Value|
     -> Result<(), Error> {
        let html = render_page(
            theme,
            shared,
            &page(path, title),
            nav,
            template,
            &[(key, value)],
        )?;
        out.push(OutFile {
            path: format!("{path}index.html"),
            bytes: html.into_bytes(),
        });
        Ok(())
    };
    let to_value = |v: &dyn erased::Ser| v.value();

    // Message map.
    let channels: Vec<&'static str> = CHANNELS.to_vec();
    let mut messages = Vec::new();
    for d in &hb.docs {
        for m in &d.messages {
            let users: Vec<MapUserCtx> = shared
                .uses
                .messages
                .get(m.full.as_str())
                .map(|l| {
                    l.iter()
                        .filter_map(|j| hb.docs.get(*j))
                        .map(|u| MapUserCtx {
                            title: u.title.value.clone(),
                            url: shared.url(u),
                            channels: u.channels.iter().map(|c| c.value.clone()).collect(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let used: BTreeSet<&str> = users
                .iter()
                .flat_map(|u| u.channels.iter().map(String::as_str))
                .collect();
            messages.push(MapMessageCtx {
                reference: m.full.clone(),
                anchor: anchors::message(&m.full),
                kind: m.kind.value.clone(),
                status: m.status.as_str(),
                text_html: shared
                    .message_html
                    .get(m.full.as_str())
                    .cloned()
                    .unwrap_or_default(),
                defined_in: LinkCtx {
                    title: d.title.value.clone(),
                    url: shared.message_url(&m.full),
                },
                channels: channels.iter().map(|c| used.contains(c)).collect(),
                used_by: users,
            });
        }
    }
    let map = MapCtx { channels, messages };
    emit(
        "gtmbook/message-map/",
        "Message map",
        "message-map.html",
        "map",
        to_value(&map),
    )?;

    // Claims register.
    let mut claims = Vec::new();
    for d in &hb.docs {
        for c in &d.claims {
            claims.push(claim_ctx(shared, c, Some(d)));
        }
    }
    claims.sort_by(|a, b| a.id.cmp(&b.id));
    emit(
        "gtmbook/claims/",
        "Claims register",
        "claims-register.html",
        "register",
        serde_json::json!({ "claims": claims }),
    )?;

    // Glossary.
    let glossaries: Vec<(&Document, &Glossary)> = hb
        .docs
        .iter()
        .filter_map(|d| d.glossary.as_ref().map(|g| (d, g)))
        .collect();
    let glossary = glossary_ctx(shared, &glossaries, true);
    emit(
        "gtmbook/glossary/",
        "Glossary",
        "glossary-index.html",
        "glossary",
        to_value(&glossary),
    )?;

    // Health.
    let mut stale = Vec::new();
    let mut no_owner = Vec::new();
    let mut expiring = Vec::new();
    for d in &hb.docs {
        if let Some(due) = review_due(hb, d)
            && due < hb.today
        {
            stale.push(StaleCtx {
                title: d.title.value.clone(),
                url: shared.url(d),
                owner: opt(&d.owner),
                reviewed: date(&d.reviewed),
                days_overdue: days_between(due, hb.today),
            });
        }
        if d.kind != DocType::Page && d.owner.is_none() {
            no_owner.push(RelatedCtx {
                title: d.title.value.clone(),
                url: shared.url(d),
                kind: kind_name(d),
            });
        }
        for c in &d.claims {
            let (left, state) = claim_state(hb.today, c.expires.as_ref().map(|e| e.value));
            if let (Some(left), "expiring" | "expired") = (left, state) {
                expiring.push(ExpiringCtx {
                    id: c.id.value.clone(),
                    text_html: shared
                        .claim_html
                        .get(c.id.value.as_str())
                        .cloned()
                        .unwrap_or_default(),
                    expires: date(&c.expires).unwrap_or_default(),
                    days_left: left,
                    url: shared.claim_url(&c.id.value),
                });
            }
        }
    }
    stale.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.url.cmp(&b.url)));
    expiring.sort_by(|a, b| a.days_left.cmp(&b.days_left).then(a.id.cmp(&b.id)));
    let mut by_rule: BTreeMap<(&'static str, Severity), usize> = BTreeMap::new();
    for d in diags {
        *by_rule.entry((d.rule, d.severity)).or_default() += 1;
    }
    let summary = crate::diagnostics::Summary::of(0, diags);
    let health = HealthCtx {
        stale,
        no_owner,
        expiring,
        lint: LintCtx {
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            by_rule: by_rule
                .into_iter()
                .map(|((rule, sev), count)| RuleCountCtx {
                    rule,
                    severity: sev.as_str(),
                    count,
                })
                .collect(),
        },
    };
    emit(
        "gtmbook/health/",
        "Handbook health",
        "health.html",
        "health",
        to_value(&health),
    )?;
    Ok(out)
}

/// Serialise any context value to JSON for Tera.
mod erased {
    pub trait Ser {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
}
