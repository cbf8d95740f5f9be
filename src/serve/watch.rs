//! The file watcher of `serve`: `book.toml` and the content, `static/` and `themes/`
//! folders, debounced, editor swap files and reads left out; each batch of changed paths
//! goes to the owner thread as one job.

use super::hub::Job;
use crate::error::Error;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

type Debouncer = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Watch `book.toml` and the content, `static/` and `themes/` folders, also when
/// one of those folders is created while serving. The watcher lives on its own thread.
pub(super) fn watch(root: &Path, content: &str, jobs: mpsc::Sender<Job>) -> Result<(), Error> {
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
    .map_err(|e| Error::Watch {
        what: "watch files".into(),
        why: e.to_string(),
    })?;
    let mut start = |p: &Path, mode: RecursiveMode| {
        debouncer.watch(p, mode).map_err(|e| Error::Watch {
            what: format!("watch {}", p.display()),
            why: e.to_string(),
        })
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
        .map_err(|e| Error::Watch {
            what: "start the watcher".into(),
            why: e.to_string(),
        })?;
    Ok(())
}
