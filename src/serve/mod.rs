//! `gtmbook serve`: load the handbook once, keep the model in memory, and render each
//! page when the browser asks for it. A save re-reads only the changed files, patches
//! the model, and reloads open pages over server-sent events; the checks then run in the
//! background and their findings reach the terminal and an overlay on the page. Nothing
//! is written to disk. The reload script is injected into responses.
//!
//! One thread owns the model (render::OnDemand borrows it); HTTP handlers and the file
//! watcher send it jobs. `net` accepts connections and checks Host headers; `safe`
//! decides which request paths name a file of the site and keeps the machine's absolute
//! paths out of responses.

mod net;
mod safe;

use crate::cli::ServeArgs;
use crate::diagnostics::{self, Diagnostic, Severity, Summary};
use crate::error::Error;
use crate::load::{self, Live, Patch};
use crate::render::{self, theme::Theme};
use crate::{Outcome, lint};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Response, StatusCode, Uri, header};
use axum::middleware;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, oneshot};

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
  es.addEventListener('status',status);
  status();
})();
"#;

/// What the thread that owns the model is asked to do.
enum Job {
    /// The file at a path below the site root, or `None`; `Err` for a template error.
    Get {
        path: String,
        reply: oneshot::Sender<Result<Option<Vec<u8>>, String>>,
    },
    /// Files saved, created or deleted.
    Changed(Vec<PathBuf>),
}

struct Hub {
    /// Events for open pages: `reload` or `status`.
    tx: broadcast::Sender<&'static str>,
    /// `{errors, report}` of the last check, for the overlay.
    status: Mutex<serde_json::Value>,
    jobs: mpsc::Sender<Job>,
    /// The path the site is served under: `/` or `/handbook/`.
    base: String,
    /// The book root as the machine spells it, removed from every response.
    roots: Vec<String>,
}

/// The human report of findings (warnings and errors) and the number of errors.
fn report(
    hb: &crate::model::Handbook,
    diags: &[Diagnostic],
    baselined: Option<usize>,
) -> (String, usize) {
    let mut summary = Summary::of(hb.docs.len(), diags);
    summary.baselined = baselined;
    let shown: Vec<_> = diags
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .cloned()
        .collect();
    let text = diagnostics::render_human(&shown, &hb.sources, &summary, false);
    (text, summary.errors)
}

fn set_status(hub: &Hub, report: String, errors: usize, event: &'static str) {
    let report = safe::scrub(&report, &hub.roots);
    if let Ok(mut s) = hub.status.lock() {
        *s = serde_json::json!({"errors": errors, "report": report});
    }
    let _ = hub.tx.send(event);
}

/// Load the handbook and its theme for previewing: drafts are shown.
fn load_all(args: &ServeArgs) -> Result<(Live, Theme), Error> {
    let today = crate::today(args.common.today.as_deref())?;
    let mut live = Live::load(&args.common.root, today, load::Purpose::Build)?;
    live.hb.config.build.drafts = true;
    let files = load::theme::files(&live.hb.root, &live.hb.config.build.theme)?;
    let theme = Theme::new(files)?;
    Ok((live, theme))
}

pub fn run(args: &ServeArgs) -> Result<Outcome, Error> {
    // Watcher events carry absolute paths: work from the canonical root.
    let root = std::fs::canonicalize(&args.common.root)
        .map_err(|e| Error::io(args.common.root.clone(), e))?;
    let roots = safe::roots(&args.common.root, &root);
    let mut args = args.clone();
    args.common.root = root;
    let started = Instant::now();
    let (live, theme) = load_all(&args)?;
    let diags = lint::run(&live.hb, live.diags());
    // A baseline that cannot be read stops `serve` as it stops `check`.
    crate::baseline::Baseline::of_book(&live.hb, None)?;
    let (diags, baselined) = crate::baseline::hide_while_serving(&live.hb, diags);
    let (text, errors) = report(&live.hb, &diags, baselined);
    eprint!("{text}");
    eprintln!(
        "loaded and checked {} documents in {:.0?}",
        live.hb.docs.len(),
        started.elapsed()
    );
    let host = args
        .host
        .clone()
        .unwrap_or(live.hb.config.serve.host.clone());
    let port = args.port.unwrap_or(live.hb.config.serve.port);
    let base_url = live.hb.config.book.base_url.clone();
    let title = live.hb.config.book.title.clone();
    let content = live.hb.config.build.content.clone();
    let base = if base_url.contains("://") || base_url.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", base_url.trim_matches('/')).replace("//", "/")
    };
    let (tx, _) = broadcast::channel(16);
    let (jobs, rx) = mpsc::channel();
    let text = safe::scrub(&text, &roots);
    let hub = Arc::new(Hub {
        tx,
        status: Mutex::new(serde_json::json!({"errors": errors, "report": text})),
        jobs,
        base,
        roots,
    });
    {
        let hub = hub.clone();
        let args = args.clone();
        std::thread::Builder::new()
            .name("gtmbook-site".into())
            .spawn(move || owner(&args, live, theme, diags, &rx, &hub))
            .map_err(|e| Error::Usage(format!("cannot start the site thread: {e}")))?;
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((host.as_str(), port))
            .await
            .map_err(|e| Error::Usage(format!("cannot listen on {host}:{port}: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Usage(e.to_string()))?;
        let url = format!("http://{addr}{}", hub.base);
        let hosts = net::Hosts::for_bound(addr.ip());
        if hosts == net::Hosts::Any {
            eprintln!(
                "warning: listening on {host}: the preview, drafts included, is reachable \
                 from the network and answers any Host name; use --host 127.0.0.1 to keep \
                 it on this machine"
            );
        }
        // Watching before saying where: a save right after the line is printed counts.
        watch(&args.common.root, &content, hub.jobs.clone())?;
        eprintln!("serving {title} at {url} (Ctrl-C to stop)");
        if args.open {
            let _ = std::process::Command::new(if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            })
            .arg(&url)
            .spawn();
        }
        let limits = net::Limits {
            header_timeout: Duration::from_millis(args.header_timeout_ms.max(1)),
            max_connections: args.max_connections,
        };
        net::serve(listener, router(hub.clone(), hosts), limits).await;
        Ok::<(), Error>(())
    })?;
    Ok(Outcome::Ok)
}

/// The thread that owns the model: answers requests from it, applies changes, and
/// runs the checks beside the requests after each change.
fn owner(
    args: &ServeArgs,
    mut live: Live,
    mut theme: Theme,
    mut diags: Vec<Diagnostic>,
    rx: &mpsc::Receiver<Job>,
    hub: &Hub,
) {
    let mut check = false;
    // Requests that arrived while a change was being applied: answered first, from the
    // new model.
    let mut waiting: std::collections::VecDeque<Job> = std::collections::VecDeque::new();
    loop {
        let changed = std::thread::scope(|scope| {
            let hb = &live.hb;
            let site = render::OnDemand::new(hb, &theme);
            let mut checker = check.then(|| {
                let found = live.diags();
                scope.spawn(move || {
                    let started = Instant::now();
                    let (found, baselined) =
                        crate::baseline::hide_while_serving(hb, lint::run(hb, found));
                    (found, baselined, started.elapsed())
                })
            });
            let finish = |checker: &mut Option<std::thread::ScopedJoinHandle<'_, _>>,
                          diags: &mut Vec<Diagnostic>| {
                if let Some(Ok((found, baselined, took))) = checker.take().map(|c| c.join()) {
                    *diags = found;
                    let (text, errors) = report(hb, diags, baselined);
                    eprint!("{text}");
                    eprintln!("checked in {took:.0?}");
                    set_status(hub, text, errors, "status");
                    site.findings_changed();
                }
            };
            loop {
                if checker.as_ref().is_some_and(|c| c.is_finished()) {
                    finish(&mut checker, &mut diags);
                }
                let job = if let Some(job) = waiting.pop_front() {
                    job
                } else if checker.is_some() {
                    match rx.recv_timeout(Duration::from_millis(20)) {
                        Ok(job) => job,
                        Err(RecvTimeoutError::Timeout) => continue,
                        Err(RecvTimeoutError::Disconnected) => return None,
                    }
                } else {
                    match rx.recv() {
                        Ok(job) => job,
                        Err(_) => return None,
                    }
                };
                match job {
                    Job::Get { path, reply } => {
                        if path.starts_with("gtmbook/health/") {
                            // The health page counts findings: wait for them.
                            finish(&mut checker, &mut diags);
                        }
                        // The disk is read only for a file the model lists as an asset.
                        let result = site
                            .get(&path, &diags)
                            .map(|found| {
                                found.or_else(|| std::fs::read(hb.asset_file(&path)?).ok())
                            })
                            .map_err(|e| e.to_string());
                        let _ = reply.send(result);
                    }
                    Job::Changed(paths) => {
                        // A check cannot be stopped; its findings are stale anyway.
                        if let Some(c) = checker.take() {
                            let _ = c.join();
                        }
                        return Some(paths);
                    }
                }
            }
        });
        let Some(mut paths) = changed else { return };
        // Saves arriving together are applied together.
        while let Ok(job) = rx.try_recv() {
            match job {
                Job::Changed(more) => paths.extend(more),
                get => waiting.push_back(get),
            }
        }
        eprintln!("change detected, rebuilding");
        let started = Instant::now();
        // `book.toml` and themes are not in the model: `patch` asks for a full load.
        let patched = match live.patch(&paths) {
            Patch::Applied(l) => Ok(*l),
            Patch::Reload(l) => Err(*l),
        };
        let full = patched.is_err();
        let result = match patched {
            Ok(l) => {
                live = l;
                live.hb.config.build.drafts = true;
                Ok(())
            }
            Err(old) => match load_all(args) {
                Ok((l, t)) => {
                    if l.hb.config.build.content != old.hb.config.build.content {
                        eprintln!(
                            "the content folder is now `{}`: restart serve to watch it",
                            l.hb.config.build.content
                        );
                    }
                    live = l;
                    theme = t;
                    Ok(())
                }
                Err(e) => {
                    live = old;
                    Err(e)
                }
            },
        };
        match result {
            Ok(()) => {
                eprintln!(
                    "updated {} in {:.0?}; checking",
                    if full {
                        "everything".to_string()
                    } else {
                        format!("{} file(s)", paths.len())
                    },
                    started.elapsed()
                );
                let _ = hub.tx.send("reload");
                check = true;
            }
            Err(e) => {
                let text =
                    format!("error: {e}\nThe last good version of the site is still served.");
                eprintln!("{text}");
                set_status(hub, text, 1, "status");
                check = false;
            }
        }
    }
}

type Debouncer = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Watch `book.toml` and the content, `static/` and `themes/` folders, also when
/// one of those folders is created while serving. The watcher lives on its own thread.
fn watch(root: &Path, content: &str, jobs: mpsc::Sender<Job>) -> Result<(), Error> {
    use notify_debouncer_full::notify::RecursiveMode;
    let folders: Vec<PathBuf> = [content, "static", "themes"]
        .iter()
        .map(|f| root.join(f.trim_end_matches('/')))
        .collect();
    let book = root.join("book.toml");
    let (add, added) = mpsc::channel::<PathBuf>();
    let watched = folders.clone();
    let mut debouncer: Debouncer = notify_debouncer_full::new_debouncer(
        Duration::from_millis(50),
        None,
        move |events: notify_debouncer_full::DebounceEventResult| {
            let Ok(events) = events else { return };
            // Reading files raises access events: only changes count. Editor swap and
            // backup files are not the handbook.
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.kind, notify_debouncer_full::notify::EventKind::Access(_)))
                .flat_map(|e| e.paths.iter())
                .filter(|p| **p == book || watched.iter().any(|f| p.starts_with(f)))
                .filter(|p| {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default();
                    !(name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp"))
                })
                .cloned()
                .collect();
            paths.sort();
            paths.dedup();
            for p in &paths {
                if watched.contains(p) && p.is_dir() {
                    let _ = add.send(p.clone());
                }
            }
            if !paths.is_empty() {
                let _ = jobs.send(Job::Changed(paths));
            }
        },
    )
    .map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    let mut start = |p: &Path, mode: RecursiveMode| {
        debouncer
            .watch(p, mode)
            .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", p.display())))
    };
    // The root itself, not its subfolders: to see the folders above appear.
    start(root, RecursiveMode::NonRecursive)?;
    for f in folders.iter().filter(|f| f.is_dir()) {
        start(f, RecursiveMode::Recursive)?;
    }
    std::thread::Builder::new()
        .name("gtmbook-watch".into())
        .spawn(move || {
            for p in added {
                let _ = debouncer.watch(&p, RecursiveMode::Recursive);
            }
        })
        .map_err(|e| Error::Usage(format!("cannot start the watcher: {e}")))?;
    Ok(())
}

fn router(hub: Arc<Hub>, hosts: net::Hosts) -> Router {
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
    if mime.type_() == "text" && mime.subtype() == "html" {
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
