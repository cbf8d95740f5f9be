//! Command-line arguments (clap) and their validation into settings.

use crate::diagnostics::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Publish and check a go-to-market handbook.
///
/// gtmbook turns a folder of Markdown documents with YAML front-matter (positioning,
/// messaging, personas, playbooks, competitors, claims and a glossary) into one
/// internal handbook site, and checks that every document tells the same story.
#[derive(Parser, Debug)]
#[command(name = "gtmbook", version, about, long_about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the handbook site into the output folder (default: public/).
    ///
    /// Runs every check first; an error-level finding fails the build (exit 1) and
    /// leaves the previous site untouched.
    Build(BuildArgs),
    /// Check every document for consistency and report findings (writes only its cache, .gtmbook/cache/).
    ///
    /// Exit 0: no error-level finding; 1: errors (or warnings with --deny warnings);
    /// 2: the tool could not run.
    Check(CheckArgs),
    /// Build, serve on localhost and rebuild on every change, reloading the browser.
    Serve(ServeArgs),
    /// Create a new handbook with a small example of every document type.
    Init(InitArgs),
    /// Write a book.toml for an existing Hugo, Jekyll, Middleman, Eleventy or mdBook
    /// tree, and say what to look at first.
    ///
    /// Never overwrites a file gtmbook did not write: when the folder already has a
    /// book.toml of its own (mdBook's), it stops (exit 2) and says how to go on;
    /// `--dry-run` still prints the book.toml it would write.
    Import(ImportArgs),
    /// Explain what a rule finds, why it matters, and an example.
    ///
    /// Without a rule id, lists every rule.
    Explain(ExplainArgs),
    /// What a change touches: the pages that render or cite the messages, claims and
    /// personas of the given documents or ids, and the pages linking to them.
    Impact(ImpactArgs),
    /// Run the language server on stdin and stdout, for editors: findings as you type,
    /// hover on references, completion of ids and links, go to definition, find
    /// references, quick fixes.
    Lsp(LspArgs),
    /// The review queue: documents whose review falls due or is overdue, claims that
    /// expire, and messages whose proof expires within the window, by owner.
    ///
    /// Always exits 0 when the book loads; `--format markdown` is a digest to paste
    /// into a weekly email or chat.
    Review(ReviewArgs),
    /// Mark documents reviewed: set `reviewed:` to today (and `owner:` with --by, when
    /// the document has none), changing nothing else in the file.
    ///
    /// Exit 1 when a file was refused (the others are still done); 2 when the book
    /// cannot be loaded.
    Verify(VerifyArgs),
    /// What changed in the story since a git revision: messages, claims, personas,
    /// glossary, positioning and documents, item by item, with the pages each change
    /// reaches.
    ///
    /// REV against the working tree, or REV against REV2. `--format markdown` writes a
    /// pull-request comment. Exit 0, or 2 when git or a revision is missing.
    Diff(DiffArgs),
}

#[derive(Args, Debug, Clone)]
pub struct Common {
    /// The handbook's folder (holding book.toml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The date to check freshness and expiry against (YYYY-MM-DD; default: today).
    #[arg(long, env = "GTMBOOK_TODAY", value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct Report {
    /// Output format of findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Make warnings fail too (`--deny warnings`).
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// Colour: auto (on a terminal), always or never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub report: Report,
    /// Write the site here instead of `[build] output`.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Build draft pages too.
    #[arg(long)]
    pub drafts: bool,
    /// Ignore the cache in `.gtmbook/cache/` and keep none: parse, check and render
    /// everything from scratch.
    #[arg(long)]
    pub no_cache: bool,
    /// Hide the findings recorded in this baseline file (instead of `[lint] baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("fixing").args(["fix", "diff"]).multiple(true)))]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub report: Report,
    /// Ignore the cache in `.gtmbook/cache/` and keep none: parse and check every file
    /// from scratch.
    #[arg(long)]
    pub no_cache: bool,
    /// Report only findings in, or related to, files changed since this git revision
    /// (the whole handbook is still read and checked).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Hide the findings recorded in this baseline file (instead of `[lint] baseline`;
    /// a relative path is from the book's folder).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of today in this baseline file (from the book's folder),
    /// replacing what it held: fixed findings drop out.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "changed_since"])]
    pub write_baseline: Option<PathBuf>,
    /// Show every finding, also those the baseline hides.
    #[arg(long, conflicts_with = "baseline")]
    pub no_baseline: bool,
    /// Apply the safe fixes of the findings (rewriting the files), then report what is
    /// left. Runs again until nothing more can be fixed, at most 10 passes.
    #[arg(long, conflicts_with = "write_baseline")]
    pub fix: bool,
    /// With `--fix` or `--diff`: apply the unsafe fixes too (they may lose words the
    /// writer chose: review the changes).
    #[arg(long, requires = "fixing")]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing (exit 1 when there is
    /// something to fix).
    #[arg(long, conflicts_with = "write_baseline")]
    pub diff: bool,
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: Common,
    /// Address to listen on (default: `[serve] host`, 127.0.0.1).
    #[arg(long)]
    pub host: Option<String>,
    /// Port to listen on (default: `[serve] port`, 3000; 0 picks a free one).
    #[arg(long, short = 'p')]
    pub port: Option<u16>,
    /// Open the handbook in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Milliseconds a connection may take to send a request's headers, also between
    /// requests on a kept-alive connection (tests shorten it).
    #[arg(
        long,
        hide = true,
        env = "GTMBOOK_SERVE_HEADER_TIMEOUT_MS",
        default_value_t = 10_000
    )]
    pub header_timeout_ms: u64,
    /// Connections served at once; more wait to be accepted.
    #[arg(
        long,
        hide = true,
        env = "GTMBOOK_SERVE_MAX_CONNECTIONS",
        default_value_t = 256
    )]
    pub max_connections: usize,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Folder to create the handbook in (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Title of the new handbook.
    #[arg(long, default_value = "Our GTM Handbook")]
    pub title: String,
    /// Adopt an existing site instead of writing a new handbook: the same as
    /// `gtmbook import DIR` (a book.toml and a baseline are written in DIR).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["dir", "title"])]
    pub from: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The existing site's folder (its generator's config and content).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Print the book.toml instead of writing it (nothing is written).
    #[arg(long)]
    pub dry_run: bool,
    /// Do not write gtmbook-baseline.json (by default today's findings are recorded
    /// in it, so that the first build publishes).
    #[arg(long)]
    pub no_baseline: bool,
    /// The date to check freshness and expiry against (YYYY-MM-DD; default: today).
    #[arg(long, env = "GTMBOOK_TODAY", value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Args, Debug)]
pub struct ImpactArgs {
    #[command(flatten)]
    pub common: Common,
    /// Documents (`content/messaging/core.md`) or ids: a message (`core.one-liner`), a
    /// claim, a persona or a document id.
    pub targets: Vec<String>,
    /// Also every item (message, claim, persona, glossary entry, positioning, document)
    /// changed since this git revision, with exactly the pages it reaches.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ImpactFormat::Human)]
    pub format: ImpactFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImpactFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct LspArgs {
    /// The handbook's folder (default: the editor's workspace folder, or the nearest
    /// folder above it holding book.toml).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The date to check freshness and expiry against (YYYY-MM-DD; default: today).
    #[arg(long, env = "GTMBOOK_TODAY", value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    #[command(flatten)]
    pub common: Common,
    /// The revision to compare from (a branch, tag or commit: `origin/main`, `HEAD~3`).
    pub rev: String,
    /// The revision to compare to (default: the working tree, uncommitted files too).
    pub rev2: Option<String>,
    /// Output format: for a terminal, JSON, or Markdown for a pull-request comment.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule id such as `message/drift`.
    pub rule: Option<String>,
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub common: Common,
    /// Only what this owner answers for (as written in `owner:`, any case).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// The window: what falls due within this many days (`7d`, `30d`, `90d`) or weeks
    /// (`2w`); overdue items are always listed.
    #[arg(long, default_value = "7d", value_name = "DAYS", value_parser = parse_window)]
    pub within: i64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReviewFormat::Human)]
    pub format: ReviewFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    Human,
    Json,
    Markdown,
}

/// `7d`, `30d`, `2w` → days (at most ten years).
pub fn parse_window(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let (num, unit) = match t.char_indices().last() {
        Some((i, 'd' | 'D')) => (t.get(..i).unwrap_or(""), 1),
        Some((i, 'w' | 'W')) => (t.get(..i).unwrap_or(""), 7),
        _ => (t, 0),
    };
    let bad =
        || format!("expected a number of days or weeks such as 7d, 30d, 90d or 2w, not {s:?}");
    if unit == 0 || num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: i64 = num.parse().map_err(|_| bad())?;
    let days = n.checked_mul(unit).ok_or_else(bad)?;
    if days > 3650 {
        return Err(format!("{s:?} is more than ten years; use at most 3650d"));
    }
    Ok(days)
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub common: Common,
    /// The documents reviewed (paths from the working directory or the book's folder).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Who reviewed them: set as `owner:` in documents that have none.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}
