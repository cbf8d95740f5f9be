//! What stops the tool (exit 2): no book.toml, an unreadable config, an unwritable
//! output folder. A problem in the content is a `Diagnostic`, never an `Error`.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no book.toml in {}: point --root at a handbook, or create one with `gtmbook init`", .0.display())]
    NoBook(PathBuf),
    #[error("{at}: {message}")]
    Config { at: String, message: String },
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("theme: {0}")]
    Theme(String),
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
