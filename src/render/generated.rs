//! The generated pages: a section's listing when it has no page of its own, the page
//! written at an old address, and the message map, claims register, glossary and
//! health pages made from the whole handbook.

use super::context::*;
use super::nav::{breadcrumbs, children};
use super::page::{claim_ctx, glossary_ctx};
use super::shared::Shared;
use super::template::render_page;
use super::theme::Theme;
use super::values::{date, escape, kind_name, opt, own_page};
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Error;
use crate::model::dates::{claim_state, overdue};
use crate::model::nav::Section;
use crate::model::trust::Trust;
use crate::model::*;
use crate::site::OutFile;
use std::collections::BTreeMap;

pub(super) fn generated_section(shared: &Shared, s: &Section) -> PageCtx {
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
        children: {
            let mut c = children(shared, s);
            super::typed::describe_children(shared, s, &mut c);
            c
        },
        ..PageCtx::default()
    }
}

/// The page written at an old address (`aliases`, `redirect_from`): a refresh to
/// `to`, its canonical link and a plain link, kept out of search engines.
pub(super) fn redirect_page(to: &str, title: &str) -> String {
    let to = escape(to);
    let title = escape(title);
    format!(
        "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
}

pub(super) fn generated_pages(
    shared: &Shared,
    theme: &Theme,
    nav: &str,
    diags: &[Diagnostic],
    trust: &Trust,
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
    let mut moved = Vec::new();
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
    let map = super::map::message_map(shared, diags);
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
    match own_page(hb, "gtmbook/claims/").and_then(|i| hb.docs.get(i)) {
        Some(d) => redirect(&mut moved, "gtmbook/claims/", shared, d),
        None => emit(
            "gtmbook/claims/",
            "Claims register",
            "claims-register.html",
            "register",
            serde_json::json!({ "claims": claims }),
        )?,
    }

    // Glossary.
    let glossaries: Vec<(&Document, &Glossary)> = hb
        .docs
        .iter()
        .filter_map(|d| d.glossary.as_ref().map(|g| (d, g)))
        .collect();
    let glossary = glossary_ctx(shared, &glossaries, true);
    match own_page(hb, "gtmbook/glossary/").and_then(|i| hb.docs.get(i)) {
        Some(d) => redirect(&mut moved, "gtmbook/glossary/", shared, d),
        None => emit(
            "gtmbook/glossary/",
            "Glossary",
            "glossary-index.html",
            "glossary",
            to_value(&glossary),
        )?,
    }

    // Health.
    let mut stale = Vec::new();
    let mut no_owner = Vec::new();
    let mut expiring = Vec::new();
    for d in &hb.docs {
        if let Some((_, days)) = overdue(hb, d) {
            stale.push(StaleCtx {
                title: d.title.value.clone(),
                url: shared.url(d),
                owner: opt(&d.owner),
                reviewed: date(&d.reviewed),
                days_overdue: days,
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
                    text_html: shared.claim_html(c.id.value.as_str()),
                    expires: date(&c.expires).unwrap_or_default(),
                    days_left: left,
                    url: shared.claim_url(&c.id.value),
                });
            }
        }
    }
    stale.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.url.cmp(&b.url)));
    expiring.sort_by(|a, b| a.days_left.cmp(&b.days_left).then(a.id.cmp(&b.id)));
    let mut by_rule: BTreeMap<(&'static str, Severity), (&'static str, Vec<&Diagnostic>)> =
        BTreeMap::new();
    for d in diags {
        by_rule
            .entry((d.rule.id, d.severity))
            .or_insert((d.rule.summary, Vec::new()))
            .1
            .push(d);
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
                .map(|((rule, sev), (summary, found))| RuleCountCtx {
                    rule,
                    severity: sev.as_str(),
                    count: found.len(),
                    summary,
                    findings: found
                        .iter()
                        .take(FINDINGS_PER_RULE)
                        .map(|d| finding(shared, d))
                        .collect(),
                })
                .collect(),
        },
        trust: trust_ctx(shared, trust),
    };
    emit(
        "gtmbook/health/",
        "Handbook health",
        "health.html",
        "health",
        to_value(&health),
    )?;

    // The operating cadence.
    emit(
        "gtmbook/cadence/",
        "Operating cadence",
        "cadence.html",
        "cadence",
        to_value(&super::cadence::cadence_ctx(shared)),
    )?;
    out.append(&mut moved);
    Ok(out)
}

/// The trust score as the health page shows it.
fn trust_ctx(shared: &Shared, t: &Trust) -> TrustCtx {
    let hb = shared.hb;
    let share = |name: &str, s: &crate::model::trust::Share| ShareCtx {
        name: name.to_string(),
        percent: s.percent(),
        trusted: s.trusted,
        total: s.total,
    };
    let min = hb.config.lint.min_trust;
    TrustCtx {
        documents: share("documents", &t.documents),
        messages: share("messages", &t.messages),
        min_percent: min.map(|m| (m * 100.0).round() as u32),
        below: min.and_then(|m| t.below(m)),
        by_owner: t
            .by_owner
            .iter()
            .map(|(o, s)| share(o.as_deref().unwrap_or("no owner"), s))
            .collect(),
        by_folder: t
            .by_folder
            .iter()
            .map(|(f, s)| share(if f.is_empty() { "(top level)" } else { f }, s))
            .collect(),
        doubts: t
            .doubts
            .iter()
            .filter_map(|x| {
                let d = hb.docs.get(x.doc)?;
                let mut reasons = Vec::new();
                if x.never_reviewed {
                    reasons.push("never reviewed".to_string());
                }
                if x.overdue {
                    reasons.push("review overdue".to_string());
                }
                if x.errors > 0 {
                    reasons.push(format!(
                        "{} error{}",
                        x.errors,
                        if x.errors == 1 { "" } else { "s" }
                    ));
                }
                Some(DoubtCtx {
                    title: d.title.value.clone(),
                    url: shared.url(d),
                    owner: opt(&d.owner),
                    reasons,
                })
            })
            .collect(),
    }
}

/// How many findings of one rule the health page lists (the count says the rest).
const FINDINGS_PER_RULE: usize = 20;

/// A finding with the page it is on and its line.
fn finding(shared: &Shared, d: &Diagnostic) -> FindingCtx {
    let hb = shared.hb;
    let file = d.span.file;
    FindingCtx {
        message: d.message.clone(),
        file: hb.sources.path(file).to_string(),
        line: hb.sources.get(file).map_or(0, |f| f.line_of(d.span.start)),
        page: hb
            .docs
            .iter()
            .enumerate()
            .find(|(i, doc)| doc.file == file && hb.is_published(*i))
            .map(|(_, doc)| LinkCtx {
                title: doc.title.value.clone(),
                url: shared.url(doc),
            }),
    }
}

/// A generated address whose page the book has itself: a redirect to that page.
fn redirect(out: &mut Vec<OutFile>, path: &str, shared: &Shared, to: &Document) {
    out.push(OutFile {
        path: format!("{path}index.html"),
        bytes: redirect_page(&shared.url(to), &to.title.value).into_bytes(),
    });
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
