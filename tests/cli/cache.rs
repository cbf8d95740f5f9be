//! The on-disk cache of `build` and `check` (`.gtmbook/cache/`): after every kind of
//! change, a cached build writes the same bytes as a build from scratch and a cached
//! check reports the same findings; a damaged or foreign cache is ignored with a note;
//! after an edit only the files of the cache that hold what changed are written.

use crate::support::Book;
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` (relative path → bytes), and every folder (`path/` → nothing):
/// a folder left empty by a deleted page must be gone as in a fresh build.
/// The shard files of `command`'s parses (`<command>-00.bin` …), by name.
fn shards(book: &Book, command: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(book.path().join(".gtmbook/cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.strip_prefix(&format!("{command}-"))
                .and_then(|rest| rest.strip_suffix(".bin"))
                .is_some_and(|k| k.len() == 2 && k.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    names.sort();
    names
}

/// Each file of the cache folder (by name): its inode and modification time, which a
/// file written again (a new file renamed into place) does not keep.
fn stamps(book: &Book) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    std::fs::read_dir(book.path().join(".gtmbook/cache"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            #[cfg(unix)]
            let ino = std::os::unix::fs::MetadataExt::ino(&m);
            #[cfg(not(unix))]
            let ino = 0;
            let name = e.file_name().to_string_lossy().into_owned();
            (name, (ino, m.modified().unwrap()))
        })
        .collect()
}

/// The names of the files whose stamp differs between `a` and `b` (or that are in one
/// only).
fn changed(
    a: &BTreeMap<String, (u64, std::time::SystemTime)>,
    b: &BTreeMap<String, (u64, std::time::SystemTime)>,
) -> Vec<String> {
    let names: std::collections::BTreeSet<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|n| a.get(*n) != b.get(*n))
        .collect();
    names.into_iter().cloned().collect()
}

/// Of `names`, those of `command`'s parses and lint cache.
fn of(command: &str, names: Vec<String>) -> Vec<String> {
    let prefix = format!("{command}-");
    names
        .into_iter()
        .filter(|n| n.starts_with(&prefix))
        .collect()
}

/// The largest shard file of `command` (it holds documents).
fn largest_shard(book: &Book, command: &str) -> String {
    let len = |n: &String| {
        std::fs::metadata(book.path().join(".gtmbook/cache").join(n))
            .unwrap()
            .len()
    };
    shards(book, command).into_iter().max_by_key(len).unwrap()
}

/// The lines of `stderr` that are notes.
fn notes(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("note:")).collect()
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            if e.file_type().is_dir() {
                (format!("{rel}/"), Vec::new())
            } else {
                (rel, std::fs::read(e.path()).unwrap())
            }
        })
        .collect()
}

/// Build with the cache into `public/` and without it into a folder of its own, and
/// check both ways: the sites must be the same bytes, the findings the same JSON.
fn same_as_fresh(book: &Book, change: &str) {
    let cached = book.run(&["build"]);
    assert_eq!(cached.code, 0, "{change}: {}", cached.stderr);
    same_site_as_fresh(book, change);
    same_findings_as_fresh(book, change);
}

/// The site in `public/` must be the same bytes as a build without the cache.
fn same_site_as_fresh(book: &Book, change: &str) {
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh_out = fresh_dir.path().join("site");
    let out = fresh_out.to_str().unwrap();
    let fresh = book.run(&["build", "--no-cache", "-o", out]);
    assert_eq!(fresh.code, 0, "{change}: {}", fresh.stderr);
    let (a, b) = (tree(&book.output()), tree(&fresh_out));
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&a),
        names(&b),
        "{change}: the files of the two sites differ"
    );
    for (path, bytes) in &a {
        assert!(
            b[path] == *bytes,
            "{change}: {path} differs from a fresh build"
        );
    }
}

/// A cached check must report the same findings as one without the cache.
fn same_findings_as_fresh(book: &Book, change: &str) {
    let check = book.run(&["check", "--format", "json"]);
    let fresh_check = book.run(&["check", "--format", "json", "--no-cache"]);
    assert_eq!(
        check.stdout, fresh_check.stdout,
        "{change}: findings differ"
    );
    assert_eq!(check.code, fresh_check.code, "{change}");
}

#[test]
fn cached_builds_are_byte_identical_to_fresh_ones_after_every_kind_of_change() {
    let book = Book::sample();
    book.write(
        "content/notes/field-notes.md",
        "---\ntitle: Field notes\n---\n\nWhat we heard from dispatchers this quarter.\n",
    );
    same_as_fresh(&book, "first build");
    for command in ["build", "check"] {
        assert!(book.exists(&format!(".gtmbook/cache/{command}-lint.bin")));
        assert!(!shards(&book, command).is_empty(), "no shard of {command}");
    }
    assert!(book.exists(".gtmbook/cache/search.bin"));
    // Nothing changed: the cache is used as it is.
    same_as_fresh(&book, "no change");
    book.append(
        "content/handbook/writing-documents.md",
        "\nA new closing paragraph, added to test the cache.\n",
    );
    same_as_fresh(&book, "a page");
    book.replace(
        "content/messaging/platform.md",
        "one live schedule that dispatchers",
        "one shared live schedule that dispatchers",
    );
    same_as_fresh(&book, "a canonical message");
    book.replace("content/reference/claims.md", "38% fewer", "36% fewer");
    same_as_fresh(&book, "a claim's figure");
    book.write(
        "themes/default/templates/partials/footer-note.html",
        "<p>unused partial</p>\n",
    );
    book.write("themes/default/static/extra.css", "body { margin: 0 }\n");
    same_as_fresh(&book, "the theme");
    book.replace(
        "book.toml",
        "title = \"Fieldline GTM Handbook\"",
        "title = \"Fieldline Handbook\"",
    );
    same_as_fresh(&book, "book.toml");
    book.remove("content/onboarding/welcome-emails.md");
    same_as_fresh(&book, "a deleted file");
    std::fs::rename(
        book.path().join("content/notes"),
        book.path().join("content/field-notes"),
    )
    .unwrap();
    same_as_fresh(&book, "a renamed folder");
}

/// A section page shows the first sentence of each child's body as its card summary:
/// the only part of another page's body a page reads. A cached build that reuses the
/// section page without making its context must still follow a change of that sentence,
/// and of the sentence alone (no heading, link or reference moves).
#[test]
fn a_section_page_follows_the_first_sentence_of_a_child() {
    let book = Book::sample();
    book.write(
        "content/stories/_index.md",
        "---\ntitle: Customer stories\n---\n\nWhat customers told us.\n",
    );
    for n in 0..3 {
        book.write(
            &format!("content/stories/story-{n}.md"),
            &format!(
                "---\ntitle: Customer story {n}\n---\n\nTeam {n} cut its dispatch time in half within one quarter.\n\nMore later.\n"
            ),
        );
    }
    same_as_fresh(&book, "a section of stories");
    same_as_fresh(&book, "no change");
    book.replace(
        "content/stories/story-1.md",
        "cut its dispatch time in half",
        "cut its dispatch time by a third",
    );
    same_as_fresh(&book, "a child's first sentence");
    let section = std::fs::read_to_string(book.output().join("stories/index.html")).unwrap();
    assert!(
        section.contains("cut its dispatch time by a third"),
        "{section}"
    );
    // Below the first sentence: the section page is reused, and still right.
    book.append("content/stories/story-2.md", "\nOne more closing line.\n");
    same_as_fresh(&book, "a child's later text");
}

/// A sidebar of more than 50 links is a window in each page: a title changed on one page
/// changes its neighbours' windows, which the cached build must render again.
#[test]
fn a_long_sidebar_follows_a_change_of_one_title() {
    let book = Book::sample();
    for n in 0..60 {
        book.write(
            &format!("content/stories/story-{n:02}.md"),
            &format!("---\ntitle: Customer story {n}\n---\n\nWhat team {n} changed.\n"),
        );
    }
    same_as_fresh(&book, "a long section");
    // Twice, so that both the site and the staging folder it replaces hold page keys.
    same_as_fresh(&book, "no change");
    same_as_fresh(&book, "no change again");
    book.replace(
        "content/stories/story-30.md",
        "title: Customer story 30",
        "title: Customer story 30, dispatch",
    );
    let site = book.output();
    same_as_fresh(&book, "one title in a long section");
    let neighbour = std::fs::read_to_string(site.join("stories/story-29/index.html")).unwrap();
    assert!(
        neighbour.contains("Customer story 30, dispatch"),
        "{neighbour}"
    );
    book.replace(
        "content/stories/story-30.md",
        "title: Customer story 30, dispatch",
        "title: Customer story 30",
    );
    same_as_fresh(&book, "the title back");
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_with_a_note() {
    let book = Book::sample();
    assert_eq!(book.build().code, 0);
    let (_, before) = book.check();
    let cache = book.path().join(".gtmbook/cache");
    // Damaged: the right header, then garbage.
    let name = largest_shard(&book, "check");
    let path = cache.join(&name);
    let mut data = std::fs::read(&path).unwrap();
    let cut = data.len() / 3;
    data.truncate(cut);
    data.extend_from_slice(&[0xff; 64]);
    std::fs::write(&path, &data).unwrap();
    let run = book.run(&["check", "--format", "json"]);
    assert!(run.stderr.contains("note:"), "no note: {}", run.stderr);
    let (_, after) = book.check();
    assert_eq!(
        format!("{before:?}"),
        format!("{after:?}"),
        "a damaged cache changed the findings"
    );
    // Damaged: the right header, then an index length far past the end of the file
    // (read in place, never trusted to size a buffer).
    let header_end = {
        let mut lines = data.iter().enumerate().filter(|(_, b)| **b == b'\n');
        lines.nth(1).unwrap().0 + 1
    };
    let mut huge = data[..header_end].to_vec();
    huge.extend_from_slice(&[0xff; 8]);
    huge.extend_from_slice(b"0123456789");
    std::fs::write(&path, &huge).unwrap();
    let run = book.run(&["check", "--format", "json"]);
    assert!(run.stderr.contains("is damaged"), "no note: {}", run.stderr);
    assert!(run.stderr.contains(&name), "{}", run.stderr);
    assert_eq!(format!("{before:?}"), format!("{:?}", book.check().1));
    // The lint cache, damaged the same way.
    let lint = cache.join("check-lint.bin");
    let mut data = std::fs::read(&lint).unwrap();
    data.truncate(header_end + 10);
    std::fs::write(&lint, &data).unwrap();
    let run = book.run(&["check", "--format", "json"]);
    assert_eq!(
        notes(&run.stderr),
        ["note: .gtmbook/cache/check-lint.bin is damaged: ignored, and rebuilt from scratch"],
        "{}",
        run.stderr
    );
    assert_eq!(format!("{before:?}"), format!("{:?}", book.check().1));
    // Foreign: written by another binary.
    std::fs::write(&path, b"gtmbook cache 1\n0.0.1 1 2\nwhatever").unwrap();
    let run = book.run(&["check"]);
    assert!(
        run.stderr.contains("another version of gtmbook"),
        "{}",
        run.stderr
    );
    // Every file of the command from another binary (as after an upgrade): one note.
    for name in shards(&book, "check")
        .into_iter()
        .chain(["check-lint.bin".to_string()])
    {
        let path = cache.join(name);
        let data = std::fs::read(&path).unwrap();
        let mut lines = data.splitn(3, |b| *b == b'\n');
        let (magic, _, body) = (lines.next(), lines.next(), lines.next());
        let mut foreign = magic.unwrap().to_vec();
        foreign.extend_from_slice(b"\n0.0.1 1 2\n");
        foreign.extend_from_slice(body.unwrap());
        std::fs::write(&path, foreign).unwrap();
    }
    let run = book.run(&["check", "--format", "json"]);
    let noted = notes(&run.stderr);
    assert_eq!(noted.len(), 1, "{}", run.stderr);
    assert!(noted[0].contains("other cache files"), "{}", run.stderr);
    assert_eq!(format!("{before:?}"), format!("{:?}", book.check().1));
    assert!(notes(&book.run(&["check"]).stderr).is_empty());
    // The site record too: the next build rewrites what it must.
    for e in std::fs::read_dir(book.path().join(".gtmbook/cache")).unwrap() {
        let p = e.unwrap().path();
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("site-")
        {
            std::fs::write(&p, b"gtmbook cache 1\nnot this binary\n").unwrap();
        }
    }
    let built = book.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(built.stderr.contains("note:"), "{}", built.stderr);
}

#[test]
fn after_one_page_is_edited_only_its_shard_and_the_lint_cache_are_written_again() {
    let book = Book::sample();
    for command in ["build", "check"] {
        assert_eq!(book.run(&[command]).code, 0);
        // The documents are spread over the shards.
        assert!(
            shards(&book, command).len() >= 8,
            "{:?}",
            shards(&book, command)
        );
        let first = stamps(&book);
        // Nothing changed: no file of the command is written again.
        assert_eq!(book.run(&[command]).code, 0);
        let again = stamps(&book);
        assert_eq!(of(command, changed(&first, &again)), Vec::<String>::new());
        book.append(
            "content/handbook/writing-documents.md",
            &format!("\nA sentence added before a {command}.\n"),
        );
        assert_eq!(book.run(&[command]).code, 0);
        let edited = of(command, changed(&again, &stamps(&book)));
        let lint = format!("{command}-lint.bin");
        assert_eq!(edited.len(), 2, "{command}: {edited:?}");
        assert!(edited.contains(&lint), "{command}: {edited:?}");
        assert!(
            shards(&book, command).contains(&edited[0]),
            "{command}: {edited:?}"
        );
    }
    // The page edited before the check: built now, from the shard the check did not
    // touch.
    same_as_fresh(&book, "one page edited");
}

#[test]
fn a_damaged_shard_gives_one_note_and_the_same_site_and_findings_as_a_fresh_run() {
    let book = Book::sample();
    assert_eq!(book.build().code, 0);
    assert_eq!(book.run(&["check"]).code, 0);
    let cache = book.path().join(".gtmbook/cache");
    for command in ["build", "check"] {
        // The index cut short: the shard cannot be read at all.
        let name = largest_shard(&book, command);
        let path = cache.join(&name);
        let data = std::fs::read(&path).unwrap();
        let header_end = {
            let mut lines = data.iter().enumerate().filter(|(_, b)| **b == b'\n');
            lines.nth(1).unwrap().0 + 1
        };
        std::fs::write(&path, &data[..header_end + 12]).unwrap();
        let before = stamps(&book);
        let run = book.run(&[command, "--format", "json"]);
        assert_eq!(
            notes(&run.stderr),
            [format!(
                "note: .gtmbook/cache/{name} is damaged: ignored, and rebuilt from scratch"
            )],
            "{command}: {}",
            run.stderr
        );
        // Only the damaged shard is written again: the others, and the lint cache
        // (its documents parse to what they were), are untouched.
        assert_eq!(
            of(command, changed(&before, &stamps(&book))),
            std::slice::from_ref(&name)
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            data,
            "{command}: {name} rebuilt"
        );
        if command == "build" {
            same_site_as_fresh(&book, "a damaged shard");
        } else {
            let fresh = book.run(&["check", "--format", "json", "--no-cache"]);
            assert_eq!(
                run.stdout, fresh.stdout,
                "a damaged shard changed the findings"
            );
        }
        let next = book.run(&[command]);
        assert!(notes(&next.stderr).is_empty(), "{}", next.stderr);
    }
    // A file that is not gtmbook's where a shard goes: left alone, with a note.
    let name = largest_shard(&book, "build");
    let path = cache.join(&name);
    std::fs::write(&path, "my own notes\n").unwrap();
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("{name} is not a gtmbook cache file: left alone")),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own notes\n");
    same_site_as_fresh(&book, "a foreign file for a shard");
}

#[test]
fn the_single_cache_file_of_earlier_versions_is_removed_only_when_it_is_gtmbook_s() {
    let book = Book::sample();
    let cache = book.path().join(".gtmbook/cache");
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::write(
        cache.join("build.bin"),
        b"gtmbook cache 1\n0.1.0 16500808 1764777420\nevery parse",
    )
    .unwrap();
    std::fs::write(cache.join("check.bin"), "my own notes\n").unwrap();
    assert_eq!(book.build().code, 0);
    assert_eq!(book.run(&["check"]).code, 0);
    assert!(!book.exists(".gtmbook/cache/build.bin"));
    assert_eq!(book.read(".gtmbook/cache/check.bin"), "my own notes\n");
}

#[test]
fn the_cache_ignores_itself_for_git_and_is_never_followed_through_a_link() {
    let book = Book::sample();
    assert_eq!(book.run(&["check"]).code, 0);
    assert_eq!(book.read(".gtmbook/.gitignore").lines().last(), Some("*"));
    assert!(
        book.read(".gtmbook/CACHEDIR.TAG")
            .starts_with("Signature: ")
    );
    #[cfg(unix)]
    {
        let other = Book::sample();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), other.path().join(".gtmbook")).unwrap();
        let run = other.run(&["check"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stderr.contains("running without a cache"),
            "{}",
            run.stderr
        );
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}

#[test]
fn no_cache_neither_reads_nor_writes_the_cache() {
    let book = Book::sample();
    assert_eq!(book.run(&["check", "--no-cache"]).code, 0);
    assert_eq!(book.run(&["build", "--no-cache"]).code, 0);
    assert!(!book.exists(".gtmbook"));
}

/// The search terms a build kept: a damaged file costs one note and a recount, and the
/// site is still the same bytes as a fresh one.
#[test]
fn damaged_search_terms_are_counted_again_with_one_note() {
    let book = Book::sample();
    same_as_fresh(&book, "first build");
    let path = book.path().join(".gtmbook/cache/search.bin");
    let mut data = std::fs::read(&path).unwrap();
    data.truncate(data.len() - 5);
    std::fs::write(&path, &data).unwrap();
    book.append(
        "content/handbook/writing-documents.md",
        "\nA paragraph about zeppelins, a word no other page has.\n",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("search.bin is damaged").count(),
        1,
        "{}",
        run.stderr
    );
    same_as_fresh(&book, "after a damaged search cache");
    let site = book.output();
    let found = std::fs::read_dir(site.join("search"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .any(|text| text.contains("\"zeppelins\":["));
    assert!(found, "the new word is not in the index");
    let again = book.run(&["build"]);
    assert!(!again.stderr.contains("damaged"), "{}", again.stderr);
}
