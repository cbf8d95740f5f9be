//! `gtmbook serve`: build into a private folder, serve it on localhost, rebuild on every
//! change under content/, themes/, static/ and book.toml, and reload open pages over
//! server-sent events. The reload script is injected into responses, never written
//! into the built files. A failed rebuild keeps the last good site and shows the
//! findings in the terminal and in an overlay on the page.

use crate::cli::ServeArgs;
use crate::diagnostics::{self, Severity, Summary};
use crate::error::Error;
use crate::{Outcome, load, render, site};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, Response, header};
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast;

const RELOAD_JS: &str = r#"(function(){
  var box=null;
  function overlay(s){
    if(box){box.remove();box=null;}
    if(!s||!s.errors){return;}
    box=document.createElement('div');
    box.setAttribute('role','alert');
    box.style.cssText='position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:40vh;overflow:auto;z-index:9999;background:#2b0d0d;color:#fff;font:13px/1.4 ui-monospace,monospace;padding:1rem;border-radius:6px;box-shadow:0 4px 20px #0008;white-space:pre-wrap';
    box.textContent=s.report;
    var close=document.createElement('button');close.textContent='Close';close.style.cssText='float:right';
    close.onclick=function(){box.remove();box=null;};box.prepend(close);
    document.body.appendChild(box);
  }
  function status(){fetch('/__gtmbook/status').then(function(r){return r.json();}).then(overlay).catch(function(){});}
  var es=new EventSource('/__gtmbook/events');
  es.addEventListener('reload',function(){location.reload();});
  status();
})();
"#;

struct Shared {
    out: PathBuf,
    tx: broadcast::Sender<()>,
    /// `{errors, report}` of the last build, for the overlay.
    status: Mutex<serde_json::Value>,
}

/// Build the site into `out`. Returns the human report and the number of errors.
/// Unlike `build`, a site with errors is still written (the pages that could be built
/// are the last good version); only a failure to load the book keeps the old site.
fn rebuild(args: &ServeArgs, out: &Path) -> Result<(String, usize), Error> {
    let (mut hb, diags) = crate::check_book(&args.common, load::Purpose::Build)?;
    hb.config.build.drafts = true;
    let theme = render::theme::Theme::load(&hb.root, &hb.config.build.theme)?;
    let staging = site::Staging::new(out)?;
    render::site(&hb, &theme, &diags, &staging)?;
    staging.finish(&crate::copies(&hb))?;
    let summary = Summary::of(hb.docs.len(), &diags);
    let shown: Vec<_> = diags
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .cloned()
        .collect();
    let report = diagnostics::render_human(&shown, &hb.sources, &summary, false);
    Ok((report, summary.errors))
}

fn report_build(shared: &Shared, result: Result<(String, usize), Error>) {
    let status = match result {
        Ok((report, errors)) => {
            eprint!("{report}");
            serde_json::json!({"errors": errors, "report": report})
        }
        Err(e) => {
            let report = format!("error: {e}\nThe last good version of the site is still served.");
            eprintln!("{report}");
            serde_json::json!({"errors": 1, "report": report})
        }
    };
    if let Ok(mut s) = shared.status.lock() {
        *s = status;
    }
    let _ = shared.tx.send(());
}

pub fn run(args: &ServeArgs) -> Result<Outcome, Error> {
    // Fail early and clearly when there is no book.
    let mut sources = crate::source::Sources::default();
    let (config, _, _) = load::config(&args.common.root, &mut sources)?;
    let host = args.host.clone().unwrap_or(config.serve.host.clone());
    let port = args.port.unwrap_or(config.serve.port);
    let out = std::env::temp_dir().join(format!("gtmbook-serve-{}", std::process::id()));
    let (tx, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        out: out.clone(),
        tx,
        status: Mutex::new(serde_json::json!({"errors": 0, "report": ""})),
    });
    report_build(&shared, rebuild(args, &out));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((host.as_str(), port))
            .await
            .map_err(|e| Error::Usage(format!("cannot listen on {host}:{port}: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Usage(e.to_string()))?;
        let url = format!("http://{addr}{}", config.book.base_url);
        eprintln!("serving {} at {url} (Ctrl-C to stop)", config.book.title);
        if args.open {
            let _ = std::process::Command::new(if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            })
            .arg(&url)
            .spawn();
        }
        let _watcher = watch(args, shared.clone())?;
        let app = router(shared.clone(), &config.book.base_url);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::Usage(format!("server error: {e}")))
    });
    let _ = std::fs::remove_dir_all(&out);
    result.map(|()| Outcome::Ok)
}

type Debouncer = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

fn watch(args: &ServeArgs, shared: Arc<Shared>) -> Result<Debouncer, Error> {
    use notify_debouncer_full::notify::RecursiveMode;
    let root = args.common.root.clone();
    let args = ServeArgs {
        common: args.common.clone(),
        host: None,
        port: None,
        open: false,
    };
    let out = shared.out.clone();
    let mut debouncer = notify_debouncer_full::new_debouncer(
        Duration::from_millis(150),
        None,
        move |events: notify_debouncer_full::DebounceEventResult| {
            let Ok(events) = events else { return };
            // Ignore editor swap and backup files.
            // Reading files during a rebuild raises access events: only changes count,
            // or every rebuild would trigger the next.
            let relevant = events.iter().any(|e| {
                !matches!(e.kind, notify_debouncer_full::notify::EventKind::Access(_))
                    && e.paths.iter().any(|p| {
                        let name = p
                            .file_name()
                            .map(|n| n.to_string_lossy())
                            .unwrap_or_default();
                        !(name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp"))
                    })
            });
            if relevant {
                eprintln!("change detected, rebuilding");
                report_build(&shared, rebuild(&args, &out));
            }
        },
    )
    .map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    for name in ["content", "themes", "static", "book.toml"] {
        let p = root.join(name);
        if p.exists() {
            debouncer
                .watch(&p, RecursiveMode::Recursive)
                .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", p.display())))?;
        }
    }
    Ok(debouncer)
}

fn router(shared: Arc<Shared>, base_url: &str) -> Router {
    let serve_dir = tower_http::services::ServeDir::new(&shared.out).not_found_service(
        tower_http::services::ServeFile::new(shared.out.join("404.html")),
    );
    let base = base_url.trim_end_matches('/');
    let site: Router<Arc<Shared>> = Router::new().fallback_service(serve_dir);
    let site = if base.is_empty() || base.contains("://") {
        site
    } else {
        Router::new().nest(base, site)
    };
    Router::new()
        .route("/__gtmbook/events", axum::routing::get(events))
        .route("/__gtmbook/status", axum::routing::get(status))
        .route(
            "/__gtmbook/reload.js",
            axum::routing::get(|| async {
                ([(header::CONTENT_TYPE, "text/javascript")], RELOAD_JS)
            }),
        )
        .merge(site)
        .layer(middleware::from_fn(inject))
        .with_state(shared)
}

async fn status(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let s = shared
        .status
        .lock()
        .map(|s| s.clone())
        .unwrap_or(serde_json::Value::Null);
    axum::Json(s)
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>> {
    let rx = shared.tx.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(()) => return Some((Ok(Event::default().event("reload").data("reload")), rx)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Add the reload script to HTML responses.
async fn inject(req: Request<Body>, next: Next) -> Response<Body> {
    let res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let mut html = String::from_utf8_lossy(&bytes).into_owned();
    let tag = "<script src=\"/__gtmbook/reload.js\"></script>";
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, tag),
        None => html.push_str(tag),
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(html))
}
