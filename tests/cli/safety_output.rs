//! The output folder is confined: a build never writes over the book's sources or a
//! folder gtmbook did not make, keeps a symlinked output a symlink, and cleans up the
//! staging folders of builds that were killed.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const MARKER: &str = ".gtmbook-site";

/// Every file under `dir` (following nothing), with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn gtmbook(book: &Book, args: &[&str], home: &Path) -> Run {
    let out = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(args)
        .arg("--root")
        .arg(book.path())
        .env("GTMBOOK_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    Run::from(out)
}

fn ok(run: &Run) {
    assert_eq!(run.code, 0, "build failed:\n{}\n{}", run.stdout, run.stderr);
}

/// Two builds into `output` are refused with exit 2 and one line naming the output and
/// `names` (the path it collides with), and nothing in the book changes.
fn refused_twice(book: &Book, output: &Path, reason: &str, names_path: &Path) {
    let before = tree(book.path());
    let listing = names(book.path());
    let home = book.path().join("no-home");
    for _ in 0..2 {
        let run = gtmbook(book, &["build", "-o", output.to_str().unwrap()], &home);
        assert_eq!(
            run.code,
            2,
            "{} must be refused:\n{}",
            output.display(),
            run.stderr
        );
        let line = run.stderr.trim();
        assert_eq!(line.lines().count(), 1, "one line: {line}");
        assert!(line.contains("refusing to write the site to"), "{line}");
        assert!(line.contains(reason), "{line}");
        let shown = std::fs::canonicalize(names_path).unwrap_or_else(|_| names_path.to_path_buf());
        assert!(
            line.contains(&shown.display().to_string()),
            "{line} names {}",
            shown.display()
        );
    }
    assert_eq!(
        tree(book.path()),
        before,
        "the book's files must stay byte-identical"
    );
    assert_eq!(
        names(book.path()),
        listing,
        "nothing is created beside the sources"
    );
}

fn canon(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap()
}

#[test]
fn outputs_over_the_sources_are_refused() {
    let book = Book::basic();
    book.write("static/files/brief.txt", "brief\n");
    book.write("themes/mine/static/style.css", "body{}\n");
    let root = canon(book.path());
    refused_twice(&book, &root, "it is the book root", &root);
    refused_twice(&book, &root.join("."), "it is the book root", &root);
    refused_twice(&book, &root.join(".."), "it contains the book root", &root);
    refused_twice(
        &book,
        &root.join("content"),
        "it is the content folder",
        &root.join("content"),
    );
    refused_twice(
        &book,
        &root.join("content/site"),
        "it lies inside the content folder",
        &root.join("content"),
    );
    refused_twice(
        &book,
        &root.join("static"),
        "it is the static folder",
        &root.join("static"),
    );
    refused_twice(
        &book,
        &root.join("themes/site"),
        "it lies inside the themes folder",
        &root.join("themes"),
    );
    refused_twice(
        &book,
        &root.join("book.toml"),
        "an existing file, not a folder",
        &root.join("book.toml"),
    );
    refused_twice(
        &book,
        Path::new("/"),
        "it is the root of the file system",
        Path::new("/"),
    );
    // Not yet there: refused all the same.
    book.remove("static/files/brief.txt");
    std::fs::remove_dir_all(root.join("static")).unwrap();
    refused_twice(
        &book,
        &root.join("static/out"),
        "inside the static folder",
        &root.join("static"),
    );
}

#[test]
fn output_in_book_toml_over_the_content_is_refused() {
    let book = Book::basic();
    book.replace("book.toml", "output = \"public\"", "output = \"content\"");
    let before = tree(book.path());
    for _ in 0..2 {
        let run = book.build();
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("it is the content folder"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(tree(book.path()), before);
    assert!(!book.exists(".content.prev"));
}

#[test]
fn the_home_folder_is_refused_but_a_folder_in_it_is_fine() {
    let book = Book::basic();
    let home = book.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let run = gtmbook(&book, &["build", "-o", home.to_str().unwrap()], &home);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("it is the home folder"),
        "{}",
        run.stderr
    );
    assert!(names(&home).is_empty());
    // Near miss: a folder inside the home folder.
    let site = home.join("site");
    ok(&gtmbook(
        &book,
        &["build", "-o", site.to_str().unwrap()],
        &home,
    ));
    assert!(site.join("index.html").is_file());
}

#[test]
fn outputs_beside_the_sources_are_fine() {
    let book = Book::basic();
    // Names that start like the sources' folders but are other folders.
    for out in ["public", "content-site", "staticsite", "out/themes"] {
        let path = book.path().join(out);
        ok(&book.run(&["build", "-o", path.to_str().unwrap()]));
        ok(&book.run(&["build", "-o", path.to_str().unwrap()]));
        assert!(path.join("index.html").is_file(), "{out}");
        assert!(path.join(MARKER).is_file(), "{out} carries the marker");
    }
}

#[test]
fn sources_stay_byte_identical_after_two_builds() {
    let book = Book::basic();
    let sources = |b: &Book| {
        let mut t = tree(b.path());
        // The cache (`.gtmbook/`) is gtmbook's own, beside the sources.
        t.retain(|p, _| {
            !p.starts_with("public") && !p.starts_with(".public.prev") && !p.starts_with(".gtmbook")
        });
        t
    };
    let before = sources(&book);
    ok(&book.build());
    ok(&book.build());
    assert_eq!(sources(&book), before);
    assert_eq!(
        names(book.path()),
        [".gtmbook", ".public.prev", "book.toml", "content", "public"]
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_stays_a_symlink_and_its_target_gets_the_site() {
    let book = Book::basic();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("site");
    std::fs::create_dir(&target).unwrap();
    let link = book.path().join("public");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for round in 0..3 {
        if round == 2 {
            book.write("content/later.md", "---\ntitle: Later\n---\nText.\n");
        }
        ok(&book.build());
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(
            meta.file_type().is_symlink(),
            "round {round}: the link is kept"
        );
        assert_eq!(std::fs::read_link(&link).unwrap(), target);
        assert!(target.join("index.html").is_file());
        assert!(target.join(MARKER).is_file());
    }
    assert!(target.join("later/index.html").is_file());
    // Staging happens beside the target, never beside the link.
    assert_eq!(
        names(book.path()),
        [".gtmbook", "book.toml", "content", "public"]
    );
    assert_eq!(names(elsewhere.path()), [".site.prev", "site"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_into_the_content_is_refused() {
    let book = Book::basic();
    let link = book.path().join("public");
    std::os::unix::fs::symlink(book.path().join("content/personas"), &link).unwrap();
    let before = tree(&book.path().join("content"));
    let run = book.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("lies inside the content folder"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(&book.path().join("content")), before);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_foreign_non_empty_folder_is_refused_an_empty_one_is_fine() {
    let book = Book::basic();
    let mine = book.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep me\n").unwrap();
    let before = tree(&mine);
    for _ in 0..2 {
        let run = book.run(&["build", "-o", mine.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("gtmbook did not build"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(MARKER), "{}", run.stderr);
    }
    assert_eq!(tree(&mine), before);
    assert!(!book.exists(".mine.prev"));
    // Near miss: an empty folder becomes the site.
    let empty = book.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    ok(&book.run(&["build", "-o", empty.to_str().unwrap()]));
    ok(&book.run(&["build", "-o", empty.to_str().unwrap()]));
    assert!(empty.join("index.html").is_file());
    // The replaced site is gtmbook's own, so it is kept as the next staging folder.
    assert!(book.path().join(".empty.prev").join(MARKER).is_file());
}

#[test]
fn a_site_of_an_earlier_version_without_marker_is_adopted() {
    let book = Book::basic();
    ok(&book.build());
    ok(&book.build());
    // What an earlier gtmbook left: the same sites without the marker.
    std::fs::remove_file(book.path().join("public").join(MARKER)).unwrap();
    std::fs::remove_file(book.path().join(".public.prev").join(MARKER)).unwrap();
    ok(&book.build());
    assert!(book.exists("public/.gtmbook-site"));
    assert!(book.exists(".public.prev/.gtmbook-site"));
    // Near miss: a marker-less `public/` that is not a whole site is somebody else's.
    let other = Book::basic();
    other.write("public/index.html", "<p>my own page</p>\n");
    let run = other.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(other.read("public/index.html"), "<p>my own page</p>\n");
}

#[test]
fn the_marker_survives_reuse_and_stale_files_still_go() {
    let book = Book::basic();
    book.write("content/temp.md", "---\ntitle: Temporary\n---\nText.\n");
    ok(&book.build());
    book.remove("content/temp.md");
    for _ in 0..3 {
        ok(&book.build());
        assert!(book.exists("public/.gtmbook-site"));
        assert!(book.read("public/.gtmbook-site").contains("gtmbook"));
        assert!(!book.exists("public/temp"));
    }
}

#[test]
fn a_foreign_prev_folder_is_neither_reused_nor_deleted() {
    let book = Book::basic();
    book.write(".public.prev/diary.txt", "mine\n");
    for _ in 0..3 {
        ok(&book.build());
        assert_eq!(book.read(".public.prev/diary.txt"), "mine\n");
        assert_eq!(names(&book.path().join(".public.prev")), ["diary.txt"]);
        assert!(book.exists("public/index.html"));
        assert!(!book.exists("public/diary.txt"));
    }
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn staging_folders(book: &Book) -> Vec<String> {
    names(book.path())
        .into_iter()
        .filter(|n| n.starts_with(".public.tmp-") || n.starts_with(".public.old-"))
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn staging_folders_of_killed_builds_are_removed_only_with_the_marker() {
    let book = Book::basic();
    let dead = dead_pid();
    let marked = format!(".public.tmp-{dead}");
    book.write(&format!("{marked}/index.html"), "half a site\n");
    book.write(&format!("{marked}/{MARKER}"), "gtmbook\n");
    let trash = format!(".public.old-{dead}-0");
    book.write(&format!("{trash}/index.html"), "an old site\n");
    book.write(&format!("{trash}/{MARKER}"), "gtmbook\n");
    // Near misses: no marker; a process that still runs (this test).
    let foreign = format!(".public.tmp-{}", dead_pid());
    book.write(&format!("{foreign}/index.html"), "not gtmbook's\n");
    let alive = format!(".public.tmp-{}", std::process::id());
    book.write(&format!("{alive}/index.html"), "in use\n");
    book.write(&format!("{alive}/{MARKER}"), "gtmbook\n");
    ok(&book.build());
    assert!(
        !book.exists(&marked),
        "a marked staging folder of an ended build goes"
    );
    // The deletion runs detached: wait until it is done.
    let mut left = staging_folders(&book);
    for _ in 0..600 {
        left = staging_folders(&book);
        if left.len() == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let mut expected = vec![foreign.clone(), alive.clone()];
    expected.sort();
    assert_eq!(left, expected);
    assert_eq!(
        book.read(&format!("{foreign}/index.html")),
        "not gtmbook's\n"
    );
    assert_eq!(book.read(&format!("{alive}/index.html")), "in use\n");
}

#[cfg(unix)]
#[test]
fn a_build_killed_mid_way_leaves_nothing_after_the_next_build() {
    let book = Book::basic();
    for i in 0..1500 {
        book.write(
            &format!("content/bulk/p{i:04}.md"),
            &format!("---\ntitle: Page {i}\n---\nSome text for page {i}.\n"),
        );
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gtmbook"))
        .args(["build", "--root"])
        .arg(book.path())
        .env("GTMBOOK_TODAY", TODAY)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once its staging folder is marked (or it finished first: nothing to do).
    let staging = book.path().join(format!(".public.tmp-{}", child.id()));
    loop {
        if staging.join(MARKER).exists() || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = child.kill();
    child.wait().unwrap();
    ok(&book.build());
    for _ in 0..600 {
        if staging_folders(&book).is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(staging_folders(&book), Vec::<String>::new());
    assert!(book.exists("public/bulk/p1499/index.html"));
}

#[test]
fn the_remove_helper_deletes_only_marked_folders() {
    let book = Book::basic();
    book.write("theirs/a.txt", "a\n");
    book.write("ours/a/b.txt", "b\n");
    book.write(&format!("ours/{MARKER}"), "gtmbook\n");
    for dir in ["theirs", "ours"] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_gtmbook"))
            .arg("__remove-dir")
            .arg(book.path().join(dir))
            .status()
            .unwrap();
        assert!(status.success());
    }
    assert_eq!(book.read("theirs/a.txt"), "a\n");
    assert!(!book.exists("ours"));
}
