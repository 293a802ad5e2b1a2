//! Anatomy: the parts of a reply that frame it, found once per text.
//!
//! Owns finding the opening greeting ("Hi Jen,", "Dear Mrs. Patel!", an opening
//! @handle) and the sign-off lines at the end ("- Dana", "Best, Dr. Lee", "The Smile
//! Team"), and holds the sentences between them as the segmenter split them. Identity finding reads the sign-off (its names are staff, never patients) and
//! the rewrite keeps both as written. It knows nothing of identities or details, and
//! reads its words from the language pack.

use std::ops::Range;

use crate::language::{Language, List};

/// The framing parts of one text, as byte ranges of the original.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anatomy {
    /// The opening greeting, without leading space, through its "," or "!".
    pub greeting: Option<Range<usize>>,
    /// The sign-off lines (at most the last two non-empty lines), in text order.
    pub sign_off: Vec<Range<usize>>,
    /// Every sentence, greeting and sign-off included, as the engine splits the text:
    /// trimmed, in order, never overlapping.
    pub sentences: Vec<Range<usize>>,
}

impl Anatomy {
    /// Finds the greeting and sign-off of `text`, whose sentences are `sentences`.
    pub fn new(language: &Language, text: &str, sentences: Vec<Range<usize>>) -> Anatomy {
        Anatomy {
            greeting: greeting(language, text),
            sign_off: sign_off(language, text),
            sentences,
        }
    }

    /// Whether `range` lies within a sign-off line.
    pub fn in_sign_off(&self, range: &Range<usize>) -> bool {
        self.sign_off
            .iter()
            .any(|line| line.start <= range.start && range.end <= line.end)
    }
}

/// The opening greeting of `draft` without leading space: "Hi Jen,", "Dear Mrs. Patel!",
/// "Thank you Jen Smith," (a greeting word, an optional title, up to three words that
/// start with a capital or "@", then "," or "!"), or an opening @handle. Written out
/// rather than as a regex: a capital-letter class in Unicode costs a millisecond to
/// compile, more than the rest of a check.
fn greeting(language: &Language, draft: &str) -> Option<Range<usize>> {
    let start = draft.len() - draft.trim_start().len();
    let rest = &draft[start..];
    if let Some(body) = rest.strip_prefix('@') {
        let end = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(body.len());
        let end = body[..end].trim_end_matches('.').len();
        return (end > 0 && !body.starts_with('.')).then(|| start..start + 1 + end);
    }
    let after_word = language[List::OpeningGreetings].iter().find_map(|word| {
        let head = rest.get(..word.len())?;
        let at = start + word.len();
        head.eq_ignore_ascii_case(word)
            .then(|| after_greeting_word(language, draft, at))
            .flatten()
    })?;
    Some(start..after_word)
}

/// Where a greeting that continues at `at` ends: after an optional title, names and
/// the closing "," or "!".
fn after_greeting_word(language: &Language, draft: &str, at: usize) -> Option<usize> {
    let spaced = |from: usize| {
        let rest = &draft[from..];
        let space = rest.len() - rest.trim_start().len();
        (space > 0).then_some(from + space)
    };
    let mut starts = Vec::new();
    if let Some(title_at) = spaced(at) {
        for title in language[List::Honorifics].iter() {
            let Some(head) = draft[title_at..].get(..title.len()) else {
                continue;
            };
            if head.eq_ignore_ascii_case(title) {
                let end = title_at + title.len();
                if draft[end..].starts_with('.') {
                    starts.push(end + 1);
                }
                starts.push(end);
            }
        }
    }
    starts.push(at);
    starts.into_iter().find_map(|from| {
        let mut ends = vec![from];
        let mut position = from;
        for _ in 0..3 {
            let Some(word_at) = spaced(position) else {
                break;
            };
            let mut chars = draft[word_at..].chars();
            match chars.next() {
                Some(first) if first == '@' || first.is_uppercase() => {
                    let tail: usize = chars
                        .take_while(|&c| {
                            c.is_alphanumeric() || matches!(c, '_' | '.' | '\'' | '’' | '-')
                        })
                        .map(char::len_utf8)
                        .sum();
                    position = word_at + first.len_utf8() + tail;
                    ends.push(position);
                }
                _ => break,
            }
        }
        ends.into_iter().rev().find_map(|end| {
            let rest = draft[end..].trim_start();
            rest.starts_with([',', '!'])
                .then(|| draft.len() - rest.len() + 1)
        })
    })
}

/// Sign-off lines at the end of a text: of the last two non-empty lines (when there are
/// at least two), each that reads as a signature: an optional dash or closing word
/// ("Best,", "With love,"), an optional "Dr." or "the", one to five capitalized words,
/// an optional noun such as "team", and any ", role" parts ("— Beth, RN, Valley Home
/// Health"); with a comma or dash, or at most five words and no closing punctuation.
fn sign_off(language: &Language, text: &str) -> Vec<Range<usize>> {
    let lines: Vec<(usize, &str)> = line_spans(text)
        .into_iter()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    if lines.len() < 2 {
        return Vec::new();
    }
    let regex = language.sign_off_regex(|language| {
        format!(
            r"(?i)^\s*(?:(?:[-–—~]+|(?:{})\s*[,!.]?)\s*)?(?:dr\.?\s+|the\s+)?(?-i:[A-Z][\w.'’]*)(?:\s+(?-i:[A-Z&][\w.'’&]*)){{0,4}}(?:\s+(?:{}))?\s*(?:,\s*[\w .&'’-]+)*\s*$",
            language.alternation(List::SignOffWords),
            language.alternation(List::SignOffNouns)
        )
    });
    let mut found = Vec::new();
    for &(start, line) in lines.iter().rev().take(2) {
        let trimmed = line.trim();
        let starts_with_dash = trimmed.starts_with(['-', '–', '—', '~']);
        let has_sign_off_word = trimmed.contains(',') || starts_with_dash;
        let plain_signature =
            trimmed.split_whitespace().count() <= 5 && !trimmed.ends_with(['!', '?', '.']);
        if regex.is_match(line) && (has_sign_off_word || plain_signature) && !trimmed.ends_with('!')
        {
            found.push(start..start + line.len());
        }
    }
    found.reverse();
    found
}

/// Lines of `text` with their byte offsets; `\r\n`, `\n` and `\r` all end a line.
fn line_spans(text: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'\n' || bytes[index] == b'\r' {
            lines.push((start, &text[start..index]));
            if bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n') {
                index += 1;
            }
            start = index + 1;
        }
        index += 1;
    }
    lines.push((start, &text[start..]));
    lines
}
