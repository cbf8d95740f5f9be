//! `gtmbook diff REV [REV2]`: what changed in the story between two versions of the
//! handbook, item by item, and the pages each change reaches. `revision.rs` loads the
//! handbook at a git revision; `items.rs`, `reach.rs` and `semantic.rs` compare two
//! models (pure); `change.rs` is the data; `report.rs` and `markdown.rs` print it;
//! `history.rs` reads the messaging changelog of the site from the git history. This file
//! runs the command.

mod change;
mod history;
mod items;
mod markdown;
mod reach;
mod report;
mod revision;
mod semantic;

pub use change::{Change, Field, KINDS, PageRef};
pub use history::changelog;
pub use markdown::escape as markdown_escape;
pub use report::Report;
pub use revision::load_at;
pub use semantic::{approved_words, compare};

use crate::cli::{DiffArgs, DiffFormat};
use crate::error::Error;
use crate::model::Handbook;
use crate::{Outcome, baseline, git, load};

/// The changes from revision `rev` to the handbook `hb` of the working tree.
pub fn since(hb: &Handbook, rev: &str) -> Result<Vec<Change>, Error> {
    let hash = git::commit_of(&hb.root, rev)?;
    let old = load_at(&hb.root, &hash, hb.today, None)?;
    Ok(compare(old.as_ref(), hb))
}

/// `gtmbook diff`
pub fn run(args: &DiffArgs) -> Result<Outcome, Error> {
    git::check_rev(&args.rev)?;
    if let Some(r) = &args.rev2 {
        git::check_rev(r)?;
    }
    let today = crate::today(args.common.today.as_deref())?;
    let root = &args.common.root;
    let from = git::commit_of(root, &args.rev)?;
    // The new side, with its findings.
    let (new, diags) = match &args.rev2 {
        None => {
            let (hb, diags) = crate::check_book(&args.common, load::Purpose::Check)?;
            let diags = match baseline::Baseline::of_book(&hb, None)? {
                Some(b) => b.hide(&hb.sources, diags).0,
                None => diags,
            };
            (hb, diags)
        }
        Some(r) => {
            let to = git::commit_of(root, r)?;
            let hb = load_at(root, &to, today, None)?.ok_or_else(|| Error::NoBookAt(r.clone()))?;
            let diags = crate::lint_timed(&hb, Vec::new());
            (hb, diags)
        }
    };
    let old = load_at(root, &from, today, None)?;
    let changes = compare(old.as_ref(), &new);
    let changed = git::changed_between(root, &args.rev, args.rev2.as_deref())?;
    let touches = |file: crate::source::FileId| changed.contains(new.sources.path(file));
    let diags: Vec<_> = diags
        .into_iter()
        .filter(|d| touches(d.span.file) || d.related.iter().any(|r| touches(r.span.file)))
        .collect();
    let findings = crate::diagnostics::to_json_diagnostics(&diags, &new.sources);
    let to = args
        .rev2
        .clone()
        .unwrap_or_else(|| "working tree".to_string());
    let report = Report::new(&args.rev, &to, changes, findings);
    let text = match args.format {
        DiffFormat::Human => report.human(),
        DiffFormat::Json => report.json(),
        DiffFormat::Markdown => markdown::markdown(&report),
    };
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    Ok(Outcome::Ok)
}
