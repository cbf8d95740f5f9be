//! Finds the front-matter block: a first line of exactly `---` (YAML) or `+++` (TOML, as
//! Hugo writes it) and the next line of the same fence (trailing spaces and `\r`
//! allowed). A UTF-8 BOM is skipped. Blank lines before the opening fence are skipped
//! too, but then the block must be closed: an unclosed `---` after blank lines is a
//! thematic break of the body, not front-matter.

/// The language of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

impl Format {
    pub fn fence(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Split {
    None,
    /// Opened but never closed.
    Unclosed {
        yaml_start: usize,
        /// Offset of the opening fence.
        fence: usize,
        format: Format,
    },
    /// `yaml_start..yaml_end` is the YAML (or TOML); the body starts at `body_start`.
    Block {
        yaml_start: usize,
        yaml_end: usize,
        body_start: usize,
        /// Offset of the opening fence: after the BOM, or after blank lines.
        fence: usize,
        format: Format,
        /// Blank lines come before the opening fence.
        leading_blank: bool,
    },
}

fn fence_of(line: &str) -> Option<Format> {
    match line.trim_end_matches(['\r', ' ', '\t', '\n']) {
        "---" => Some(Format::Yaml),
        "+++" => Some(Format::Toml),
        _ => None,
    }
}

/// The end (after its `\n`) of the line starting at `pos`.
fn line_end(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|r| r.find('\n'))
        .map(|i| pos + i + 1)
        .unwrap_or(text.len())
}

pub fn split(text: &str) -> Split {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // Skip blank lines before the fence.
    let mut fence = bom;
    loop {
        let end = line_end(text, fence);
        let line = text.get(fence..end).unwrap_or("");
        if end > fence && line.trim().is_empty() && end < text.len() {
            fence = end;
        } else {
            break;
        }
    }
    let leading_blank = fence > bom;
    let first_end = line_end(text, fence);
    let Some(format) = fence_of(text.get(fence..first_end).unwrap_or("")) else {
        return Split::None;
    };
    let yaml_start = first_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = line_end(text, pos);
        if fence_of(text.get(pos..end).unwrap_or("")) == Some(format) {
            return Split::Block {
                yaml_start,
                yaml_end: pos,
                body_start: end,
                fence,
                format,
                leading_blank,
            };
        }
        pos = end;
    }
    if leading_blank {
        return Split::None;
    }
    Split::Unclosed {
        yaml_start,
        fence,
        format,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(yaml_start: usize, yaml_end: usize, body_start: usize) -> Split {
        Split::Block {
            yaml_start,
            yaml_end,
            body_start,
            fence: 0,
            format: Format::Yaml,
            leading_blank: false,
        }
    }

    #[test]
    fn splits() {
        assert_eq!(split("# hi\n"), Split::None);
        assert_eq!(split("---\ntitle: x\n---\nbody"), block(4, 13, 17));
        assert_eq!(split("---\r\na: 1\r\n---\r\n"), block(5, 11, 16));
        assert_eq!(
            split("---\ntitle: x\n"),
            Split::Unclosed {
                yaml_start: 4,
                fence: 0,
                format: Format::Yaml
            }
        );
        assert_eq!(split("---\n---\n"), block(4, 4, 8));
        assert_eq!(split(""), Split::None);
    }

    #[test]
    fn toml_bom_and_blank_lines() {
        assert_eq!(
            split("+++\ntitle = \"x\"\n+++\n"),
            Split::Block {
                yaml_start: 4,
                yaml_end: 16,
                body_start: 20,
                fence: 0,
                format: Format::Toml,
                leading_blank: false,
            }
        );
        // A `---` does not close a `+++` block.
        assert!(matches!(split("+++\na = 1\n---\n"), Split::Unclosed { .. }));
        assert_eq!(
            split("\u{feff}---\na: 1\n---\n"),
            Split::Block {
                yaml_start: 7,
                yaml_end: 12,
                body_start: 16,
                fence: 3,
                format: Format::Yaml,
                leading_blank: false,
            }
        );
        assert_eq!(
            split("\n \n---\na: 1\n---\nbody"),
            Split::Block {
                yaml_start: 7,
                yaml_end: 12,
                body_start: 16,
                fence: 3,
                format: Format::Yaml,
                leading_blank: true,
            }
        );
        // After blank lines, an unclosed fence is a thematic break.
        assert_eq!(split("\n\n---\n\ntext\n"), Split::None);
        assert_eq!(split("\n\n\n"), Split::None);
    }
}
