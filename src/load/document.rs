//! A document from a file's text: front matter split and read, foreign syntax
//! scanned, the body analysed, and the title, kind and address worked out.

use super::foreign;
use super::frontmatter;
use super::markdown;
use super::reading::{Purpose, Reading};
use super::schema;
use super::yaml;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use crate::source::{FileId, SourceFile, Span};

/// Build a document from a file's text.
pub fn parse_document(
    r: &Reading,
    id: FileId,
    file: &SourceFile,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Document {
    let Reading {
        base_url,
        layout,
        purpose,
        options,
        ..
    } = *r;
    let text = file.text.as_str();
    let mut split = frontmatter::split(text);
    let mut parsed = None;
    if let frontmatter::Split::Block {
        yaml_start,
        yaml_end,
        format,
        leading_blank,
        ..
    } = split
    {
        let fm_text = text.get(yaml_start..yaml_end).unwrap_or("");
        let result = match format {
            frontmatter::Format::Yaml => yaml::parse(fm_text),
            frontmatter::Format::Toml => yaml::parse_toml(fm_text),
        };
        // After blank lines, only a block of keys and values is front-matter; anything
        // else (`---` as a thematic break, a setext heading) is the body's.
        if leading_blank
            && !matches!(&result, Ok(Some(n)) if matches!(n.value, yaml::Value::Map(_)))
        {
            split = frontmatter::Split::None;
        } else {
            parsed = Some(result);
        }
    }
    let mut fields = schema::Fields::default();
    let mut fm_span = None;
    // The front-matter could not be read: its title is unknown, not missing.
    let mut fm_broken = false;
    let body_start;
    match split {
        frontmatter::Split::None => body_start = 0,
        frontmatter::Split::Unclosed { fence, format, .. } => {
            let f = format.fence();
            diags.push(
                Diagnostic::new(
                    &crate::rules::FRONTMATTER_SYNTAX,
                    Span::new(id, fence, (fence + 3).min(text.len())),
                    format!("front-matter is not closed: no line `{f}` after the opening one"),
                )
                .help(format!("end the front-matter with a line of exactly `{f}`")),
            );
            fm_broken = true;
            body_start = 0;
        }
        frontmatter::Split::Block {
            yaml_start,
            yaml_end,
            body_start: b,
            fence,
            format,
            leading_blank,
        } => {
            body_start = b;
            fm_span = Some(Span::new(id, yaml_start, yaml_end));
            if leading_blank {
                diags.push(
                    Diagnostic::new(
                        &crate::rules::FRONTMATTER_PLACEMENT,
                        Span::new(id, fence, fence + 3),
                        "front-matter should start on the first line; other tools will show it as text",
                    )
                    .help("delete the blank lines above it"),
                );
            }
            match parsed.unwrap_or(Ok(None)) {
                Ok(Some(node)) => {
                    fields = schema::read(&node, id, yaml_start, options, diags);
                }
                Ok(None) => {}
                Err(e) => {
                    let offset = match (e.offset, e.line_col) {
                        (Some(o), _) => yaml_start + o,
                        (None, Some((l, c))) => {
                            let (first_line, _) = file.line_col(yaml_start);
                            let ls = file.line_start(first_line + l.saturating_sub(1));
                            ls + c.saturating_sub(1)
                        }
                        _ => yaml_start,
                    };
                    let offset = offset.min(yaml_end);
                    fm_broken = true;
                    diags.push(Diagnostic::new(
                        &crate::rules::FRONTMATTER_SYNTAX,
                        Span::new(id, offset, offset),
                        format!("front-matter is not valid {}: {}", format.name(), e.message),
                    ));
                }
            }
        }
    }

    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = page_stem(name).unwrap_or(name);
    let folder = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    // The address: path, language folder, then `slug` and `permalink`.
    let addr = address(rel, layout);
    let is_section = addr.is_section;
    let (url, url_span) = match (&fields.permalink, &fields.slug) {
        (Some(p), _) => (p.value.clone(), Some(p.span)),
        (None, Some(s)) if !addr.url.is_empty() => {
            let parent = addr
                .url
                .trim_end_matches('/')
                .rsplit_once('/')
                .map(|(p, _)| p)
                .unwrap_or("");
            let url = if parent.is_empty() {
                format!("{}/", s.value)
            } else {
                format!("{parent}/{}/", s.value)
            };
            (url, Some(s.span))
        }
        _ => (addr.url.clone(), None),
    };
    let lang = fields
        .lang
        .take()
        .map(|l| l.value)
        .unwrap_or_else(|| addr.lang.clone());
    // Other generators' syntax: named, and blanked out (offsets kept) before parsing.
    let raw_body = text.get(body_start..).unwrap_or("");
    let foreign = foreign::scan(raw_body);
    foreign::report(&foreign.found, file, id, body_start, diags);
    let body_text = foreign.apply(raw_body);
    let body = markdown::analyze(&markdown::Input {
        file: id,
        text: &body_text,
        offset: body_start,
        folder,
        base_url,
        take_title: fields.title.is_none(),
        html: purpose == Purpose::Build,
    });
    let kind = fields.kind.unwrap_or(DocType::Page);
    let start_span = fm_span
        .map(|s| Span::new(id, s.start, s.start))
        .unwrap_or(Span::new(id, 0, 0));
    let title = match (fields.title.take(), &body.title) {
        (Some(t), _) if !t.value.trim().is_empty() => t,
        (Some(t), Some(h)) => {
            let _ = t;
            h.clone()
        }
        (Some(t), None) => {
            diags.push(Diagnostic::new(
                &crate::rules::FRONTMATTER_SCHEMA,
                t.span,
                "the title is empty",
            ));
            Sp::new(humanize(stem, folder), t.span)
        }
        (None, Some(h)) => h.clone(),
        (None, None) if fm_broken => Sp::new(humanize(stem, folder), start_span),
        (None, None) => {
            diags.push(
                Diagnostic::new(
                    &crate::rules::FRONTMATTER_SCHEMA,
                    start_span,
                    "no title: add `title:` to the front-matter or start the body with a `# ` heading",
                )
                .help("every document needs a title for navigation and search"),
            );
            Sp::new(humanize(stem, folder), start_span)
        }
    };
    let default_id = if is_section {
        addr.dir
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("home")
            .to_string()
    } else {
        stem.to_string()
    };
    let id_explicit = fields.id.is_some() || kind != DocType::Page;
    let doc_id = fields
        .id
        .take()
        .unwrap_or_else(|| Sp::new(default_id, fields.type_span.unwrap_or(start_span)));
    let messages = std::mem::take(&mut fields.messages)
        .into_iter()
        .map(|m| Message {
            full: format!("{}.{}", doc_id.value, m.id.value),
            id: m.id,
            kind: m.kind,
            html: super::inline::parse(&m.text.value),
            text: m.text,
            response: m.response,
            channels: m.channels,
            proof: m.proof,
            status: m.status,
            span: m.span,
        })
        .collect();
    Document {
        file: id,
        path: file.path.clone(),
        rel: rel.to_string(),
        url,
        url_span,
        is_section,
        dir: addr.dir,
        lang,
        aliases: std::mem::take(&mut fields.aliases),
        id: doc_id,
        id_explicit,
        kind,
        title,
        owner: fields.owner,
        reviewed: fields.reviewed,
        review_every: fields.review_every,
        status: fields
            .status
            .unwrap_or(Sp::new(Status::Approved, start_span)),
        weight: fields.weight.unwrap_or(0),
        description: fields.description,
        tags: fields.tags,
        audience: fields.audience,
        channels: fields.channels,
        allow: fields.allow,
        messages,
        claims: fields.claims,
        persona: fields.persona,
        positioning: fields.positioning,
        competitor: fields.competitor,
        playbook: fields.playbook,
        glossary: fields.glossary,
        body,
        front_matter: fm_span,
        key: 0,
    }
}

/// A readable title from a file name, used when a document has none.
fn humanize(stem: &str, folder: &str) -> String {
    let name = if is_index_stem(stem) {
        folder
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("Home")
    } else {
        stem
    };
    let words = name.replace(['-', '_'], " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => "Untitled".into(),
    }
}
