//! Care frames: the practice caring for a person, and the person's visits, confirmed
//! without a clinical word.
//!
//! Owns three frames over the identities a text has: the practice's care toward a
//! person who follows ("we loved seeing your son", "so glad we could squeeze your
//! little guy in", "we value you as a patient": a care verb after "we", "I", "loved" or
//! another care lead); a person's visit told after them ("you came in", "Marcus, who
//! came through our detox program", "the Patel twins, who spent 9 weeks with us"); and
//! an appointment ahead ("we'll see you and Eddie in March"). Each gives a detail tied
//! directly to that person. The words are the language pack's (`care_verbs`,
//! `care_leads`, `visit_verbs`, `appointment_times`), so a pack adds its own; which
//! lexicon a frame reports as (relationship or visit) is the engine's choice. It does
//! no matching of health terms and no IO.

use std::ops::Range;

use crate::identity::{Identities, IdentityKind};
use crate::language::{Language, List};
use crate::segment::Segments;

/// What a frame confirms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    /// The practice cares for the person: a patient relationship.
    Care,
    /// The person came in, or is expected: a visit.
    Visit,
}

/// One frame found: the words that confirm care, and who they are about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// What it confirms.
    pub kind: FrameKind,
    /// The confirming words, a byte range of the normalized text.
    pub range: Range<usize>,
    /// The identity it is about (an index into the identity list).
    pub identity: usize,
}

/// How many tokens before a care verb its lead may stand ("we were so happy to see").
const LEAD_REACH: usize = 5;

/// Finds the care frames of `text` (normalized) over its `identities`.
pub fn find(
    language: &Language,
    text: &str,
    segments: &Segments,
    identities: &Identities,
) -> Vec<Frame> {
    let tokens = &segments.tokens;
    let word = |index: usize| {
        tokens
            .get(index)
            .filter(|token| token.is_word)
            .map(|token| &text[token.range.clone()])
    };
    // Identity index by first and by last token.
    let mut starts = vec![None; tokens.len()];
    let mut ends = vec![None; tokens.len()];
    for (index, identity) in identities.list.iter().enumerate() {
        let first = segments.token_at_or_after(identity.range.start);
        let last = segments
            .token_at_or_after(identity.range.end)
            .saturating_sub(1)
            .max(first);
        if first < tokens.len() {
            starts[first].get_or_insert(index);
            ends[last] = Some(index);
        }
    }
    let starting = |index: usize, list: List| {
        language
            .starting_with(list, word(index).unwrap_or_default())
            .filter(move |phrase| segments.phrase_at(text, index, phrase))
    };
    let phrase_end = |index: usize, list: List| {
        starting(index, list)
            .map(|phrase| index + phrase.split(' ').count())
            .max()
    };
    let same_sentence =
        |a: usize, b: usize| tokens.get(a).map(|t| t.sentence) == tokens.get(b).map(|t| t.sentence);
    // Staff spans by start, to find one inside a window without a scan.
    let mut staff: Vec<Range<usize>> = identities.staff.clone();
    staff.sort_by_key(|range| range.start);
    let mut frames = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        // The practice's care toward the person who follows.
        if let Some(end) = phrase_end(index, List::CareVerbs) {
            // The practice as the agent: "we", "I", a care lead, or staff named just
            // before ("the cream Dr. Amin prescribed you").
            let window = tokens[index.saturating_sub(LEAD_REACH)].range.start;
            let before = tokens[index].range.start;
            let from = staff.partition_point(|range| range.start < window);
            let staff_lead = staff[from..]
                .iter()
                .take_while(|range| range.start < before)
                .any(|range| range.end <= before);
            // "Adjusted the whole Sandoval family today": a past care verb opening a
            // post tells the practice's own care, its subject left out.
            let opens = index == 0 || !same_sentence(index - 1, index);
            let told = opens && word(index).is_some_and(|w| w.ends_with("ed"));
            // "Our ED charge nurse is checking on your grandmother", "Our NICU team
            // remembers her": the practice's own staff by title or as a team.
            let our_staff = (index.saturating_sub(LEAD_REACH)..index).any(|back| {
                same_sentence(back, index)
                    && word(back) == Some("our")
                    && (back + 1..(back + 4).min(index)).any(|at| {
                        word(at).is_some_and(|w| {
                            language.contains(List::StaffTitles, w)
                                || language.contains(List::OrganizationGroups, w)
                        })
                    })
            });
            // "Jasmine, delivering both of your girls was such a joy": a care verb as the
            // subject, judged after.
            // (The verb opens its sentence, or a clause after punctuation.)
            let judged = word(index).is_some_and(|w| w.ends_with("ing"))
                && (index == 0 || !same_sentence(index - 1, index) || !tokens[index - 1].is_word)
                && (end..(end + 10).min(tokens.len()))
                    .take_while(|&at| same_sentence(at, index))
                    .any(|at| word(at).is_some_and(|w| language.contains(List::CareJudgments, w)));
            let lead = staff_lead
                || our_staff
                || judged
                || told
                || (index.saturating_sub(LEAD_REACH)..index).any(|back| {
                    same_sentence(back, index) && starting(back, List::CareLeads).next().is_some()
                });
            // "your son", "you", "Jen", but not "your input": the person, not a thing
            // of theirs.
            // ("delivering both of your girls": a quantifier before the person.)
            let from = if word(end).is_some_and(|w| language.contains(List::GroupQuantifiers, w))
                && word(end + 1) == Some("of")
            {
                end + 2
            } else {
                end
            };
            let person = (from..from + 2)
                .filter(|&at| same_sentence(at, index))
                .find_map(|at| starts.get(at).copied().flatten())
                .filter(|&identity| {
                    let found = &identities.list[identity];
                    !(found.kind == IdentityKind::Addressee && found.possessive)
                });
            if let (true, Some(identity)) = (lead, person) {
                frames.push(Frame {
                    kind: FrameKind::Care,
                    range: tokens[index].range.start..tokens[end - 1].range.end,
                    identity,
                });
                index = end;
                continue;
            }
        }
        // An appointment ahead: "see you (and Eddie) in March", "see you at your next".
        if word(index).is_some_and(|w| language.contains(List::AppointmentVerbs, w)) {
            if let Some(identity) = starts.get(index + 1).copied().flatten() {
                let after = (index + 2..(index + 8).min(tokens.len()))
                    .take_while(|&at| same_sentence(at, index))
                    .find(|&at| phrase_end(at, List::AppointmentTimes).is_some());
                // "See you at the Maple Street 5K next month": an event, not a visit.
                let event = after.is_some_and(|at| {
                    (index + 2..at)
                        .any(|between| starting(between, List::EventNouns).next().is_some())
                });
                if let (Some(at), false) = (after, event) {
                    let end = phrase_end(at, List::AppointmentTimes).unwrap_or(at + 1);
                    frames.push(Frame {
                        kind: FrameKind::Visit,
                        range: tokens[index].range.start..tokens[end - 1].range.end,
                        identity,
                    });
                    index = end;
                    continue;
                }
            }
        }
        // A visit told after the person: "you came in", "Marcus, who came through our"
        // ("Barb's been with us for years": "'s" is "has" before "been").
        if let Some(identity) = ends[index]
            .filter(|&i| !identities.list[i].possessive || word(index + 1) == Some("been"))
        {
            let mut next = index + 1;
            if word(next).is_none()
                && tokens
                    .get(next)
                    .is_some_and(|token| &text[token.range.clone()] == ",")
            {
                next += 1;
            }
            while word(next).is_some_and(|w| language.contains(List::VisitFillers, w)) {
                next += 1;
            }
            let visit = phrase_end(next, List::VisitVerbs).filter(|_| same_sentence(next, index));
            // "Mr. Albert in Chair 7", "the guy in bed 12": a person in a numbered place
            // of care is its patient.
            let numbered = |at: usize| {
                tokens.get(at).is_some_and(|token| {
                    token.is_word
                        && text[token.range.clone()]
                            .bytes()
                            .all(|b| b.is_ascii_digit())
                })
            };
            let placed = word(next) == Some("in")
                && word(next + 1).is_some_and(|w| language.contains(List::CarePlaces, w))
                && numbered(next + 2)
                && same_sentence(next + 2, index);
            let visit = visit.or(placed.then_some(next + 3));
            // "If you've visited recently, we'd love to hear": a visit supposed, not told.
            // ("when the mom in room 12 pushes": a person described is told of.)
            let supposed = identities.list[identity].kind == IdentityKind::Addressee
                && segments
                    .token_at_or_after(identities.list[identity].range.start)
                    .checked_sub(1)
                    .and_then(word)
                    .is_some_and(|w| language.contains(List::ConditionalLeads, w));
            if let (Some(end), false) = (visit, supposed) {
                frames.push(Frame {
                    kind: FrameKind::Visit,
                    range: tokens[next].range.start..tokens[end - 1].range.end,
                    identity,
                });
                index = end;
                continue;
            }
        }
        index += 1;
    }
    frames
}
