//! Each request and notification the server answers: document sync (the editor's texts
//! kept, changes queued for the next check), hover, completion, definition, references
//! and code actions. Nothing here panics on a bad request: an unknown file, a position
//! past the end or a document outside the book gets an empty answer.

use super::actions;
use super::complete;
use super::navigate;
use super::position::offset;
use super::state::{Open, Server};
use lsp_server::{ErrorCode, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, References, Request as _,
};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, CompletionParams, CompletionResponse,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, Position,
    ReferenceParams, Uri,
};
use serde::de::DeserializeOwned;
use std::path::PathBuf;

fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, Response> {
    serde_json::from_value(value).map_err(|e| {
        Response::new_err(
            lsp_server::RequestId::from(0),
            ErrorCode::InvalidParams as i32,
            e.to_string(),
        )
    })
}

/// Answer a request (never `shutdown`, which the main loop handles).
pub fn request(s: &Server, req: Request) -> Response {
    let id = req.id.clone();
    let result = match req.method.as_str() {
        HoverRequest::METHOD => params(req.params).map(|p| serde_json::json!(hover(s, p))),
        Completion::METHOD => params(req.params).map(|p| serde_json::json!(completion(s, p))),
        GotoDefinition::METHOD => params(req.params).map(|p| serde_json::json!(definition(s, p))),
        References::METHOD => params(req.params).map(|p| serde_json::json!(references(s, p))),
        CodeActionRequest::METHOD => {
            params(req.params).map(|p| serde_json::json!(code_actions(s, p)))
        }
        _ => {
            return Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("gtmbook lsp does not answer {}", req.method),
            );
        }
    };
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err(mut e) => {
            e.id = id;
            e
        }
    }
}

/// Take a notification. Text changes are kept and their paths queued in `changed`;
/// the main loop checks once the editor stops sending.
pub fn notification(s: &mut Server, n: Notification, changed: &mut Vec<PathBuf>) {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Ok(p) = params::<DidOpenTextDocumentParams>(n.params) else {
                return;
            };
            let Some(path) = s.path_of(&p.text_document.uri) else {
                return;
            };
            let known = s.holds(&path, &p.text_document.text);
            s.open.insert(
                path.clone(),
                Open {
                    uri: p.text_document.uri,
                    version: p.text_document.version,
                    text: p.text_document.text,
                },
            );
            // Opening a file as it is on disk changes no finding.
            if !known {
                changed.push(path);
            }
        }
        DidChangeTextDocument::METHOD => {
            let Ok(p) = params::<DidChangeTextDocumentParams>(n.params) else {
                return;
            };
            let Some(path) = s.path_of(&p.text_document.uri) else {
                return;
            };
            let enc = s.enc;
            let Some(open) = s.open.get_mut(&path) else {
                return;
            };
            open.version = p.text_document.version;
            for change in p.content_changes {
                match change.range {
                    None => open.text = change.text,
                    Some(r) => {
                        let start = offset(&open.text, r.start, enc);
                        let end = offset(&open.text, r.end, enc).max(start);
                        open.text.replace_range(start..end, &change.text);
                    }
                }
            }
            changed.push(path);
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) = params::<DidCloseTextDocumentParams>(n.params) else {
                return;
            };
            let Some(path) = s.path_of(&p.text_document.uri) else {
                return;
            };
            if s.open.remove(&path).is_some() {
                changed.push(path);
            }
        }
        DidSaveTextDocument::METHOD => {
            let Ok(p) = params::<DidSaveTextDocumentParams>(n.params) else {
                return;
            };
            // `book.toml` and themes are read only from disk: a save loads them again.
            if let Some(path) = s.path_of(&p.text_document.uri)
                && !crate::model::is_document(&path.to_string_lossy())
            {
                s.reload();
            }
        }
        DidChangeWatchedFiles::METHOD => {
            let Ok(p) = params::<DidChangeWatchedFilesParams>(n.params) else {
                return;
            };
            let paths = p.changes.iter().filter_map(|c| s.path_of(&c.uri)).collect();
            s.files_changed(paths);
        }
        _ => {}
    }
}

/// The open document at `uri` and the byte offset of `pos` in its text.
fn at<'a>(s: &'a Server, uri: &Uri, pos: Position) -> Option<(PathBuf, &'a Open, usize)> {
    let path = s.path_of(uri)?;
    let open = s.open.get(&path)?;
    let at = offset(&open.text, pos, s.enc);
    Some((path, open, at))
}

fn hover(s: &Server, p: HoverParams) -> Option<Hover> {
    let hb = &s.live.as_ref()?.hb;
    let q = p.text_document_position_params;
    let (_, open, at) = at(s, &q.text_document.uri, q.position)?;
    let (start, end, kind, id) = navigate::ref_at(&open.text, at)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: navigate::hover(hb, kind, &id),
        }),
        range: Some(super::position::range(&open.text, start, end, s.enc)),
    })
}

fn completion(s: &Server, p: CompletionParams) -> Option<CompletionResponse> {
    let hb = &s.live.as_ref()?.hb;
    let q = p.text_document_position;
    let (path, open, at) = at(s, &q.text_document.uri, q.position)?;
    let rel = s.rel(&path);
    let doc = hb.docs.iter().find(|d| Some(&d.path) == rel.as_ref());
    let items = complete::complete(hb, doc, &open.text, at, s.enc);
    Some(CompletionResponse::Array(items))
}

fn definition(s: &Server, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let hb = &s.live.as_ref()?.hb;
    let q = p.text_document_position_params;
    let (_, open, at) = at(s, &q.text_document.uri, q.position)?;
    let (_, _, kind, id) = navigate::ref_at(&open.text, at)?;
    let span = navigate::definition(hb, kind, &id)?;
    navigate::location(s, hb, span, s.enc).map(GotoDefinitionResponse::Scalar)
}

fn references(s: &Server, p: ReferenceParams) -> Option<Vec<lsp_types::Location>> {
    let hb = &s.live.as_ref()?.hb;
    let q = p.text_document_position;
    let (path, open, at) = at(s, &q.text_document.uri, q.position)?;
    let (kind, id) = match navigate::ref_at(&open.text, at) {
        Some((_, _, kind, id)) => (kind, id),
        None => {
            // On a message's `id:` in the message house.
            let id = navigate::message_defined_at(hb, &s.rel(&path)?, at)?;
            (crate::model::RefKind::Msg, id)
        }
    };
    let mut spans = Vec::new();
    if p.context.include_declaration {
        spans.extend(navigate::definition(hb, kind, &id));
    }
    spans.extend(navigate::uses(hb, kind, &id));
    Some(
        spans
            .into_iter()
            .filter_map(|span| navigate::location(s, hb, span, s.enc))
            .collect(),
    )
}

fn code_actions(s: &Server, p: CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let hb = &s.live.as_ref()?.hb;
    let path = s.path_of(&p.text_document.uri)?;
    let files = s.files_of(&path);
    let text = files.first().map(|f| hb.sources.text(*f))?;
    let start = offset(text, p.range.start, s.enc);
    let end = offset(text, p.range.end, s.enc);
    Some(
        actions::actions(s, hb, &files, start, end)
            .into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect(),
    )
}
