//! The HTTP side of `serve`: routes, the site's files asked of the owner thread, the
//! responses (book root removed, reload script injected), the check status for the
//! overlay, and the server-sent events that reload open pages. The reload script
//! itself is `reload.js`, sent as it is.

use super::hub::Hub;
use super::hub::Job;
use super::{net, safe};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Response, StatusCode, Uri, header};
use axum::middleware;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use std::sync::Arc;
use tokio::sync::{broadcast, oneshot};

/// The script every page loads: reloads on `reload`, shows the findings overlay on
/// `status`.
const RELOAD_JS: &str = include_str!("reload.js");

pub(super) fn router(hub: Arc<Hub>, hosts: net::Hosts) -> Router {
    Router::new()
        .route("/__gtmbook/events", axum::routing::get(events))
        .route("/__gtmbook/status", axum::routing::get(status))
        .route(
            "/__gtmbook/reload.js",
            axum::routing::get(|| async {
                ([(header::CONTENT_TYPE, "text/javascript")], RELOAD_JS)
            }),
        )
        .fallback(site)
        .with_state(hub)
        .layer(middleware::from_fn_with_state(
            Arc::new(hosts),
            net::check_host,
        ))
}

/// Ask the model's thread for a file.
async fn fetch(hub: &Hub, path: String) -> Result<Option<Vec<u8>>, String> {
    let (reply, answer) = oneshot::channel();
    if hub.jobs.send(Job::Get { path, reply }).is_err() {
        return Err("the site thread stopped".into());
    }
    answer
        .await
        .unwrap_or_else(|_| Err("the site thread stopped".into()))
}

/// A file of the site: text has the book root removed, a page gets the reload script.
fn respond(hub: &Hub, status: StatusCode, path: &str, mut bytes: Vec<u8>) -> Response<Body> {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == "text" || path.ends_with(".js") || path.ends_with(".json");
    let kind = if text {
        bytes = safe::scrub_bytes(bytes, &hub.roots);
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    // A shared sidebar is a fragment put into a page, not a page.
    if mime.type_() == "text" && mime.subtype() == "html" && !crate::render::is_fragment(path) {
        bytes = safe::inject(bytes);
    }
    (status, [(header::CONTENT_TYPE, kind)], bytes).into_response()
}

/// The site's files: `/base/sales/first-call/` → `sales/first-call/index.html`.
async fn site(State(hub): State<Arc<Hub>>, uri: Uri) -> Response<Body> {
    let not_found = |hub: Arc<Hub>| async move {
        let page = fetch(&hub, "404.html".into()).await.ok().flatten();
        respond(
            &hub,
            StatusCode::NOT_FOUND,
            "404.html",
            page.unwrap_or_else(|| {
                b"<!doctype html><title>Not found</title><h1>Not found</h1>".to_vec()
            }),
        )
    };
    let Some(path) = safe::site_path(&hub.base, uri.path()) else {
        return not_found(hub).await;
    };
    match fetch(&hub, path.clone()).await {
        Ok(Some(bytes)) => respond(&hub, StatusCode::OK, &path, bytes),
        Ok(None) => {
            // A folder asked for without its slash.
            let index = format!("{path}/index.html");
            if !path.ends_with(".html") && matches!(fetch(&hub, index).await, Ok(Some(_))) {
                let to = format!("{}/", uri.path());
                return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)]).into_response();
            }
            not_found(hub).await
        }
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            safe::scrub(&format!("gtmbook could not render {path}: {e}"), &hub.roots),
        )
            .into_response(),
    }
}

async fn status(State(hub): State<Arc<Hub>>) -> impl IntoResponse {
    let s = hub
        .status
        .lock()
        .map(|s| s.clone())
        .unwrap_or(serde_json::Value::Null);
    axum::Json(s)
}

async fn events(
    State(hub): State<Arc<Hub>>,
) -> Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>> {
    let rx = hub.tx.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(name) => return Some((Ok(Event::default().event(name).data(name)), rx)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
