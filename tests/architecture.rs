//! The invariants of `docs/architecture.md` that the compiler does not enforce, checked
//! by reading the source: no import circle between files, `model`, `lint` and `render`
//! free of the disk, the environment and the clock, no file over 600 lines, and a code
//! map that names every file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, as a path relative to the repository (`src/lint/mod.rs`).
fn source_files() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(root()).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("src"), &mut out);
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// The source without comments, string and char literals, and without the file's
/// `#[cfg(test)]` module (tests may use anything).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if c == b'r'
            && matches!(b.get(i + 1), Some(b'"') | Some(b'#'))
            && !b[..i]
                .last()
                .is_some_and(|p| p.is_ascii_alphanumeric() || *p == b'_')
        {
            // raw string r"…" / r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push(c as char);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == b'"'
                    && b[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|h| **h == b'#')
                        .count()
                        == hashes
                {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == b'\'' {
            // a char literal ('a', '\n', '\u{..}') or a lifetime ('a)
            let close = if b.get(i + 1) == Some(&b'\\') {
                b[i + 2..]
                    .iter()
                    .position(|x| *x == b'\'')
                    .map(|p| i + 2 + p)
            } else if b.get(i + 2) == Some(&b'\'') {
                Some(i + 2)
            } else {
                // a multi-byte char literal such as '…'
                let s = &text[i + 1..];
                s.chars()
                    .next()
                    .filter(|ch| s[ch.len_utf8()..].starts_with('\''))
                    .map(|ch| i + 1 + ch.len_utf8())
            };
            match close {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The module path of a file: `src/lint/rules/term_avoid.rs` → `["lint", "rules", "term_avoid"]`.
fn module_of(file: &str) -> Vec<String> {
    let rel = file.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// The file that defines the longest prefix of `path` (a module path from the crate root).
fn file_of(path: &[String], modules: &BTreeMap<Vec<String>, String>) -> Option<String> {
    (1..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n]).cloned())
}

/// The child modules a file declares (`mod x;`, `pub mod x;`, `pub(crate) mod x;`).
fn children_declared(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.split_once("mod ")?;
            let head = rest.0.trim();
            if !(head.is_empty() || head.starts_with("pub")) || !rest.1.trim_end().ends_with(';') {
                return None;
            }
            Some(rest.1.trim_end().trim_end_matches(';').trim().to_string())
        })
        .collect()
}

/// A path that ends at a folder module (`crate::model::Status`) names an item that the
/// folder's `mod.rs` may only re-export: the file that defines the item is the one
/// imported. Files that define it are searched among the folder's own files.
fn defining_file(
    target: String,
    path: &[String],
    modules: &BTreeMap<Vec<String>, String>,
) -> String {
    let module = module_of(&target);
    let Some(item) = path.get(module.len()) else {
        return target;
    };
    if defines(&code_of(&read(&target)), item) {
        return target;
    }
    modules
        .iter()
        .filter(|(m, _)| m.len() == module.len() + 1 && m.starts_with(&module))
        .find(|(_, f)| defines(&code_of(&read(f)), item))
        .map_or(target, |(_, f)| f.clone())
}

/// Whether `code` defines an item called `name` at any depth (good enough: names are
/// unique enough within one folder).
fn defines(code: &str, name: &str) -> bool {
    [
        "fn", "struct", "enum", "type", "const", "static", "trait", "mod", "union",
    ]
    .iter()
    .any(|k| {
        let pat = format!("{k} {name}");
        code.match_indices(&pat).any(|(i, _)| {
            let after = code[i + pat.len()..].chars().next();
            let before = code[..i].chars().last();
            !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    }) || code.contains(&format!("macro_rules! {name}"))
}

/// Paths written in `use` items (with `{…}` groups expanded), inline `crate::…` /
/// `super::…` / `self::…` paths, and inline paths through a child module the file
/// declares (`lint::run` in `lib.rs`).
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // `use` items, up to their `;`.
    let mut rest = code;
    while let Some(i) = find_word(rest, "use") {
        let after = &rest[i + 3..];
        let Some(end) = after.find(';') else { break };
        let tree = after[..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let tree = ["::", "{", "}", ","].iter().fold(tree, |t, p| {
            t.replace(&format!(" {p}"), p).replace(&format!("{p} "), p)
        });
        expand(&tree, &mut Vec::new(), &mut out);
        rest = &after[end..];
    }
    // Inline paths.
    let children: Vec<String> = children_declared(code)
        .into_iter()
        .map(|c| format!("{c}::"))
        .collect();
    let starts = ["crate::", "super::", "self::"]
        .iter()
        .map(|s| s.to_string())
        .chain(children);
    for start in starts {
        let start = start.as_str();
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if code[..at]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
            {
                continue;
            }
            let text = code[at..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("");
            // `super::{a, b}` and `super::*` in a `use` item were expanded above.
            if matches!(code[at + text.len()..].chars().next(), Some('{' | '*')) {
                continue;
            }
            let path: Vec<String> = text
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            out.push(path);
        }
    }
    out
}

fn find_word(s: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(word) {
        let at = from + i;
        let before = s[..at].chars().last();
        let after = s[at + word.len()..].chars().next();
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        if !before.is_some_and(ident) && after.is_some_and(char::is_whitespace) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// `a::{b::c,d}` → `a::b::c`, `a::d`.
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut depth = 0;
    let mut start = 0;
    let mut items = Vec::new();
    for (i, c) in tree.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&tree[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&tree[start..]);
    for item in items.into_iter().filter(|s| !s.is_empty()) {
        if let Some(open) = item.find('{') {
            let head: Vec<String> = item[..open]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let n = prefix.len();
            prefix.extend(head);
            expand(&item[open + 1..item.len() - 1], prefix, out);
            prefix.truncate(n);
        } else {
            let mut p = prefix.clone();
            let item = item.split(" as ").next().unwrap_or(item);
            p.extend(
                item.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
            out.push(p);
        }
    }
}

/// The files each file imports, by module path resolved to the file that defines it.
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = source_files();
    let lib_files: Vec<&String> = files
        .iter()
        .filter(|f| f.as_str() != "src/main.rs")
        .collect();
    let modules: BTreeMap<Vec<String>, String> = lib_files
        .iter()
        .map(|f| (module_of(f), (*f).clone()))
        .collect();
    let mut graph = BTreeMap::new();
    for file in &lib_files {
        let here = module_of(file);
        let code = code_of(&read(file));
        let mut to = BTreeSet::new();
        for path in paths_in(&code) {
            let Some(first) = path.first() else { continue };
            let absolute: Vec<String> = match first.as_str() {
                "crate" => path[1..].to_vec(),
                "super" => {
                    let mut base = here.clone();
                    let mut rest = &path[..];
                    while rest.first().is_some_and(|s| s == "super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    base.extend(rest.iter().cloned());
                    base
                }
                "self" => here.iter().chain(&path[1..]).cloned().collect(),
                // A path relative to this module: a child module it declares.
                _ => {
                    let mut child = here.clone();
                    child.push(first.clone());
                    if !modules.contains_key(&child) {
                        continue;
                    }
                    here.iter().chain(&path).cloned().collect()
                }
            };
            if let Some(target) =
                file_of(&absolute, &modules).map(|t| defining_file(t, &absolute, &modules))
            {
                // A module path that only names a folder (`crate::lint`) is its `mod.rs`;
                // naming a parent module on the way to a child is not an import of it.
                if target != **file && absolute.len() >= module_of(&target).len() {
                    to.insert(target);
                }
            }
        }
        graph.insert((*file).clone(), to);
    }
    graph
}

/// Strongly connected components with more than one file (Tarjan).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        let g = t.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = t.stack.pop().unwrap();
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn no_file_imports_itself_through_others() {
    let graph = import_graph();
    let found = circles(&graph);
    let mut report = String::new();
    for c in &found {
        report.push_str(&format!("circle of {} files:\n", c.len()));
        for f in c {
            for t in graph[f].iter().filter(|t| c.contains(t)) {
                report.push_str(&format!("  {f} -> {t}\n"));
            }
        }
    }
    assert!(found.is_empty(), "import circles:\n{report}");
}

#[test]
fn the_graph_reader_sees_imports() {
    // The reader itself must find what is there, or the test above proves nothing.
    let graph = import_graph();
    assert!(
        graph["src/lib.rs"].contains("src/lint/mod.rs"),
        "{:?}",
        graph["src/lib.rs"]
    );
    assert!(graph.values().map(BTreeSet::len).sum::<usize>() > 50);
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["a".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]
    .into();
    assert_eq!(circles(&g), vec![vec!["a".to_string(), "b".to_string()]]);
    let mut paths = Vec::new();
    expand("crate::{a::{b,c},d}", &mut Vec::new(), &mut paths);
    assert_eq!(paths.len(), 3);
    assert_eq!(paths[0], ["crate", "a", "b"]);
}

/// `model`, `lint` and `render` compute; they never touch the disk, the environment or
/// the clock (their callers pass file contents, `today` and timing switches in).
#[test]
fn model_lint_and_render_are_pure() {
    let forbidden = [
        "std::fs",
        "fs::",
        "std::env",
        "env::var",
        "SystemTime",
        "Instant",
        "std::process",
        "std::net",
    ];
    let mut found = Vec::new();
    for file in source_files() {
        if !["src/model/", "src/lint/", "src/render/"]
            .iter()
            .any(|p| file.starts_with(p))
        {
            continue;
        }
        let code = code_of(&read(&file));
        for (n, line) in code.lines().enumerate() {
            // As a path of its own: `refs::` is not `fs::`.
            let named = |f: &str| {
                line.match_indices(f).any(|(i, _)| {
                    !line[..i]
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            };
            if forbidden.iter().any(|f| named(f)) {
                found.push(format!("{file}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "impure code:\n{}", found.join("\n"));
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = source_files()
        .into_iter()
        .map(|f| (read(&f).lines().count(), f))
        .filter(|(n, _)| *n > 600)
        .map(|(n, f)| format!("{f}: {n} lines"))
        .collect();
    assert!(long.is_empty(), "split these:\n{}", long.join("\n"));
}

#[test]
fn every_source_file_has_a_line_saying_its_job_and_is_in_the_code_map() {
    let map = read("docs/architecture.md");
    let mut missing = Vec::new();
    for file in source_files() {
        let text = read(&file);
        if !text.trim_start().starts_with("//!") {
            missing.push(format!("{file}: no `//!` line"));
        }
        // The map names a file by its path, or a folder's files by name in the folder's row.
        let name = file.rsplit('/').next().unwrap_or(&file);
        let folder = file.rsplit_once('/').map_or("", |(d, _)| d);
        let row = |l: &&str| l.starts_with(&format!("| `{folder}/`"));
        // A folder of rule checks is named by its convention, `<rule>.rs`, which holds
        // when the file is named after a rule in the table (`src/rules/<name>.md`).
        let by_convention = name.strip_suffix(".rs").is_some_and(|stem| {
            root().join(format!("src/rules/{stem}.md")).is_file()
                && map.lines().filter(row).any(|l| l.contains("`<rule>.rs`"))
        });
        let named = map.contains(&format!("`{file}`"))
            || by_convention
            || map
                .lines()
                .filter(row)
                .any(|l| l.contains(&format!("`{name}`")));
        if !named {
            missing.push(format!("{file}: not in docs/architecture.md"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
