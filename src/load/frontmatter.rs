//! Finds the YAML front-matter block: a first line of exactly `---` and the next line
//! of exactly `---` (trailing spaces and `\r` allowed; a UTF-8 BOM is skipped).

#[derive(Debug, PartialEq, Eq)]
pub enum Split {
    None,
    /// Opened but never closed.
    Unclosed {
        yaml_start: usize,
    },
    /// `yaml_start..yaml_end` is the YAML; the body starts at `body_start`.
    Block {
        yaml_start: usize,
        yaml_end: usize,
        body_start: usize,
    },
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', ' ', '\t']) == "---"
}

pub fn split(text: &str) -> Split {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = text.get(start..).unwrap_or("");
    let first_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if !is_fence(rest.get(..first_end).unwrap_or("").trim_end_matches('\n')) {
        return Split::None;
    }
    let yaml_start = start + first_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let line_end = text
            .get(pos..)
            .and_then(|r| r.find('\n'))
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        let line = text.get(pos..line_end).unwrap_or("").trim_end_matches('\n');
        if is_fence(line) {
            return Split::Block {
                yaml_start,
                yaml_end: pos,
                body_start: line_end,
            };
        }
        pos = line_end;
    }
    Split::Unclosed { yaml_start }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits() {
        assert_eq!(split("# hi\n"), Split::None);
        assert_eq!(
            split("---\ntitle: x\n---\nbody"),
            Split::Block {
                yaml_start: 4,
                yaml_end: 13,
                body_start: 17
            }
        );
        assert_eq!(
            split("---\r\na: 1\r\n---\r\n"),
            Split::Block {
                yaml_start: 5,
                yaml_end: 11,
                body_start: 16
            }
        );
        assert_eq!(split("---\ntitle: x\n"), Split::Unclosed { yaml_start: 4 });
        assert_eq!(
            split("---\n---\n"),
            Split::Block {
                yaml_start: 4,
                yaml_end: 4,
                body_start: 8
            }
        );
        assert_eq!(split(""), Split::None);
    }
}
