//! `link/broken`: a link to a missing document, file or heading anchor.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::ctx::Ctx;
use crate::model::{Document, Handbook, Link, Target, resolve};
use crate::rules::LINK_BROKEN;
use crate::url::join;
use std::collections::HashMap;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    let near = Near::of(hb);
    for doc in &hb.docs {
        for link in &doc.body.links {
            let r = resolve::resolve(hb, doc, link);
            match r.target {
                None => out.push(broken(hb, &near, doc, link, &r)),
                Some(Target::Doc(t)) => {
                    let Some(target) = hb.docs.get(t) else {
                        continue;
                    };
                    // A published page linking to a draft links to nothing on the
                    // site built without drafts. A warning: drafts are meant to land.
                    if hb.is_built(doc) && !hb.is_built(target) {
                        out.push(
                            Diagnostic::new(
                                &LINK_BROKEN,
                                link.span,
                                format!(
                                    "link to a draft: `{}` is not published, so this link is broken on the site",
                                    target.path
                                ),
                            )
                            .severity(Severity::Warning)
                            .help("publish the page (`status: approved`), or build with `--drafts`"),
                        );
                        continue;
                    }
                    let Some(anchor) = &link.anchor else { continue };
                    // An id that differs only in case or punctuation is the heading
                    // the author meant: the href is written with the real id.
                    if resolve::anchor(target, anchor).is_none() && !extra_anchor(target, anchor) {
                        let mut d = Diagnostic::new(
                            &LINK_BROKEN,
                            link.span,
                            format!("broken link: `{}` has no heading `#{anchor}`", target.path),
                        );
                        let ids = target
                            .body
                            .headings
                            .iter()
                            .map(|h| h.id.as_str())
                            .chain(target.body.anchors.iter().map(String::as_str));
                        if let Some(best) = crate::suggest::did_you_mean(anchor, ids) {
                            d = d.help(format!("did you mean `#{best}`?"));
                        }
                        out.push(d);
                    }
                }
                Some(Target::Other) => {
                    if let Some(d) = listing_anchor(hb, link, &r) {
                        out.push(d);
                    }
                }
            }
        }
    }
}

/// Documents by the folder their file is in and by the parent of their URL, for
/// suggestions: comparing with every document would be quadratic on big books.
struct Near<'a> {
    by_folder: HashMap<&'a str, Vec<&'a Document>>,
    by_url_parent: HashMap<&'a str, Vec<&'a Document>>,
}

impl<'a> Near<'a> {
    fn of(hb: &'a Handbook) -> Near<'a> {
        let mut by_folder: HashMap<&str, Vec<&Document>> = HashMap::new();
        let mut by_url_parent: HashMap<&str, Vec<&Document>> = HashMap::new();
        for d in &hb.docs {
            by_folder.entry(parent(&d.rel)).or_default().push(d);
            by_url_parent
                .entry(parent(d.url.trim_end_matches('/')))
                .or_default()
                .push(d);
        }
        Near {
            by_folder,
            by_url_parent,
        }
    }
}

fn parent(p: &str) -> &str {
    p.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

fn last(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

/// A link that resolves to nothing: one finding, with the closest page when there is
/// one, or where the link lands on the site when reading it from the file would
/// have found something.
fn broken(
    hb: &Handbook,
    near: &Near,
    doc: &Document,
    link: &Link,
    r: &resolve::Resolved,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        &LINK_BROKEN,
        link.span,
        format!("broken link: `{}` does not exist", link.raw),
    );
    let base = &hb.config.book.base_url;
    if let Some((_, at)) = &r.from_folder {
        return d.help(format!(
            "on the site this page is at `{base}{}`, so this link points to `{base}{}`; to link to `{base}{at}` (what it means from the file's folder), write `{}`",
            doc.url,
            r.site_path,
            relative(&doc.url, at, link)
        ));
    }
    // A page left out by `[build] exclude`: say so rather than suggest another page.
    let content_path =
        if link.path.to_ascii_lowercase().ends_with(".md") && !link.path.starts_with('/') {
            join(parent(&doc.rel), &link.path)
        } else {
            r.site_path.clone()
        };
    if excluded(hb, &content_path) {
        return d
            .help("the target is excluded by [build] exclude in book.toml: it is not published");
    }
    let (target, anchor) = match link.raw.split_once('#') {
        Some((t, a)) => (t, format!("#{a}")),
        None => (link.raw.as_str(), String::new()),
    };
    let written_folder = target
        .trim_end_matches('/')
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let stem = |p: &str| {
        let file = last(p);
        file.strip_suffix(".md").unwrap_or(file).to_string()
    };
    let suggestion =
        if link.path.to_ascii_lowercase().ends_with(".md") && !link.path.starts_with('/') {
            // Compare file names without `.md`, and suggest the link as written with the
            // closest one: what the author can paste.
            let file = join(parent(&doc.rel), &link.path);
            let names: Vec<(String, &str)> = near
                .by_folder
                .get(parent(&file))
                .into_iter()
                .flatten()
                .map(|d| (stem(&d.rel), last(&d.rel)))
                .collect();
            let wanted = stem(&file);
            crate::suggest::did_you_mean(&wanted, names.iter().map(|(n, _)| n.as_str()))
                .and_then(|best| names.iter().find(|(n, _)| n == best))
                .map(|(_, file)| format!("{written_folder}{file}{anchor}"))
        } else {
            let at = r.site_path.trim_end_matches('/');
            let at = at.strip_suffix(".html").unwrap_or(at);
            let names: Vec<&str> = near
                .by_url_parent
                .get(parent(at))
                .into_iter()
                .flatten()
                .map(|d| last(d.url.trim_end_matches('/')))
                .filter(|n| !n.is_empty())
                .collect();
            let slash = if target.ends_with('/') { "/" } else { "" };
            crate::suggest::did_you_mean(last(at), names.iter().copied())
                .map(|best| format!("{written_folder}{best}{slash}{anchor}"))
        };
    match suggestion {
        Some(s) => d = d.help(format!("did you mean `{s}`?")),
        None if !link.path.starts_with(['/', '{']) && !link.path.ends_with(".md") => {
            d = d.help(format!(
                "on the site this page is at `{base}{}`, so this link points to `{base}{}`, where there is no page or file",
                doc.url, r.site_path
            ));
        }
        None => {}
    }
    d
}

/// The link to write on page `from_url` to reach `to` (both site paths), keeping the
/// link's own query and fragment.
fn relative(from_url: &str, to: &str, link: &Link) -> String {
    let from: Vec<&str> = from_url.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from.len().saturating_sub(common));
    out.push_str(&to_parts.get(common..).unwrap_or(&[]).join("/"));
    if to.ends_with('/') && !out.is_empty() && !out.ends_with('/') {
        out.push('/');
    }
    if out.is_empty() {
        out.push_str("./");
    }
    if let Some(at) = link.raw.find(['?', '#']) {
        out.push_str(link.raw.get(at..).unwrap_or(""));
    }
    out
}

/// Is a link's path (from the content folder) a file `[build] exclude` leaves out?
fn excluded(hb: &crate::model::Handbook, path: &str) -> bool {
    let ex = &hb.config.build.excluded;
    let bare = path.trim_end_matches('/');
    ex.matches(path)
        || (!bare.is_empty()
            && [".md", "/index.md", "/_index.md", "/README.md"]
                .iter()
                .any(|end| ex.matches(&format!("{bare}{end}"))))
}

/// Anchors the theme renders besides headings: messages, claims and glossary terms.
fn extra_anchor(doc: &crate::model::Document, anchor: &str) -> bool {
    use crate::model::anchors;
    doc.messages.iter().any(|m| {
        anchors::message(&m.full) == anchor
            || anchors::message_short(&m.id.value) == anchor
            || m.id.value == anchor
    }) || doc
        .claims
        .iter()
        .any(|c| anchors::claim(&c.id.value) == anchor || c.id.value == anchor)
        || doc.glossary.as_ref().is_some_and(|g| {
            g.terms
                .iter()
                .any(|t| anchors::term(&t.term.value) == anchor)
        })
}

/// A `#anchor` on a link to a folder that has no page of its own: the site shows the
/// folder's generated listing there, which has no headings, so the anchor is broken.
/// Suggests the page of that folder that has the heading (other generators publish a
/// `guide/guide.md` or similar at `/guide/`).
fn listing_anchor(hb: &Handbook, link: &Link, r: &resolve::Resolved) -> Option<Diagnostic> {
    let anchor = link.anchor.as_ref()?;
    let folder = r.site_path.trim_end_matches('/');
    let section = hb.nav.sections.get(folder)?;
    if section.doc.is_some() {
        return None;
    }
    let mut d = Diagnostic::new(
        &LINK_BROKEN,
        link.span,
        format!(
            "broken link: `{}/` has no page of its own, and its generated listing has no heading `#{anchor}`",
            section.path
        ),
    );
    let holder = section.children.iter().find_map(|c| match c {
        crate::model::nav::Item::Doc(i) => hb
            .docs
            .get(*i)
            .filter(|t| resolve::anchor(t, anchor).is_some() || extra_anchor(t, anchor)),
        crate::model::nav::Item::Section(_) => None,
    });
    if let Some(t) = holder {
        d = d.help(format!(
            "the heading is on `{}` (published at `{}{}`): link there",
            t.path, hb.config.book.base_url, t.url
        ));
    }
    Some(d)
}
