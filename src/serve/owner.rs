//! The thread that owns the model in `serve`: answers page requests from it, patches it
//! when files change (a full load for `book.toml` and themes), and re-runs the checks
//! beside the requests, publishing their report to the terminal and the overlay.

use super::hub::{Hub, Job};
use super::safe;
use crate::cli::ServeArgs;
use crate::diagnostics::{self, Diagnostic, Severity, Summary};
use crate::error::Error;
use crate::lint_timed;
use crate::load::{self, Live, Patch};
use crate::render::{self, theme::Theme};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Load the handbook and its theme for previewing: drafts are shown.
pub(super) fn load_all(args: &ServeArgs) -> Result<(Live, Theme), Error> {
    let today = crate::today(args.common.today.as_deref())?;
    let mut live = Live::load(&args.common.root, today, load::Purpose::Build)?;
    live.hb.config.build.drafts = true;
    let files = load::theme::files(&live.hb.root, &live.hb.config.build.theme)?;
    let theme = Theme::new(files)?;
    Ok((live, theme))
}

/// The human report of findings (warnings and errors) and the number of errors.
pub(super) fn report(
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

/// Publish a report for the overlay (book root removed) and tell open pages.
fn set_status(hub: &Hub, report: String, errors: usize, event: &'static str) {
    let report = safe::scrub(&report, &hub.roots);
    if let Ok(mut s) = hub.status.lock() {
        *s = serde_json::json!({"errors": errors, "report": report});
    }
    let _ = hub.tx.send(event);
}

/// The thread that owns the model: answers requests from it, applies changes, and
/// runs the checks beside the requests after each change.
pub(super) fn run(
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
                        crate::baseline::hide_while_serving(hb, lint_timed(hb, found));
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
                                found.or_else(|| {
                                    std::fs::read(crate::load::asset_file(hb, &path)?).ok()
                                })
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
