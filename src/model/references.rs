//! `{{kind:id}}` references in text: where they are and what they name.

use super::RefKind;

/// Find `{{kind:id}}` tokens: `(start, end, kind, id)` with byte offsets in `text`.
/// Only `msg:`, `claim:` and `persona:` are references; other `{{…}}` stays text.
pub fn scan_refs(text: &str) -> Vec<(usize, usize, RefKind, String)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(pos) = text.get(i..).and_then(|r| r.find("{{")) {
        let start = i + pos;
        i = start + 2;
        if start > 0 && bytes.get(start - 1) == Some(&b'\\') {
            continue;
        }
        let Some(close) = text.get(start + 2..).and_then(|r| r.find("}}")) else {
            break;
        };
        let inner = text.get(start + 2..start + 2 + close).unwrap_or("").trim();
        let Some((kind, id)) = inner.split_once(':') else {
            continue;
        };
        let kind = match kind.trim() {
            "msg" => RefKind::Msg,
            "claim" => RefKind::Claim,
            "persona" => RefKind::Persona,
            _ => continue,
        };
        let id = id.trim();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            continue;
        }
        let end = start + 2 + close + 2;
        found.push((start, end, kind, id.to_string()));
        i = end;
    }
    found
}
