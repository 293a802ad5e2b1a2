//! Pronouns that refer back to a person: "We've looked after Noah since he was a
//! toddler. His eczema...".
//!
//! Owns resolving "he", "she", "his", "her" (the language pack's third-person
//! pronouns) to the nearest person mentioned before them: a name, a described person,
//! a relative of the addressee, or a pronoun already resolved. When the nearest person
//! is staff ("Dr. Amy") or a person noun that identifies no one ("When a child has an
//! ear infection, he..."), the pronoun identifies no one. Gender is not checked: the
//! nearest person wins.

use crate::language::List;
use crate::ranges::RangeSet;

use super::{Finder, Identity, IdentityKind};

/// How many sentences back a pronoun may reach for its person.
const MAX_SENTENCES_BACK: usize = 4;

/// How many sentences from the top a pronoun with no one before it may stand and still
/// mean someone the text answers about.
const ORPHAN_SENTENCES: usize = 3;

/// A person mentioned, in text order: who a later pronoun may mean.
enum Mention {
    /// An identity (or a pronoun resolved to one), with the range of the identity that
    /// names or describes the person.
    Identity(std::ops::Range<usize>),
    /// Staff.
    NoOne,
    /// A person noun that identifies no one by itself ("the same barista"), unless a
    /// pronoun that refers to it comes in for care ("she booked a visit with us").
    Noun(std::ops::Range<usize>),
}

impl Finder<'_> {
    /// Pronoun identities for the third-person pronouns of the text that refer to one
    /// of `kept`, the identities found (in text order, without overlaps).
    pub(super) fn pronouns(&self, kept: &[Identity]) -> Vec<Identity> {
        let count = self.segments.tokens.len();
        let identities = RangeSet::new(kept.iter().map(|identity| identity.range.clone()));
        // Every person mention with the token it ends at.
        let mut mentions: Vec<(usize, Mention)> = Vec::new();
        for identity in kept {
            if identity.kind != IdentityKind::Addressee {
                let last = self
                    .segments
                    .token_at_or_after(identity.range.end)
                    .saturating_sub(1);
                let referent = identity.referent.clone().unwrap_or(identity.range.clone());
                mentions.push((last, Mention::Identity(referent)));
            }
        }
        for staff in &self.staff {
            let last = self.segments.token_at_or_after(staff.end).saturating_sub(1);
            mentions.push((last, Mention::NoOne));
        }
        mentions.sort_by_key(|(at, _)| *at);
        let mut pronouns = Vec::new();
        // The nearest mention before the current token: the listed ones are passed in
        // order, and the scan adds person nouns and resolved pronouns as it goes.
        let mut listed = mentions.into_iter().peekable();
        let mut last: Option<(usize, Mention)> = None;
        for index in 0..count {
            while let Some((at, _)) = listed.peek() {
                if *at >= index {
                    break;
                }
                last = listed.next();
            }
            if !self.is_word(index) {
                continue;
            }
            let range = self.segments.tokens[index].range.clone();
            if identities.overlaps(&range) || self.staff_set.overlaps(&range) {
                continue;
            }
            let word = self.word(index);
            if self.language.contains(List::PersonNouns, word)
                || self.language.contains(List::Occupations, word)
            {
                // "since he was a toddler", "as a teacher": a predicate says what the
                // person mentioned is; it mentions no one new.
                let predicate = (index.saturating_sub(3)..index).any(|back| {
                    self.is_word(back) && self.language.contains(List::Copulas, self.word(back))
                });
                // "One of my clients, a young mom who works the deli counter": a noun
                // set beside the person just mentioned is that person.
                let appositive = matches!(&last, Some((at, Mention::Identity(_))) if {
                    let at = *at;
                    self.punct(at + 1) == Some(",")
                        && index > at + 2
                        && index - at <= 5
                        && matches!(self.word(at + 2), "a" | "an" | "the")
                        && (at + 2..index).all(|between| self.is_word(between))
                });
                // "baby Theo" left out as staff family is no one.
                let titles_name = self.is_name_word(index + 1);
                if appositive {
                    continue;
                }
                if titles_name {
                    last = Some((index, Mention::NoOne));
                } else if !predicate {
                    last = Some((index, Mention::Noun(range)));
                }
                continue;
            }
            // "the family on Maple Court with the twin girls: they were SO brave at
            // their 4-month shots": a plural pronoun refers back to a family only.
            let plural = self.language.contains(List::ThirdPersonPlurals, word);
            if !self.language.contains(List::ThirdPersonPronouns, word) && !plural {
                continue;
            }
            if plural {
                let family = matches!(&last, Some((_, Mention::Identity(referent))) if {
                    let named = &self.text()[referent.clone()];
                    // "the Okafor triplets", "the family on Maple Court", not a handle.
                    named.starts_with("the ")
                        && named
                            .split(' ')
                            .any(|w| self.language.contains(List::FamilyNouns, w) || w == "couple")
                });
                if !family {
                    continue;
                }
            }
            let sentence = self.segments.tokens[index].sentence;
            let (at, referent) = match &last {
                Some((at, Mention::Identity(referent))) => (*at, referent.clone()),
                // "The same barista has made it for two years. Last month she booked a
                // visit with us": the person the noun names came in, so is a patient.
                Some((at, Mention::Noun(noun))) if self.visits_after(index) => (*at, noun.clone()),
                // "She was back to normal by day 3!", "He's totally fine!! Biopsy came
                // back benign": a pronoun before anyone is mentioned, near the top of a
                // reply, means the person the thread or the video shows.
                None if sentence < ORPHAN_SENTENCES && !plural && self.no_one_before(index) => {
                    (index, range.clone())
                }
                _ => continue,
            };
            if sentence - self.segments.tokens[at].sentence > MAX_SENTENCES_BACK {
                continue;
            }
            let possessive = (self.language.contains(List::ThirdPersonPossessives, word)
                || word == "their")
                && self.is_word(index + 1)
                && !self
                    .language
                    .contains(List::PhraseBreaks, self.word(index + 1));
            pronouns.push(Identity {
                kind: IdentityKind::Pronoun,
                range,
                possessive,
                referent: Some(referent.clone()),
            });
            last = Some((index, Mention::Identity(referent)));
        }
        pronouns
    }

    /// Whether no one at all is mentioned before token `index`: no capitalized word
    /// inside a sentence or first name opening one (a name, even one of history left
    /// out: "Lou Gehrig ... his", or of staff: "Jess completed her certification")
    /// and no person noun or role ("my mom. She was diagnosed", "the nurse ignored her
    /// own symptoms").
    fn no_one_before(&self, index: usize) -> bool {
        !(0..index).any(|at| {
            self.is_word(at)
                && ((self.is_capitalized(at)
                    && (!self.is_sentence_start(at) || self.is_first_name(self.word(at)))
                    && self.word(at) != "i")
                    || self.is_person_noun(super::strip_possessive(self.word(at)))
                    || self.language.contains(List::Relatives, self.word(at))
                    || self.language.contains(List::StaffTitles, self.word(at)))
        })
    }

    /// Whether a visit follows token `index` in its sentence, perhaps after a filler or
    /// two: "she came in", "he finally stopped by".
    fn visits_after(&self, index: usize) -> bool {
        let next = self.after_fillers(index, 3);
        self.segments.tokens.get(next).is_some_and(|token| {
            token.sentence == self.segments.tokens[index].sentence
                && self.phrases_at(List::VisitVerbs, next).next().is_some()
        })
    }
}
