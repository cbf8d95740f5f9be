//! The messaging changelog as data: per commit that changed approved words, each item's
//! old and new words. The commands layer reads it from git (`diff::changelog`) and hands
//! it to render (`site_with`), where the changelog and cadence pages show it.

use serde::Serialize;

/// One changed item in a commit: the field shown (`text`, `definition`, `avoid`,
/// `reason`, …) with its old and new value, and the other fields that changed.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub kind: String,
    pub id: String,
    pub change: String,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub others: Vec<String>,
}

/// One commit that changed approved words.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub hash: String,
    pub short: String,
    /// Committer date, `YYYY-MM-DD`.
    pub date: String,
    pub subject: String,
    pub lines: Vec<Line>,
}

/// The changelog, newest commit first.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Changelog {
    pub commits: Vec<Entry>,
    /// How many commits of the content folder were looked at.
    pub looked_back: usize,
}
