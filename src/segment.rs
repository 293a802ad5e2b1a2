//! Segmentation: words, punctuation and sentences of normalized text.
//!
//! Owns the boundaries the later steps reason about: a token is a word (letters and
//! digits, with inner apostrophes as in "jen's" or "you're") or a single punctuation
//! character; a sentence ends at `.`, `!`, `?` followed by space or the end, or at a
//! line break. Abbreviations such as "Dr." and initials do not end a sentence. It does
//! not know about identities or medical words.

use std::ops::Range;

use crate::language::{Language, List};

/// One word or punctuation character of the normalized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the normalized text.
    pub range: Range<usize>,
    /// Whether the token is a word (otherwise a single punctuation character).
    pub is_word: bool,
    /// Index of the sentence the token belongs to.
    pub sentence: usize,
}

/// Tokens and sentences of one normalized text.
#[derive(Clone, Debug, Default)]
pub struct Segments {
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentence byte ranges in the normalized text, in order, covering every token.
    pub sentences: Vec<Range<usize>>,
}

impl Segments {
    /// Splits normalized `text` into tokens and sentences.
    /// `language` knows the abbreviations whose period does not end a sentence.
    pub fn new(text: &str, language: &Language) -> Self {
        let mut segments = Segments::default();
        let bytes = text.as_bytes();
        let mut sentence_start = 0;
        let mut index = 0;
        while index < text.len() {
            let c = text[index..].chars().next().unwrap_or(' ');
            let width = c.len_utf8();
            if c.is_alphanumeric() {
                let end = word_end(text, index);
                segments.push(index..end, true);
                index = end;
                continue;
            }
            if c == ' ' {
                index += 1;
                continue;
            }
            if c == '\n' {
                segments.end_sentence(&mut sentence_start, index + 1);
                index += 1;
                continue;
            }
            segments.push(index..index + width, false);
            index += width;
            // In posts an emoji often ends a sentence: "... 😂 Practice what you preach!"
            if is_emoji(c) && bytes.get(index) == Some(&b' ') {
                segments.end_sentence(&mut sentence_start, index);
                continue;
            }
            if matches!(c, '.' | '!' | '?') {
                // Take the whole run of terminators ("?!", "...").
                while index < bytes.len() && matches!(bytes[index], b'.' | b'!' | b'?') {
                    segments.push(index..index + 1, false);
                    index += 1;
                }
                // Closing quotes or brackets stay with the sentence.
                while index < bytes.len() && matches!(bytes[index], b'"' | b'\'' | b')' | b']') {
                    segments.push(index..index + 1, false);
                    index += 1;
                }
                let at_space = index >= bytes.len() || matches!(bytes[index], b' ' | b'\n');
                if at_space && !(c == '.' && segments.is_abbreviation_before_period(text, language))
                {
                    segments.end_sentence(&mut sentence_start, index);
                }
            }
        }
        // Tokens after the last terminator form a final sentence. Each token was given
        // the index of the sentence being built when it was pushed.
        segments.end_sentence(&mut sentence_start, text.len());
        segments
    }

    fn push(&mut self, range: Range<usize>, is_word: bool) {
        self.tokens.push(Token {
            range,
            is_word,
            sentence: self.sentences.len(),
        });
    }

    fn end_sentence(&mut self, start: &mut usize, end: usize) {
        let has_tokens = self
            .tokens
            .last()
            .is_some_and(|token| token.range.start >= *start);
        if has_tokens {
            self.sentences.push(*start..end);
        }
        *start = end;
    }

    /// Whether the word before the period just pushed is an abbreviation or an initial.
    fn is_abbreviation_before_period(&self, text: &str, language: &Language) -> bool {
        let Some(period) = self
            .tokens
            .iter()
            .rposition(|t| &text[t.range.clone()] == ".")
        else {
            return false;
        };
        let Some(word) = period.checked_sub(1).map(|i| &self.tokens[i]) else {
            return false;
        };
        if !word.is_word || word.range.end != self.tokens[period].range.start {
            return false;
        }
        let word_text = &text[word.range.clone()];
        if word_text.chars().count() == 1 && word_text.chars().all(char::is_alphabetic) {
            return true;
        }
        language.contains(List::Abbreviations, word_text)
    }

    /// The text of token `index`.
    pub fn text<'t>(&self, text: &'t str, index: usize) -> &'t str {
        &text[self.tokens[index].range.clone()]
    }

    /// Index of the first token starting at or after byte `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens
            .partition_point(|token| token.range.start < offset)
    }

    /// Index of the token containing byte `offset`, if any.
    pub fn token_containing(&self, offset: usize) -> Option<usize> {
        let index = self
            .tokens
            .partition_point(|token| token.range.end <= offset);
        self.tokens
            .get(index)
            .filter(|token| token.range.start <= offset)
            .map(|_| index)
    }

    /// The tokens of sentence `sentence`, as a range of token indices.
    pub fn sentence_tokens(&self, sentence: usize) -> std::ops::Range<usize> {
        let first = self
            .tokens
            .partition_point(|token| token.sentence < sentence);
        let end = self
            .tokens
            .partition_point(|token| token.sentence <= sentence);
        first..end
    }

    /// Whether the words of `phrase` (separated by single spaces) stand at token
    /// `index` of `text`.
    pub fn phrase_at(&self, text: &str, index: usize, phrase: &str) -> bool {
        phrase.split(' ').enumerate().all(|(offset, word)| {
            self.tokens
                .get(index + offset)
                .is_some_and(|token| token.is_word && &text[token.range.clone()] == word)
        })
    }

    /// For each sentence, whether one of the phrases of `list` stands in it.
    pub fn sentences_with(&self, text: &str, language: &Language, list: List) -> Vec<bool> {
        let mut found = vec![false; self.sentences.len()];
        for (index, token) in self.tokens.iter().enumerate() {
            if token.is_word
                && !found[token.sentence]
                && language
                    .starting_with(list, &text[token.range.clone()])
                    .any(|phrase| self.phrase_at(text, index, phrase))
            {
                found[token.sentence] = true;
            }
        }
        found
    }
}

/// Pictographs and symbols used as emoji.
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{1F000}'..='\u{1F2FF}')
}

/// End of the word starting at `start`: letters and digits, with single inner
/// apostrophes or periods between letters ("jen's", "you're", "e.g").
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = start + offset + c.len_utf8();
            continue;
        }
        if c == '\''
            && chars
                .peek()
                .is_some_and(|&(_, next)| next.is_alphanumeric())
        {
            continue;
        }
        break;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Segments `text` and compares the sentences it finds.
    fn check(text: &str, expected: &[&str]) {
        let segments = Segments::new(text, &Language::builtin());
        let sentences: Vec<&str> = segments
            .sentences
            .iter()
            .map(|range| text[range.clone()].trim())
            .collect();
        assert_eq!(sentences, expected, "{text:?}");
    }

    #[test]
    fn sentences() {
        check(
            "hi jen. your crown is in! call us?",
            &["hi jen.", "your crown is in!", "call us?"],
        );
        check(
            "thanks dr. lee for the tip.",
            &["thanks dr. lee for the tip."],
        );
        check("hi jen,\nyour crown", &["hi jen,", "your crown"]);
        check("a1c of 7.2 is fine", &["a1c of 7.2 is fine"]);
        check("wow!! great... ok", &["wow!!", "great...", "ok"]);
        check("", &[] as &[&str]);
        check("   ", &[] as &[&str]);
        check("j. smith said hi", &["j. smith said hi"]);
        check(
            "off this week 😂 practice what you preach!",
            &["off this week 😂", "practice what you preach!"],
        );
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        let text = "jen's you're 'quoted'";
        let segments = Segments::new(text, &Language::builtin());
        let words: Vec<&str> = (0..segments.tokens.len())
            .filter(|&i| segments.tokens[i].is_word)
            .map(|i| segments.text(text, i))
            .collect();
        assert_eq!(words, ["jen's", "you're", "quoted"]);
    }

    #[test]
    fn tokens_know_their_sentence() {
        let text = "hi. you";
        let segments = Segments::new(text, &Language::builtin());
        let sentences: Vec<usize> = segments.tokens.iter().map(|t| t.sentence).collect();
        assert_eq!(sentences, [0, 0, 1]);
    }
}
