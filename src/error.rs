//! What stops the tool (exit 2), one variant per cause, each naming the path or value
//! it is about. A problem in the content is a `Diagnostic`, never an `Error`.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no book.toml in {}: point --root at a handbook, or create one with `gtmbook init`", .0.display())]
    NoBook(PathBuf),
    /// book.toml (or another setting) cannot be used; `at` names the key or file.
    #[error("{at}: {message}")]
    Config { at: String, message: String },
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("theme: {0}")]
    Theme(String),
    #[error("--today must be a date YYYY-MM-DD, not `{0}`")]
    BadToday(String),
    #[error("`{0}` is not a git revision: a revision is not empty and does not start with `-`")]
    BadRevision(String),
    #[error("this command reads the git history, and git did not run: {0}")]
    NoGit(std::io::Error),
    #[error("`git {command}` failed: {why}")]
    Git { command: String, why: String },
    /// A revision that names no commit of the repository.
    #[error(
        "`{0}` is not a commit of this repository (try a branch, a tag or a hash: `git log --oneline` lists them)"
    )]
    UnknownRevision(String),
    /// A revision whose tree has no book.toml where the book is.
    #[error("there is no handbook (no book.toml) at {0} in this folder of the repository")]
    NoBookAt(String),
    /// A temporary folder for a revision's files could not be made.
    #[error("cannot make a temporary folder for the files of {rev}: {source}")]
    TempDir { rev: String, source: std::io::Error },
    /// `gtmbook explain` with an id that is not a rule.
    #[error("unknown rule `{id}`{} (`gtmbook explain` lists every rule)", did_you_mean(.suggestion))]
    UnknownRule {
        id: String,
        suggestion: Option<&'static str>,
    },
    /// `gtmbook impact` with a name that is nothing in the handbook.
    #[error("`{target}` is not a document, message, claim, persona or document id{}", did_you_mean(.suggestion))]
    UnknownTarget {
        target: String,
        suggestion: Option<String>,
    },
    #[error("name a document or an id, or pass --changed-since REV")]
    NothingToImpact,
    #[error("{} already holds a book.toml; init writes only into a new handbook", .0.display())]
    InitOverBook(PathBuf),
    #[error("{} already exists; init does not overwrite files", .0.display())]
    InitOverFile(PathBuf),
    #[error("{} is not a folder: point `gtmbook import` at the site's folder", .0.display())]
    ImportNotAFolder(PathBuf),
    #[error("{}: the content folder `{content}` does not exist; nothing to import", .dir.display())]
    ImportNoContent { dir: PathBuf, content: String },
    /// A book.toml gtmbook did not write; `mdbook` when it is mdBook's.
    #[error(
        "{} exists and gtmbook did not write it{}: it was left as it is. Move it aside (for example `git mv book.toml {}`) and run `gtmbook import` again, or see the book.toml gtmbook would write with `--dry-run`",
        .path.display(),
        if *.mdbook { " (it is mdBook's)" } else { "" },
        if *.mdbook { "mdbook.toml" } else { "book.toml.old" }
    )]
    ImportOverBook { path: PathBuf, mdbook: bool },
    #[error("{} exists and is not a gtmbook baseline: it was left as it is; move it aside, or import with --no-baseline", .0.display())]
    ImportOverBaseline(PathBuf),
    /// A `[build] exclude` pattern that is not a glob.
    #[error("{0}")]
    BadPattern(String),
    #[error("{}: too many levels of symbolic links", .0.display())]
    SymlinkLoop(PathBuf),
    /// An output folder that building there could destroy; `shown` is the path as given
    /// and as resolved.
    #[error(
        "refusing to write the site to {shown}: {why}; choose another output (--output, or [build] output in book.toml)"
    )]
    RefusedOutput { shown: String, why: String },
    #[error("{} is in the way and was not made by gtmbook (it has no {marker} file): move or delete it", .path.display())]
    InTheWay { path: PathBuf, marker: &'static str },
    #[error("refusing to replace {}: it was not built by gtmbook (it has no {marker} file)", .path.display())]
    NotOurSite { path: PathBuf, marker: &'static str },
    #[error("cannot clean {}: {why}", .path.display())]
    Clean { path: PathBuf, why: String },
    /// `serve` could not start a part of itself (`what`: "listen on 127.0.0.1:3000").
    #[error("cannot {what}: {source}")]
    Serve {
        what: String,
        source: std::io::Error,
    },
    /// The file watcher of `serve` (`what`: "watch files", "watch PATH").
    #[error("cannot {what}: {why}")]
    Watch { what: String, why: String },
}

fn did_you_mean<S: std::fmt::Display>(suggestion: &Option<S>) -> String {
    match suggestion {
        Some(s) => format!(": did you mean `{s}`?"),
        None => String::new(),
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_value_and_what_to_do() {
        let e = Error::UnknownRule {
            id: "link/brokn".into(),
            suggestion: Some("link/broken"),
        };
        assert_eq!(
            e.to_string(),
            "unknown rule `link/brokn`: did you mean `link/broken`? (`gtmbook explain` lists every rule)"
        );
        let e = Error::UnknownRule {
            id: "x".into(),
            suggestion: None,
        };
        assert_eq!(
            e.to_string(),
            "unknown rule `x` (`gtmbook explain` lists every rule)"
        );
        let e = Error::ImportOverBook {
            path: "site/book.toml".into(),
            mdbook: true,
        };
        assert!(e.to_string().starts_with(
            "site/book.toml exists and gtmbook did not write it (it is mdBook's): it was left as it is. Move it aside (for example `git mv book.toml mdbook.toml`)"
        ));
        let e = Error::RefusedOutput {
            shown: "/".into(),
            why: "it is the root of the file system".into(),
        };
        assert_eq!(
            e.to_string(),
            "refusing to write the site to /: it is the root of the file system; choose another output (--output, or [build] output in book.toml)"
        );
    }
}
