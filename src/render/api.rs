//! Canonical data for other tools: `api/messages.json`, `api/claims.json`,
//! `api/terms.json`, `api/health.json` (documented in the README).

use super::shared::Shared;
use crate::model::anchors;
use crate::model::dates::claim_state;
use crate::site::OutFile;
use serde::Serialize;

#[derive(Serialize)]
struct Place {
    path: String,
    url: String,
    line: usize,
}

#[derive(Serialize)]
struct ApiMessage<'a> {
    id: &'a str,
    document: &'a str,
    kind: &'a str,
    text: &'a str,
    response: Option<&'a str>,
    status: &'static str,
    channels: Vec<&'a str>,
    proof: Vec<&'a str>,
    defined_in: Place,
    used_by: Vec<String>,
}

#[derive(Serialize)]
struct ApiClaim<'a> {
    id: &'a str,
    text: &'a str,
    source: Option<&'a str>,
    as_of: Option<String>,
    expires: Option<String>,
    state: &'static str,
    defined_in: Place,
    used_by: Vec<String>,
}

#[derive(Serialize)]
struct ApiTerm<'a> {
    term: &'a str,
    definition: Option<&'a str>,
    avoid: Vec<&'a str>,
    case_sensitive: bool,
    defined_in: Place,
}

#[derive(Serialize)]
struct ApiBanned<'a> {
    phrase: &'a str,
    reason: Option<&'a str>,
    defined_in: Place,
}

fn json<T: Serialize>(path: &str, value: &T) -> OutFile {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    OutFile {
        path: path.into(),
        bytes,
    }
}

pub fn files(shared: &Shared) -> Vec<OutFile> {
    let hb = shared.hb;
    let place = |d: &crate::model::Document, span: crate::source::Span, anchor: String| Place {
        path: d.path.clone(),
        url: format!("{}#{anchor}", hb.url(d)),
        line: hb
            .sources
            .get(span.file)
            .map(|f| f.line_of(span.start))
            .unwrap_or(1),
    };
    let users = |list: Option<&Vec<usize>>| -> Vec<String> {
        list.map(|l| {
            l.iter()
                .filter_map(|i| hb.docs.get(*i))
                .map(|d| hb.url(d))
                .collect()
        })
        .unwrap_or_default()
    };
    let mut messages = Vec::new();
    let mut claims = Vec::new();
    let mut terms = Vec::new();
    let mut banned = Vec::new();
    for d in &hb.docs {
        for m in &d.messages {
            messages.push(ApiMessage {
                id: &m.full,
                document: &d.id.value,
                kind: &m.kind.value,
                text: &m.text.value,
                response: m.response.as_ref().map(|r| r.value.as_str()),
                status: m.status.as_str(),
                channels: m.channels.iter().map(|c| c.value.as_str()).collect(),
                proof: m.proof.iter().map(|c| c.value.as_str()).collect(),
                defined_in: place(d, m.id.span, anchors::message(&m.full)),
                used_by: users(shared.hb.uses.message(&m.full, true)),
            });
        }
        for c in &d.claims {
            claims.push(ApiClaim {
                id: &c.id.value,
                text: &c.text.value,
                source: c.source.as_ref().map(|s| s.value.as_str()),
                as_of: c.as_of.as_ref().map(|d| d.value.to_string()),
                expires: c.expires.as_ref().map(|d| d.value.to_string()),
                state: claim_state(hb.today, c.expires.as_ref().map(|e| e.value)).1,
                defined_in: place(d, c.id.span, anchors::claim(&c.id.value)),
                used_by: users(shared.hb.uses.claim(&c.id.value, true)),
            });
        }
        if let Some(g) = &d.glossary {
            for t in &g.terms {
                terms.push(ApiTerm {
                    term: &t.term.value,
                    definition: t.definition.as_ref().map(|s| s.value.as_str()),
                    avoid: t.avoid.iter().map(|a| a.value.as_str()).collect(),
                    case_sensitive: t.term.value.chars().any(char::is_uppercase),
                    defined_in: place(d, t.term.span, anchors::term(&t.term.value)),
                });
            }
            for b in &g.banned {
                banned.push(ApiBanned {
                    phrase: &b.phrase.value,
                    reason: b.reason.as_ref().map(|s| s.value.as_str()),
                    defined_in: place(d, b.phrase.span, "banned".into()),
                });
            }
        }
    }
    vec![
        json(
            "api/messages.json",
            &serde_json::json!({ "version": 1, "messages": messages }),
        ),
        json(
            "api/claims.json",
            &serde_json::json!({ "version": 1, "claims": claims }),
        ),
        json(
            "api/terms.json",
            &serde_json::json!({ "version": 1, "terms": terms, "banned": banned }),
        ),
    ]
}

/// `api/health.json`: the trust score (in total, per owner and per top-level folder),
/// overdue documents, claims expiring within 60 days, and the count of findings.
pub fn health(
    shared: &Shared,
    trust: &crate::model::trust::Trust,
    diags: &[crate::diagnostics::Diagnostic],
) -> OutFile {
    use crate::model::dates::overdue;
    let hb = shared.hb;
    let mut stale = Vec::new();
    let mut expiring = Vec::new();
    for d in &hb.docs {
        if let Some((due, days)) = overdue(hb, d) {
            stale.push(serde_json::json!({
                "path": d.path,
                "url": hb.url(d),
                "owner": d.owner.as_ref().map(|o| o.value.as_str()),
                "reviewed": d.reviewed.as_ref().map(|r| r.value.to_string()),
                "due": due.to_string(),
                "days_overdue": days,
            }));
        }
        for c in &d.claims {
            let (left, state) = claim_state(hb.today, c.expires.as_ref().map(|e| e.value));
            if let (Some(left), "expiring" | "expired") = (left, state) {
                expiring.push(serde_json::json!({
                    "id": c.id.value,
                    "expires": c.expires.as_ref().map(|e| e.value.to_string()),
                    "days_left": left,
                    "state": state,
                }));
            }
        }
    }
    let summary = crate::diagnostics::Summary::of(hb.docs.len(), diags);
    json(
        "api/health.json",
        &serde_json::json!({
            "version": 1,
            "today": hb.today.to_string(),
            "trust": trust.json(hb.config.lint.min_trust, true),
            "stale": stale,
            "expiring": expiring,
            "lint": {
                "errors": summary.errors,
                "warnings": summary.warnings,
                "infos": summary.infos,
            },
        }),
    )
}
