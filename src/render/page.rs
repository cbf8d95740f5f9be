//! The page context of each document: common fields (banners, table of contents,
//! breadcrumbs, the messages it uses), then the fields of its type (messaging, persona,
//! positioning, competitor, playbook, glossary).

use super::context::*;
use super::nav::{breadcrumbs, children, prev_next};
use super::safety;
use super::shared::Shared;
use super::typed;
use super::values::{alias, body_for_readers, date, escape, kind_name, opt, own_page};
use crate::model::anchors;
use crate::model::dates::{claim_state, days_between, review_due};
use crate::model::*;
use std::collections::{BTreeSet, HashMap};

pub(super) fn claim_ctx(shared: &Shared, c: &Claim, with_usage: Option<&Document>) -> ClaimCtx {
    let (days_left, state) = claim_state(shared.hb.today, c.expires.as_ref().map(|e| e.value));
    ClaimCtx {
        id: c.id.value.clone(),
        alias: None,
        anchor: anchors::claim(&c.id.value),
        text_html: shared.claim_html(c.id.value.as_str()),
        source: safety::safe_link(opt(&c.source)),
        as_of: date(&c.as_of),
        expires: date(&c.expires),
        days_left,
        state,
        defined_in: with_usage.map(|d| LinkCtx {
            title: d.title.value.clone(),
            url: shared.url(d),
        }),
        used_by: with_usage.map(|_| shared.links(shared.hb.uses.claim(&c.id.value, true))),
    }
}

pub(super) fn page_ctx(
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
                kind_label: typed::message_label(&m.kind.value),
                text_html: shared.message_html(m.full.as_str()),
                url: shared.message_url(&m.full),
            });
        }
    }
    let (prev, next) = prev_next(shared, i, d, order, pos);
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
        kind_label: typed::page_label(kind_name(d)),
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
        content_html: body_for_readers(&shared.body_html(d)),
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
                .map(|s| {
                    let mut c = children(shared, s);
                    typed::describe_children(shared, s, &mut c);
                    c
                })
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
                        anchor: anchors::message(&m.full),
                        kind: m.kind.value.clone(),
                        kind_label: typed::message_label(&m.kind.value),
                        status: m.status.as_str(),
                        text_html: shared.message_html(m.full.as_str()),
                        response_html: shared.prose_opt(&m.response),
                        channels: m.channels.iter().map(|c| c.value.clone()).collect(),
                        proof: m
                            .proof
                            .iter()
                            .map(|p| ProofCtx {
                                id: p.value.clone(),
                                text_html: shared
                                    .texts
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
                        used_by: shared.links(shared.hb.uses.message(&m.full, true)),
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
                    .hb
                    .uses
                    .persona(&d.id.value, true)
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
                            kind_label: typed::message_label(
                                found.map(|(_, m)| m.kind.value.as_str()).unwrap_or(""),
                            ),
                            defined_in: found.map(|(d, _)| d.title.value.clone()),
                            text_html: shared
                                .texts
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
                steps: shared.steps(&p.steps),
            });
        }
        DocType::Glossary => {
            let g = d.glossary.clone().unwrap_or_default();
            page.glossary = Some(glossary_ctx(shared, &[(d, &g)], false));
        }
        DocType::Claims if own_page(hb, "gtmbook/claims/") == Some(i) => {
            let mut claims: Vec<ClaimCtx> = hb
                .docs
                .iter()
                .flat_map(|o| o.claims.iter().map(move |c| (o, c)))
                .map(|(o, c)| {
                    let mut ctx = claim_ctx(shared, c, Some(o));
                    if o.file == d.file {
                        ctx.alias = alias(d, &c.id.value);
                    }
                    ctx
                })
                .collect();
            claims.sort_by(|a, b| a.id.cmp(&b.id));
            page.register = Some(RegisterCtx { claims });
        }
        DocType::Page | DocType::Claims => {}
    }
    if let Some(messages) = &page.messages {
        page.message_groups = Some(typed::message_groups(messages));
    }
    // The table of contents: the typed template's headings around the body's.
    let before = typed::typed_headings(&page);
    let after = typed::typed_headings_after(&page);
    let body = std::mem::take(&mut page.toc);
    page.toc = before.into_iter().chain(body).chain(after).collect();
    page
}

pub(super) fn glossary_ctx(
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
