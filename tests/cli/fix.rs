//! `check --fix`, `--unsafe-fixes` and `--diff`: the fixes the rules attach, applied to
//! books in temporary folders, and the `fix` objects of the JSON and SARIF output.

use crate::support::{Book, git};
use serde_json::Value;

const BUYER: &str = "content/personas/buyer.md";
const COPY: &str = "Example Product gives small operations teams one plan for the week.";
const DRIFT: &str = "Example Product gives small operations teams a single plan for the week.";
const MISMATCH: &str = "Teams that share one plan make 45% fewer calls to ask where a job stands.";

/// The basic book with a copy, avoided words (capitalised, plural), a case error, a
/// drift and a claim stated with other numbers, all in the buyer page.
fn book() -> Book {
    let book = Book::basic();
    book.append(
        BUYER,
        &format!(
            "\n{COPY}\n\nRotas are kept by example product, and the rota goes stale.\n\n\
             {DRIFT}\n\n{MISMATCH}\n"
        ),
    );
    book
}

fn json(book: &Book, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = book.run(&all);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

fn rules(v: &Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Apply the JSON fixes of one applicability to `text` as another tool would.
fn apply(text: &str, v: &Value, applicability: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == BUYER && d["fix"]["applicability"] == applicability)
        .flat_map(|d| d["fix"]["edits"].as_array().unwrap().clone())
        .map(|e| {
            (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
                e["replacement"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort();
    let mut out = String::new();
    let mut at = 0;
    for (s, e, r) in edits {
        assert!(s >= at, "overlapping edits in {v}");
        out.push_str(&text[at..s]);
        out.push_str(&r);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

#[test]
fn safe_fixes_mend_copies_avoided_words_and_case_and_nothing_else() {
    let book = book();
    let before = book.read(BUYER);
    let found = json(&book, &[]);
    // Every safe fix's edits lie inside its finding's place.
    for d in found["diagnostics"].as_array().unwrap() {
        if d["fix"].is_null() {
            continue;
        }
        for e in d["fix"]["edits"].as_array().unwrap() {
            assert!(e["line"].as_u64() >= d["line"].as_u64(), "{d}");
            assert!(e["end_line"].as_u64() <= d["end_line"].as_u64(), "{d}");
        }
    }
    let expected = apply(&before, &found, "safe");
    let run = book.run(&["check", "--fix"]);
    assert!(
        run.stderr.contains("Fixed 4 findings in 1 file"),
        "{}",
        run.stderr
    );
    let after = book.read(BUYER);
    // The file changed only where the fixes said, as the JSON's edits would change it.
    assert_eq!(after, expected);
    assert!(after.contains("\n{{msg:core.one-liner}}\n"), "{after}");
    assert!(
        after.contains("Weekly plans are kept by Example Product, and the weekly plan goes stale."),
        "{after}"
    );
    // Unsafe fixes wait for the flag: the drift and the mismatch are still there.
    assert!(after.contains(DRIFT) && after.contains(MISMATCH));
    let left = rules(&json(&book, &[]));
    for gone in ["message/copy", "term/avoid", "term/case"] {
        assert!(!left.iter().any(|r| r == gone), "{gone} left: {left:?}");
    }
    assert!(left.iter().any(|r| r == "message/drift"), "{left:?}");
    assert!(left.iter().any(|r| r == "claim/mismatch"), "{left:?}");
    // Other files are untouched.
    assert_eq!(
        book.read("content/messaging/core.md"),
        Book::basic().read("content/messaging/core.md")
    );
}

#[test]
fn unsafe_fixes_only_with_the_flag_and_a_second_run_changes_nothing() {
    let book = book();
    let run = book.run(&["check", "--fix", "--unsafe-fixes"]);
    assert!(run.stderr.contains("Fixed 6 findings"), "{}", run.stderr);
    // Only a claim/mismatch error could be left; none is, so the exit is 0.
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let after = book.read(BUYER);
    assert!(
        !after.contains(DRIFT) && !after.contains(MISMATCH),
        "{after}"
    );
    assert!(after.contains("\n{{claim:fewer-calls}}\n"), "{after}");
    assert_eq!(
        after.matches("{{msg:core.one-liner}}").count(),
        2,
        "{after}"
    );
    let again = book.run(&["check", "--fix", "--unsafe-fixes"]);
    assert!(again.stderr.contains("Nothing to fix"), "{}", again.stderr);
    assert_eq!(book.read(BUYER), after);
    // The page still builds, with the message rendered where the copy was.
    let built = book.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
}

#[test]
fn overlapping_fixes_settle_over_passes() {
    // A drifted sentence holding an avoided word: the sentence's fix and the word's fix
    // overlap; the first pass takes the sentence, the word's finding goes with it.
    let book = Book::basic();
    book.append(
        BUYER,
        "\nExample Product gives small operations teams one rota for the week.\n\nA rota, then a rota.\n",
    );
    let run = book.run(&["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let after = book.read(BUYER);
    assert!(
        after.ends_with("\n{{msg:core.one-liner}}\n\nA weekly plan, then a weekly plan.\n"),
        "{after}"
    );
    let left = rules(&json(&book, &[]));
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn fixes_in_front_matter_keep_valid_yaml() {
    let book = Book::basic();
    book.replace(
        BUYER,
        "pain: Plans live in one person's spreadsheet and go stale by Tuesday.",
        &format!("pain: {COPY}"),
    )
    .replace(
        BUYER,
        "stakes: Late jobs mean refunds and churn.",
        "stakes: Late jobs mean refunds, and the rota is lost.",
    );
    let found = json(&book, &[]);
    assert!(rules(&found).iter().any(|r| r == "message/copy"), "{found}");
    let run = book.run(&["check", "--fix"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let after = book.read(BUYER);
    // A plain scalar that would start with `{` is quoted; a plain word stays plain.
    assert!(
        after.contains("pain: \"{{msg:core.one-liner}}\"\n"),
        "{after}"
    );
    assert!(
        after.contains("stakes: Late jobs mean refunds, and the weekly plan is lost.\n"),
        "{after}"
    );
    // The front-matter still parses, and the value renders the message.
    let left = rules(&json(&book, &[]));
    assert!(left.is_empty(), "{left:?}");
    let built = book.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = book.read("public/personas/buyer/index.html");
    assert!(page.contains("one plan for the week."), "{page}");
    assert!(!page.contains("{{msg:"), "{page}");
}

#[test]
fn no_fix_where_markdown_or_a_title_would_break() {
    let book = Book::basic();
    book.append(
        BUYER,
        &format!(
            "\n[{COPY}](../playbooks/launch.md)\n\n*Example Product gives small* operations teams one plan for the week.\n\n\
             ## Keep the rota\n\nSee [the rota](#keep-the-rota).\n"
        ),
    );
    let found = json(&book, &[]);
    let diags = found["diagnostics"].as_array().unwrap();
    let copies: Vec<&Value> = diags
        .iter()
        .filter(|d| d["rule"] == "message/copy")
        .collect();
    assert_eq!(copies.len(), 2, "{found}");
    assert!(copies.iter().all(|d| d["fix"].is_null()), "{found}");
    // The heading's word is linked to: its anchor would change, so no fix there; the
    // link text's word is fixed.
    let avoid: Vec<&Value> = diags.iter().filter(|d| d["rule"] == "term/avoid").collect();
    assert_eq!(avoid.len(), 2, "{found}");
    assert!(avoid[0]["fix"].is_null(), "{found}");
    assert!(!avoid[1]["fix"].is_null(), "{found}");
    let before = book.read(BUYER);
    let run = book.run(&["check", "--fix"]);
    assert!(
        run.stderr.contains("Fixed 1 finding in 1 file"),
        "{}",
        run.stderr
    );
    assert_eq!(
        book.read(BUYER),
        before.replace("[the rota]", "[the weekly plan]")
    );
}

#[test]
fn a_read_only_file_is_left_alone_with_a_message() {
    let book = book();
    book.append(
        "content/playbooks/launch.md",
        "\nWe share the rota on Mondays.\n",
    );
    let path = book.path().join(BUYER);
    let before = book.read(BUYER);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms.clone()).unwrap();
    let run = book.run(&["check", "--fix"]);
    assert!(
        run.stderr
            .contains("content/personas/buyer.md is read-only: left alone (4 fixes not applied)"),
        "{}",
        run.stderr
    );
    // The run went on: the other file was fixed, and the findings left are reported.
    assert!(
        run.stderr.contains("Fixed 1 finding in 1 file"),
        "{}",
        run.stderr
    );
    assert_eq!(book.read(BUYER), before);
    assert!(
        book.read("content/playbooks/launch.md")
            .contains("We share the weekly plan on Mondays.")
    );
    assert!(run.stdout.contains("term/avoid"), "{}", run.stdout);
    assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let book = book();
    let path = book.path().join(BUYER);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    book.run(&["check", "--fix"]);
    assert!(book.read(BUYER).contains("{{msg:core.one-liner}}"));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["buyer.md"]);
}

#[test]
fn diff_shows_the_hunks_and_writes_nothing() {
    let book = book();
    let before = book.read(BUYER);
    let run = book.run(&["check", "--diff"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("--- a/content/personas/buyer.md\n+++ b/content/personas/buyer.md\n@@ "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("\n-{COPY}\n+{{{{msg:core.one-liner}}}}\n")),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("+{{claim:"),
        "unsafe fix shown: {}",
        run.stdout
    );
    assert!(
        run.stderr.contains("Would fix 4 findings in 1 file"),
        "{}",
        run.stderr
    );
    assert_eq!(book.read(BUYER), before);
    let unsafe_diff = book.run(&["check", "--diff", "--unsafe-fixes"]);
    assert!(
        unsafe_diff.stdout.contains("+{{claim:fewer-calls}}"),
        "{}",
        unsafe_diff.stdout
    );
    // Nothing to fix: exit 0 and no diff.
    let clean = Book::basic();
    let run = clean.run(&["check", "--diff"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("Nothing to fix"));
}

#[test]
fn json_and_sarif_carry_the_fix() {
    let book = book();
    let v = json(&book, &[]);
    let copy = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "message/copy")
        .unwrap();
    let fix = &copy["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["label"], "Replace the copy with {{msg:core.one-liner}}");
    let e = &fix["edits"][0];
    let text = book.read(BUYER);
    let (s, t) = (
        e["start"].as_u64().unwrap() as usize,
        e["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..t], COPY);
    assert_eq!(e["line"], copy["line"]);
    assert_eq!(e["column"], 1);
    assert_eq!(
        e["end_column"].as_u64().unwrap() as usize,
        COPY.chars().count() + 1
    );
    assert_eq!(e["replacement"], "{{msg:core.one-liner}}");
    // Findings without a fix have no `fix` key.
    let unfixable = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d.get("fix").is_none())
        .count();
    assert_eq!(unfixable, 0, "every finding of this book has a fix: {v}");

    let run = book.run(&["check", "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let copy = results
        .iter()
        .find(|r| r["ruleId"] == "message/copy")
        .unwrap();
    let change = &copy["fixes"][0]["artifactChanges"][0];
    assert!(
        change["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with(BUYER)
    );
    let r = &change["replacements"][0];
    assert_eq!(
        r["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize,
        s
    );
    assert_eq!(
        r["deletedRegion"]["byteLength"].as_u64().unwrap() as usize,
        t - s
    );
    assert_eq!(r["deletedRegion"]["startLine"], e["line"]);
    assert_eq!(r["insertedContent"]["text"], "{{msg:core.one-liner}}");
    assert_eq!(copy["fixes"][0]["properties"]["applicability"], "safe");
    let drift = results
        .iter()
        .find(|r| r["ruleId"] == "message/drift")
        .unwrap();
    assert_eq!(drift["fixes"][0]["properties"]["applicability"], "unsafe");
}

#[test]
fn human_output_marks_fixable_findings_and_counts_them() {
    let run = book().run(&["check"]);
    assert!(
        run.stdout
            .contains("info[message/copy]: [*] sentence copies message core.one-liner"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("warning[message/drift]: sentence drifts"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("[*] 4 fixable with `gtmbook check --fix` (2 more with `--unsafe-fixes`)"),
        "{}",
        run.stdout
    );
}

#[test]
fn with_changed_since_only_changed_files_are_fixed() {
    let book = Book::basic();
    book.append(BUYER, "\nWe keep the rota.\n");
    git(book.path(), &["init", "-q"]);
    git(book.path(), &["add", "-A"]);
    git(book.path(), &["commit", "-qm", "start"]);
    book.append(
        "content/playbooks/launch.md",
        "\nShare the rota on Mondays.\n",
    );
    let run = book.run(&["check", "--fix", "--changed-since", "HEAD"]);
    assert!(
        run.stderr.contains("Fixed 1 finding in 1 file"),
        "{}",
        run.stderr
    );
    assert!(
        book.read("content/playbooks/launch.md")
            .contains("Share the weekly plan on Mondays.")
    );
    assert!(book.read(BUYER).contains("We keep the rota."));
}

#[test]
fn a_sentence_over_two_lines_and_one_in_brackets_are_fixed_in_place() {
    let book = Book::basic();
    book.append(
        BUYER,
        "\nExample Product gives small operations\nteams one plan for the week. Then more words follow here.\n\n\
         (Example Product gives small operations teams one plan for the week.)\n\n\
         Example Product gives small operations teams one plan for the week! Really.\n",
    );
    book.run(&["check", "--fix"]);
    let after = book.read(BUYER);
    assert!(
        after.contains("\n{{msg:core.one-liner}} Then more words follow here.\n"),
        "{after}"
    );
    assert!(after.contains("\n({{msg:core.one-liner}})\n"), "{after}");
    // Another end mark: the reference would not render the same sentence.
    assert!(after.contains("one plan for the week! Really."), "{after}");
    let left = rules(&json(&book, &[]));
    assert_eq!(left, ["message/copy"], "{left:?}");
}

#[test]
fn unsafe_fixes_alone_is_refused() {
    let book = book();
    let before = book.read(BUYER);
    let run = book.run(&["check", "--unsafe-fixes"]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("--fix|--diff"), "{}", run.stderr);
    assert_eq!(book.read(BUYER), before);
}

#[test]
fn a_term_holding_the_avoided_word_is_written_once() {
    // `plan` is avoided in favour of `weekly plan`: the term itself is not a finding,
    // so the fix settles instead of writing "weekly weekly plan".
    let book = Book::basic();
    book.replace(
        "content/reference/glossary.md",
        "avoid: [rota]",
        "avoid: [rota, plan]",
    );
    book.append(BUYER, "\nWe share the plan and the weekly plans.\n");
    let run = book.run(&["check", "--fix"]);
    assert!(!run.stderr.contains("passes"), "{}", run.stderr);
    let after = book.read(BUYER);
    assert!(
        after.ends_with("\nWe share the weekly plan and the weekly plans.\n"),
        "{after}"
    );
    let again = book.run(&["check", "--fix"]);
    assert!(again.stderr.contains("Nothing to fix"), "{}", again.stderr);
}

#[test]
fn a_title_heading_a_link_points_at_keeps_its_words() {
    let book = Book::basic();
    book.write("content/guide.md", "# The rota guide\n\nBody text here.\n");
    book.append(BUYER, "\nSee [the guide](../guide.md#the-rota-guide).\n");
    let fixes = |book: &Book| -> Vec<bool> {
        json(book, &[])["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "term/avoid")
            .map(|d| !d["fix"].is_null())
            .collect()
    };
    assert_eq!(fixes(&book), [false]);
    book.replace(BUYER, "#the-rota-guide", "");
    assert_eq!(fixes(&book), [true]);
}
