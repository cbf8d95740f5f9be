//! `gtmbook lsp`: a language server over stdio (`lsp-server`, `lsp-types`). It loads
//! the handbook once, re-checks it with the editor's unsaved texts (never written) and
//! publishes the findings of the open documents whose findings changed; it answers
//! hover, completion, definition, references and code actions from the model. This
//! file runs the connection: initialize, the message loop, shutdown. Logs go to stderr:
//! stdout carries only JSON-RPC.

mod actions;
mod complete;
mod handlers;
mod navigate;
mod position;
mod publish;
mod state;

use crate::Outcome;
use crate::cli::LspArgs;
use crate::error::Error;
use lsp_server::{Connection, Message};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeParams, OneOf, PositionEncodingKind, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};
use position::Encoding;
use std::path::{Path, PathBuf};

fn protocol(e: impl std::fmt::Display) -> Error {
    Error::io(
        "stdin",
        std::io::Error::other(format!("language server protocol: {e}")),
    )
}

/// The book's folder: `--root`, else the editor's workspace folder; the nearest folder
/// at or above it that holds a `book.toml`.
fn book_root(args: &LspArgs, init: &InitializeParams) -> PathBuf {
    #[allow(deprecated)]
    let from_editor = init
        .workspace_folders
        .iter()
        .flatten()
        .find_map(|f| position::uri_to_path(&f.uri))
        .or_else(|| init.root_uri.as_ref().and_then(position::uri_to_path));
    let start = args
        .root
        .clone()
        .or(from_editor)
        .unwrap_or_else(|| PathBuf::from("."));
    let start = std::path::absolute(&start).unwrap_or(start);
    start
        .ancestors()
        .find(|d| d.join("book.toml").is_file())
        .map(Path::to_path_buf)
        .unwrap_or(start)
}

fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match enc {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some([":", "(", "#", "/"].iter().map(|c| c.to_string()).collect()),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// `gtmbook lsp`
pub fn run(args: &LspArgs) -> Result<Outcome, Error> {
    let today = crate::today(args.today.as_deref())?;
    let (conn, io) = Connection::stdio();
    let (id, value) = conn.initialize_start().map_err(protocol)?;
    let init: InitializeParams = serde_json::from_value(value).map_err(protocol)?;
    // UTF-16 unless the editor can count in UTF-8 (cheaper: the model's offsets).
    let offers_utf8 = init
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let enc = if offers_utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let root = book_root(args, &init);
    eprintln!("gtmbook lsp: handbook at {}", root.display());
    let result = serde_json::json!({
        "capabilities": capabilities(enc),
        "serverInfo": ServerInfo {
            name: "gtmbook".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    conn.initialize_finish(id, result).map_err(protocol)?;
    let mut server = state::Server::new(root, today, enc);
    server.publish(&conn, &[]);
    let outcome = serve(&conn, &mut server)?;
    drop(conn);
    io.join().map_err(protocol)?;
    Ok(outcome)
}

/// The message loop. Text changes are checked once no message is waiting (changes
/// typed in a burst are checked together), and before any request is answered.
fn serve(conn: &Connection, server: &mut state::Server) -> Result<Outcome, Error> {
    let mut changed: Vec<PathBuf> = Vec::new();
    // Check the queued changes, then publish.
    let flush = |server: &mut state::Server, changed: &mut Vec<PathBuf>| {
        changed.sort();
        changed.dedup();
        if !changed.is_empty() {
            let texts = changed
                .iter()
                .map(|p| (p.clone(), server.open.get(p).map(|o| o.text.clone())))
                .collect();
            server.patch(texts);
        }
        server.publish(conn, changed);
        changed.clear();
    };
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                flush(server, &mut changed);
                if conn.handle_shutdown(&req).map_err(protocol)? {
                    return Ok(Outcome::Ok);
                }
                let id = req.id.clone();
                let server: &state::Server = server;
                // A bug in one answer must not take the editor's findings away.
                let resp = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    handlers::request(server, req)
                }))
                .unwrap_or_else(|_| {
                    lsp_server::Response::new_err(
                        id,
                        lsp_server::ErrorCode::InternalError as i32,
                        "gtmbook lsp failed to answer this request (see its log)".to_string(),
                    )
                });
                let _ = conn.sender.send(resp.into());
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    // `exit` without `shutdown` first (LSP: exit code 1).
                    return Ok(Outcome::Failed);
                }
                handlers::notification(server, n, &mut changed);
                if conn.receiver.is_empty() {
                    flush(server, &mut changed);
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(Outcome::Failed)
}
