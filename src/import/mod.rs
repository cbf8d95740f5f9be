//! `gtmbook import DIR`: look at an existing site (Hugo, Jekyll, Middleman, Eleventy,
//! mdBook, or plain Markdown folders), write a `book.toml` for it, record today's
//! findings in a baseline so that the first build publishes, and say what was found and
//! what to look at first.
//!
//! It never overwrites a file it did not write: a `book.toml` without the first line
//! gtmbook writes (an mdBook's, or one a person wrote) stops it with exit 2.
//!
//! The command reads as its steps: `detect` (which generator, which content folder),
//! `scan` (front-matter keys, language folders), `write` (the `book.toml` text, never
//! over a file it did not write), and `report` (what is said to the person).

mod detect;
mod plan;
mod report;
mod scan;
mod write;

use plan::EXTRA_KEY_MIN_FILES;
pub use plan::{BASELINE, Generator, MARK, Plan};
pub use write::render;

use crate::Outcome;
use crate::cli::{Common, ImportArgs};
use crate::config::Exclude;
use crate::error::Error;
use std::fmt::Write as _;
use std::path::Path;

/// Look at `dir` and make the whole plan: generator, folders, pages and keys.
pub fn plan(dir: &Path) -> Result<Plan, Error> {
    let mut plan = detect::detect(dir);
    if plan.title.is_empty() {
        plan.title = std::fs::canonicalize(dir)
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Handbook".into());
    }
    plan.content = plan
        .content
        .trim_start_matches("./")
        .trim_end_matches('/')
        .to_string();
    if plan.content.is_empty() {
        plan.content = ".".into();
    }
    let content = dir.join(&plan.content);
    if !content.is_dir() {
        return Err(Error::ImportNoContent {
            dir: dir.to_path_buf(),
            content: plan.content.clone(),
        });
    }
    let exclude = Exclude::new(&plan.exclude).map_err(Error::BadPattern)?;
    let pages = scan::scan(&content, &exclude);
    plan.pages = pages.len();
    for p in &pages {
        if !p.keys.is_empty() {
            plan.with_front_matter += 1;
        }
        for k in &p.keys {
            *plan.keys.entry(k.clone()).or_insert(0) += 1;
        }
    }
    plan.extra_keys = plan
        .keys
        .iter()
        .filter(|(k, n)| {
            **n >= EXTRA_KEY_MIN_FILES && !crate::load::schema::COMMON_KEYS.contains(&k.as_str())
        })
        .map(|(k, _)| k.clone())
        .collect();
    if plan.languages.is_empty() {
        let default = plan.language.clone().unwrap_or_else(|| "en".into());
        plan.languages = scan::detect_languages(&pages, &default);
        if !plan.languages.is_empty() {
            plan.why.push(format!(
                "language folders under `{}/`: {}",
                plan.content,
                plan.languages.get(1..).unwrap_or_default().join(", ")
            ));
            plan.language.get_or_insert(default);
        }
    }
    if !plan.keys.contains_key("lastmod") && plan.generator != Some(Generator::Hugo) {
        plan.reviewed_from.clear();
    }
    // Markdown outside the content folder is not imported: say so.
    if plan.content != "." {
        plan.outside = scan::outside(dir, &content);
    }
    Ok(plan)
}

/// `gtmbook import DIR`
pub fn run(args: &ImportArgs) -> Result<Outcome, Error> {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Error::ImportNotAFolder(dir.to_path_buf()));
    }
    let book_toml = dir.join("book.toml");
    let baseline_path = dir.join(BASELINE);
    let mut plan = plan(dir)?;
    plan.baseline = !args.no_baseline;
    let text = render(&plan);
    let mut out = report::found(&plan, dir);

    if args.dry_run {
        let _ = writeln!(
            out,
            "\n--dry-run: nothing was written. The book.toml would be:\n\n{text}"
        );
        print!("{out}");
        return Ok(Outcome::Ok);
    }
    if let Some(e) = write::in_the_way(&plan, dir, &book_toml, &baseline_path) {
        print!("{out}");
        return Err(e);
    }
    std::fs::write(&book_toml, &text).map_err(|e| Error::io(book_toml.clone(), e))?;
    let _ = writeln!(out, "\nwrote {}", book_toml.display());

    let common = Common {
        root: dir.to_path_buf(),
        today: args.today.clone(),
    };
    let (hb, diags) = crate::check_book(&common, crate::load::Purpose::Check)?;
    let by_rule = crate::baseline::by_rule(&diags);
    let errors = diags
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .count();
    if plan.baseline {
        crate::baseline::write(dir, Path::new(BASELINE), &hb.sources, &diags)?;
        let _ = writeln!(
            out,
            "wrote {}: {} accepted, hidden until their text changes",
            baseline_path.display(),
            report::plural(diags.len(), "finding")
        );
    }
    report::findings(&mut out, &by_rule, errors, diags.len());
    report::look_at_first(&mut out, &plan, &by_rule, dir);
    print!("{out}");
    Ok(Outcome::Ok)
}
