//! The `gtmbook` binary: parse arguments, run the command, exit 0, 1 or 2.

use clap::Parser;
use gtmbook::cli::{Cli, Command};
use gtmbook::{Outcome, error::Error};
use std::process::ExitCode;

/// glibc grows the heap of each worker thread's arena by just what one allocation needs,
/// one `mprotect` call at a time: about 25,000 calls while a 10,000-page book loads, 13%
/// of a cached `check`'s samples. Asking it to grow by 64 MB at a time (address space,
/// not memory: pages are only used when touched) removes them.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: called first in `main`, before any other thread exists; `mallopt` only
    // sets a parameter of the allocator and reports failure by returning 0, which
    // leaves glibc's default in place.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

fn main() -> ExitCode {
    tune_allocator();
    // A detached helper run that deletes a replaced site (see `site::discard`); only a
    // folder carrying gtmbook's marker file is deleted.
    let mut args = std::env::args_os().skip(1);
    if args.next().is_some_and(|a| a == gtmbook::site::REMOVE_ARG) {
        if let Some(dir) = args.next() {
            gtmbook::site::remove_site(std::path::Path::new(&dir));
        }
        return ExitCode::SUCCESS;
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result: Result<Outcome, Error> = match &cli.command {
        Command::Build(a) => gtmbook::build(a),
        Command::Check(a) => gtmbook::check(a),
        Command::Serve(a) => gtmbook::serve::run(a),
        Command::Init(a) => match &a.from {
            Some(dir) => gtmbook::import::run(&gtmbook::cli::ImportArgs {
                dir: dir.clone(),
                dry_run: false,
                no_baseline: false,
                today: std::env::var("GTMBOOK_TODAY").ok(),
            }),
            None => gtmbook::init::run(a),
        },
        Command::Import(a) => gtmbook::import::run(a),
        Command::Explain(a) => gtmbook::explain(a),
        Command::Impact(a) => gtmbook::impact::run(a),
        Command::Lsp(a) => gtmbook::lsp::run(a),
        Command::Review(a) => gtmbook::review::run(a),
        Command::Verify(a) => gtmbook::verify::run(a),
        Command::Diff(a) => gtmbook::diff::run(a),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
