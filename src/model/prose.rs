//! Prose with a map back to file offsets: a front-matter value, and the blocks of a
//! body kept in one string, for the checks that read words.

/// A piece of prose with a map from offsets in `text` back to offsets in the file: a
/// front-matter value, owned by the checks that read it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Prose {
    pub text: String,
    /// `(offset in text, offset in file)` at the start of each run of copied text, as
    /// `u32` to halve the memory of a big handbook's prose (files past 4 GiB saturate).
    pub map: Vec<(u32, u32)>,
}

impl Prose {
    /// A prose block copied whole from `file_offset`.
    pub fn at(text: String, file_offset: usize) -> Prose {
        Prose {
            text,
            map: vec![(0, offset32(file_offset))],
        }
    }

    pub fn as_ref(&self) -> ProseRef<'_> {
        ProseRef {
            text: &self.text,
            start: 0,
            map: &self.map,
        }
    }
}

/// One block of prose (a paragraph, heading, list item or table cell), borrowed.
#[derive(Debug, Clone, Copy)]
pub struct ProseRef<'a> {
    pub text: &'a str,
    /// Where `text` starts in the string the map's offsets count in.
    start: u32,
    map: &'a [(u32, u32)],
}

impl ProseRef<'_> {
    /// File offset of a byte offset in `text`.
    pub fn file_offset(&self, off: usize) -> usize {
        let at = self.start as usize + off;
        let i = self.map.partition_point(|(t, _)| (*t as usize) <= at);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some((t, f)) => *f as usize + (at - *t as usize),
            None => self.map.first().map(|(_, f)| *f as usize).unwrap_or(0),
        }
    }
}

/// The prose of a body: every block in one string with one offset map, so a
/// 10,000-page handbook does not hold a quarter of a million small allocations.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ProseBlocks {
    text: String,
    map: Vec<(u32, u32)>,
    /// The end of each block in `text` and in `map`.
    ends: Vec<(u32, u32)>,
    /// A block is being written.
    open: bool,
}

fn offset32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ProseBlocks {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Block `i`.
    pub fn get(&self, i: usize) -> Option<ProseRef<'_>> {
        let (t_end, m_end) = *self.ends.get(i)?;
        let (t_start, m_start) = match i.checked_sub(1) {
            Some(p) => *self.ends.get(p)?,
            None => (0, 0),
        };
        Some(ProseRef {
            text: self.text.get(t_start as usize..t_end as usize)?,
            start: t_start,
            map: self.map.get(m_start as usize..m_end as usize)?,
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = ProseRef<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// End the current block, if any, and start a new one.
    pub fn open(&mut self) {
        self.close();
        self.open = true;
    }

    /// End the current block; a block of white space only is dropped.
    pub fn close(&mut self) {
        if !self.open {
            return;
        }
        self.open = false;
        let (t_start, m_start) = self.ends.last().copied().unwrap_or((0, 0));
        let blank = self
            .text
            .get(t_start as usize..)
            .is_none_or(|t| t.trim().is_empty());
        if blank {
            self.text.truncate(t_start as usize);
            self.map.truncate(m_start as usize);
        } else {
            self.ends
                .push((offset32(self.text.len()), offset32(self.map.len())));
        }
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Record that the text from here on was copied from `file_offset`.
    pub fn mark(&mut self, file_offset: usize) {
        if self.open {
            self.map
                .push((offset32(self.text.len()), offset32(file_offset)));
        }
    }

    pub fn push(&mut self, c: char) {
        if self.open {
            self.text.push(c);
        }
    }

    pub fn push_str(&mut self, s: &str) {
        if self.open {
            self.text.push_str(s);
        }
    }

    /// Close the last block and drop spare capacity: the model keeps this until the
    /// site is written.
    pub fn finish(&mut self) {
        self.close();
        self.text.shrink_to_fit();
        self.map.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}
