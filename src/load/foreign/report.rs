//! The `syntax/foreign` findings of a file: one per kind of syntax, at its first token,
//! with the count and the lines of the others.

use super::token::{Fate, Found, Kind};

/// One finding per kind of syntax in a file, at its first token, with the count and the
/// lines of the others: a page with 300 attribute lists gets one finding, not 300.
pub fn report(
    found: &[Found],
    file: &crate::source::SourceFile,
    id: crate::source::FileId,
    offset: usize,
    diags: &mut Vec<crate::diagnostics::Diagnostic>,
) {
    use crate::diagnostics::Diagnostic;
    use crate::rules::SYNTAX_FOREIGN as RULE;
    let mut by_kind: std::collections::BTreeMap<Kind, Vec<&Found>> = Default::default();
    for f in found {
        by_kind.entry(f.kind).or_default().push(f);
    }
    for (kind, all) in by_kind {
        let Some(first) = all.first() else { continue };
        let start = offset + first.range.start;
        let end = offset + first.range.end;
        let token = file.text.get(start..end).unwrap_or("");
        let line = token.lines().next().unwrap_or("");
        let mut shown: String = line.chars().take(60).collect();
        if shown.len() < token.len() {
            shown.push('…');
        }
        let verb = if kind == Kind::Kramdown {
            "read"
        } else {
            "run"
        };
        let fate = match &first.fate {
            Fate::Dropped => "it is left out of the page".to_string(),
            Fate::DroppedWith(what) => format!("it is left out of the page, with {what}"),
            Fate::Replaced(arg) => format!("the link goes to its argument `{arg}`"),
            Fate::HeadingId(hid) => {
                format!("the heading above takes the id `{hid}`, the rest is left out")
            }
            Fate::Raw => {
                "it is left out, and the text up to its end tag is shown as it is".to_string()
            }
        };
        let what = if kind == Kind::Mdx && token.starts_with('<') {
            "a JSX component, or a tag no browser shows"
        } else {
            kind.name()
        };
        let mut message = format!("`{shown}` is {what}, which gtmbook does not {verb}: {fate}");
        if all.len() > 1 {
            message.push_str(&format!(" ({} {} in this file)", all.len(), kind.plural()));
        }
        let help = match kind {
            Kind::Kramdown => {
                "every gtmbook page has its own table of contents, and a heading takes an id written `## Heading {#id}`: delete the attribute list"
            }
            Kind::Mdx => {
                "write the component's content as Markdown (or HTML), and delete `import`/`export` lines"
            }
            _ => {
                "gtmbook has no template language: write out the text or the link the tag stood for (`{{msg:…}}` and `{{claim:…}}` share text between pages)"
            }
        };
        let mut d =
            Diagnostic::new(&RULE, crate::source::Span::new(id, start, end), message).help(help);
        let mut lines: Vec<usize> = all
            .iter()
            .skip(1)
            .map(|f| file.line_of(offset + f.range.start))
            .collect();
        lines.dedup();
        if !lines.is_empty() {
            const SHOWN: usize = 12;
            let list: Vec<String> = lines.iter().take(SHOWN).map(|l| l.to_string()).collect();
            let more = lines.len().saturating_sub(SHOWN);
            let mut note = format!(
                "the others are on line{} {}",
                if lines.len() > 1 { "s" } else { "" },
                list.join(", ")
            );
            if more > 0 {
                note.push_str(&format!(" and {more} more"));
            }
            d = d.note(note);
        }
        diags.push(d);
    }
}
