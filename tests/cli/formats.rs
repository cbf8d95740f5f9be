//! Snapshots of every output format for one book with one finding of several kinds, so a
//! change to any format shows in review (`cargo insta review` to accept a deliberate one).

use crate::support::Book;

/// The basic book with an error, warnings of two rules and related locations.
fn book() -> Book {
    let book = Book::basic();
    book.append(
        "content/personas/buyer.md",
        "\nRead [the plan](nowhere.md), then decide.\n\n\
         Example Product gives small operations teams a single plan for the week.\n\n\
         Teams that share one plan make 45% fewer calls to ask where a job stands.\n\n\
         We keep the rota in a world-class spreadsheet.\n",
    );
    book
}

fn output(format: &str) -> String {
    let run = book().run(&["check", "--format", format]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    run.stdout
}

#[test]
fn human() {
    let run = book().run(&["check", "--format", "human"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(format!("{}{}", run.stdout, run.stderr));
}

#[test]
fn json() {
    insta::assert_snapshot!(output("json"));
}

#[test]
fn sarif() {
    let text = output("sarif");
    // The tool version changes with every release; everything else is the format.
    let version = env!("CARGO_PKG_VERSION");
    insta::assert_snapshot!(text.replace(version, "[version]"));
}

#[test]
fn github() {
    insta::assert_snapshot!(output("github"));
}
