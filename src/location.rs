//! Byte offsets to 1-based line and column numbers.
//!
//! Columns count Unicode scalar values, as editors and `short` output expect; line
//! breaks are `\n`, `\r\n` and a lone `\r`.

/// Returns the 1-based line and column (in characters) of byte `offset` in `text`.
/// An offset past the end or inside a character is clamped to the nearest boundary before it.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(text, offset)
}

/// Byte offsets at which each line of `text` starts: 0, and after every `\n`, `\r\n`
/// and lone `\r`.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for index in 0..bytes.len() {
        match bytes[index] {
            b'\n' => starts.push(index + 1),
            b'\r' if bytes.get(index + 1) != Some(&b'\n') => starts.push(index + 1),
            _ => {}
        }
    }
    starts
}

/// Byte offsets at which each line starts, for repeated look-ups over one text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Whether each line is ASCII, where a column is a byte difference: a 1 MB line
    /// with thousands of findings must not be recounted for each.
    ascii: Vec<bool>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let starts = line_starts(text);
        let ascii = starts
            .iter()
            .enumerate()
            .map(|(line, &start)| {
                let end = starts.get(line + 1).copied().unwrap_or(text.len());
                text.as_bytes()[start..end].is_ascii()
            })
            .collect();
        LineIndex { starts, ascii }
    }

    /// The 1-based line and character column of byte `offset` in `text`.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        if self.ascii[line - 1] {
            return (line, offset - start + 1);
        }
        (line, text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, offset: usize, expected: (usize, usize)) {
        assert_eq!(line_column(text, offset), expected, "{text:?} @ {offset}");
        assert_eq!(LineIndex::new(text).line_column(text, offset), expected);
    }

    #[test]
    fn lines_and_columns() {
        check("abc", 0, (1, 1));
        check("abc", 2, (1, 3));
        check("ab\ncd", 3, (2, 1));
        check("ab\r\ncd", 4, (2, 1));
        check("ab\rcd", 3, (2, 1));
        check("é x", 3, (1, 3));
        check("ab", 99, (1, 3));
    }
}
