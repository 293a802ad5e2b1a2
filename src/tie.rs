//! Ties: how a detail connects to an identity, strongest first.
//!
//! Owns the decision for one detail: `direct` when a possessive identity stands just
//! before it ("your recent root canal", "Jen's biopsy"), when an identity is the subject
//! of an experience verb leading to it ("you had Lasik", "since you started Lexapro"),
//! when it is done for or on the person ("the crown we placed for you"), or when its
//! lexicon is marked `addressed`; `sentence` when an identity shares its sentence;
//! `reply` when an identity appears anywhere else. It does no matching and no IO.

use std::ops::Range;

use crate::identity::{Identities, Identity, IdentityKind};
use crate::language::{Language, List};
use crate::model::Tie;
use crate::segment::Segments;

/// How one detail is tied, and to which identity (an index into the identity list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The strongest tie found.
    pub tie: Tie,
    /// The identity it is tied to, when there is one to point at.
    pub identity: Option<usize>,
}

/// Words that may stand between a possessive and its noun ("your recent upper crown").
const MAX_MODIFIERS: usize = 3;

/// The tokens before token `first`, nearest first, as far back as a detail's modifiers
/// reach ("your recent root canal").
fn tokens_before(first: usize) -> impl Iterator<Item = usize> {
    (first.saturating_sub(MAX_MODIFIERS + 1)..first).rev()
}

/// Connects details to identities within one text.
pub struct Tier<'a> {
    language: &'a Language,
    text: &'a str,
    public: bool,
    staff: crate::ranges::RangeSet,
    segments: &'a Segments,
    identities: &'a [Identity],
    /// Token ranges (first..=last) of each identity.
    identity_tokens: Vec<(usize, usize)>,
    /// The first identity that names someone, for reply-wide ties.
    first_named: Option<usize>,
    /// For each sentence, whether it states general knowledge ("usually", "most people")
    /// that is about no one in this text.
    general: Vec<bool>,
    /// Where the text turns to the public ("thanks for asking this in the comments").
    pivot_at: Option<usize>,
    /// Whether the text answers with general knowledge rather than about the person.
    general_knowledge: bool,
    /// Normalized offsets of the breaks between paragraphs, ascending.
    paragraph_breaks: Vec<usize>,
}

impl<'a> Tier<'a> {
    /// Prepares tying for one text.
    pub fn new(
        language: &'a Language,
        text: &'a str,
        segments: &'a Segments,
        found: &'a Identities,
    ) -> Self {
        let identities = found.list.as_slice();
        let identity_tokens = identities
            .iter()
            .map(|identity| {
                let first = segments.token_at_or_after(identity.range.start);
                let last = segments
                    .token_at_or_after(identity.range.end)
                    .saturating_sub(1)
                    .max(first);
                (first, last)
            })
            .collect();
        Tier {
            general: found.general_sentences.clone(),
            pivot_at: found.pivot_at,
            general_knowledge: found.general_knowledge,
            language,
            first_named: identities
                .iter()
                .position(|identity| identity.kind.is_named()),
            text,
            public: found.public,
            staff: crate::ranges::RangeSet::new(found.staff.iter().cloned()),
            segments,
            identities,
            identity_tokens,
            paragraph_breaks: Vec::new(),
        }
    }

    /// The strongest tie of the detail at normalized `range`, if any identity exists.
    /// `addressed`: the detail is about the addressee by itself ("thanks for coming in").
    /// `by_article`: "the" before it in a sentence addressed to someone points at their
    /// own ("sorry about the rash, Carlos"); true for conditions, drugs, tests, bills and
    /// visits, not for things that are also objects or services ("the bridge is closed").
    pub fn connect(
        &self,
        range: &Range<usize>,
        addressed: bool,
        by_article: bool,
    ) -> Option<Connection> {
        if self.segments.tokens.is_empty() {
            return None;
        }
        let first = self
            .segments
            .token_at_or_after(range.start)
            .min(self.segments.tokens.len() - 1);
        let last = self
            .segments
            .token_at_or_after(range.end)
            .saturating_sub(1)
            .max(first);
        // "Dr. Nguyen is off for his own colonoscopy": staff news, about no patient.
        if self.owned_by_staff(first) {
            return None;
        }
        // "We never discuss anyone's testing online": a policy about everyone's details.
        if self.owned_by_anyone(first) {
            return None;
        }
        // "a basal cell removed from my own nose", "I had LASIK myself": the writer's own.
        if self.owned_by_writer(first) {
            return None;
        }
        // "Mayor Whitfield has proclaimed... Due for your mammogram?": in a text to the
        // public, what "your" owns is the reader's, whoever else the text names.
        if self.public && self.owned_by_reader(first) {
            return None;
        }
        if let Some(identity) = self
            .possessive_before(first)
            .or_else(|| self.subject_before(first))
        {
            return Some(Connection {
                tie: Tie::Direct,
                identity: Some(identity),
            });
        }
        if let Some(identity) = self.object_after(last) {
            return Some(Connection {
                tie: Tie::Direct,
                identity: Some(identity),
            });
        }
        // "reserved for stroke and heart attack cases", "a postpartum room": a class
        // of people or a place of care, not a person's own.
        if self.word(last + 1).is_some_and(|word| {
            self.language.contains(List::ClassNouns, word)
                || self.language.contains(List::FacilityNouns, word)
        }) {
            return None;
        }
        let sentence = self.segments.tokens[first].sentence;
        let in_sentence = self.nearest(first, Some(sentence), false);
        // "Sorry about the rash, Carlos": a definite article in a sentence addressed to
        // someone points at their own rash.
        // ("Jaz, those crowns turned out perfect": a demonstrative points at theirs,
        // whatever the kind.)
        if in_sentence.is_some()
            && ((by_article && self.definite_before(first)) || self.demonstrative_before(first))
        {
            return Some(Connection {
                tie: Tie::Direct,
                identity: in_sentence,
            });
        }
        // "Sorry about the needle, Tom": sympathy for a definite detail in a sentence
        // addressed to someone is sympathy for their own, whatever its kind.
        if in_sentence.is_some() && self.sympathy_before(first) {
            return Some(Connection {
                tie: Tie::Direct,
                identity: in_sentence,
            });
        }
        // A phrase such as "thanks for coming in" is about the addressee by itself, but
        // not in a post to the public or one that speaks to staff and no one else.
        if addressed && self.identities.is_empty() {
            let sentence_range =
                &self.segments.sentences[sentence.min(self.segments.sentences.len() - 1)];
            // "We can neither confirm nor deny that anyone here has been a patient": a
            // policy about everyone confirms nothing about someone.
            let declines = self.text[sentence_range.clone()]
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .any(|word| self.language.contains(List::PolicyWords, word));
            if declines {
                return None;
            }
            let speaks_to_staff = self.staff.overlaps(sentence_range);
            // "Great question! ... worth a call to your surgeon": general knowledge.
            let general = self.states_general(sentence);
            if self.public || speaks_to_staff || general {
                return None;
            }
        }
        // "Thank you for trusting us!" in a newsletter or a page for any reader thanks
        // the readers, unless someone is named in that very sentence.
        if addressed && self.public && in_sentence.is_none() {
            return None;
        }
        if addressed {
            // "For others reading: if it ever happens to you, ask your doctor": after a
            // turn to the public, the reader's, not the person's.
            let general = self.states_general(sentence);
            let turned = self.pivot_at.is_some_and(|at| at <= range.start);
            return Some(Connection {
                tie: if general
                    && turned
                    && in_sentence.is_none_or(|identity| !self.identities[identity].kind.is_named())
                {
                    Tie::General
                } else {
                    Tie::Direct
                },
                identity: in_sentence.or_else(|| self.reply_identity(first)),
            });
        }
        if let Some(identity) = in_sentence {
            // "Hi Priyanka, thank you for asking this in the comments; it's a common
            // question about acne treatment": after the turn to the public, the
            // sentence speaks to any reader.
            let turned = self
                .pivot_at
                .is_some_and(|at| self.identities[identity].range.end <= at && at <= range.start);
            // "For others reading who may be going through IVF: if it ever happens to
            // you": after the turn, a "you" of general knowledge is any reader.
            let public_you = !self.identities[identity].kind.is_named()
                && self.states_general(sentence)
                && self
                    .pivot_at
                    .is_some_and(|at| at <= self.identities[identity].range.start);
            // "Flu and COVID shots can be given at the same time, so ask if you'd like
            // to": in an answer of general knowledge, a "you" that is only supposed
            // does not make a detail theirs.
            let supposed_you = self.general_knowledge
                && self.supposed(identity)
                && (0..self.identities.len())
                    .all(|other| other == identity || self.sentence_of(other) != sentence);
            let turned = turned || public_you || supposed_you;
            return Some(Connection {
                tie: if turned { Tie::General } else { Tie::Sentence },
                identity: Some(identity),
            });
        }
        // "Hi Tyler! Botox usually takes 14 days to kick in": general knowledge in a
        // sentence of its own says nothing about the person. Nor does a detail in a
        // sentence of its own in a text that names no one: "Thank you for the feedback.
        // Our sick visits are running behind with RSV season in full swing" (the "you" of
        // other sentences ties only what is said in them).
        let tie = if self.states_general(sentence) || self.first_named.is_none() {
            Tie::General
        } else {
            Tie::Reply
        };
        let identity = self.reply_identity(first)?;
        // "HOLIDAY HOURS ... / BY THE NUMBERS: 212 adults screened for diabetes": in a
        // text of sections, a person named in one section (a volunteer, a new doctor)
        // is not what another section's details are about, unless the text opens with
        // them (a greeting, a handle, a patient story's subject after its title).
        let tie = if tie == Tie::Reply
            && self.paragraph_of(self.identities[identity].range.start)
                != self.paragraph_of(range.start)
            && self.paragraph_of(self.identities[identity].range.start) > 1
        {
            Tie::General
        } else {
            tie
        };
        Some(identity).map(|identity| Connection {
            tie,
            identity: Some(identity),
        })
    }

    /// Where the text's paragraphs break: the normalized offsets of line breaks that
    /// were blank lines in the original (normalizing folds them into one break).
    pub fn with_paragraph_breaks(mut self, breaks: Vec<usize>) -> Self {
        self.paragraph_breaks = breaks;
        self
    }

    /// The paragraph (a block after a blank line) that holds offset `at`.
    fn paragraph_of(&self, at: usize) -> usize {
        self.paragraph_breaks
            .partition_point(|&line_break| line_break < at)
    }

    /// The sentence that identity `identity` starts in.
    fn sentence_of(&self, identity: usize) -> usize {
        let first = self.identity_tokens[identity]
            .0
            .min(self.segments.tokens.len().saturating_sub(1));
        self.segments
            .tokens
            .get(first)
            .map_or(0, |token| token.sentence)
    }

    /// Whether identity `identity` is a "you" only supposed: after "if", "when" or
    /// another conditional lead ("ask if you'd like to").
    fn supposed(&self, identity: usize) -> bool {
        let found = &self.identities[identity];
        found.kind == IdentityKind::Addressee
            && !found.possessive
            && self.identity_tokens[identity]
                .0
                .checked_sub(1)
                .and_then(|before| self.word(before))
                .is_some_and(|word| self.language.contains(List::ConditionalLeads, word))
    }

    /// Whether sentence `sentence` states general knowledge about no one in this text.
    fn states_general(&self, sentence: usize) -> bool {
        self.general.get(sentence).copied().unwrap_or(false)
    }

    fn word(&self, index: usize) -> Option<&'a str> {
        let token = self.segments.tokens.get(index)?;
        token.is_word.then(|| &self.text[token.range.clone()])
    }

    /// Whether "sorry about the", "sorry for that" or "apologies for the" (with at most
    /// one modifier after the article) stands just before the detail.
    fn sympathy_before(&self, first: usize) -> bool {
        if !self.definite_before(first) {
            return false;
        }
        let article = if matches!(
            first.checked_sub(1).and_then(|index| self.word(index)),
            Some("the" | "that" | "this" | "those" | "these")
        ) {
            first - 1
        } else {
            first - 2
        };
        let word = |back: usize| article.checked_sub(back).and_then(|index| self.word(index));
        // "we're so glad the tubes did the trick, Heather": gladness about it.
        let glad = word(1).is_some_and(|w| self.language.contains(List::GladnessWords, w));
        glad || matches!(word(1), Some("about" | "for"))
            && matches!(
                word(2),
                Some("sorry" | "apologies" | "apologize" | "apologise")
            )
    }

    /// Whether "the", "that", "this", "those" or "these" stands just before the detail,
    /// possibly with one modifier between ("the new knee").
    fn definite_before(&self, first: usize) -> bool {
        self.determined_by(first, &["the", "that", "this", "those", "these"])
    }

    /// Whether "that", "those" or "these" stands just before the detail, possibly with
    /// one modifier between ("those new brackets").
    fn demonstrative_before(&self, first: usize) -> bool {
        self.determined_by(first, &["that", "those", "these"])
    }

    /// Whether one of `determiners` stands just before token `first`, or before one
    /// modifier of it.
    fn determined_by(&self, first: usize, determiners: &[&str]) -> bool {
        let determines = |index: usize| {
            self.word(index)
                .is_some_and(|word| determiners.contains(&word))
        };
        let modifier = |index: usize| {
            self.word(index)
                .is_some_and(|word| !self.language.contains(List::PhraseBreaks, word))
        };
        first.checked_sub(1).is_some_and(determines)
            || (first.checked_sub(2).is_some_and(determines)
                && first.checked_sub(1).is_some_and(modifier))
    }

    fn identity_ending_at(&self, token: usize) -> Option<usize> {
        self.identity_tokens
            .binary_search_by_key(&token, |&(_, last)| last)
            .ok()
    }

    /// "your recent root canal", "Jen's biopsy", "your son's ear infection".
    fn possessive_before(&self, first: usize) -> Option<usize> {
        for index in tokens_before(first) {
            if let Some(identity) = self.identity_ending_at(index) {
                return self.identities[identity].possessive.then_some(identity);
            }
            let word = self.word(index)?;
            if matches!(word, "his" | "her" | "their") {
                return self.third_person_referent(index);
            }
            if self.language.contains(List::PhraseBreaks, word) {
                return None;
            }
        }
        None
    }

    /// Whether "your" owns the detail ("your mammogram", "your annual eye exam") where no
    /// identity stands: in a public text, the reader's.
    fn owned_by_reader(&self, first: usize) -> bool {
        for index in tokens_before(first) {
            if self.identity_ending_at(index).is_some() {
                return false;
            }
            let Some(word) = self.word(index) else {
                return false;
            };
            if self.language.contains(List::SecondPerson, word) {
                return matches!(word, "your" | "ur");
            }
            if self.language.contains(List::PhraseBreaks, word) {
                return false;
            }
        }
        false
    }

    /// Whether the detail belongs to no one in particular: "anyone's testing", "any
    /// patient's diagnosis", "patients' records", "anyone in braces".
    fn owned_by_anyone(&self, first: usize) -> bool {
        let anyone = |index: usize| {
            matches!(
                self.word(index),
                Some("anyone" | "anybody" | "everyone" | "everybody" | "someone" | "somebody")
            )
        };
        // "the no-go list for anyone in braces": everyone with the detail.
        let anyone_with = first >= 2
            && matches!(self.word(first - 1), Some("in" | "with" | "on" | "after"))
            && anyone(first - 2);
        // ("A photo of someone in our chair": the detail opens with the preposition.)
        let anyone_in = first >= 1
            && matches!(self.word(first), Some("in" | "with" | "on"))
            && anyone(first - 1);
        if anyone_with || anyone_in {
            return true;
        }
        for index in tokens_before(first) {
            if self.identity_ending_at(index).is_some() {
                return false;
            }
            let token = &self.segments.tokens[index];
            if !token.is_word && &self.text[token.range.clone()] == "'" {
                // "patients' records": a plural possessive.
                return index
                    .checked_sub(1)
                    .and_then(|i| self.word(i))
                    .is_some_and(|word| {
                        matches!(word, "patients" | "others" | "clients" | "families")
                    });
            }
            match self.word(index) {
                Some(
                    "anyone's" | "anybody's" | "everyone's" | "everybody's" | "someone's"
                    | "somebody's" | "people's",
                ) => return true,
                Some("patient's" | "person's" | "individual's") => {
                    return index
                        .checked_sub(1)
                        .and_then(|i| self.word(i))
                        .is_some_and(|word| {
                            matches!(word, "a" | "any" | "every" | "each" | "another")
                        });
                }
                Some(word) if !self.language.contains(List::PhraseBreaks, word) => continue,
                _ => return false,
            }
        }
        false
    }

    /// Whether the detail is the writer's own: "my" before it ("my own sleep study"),
    /// or "I" as the subject of an experience verb leading to it ("I had LASIK").
    fn owned_by_writer(&self, first: usize) -> bool {
        for index in tokens_before(first) {
            if self.identity_ending_at(index).is_some() {
                return false;
            }
            match self.word(index) {
                Some("my") => return true,
                Some(word) if !self.language.contains(List::PhraseBreaks, word) => continue,
                _ => return false,
            }
        }
        let mut index = first;
        let mut verb = false;
        for _ in 0..5 {
            let Some(previous) = index.checked_sub(1) else {
                return false;
            };
            index = previous;
            if self.identity_ending_at(index).is_some() {
                return false;
            }
            let Some(word) = self.word(index) else {
                return false;
            };
            if matches!(word, "i" | "i've" | "i'd" | "ive") {
                return verb || word != "i";
            }
            if self.language.contains(List::ClauseBreaks, word) {
                return false;
            }
            if self.language.contains(List::ExperienceVerbs, word) {
                verb = true;
            } else if !self.language.contains(List::ExperienceFillers, word) {
                return false;
            }
        }
        false
    }

    /// Whether "his", "her" or "their" before the detail can only mean staff (the
    /// sentence names staff and no patient), or staff own it by name ("Dr. Ortiz's own
    /// retainer").
    fn owned_by_staff(&self, first: usize) -> bool {
        for index in tokens_before(first) {
            // "Dr. Ortiz's own retainer": staff named as the owner.
            // ("Dr. Lutz's diabetes program" is where a patient is cared for.)
            if self.word(index).is_some_and(|word| word.ends_with("'s"))
                && self.word(index + 1) == Some("own")
                && self.staff.overlaps(&self.segments.tokens[index].range)
                && self.identity_ending_at(index).is_none()
            {
                return true;
            }
            match self.word(index) {
                Some("his" | "her" | "their") => {
                    if self.third_person_referent(index).is_some() {
                        return false;
                    }
                    let sentence = &self.segments.sentences[self.segments.tokens[index].sentence];
                    return self.staff.overlaps(sentence);
                }
                Some(word) if !self.language.contains(List::PhraseBreaks, word) => continue,
                _ => return false,
            }
        }
        false
    }

    /// For "his", "her" or "their" at token `at`: a named person or relative in the same
    /// sentence ("tell your little guy he was brave for his shots").
    fn third_person_referent(&self, at: usize) -> Option<usize> {
        let sentence = self.segments.tokens[at].sentence;
        self.nearest(at, Some(sentence), true)
    }

    /// "you had Lasik", "since you started Lexapro", "Jen was diagnosed with diabetes".
    fn subject_before(&self, first: usize) -> Option<usize> {
        let mut index = first;
        let mut verb = false;
        let mut unknown = 0;
        for _ in 0..7 {
            index = index.checked_sub(1)?;
            if let Some(identity) = self.identity_ending_at(index) {
                let found = &self.identities[identity];
                let word = self.word(index).unwrap_or("");
                let contracted = matches!(word, "you're" | "youre" | "you've" | "youve");
                let subject = match found.kind {
                    IdentityKind::Addressee => !found.possessive && word != "yours",
                    _ => !found.possessive,
                };
                return (subject && (verb || contracted)).then_some(identity);
            }
            let word = self.word(index)?;
            if self.language.contains(List::ClauseBreaks, word) {
                return None;
            }
            if self.language.contains(List::ExperienceVerbs, word) {
                verb = true;
            } else if !self.language.contains(List::ExperienceFillers, word) {
                unknown += 1;
                if unknown > 2 {
                    return None;
                }
            }
        }
        None
    }

    /// "the crown we placed for you", "Botox on you".
    fn object_after(&self, last: usize) -> Option<usize> {
        let mut index = last;
        for _ in 0..5 {
            index += 1;
            let word = self.word(index)?;
            if self.language.contains(List::ClauseBreaks, word) {
                return None;
            }
            if self.language.contains(List::ObjectPrepositions, word) {
                let identity = self
                    .identity_tokens
                    .binary_search_by_key(&(index + 1), |&(first, _)| first)
                    .ok()?;
                let found = &self.identities[identity];
                let object = match found.kind {
                    IdentityKind::Addressee => matches!(self.word(index + 1), Some("you" | "u")),
                    _ => !found.possessive,
                };
                return object.then_some(identity);
            }
        }
        None
    }

    /// The identity closest to token `at` among those `accept` admits.
    /// The identity closest to token `at`, optionally only in `sentence` and only named
    /// ones. Identities are in text order, so the search walks outward from `at` and
    /// stops at the sentence boundary (or after a bounded number of misses) instead of
    /// scanning every identity for every detail.
    fn nearest(&self, at: usize, sentence: Option<usize>, named_only: bool) -> Option<usize> {
        const MAX_WALK: usize = 64;
        let sentence_of =
            |index: usize| self.segments.tokens[self.identity_tokens[index].0].sentence;
        let qualifies = |index: usize| !named_only || self.identities[index].kind.is_named();
        let distance = |index: usize| {
            let (first, last) = self.identity_tokens[index];
            if last < at {
                at - last
            } else {
                first.saturating_sub(at)
            }
        };
        let split = self
            .identity_tokens
            .partition_point(|&(first, _)| first <= at);
        let mut best = None;
        for index in (0..split).rev().take(MAX_WALK) {
            if sentence.is_some_and(|s| sentence_of(index) != s) {
                break;
            }
            if qualifies(index) {
                best = Some(index);
                break;
            }
        }
        for index in (split..self.identities.len()).take(MAX_WALK) {
            if sentence.is_some_and(|s| sentence_of(index) != s) {
                break;
            }
            if qualifies(index) {
                if best.is_none_or(|b| distance(index) < distance(b)) {
                    best = Some(index);
                }
                break;
            }
        }
        best
    }

    /// For a reply-wide tie, the first named identity, else the nearest addressee.
    fn reply_identity(&self, at: usize) -> Option<usize> {
        self.first_named.or_else(|| self.nearest(at, None, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anatomy::Anatomy;
    use crate::identity::{Finder, People};
    use crate::normalize::Normalized;

    /// The tie of the first occurrence of `detail` in `text` (None: no identity).
    fn tie_of(text: &str, detail: &str, by_article: bool) -> Option<Tie> {
        let language = Language::builtin();
        let normalized = Normalized::new(text);
        let segments = Segments::new(normalized.as_str(), &language);
        let start = normalized.as_str().find(detail).expect("detail in text");
        let range = start..start + detail.len();
        let identities = Finder::find(
            &language,
            &Anatomy::new(&language, text, Vec::new()),
            text,
            &normalized,
            &segments,
            std::slice::from_ref(&range),
            &People::default(),
        );
        Tier::new(&language, normalized.as_str(), &segments, &identities)
            .connect(&range, false, by_article)
            .map(|connection| connection.tie)
    }

    /// Ties the first occurrence of `detail` in `text`; checks the tie (None: no identity).
    fn check(text: &str, detail: &str, expected: Option<Tie>) {
        assert_eq!(
            tie_of(text, detail, true),
            expected,
            "{text:?} / {detail:?}"
        );
    }

    /// Sympathy for a definite detail ties it to the person addressed, even for kinds
    /// that an article alone does not tie (procedures).
    #[test]
    fn sympathy_ties_any_kind() {
        let tie_of = |text: &str, detail: &str| tie_of(text, detail, false);
        assert_eq!(
            tie_of("Sorry about the filling, Tom.", "filling"),
            Some(Tie::Direct)
        );
        assert_eq!(
            tie_of("Tom, so sorry for that second shot!", "shot"),
            Some(Tie::Direct)
        );
        assert_eq!(
            tie_of("The filling held up, Tom.", "filling"),
            Some(Tie::Sentence)
        );
        assert_eq!(tie_of("Sorry about the filling.", "filling"), None);
    }

    /// A policy about everyone ties an addressed phrase to no one.
    #[test]
    fn policies_confirm_nothing() {
        let text = "We can neither confirm nor deny that anyone here has been a patient.";
        let language = Language::builtin();
        let normalized = Normalized::new(text);
        let segments = Segments::new(normalized.as_str(), &language);
        let start = normalized.as_str().find("been a patient").expect("phrase");
        let range = start..start + "been a patient".len();
        let identities = Finder::find(
            &language,
            &Anatomy::new(&language, text, Vec::new()),
            text,
            &normalized,
            &segments,
            std::slice::from_ref(&range),
            &People::default(),
        );
        let tier = Tier::new(&language, normalized.as_str(), &segments, &identities);
        assert!(tier.connect(&range, true, false).is_none());
    }

    /// A detail that belongs to anyone at all is tied to no one, even in a reply that
    /// names the reviewer.
    #[test]
    fn details_of_anyone_are_no_ones() {
        check(
            "Hi Jen, we never discuss anyone's testing online.",
            "testing",
            None,
        );
        check(
            "Jen, we can't discuss any patient's diagnosis here.",
            "diagnosis",
            None,
        );
        check("Jen, we never share patients' records.", "records", None);
        check(
            "Jen, a patient's biopsy is private, and so is yours.",
            "biopsy",
            None,
        );
        check("Jen, your testing is done.", "testing", Some(Tie::Direct));
    }

    #[test]
    fn direct_ties() {
        check(
            "Hi Jen, your root canal healed nicely!",
            "root canal",
            Some(Tie::Direct),
        );
        check(
            "Your recent upper crown looks great",
            "crown",
            Some(Tie::Direct),
        );
        check(
            "So glad Jen's biopsy was negative",
            "biopsy",
            Some(Tie::Direct),
        );
        check(
            "How is your son's ear infection?",
            "ear infection",
            Some(Tie::Direct),
        );
        check("Glad you had Lasik with us", "lasik", Some(Tie::Direct));
        check(
            "It has been a year since you started Lexapro",
            "lexapro",
            Some(Tie::Direct),
        );
        check(
            "The crown we placed for you is permanent",
            "crown",
            Some(Tie::Direct),
        );
        check("You're on metformin now", "metformin", Some(Tie::Direct));
        check(
            "@dan tell your little guy he was brave for his shots",
            "shots",
            Some(Tie::Direct),
        );
    }

    #[test]
    fn weaker_ties() {
        check(
            "Thanks Jen! Swelling after rhinoplasty settles in a week.",
            "rhinoplasty",
            Some(Tie::Reply),
        );
        // Thanks for a question turns to the public: the "you" who asked is any reader.
        check("Thank you for asking about implants", "implants", None);
        check("If you ever want Botox, call us", "botox", None);
        check(
            "Your questions about implants are welcome",
            "implants",
            Some(Tie::Sentence),
        );
    }

    #[test]
    fn staff_news_is_about_no_patient() {
        check(
            "Dr. Nguyen is off for his own colonoscopy. Practice what you preach!",
            "colonoscopy",
            None,
        );
    }

    #[test]
    fn no_identity_no_tie() {
        check(
            "We offer Invisalign consultations on Saturdays.",
            "invisalign",
            None,
        );
        check("Dr. Lee performed 40 implants this year", "implants", None);
    }
}
