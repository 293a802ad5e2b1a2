//! Normalization: the text the matcher sees, with a map back to the original bytes.
//!
//! Owns case folding and the character-level clean-up that lets one lexicon term match
//! the many ways people type it: curly apostrophes and quotes, dashes and underscores,
//! zero-width characters and combining marks, full-width forms, common Latin accents
//! and Cyrillic/Greek look-alike letters, and hashtags (`#NoseJob` reads "nose job").
//! Runs of spaces collapse to one; line breaks survive as `\n` because they separate
//! sentences. It does not split sentences or find words (see `segment`).
//!
//! Every normalized byte remembers the original byte range of the character it came
//! from, so a match in normalized text maps back to an exact span of the input.

use std::ops::Range;

/// Normalized text plus the map back to original byte offsets.
#[derive(Clone, Debug)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`, the original byte range of its source character.
    origin: Vec<(u32, u32)>,
    /// Whether each byte of `text` came from a capital letter in the original.
    capital: Vec<bool>,
    /// Normalized byte ranges of hashtag bodies (`#NoseJob` gives the range of "nose job").
    hashtags: Vec<Range<usize>>,
}

impl Normalized {
    /// Normalizes `original`. Inputs are limited to `u32::MAX` bytes by the callers.
    pub fn new(original: &str) -> Self {
        let mut builder = Builder {
            out: Normalized {
                text: String::with_capacity(original.len()),
                origin: Vec::with_capacity(original.len()),
                capital: Vec::with_capacity(original.len()),
                hashtags: Vec::new(),
            },
            last_char_start: None,
        };
        let mut in_hashtag = false;
        let mut hashtag_start = 0;
        let mut previous_lower = false;
        let mut chars = original.char_indices().peekable();
        while let Some((index, c)) = chars.next() {
            let span = (index as u32, (index + c.len_utf8()) as u32);
            if is_invisible(c) {
                builder.extend_last(span.1);
                continue;
            }
            if c == '#'
                && chars
                    .peek()
                    .is_some_and(|&(_, next)| next.is_alphanumeric())
            {
                builder.end_hashtag(&mut in_hashtag, hashtag_start);
                builder.space(span);
                in_hashtag = true;
                hashtag_start = builder.out.text.len();
                previous_lower = false;
                continue;
            }
            if is_line_break(c) {
                builder.end_hashtag(&mut in_hashtag, hashtag_start);
                builder.line_break(span);
                continue;
            }
            if c.is_whitespace() || is_dash(c) || c == '_' {
                if c != '_' {
                    builder.end_hashtag(&mut in_hashtag, hashtag_start);
                }
                builder.space(span);
                continue;
            }
            let folded = fold(c);
            if in_hashtag {
                if !folded.is_alphanumeric() {
                    builder.end_hashtag(&mut in_hashtag, hashtag_start);
                } else if folded.is_uppercase() && previous_lower {
                    // "NoseJob" splits before "J". An acronym boundary is ambiguous
                    // ("#LASIKSurgery" but "#CPAPlife"), so it is left whole.
                    builder.space((span.0, span.0));
                }
            }
            previous_lower = folded.is_lowercase();
            let capital = folded.is_uppercase();
            match folded {
                '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`'
                | '\u{00B4}' => builder.push('\'', span, false),
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => {
                    builder.push('"', span, false)
                }
                '\u{2026}' => {
                    for _ in 0..3 {
                        builder.push('.', span, false);
                    }
                }
                _ if folded.is_ascii() => builder.push(folded.to_ascii_lowercase(), span, capital),
                _ => {
                    for lower in folded.to_lowercase() {
                        builder.push(lower, span, capital);
                    }
                }
            }
        }
        builder.end_hashtag(&mut in_hashtag, hashtag_start);
        builder.out.expand_texting();
        builder.out
    }

    /// Texting forms of the second person read as the full words, so every lexicon
    /// phrase with "you" or "your" also matches "u" and "ur": "great seeing u".
    fn expand_texting(&mut self) {
        let bytes = self.text.as_bytes();
        let is_word_byte =
            |b: u8| b.is_ascii_alphanumeric() || b >= 0x80 || b == b'\'' || b == b'.' || b == b'@';
        let mut replacements = Vec::new();
        let mut index = 0;
        while index < bytes.len() {
            if bytes[index].is_ascii_alphanumeric()
                && (index == 0 || !is_word_byte(bytes[index - 1]))
            {
                let end = (index..bytes.len())
                    .find(|&i| !bytes[i].is_ascii_alphanumeric())
                    .unwrap_or(bytes.len());
                let boundary_after = end == bytes.len() || !is_word_byte(bytes[end]);
                if boundary_after {
                    match &self.text[index..end] {
                        "u" => replacements.push((index..end, "you")),
                        "ur" => replacements.push((index..end, "your")),
                        _ => {}
                    }
                }
                index = end;
            } else {
                index += 1;
            }
        }
        for (range, full) in replacements.into_iter().rev() {
            let origin = self.origin[range.start].0..self.origin[range.end - 1].1;
            let capital = self.capital[range.start];
            let delta = full.len() - range.len();
            for hashtag in &mut self.hashtags {
                if hashtag.start >= range.end {
                    hashtag.start += delta;
                }
                if hashtag.end >= range.end {
                    hashtag.end += delta;
                }
            }
            self.text.replace_range(range.clone(), full);
            self.origin.splice(
                range.clone(),
                std::iter::repeat_n((origin.start, origin.end), full.len()),
            );
            self.capital
                .splice(range, std::iter::repeat_n(capital, full.len()));
        }
    }

    /// Normalized byte ranges of hashtag bodies, in order.
    pub fn hashtags(&self) -> &[Range<usize>] {
        &self.hashtags
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a byte range of the normalized text back to the original input.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end || range.end > self.origin.len() {
            let at = self
                .origin
                .get(range.start)
                .map_or_else(|| self.origin.last().map_or(0, |o| o.1), |o| o.0);
            return at as usize..at as usize;
        }
        self.origin[range.start].0 as usize..self.origin[range.end - 1].1 as usize
    }

    /// Whether the character at normalized byte `index` was a capital letter.
    pub fn is_capital(&self, index: usize) -> bool {
        self.capital.get(index).copied().unwrap_or(false)
    }
}

struct Builder {
    out: Normalized,
    last_char_start: Option<usize>,
}

impl Builder {
    fn push(&mut self, c: char, span: (u32, u32), capital: bool) {
        self.last_char_start = Some(self.out.text.len());
        self.out.text.push(c);
        for _ in 0..c.len_utf8() {
            self.out.origin.push(span);
            self.out.capital.push(capital);
        }
    }

    fn last(&self) -> Option<u8> {
        self.out.text.as_bytes().last().copied()
    }

    /// Closes the hashtag that started at `start`, if one is open.
    fn end_hashtag(&mut self, in_hashtag: &mut bool, start: usize) {
        if !*in_hashtag {
            return;
        }
        *in_hashtag = false;
        let end = self.out.text.trim_end_matches(' ').len();
        if end > start {
            self.out.hashtags.push(start..end);
        }
    }

    /// A space, unless the text is empty or already ends in a space or line break.
    fn space(&mut self, span: (u32, u32)) {
        match self.last() {
            None | Some(b' ') | Some(b'\n') => self.extend_last(span.1),
            _ => self.push(' ', span, false),
        }
    }

    /// A line break; a space just before it becomes the break.
    fn line_break(&mut self, span: (u32, u32)) {
        match self.last() {
            Some(b'\n') => self.extend_last(span.1),
            Some(b' ') => {
                let at = self.out.text.len() - 1;
                self.out.text.replace_range(at.., "\n");
                self.out.origin[at].1 = span.1;
            }
            _ => self.push('\n', span, false),
        }
    }

    /// Lets the last character's original range run to `end` (for dropped characters).
    fn extend_last(&mut self, end: u32) {
        if let Some(start) = self.last_char_start {
            for origin in &mut self.out.origin[start..] {
                origin.1 = origin.1.max(end);
            }
        }
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}'
        | '\u{034F}' | '\u{180E}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}' | '\u{2043}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Folds full-width forms, common accented Latin letters and look-alike letters.
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        'À'..='Å' => 'A',
        'à'..='å' => 'a',
        'Ç' => 'C',
        'ç' => 'c',
        'È'..='Ë' => 'E',
        'è'..='ë' => 'e',
        'Ì'..='Ï' => 'I',
        'ì'..='ï' => 'i',
        'Ñ' => 'N',
        'ñ' => 'n',
        'Ò'..='Ö' | 'Ø' => 'O',
        'ò'..='ö' | 'ø' => 'o',
        'Ù'..='Ü' => 'U',
        'ù'..='ü' => 'u',
        'Ý' => 'Y',
        'ý' | 'ÿ' => 'y',
        // Cyrillic and Greek letters that look like Latin ones.
        'а' => 'a',
        'е' => 'e',
        'о' | 'ο' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'у' => 'y',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'Е' | 'Ε' => 'E',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Н' | 'Η' => 'H',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'С' => 'C',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'І' | 'Ι' => 'I',
        _ => c,
    }
}

/// Normalizes a lexicon term the same way as text, trimmed of outer spaces.
pub fn normalize_term(term: &str) -> String {
    // Most terms are already plain lowercase words: skip the full pass for them.
    let plain = term.bytes().all(|b| {
        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ' || b == b'\'' || b == b'.'
    });
    if plain
        && !term.contains("  ")
        && !term.starts_with(' ')
        && !term.ends_with(' ')
        && !has_texting_word(term)
    {
        return term.to_string();
    }
    Normalized::new(term).as_str().trim().replace('\n', " ")
}

/// Whether `term` has a standalone "u" or "ur", which normalization expands.
fn has_texting_word(term: &str) -> bool {
    term.split(' ').any(|word| word == "u" || word == "ur")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Normalizes `input`, compares the text, and checks that `needle` (in normalized
    /// text) maps back to `original` in the input.
    fn check(input: &str, expected: &str, needle: &str, original: &str) {
        let normalized = Normalized::new(input);
        assert_eq!(normalized.as_str(), expected);
        let start = normalized
            .as_str()
            .find(needle)
            .expect("needle in normalized text");
        let range = normalized.original_range(start..start + needle.len());
        assert_eq!(&input[range], original);
    }

    #[test]
    fn folds_case_and_keeps_offsets() {
        check(
            "Your ROOT Canal",
            "your root canal",
            "root canal",
            "ROOT Canal",
        );
    }

    #[test]
    fn curly_apostrophes_and_dashes() {
        check("Jen’s follow‑up", "jen's follow up", "jen's", "Jen’s");
        check("post—op", "post op", "post op", "post—op");
    }

    #[test]
    fn hashtags_split_at_case_changes() {
        check(
            "Love my #NoseJob!",
            "love my nose job!",
            "nose job",
            "NoseJob",
        );
        check("#nose_job", "nose job", "nose job", "nose_job");
        check("#BOTOX", "botox", "botox", "BOTOX");
        check("#CPAPlife", "cpaplife", "cpaplife", "CPAPlife");
    }

    #[test]
    fn texting_second_person_reads_in_full() {
        check(
            "great seeing u!",
            "great seeing you!",
            "seeing you",
            "seeing u",
        );
        check("Ur crown", "your crown", "your crown", "Ur crown");
        check(
            "u.s. and ux and menu",
            "u.s. and ux and menu",
            "menu",
            "menu",
        );
    }

    #[test]
    fn hashtag_bodies_are_recorded() {
        let normalized = Normalized::new("Day 1! #SurgeryDay #nose_job, ok");
        let bodies: Vec<&str> = normalized
            .hashtags()
            .iter()
            .map(|range| &normalized.as_str()[range.clone()])
            .collect();
        assert_eq!(bodies, ["surgery day", "nose job"]);
        let shifted = Normalized::new("u rock #SurgeryDay");
        let body = &shifted.as_str()[shifted.hashtags()[0].clone()];
        assert_eq!(body, "surgery day");
    }

    #[test]
    fn zero_width_and_combining_marks_vanish() {
        check("bi\u{200B}opsy", "biopsy", "biopsy", "bi\u{200B}opsy");
        check("cafe\u{301} visit", "cafe visit", "cafe", "cafe\u{301}");
        check("\u{FEFF}hello", "hello", "hello", "hello");
    }

    #[test]
    fn full_width_and_look_alikes() {
        check("ＢＯＴＯＸ", "botox", "botox", "ＢＯＴＯＸ");
        check("bоtox", "botox", "botox", "bоtox");
    }

    #[test]
    fn whitespace_collapses_and_lines_survive() {
        check("a  \t b\r\n\r\nc", "a b\nc", "b\nc", "b\r\n\r\nc");
        check("  lead", "lead", "lead", "lead");
    }

    #[test]
    fn capitals_are_remembered() {
        let normalized = Normalized::new("hi Jen");
        assert!(normalized.is_capital(3));
        assert!(!normalized.is_capital(4));
    }

    #[test]
    fn terms_normalize_like_text() {
        assert_eq!(normalize_term(" Follow-Up "), "follow up");
        assert_eq!(normalize_term("X‑ray"), "x ray");
        assert_eq!(normalize_term("root canal"), "root canal");
        assert_eq!(normalize_term("see u soon"), "see you soon");
        assert_eq!(normalize_term("a  b"), "a b");
    }
}
