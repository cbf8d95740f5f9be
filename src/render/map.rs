//! The message map's context: every message with the pages that render it, and its
//! gaps — the channels it is approved for against the channels of those pages — with
//! the unused, retired-but-used and retyped counts (from the build's findings).

use super::context::*;
use super::shared::Shared;
use super::typed::message_label;
use crate::diagnostics::Diagnostic;
use crate::model::anchors;
use crate::model::*;
use std::collections::{BTreeSet, HashMap};

/// Sentences retyping each message (`message/drift`, `message/copy`), by `DOCID.MSGID`,
/// read from the "… is defined here" place of each finding.
fn retyped(diags: &[Diagnostic]) -> HashMap<&str, usize> {
    let mut out: HashMap<&str, usize> = HashMap::new();
    for d in diags {
        if d.rule.id != "message/drift" && d.rule.id != "message/copy" {
            continue;
        }
        if let Some(id) = d
            .related
            .iter()
            .find_map(|l| l.message.strip_suffix(" is defined here"))
        {
            *out.entry(id).or_default() += 1;
        }
    }
    out
}

pub(super) fn message_map(shared: &Shared, diags: &[Diagnostic]) -> MapCtx {
    let hb = shared.hb;
    let channels: Vec<&'static str> = CHANNELS.to_vec();
    let retyped = retyped(diags);
    let mut messages = Vec::new();
    let mut totals = MapTotalsCtx::default();
    for d in &hb.docs {
        for m in &d.messages {
            let users: Vec<MapUserCtx> = hb
                .uses
                .message(&m.full, true)
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
            let approved: Vec<String> = m.channels.iter().map(|c| c.value.clone()).collect();
            let is_approved = |c: &str| approved.iter().any(|a| a == c);
            let retired = m.status == Status::Retired;
            let cells: Vec<&'static str> = channels
                .iter()
                .map(|c| match (used.contains(c), is_approved(c)) {
                    (true, true) => "used",
                    (true, false) if approved.is_empty() => "used",
                    (true, false) => "unapproved",
                    (false, true) if !retired => "gap",
                    _ => "",
                })
                .collect();
            let pick = |want: &str| -> Vec<String> {
                channels
                    .iter()
                    .zip(&cells)
                    .filter(|(_, cell)| **cell == want)
                    .map(|(c, _)| c.to_string())
                    .collect()
            };
            let gaps = pick("gap");
            let unapproved = pick("unapproved");
            let n_retyped = retyped.get(m.full.as_str()).copied().unwrap_or(0);
            totals.messages += 1;
            if retired && !users.is_empty() {
                totals.retired_used += 1;
            }
            if !retired && users.is_empty() {
                totals.unused += 1;
            }
            if n_retyped > 0 {
                totals.retyped += 1;
            }
            if !gaps.is_empty() {
                totals.with_gaps += 1;
            }
            messages.push(MapMessageCtx {
                reference: m.full.clone(),
                anchor: anchors::message(&m.full),
                kind: m.kind.value.clone(),
                kind_label: message_label(&m.kind.value),
                status: m.status.as_str(),
                text: plain_text(&shared.message_html(m.full.as_str())),
                text_html: shared.message_html(m.full.as_str()),
                defined_in: LinkCtx {
                    title: d.title.value.clone(),
                    url: shared.message_url(&m.full),
                },
                channels: channels.iter().map(|c| used.contains(c)).collect(),
                used_by: users,
                approved,
                cells,
                gaps,
                unapproved,
                retyped: n_retyped,
            });
        }
    }
    MapCtx {
        channels,
        messages,
        totals,
    }
}

/// HTML as plain text: tags dropped, entities decoded.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    crate::url::decode_entities(&out)
}
