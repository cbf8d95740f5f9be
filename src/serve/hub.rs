//! What the HTTP handlers, the watcher and the owner thread share: the event channel
//! to open pages, the last check's status, the job queue, and what responses must hide.

use std::path::PathBuf;
use std::sync::{Mutex, mpsc};
use tokio::sync::{broadcast, oneshot};

/// What the HTTP handlers and the owner thread share.
pub(super) struct Hub {
    /// Events for open pages: `reload` or `status`.
    pub(super) tx: broadcast::Sender<&'static str>,
    /// `{errors, report}` of the last check, for the overlay.
    pub(super) status: Mutex<serde_json::Value>,
    pub(super) jobs: mpsc::Sender<Job>,
    /// The path the site is served under: `/` or `/handbook/`.
    pub(super) base: String,
    /// The book root as the machine spells it, removed from every response.
    pub(super) roots: Vec<String>,
}

/// What the thread that owns the model is asked to do.
pub(super) enum Job {
    /// The file at a path below the site root, or `None`; `Err` for a template error.
    Get {
        path: String,
        reply: oneshot::Sender<Result<Option<Vec<u8>>, String>>,
    },
    /// Files saved, created or deleted.
    Changed(Vec<PathBuf>),
}
