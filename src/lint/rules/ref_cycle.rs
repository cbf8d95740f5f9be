//! `ref/cycle`: messages and claims whose texts cite each other in a circle.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::model::RefKind;
use crate::model::uses::prose_refs;
use crate::rules::REF_CYCLE;
use crate::source::Span;
use std::collections::HashMap;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let hb = ctx.hb;
    // Node: a message (`DOCID.MSGID`) or a claim id, with the references of its texts.
    type Edge<'a> = (&'a str, Span, &'a str);
    let mut edges: HashMap<(bool, &str), Vec<(bool, Edge)>> = HashMap::new();
    for d in &hb.docs {
        let source = hb.sources.text(d.file);
        for m in &d.messages {
            let list = edges.entry((true, m.full.as_str())).or_default();
            for f in std::iter::once(&m.text).chain(m.response.as_ref()) {
                push_refs(source, f, list);
            }
        }
        for c in &d.claims {
            let list = edges.entry((false, c.id.value.as_str())).or_default();
            push_refs(source, &c.text, list);
        }
    }
    edges.retain(|_, v| !v.is_empty());
    // Iterative depth-first search; a reference to a node on the current path closes a
    // circle. 0 = unseen, 1 = on the path, 2 = done.
    let mut state: HashMap<(bool, &str), u8> = HashMap::new();
    let mut starts: Vec<(bool, &str)> = edges.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        if state.get(&start).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut stack: Vec<((bool, &str), usize)> = vec![(start, 0)];
        state.insert(start, 1);
        while let Some((node, next)) = stack.last_mut() {
            let list = edges.get(node).map(Vec::as_slice).unwrap_or(&[]);
            let Some((is_msg, (id, span, token))) = list.get(*next) else {
                state.insert(*node, 2);
                stack.pop();
                continue;
            };
            *next += 1;
            let target = (*is_msg, *id);
            match state.get(&target).copied().unwrap_or(0) {
                1 => out.push(Diagnostic::new(
                    &REF_CYCLE,
                    *span,
                    format!(
                        "`{token}` leads back to `{}`: the texts cite each other in a circle",
                        node.1
                    ),
                )
                .help("references in front-matter prose are expanded one level deep; cite the words once")),
                0 if edges.contains_key(&target) => {
                    state.insert(target, 1);
                    stack.push((target, 0));
                }
                _ => {}
            }
        }
    }
}

/// The `{{msg:}}` and `{{claim:}}` references of one text, as edges (`true` = a message).
fn push_refs<'a>(
    source: &str,
    field: &'a crate::model::Sp<String>,
    list: &mut Vec<(bool, (&'a str, Span, &'a str))>,
) {
    for (kind, id, range) in prose_refs(&field.value) {
        let token = field.value.get(range).unwrap_or("");
        let span = super::ref_unknown::locate(source, field.span, token);
        match kind {
            RefKind::Msg => list.push((true, (id, span, token))),
            RefKind::Claim => list.push((false, (id, span, token))),
            RefKind::Persona => {}
        }
    }
}
