//! People described rather than named, and names in the forms posts use.
//!
//! Owns the third-person patients of a practice's own posts and stories: a person noun
//! or occupation made specific by an age ("a 34-year-old teacher"), a place or school
//! ("the Elm St. mail carrier", "the gentleman from Cedar Ridge"), "local", a
//! demonstrative ("this grandpa"), a numbered bed or room ("the guy in bay 6"), or a
//! time in the same sentence ("a client told me yesterday"); "one of our patients";
//! and names as posts write them: initials ("J.M.", "Ethan R.", "Mr. G"), a title
//! before a first name ("baby Rose", "our patient Bob", "Grandpa Lou"), a family ("the
//! Okafor family") and a first name described ("Marcus, who ..."). Groups ("many of
//! our patients"), hypothetical cases ("Imagine a 45-year-old driver") and staff are
//! not identities. Pronouns that refer back to these people are `pronouns`' job.

use crate::language::{List, Slot};

use super::{Finder, IdentityKind};

impl Finder<'_> {
    /// Runs the families of this file.
    pub(super) fn described_people(&mut self) {
        self.initials();
        self.titled_names();
        self.families();
        self.described_names();
        self.sentence_start_full_names();
        self.ages();
        self.compact_ages();
        self.aged_names_and_couples();
        self.community_people();
        self.person_phrases();
        self.care_places();
        self.jersey_numbers();
        self.cared_for_names();
        self.visiting_names();
        self.visiting_descriptions();
    }

    /// "#23 on the Eastview Lady Hawks": a player's number on a named team is one
    /// person.
    fn jersey_numbers(&mut self) {
        for index in 0..self.segments.tokens.len() {
            let token = &self.segments.tokens[index];
            let numbered = self.is_word(index)
                && (1..=2).contains(&self.word(index).len())
                && self.word(index).bytes().all(|b| b.is_ascii_digit())
                && self.original[..self.normalized.original_range(token.range.clone()).start]
                    .ends_with('#');
            if numbered && self.specific_after(index) {
                let span = token.range.clone();
                self.push(IdentityKind::Described, span, false);
            }
        }
    }

    /// "Danielle first came to our office five years ago": a first name followed by a
    /// visit ("came in", "walked through our doors") is a patient, wherever it stands.
    fn visiting_names(&mut self) {
        let count = self.segments.tokens.len();
        let language = self.language;
        for index in 0..count {
            if !self.is_name_word(index) || !self.is_first_name_here(index) {
                continue;
            }
            // "Baby Nora arrived": a baby is found with its title (or left out as staff
            // family).
            if index.checked_sub(1).is_some_and(|before| {
                self.is_word(before) && language.contains(List::BabyTitles, self.word(before))
            }) {
                continue;
            }
            let mut last = index;
            if self.is_name_word(index + 1) && !self.is_first_name(self.word(index + 1)) {
                last = index + 1;
            }
            let mut next = last + 1;
            while self.is_word(next) && language.contains(List::VisitFillers, self.word(next)) {
                next += 1;
            }
            let visits = next < count
                && self.segments.tokens[next].sentence == self.segments.tokens[index].sentence
                && self.phrases_at(List::VisitVerbs, next).next().is_some();
            if visits {
                let span = self.token_span(index, last);
                self.push(IdentityKind::Name, span, false);
            }
        }
    }

    /// "A retired schoolteacher came in last spring", "the welder who knocked ... came
    /// in": a noun phrase with an article or "this" that visits is a person, whatever
    /// the noun (the lists of person nouns cannot hold every trade).
    fn visiting_descriptions(&mut self) {
        let count = self.segments.tokens.len();
        let language = self.language;
        for index in 1..count {
            if self.phrases_at(List::VisitVerbs, index).next().is_none() {
                continue;
            }
            let sentence = self.segments.tokens[index].sentence;
            // Past the fillers ("finally", "just", "who") to the head noun: "the Maple
            // Ridge neighbor who walked in Saturday".
            let mut head = index - 1;
            while head > 0
                && self.is_word(head)
                && language.contains(List::VisitFillers, self.word(head))
            {
                head -= 1;
            }
            let noun_like = |at: usize| {
                self.is_word(at)
                    && self.segments.tokens[at].sentence == sentence
                    && !self.is_capitalized(at)
                    && self
                        .word(at)
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-')
                    && !language.contains(List::FunctionWords, self.word(at))
                    && !language.contains(List::SecondPerson, self.word(at))
                    && !language.contains(List::ThirdPersonPronouns, self.word(at))
                    && !language.contains(List::GroupNouns, self.word(at))
                    && !self.overlaps_detail(&self.segments.tokens[at].range)
            };
            if !noun_like(head) {
                continue;
            }
            // A person's noun: a listed one, or one shaped like a trade ("lobsterman",
            // "schoolteacher", "pianist") that "he" or "she" then refers to.
            let noun = self.word(head);
            let listed = self.is_person_noun(noun);
            let shaped = ["er", "or", "man", "woman", "ist", "ian", "ee", "ess"]
                .iter()
                .any(|suffix| noun.len() > suffix.len() + 2 && noun.ends_with(suffix));
            let referred = (index..count.min(index + 40)).any(|at| {
                self.is_word(at)
                    && self.segments.tokens[at].sentence <= sentence + 1
                    && language.contains(List::ThirdPersonPronouns, self.word(at))
            });
            if !(listed || (shaped && referred)) {
                continue;
            }
            let mut first = None;
            // ("a retired Lakeview High band director": up to six words back.)
            for back in (head.saturating_sub(6)..head).rev() {
                if !self.is_word(back) || self.segments.tokens[back].sentence != sentence {
                    break;
                }
                if matches!(self.word(back), "a" | "an" | "the" | "this" | "that") {
                    first = Some(back);
                    break;
                }
                // Modifiers may name a place ("the Maple Ridge neighbor").
                let place_word = self.is_capitalized(back) && !self.is_sentence_start(back);
                if !(noun_like(back) || place_word) {
                    break;
                }
            }
            if let Some(first) = first {
                if !self.hypothetical_before(first) {
                    let span = self.token_span(first, head);
                    self.push(IdentityKind::Described, span, false);
                }
            }
        }
    }

    /// "We've looked after Noah since...", "so glad we could squeeze Mia in": a first
    /// name after the practice's care ("we" or another care lead, then a care verb) is
    /// a patient, wherever it stands.
    fn cared_for_names(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            let Some(end) = self
                .phrases_at(List::CareVerbs, index)
                .map(|phrase| index + phrase.split(' ').count())
                .max()
            else {
                continue;
            };
            let sentence = self.segments.tokens[index].sentence;
            let lead = (index.saturating_sub(5)..index).any(|back| {
                self.segments.tokens[back].sentence == sentence
                    && self.phrases_at(List::CareLeads, back).next().is_some()
            });
            // "I treated the starting goalie for the Riverhawks": the practice's care for
            // one person described.
            if lead
                && end < count
                && self.segments.tokens[end].sentence == sentence
                && self.is_word(end)
                && self
                    .language
                    .contains(List::PersonDeterminers, self.word(end))
                && !self.hypothetical_before(index)
            {
                let noun = (end + 1..(end + 5).min(count))
                    .take_while(|&at| {
                        self.is_word(at) && self.segments.tokens[at].sentence == sentence
                    })
                    .find(|&at| self.is_person_noun(self.word(at)));
                if let Some(noun) = noun {
                    let span = self.token_span(end, noun);
                    self.push(IdentityKind::Described, span, false);
                    continue;
                }
            }
            if lead
                && end < count
                && self.segments.tokens[end].sentence == sentence
                && self.is_name_word(end)
                && self.is_first_name_here(end)
            {
                let last = if self.is_name_word(end + 1)
                    && self.segments.tokens[end + 1].sentence == sentence
                {
                    end + 1
                } else {
                    end
                };
                let possessive = self.word(last).ends_with("'s");
                let span = self.token_span(end, last);
                self.push(IdentityKind::Name, span, possessive);
            }
        }
    }

    fn is_single_capital(&self, index: usize) -> bool {
        self.is_word(index)
            && self.is_capitalized(index)
            && self.word(index).chars().count() == 1
            && self.word(index).chars().all(char::is_alphabetic)
    }

    /// Whether token `index` is a period written right after the token before it.
    fn period_after(&self, index: usize) -> bool {
        self.punct(index) == Some(".")
            && index > 0
            && self.segments.tokens[index - 1].range.end == self.segments.tokens[index].range.start
    }

    /// Whether the words of the sentence before token `index` make it hypothetical.
    /// "When a sous-chef came to our hand clinic last winter" tells of one time past,
    /// not a supposition.
    fn hypothetical_before(&self, index: usize) -> bool {
        let sentence = self.segments.tokens[index].sentence;
        let mut leads = (0..index)
            .rev()
            .take_while(|&i| self.segments.tokens[i].sentence == sentence)
            .filter(|&i| {
                self.is_word(i)
                    && self
                        .language
                        .contains(List::HypotheticalLeads, self.word(i))
            })
            .peekable();
        if leads.peek().is_none() {
            return false;
        }
        let only_when = leads.all(|i| self.word(i) == "when");
        !(only_when && (self.told_in_the_past(sentence) || self.placed_after(index)))
    }

    /// Whether "from" or "at" and a capitalized place follow token `index` closely in
    /// its sentence: "When a 6yo from Lincoln Elementary reads the bottom line" tells of
    /// one child.
    fn placed_after(&self, index: usize) -> bool {
        let sentence = self.segments.tokens[index].sentence;
        (index + 1..index + 5)
            .take_while(|&at| {
                self.segments
                    .tokens
                    .get(at)
                    .is_some_and(|token| token.sentence == sentence)
            })
            .any(|at| {
                self.is_word(at)
                    && matches!(self.word(at), "from" | "at")
                    && self.is_word(at + 1)
                    && self.is_capitalized(at + 1)
            })
    }

    /// Whether sentence `sentence` dates itself in the past: "last winter", "yesterday",
    /// "two years ago".
    fn told_in_the_past(&self, sentence: usize) -> bool {
        self.segments.sentence_tokens(sentence).any(|index| {
            self.is_word(index)
                && match self.word(index) {
                    "yesterday" | "ago" => true,
                    // "last winter", "last Thursday": a recent time told with "last".
                    "last" => {
                        self.phrases_at(List::RecentTimes, index)
                            .any(|phrase| phrase.starts_with("last "))
                            || (self.is_word(index + 1)
                                && self
                                    .language
                                    .contains(List::RecentTimes, self.word(index + 1)))
                    }
                    _ => false,
                }
        })
    }

    /// "J.M.", "Ethan R.", "Mr. G", and "I'll call her M." with the same initial later.
    fn initials(&mut self) {
        let count = self.segments.tokens.len();
        let mut letters = Vec::new();
        for index in 0..count {
            // Two initials: "J.M." (letters and periods with no space between).
            if self.is_single_capital(index)
                && self.period_after(index + 1)
                && self.is_single_capital(index + 2)
                && self.segments.tokens[index + 1].range.end
                    == self.segments.tokens[index + 2].range.start
            {
                // "S.T.A.B.L.E.": an acronym of dotted letters, not initials.
                let acronym = self.period_after(index + 3)
                    && self.is_single_capital(index + 4)
                    && self.segments.tokens[index + 3].range.end
                        == self.segments.tokens[index + 4].range.start;
                let after_letter = index >= 2
                    && self.period_after(index - 1)
                    && self.is_single_capital(index - 2)
                    && self.segments.tokens[index - 1].range.end
                        == self.segments.tokens[index].range.start;
                if acronym || after_letter {
                    continue;
                }
                let pair = format!("{}{}", self.word(index), self.word(index + 2));
                let end = if self.period_after(index + 3) {
                    index + 3
                } else {
                    index + 2
                };
                // "A.M., 34 — 3,200 grafts": even "A.M." with an age after it.
                let time = index > 0 && self.is_number(index - 1);
                if !self.language.contains(List::NotInitials, &pair)
                    || (self.aged_after(end) && !time)
                {
                    let span = self.token_span(index, end);
                    self.push(IdentityKind::Name, span, false);
                }
                continue;
            }
            // ("Ms. T's case": an initial may own.)
            let owning = self.is_capitalized(index)
                && self.word(index).strip_suffix("'s").is_some_and(|letter| {
                    letter.chars().count() == 1 && letter.chars().all(char::is_alphabetic)
                });
            if !self.is_single_capital(index) && !owning {
                continue;
            }
            // "'J' sat on the edge of my couch": a letter in quotes before a verb stands
            // for a name (not "the bonus 'F': Funny looking", nor "the 'E' chart").
            let quote = |at: usize| matches!(self.punct(at), Some("'" | "\""));
            let article = index >= 2 && matches!(self.word(index - 2), "the" | "a" | "an");
            if index > 0
                && quote(index - 1)
                && quote(index + 1)
                && !article
                && self.is_word(index + 2)
                && !self.is_capitalized(index + 2)
                && !self.hypothetical_before(index)
            {
                let span = self.segments.tokens[index].range.clone();
                self.push(IdentityKind::Name, span, false);
                continue;
            }
            let Some(previous) = index.checked_sub(1) else {
                continue;
            };
            // "Mr. G": an honorific and an initial.
            let honorific = if self.punct(previous) == Some(".") {
                previous.checked_sub(1)
            } else {
                Some(previous)
            };
            if let Some(honorific) = honorific.filter(|&h| {
                self.is_word(h) && self.language.contains(List::Honorifics, self.word(h))
            }) {
                let span = self.token_span(honorific, index);
                self.push(IdentityKind::Honorific, span, owning);
                continue;
            }
            if owning {
                continue;
            }
            if !self.period_after(index + 1) {
                continue;
            }
            let before = self.word(previous);
            // "Ethan R.", "Dana K.": a first name and an initial; "Meadow H., age 9":
            // any name word with an age after.
            if self.is_name_word(previous)
                && (self.is_first_name(before) || self.aged_after(index + 1))
            {
                let span = self.token_span(previous, index);
                self.push(IdentityKind::Name, span, false);
                continue;
            }
            // "A client I'll call M.", "when I first met E.".
            if self.language.contains(List::InitialLeads, before) {
                letters.push(self.word(index).to_string());
                let span = self.segments.tokens[index].range.clone();
                self.push(IdentityKind::Name, span, false);
            }
        }
        // The same initial later stands for the same person ("M. is an ER nurse").
        for index in 0..count {
            if self.is_single_capital(index)
                && self.period_after(index + 1)
                && letters.iter().any(|letter| letter == self.word(index))
            {
                let span = self.segments.tokens[index].range.clone();
                self.push(IdentityKind::Name, span, false);
            }
        }
    }

    /// Whether token `index` is a first name as a post writes one: capitalized, and a
    /// known first name or not an English word.
    fn is_post_name(&self, index: usize) -> bool {
        self.is_name_word(index) && (self.is_first_name_here(index) || self.may_be_name(index))
    }

    /// "baby Rose", "Grandpa Lou", "Little Maya", "our patient Bob", "our ACL warrior
    /// Jake", "baby boy Chidi": a title of a patient or a relative before a first name.
    fn titled_names(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            if !self.is_word(index) {
                continue;
            }
            let title = self.word(index);
            let titled = self.language.contains(List::PatientTitles, title)
                || self.language.contains(List::FamilyTitles, title)
                || self.language.contains(List::Endearments, title);
            if !titled {
                continue;
            }
            let mut name = index + 1;
            // "baby boy Chidi", "our little girl Ava".
            if self.is_word(name) && self.language.contains(List::ChildGenders, self.word(name)) {
                name += 1;
            }
            // "Welcome to the world, baby Zephyr!": after a lowercase baby title, any
            // capitalized word is the baby's name.
            let baby_named = self.language.contains(List::BabyTitles, title)
                && !self.is_capitalized(index)
                && name < count
                && self.is_name_word(name);
            if name >= count || !(self.is_post_name(name) || baby_named) {
                continue;
            }
            // "Congrats to our tech Marcus on baby Noah", "Our nurse Jamal just became a
            // dad! Baby Amara arrived Tuesday": the baby of staff named just before (in
            // this sentence or the one before), not a patient, unless the practice's
            // care is in the sentence ("Dr. Lee delivered baby Rose").
            let sentence_index = self.segments.tokens[index].sentence;
            // (Two back: an emoji may stand as a sentence of its own.)
            let from = self.segments.sentences[sentence_index.saturating_sub(2)].start;
            let here = self.segments.tokens[index].range.start;
            let staff_before = self
                .staff
                .iter()
                .any(|staff| from <= staff.start && staff.end <= here);
            let baby = self.language.contains(List::BabyTitles, title);
            // ("Kelsey and her husband welcomed baby Wren": the family's own verb.)
            let cared = self.segments.sentence_tokens(sentence_index).any(|at| {
                self.phrases_at(List::CareVerbs, at).next().is_some()
                    && !(self.is_word(at)
                        && self.language.contains(List::BirthVerbs, self.word(at)))
            });
            if staff_before && baby && !cared {
                // ("the arrival of baby Olivia Grace": no other finder takes the
                // baby's full name for a patient's either.)
                let mut last = name;
                while self.is_name_word(last + 1)
                    && self.segments.tokens[last + 1].sentence == sentence_index
                {
                    last += 1;
                }
                let span = self.token_span(name, last);
                self.staff_family.push(span);
                continue;
            }
            let mut last = name;
            if self.is_name_word(last + 1)
                && self.segments.tokens[last + 1].sentence == self.segments.tokens[name].sentence
            {
                last += 1;
            }
            let possessive = self.word(last).ends_with("'s");
            let span = self.token_span(index, last);
            self.push(IdentityKind::Name, span, possessive);
        }
    }

    /// "the Okafor family", "the Patel twins", "the whole Bautista crew".
    fn families(&mut self) {
        let count = self.segments.tokens.len();
        for index in 1..count.saturating_sub(1) {
            // "the whole Bautista crew", "the entire Nguyen family".
            let the = if index >= 2 && matches!(self.word(index - 1), "whole" | "entire") {
                index - 2
            } else {
                index - 1
            };
            // ("the Amato Family Foundation" is a foundation.)
            if self.word(the) == "the"
                && self.is_name_word(index)
                && self.may_be_name(index)
                && self.is_word(index + 1)
                && self
                    .language
                    .contains(List::FamilyNouns, self.word(index + 1))
                && !(self.is_capitalized(index + 2)
                    && self.language.contains(List::NotNames, self.word(index + 2)))
            {
                let span = self.token_span(the, index + 1);
                self.push(IdentityKind::Name, span, false);
            }
            // "the Hendersons from Oak Hollow Ct", "the Okafors, who": a family by its
            // name in the plural, placed or described.
            if self.word(index - 1) == "the"
                && self.is_name_word(index)
                && !self.is_sentence_start(index)
                && self.plural_surname(index)
                && ((self.is_word(index + 1)
                    && matches!(self.word(index + 1), "on" | "from" | "in" | "at")
                    && self.is_word(index + 2)
                    && self.is_capitalized(index + 2))
                    || (self.punct(index + 1) == Some(",")
                        && self.is_word(index + 2)
                        && self.word(index + 2) == "who"))
                && !self.hypothetical_before(index)
            {
                let span = self.token_span(index - 1, index);
                self.push(IdentityKind::Name, span, false);
            }
            // "To the family on Maple Court with the twin girls", "the couple from
            // Ridgefield": a family placed by a capitalized place after it.
            if self.word(index - 1) == "the"
                && self.is_word(index)
                && (self.language.contains(List::FamilyNouns, self.word(index))
                    || self.word(index) == "couple")
                && self.is_word(index + 1)
                && matches!(self.word(index + 1), "on" | "from" | "in" | "at")
                && self.is_word(index + 2)
                && self.is_capitalized(index + 2)
                && !self.hypothetical_before(index)
            {
                let span = self.token_span(index - 1, index);
                self.push(IdentityKind::Described, span, false);
            }
        }
    }

    /// Whether the word at `index` is a surname in the plural: "Hendersons", not
    /// "Rockies" or "Packers" (an English word in the plural names a team).
    fn plural_surname(&self, index: usize) -> bool {
        let word = self.word(index);
        let english = |word: &str| self.language.contains(List::EnglishWords, word);
        word.strip_suffix('s').is_some_and(|stem| {
            stem.chars().count() >= 3
                && !stem.ends_with('s')
                && !stem.ends_with("ie")
                && !english(stem)
                && !english(word)
        })
    }

    /// "Marcus, who came through our program", "Leo (age 7)", "Harold, 74,": a first
    /// name described.
    fn described_names(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            if !self.is_name_word(index) || !self.is_first_name_here(index) {
                continue;
            }
            let described = match self.punct(index + 1) {
                Some(",") | Some("(") => {
                    let next = index + 2;
                    (self.is_word(next)
                        && self
                            .language
                            .contains(List::NameDescriptions, self.word(next)))
                        || (self.is_age_number(next)
                            && matches!(self.punct(next + 1), Some(",") | Some(")")))
                }
                _ => false,
            };
            if described {
                let span = self.segments.tokens[index].range.clone();
                self.push(IdentityKind::Name, span, false);
            }
        }
    }

    fn is_age_number(&self, index: usize) -> bool {
        self.is_word(index)
            && self
                .word(index)
                .parse::<u32>()
                .is_ok_and(|age| (1..=110).contains(&age))
    }

    /// "Sarah Whitfield came to us": a full name opening a sentence.
    fn sentence_start_full_names(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            if !self.is_sentence_start(index)
                || !self.is_name_word(index)
                || !self.is_first_name_here(index)
                || !self.is_name_word(index + 1)
                || self.is_first_name(self.word(index + 1))
                || self.segments.tokens[index + 1].sentence != self.segments.tokens[index].sentence
                // "Summer Newsletter", "Willow Creek": a first name before a common word.
                || !self.may_be_name(index + 1)
            {
                continue;
            }
            let possessive = self.word(index + 1).ends_with("'s");
            let span = self.token_span(index, index + 1);
            self.push(IdentityKind::Name, span, possessive);
        }
    }

    /// "a 34-year-old kindergarten teacher", "the 80-year-old who rode in", "Patient:
    /// 29-year-old female flight attendant": an age in years, months or weeks, before a
    /// person (or standing for one).
    fn ages(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count.saturating_sub(2) {
            if !self.is_age_number(index)
                || !self.is_word(index + 1)
                || !self.language.contains(List::AgeUnits, self.word(index + 1))
                || self.word(index + 2) != "old"
                || self.hypothetical_before(index)
            {
                continue;
            }
            let sentence = self.segments.tokens[index].sentence;
            let mut last = index + 2;
            let mut person = false;
            for next in index + 3..(index + 8).min(count) {
                if !self.is_word(next) || self.segments.tokens[next].sentence != sentence {
                    break;
                }
                if self.is_person_noun(self.word(next)) {
                    last = next;
                    person = true;
                    break;
                }
            }
            // "a 38-year-old lifeguard at the beach club", "4-yr-old Ava": after a
            // determiner or opening a sentence, an age in years, months or weeks
            // describes a person; "the 80-year-old who rode in": it stands for one.
            // ("last night's 4-year-old": a possessive time determines it too.)
            let determined = index.checked_sub(1).is_none_or(|previous| {
                !self.is_word(previous)
                    || self
                        .language
                        .contains(List::PersonDeterminers, self.word(previous))
                    || self.word(previous).ends_with("'s")
            });
            if !person && determined && self.is_word(index + 3) {
                person = true;
            }
            if !person {
                person = match self.segments.tokens.get(index + 3) {
                    None => true,
                    Some(token) => {
                        !token.is_word
                            || self
                                .language
                                .contains(List::PersonFollowers, self.word(index + 3))
                    }
                };
            }
            if !person {
                continue;
            }
            let first = index
                .checked_sub(1)
                .filter(|&previous| {
                    self.is_word(previous)
                        && self
                            .language
                            .contains(List::PersonDeterminers, self.word(previous))
                })
                .unwrap_or(index);
            let span = self.token_span(first, last);
            self.push(IdentityKind::Described, span, false);
        }
    }

    /// Whether ", age 9" or ", 34" follows token `last`: an age set off after a name.
    fn aged_after(&self, last: usize) -> bool {
        if self.punct(last + 1) != Some(",") {
            return false;
        }
        let mut at = last + 2;
        if self.is_word(at)
            && self
                .language
                .contains(List::NameDescriptions, self.word(at))
        {
            at += 1;
        }
        self.is_age_number(at)
    }

    /// Whether the person last spoken of before offset `at` is staff: a staff
    /// reference ends after every identity found so far.
    pub(super) fn staff_spoken_of_before(&self, at: usize) -> bool {
        let last_staff = self
            .staff
            .iter()
            .filter(|range| range.end <= at)
            .map(|range| range.end)
            .max();
        // (The person addressed is no one spoken of: "She will tell you about it.")
        let last_identity = self
            .identities
            .iter()
            .filter(|identity| identity.range.end <= at && identity.kind != IdentityKind::Addressee)
            .map(|identity| identity.range.end)
            .max();
        let Some(staff) = last_staff else {
            return false;
        };
        // "...with Dr. Nwosu. Ella is 17 now. She's a junior": a first name since.
        let named_since = (self.segments.token_at_or_after(staff)
            ..self.segments.token_at_or_after(at))
            .any(|index| {
                // (Not inside a capitalized run: "Lake Michigan", "Chicago Marathon".)
                let run = |at: usize| {
                    self.is_word(at) && self.is_capitalized(at) && !self.is_sentence_start(at)
                };
                self.is_word(index)
                    && self.is_capitalized(index)
                    && self.is_first_name(self.word(index))
                    && !run(index + 1)
                    && !(index > 0 && run(index - 1) && !self.is_sentence_start(index))
            });
        !named_since && last_identity.is_none_or(|identity| staff > identity)
    }

    /// "this 4yo", "58M, long-haul trucker", "34F": an age written in one word
    /// describes a person ("M" and "F" only in capitals, opening a sentence or before a
    /// comma).
    fn compact_ages(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            if !self.is_word(index) {
                continue;
            }
            let word = self.word(index);
            let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 || digits > 3 {
                continue;
            }
            let (number, suffix) = word.split_at(digits);
            if !number
                .parse::<u32>()
                .is_ok_and(|age| (1..=110).contains(&age))
                || !self.language.contains(List::AgeSuffixes, suffix)
            {
                continue;
            }
            if matches!(suffix, "m" | "f") {
                let range = self
                    .normalized
                    .original_range(self.segments.tokens[index].range.clone());
                let capital = self
                    .original
                    .get(range)
                    .is_some_and(|original| original.ends_with(['M', 'F']));
                let placed = self.is_sentence_start(index) || self.punct(index + 1) == Some(",");
                if !capital || !placed {
                    continue;
                }
            }
            if self.hypothetical_before(index) {
                continue;
            }
            let first = index
                .checked_sub(1)
                .filter(|&previous| {
                    self.is_word(previous)
                        && self.segments.tokens[previous].sentence
                            == self.segments.tokens[index].sentence
                        && (self
                            .language
                            .contains(List::PersonDeterminers, self.word(previous))
                            || self.word(previous).ends_with("'s"))
                })
                .unwrap_or(index);
            let span = self.token_span(first, index);
            self.push(IdentityKind::Described, span, false);
        }
    }

    /// "Proud of Walt, 81, who finished cardiac rehab": a first name with an age set
    /// off after it; "A & D are expecting": a couple's initials.
    fn aged_names_and_couples(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            if self.is_name_word(index)
                && (self.is_first_name_here(index) || self.may_be_name(index))
                && self.aged_after(index)
                && !self.hypothetical_before(index)
            {
                let span = self.segments.tokens[index].range.clone();
                self.push(IdentityKind::Name, span, false);
                continue;
            }
            // (Spaced: "Q&A" and "L&D" are no couple.)
            let spaced = |at: usize| {
                self.segments.tokens[at].range.end < self.segments.tokens[at + 1].range.start
            };
            if self.is_single_capital(index)
                && self.punct(index + 1) == Some("&")
                && self.is_single_capital(index + 2)
                && spaced(index)
                && spaced(index + 1)
            {
                let span = self.token_span(index, index + 2);
                self.push(IdentityKind::Name, span, false);
            }
        }
    }

    /// "Pastor Greene of First Baptist", "Mayor Hutchins", "Coach Burris of Westfield
    /// Middle": a community's known person by title and name.
    fn community_people(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            if !self.is_word(index)
                || !self
                    .language
                    .contains(List::CommunityTitles, self.word(index))
            {
                continue;
            }
            let mut name = index + 1;
            if self.punct(name) == Some(".") {
                name += 1;
            }
            let sentence = self.segments.tokens[index].sentence;
            let mut last = None;
            // ("Coach T": an initial will do.)
            while name < count
                && self.segments.tokens[name].sentence == sentence
                && (self.is_name_word(name) || (name == index + 1 && self.is_single_capital(name)))
                && last.is_none_or(|l: usize| name - l == 1)
                && name <= index + 3
            {
                last = Some(name);
                name += 1;
            }
            let Some(last) = last else {
                continue;
            };
            // "Thank you to Principal Ruiz and the PTA for making space": thanked, with
            // no health detail in the sentence, a partner.
            let sentence_range = self.segments.sentences[sentence].clone();
            let thanked = self
                .language
                .words_regex(Slot::PartnerThanks, List::PartnerThanks)
                .is_match(&self.text()[sentence_range.clone()]);
            if thanked && !self.overlaps_detail(&sentence_range) {
                continue;
            }
            let possessive = self.word(last).ends_with("'s");
            let span = self.token_span(index, last);
            self.push(IdentityKind::Honorific, span, possessive);
        }
    }

    /// Whether `word` is a person noun or an occupation, or a compound that ends in one
    /// ("sous-chef", "co-pilot").
    pub(super) fn is_person_noun(&self, word: &str) -> bool {
        let listed = |word: &str| {
            self.language.contains(List::PersonNouns, word)
                || self.language.contains(List::Occupations, word)
        };
        listed(word)
            || word
                .rsplit_once('-')
                .is_some_and(|(head, last)| !head.is_empty() && last != "to-be" && listed(last))
    }

    /// "a local firefighter", "this grandpa", "the woman we saw Tuesday", "the Elm St.
    /// mail carrier", "the gentleman from Cedar Ridge", "a guy in his 40s", "one of my
    /// patients this week": one person made specific.
    fn person_phrases(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            // "one of my patients", "one of our clients".
            if self.word(index) == "one"
                && self.is_word(index + 3)
                && self.word(index + 1) == "of"
                && matches!(self.word(index + 2), "my" | "our")
                && self
                    .language
                    .contains(List::GroupNouns, self.word(index + 3))
                && !self.hypothetical_before(index)
            {
                let span = self.token_span(index, index + 3);
                self.push(IdentityKind::Described, span, false);
                continue;
            }
            if !self.is_word(index) {
                continue;
            }
            // "Pt in 22": an abbreviation is a person only with its bed or room.
            if self
                .language
                .contains(List::PatientAbbreviations, self.word(index))
            {
                // ("Riverbend PT on Oak Ave" is physical therapy.)
                if self.is_word(index + 1)
                    && self.word(index + 1) == "in"
                    && self.specific_after(index)
                {
                    let span = self.token_span(index, index + 2);
                    self.push(IdentityKind::Described, span, false);
                }
                continue;
            }
            // ("this mama of three from Cedar Falls": what makes one person may follow;
            // "this Miami middle school teacher's mommy makeover": a possessive ends the
            // phrase.)
            let noun = super::strip_possessive(self.word(index));
            // ("this Mother's Day" is a day.)
            let possessive = noun.len() < self.word(index).len()
                && (!self.is_capitalized(index) || self.is_sentence_start(index));
            // "the Channel 4 weatherman": a trade shaped like one, named with a place.
            let shaped = !self.is_person_noun(noun)
                && noun.len() >= 7
                && (noun.ends_with("man") || noun.ends_with("woman"));
            if !(self.is_person_noun(noun) || shaped)
                || !(possessive || self.heads_its_phrase(index) || self.specific_after(index))
            {
                continue;
            }
            let sentence = self.segments.tokens[index].sentence;
            // Walk back over modifiers to a determiner.
            let mut determiner = None;
            let mut capitalized_modifier = false;
            let mut local = false;
            for back in (index.saturating_sub(5)..index).rev() {
                // "for the NICU. If your baby": a phrase stays in its sentence.
                if self.segments.tokens[back].sentence != sentence {
                    break;
                }
                if !self.is_word(back) {
                    // "the Elm St. mail carrier": a period inside the name of a place.
                    // "the Route 9 Dunkin' manager": an apostrophe closing a capitalized word.
                    if matches!(self.punct(back), Some("." | "'" | "’"))
                        && back > 0
                        && self.is_capitalized(back - 1)
                    {
                        continue;
                    }
                    break;
                }
                let word = self.word(back);
                // "every patient on an opioid", "any client": everyone, no one person.
                if self.language.contains(List::GroupQuantifiers, word) {
                    break;
                }
                if self.language.contains(List::PersonDeterminers, word) {
                    determiner = Some(back);
                    break;
                }
                // "the Shamrock 5K with her daughter": a preposition or a possessive
                // closes the phrase; the daughter is hers, not a new person.
                if self.language.contains(List::PhraseBreaks, word)
                    || self.language.contains(List::ThirdPersonPossessives, word)
                    // "an ultrasound that checks how your baby is growing": the reader's.
                    || self.language.contains(List::SecondPerson, word)
                {
                    break;
                }
                if self.language.contains(List::LocalityWords, word) {
                    local = true;
                } else if self.is_capitalized(back) && !self.is_sentence_start(back) {
                    capitalized_modifier = true;
                }
            }
            let starts_sentence = self.is_sentence_start(index);
            let Some(first) = determiner.or(starts_sentence.then_some(index)) else {
                continue;
            };
            // "she had it badly as a kid": a role someone already there had, not a new
            // person ("it was a piano teacher" does introduce one).
            // ("You don't have to be a patient of ours to come": a role supposed.)
            if first > 0 && self.is_word(first - 1) && matches!(self.word(first - 1), "as" | "be") {
                continue;
            }
            // "Dr. Iyer is a mom of two", "Meet Carla, our hygienist! She's a
            // marathoner, a mom of three boys": an indefinite predicate describes its
            // subject, here staff, not a new person ("She's a junior at Westfield High"
            // said of a patient still describes her).
            if determiner.is_some_and(|d| matches!(self.word(d), "a" | "an"))
                && (first.saturating_sub(6)..first).any(|back| {
                    self.is_word(back)
                        && self.segments.tokens[back].sentence == sentence
                        && matches!(self.word(back), "is" | "she's" | "he's" | "'s")
                })
                && self.staff_spoken_of_before(self.segments.tokens[first].range.start)
            {
                continue;
            }
            // "when my own father was dying last spring": the writer's family.
            if determiner.is_some_and(|d| self.word(d) == "my")
                && self.language.contains(List::Relatives, noun)
            {
                continue;
            }
            let after = self.specific_after(index);
            // "When the 6'5\" firefighter from Station 3 hears his back crack": a
            // definite person made specific is no hypothetical ("When a child...").
            let definite =
                determiner.is_some_and(|d| matches!(self.word(d), "the" | "this" | "that" | "our"));
            if self.hypothetical_before(first)
                && !(definite && (after || local || capitalized_modifier))
            {
                continue;
            }
            // "this grandpa", and "our patient" or "my client": one person the practice
            // knows (groups are plural: "our patients").
            let demonstrative = determiner.is_some_and(|d| match self.word(d) {
                "this" | "that" => true,
                "our" | "my" => self.language.contains(List::PatientNouns, self.word(index)),
                _ => false,
            });
            // "the mayor", "our pastor": a community's one holder of a title that is
            // not the practice's staff.
            let unique = determiner.is_some_and(|d| matches!(self.word(d), "the" | "our"))
                && self
                    .language
                    .contains(List::CommunityTitles, self.word(index))
                && !self.language.contains(List::StaffTitles, self.word(index));
            let timed = self.sentence_has(List::RecentTimes, sentence);
            let specific = local
                || unique
                || capitalized_modifier
                || demonstrative
                || after
                || (timed && determiner.is_some());
            if specific && (!shaped || capitalized_modifier) {
                let span = self.token_span(first, index);
                self.push(IdentityKind::Described, span, possessive);
            }
        }
    }

    /// Whether the person noun at `index` heads its phrase: nothing or a word that may
    /// follow a person follows it, not another noun ("the senior center").
    fn heads_its_phrase(&self, index: usize) -> bool {
        let next = index + 1;
        // "our patient-reported scores": the first word of a compound.
        let end = self
            .normalized
            .original_range(self.segments.tokens[index].range.clone())
            .end;
        // ("the bride-to-be" is a person, with "-to-be" after.)
        if self.original[end..].starts_with('-') && !self.original[end..].starts_with("-to-be") {
            return false;
        }
        match self.segments.tokens.get(next) {
            None => true,
            Some(token) if !token.is_word => true,
            Some(token) => {
                token.sentence != self.segments.tokens[index].sentence
                    || self
                        .language
                        .contains(List::PersonFollowers, self.word(next))
                    // "that was the mayor getting his deep cleaning".
                    || (self.word(next).ends_with("ing")
                        && self
                            .language
                            .contains(List::CommunityTitles, self.word(index)))
            }
        }
    }

    /// What follows a person noun that makes it one person: "from Cedar Ridge", "in bay
    /// 6", "in 14", "in his 40s", "we saw Tuesday".
    fn specific_after(&self, noun: usize) -> bool {
        let next = noun + 1;
        if !self.is_word(next) {
            return false;
        }
        match self.word(next) {
            // "from Cedar Falls", "from right here in Tri-County", "from out past
            // Ridgefield": a place within a few words.
            "from" => (next + 1..next + 5)
                .take_while(|&at| {
                    self.is_word(at)
                        && self.segments.tokens[at].sentence == self.segments.tokens[noun].sentence
                })
                .any(|at| self.is_capitalized(at)),
            // "our favorite lunch lady at Lincoln Elementary", "the lady on Birch St",
            // "the night manager at the downtown Marriott".
            "at" | "on" => (next + 1..next + 4)
                .take_while(|&at| {
                    self.is_word(at)
                        && self.segments.tokens[at].sentence == self.segments.tokens[noun].sentence
                })
                .any(|at| self.is_capitalized(at)),
            // "this mama of three", "a dad of twins", "a client of mine".
            "of" => {
                self.is_word(next + 1)
                    && (self
                        .language
                        .contains(List::CountWords, self.word(next + 1))
                        || matches!(self.word(next + 1), "mine" | "ours"))
            }
            // "the lady with the purple hair", "the gentleman in the blue house": a
            // look or a place anyone nearby would know.
            "in" | "with"
                if self.is_word(next + 1)
                    && matches!(self.word(next + 1), "the" | "a" | "his" | "her")
                    && (next + 2..next + 5)
                        .take_while(|&at| {
                            self.is_word(at)
                                && self.segments.tokens[at].sentence
                                    == self.segments.tokens[noun].sentence
                        })
                        .any(|at| self.language.contains(List::DescriptorNouns, self.word(at))) =>
            {
                true
            }
            "in" => {
                let place = next + 1;
                // "the grandpa in the Packers hat", "the lady in the green Subaru".
                if self.is_word(place)
                    && matches!(self.word(place), "the" | "a" | "his" | "her")
                    && (place + 1..place + 3)
                        .take_while(|&at| {
                            self.is_word(at)
                                && self.segments.tokens[at].sentence
                                    == self.segments.tokens[noun].sentence
                        })
                        .any(|at| self.is_capitalized(at))
                {
                    return true;
                }
                (self.is_word(place)
                    && self.language.contains(List::CarePlaces, self.word(place))
                    && self.is_number(place + 1))
                    || self.is_number(place)
                    || (self.is_word(place)
                        && matches!(self.word(place), "his" | "her" | "their")
                        && {
                            // "in his early thirties", "in her 40s".
                            let decade = if matches!(self.word(place + 1), "early" | "mid" | "late")
                            {
                                place + 2
                            } else {
                                place + 1
                            };
                            self.is_word(decade)
                                && (self.word(decade).ends_with('s')
                                    && self.word(decade).starts_with(|c: char| c.is_ascii_digit())
                                    || self.language.contains(List::DecadeWords, self.word(decade)))
                        })
            }
            "we" | "i" => self.phrases_at(List::CareVerbs, next + 1).next().is_some(),
            // "a client I've been seeing since September", "a patient we'd treated",
            // "the kid you've been treating for acne since 9th grade".
            "we've" | "i've" | "we'd" | "i'd" => {
                let verb = if self.is_word(next + 1) && self.word(next + 1) == "been" {
                    next + 2
                } else {
                    next + 1
                };
                self.phrases_at(List::CareVerbs, verb).next().is_some()
            }
            // "the kid you've been treating": care under way, told to the reader.
            "you've" => {
                self.is_word(next + 1)
                    && self.word(next + 1) == "been"
                    && self.phrases_at(List::CareVerbs, next + 2).next().is_some()
            }
            // "the nice lady who came in at closing on Sunday".
            "who" => self.phrases_at(List::VisitVerbs, next + 1).next().is_some(),
            _ => false,
        }
    }

    fn is_number(&self, index: usize) -> bool {
        self.is_word(index) && self.word(index).chars().all(|c| c.is_ascii_digit())
    }

    /// Whether sentence `sentence` holds a phrase of `list`: a care verb ("delivered"),
    /// a recent time ("today", "last Saturday").
    fn sentence_has(&self, list: List, sentence: usize) -> bool {
        self.segments
            .sentence_tokens(sentence)
            .any(|index| self.phrases_at(list, index).next().is_some())
    }

    /// "Room 3 just told me", "Bed 9, a guy in his 40s": a numbered bed or room standing
    /// for its patient, opening a sentence; "bed 6's twins" anywhere.
    fn care_places(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            // "bed 6's twins", "Bed 14's mama": the patient of a numbered place, owning.
            if self.is_word(index)
                && self.language.contains(List::CarePlaces, self.word(index))
                && self.is_word(index + 1)
                && self
                    .word(index + 1)
                    .strip_suffix("'s")
                    .is_some_and(|number| {
                        !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
                    })
            {
                let span = self.token_span(index, index + 1);
                self.push(IdentityKind::Described, span, true);
                continue;
            }
            if !self.is_sentence_start(index)
                || !self.is_word(index)
                || !self.language.contains(List::CarePlaces, self.word(index))
                || !self.is_number(index + 1)
            {
                continue;
            }
            // "Room 3 just told me", not "Room 3 is closed": a place that does something.
            let follows = match self.segments.tokens.get(index + 2) {
                Some(token) if token.is_word => !self
                    .language
                    .contains(List::PlaceStates, self.word(index + 2)),
                Some(_) => self.punct(index + 2) == Some(","),
                None => false,
            };
            if follows {
                let span = self.token_span(index, index + 1);
                self.push(IdentityKind::Described, span, false);
            }
        }
    }

    /// "#DentalHistory: George Washington's dentures", "President Eisenhower's 1955
    /// heart attack", "given in 1895 to a janitor named Harvey Lillard": people of
    /// history, whose health is public record, are no patients of the practice. In a text
    /// marked as history every name is one, unless its sentence tells of now; elsewhere, the names and descriptions of a
    /// sentence that holds a year before 1976 (not "since 1968" or "born 1931").
    pub(super) fn drop_historical_people(&mut self) {
        if self.identities.is_empty() {
            return;
        }
        let text = self.normalized.as_str();
        let marked = self
            .normalized
            .hashtags()
            .iter()
            .any(|tag| text[tag.clone()].contains("history"))
            || self
                .segments
                .sentences_with(text, self.language, List::HistoryMarkers)
                .contains(&true);
        // "Happy Black History Month! Jamal finished chemo today": a story of today
        // in a text of history is still one.
        let public_record =
            self.segments
                .sentences_with(text, self.language, List::PublicRecordMarkers);
        let mut historical: Vec<bool> = (0..self.segments.sentences.len())
            .map(|sentence| {
                (marked && !self.sentence_has(List::RecentTimes, sentence))
                    || public_record.get(sentence).copied().unwrap_or(false)
            })
            .collect();
        if !marked {
            for index in 0..self.segments.tokens.len() {
                let year = self.is_word(index)
                    && self
                        .word(index)
                        .trim_end_matches('s')
                        .parse::<u32>()
                        .is_ok_and(|year| (1000..1976).contains(&year));
                let living = index.checked_sub(1).is_some_and(|before| {
                    self.is_word(before)
                        && self
                            .language
                            .contains(List::LivingYearLeads, self.word(before))
                });
                if year && !living {
                    historical[self.segments.tokens[index].sentence] = true;
                }
            }
        }
        if !historical.contains(&true) {
            return;
        }
        let segments = self.segments;
        let in_history = |identity: &super::Identity| {
            let person = matches!(
                identity.kind,
                IdentityKind::Name | IdentityKind::Honorific | IdentityKind::Described
            );
            let token = segments
                .token_at_or_after(identity.range.start)
                .min(segments.tokens.len() - 1);
            person && historical[segments.tokens[token].sentence]
        };
        // "Lou Gehrig" in 1939 is "#LouGehrig" and "Gehrig" later on: the words of a
        // person of history name them wherever they stand.
        let letters = |range: &std::ops::Range<usize>| -> Vec<String> {
            text[range.clone()]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| word.len() >= 3)
                .map(str::to_string)
                .collect()
        };
        let mut words = std::collections::HashSet::new();
        for identity in &self.identities {
            if identity.kind == IdentityKind::Name && in_history(identity) {
                let name = letters(&identity.range);
                words.insert(name.concat());
                words.extend(name.into_iter().filter(|word| word.len() >= 4));
            }
        }
        self.identities.retain(|identity| {
            let named_again = identity.kind == IdentityKind::Name && {
                let name = letters(&identity.range);
                words.contains(&name.concat()) || name.iter().any(|word| words.contains(word))
            };
            !(in_history(identity) || named_again)
        });
    }

    /// "Meet 'Jenna' (a composite, not a real person)": in a story marked as a
    /// composite or fiction, the people named or described are no one.
    pub(super) fn drop_composite_people(&mut self) {
        if self.identities.is_empty() {
            return;
        }
        let marked = self
            .segments
            .sentences_with(self.text(), self.language, List::CompositeMarkers)
            .contains(&true);
        if marked {
            self.identities.retain(|identity| {
                !matches!(
                    identity.kind,
                    IdentityKind::Name | IdentityKind::Described | IdentityKind::Honorific
                )
            });
        }
    }

    /// "Not with initials, not with 'a local teacher.'": an indefinite description in
    /// quotes is the words themselves, mentioned, not a person.
    pub(super) fn drop_quoted_descriptions(&mut self) {
        let segments = self.segments;
        let keep: Vec<bool> = self
            .identities
            .iter()
            .map(|identity| {
                if identity.kind != IdentityKind::Described {
                    return false;
                }
                let first = segments.token_at_or_after(identity.range.start);
                let last = segments.token_at_or_after(identity.range.end);
                // An indefinite one: "'this grandpa'" may be what a person is called.
                let indefinite = self.is_word(first) && matches!(self.word(first), "a" | "an");
                let opened = indefinite && first > 0 && self.is_quote(first - 1);
                // The closing quote may follow a period or comma: "'a local teacher.'"
                let closed = self.is_quote(last)
                    || (matches!(self.punct(last), Some("." | "," | "!" | "?"))
                        && self.is_quote(last + 1));
                opened && closed
            })
            .map(|quoted: bool| !quoted)
            .collect();
        self.retain_where(&keep);
    }
}
