//! Personal names anywhere in a text: greetings and vocatives ("Hi Jen,", "..., Tom!"),
//! possessives ("Jen's"), sentence subjects ("Mateo had his first filling"), full names
//! ("Maria Lopez") and names in text written in capitals.
//!
//! Owns deciding that capitalized words are a person's name. Staff names are found
//! first (`staff`) and win; words that are not names come from the language pack.

use crate::language::List;

use super::{strip_possessive, Finder, IdentityKind};

impl<'a> Finder<'a> {
    /// "Hi Jen,", "Thank you so much, Maria!", "Jen, your...", "..., Tom!".
    pub(super) fn greetings_and_vocatives(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            // Greeting phrase followed by a name.
            let greetings: Vec<&str> = self.phrases_at(List::Greetings, index).collect();
            for greeting in greetings {
                let mut next = index + greeting.split(' ').count();
                let after_greeting = next;
                while next < count
                    && self.is_word(next)
                    && self
                        .language
                        .contains(List::GreetingFillers, self.word(next))
                {
                    next += 1;
                }
                if matches!(self.punct(next), Some(",") | Some("-") | Some(":")) {
                    next += 1;
                }
                if self.is_word(next) && self.language.contains(List::Honorifics, self.word(next)) {
                    continue; // Handled by `honorifics`.
                }
                // "thank u sarah", "omg thank u sarah": at the start of the text, after
                // an interjection or two at most.
                let at_text_start = index <= 2
                    && (0..index)
                        .all(|before| self.is_word(before) && !self.is_capitalized(before));
                // "thank u sarah!!": after thanks, only a known first name.
                let lowercase_ok = at_text_start
                    && (greeting.split(' ').next().is_some_and(|first| {
                        self.language.contains(List::LowercaseGreetings, first)
                    }) || (self.language.contains(List::ThanksOpeners, greeting)
                        && self.is_word(next)
                        && self.is_first_name(self.word(next))));
                let mut last = None;
                let mut cursor = next;
                while cursor < count && cursor < next + 3 {
                    let plausible = self.is_name_word(cursor)
                        || (lowercase_ok
                            && cursor == next
                            && self.is_word(cursor)
                            && self.is_lowercase_name_candidate(cursor));
                    if !plausible {
                        break;
                    }
                    last = Some(cursor);
                    cursor += 1;
                }
                // "Thank you, Westfield High Athletics", "Thanks, Cascade Dental Lab!": a
                // run of capitalized words closed by an institution's word greets an
                // organization, and "you" is that organization.
                if let Some(end) = last {
                    // (Capitals mean nothing in a sentence written in capitals.)
                    let institution = |index: usize| {
                        self.is_word(index)
                            && self.is_capitalized(index)
                            && !self.is_all_caps(index)
                            && (self.language.contains(List::NotNames, self.word(index))
                                || self.language.contains(List::PlaceNouns, self.word(index)))
                    };
                    // ("Thank you, Northbridge team!": a name's team is an
                    // organization's people.)
                    let group = self.is_word(end + 1)
                        && self
                            .language
                            .contains(List::OrganizationGroups, self.word(end + 1));
                    if institution(end + 1) || (end > next && institution(end)) || group {
                        self.organization_addressed = true;
                        continue;
                    }
                }
                // "Dear Neighbors", "Hi Team", "Go Riverside": an everyday word or a
                // group's word right after a greeting is a group or a place ("welcome
                // baby Juniper" and "Hi Sienna" are not), once an organization's name
                // has had its chance above ("Thank you, Bright Smiles Lab").
                let right_after = next == after_greeting
                    || (next == after_greeting + 1 && self.punct(after_greeting).is_some());
                if right_after && self.is_capitalized(next) && self.names_group(next) {
                    continue;
                }
                if let Some(last) = last {
                    let ends_cleanly = match self.segments.tokens.get(last + 1) {
                        None => true,
                        Some(token) => {
                            !token.is_word || token.sentence != self.segments.tokens[last].sentence
                        }
                    };
                    // "Hi Jen we loved...", "hey Bri glad..." run on, but "Yes,
                    // Riverbend PT is in network" names a business: a name that runs on
                    // is a known first name, or a word no dictionary has before a
                    // lowercase word.
                    let runs_on = self.is_capitalized(next)
                        && (self.is_first_name(self.word(next))
                            || (self.may_be_name(next)
                                && self.is_word(last + 1)
                                && !self.is_capitalized(last + 1)));
                    if ends_cleanly || runs_on {
                        let possessive = self.word(last).ends_with("'s");
                        let span = self.token_span(next, last);
                        self.push(IdentityKind::Name, span, possessive);
                    }
                }
            }
            // "Sharon we're sorry...": a known first name opening a sentence, followed by
            // a pronoun or an interjection rather than a verb of its own.
            if self.is_sentence_start(index)
                && self.is_name_word(index)
                && self.is_first_name(self.word(index))
                && self.is_word(index + 1)
                && self
                    .language
                    .contains(List::VocativeFollowers, self.word(index + 1))
            {
                let span = self.segments.tokens[index].range.clone();
                self.push(IdentityKind::Name, span, false);
            }
            // "Jen, your crown..." or "Renee Castillo — we..." opening a sentence, but not
            // a heading in capitals such as "SPRING SPECIAL:".
            if self.is_sentence_start(index)
                && self.is_name_word(index)
                && self.is_first_name_here(index)
            {
                let last = if self.is_name_word(index + 1) && !self.breaks_after(index) {
                    index + 1
                } else {
                    index
                };
                // "Carlos!!! 30 days sober is HUGE": a name exclaimed to open the text.
                let exclaimed = (0..index).all(|before| !self.is_word(before))
                    && self.punct(last + 1) == Some("!")
                    && !self
                        .language
                        .contains(List::CommonWordNames, self.word(index));
                if self.breaks_after(last) || exclaimed {
                    let span = self.token_span(index, last);
                    self.push(IdentityKind::Name, span, false);
                }
            }
            // "stay safe around those peanuts Tyler 🥜", "Wonderful news Greg, ...": a
            // known first name straight after a lowercase word, closing a sentence or
            // followed by a comma, is said to someone, unless that word introduces a
            // third person ("our hygienist Tyler", "ask Tyler").
            if index > 0
                && !self.is_sentence_start(index)
                && self.is_name_word(index)
                && self.is_first_name(self.word(index))
                && self.is_word(index - 1)
                && !self.is_capitalized(index - 1)
                && !self
                    .language
                    .contains(List::ThirdPersonLeads, self.word(index - 1))
                && !self.is_month_reference(index)
                && !self
                    .language
                    .contains(List::StaffTitles, self.word(index - 1))
                && (self.closes_sentence(index) || self.punct(index + 1) == Some(","))
            {
                let span = self.segments.tokens[index].range.clone();
                self.push(IdentityKind::Name, span, false);
            }
            // "We are so proud of you, J.": an initial said to someone, closing a sentence.
            if self.punct(index) == Some(",")
                && self.is_word(index + 1)
                && self.is_capitalized(index + 1)
                && self.word(index + 1).chars().count() == 1
                && self.word(index + 1).chars().all(char::is_alphabetic)
                && self.punct(index + 2) == Some(".")
                && self.segments.tokens.get(index + 3).is_none_or(|token| {
                    token.sentence != self.segments.tokens[index + 1].sentence || !token.is_word
                })
            {
                let span = self.token_span(index + 1, index + 2);
                self.push(IdentityKind::Name, span, false);
            }
            // "..., Tom!" or "..., baby Aria!" closing a sentence.
            if self.punct(index) == Some(",") {
                let mut last = None;
                let mut start = index + 1;
                if self.is_word(start)
                    && self.language.contains(List::Endearments, self.word(start))
                {
                    start += 1;
                }
                let mut cursor = start;
                while cursor < count && cursor <= start + 1 && self.is_name_word(cursor) {
                    last = Some(cursor);
                    cursor += 1;
                }
                // "'Ready, Set, Adult'", "Thank you, Riverside,": a common word set off
                // by commas is no one's name.
                if last.is_some() && !self.may_be_name(start) {
                    last = None;
                }
                if let Some(last) = last {
                    let closes = match self.segments.tokens.get(last + 1) {
                        None => true,
                        Some(token) => {
                            let next = &self.text()[token.range.clone()];
                            token.sentence != self.segments.tokens[last].sentence
                                || matches!(next, "!" | "." | "?")
                                || next.chars().all(|c| !c.is_ascii() && !c.is_alphanumeric())
                                || self.breaks_after(last)
                        }
                    };
                    if closes {
                        let span = self.token_span(start, last);
                        self.push(IdentityKind::Name, span, false);
                    }
                }
            }
        }
    }

    /// Whether the word at token `index` may be a name: a known first name, or a word
    /// that is not an everyday English word, nor the plural of one ("Zuzu", "Okafor",
    /// but not "Voices").
    pub(super) fn may_be_name(&self, index: usize) -> bool {
        let word = strip_possessive(self.word(index));
        let english = |word: &str| self.language.contains(List::EnglishWords, word);
        self.is_first_name(word) || !(english(word) || word.strip_suffix('s').is_some_and(english))
    }

    /// Whether the word at token `index` names a group or a place rather than a person:
    /// a group's word ("Team", "Everyone") or an everyday word ("Neighbors",
    /// "Riverside") that is not also a first name ("Sienna").
    fn names_group(&self, index: usize) -> bool {
        let word = self.word(index);
        let english = |word: &str| self.language.contains(List::EnglishWords, word);
        if self.is_first_name(word) {
            return false;
        }
        [
            List::CollectiveGroups,
            List::GroupNouns,
            List::NotNames,
            List::PlaceNouns,
        ]
        .into_iter()
        .any(|list| self.language.contains(list, word))
            || english(word)
            || word.strip_suffix('s').is_some_and(english)
    }

    /// "Lincoln High", "Roosevelt Middle", "MAPLE GROVE": a first name before a
    /// capitalized common word names a place.
    pub(super) fn names_place(&self, index: usize) -> bool {
        // "Ronald McDonald House": capitalized words closed by an institution's word.
        // ("NO SURGERY NEEDED" is no name of a place: "no" is no part of one.)
        let institution = (index + 1..index + 4)
            .take_while(|&next| {
                self.is_word(next)
                    && self.is_capitalized(next)
                    && !self.language.contains(List::NotNames, self.word(next))
            })
            .any(|next| {
                self.language
                    .contains(List::InstitutionWords, self.word(next))
            });
        // "our Dalton sleep lab", "our Elm office": a branch's place, after "our".
        let branch = index > 0
            && self.is_word(index - 1)
            && self.word(index - 1) == "our"
            && (index + 1..index + 3)
                .take_while(|&next| self.is_word(next) && !self.is_capitalized(next))
                .any(|next| {
                    self.language
                        .contains(List::InstitutionWords, self.word(next))
                        || self.language.contains(List::PlaceNouns, self.word(next))
                });
        institution
            || branch
            || (!self.in_shouted_sentence(index)
                && self.is_word(index + 1)
                && self.is_capitalized(index + 1)
                && !self.is_first_name(self.word(index + 1))
                && {
                    let next = strip_possessive(self.word(index + 1));
                    self.language.contains(List::EnglishWords, next)
                        || self.language.contains(List::NotNames, next)
                })
    }

    /// Whether token `index` ends its sentence: nothing follows in it but closing
    /// punctuation or emoji.
    pub(super) fn closes_sentence(&self, index: usize) -> bool {
        let sentence = self.segments.tokens[index].sentence;
        self.segments.tokens[index + 1..]
            .iter()
            .take_while(|token| token.sentence == sentence)
            .all(|token| {
                let text = &self.text()[token.range.clone()];
                !token.is_word
                    && text.chars().all(|c| {
                        matches!(c, '!' | '.' | '?') || (!c.is_ascii() && !c.is_alphanumeric())
                    })
            })
    }

    /// Whether a comma, colon or dash follows token `index` (dashes are spaces in the
    /// normalized text, so the original is read).
    pub(super) fn breaks_after(&self, index: usize) -> bool {
        if matches!(self.punct(index + 1), Some(",") | Some(":")) {
            return true;
        }
        let Some(token) = self.segments.tokens.get(index) else {
            return false;
        };
        let end = self.normalized.original_range(token.range.clone()).end;
        self.original[end..]
            .trim_start_matches([' ', '\t'])
            .starts_with(['-', '–', '—'])
    }

    pub(super) fn is_lowercase_name_candidate(&self, index: usize) -> bool {
        let word = self.word(index);
        let followed_by_break = matches!(
            self.punct(index + 1),
            Some(",") | Some("!") | Some(".") | Some("-") | Some(":")
        ) || self.segments.tokens.get(index + 1).is_none();
        followed_by_break
            && word.chars().count() >= 2
            && word.chars().all(char::is_alphabetic)
            && !self.language.contains(List::NotNames, word)
            && !self.language.contains(List::SecondPerson, word)
            && !self.overlaps_detail(&self.segments.tokens[index].range)
    }

    /// The phrases of `list` that stand at token `index`, in list order.
    pub(super) fn phrases_at(
        &self,
        list: List,
        index: usize,
    ) -> impl Iterator<Item = &'a str> + '_ {
        let language: &'a crate::language::Language = self.language;
        let word = if self.is_word(index) {
            self.word(index)
        } else {
            ""
        };
        language
            .starting_with(list, word)
            .filter(move |phrase| self.matches_words(index, phrase))
    }

    /// Whether the words of `phrase` (separated by single spaces) stand at token `index`.
    pub(super) fn matches_words(&self, index: usize, phrase: &str) -> bool {
        phrase
            .split(' ')
            .enumerate()
            .all(|(offset, word)| self.is_word(index + offset) && self.word(index + offset) == word)
    }

    /// "Jen's biopsy": a capitalized word with a possessive 's.
    pub(super) fn name_possessives(&mut self) {
        for index in 0..self.segments.tokens.len() {
            if !self.is_word(index) {
                continue;
            }
            let word = self.word(index);
            if !word.ends_with("'s") || self.language.contains(List::NamePossessiveExclusions, word)
            {
                continue;
            }
            if self.after_saint(index) {
                continue;
            }
            // "Jen's biopsy" but not "the Eastside Mission's free dental day": a known
            // first name, or at least not an English word.
            let bare = strip_possessive(word);
            // "Summer's almost here", "Spring's coming": a word that is also a name,
            // with "is" shortened after it.
            if self.language.contains(List::CommonWordNames, bare)
                && self.is_word(index + 1)
                && (self.word(index + 1).ends_with("ing")
                    || self
                        .language
                        .contains(List::ContractionFollowers, self.word(index + 1)))
            {
                continue;
            }
            // "Sal's Pizza", "Joe's Crab Shack": a business named after its owner.
            let business = self.is_word(index + 1)
                && self.is_capitalized(index + 1)
                && !self.is_sentence_start(index + 1)
                && !self.is_first_name(self.word(index + 1))
                && !self.overlaps_detail(&self.segments.tokens[index + 1].range);
            if business {
                continue;
            }
            if self.is_name_word(index)
                && (self.is_first_name(bare) || !self.language.contains(List::EnglishWords, bare))
            {
                let span = self.segments.tokens[index].range.clone();
                self.push(IdentityKind::Name, span, true);
            }
        }
    }

    /// "Mateo had his first filling", "Little Mateo rocking his ear tubes", "Grandpa Walt
    /// doing laps": a first name opening a sentence, perhaps after an endearment or a
    /// family title, and followed by a verb of that person's own experience.
    pub(super) fn sentence_subjects(&mut self) {
        for index in 0..self.segments.tokens.len() {
            if !self.is_sentence_start(index) || !self.is_word(index) {
                continue;
            }
            let lead = self.word(index);
            let titled = self.language.contains(List::FamilyTitles, lead);
            let name = if titled || self.language.contains(List::Endearments, lead) {
                index + 1
            } else {
                index
            };
            if !self.is_name_word(name)
                || self.segments.tokens[name].sentence != self.segments.tokens[index].sentence
            {
                continue;
            }
            let word = self.word(name);
            let known =
                self.is_first_name(word) && !self.language.contains(List::CommonWordNames, word);
            // "Tomasz got the call": a word no dictionary has, that is no health detail,
            // before a verb of experience is someone's name.
            let unknown = !self.language.contains(List::EnglishWords, word)
                && !self.language.contains(List::NotNames, word)
                && !self.is_all_caps(name)
                && !self.overlaps_detail(&self.segments.tokens[name].range);
            if !(known || unknown) {
                continue;
            }
            // "Sophia finally got her braces off": a filler or two may come between.
            let verb = self.after_fillers(name, 2);
            // "Gary drives long-haul", "Mateo loved it": after a known first name, a
            // lowercase word shaped like a verb in the present or past will do.
            let shaped =
                known && name == index && self.is_word(verb) && !self.is_capitalized(verb) && {
                    let word = self.word(verb);
                    word.len() >= 4
                        && word.chars().all(|c| c.is_ascii_lowercase())
                        && !self.language.contains(List::StaffNewsVerbs, word)
                        && (word.ends_with("ed") || (word.ends_with('s') && !word.ends_with("ss")))
                };
            if self.is_word(verb)
                && (shaped
                    || self
                        .language
                        .contains(List::NamedSubjectVerbs, self.word(verb)))
            {
                let first = if titled { index } else { name };
                let span = self.token_span(first, name);
                self.push(IdentityKind::Name, span, false);
            }
        }
    }

    /// "So proud of Gloria", "Today Sophia got her braces off": a known first name,
    /// capitalized inside a sentence, that is not also an everyday word ("Grace", "May")
    /// or a month after a word of time.
    pub(super) fn single_names(&mut self) {
        for index in 0..self.segments.tokens.len() {
            if !self.is_name_word(index) {
                continue;
            }
            // "fexofenadine (Allegra)": a word the packs hold as a detail is that detail.
            // (Weak ones that are also first names reach the finder as names: "Ella".)
            if self.overlaps_detail(&self.segments.tokens[index].range) {
                continue;
            }
            // "Tanya finished chemo today", "Sophia is...": at a sentence start a first
            // name needs a verb after it ("Chin tucks", "Tiny scar" are not people).
            // ("Gus from the bakery down the block just finished his cardiac rehab": a
            // first name described by where they are from is a person too.)
            let from_place = self.word(index + 1) == "from"
                && self.is_word(index + 2)
                && (matches!(self.word(index + 2), "the" | "our" | "my")
                    || self.is_capitalized(index + 2));
            // ("Sarah you're healing SO beautifully": a name said to the person, no
            // comma before "you".)
            let said_to = self.is_word(index + 1)
                && self
                    .language
                    .contains(List::SecondPerson, self.word(index + 1));
            if self.is_sentence_start(index) && !self.verb_after(index) && !from_place && !said_to {
                continue;
            }
            let word = strip_possessive(self.word(index));
            let before = index
                .checked_sub(1)
                .filter(|&i| self.is_word(i))
                .map(|i| self.word(i));
            // "baby Noah" is found with its title, or left out as staff family; "St.
            // Luke's" is a place.
            let titled = self.after_saint(index)
                || before.is_some_and(|before| {
                    self.language.contains(List::PatientTitles, before)
                        || self.language.contains(List::BabyTitles, before)
                });
            if self.is_first_name_here(index)
                && !titled
                && !self.names_place(index)
                && !self.is_all_caps(index)
                && !self.language.contains(List::CommonWordNames, word)
                && !self.is_month_reference(index)
            {
                let span = self.segments.tokens[index].range.clone();
                let possessive = self.word(index).ends_with("'s");
                self.push(IdentityKind::Name, span, possessive);
            }
        }
    }

    /// Whether a verb follows token `index`, perhaps after a filler or two: a copula
    /// ("is") or a verb of the person's own experience ("finished", "had").
    pub(super) fn verb_after(&self, index: usize) -> bool {
        let next = self.after_fillers(index, 2);
        if !self.is_word(next) || self.is_capitalized(next) {
            return false;
        }
        let word = self.word(next);
        self.language.contains(List::Copulas, word)
            || self.language.contains(List::NamedSubjectVerbs, word)
    }

    /// In a sentence written in capitals ("BEST NEWS EVER GLORIA"), capitalization says
    /// nothing, so a known first name that is not also an everyday word is a name.
    pub(super) fn all_caps_names(&mut self) {
        for (sentence_index, sentence) in self.segments.sentences.iter().enumerate() {
            let original = &self.original[self.normalized.original_range(sentence.clone())];
            let letters = original.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = original.chars().filter(|c| c.is_uppercase()).count();
            if letters < 12 || capitals * 10 < letters * 9 {
                continue;
            }
            let tokens: Vec<usize> = self
                .segments
                .sentence_tokens(sentence_index)
                .filter(|&index| self.is_word(index))
                .collect();
            for index in tokens {
                let word = strip_possessive(self.word(index));
                if self.is_first_name(word)
                    && !self.language.contains(List::CommonWordNames, word)
                    && !self.language.contains(List::NotNames, word)
                    && !self.names_place(index)
                    && !self.overlaps_detail(&self.segments.tokens[index].range)
                {
                    let span = self.segments.tokens[index].range.clone();
                    let possessive = self.word(index).ends_with("'s");
                    self.push(IdentityKind::Name, span, possessive);
                }
            }
        }
    }

    /// "St. Anne's ER": a saint's name is a place.
    fn after_saint(&self, index: usize) -> bool {
        (index.saturating_sub(2)..index).any(|before| {
            self.is_word(before)
                && (self.word(before) == "st"
                    || (self.is_capitalized(before)
                        && self
                            .language
                            .contains(List::PlacePrefixes, self.word(before))))
        })
    }

    /// Two or more capitalized words inside a sentence: "Maria Lopez".
    pub(super) fn full_names(&mut self) {
        let count = self.segments.tokens.len();
        let mut index = 0;
        while index < count {
            if self.is_sentence_start(index)
                || !self.is_name_word(index)
                || !self.is_first_name_here(index)
                || self.after_saint(index)
            {
                index += 1;
                continue;
            }
            let mut last = index;
            // "Winter Newsletter" is a first name before a common word, not a person, but
            // "Gerald Finch" and "Helen Park" are people: after a first name that is not
            // also an everyday word, any surname but an institution's word ("Lincoln
            // High") goes on.
            let plain_first = !self
                .language
                .contains(List::CommonWordNames, self.word(index));
            while last + 1 < count
                && self.is_name_word(last + 1)
                && self.segments.tokens[last + 1].sentence == self.segments.tokens[index].sentence
                && {
                    let next = strip_possessive(self.word(last + 1));
                    self.is_first_name(next)
                        || !self.language.contains(List::EnglishWords, next)
                        || (plain_first
                            && last == index
                            && !self.language.contains(List::InstitutionWords, next))
                }
            {
                last += 1;
            }
            // "Ronald McDonald House", "Mercy General Hospital": a place.
            let place = self.is_word(last + 1)
                && self.is_capitalized(last + 1)
                && self
                    .language
                    .contains(List::InstitutionWords, self.word(last + 1));
            if last > index && !place {
                let possessive = self.word(last).ends_with("'s");
                let span = self.token_span(index, last);
                self.push(IdentityKind::Name, span, possessive);
            }
            index = last + 1;
        }
    }

    /// Whether token `index` is a month named after a word of time ("this June",
    /// "through April"), not a person.
    pub(super) fn is_month_reference(&self, index: usize) -> bool {
        self.language.contains(List::MonthNames, self.word(index))
            && index.checked_sub(1).is_some_and(|previous| {
                self.is_word(previous)
                    && self
                        .language
                        .contains(List::MonthLeads, self.word(previous))
            })
    }

    /// Whether token `index` is a known first name as written: "Summer" may be one, but
    /// "SPRING" in a heading in capitals ("✨SPRING SPECIAL✨") is the everyday word.
    pub(super) fn is_first_name_here(&self, index: usize) -> bool {
        let word = self.word(index);
        self.is_first_name(word)
            && !(self.language.contains(List::CommonWordNames, word) && self.is_all_caps(index))
    }
}
