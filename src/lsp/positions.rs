//! Positions: byte offsets of a text to Language Server Protocol positions and back.
//!
//! Owns the one place where the engine's byte offsets meet the protocol's
//! line-and-character positions, counted in UTF-16 code units unless the client
//! negotiated UTF-8. Line breaks are `\n`, `\r\n` and a lone `\r`, as the protocol
//! defines them. It clamps rather than fails: a position past a line's end, past the
//! last line or inside a character maps to the nearest boundary. It knows nothing of
//! documents, findings or messages.

use std::ops::Range;

use lsp_types as lsp;

/// How positions count characters within a line, as negotiated at initialize.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    fn units(self, character: char) -> usize {
        match self {
            Encoding::Utf8 => character.len_utf8(),
            Encoding::Utf16 => character.len_utf16(),
        }
    }
}

/// Line starts of a text, for converting byte offsets to LSP positions and back.
pub(super) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lines {
            text,
            starts: crate::location::line_starts(text),
        }
    }

    /// The byte range of line `line` without its line break.
    fn line(&self, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = self.text[start..end].trim_end_matches(['\n', '\r']);
        start..start + content.len()
    }

    pub(super) fn position(&self, offset: usize, encoding: Encoding) -> lsp::Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character: usize = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].chars().map(char::len_utf16).sum(),
        };
        lsp::Position::new(saturate(line), saturate(character))
    }

    pub(super) fn range(&self, range: &Range<usize>, encoding: Encoding) -> lsp::Range {
        lsp::Range::new(
            self.position(range.start, encoding),
            self.position(range.end, encoding),
        )
    }

    /// The byte offset of `position`; past the end of a line is its end, past the last
    /// line is the end of the text, inside a character is its start.
    pub(super) fn offset(&self, position: lsp::Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let range = self.line(line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (index, character) in self.text[range.clone()].char_indices() {
            units += encoding.units(character);
            if units > wanted {
                return range.start + index;
            }
        }
        range.end
    }

    pub(super) fn end(&self, encoding: Encoding) -> lsp::Position {
        self.position(self.text.len(), encoding)
    }
}

fn saturate(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Converts `offset` of `text` to a position and back in both encodings.
    fn check(text: &str, offset: usize, utf16: (u32, u32), utf8: (u32, u32)) {
        let lines = Lines::new(text);
        for (encoding, expected) in [(Encoding::Utf16, utf16), (Encoding::Utf8, utf8)] {
            let position = lines.position(offset, encoding);
            assert_eq!(
                (position.line, position.character),
                expected,
                "{text:?} @ {offset}"
            );
            assert_eq!(
                lines.offset(position, encoding),
                offset,
                "{text:?} @ {offset}"
            );
        }
    }

    #[test]
    fn positions_in_both_encodings() {
        check("abc", 2, (0, 2), (0, 2));
        check("a\r\nb", 3, (1, 0), (1, 0));
        check("a\rb", 2, (1, 0), (1, 0));
        // "😀" is two UTF-16 units and four bytes; "é" one unit and two bytes.
        check("😀 é x", 8, (0, 5), (0, 8));
        check("x\n😀 your", 7, (1, 3), (1, 5));
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let lines = Lines::new("ab\ncd");
        assert_eq!(lines.offset(lsp::Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(lines.offset(lsp::Position::new(9, 0), Encoding::Utf16), 5);
        // Inside a surrogate pair is the start of the character.
        let lines = Lines::new("😀x");
        assert_eq!(lines.offset(lsp::Position::new(0, 1), Encoding::Utf16), 0);
    }
}
