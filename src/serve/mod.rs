//! `gtmbook serve` start-up: load and check the handbook once, then wire the parts
//! together (the owner thread, the watcher, the listener) and serve until Ctrl-C.
//!
//! The preview keeps the model in memory and renders each page when the browser asks
//! for it. A save re-reads only the changed files, patches the model, and reloads open
//! pages over server-sent events; the checks then run in the background and their
//! findings reach the terminal and an overlay on the page. Nothing is written to disk.
//!
//! One thread owns the model (`owner`; render::OnDemand borrows it); HTTP handlers
//! (`http`) and the file watcher (`watch`) send it jobs. `net` accepts connections and
//! checks Host headers; `safe` decides which request paths name a file of the site,
//! keeps the machine's absolute paths out of responses and injects the reload script.

mod http;
mod hub;
mod net;
mod owner;
mod safe;
mod watch;

use crate::cli::ServeArgs;
use crate::error::Error;
use crate::{Outcome, lint_timed};
use hub::Hub;
use owner::load_all;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

pub fn run(args: &ServeArgs) -> Result<Outcome, Error> {
    // Watcher events carry absolute paths: work from the canonical root.
    let root = std::fs::canonicalize(&args.common.root)
        .map_err(|e| Error::io(args.common.root.clone(), e))?;
    let roots = safe::roots(&args.common.root, &root);
    let mut args = args.clone();
    args.common.root = root;
    let started = Instant::now();
    let (live, theme) = load_all(&args)?;
    let diags = lint_timed(&live.hb, live.diags());
    // A baseline that cannot be read stops `serve` as it stops `check`.
    crate::baseline::Baseline::of_book(&live.hb, None)?;
    let (diags, baselined) = crate::baseline::hide_while_serving(&live.hb, diags);
    let (text, errors) = owner::report(&live.hb, &diags, baselined);
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
            .spawn(move || owner::run(&args, live, theme, diags, &rx, &hub))
            .map_err(|source| Error::Serve {
                what: "start the site thread".into(),
                source,
            })?;
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Serve {
            what: "start the server".into(),
            source,
        })?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((host.as_str(), port))
            .await
            .map_err(|source| Error::Serve {
                what: format!("listen on {host}:{port}"),
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Serve {
            what: "read the address it listens on".into(),
            source,
        })?;
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
        watch::watch(&args.common.root, &content, hub.jobs.clone())?;
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
        net::serve(listener, http::router(hub.clone(), hosts), limits).await;
        Ok::<(), Error>(())
    })?;
    Ok(Outcome::Ok)
}
