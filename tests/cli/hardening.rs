//! Bad input (SPEC 8): every case is a finding naming the file, never a panic or a hang,
//! and the other documents are still checked.

use crate::support::*;

fn assert_no_crash(run: &Run) {
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}\nstdout: {}\nstderr: {}",
        run.code,
        run.stdout,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn non_utf8_file_is_a_finding() {
    let book = Book::basic();
    std::fs::write(
        book.path().join("content/latin1.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    let f = book.findings("file/unreadable");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].file, "content/latin1.md");
    assert!(f[0].message.contains("UTF-8"));
}

#[test]
fn yaml_bomb_is_a_syntax_error_not_a_hang() {
    let book = Book::basic();
    let mut y = String::from(
        "---\ntitle: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='j' {
        y.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = c;
    }
    y.push_str("---\n\nBody.\n");
    book.write("content/bomb.md", &y);
    let f = book.findings("frontmatter/syntax");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].file, "content/bomb.md");
    // Said in words, not as a Debug-formatted budget error.
    assert!(f[0].message.contains("YAML bomb"), "{}", f[0].message);
    assert!(!f[0].message.contains('{'), "{}", f[0].message);
}

#[test]
fn deep_nesting_in_yaml_and_markdown() {
    let book = Book::basic();
    book.write(
        "content/deep.md",
        &format!(
            "---\ntitle: Deep\nx: {}{}\n---\n\n{}deep\n",
            "[".repeat(50_000),
            "]".repeat(50_000),
            "> ".repeat(20_000)
        ),
    );
    let run = book.run(&["check", "--format", "json"]);
    assert_no_crash(&run);
    assert!(run.stdout.contains("content/deep.md"));
}

#[test]
fn empty_file_and_front_matter_only() {
    let book = Book::basic();
    book.write("content/empty.md", "");
    book.write("content/fm-only.md", "---\ntitle: Only front-matter\n---\n");
    book.write("content/blank-fm.md", "---\n---\n# Heading title\n");
    let (code, f) = book.check();
    assert_eq!(code, 1);
    let files: Vec<_> = f
        .iter()
        .map(|f| (f.file.as_str(), f.rule.as_str()))
        .collect();
    assert_eq!(
        files,
        [("content/empty.md", "frontmatter/schema")],
        "{f:#?}"
    );
}

#[test]
fn ten_megabyte_line() {
    let book = Book::basic();
    let line = "word ".repeat(2_000_000);
    book.write(
        "content/long.md",
        &format!("---\ntitle: Long\n---\n\n{line}\n"),
    );
    let run = book.run(&["check", "--format", "json"]);
    assert_no_crash(&run);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported() {
    let book = Book::basic();
    std::fs::create_dir_all(book.path().join("content/loop")).unwrap();
    std::os::unix::fs::symlink("..", book.path().join("content/loop/back")).unwrap();
    let run = book.run(&["check", "--format", "json"]);
    assert_no_crash(&run);
    assert!(run.stdout.contains("file/unreadable"), "{}", run.stdout);
    assert!(run.stdout.contains("loop"), "{}", run.stdout);
}

#[test]
fn front_matter_that_is_not_a_map() {
    let book = Book::basic();
    book.write("content/list.md", "---\n- a\n- b\n---\n# Title\n");
    book.write("content/scalar.md", "---\njust text\n---\n# Title\n");
    let f = book.findings("frontmatter/schema");
    assert_eq!(f.len(), 2, "{f:#?}");
}

#[test]
fn crlf_and_bom_files() {
    let book = Book::basic();
    book.write(
        "content/win.md",
        "\u{feff}---\r\ntitle: Windows\r\nowner: x\r\n---\r\n\r\nText with {{msg:core.nope}}.\r\n",
    );
    let f = book.findings("ref/unknown");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].line, f[0].column), (6, 11));
}

#[test]
fn hostile_names_and_control_characters() {
    let book = Book::basic();
    book.write("content/with space.md", "---\ntitle: \"<script>alert(1)</script>\"\n---\n\nA stray \u{3} control and \u{1}\u{2} markers.\n");
    book.write(
        "content/other.md",
        "---\ntitle: Other\n---\n\n[link](with%20space.md)\n",
    );
    let (_, f) = book.check();
    assert!(f.iter().all(|f| f.rule != "link/broken"), "{f:#?}");
}
