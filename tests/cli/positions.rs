//! Findings in front-matter prose point at the word in the file, however the YAML value
//! is written: plain or quoted over several lines, with escapes, or as a literal (`|`) or
//! folded (`>`) block scalar with any chomping.

use crate::support::*;

const CORE: &str = "content/messaging/core.md";

/// `(line, column)` of every `word` in `text` (1-based, columns in characters).
fn places(text: &str, word: &str) -> Vec<(u64, u64)> {
    text.match_indices(word)
        .map(|(at, _)| {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[line_start..].chars().count() + 1;
            (line as u64, column as u64)
        })
        .collect()
}

#[test]
fn avoided_words_in_every_style_of_message_text_point_at_the_word() {
    let book = Book::basic();
    let messages = "  - id: plain
    kind: pillar
    text: Plain text over
      two lines, the rota here.
  - id: single
    kind: pillar
    text: 'It''s single
      and the rota here.'
  - id: double
    kind: pillar
    text: \"Double \\\"quoted\\\" \\u00e9 and \\t the rota,
      then a second \\
      line, and the rota again.\"
  - id: folded
    kind: pillar
    text: >
      Folded text on
      a second line with the rota.

      And after a blank line, the rota.
  - id: folded-strip
    kind: pillar
    text: >-
      Folded stripped
      and the rota.
  - id: literal
    kind: pillar
    text: |
      Literal first
        more indented, the rota.
  - id: literal-keep
    kind: pillar
    text: |+
      Literal kept
      then the rota.

  - id: last
    kind: pillar
    text: Last, one line with the rota.
";
    let core = book
        .read(CORE)
        .replace("messages:\n", &format!("messages:\n{messages}"));
    book.write(CORE, &core);
    let want = places(&core, "rota");
    assert_eq!(want.len(), 10, "{core}");
    let (_, findings) = book.check();
    let got: Vec<(u64, u64)> = findings
        .iter()
        .filter(|f| f.rule == "term/avoid" && f.file == CORE)
        .map(|f| (f.line, f.column))
        .collect();
    assert_eq!(got, want, "{findings:#?}");
}

#[test]
fn banned_and_miscased_words_in_folded_front_matter_point_at_the_word() {
    let book = Book::basic();
    book.replace(
        CORE,
        "title: Message house\n",
        "title: Message house\ndescription: >-\n  How we talk about the product,\n  \
         in world-class words\n\n  for example product buyers.\n",
    );
    let core = book.read(CORE);
    let (_, findings) = book.check();
    let at = |rule: &str| -> Vec<(u64, u64)> {
        findings
            .iter()
            .filter(|f| f.rule == rule && f.file == CORE)
            .map(|f| (f.line, f.column))
            .collect()
    };
    assert_eq!(
        at("term/banned"),
        places(&core, "world-class"),
        "{findings:#?}"
    );
    assert_eq!(
        at("term/case"),
        places(&core, "example product"),
        "{findings:#?}"
    );
}
