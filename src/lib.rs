//! gtmbook: build, check and serve a go-to-market handbook.
//!
//! Data flow: `load` reads every file once into a `Handbook`; `lint::run` and
//! `render::site` only read it; `site::write` is the only writer.

pub mod baseline;
pub mod cache;
pub mod cli;
pub mod cmark;
pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod error;
pub mod fix;
pub mod git;
pub mod impact;
pub mod import;
pub mod init;
pub mod lint;
pub mod load;
pub mod lsp;
pub mod model;
pub mod render;
pub mod review;
pub mod rules;
pub mod serve;
pub mod site;
pub mod source;
pub mod stamps;
pub mod suggest;
pub mod url;
pub mod verify;
pub mod verify_edit;

use cli::{BuildArgs, CheckArgs, Common, ExplainArgs, Report};
use diagnostics::{Diagnostic, Format, Severity, Summary};
use error::Error;
use model::Handbook;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// How a command ended: 0 success, 1 findings that fail, 2 the tool could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Failed,
}

/// Today's date: `--today`, `GTMBOOK_TODAY`, or the system clock.
pub fn today(arg: Option<&str>) -> Result<jiff::civil::Date, Error> {
    match arg {
        Some(s) => load::schema::parse_date(s.trim()).ok_or_else(|| Error::BadToday(s.to_string())),
        None => Ok(jiff::ZonedDateTime::now().date()),
    }
}

/// Load and check a handbook: the model and its final diagnostics.
pub fn check_book(
    common: &Common,
    purpose: load::Purpose,
) -> Result<(Handbook, Vec<Diagnostic>), Error> {
    let today = today(common.today.as_deref())?;
    let (hb, diags) = load::handbook(&common.root, today, purpose)?;
    let diags = lint_timed(&hb, diags);
    Ok((hb, diags))
}

/// [`check_book`] with the on-disk cache (`store`, from [`cache::Store::open`]):
/// documents whose text did not change are not parsed again, their lint passes not run
/// again; what changed is kept for the next run. Without a store, [`check_book`].
pub fn check_book_cached(
    common: &Common,
    purpose: load::Purpose,
    store: Option<&cache::Store>,
) -> Result<(Handbook, Vec<Diagnostic>), Error> {
    let Some(store) = store else {
        return check_book(common, purpose);
    };
    let today = today(common.today.as_deref())?;
    let (hb, diags, docs, mut lint) = load_cached(&common.root, today, purpose, store)?;
    let diags = lint_cached(&mut lint, &hb, diags);
    store.save_docs(docs, &lint);
    Ok((hb, diags))
}

/// Load with the documents `store` kept: the model, what loading found, and the kept
/// documents and lint cache (to lint with, then save).
fn load_cached(
    root: &std::path::Path,
    today: jiff::civil::Date,
    purpose: load::Purpose,
    store: &cache::Store,
) -> Result<(Handbook, Vec<Diagnostic>, cache::Docs, lint::Cache), Error> {
    let command = match purpose {
        load::Purpose::Check => "check",
        load::Purpose::Build => "build",
    };
    let mut docs = store.docs(command);
    let lint = docs.lint();
    let (hb, diags) = load::handbook_with(root, today, purpose, Some(&docs))?;
    Ok((hb, diags, docs, lint))
}

/// The cache of the book at `root`, unless `--no-cache`.
fn store(no_cache: bool, root: &std::path::Path) -> Option<cache::Store> {
    if no_cache {
        None
    } else {
        cache::Store::open(root)
    }
}

/// `lint::run`, each phase's time on stderr when `GTMBOOK_TIMINGS` is set (lint itself
/// reads neither the environment nor the clock).
pub fn lint_timed(hb: &Handbook, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    lint::run(hb, diags, &mut phase_timer())
}

/// `lint::run_with` (per-document results reused from `cache`), timed as [`lint_timed`];
/// with timings on, how many documents each cached pass reused.
pub fn lint_cached(
    cache: &mut lint::Cache,
    hb: &Handbook,
    diags: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let out = lint::run_with(cache, hb, diags, &mut phase_timer());
    if std::env::var_os("GTMBOOK_TIMINGS").is_some() {
        let s = cache.stats();
        eprintln!(
            "  cache: sentences {} reused, {} compared; glossary {} reused, {} scanned",
            s.sentences_reused, s.sentences_computed, s.terms_reused, s.terms_computed
        );
    }
    out
}

/// Prints the time of each lint phase on stderr when `GTMBOOK_TIMINGS` is set.
fn phase_timer() -> impl FnMut(&str) {
    let timings = std::env::var_os("GTMBOOK_TIMINGS").is_some();
    let mut t = std::time::Instant::now();
    move |name: &str| {
        if timings {
            eprintln!("  {name}: {:.1?}", t.elapsed());
        }
        t = std::time::Instant::now();
    }
}

fn fails(diags: &[Diagnostic], report: &Report) -> bool {
    let deny_warnings = report.deny.as_deref() == Some("warnings");
    diags.iter().any(|d| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    })
}

fn color(report: &Report, terminal: bool) -> bool {
    match report.color.as_str() {
        "always" => true,
        "never" => false,
        _ => terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// The book's folder as seen from the working directory, with a trailing `/` (empty
/// when it is the working directory): SARIF and GitHub annotations name files from the
/// repository's root, where CI runs the tool.
fn path_prefix(root: &std::path::Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = if root.is_absolute() {
        cwd.as_deref()
            .and_then(|c| root.strip_prefix(c).ok())
            .map(std::path::Path::to_path_buf)
    } else {
        Some(root.to_path_buf())
    };
    let parts: Vec<String> = rel
        .iter()
        .flat_map(|p| p.components())
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

/// The trust score `check` reports, and the line saying by how much it is below
/// `[lint] min_trust` when it is.
struct TrustReport {
    trust: model::trust::Trust,
    below: Option<String>,
}

fn print_report(
    hb: &Handbook,
    diags: &[Diagnostic],
    baselined: Option<usize>,
    report: &Report,
    out: &mut dyn Write,
    terminal: bool,
    trust: Option<&TrustReport>,
) {
    let mut summary = Summary::of(hb.docs.len(), diags);
    summary.baselined = baselined;
    let text = match report.format {
        Format::Human => {
            let mut text =
                diagnostics::render_human(diags, &hb.sources, &summary, color(report, terminal));
            if let Some(t) = trust {
                // The score goes on the summary line (the fixable line may follow it).
                let line = format!("{summary}\n");
                let at = text.rfind(&line).map_or(text.len(), |i| i + line.len() - 1);
                text.insert_str(at, &format!("; {}", t.trust.line()));
                if at == text.len() {
                    text.push('\n');
                }
                if let Some(below) = &t.below {
                    text.push_str(&format!("error: {below}\n"));
                }
            }
            text
        }
        Format::Json => diagnostics::render_json_with(
            diags,
            &hb.sources,
            &summary,
            trust.map(|t| t.trust.json(hb.config.lint.min_trust, false)),
        ),
        Format::Sarif => diagnostics::render_sarif(
            &diagnostics::to_json_diagnostics(diags, &hb.sources),
            &path_prefix(&hb.root),
        ),
        Format::Github => diagnostics::render_github(
            &diagnostics::to_json_diagnostics(diags, &hb.sources),
            &path_prefix(&hb.root),
            &summary,
        ),
    };
    // A closed pipe (`gtmbook check | head`) is not an error.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    if let Some(below) = trust.and_then(|t| t.below.as_ref())
        && matches!(report.format, Format::Sarif | Format::Github)
    {
        eprintln!("error: {below}");
    }
}

/// `gtmbook check`
pub fn check(args: &CheckArgs) -> Result<Outcome, Error> {
    let store = store(args.no_cache, &args.common.root);
    let (hb, diags) = check_book_cached(&args.common, load::Purpose::Check, store.as_ref())?;
    if let Some(path) = &args.write_baseline {
        let written = baseline::write(&hb.root, path, &hb.sources, &diags)?;
        let mut text = format!(
            "recorded {} finding{} in {}",
            diags.len(),
            if diags.len() == 1 { "" } else { "s" },
            written.display()
        );
        for (rule, n) in baseline::by_rule(&diags) {
            text.push_str(&format!("\n  {n:>6}  {rule}"));
        }
        eprintln!("{text}");
        if hb.config.lint.baseline.as_deref() != Some(path.to_string_lossy().as_ref()) {
            eprintln!(
                "hide them in every check and build with `baseline = \"{}\"` under [lint] in book.toml",
                path.display()
            );
        }
        return Ok(Outcome::Ok);
    }
    let changed = match &args.changed_since {
        Some(rev) => Some(git::changed_since(&hb.root, rev)?),
        None => None,
    };
    // The findings as reported: the baseline's hidden (`--changed-since` narrows them
    // after the trust score, which is over the whole handbook).
    let visible = |hb: &Handbook, diags: Vec<Diagnostic>| -> Result<_, Error> {
        let found = if args.no_baseline {
            None
        } else {
            baseline::Baseline::of_book(hb, args.baseline.as_deref())?
        };
        Ok(match found {
            Some(b) => {
                let (kept, hidden) = b.hide(&hb.sources, diags);
                (kept, Some(hidden))
            }
            None => (diags, None),
        })
    };
    let (hb, diags, baselined) = if args.fix || args.diff {
        let opts = fix::Options {
            unsafe_fixes: args.unsafe_fixes,
            diff: args.diff,
        };
        let mut first = Some((hb, diags));
        let mut again = || -> Result<_, Error> {
            let (hb, diags) = match first.take() {
                Some(loaded) => loaded,
                None => check_book_cached(&args.common, load::Purpose::Check, store.as_ref())?,
            };
            let (diags, baselined) = visible(&hb, diags)?;
            Ok((hb, diags, baselined))
        };
        let ((hb, diags, baselined), done) = fix::run(opts, changed.as_ref(), &mut again)?;
        eprint!("{}", done.summary(args.diff));
        if args.diff {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let _ = out.write_all(done.diff.as_bytes());
            let _ = out.flush();
            return Ok(if done.count() > 0 {
                Outcome::Failed
            } else {
                Outcome::Ok
            });
        }
        (hb, diags, baselined)
    } else {
        let (diags, baselined) = visible(&hb, diags)?;
        (hb, diags, baselined)
    };
    // Over the whole handbook, before `--changed-since` narrows what is printed.
    let trust = model::trust::of(&hb, &diags);
    let below = hb.config.lint.min_trust.and_then(|m| trust.below(m));
    let trust = TrustReport { trust, below };
    let mut diags = diags;
    if let Some(changed) = &changed {
        let touches = |file: source::FileId| changed.contains(hb.sources.path(file));
        diags.retain(|d| touches(d.span.file) || d.related.iter().any(|r| touches(r.span.file)));
    }
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    print_report(
        &hb,
        &diags,
        baselined,
        &args.report,
        &mut stdout.lock(),
        terminal,
        Some(&trust),
    );
    let outcome = if fails(&diags, &args.report) || trust.below.is_some() {
        Outcome::Failed
    } else {
        Outcome::Ok
    };
    // As after a build: the memory goes back with the process, not one document at a
    // time (5% of a cached `check` at 10,000 pages).
    std::mem::forget(hb);
    std::mem::forget(diags);
    Ok(outcome)
}

/// The output folder of a build, as given (`--output` from the working directory,
/// `[build] output` from the book root); `site::resolve_output` checks it.
pub fn output_dir(hb: &Handbook, arg: Option<&PathBuf>) -> PathBuf {
    match arg {
        Some(p) => p.clone(),
        None => hb.root.join(&hb.config.build.output),
    }
}

/// Files copied as they are: the book's `static/` and non-Markdown files in `content/`.
pub fn copies(hb: &Handbook) -> Vec<site::Copy> {
    hb.assets
        .iter()
        .filter_map(|rel| load::asset_file(hb, rel).map(|path| (path, rel.clone())))
        .collect()
}

/// `gtmbook build`
pub fn build(args: &BuildArgs) -> Result<Outcome, Error> {
    let started = std::time::Instant::now();
    let timings = std::env::var_os("GTMBOOK_TIMINGS").is_some();
    let phase = |name: &str, since: std::time::Instant| {
        if timings {
            eprintln!("{name}: {:.1?}", since.elapsed());
        }
        std::time::Instant::now()
    };
    let today = today(args.common.today.as_deref())?;
    let root = &args.common.root;
    let store = store(args.no_cache, root);
    let (mut hb, diags, kept) = match &store {
        Some(s) => {
            let (hb, diags, docs, lint) = load_cached(root, today, load::Purpose::Build, s)?;
            (hb, diags, Some((docs, lint)))
        }
        None => {
            let (hb, diags) = load::handbook(root, today, load::Purpose::Build)?;
            (hb, diags, None)
        }
    };
    let t = phase("load", started);
    // Before checking: what is published decides which links are broken.
    if args.drafts {
        hb.config.build.drafts = true;
    }
    let (diags, keep) = match kept {
        Some((docs, mut lint)) => {
            let diags = lint_cached(&mut lint, &hb, diags);
            (diags, Some((docs, lint)))
        }
        None => (lint_timed(&hb, diags), None),
    };
    let (diags, baselined) = match baseline::Baseline::of_book(&hb, args.baseline.as_deref())? {
        Some(b) => {
            let (kept, hidden) = b.hide(&hb.sources, diags);
            (kept, Some(hidden))
        }
        None => (diags, None),
    };
    let t = phase("check", t);
    let stderr = std::io::stderr();
    let terminal = stderr.is_terminal();
    if !diags.is_empty() || baselined.is_some_and(|n| n > 0) || args.report.format != Format::Human
    {
        print_report(
            &hb,
            &diags,
            baselined,
            &args.report,
            &mut stderr.lock(),
            terminal,
            None,
        );
    }
    let t = phase("report", t);
    let output = output_dir(&hb, args.output.as_ref());
    // Refused before anything is written: a place where the site would replace the
    // book's sources or a folder gtmbook did not make.
    let target = site::resolve_output(&output, &hb.root, &hb.root.join(&hb.config.build.content))?;
    // Kept once the output is known to be allowed: a refused build writes nothing.
    if let (Some((docs, lint)), Some(s)) = (keep, &store) {
        s.save_docs(docs, &lint);
    }
    let t = phase("keep parses", t);
    if fails(&diags, &args.report) {
        eprintln!(
            "build failed: fix the errors above; {} was left as it was",
            output.display()
        );
        return Ok(Outcome::Failed);
    }
    // The messaging changelog, from the git history (none outside a repository).
    let history = diff::changelog(&hb, hb.config.build.changelog);
    let t = phase("changelog", t);
    // Findings are printed: the source texts are not needed any more.
    hb.sources.forget_texts();
    let files = load::theme::files(&hb.root, &hb.config.build.theme)?;
    let theme = render::theme::Theme::new(files)?;
    let record = store.as_ref().and_then(|s| s.site(&target));
    let staging = site::Staging::with_record(&target, record)?;
    let memo = render::search::Memo::new(store.as_ref().map(|s| s.search()).unwrap_or_default());
    let pages = render::site_with(&hb, &theme, &diags, &staging, history.as_ref(), &memo)?;
    let t = phase("render and write", t);
    if timings {
        let [reused, same, written] = staging.counts();
        eprintln!("  pages reused: {reused}; files unchanged: {same}, written: {written}");
    }
    // The search terms are written while the site is swapped in (21 MB at 10,000
    // pages, 40-90 ms, next to the sweep of stale files): they are keyed by the words
    // they were counted from, so they hold whether or not the swap succeeds.
    let kept = memo.take();
    let record = std::thread::scope(|scope| {
        if let (Some(s), Some(kept)) = (&store, &kept) {
            scope.spawn(move || s.save_search(kept));
        }
        staging.finish(&copies(&hb))
    })?;
    let t = phase("swap and search terms", t);
    if let Some(s) = &store {
        s.save_site(&record);
        phase("cache", t);
    }
    if args.report.format == Format::Human {
        eprintln!(
            "built {} pages from {} documents into {} in {:.2?}",
            pages,
            hb.docs.len(),
            output.display(),
            started.elapsed()
        );
    }
    // The process ends after a build: freeing 10,000 documents one by one took 30-40 ms
    // of it on one core (as rustc and Cargo do, the memory goes back with the process).
    std::mem::forget(hb);
    Ok(Outcome::Ok)
}

/// `gtmbook explain [RULE]`
pub fn explain(args: &ExplainArgs) -> Result<Outcome, Error> {
    match &args.rule {
        None => {
            let mut out = String::from("Rules (gtmbook explain RULE for details):\n\n");
            for r in rules::ALL {
                out.push_str(&format!(
                    "  {:<26} {:<8} {}\n",
                    r.id,
                    r.default.as_str(),
                    r.summary
                ));
            }
            print!("{out}");
            Ok(Outcome::Ok)
        }
        Some(id) => match rules::find(id) {
            Some(r) => {
                println!(
                    "{} (default: {})\n\n{}",
                    r.id,
                    r.default.as_str(),
                    r.explain
                );
                Ok(Outcome::Ok)
            }
            None => Err(Error::UnknownRule {
                id: id.to_string(),
                suggestion: suggest::did_you_mean(id, rules::ALL.iter().map(|r| r.id)),
            }),
        },
    }
}
