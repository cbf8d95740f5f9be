//! `link/broken`: a link to a missing document, file or heading anchor.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::model::Target;

pub const RULE: Rule = Rule {
    id: "link/broken",
    default: Severity::Error,
    summary: "A link to a missing document, file or heading anchor.",
    explain: "Finds a Markdown link or image inside the handbook whose target does not exist: a `.md` file that is not there, a folder or site path (`/pricing/`) that no page or static file answers, or a `#anchor` that is not a heading of the target page. A published page linking to a draft is a warning: the site built without drafts has no such page.\n\nWhy it matters: a broken link in a battlecard is found by a sales rep in front of a customer. Links are checked against the built site, so renaming a heading shows every link that still points at the old name.\n\nExample:\n\n    See [the pains](../personas/ops-director.md#pain-points).\n\nThe persona page has a heading `## The pains`, whose anchor is `#the-pains`.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    for (i, doc) in hb.docs.iter().enumerate() {
        for link in &doc.body.links {
            match hb.resolve(i, &link.path) {
                None => {
                    let mut d = Diagnostic::new(
                        RULE.id,
                        link.span,
                        format!("broken link: `{}` does not exist", link.raw),
                    );
                    // Suggest among the documents of the folder the link points into:
                    // comparing with every document would be quadratic on big books.
                    let folder = link.path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                    let section = hb.nav.sections.get(folder);
                    let docs = section.into_iter().flat_map(|s| {
                        s.doc
                            .into_iter()
                            .chain(s.children.iter().filter_map(|c| match c {
                                crate::model::nav::Item::Doc(i) => Some(*i),
                                crate::model::nav::Item::Section(_) => None,
                            }))
                    });
                    // Compare file names without `.md`, and suggest the link as
                    // written with the closest one: what the author can paste.
                    let stem = |p: &str| {
                        let file = p.rsplit('/').next().unwrap_or(p);
                        file.strip_suffix(".md").unwrap_or(file).to_string()
                    };
                    let names: Vec<(String, &str)> = docs
                        .filter_map(|i| hb.docs.get(i))
                        .map(|d| (stem(&d.rel), d.rel.rsplit('/').next().unwrap_or(&d.rel)))
                        .collect();
                    let wanted = stem(&link.path);
                    if excluded(hb, &link.path) {
                        d = d.help(
                            "the target is excluded by [build] exclude in book.toml: it is not published",
                        );
                    } else if let Some(best) =
                        crate::suggest::did_you_mean(&wanted, names.iter().map(|(n, _)| n.as_str()))
                        && let Some((_, file)) = names.iter().find(|(n, _)| n == best)
                    {
                        let (target, anchor) = match link.raw.split_once('#') {
                            Some((t, a)) => (t, format!("#{a}")),
                            None => (link.raw.as_str(), String::new()),
                        };
                        let folder = target.rsplit_once('/').map(|(d, _)| format!("{d}/"));
                        d = d.help(format!(
                            "did you mean `{}{file}{anchor}`?",
                            folder.unwrap_or_default()
                        ));
                    }
                    out.push(d);
                }
                Some(Target::Doc(t)) => {
                    let Some(target) = hb.docs.get(t) else {
                        continue;
                    };
                    // A published page linking to a draft links to nothing on the
                    // site built without drafts. A warning: drafts are meant to land.
                    if hb.is_built(doc) && !hb.is_built(target) {
                        out.push(
                            Diagnostic::new(
                                RULE.id,
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
                    if !target.body.headings.iter().any(|h| &h.id == anchor)
                        && !extra_anchor(target, anchor)
                    {
                        let mut d = Diagnostic::new(
                            RULE.id,
                            link.span,
                            format!("broken link: `{}` has no heading `#{anchor}`", target.path),
                        );
                        let ids = target.body.headings.iter().map(|h| h.id.as_str());
                        if let Some(best) = crate::suggest::did_you_mean(anchor, ids) {
                            d = d.help(format!("did you mean `#{best}`?"));
                        }
                        out.push(d);
                    }
                }
                Some(Target::Other) => {}
            }
        }
    }
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
    use crate::render::anchors;
    doc.messages
        .iter()
        .any(|m| anchors::message(&m.id.value) == anchor || m.id.value == anchor)
        || doc
            .claims
            .iter()
            .any(|c| anchors::claim(&c.id.value) == anchor || c.id.value == anchor)
        || doc.glossary.as_ref().is_some_and(|g| {
            g.terms
                .iter()
                .any(|t| anchors::term(&t.term.value) == anchor)
        })
}
