//! The person answered and the people the user named: "you", relatives of "you",
//! honorifics, @handles and names given with `--name` or in the config.
//!
//! Owns the second person ("you", "your", "u"), the addressee's relatives ("your son"),
//! honorific and surname ("Mrs. Patel"), handles and known names. Whether "you" is the
//! public at large is `audience`'s question.

use crate::language::List;

use super::{handle_ranges, name_phrases, strip_possessive, Finder, IdentityKind, People};

impl Finder<'_> {
    pub(super) fn known_names(&mut self, people: &People) {
        for name in &people.names {
            for phrase in name_phrases(self.language, name) {
                for range in self.phrase_ranges(&phrase) {
                    let possessive = self.text()[range.end..].starts_with("'s");
                    self.push(IdentityKind::Known, range, possessive);
                }
            }
        }
    }

    pub(super) fn handles(&mut self) {
        for range in handle_ranges(self.original) {
            let from = self.normalized_offset(range.start);
            let to = self.normalized_offset(range.end);
            let possessive = self.text()[to..].starts_with("'s");
            self.push(IdentityKind::Handle, from..to, possessive);
        }
    }

    pub(super) fn second_person_and_relatives(&mut self) {
        let count = self.segments.tokens.len();
        let mut index = 0;
        while index < count {
            if !self.is_word(index) || !self.language.contains(List::SecondPerson, self.word(index))
            {
                index += 1;
                continue;
            }
            let word = self.word(index);
            let determiner = matches!(word, "your" | "ur");
            // "the U.S.": an abbreviation, not "u".
            if word == "u" && self.is_capitalized(index) && self.punct(index + 1) == Some(".") {
                index += 1;
                continue;
            }
            // "Replying to a few of you", "thank you to our nurses": a group of readers,
            // or thanks that go to someone else.
            let group = word == "you"
                && index >= 2
                && self.is_word(index - 1)
                && self.word(index - 1) == "of"
                && self.is_word(index - 2)
                && self
                    .language
                    .contains(List::GroupQuantifiers, self.word(index - 2));
            let thanks_elsewhere = word == "you"
                && index >= 1
                && self.is_word(index - 1)
                && self.word(index - 1) == "thank"
                && self.is_word(index + 1)
                && self.word(index + 1) == "to";
            if group || thanks_elsewhere {
                index += 1;
                continue;
            }
            // "from your friends at Brightside Dental": a sign-off, not an addressee.
            if determiner
                && self.is_word(index + 1)
                && self
                    .language
                    .contains(List::SignOffGroups, self.word(index + 1))
                && self.is_word(index + 2)
                && self.word(index + 2) == "at"
            {
                index += 3;
                continue;
            }
            if determiner {
                // "your son", "your little one", "your son's".
                let mut next = index + 1;
                let mut relative_end = None;
                while next < count && next <= index + 2 && self.is_word(next) {
                    let candidate = strip_possessive(self.word(next));
                    if self.language.contains(List::Relatives, candidate) {
                        relative_end = Some(next);
                        if !self.language.contains(List::RelativeModifiers, candidate) {
                            break;
                        }
                    } else if relative_end.is_some()
                        && self.language.contains(List::RelativeNouns, candidate)
                    {
                        relative_end = Some(next);
                        break;
                    } else {
                        break;
                    }
                    next += 1;
                }
                // "your family history", "your baby teeth": a relative word that begins a
                // detail is part of the detail, and "your" is the addressee's.
                let starts_detail = relative_end.is_some_and(|end| {
                    !self.word(end).ends_with("'s")
                        && self.overlaps_detail(&self.segments.tokens[end].range)
                });
                if let Some(end) = relative_end.filter(|_| !starts_detail) {
                    let last = strip_possessive(self.word(end));
                    if !self.language.contains(List::RelativeModifiers, last) {
                        let possessive =
                            self.word(end).ends_with("'s") || self.word(end).ends_with("s'");
                        let span = self.token_span(index, end);
                        self.push(IdentityKind::Relative, span, possessive);
                        index = end + 1;
                        continue;
                    }
                }
            }
            let span = self.segments.tokens[index].range.clone();
            self.push(IdentityKind::Addressee, span, determiner);
            index += 1;
        }
    }

    /// "Mrs. Patel", "Mr Jones".
    pub(super) fn honorifics(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            if !self.is_word(index) || !self.language.contains(List::Honorifics, self.word(index)) {
                continue;
            }
            let mut next = index + 1;
            if self.punct(next) == Some(".") {
                next += 1;
            }
            let mut last = None;
            // "easy to miss. Starting this month": a name stays in the honorific's sentence.
            let sentence = self.segments.tokens[index].sentence;
            while next < count
                && self.is_name_word(next)
                && next <= index + 4
                && self.segments.tokens[next].sentence == sentence
            {
                last = Some(next);
                next += 1;
            }
            if let Some(last) = last {
                let possessive = self.word(last).ends_with("'s");
                let span = self.token_span(index, last);
                self.push(IdentityKind::Honorific, span, possessive);
            }
        }
    }
}
