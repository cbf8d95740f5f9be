//! Completion: ids inside `{{msg:` / `{{claim:` / `{{persona:` (with the text as detail,
//! retired messages marked deprecated), and link targets inside `[text](…)`: documents
//! by their path from the current file, and `#anchor`s of the target's headings.

use super::position::{Encoding, range};
use crate::model::{Document, Handbook, Status};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemTag, CompletionTextEdit, Documentation,
    TextEdit,
};

/// What the cursor is in.
enum Context<'a> {
    /// `{{kind:partial`
    Ref { kind: &'a str, partial: &'a str },
    /// `](path#partial` (`path` may be empty: this page).
    Anchor { path: &'a str, partial: &'a str },
    /// `](partial`
    Link { partial: &'a str },
}

fn context(line: &str) -> Option<Context<'_>> {
    if let Some(open) = line.rfind("{{")
        && !line.get(open..).is_some_and(|r| r.contains("}}"))
    {
        let inner = line.get(open + 2..)?.trim_start();
        let (kind, partial) = inner.split_once(':')?;
        let partial = partial.trim_start();
        if ["msg", "claim", "persona"].contains(&kind.trim())
            && partial
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Some(Context::Ref {
                kind: kind.trim(),
                partial,
            });
        }
        return None;
    }
    let open = line.rfind("](")?;
    let target = line.get(open + 2..)?;
    if target.contains([')', ' ', '\t']) || target.contains("://") {
        return None;
    }
    Some(match target.split_once('#') {
        Some((path, partial)) => Context::Anchor { path, partial },
        None => Context::Link { partial: target },
    })
}

/// The path from folder `from` (from the content root, empty at the root) to `to`.
fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(to_parts.iter().skip(common));
    out.join("/")
}

/// The folder of a content path (`sales` for `sales/first-call.md`).
fn folder(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Join a relative `.md` link onto a folder, resolving `.` and `..`.
fn join(dir: &str, link: &str) -> String {
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for p in link.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Completion items at byte `at` of `text`, the file of document `doc` (if it is one).
pub fn complete(
    hb: &Handbook,
    doc: Option<&Document>,
    text: &str,
    at: usize,
    enc: Encoding,
) -> Vec<CompletionItem> {
    let line_start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let Some(line) = text.get(line_start..at) else {
        return Vec::new();
    };
    let Some(ctx) = context(line) else {
        return Vec::new();
    };
    let partial = match &ctx {
        Context::Ref { partial, .. }
        | Context::Anchor { partial, .. }
        | Context::Link { partial } => partial.len(),
    };
    let edit_range = range(text, at - partial, at, enc);
    let item =
        |label: String, detail: String, kind: CompletionItemKind, retired: bool| CompletionItem {
            label: label.clone(),
            kind: Some(kind),
            detail: Some(detail),
            deprecated: retired.then_some(true),
            tags: retired.then(|| vec![CompletionItemTag::DEPRECATED]),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(edit_range, label))),
            ..CompletionItem::default()
        };
    let here = doc.map(|d| d.rel.as_str()).unwrap_or("");
    let mut items: Vec<CompletionItem> = match ctx {
        Context::Ref { kind: "msg", .. } => hb
            .docs
            .iter()
            .flat_map(|d| &d.messages)
            .map(|m| {
                let mut it = item(
                    m.full.clone(),
                    m.text.value.clone(),
                    CompletionItemKind::TEXT,
                    m.status == Status::Retired,
                );
                it.documentation = Some(Documentation::String(format!(
                    "{} · {}",
                    m.kind.value,
                    m.status.as_str()
                )));
                it
            })
            .collect(),
        Context::Ref { kind: "claim", .. } => hb
            .docs
            .iter()
            .flat_map(|d| &d.claims)
            .map(|c| {
                item(
                    c.id.value.clone(),
                    c.text.value.clone(),
                    CompletionItemKind::VALUE,
                    false,
                )
            })
            .collect(),
        Context::Ref { .. } => {
            let mut ids: Vec<(&String, &usize)> = hb.personas.iter().collect();
            ids.sort();
            ids.into_iter()
                .filter_map(|(id, i)| {
                    let d = hb.docs.get(*i)?;
                    Some(item(
                        id.clone(),
                        d.title.value.clone(),
                        CompletionItemKind::REFERENCE,
                        d.status.value == Status::Retired,
                    ))
                })
                .collect()
        }
        Context::Link { .. } => hb
            .docs
            .iter()
            .filter(|d| d.rel != here)
            .map(|d| {
                item(
                    relative(folder(here), &d.rel),
                    d.title.value.clone(),
                    CompletionItemKind::FILE,
                    d.status.value == Status::Retired,
                )
            })
            .collect(),
        Context::Anchor { path, .. } => {
            let target = if path.is_empty() {
                doc
            } else {
                let rel = join(folder(here), path);
                hb.by_rel.get(&rel).and_then(|i| hb.docs.get(*i))
            };
            target
                .map(|d| {
                    d.body
                        .headings
                        .iter()
                        .map(|h| {
                            item(
                                h.id.clone(),
                                h.title.clone(),
                                CompletionItemKind::REFERENCE,
                                false,
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        }
    };
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_between_folders() {
        assert_eq!(relative("sales", "personas/ops.md"), "../personas/ops.md");
        assert_eq!(relative("", "sales/a.md"), "sales/a.md");
        assert_eq!(relative("sales", "sales/a.md"), "a.md");
        assert_eq!(join("sales", "../personas/ops.md"), "personas/ops.md");
    }

    #[test]
    fn contexts() {
        assert!(matches!(
            context("see {{msg:plat"),
            Some(Context::Ref {
                kind: "msg",
                partial: "plat"
            })
        ));
        assert!(context("{{msg:a}} and").is_none());
        assert!(matches!(
            context("[x](../a.md#pa"),
            Some(Context::Anchor {
                path: "../a.md",
                partial: "pa"
            })
        ));
        assert!(matches!(
            context("[x](../a"),
            Some(Context::Link { partial: "../a" })
        ));
    }
}
