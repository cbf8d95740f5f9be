//! The input is confined to the book (issue 18): a symbolic link out of the book is one
//! `file/outside` finding and never read; a named pipe is a finding, never opened;
//! control characters are a finding and never reach the HTML; a YAML syntax error is
//! one finding; a very large front-matter loads.

use crate::serve::{Server, get};
use crate::support::*;
use std::path::Path;

const SECRET: &str = "TOPSECRET-7f3a9c";

/// A folder outside the book holding secret files: `secret.md`, `secret.txt`, and a
/// folder `dir/` with `inner.md` and `inner.txt`.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("secret.md"), format!("# {SECRET}\n\n{SECRET}\n")).unwrap();
    std::fs::write(p.join("secret.txt"), SECRET).unwrap();
    std::fs::create_dir(p.join("dir")).unwrap();
    std::fs::write(p.join("dir/inner.md"), format!("# {SECRET}\n")).unwrap();
    std::fs::write(p.join("dir/inner.txt"), SECRET).unwrap();
    dir
}

fn link(target: &Path, book: &Book, rel: &str) {
    let at = book.path().join(rel);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// Every byte of every file under `dir`, as text.
fn all_output(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let bytes = std::fs::read(e.path()).unwrap();
            out.push((
                e.path().display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
    out
}

fn assert_no_secret(book: &Book) {
    let files = all_output(&book.output());
    assert!(!files.is_empty(), "nothing was built");
    for (path, text) in files {
        assert!(!text.contains(SECRET), "{path} holds the secret");
    }
}

/// Let the build succeed despite the findings, to look at what it wrote.
fn downgrade(book: &Book) {
    book.append(
        "book.toml",
        "\n[lint.rules]\n\"file/outside\" = \"warning\"\n\"file/unreadable\" = \"warning\"\n",
    );
}

#[test]
fn links_out_of_content_and_static_are_one_finding_each_and_never_read() {
    let secret = outside();
    let s = secret.path();
    let book = Book::basic();
    link(&s.join("secret.md"), &book, "content/leak.md");
    link(&s.join("secret.txt"), &book, "content/leak.txt");
    link(&s.join("dir"), &book, "content/leakdir");
    link(&s.join("secret.txt"), &book, "static/leak.txt");
    link(&s.join("dir"), &book, "static/etcdir");
    let (code, findings) = book.check();
    assert_eq!(code, 1, "{findings:#?}");
    let outside: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "file/outside")
        .collect();
    let mut files: Vec<&str> = outside.iter().map(|f| f.file.as_str()).collect();
    files.sort();
    assert_eq!(
        files,
        [
            "content/leak.md",
            "content/leak.txt",
            "content/leakdir",
            "static/etcdir",
            "static/leak.txt"
        ],
        "{findings:#?}"
    );
    for f in &outside {
        assert_eq!(f.severity, "error");
        assert!(
            f.message
                .contains(&s.canonicalize().unwrap().display().to_string()),
            "the target is named: {}",
            f.message
        );
    }
    // Nothing else: no title finding for the link, no secret in any message.
    assert!(
        findings.iter().all(|f| !f.message.contains(SECRET)),
        "{findings:#?}"
    );
    assert_eq!(
        findings.iter().filter(|f| f.file.contains("leak")).count(),
        4,
        "{findings:#?}"
    );

    // build: refused as an error, and with the rule downgraded nothing leaks.
    let run = book.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("file/outside"), "{}", run.stderr);
    downgrade(&book);
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_secret(&book);
    assert!(!book.output().join("leak.txt").exists());
    assert!(!book.output().join("etcdir").exists());
}

#[test]
fn serve_does_not_serve_through_a_link_out_of_the_book() {
    let secret = outside();
    let book = Book::basic();
    link(&secret.path().join("dir"), &book, "static/etcdir");
    let server = Server::start(&book);
    let (status, body) = get(&format!("{}etcdir/inner.txt", server.url));
    assert_eq!(status, 404, "{body}");
    assert!(!body.contains(SECRET));
    let (status, body) = get(&format!("{}gtmbook/health/", server.url));
    assert_eq!(status, 200);
    assert!(
        body.contains("file/outside"),
        "the health page lists the finding"
    );
}

#[test]
fn serve_refuses_a_link_out_of_the_book_made_while_it_runs() {
    let secret = outside();
    let book = Book::basic();
    let server = Server::start(&book);
    link(&secret.path().join("dir"), &book, "static/etcdir");
    link(&secret.path().join("secret.md"), &book, "content/leak.md");
    server.wait_for("updated");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (status, body) = get(&format!("{}__gtmbook/status", server.url));
        assert_eq!(status, 200);
        if body.contains("file/outside") && body.contains("content/leak.md") {
            assert!(!body.contains(SECRET));
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the finding never reached the status endpoint: {body}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    for path in ["etcdir/inner.txt", "leak/", "etcdir/inner/"] {
        let (status, body) = get(&format!("{}{path}", server.url));
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains(SECRET), "{path}");
    }
}

#[test]
fn a_link_inside_the_book_is_followed() {
    let book = Book::basic();
    book.write(
        "shared/note.md",
        "# Shared note\n\nWritten once, linked in.\n",
    );
    book.write("shared/files/data.txt", "inside data");
    link(
        &book.path().join("shared/note.md"),
        &book,
        "content/note.md",
    );
    link(&book.path().join("shared/files"), &book, "static/files");
    let (_, findings) = book.check();
    assert!(
        findings.iter().all(|f| !f.rule.starts_with("file/")),
        "{findings:#?}"
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = book.html("public/note/index.html");
    assert_eq!(texts(&html, "main h1"), ["Shared note"]);
    assert_eq!(book.read("public/files/data.txt"), "inside data");
}

#[test]
fn a_theme_folder_link_out_of_the_book_is_refused() {
    let secret = outside();
    let book = Book::basic();
    book.write("themes/default/static/ok.css", "body {}");
    link(
        &secret.path().join("secret.txt"),
        &book,
        "themes/default/static/leak.css",
    );
    let f = book.findings("file/outside");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].file, "themes/default/static/leak.css");
    downgrade(&book);
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_secret(&book);
    assert_eq!(book.read("public/assets/ok.css"), "body {}");
    assert!(!book.exists("public/assets/leak.css"));

    // The theme folder itself a link out of the book.
    let book = Book::basic();
    book.replace("book.toml", "[build]\n", "[build]\ntheme = \"mine\"\n");
    std::fs::create_dir_all(secret.path().join("theme/static")).unwrap();
    std::fs::write(secret.path().join("theme/static/x.css"), SECRET).unwrap();
    link(&secret.path().join("theme"), &book, "themes/mine");
    let f = book.findings("file/outside");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].file, "themes/mine");
    let run = book.build();
    assert_ne!(run.code, 0);
    assert!(
        !book.output().exists()
            || all_output(&book.output())
                .iter()
                .all(|(_, t)| !t.contains(SECRET))
    );
}

#[test]
fn content_folder_or_book_toml_out_of_the_book_is_refused() {
    let secret = outside();
    let book = Book::basic();
    link(&secret.path().join("dir"), &book, "elsewhere");
    book.replace(
        "book.toml",
        "[build]\n",
        "[build]\ncontent = \"elsewhere\"\n",
    );
    let run = book.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("leads out of the book"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET));

    let book = Book::basic();
    let toml = book.read("book.toml");
    std::fs::write(secret.path().join("book.toml"), toml).unwrap();
    book.remove("book.toml");
    link(&secret.path().join("book.toml"), &book, "book.toml");
    let run = book.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("book.toml"), "{}", run.stderr);
}

#[test]
fn a_symlink_loop_is_a_finding_not_a_hang() {
    let book = Book::basic();
    link(Path::new("self.md"), &book, "content/self.md");
    link(Path::new("b.md"), &book, "content/a.md");
    link(Path::new("a.md"), &book, "content/b.md");
    let (code, findings) = book.check();
    assert_eq!(code, 1);
    let f: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "file/unreadable")
        .collect();
    assert_eq!(f.len(), 3, "{findings:#?}");
    assert!(f.iter().all(|f| f.message.contains("loop")), "{f:#?}");
}

#[test]
fn a_named_pipe_is_a_finding_and_never_opened() {
    let book = Book::basic();
    let status = std::process::Command::new("mkfifo")
        .arg(book.path().join("content/pipe.md"))
        .status()
        .unwrap();
    assert!(status.success());
    let f = book.findings("file/unreadable");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].file, "content/pipe.md");
    assert!(f[0].message.contains("named pipe"), "{}", f[0].message);
    // Near miss: a regular file next to it is read as usual.
    book.remove("content/pipe.md");
    book.write("content/pipe.md", "# Pipe\n");
    assert!(book.findings("file/unreadable").is_empty());
}

#[test]
fn control_characters_are_one_finding_and_never_in_the_html() {
    let book = Book::basic();
    book.write(
        "content/nul.md",
        "# Nul\n\nFirst line.\nBad \u{0}here and \u{1b}[31m there.\n\u{7}\n",
    );
    book.write("content/fine.md", "# Fine\n\ttab\u{c}form feed\r\n");
    let f = book.findings("file/control-char");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].file, "content/nul.md");
    assert_eq!((f[0].line, f[0].column), (4, 5), "{f:#?}");
    assert_eq!(f[0].severity, "warning");
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, text) in all_output(&book.output()) {
        assert!(
            !text.contains(['\u{0}', '\u{1b}', '\u{7}']),
            "{path} holds a control character"
        );
    }
    let html = book.read("public/nul/index.html");
    assert!(html.contains("Bad \u{FFFD}here"), "{html}");
}

#[test]
fn a_yaml_syntax_error_is_one_finding() {
    let book = Book::basic();
    book.write(
        "content/broken.md",
        "---\ntitle: [unclosed\n---\n\nNo heading.\n",
    );
    let (_, findings) = book.check();
    let mine: Vec<_> = findings
        .iter()
        .filter(|f| f.file == "content/broken.md")
        .collect();
    assert_eq!(mine.len(), 1, "{mine:#?}");
    assert_eq!(mine[0].rule, "frontmatter/syntax");
    // Near miss: readable front-matter without a title is still a schema finding.
    book.write("content/broken.md", "---\nowner: Me\n---\n\nNo heading.\n");
    let f = book.findings("frontmatter/schema");
    assert!(
        f.iter()
            .any(|f| f.file == "content/broken.md" && f.message.contains("no title")),
        "{f:#?}"
    );
}

#[test]
fn a_front_matter_with_100000_messages_loads() {
    let book = Book::basic();
    let mut text = String::from(
        "---\ntitle: Many\ntype: messaging\nid: many\nowner: PMM\nreviewed: 2026-11-01\nmessages:\n",
    );
    for i in 0..100_000 {
        text.push_str(&format!(
            "  - id: m{i}\n    kind: pillar\n    text: Message {i} {}.\n",
            word(i)
        ));
    }
    text.push_str("---\n\nMany messages.\n");
    book.write("content/messaging/many.md", &text);
    let (_, findings) = book.check();
    assert!(
        findings
            .iter()
            .all(|f| !f.rule.starts_with("frontmatter/") && !f.rule.starts_with("file/")),
        "{:#?}",
        &findings[..findings.len().min(5)]
    );
}

/// A distinct made-up word for `i`, so that messages do not look alike.
fn word(mut i: usize) -> String {
    let letters = b"bcdfghjklmnpqrstvwxz";
    let mut w = String::new();
    loop {
        w.push(char::from(letters[i % letters.len()]));
        i /= letters.len();
        if i == 0 {
            break w;
        }
    }
}

#[test]
fn file_names_that_are_not_urls_get_links_that_work() {
    let book = Book::basic();
    let names = ["what?", "c#", "100%", "a b", "new\nline"];
    for n in names {
        book.write(
            &format!("content/odd/{n}.md"),
            &format!("# Odd {}\n\n## Part two\n", n.len()),
        );
    }
    book.write("content/odd/x#y.txt", "asset");
    // `links.md` is published at `/links/`: a link to a file that is not a page is
    // read from there, as the browser reads it (`.md` links from the file's folder).
    book.write(
        "content/links.md",
        "# Links\n\n[q](odd/what%3F.md) [c](odd/c%23.md) [p](odd/100%25.md) [s](<odd/a b.md>) \
         [n](odd/new%0Aline.md) [f](../odd/x%23y.txt) [near miss](odd/c%23.md#part-two)\n",
    );
    let (_, findings) = book.check();
    assert!(
        findings.iter().all(|f| f.rule != "link/broken"),
        "{findings:#?}"
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = book.output();
    for n in names {
        assert!(out.join(format!("odd/{n}/index.html")).is_file(), "{n:?}");
    }
    let html = book.html("public/links/index.html");
    let hrefs = attrs(&html, "main a", "href");
    let mut followed = 0;
    for href in hrefs.iter().chain(&attrs(&html, "nav a", "href")) {
        let Some(path) = href.strip_prefix('/') else {
            continue;
        };
        let path = path.split_once('#').map_or(path, |(p, _)| p);
        assert!(!path.contains(['?', ' ', '\n']), "{href}");
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .unwrap()
            .into_owned();
        let file = if decoded.is_empty() || decoded.ends_with('/') {
            out.join(&decoded).join("index.html")
        } else {
            out.join(&decoded)
        };
        assert!(
            file.is_file(),
            "{href} leads to no file ({})",
            file.display()
        );
        followed += 1;
    }
    assert!(followed >= 7, "{hrefs:?}");
    for want in [
        "/odd/what%3F/",
        "/odd/c%23/",
        "/odd/100%25/",
        "/odd/a%20b/",
        "/odd/new%0Aline/",
        "/odd/x%23y.txt",
        "/odd/c%23/#part-two",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want} not in {hrefs:?}");
    }
}

#[test]
fn serve_answers_the_encoded_urls() {
    let book = Book::basic();
    book.write("content/odd/what?.md", "# Question\n");
    book.write("content/odd/c#.md", "# Sharp\n");
    book.write("content/odd/x#y.txt", "asset");
    let server = Server::start(&book);
    for (url, want) in [
        ("odd/what%3F/", "Question"),
        ("odd/c%23/", "Sharp"),
        ("odd/x%23y.txt", "asset"),
    ] {
        let (status, body) = get(&format!("{}{url}", server.url));
        assert_eq!(status, 200, "{url}");
        assert!(body.contains(want), "{url}: {body}");
    }
}
