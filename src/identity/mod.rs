//! Identities: who in a reply a detail could be about.
//!
//! Owns finding the people a reply identifies: the addressee ("you", "your", "u"), names
//! in greetings and vocatives ("Hi Jen,", "Thanks, Maria!", "Jen, your..."), honorific
//! plus surname ("Mrs. Patel"), @handles, full names, possessive names ("Jen's"), names
//! the user supplied, and relatives of the addressee ("your son"). It also finds staff
//! and providers ("Dr. Lee", "our hygienist Dana", sign-off lines, configured staff),
//! which are never identities. It does not connect identities to details (`tie`).
//!
//! The driver ([`Finder::find`]) runs detector families in a fixed order, each in its
//! own file: `staff` first (staff are never identities), then `addressee` (you, your
//! relatives, honorifics, handles, known names), `names` (personal names anywhere) and
//! `audience` (whether "you" is the public). This file holds the kinds, the driver, the
//! view over words the families share, and the final overlap resolution.

use std::ops::Range;

mod addressee;
mod audience;
mod described;
mod names;
mod pronouns;
mod staff;

use crate::anatomy::Anatomy;
use crate::language::{Language, List};
use crate::normalize::{normalize_term, Normalized};
use crate::ranges::RangeSet;
use crate::segment::Segments;

/// What kind of reference identifies the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdentityKind {
    /// Second person: you, your, u, ur.
    Addressee,
    /// A name in a greeting, vocative, possessive or full name.
    Name,
    /// An @handle.
    Handle,
    /// An honorific and surname.
    Honorific,
    /// A name the user supplied with `--name` or config.
    Known,
    /// A relative of the addressee: "your son".
    Relative,
    /// A person described rather than named: "a 34-year-old teacher", "the guy in bay 6".
    Described,
    /// A pronoun that refers back to a person: "his" in "Noah ... His eczema".
    Pronoun,
}

impl IdentityKind {
    /// The stable lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityKind::Addressee => "addressee",
            IdentityKind::Name => "name",
            IdentityKind::Handle => "handle",
            IdentityKind::Honorific => "honorific",
            IdentityKind::Known => "known-name",
            IdentityKind::Relative => "relative",
            IdentityKind::Described => "described",
            IdentityKind::Pronoun => "pronoun",
        }
    }

    /// Whether this reference names someone rather than addressing them.
    pub fn is_named(self) -> bool {
        !matches!(self, IdentityKind::Addressee)
    }
}

/// One reference to an identifiable person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// What kind of reference.
    pub kind: IdentityKind,
    /// Byte range in the normalized text.
    pub range: Range<usize>,
    /// Whether it is possessive ("your", "Jen's", "your son's").
    pub possessive: bool,
    /// For a pronoun, the range of the identity it refers back to.
    pub referent: Option<Range<usize>>,
}

/// Names that are identities or staff, supplied by the user.
#[derive(Clone, Debug, Default)]
pub struct People {
    /// Known patient names and handles (`--name`, config `names:`).
    pub names: Vec<String>,
    /// Staff and provider names (config `staff:`), and the practice name.
    pub staff: Vec<String>,
}

/// Finds identities and staff spans; `details` are the ranges of lexicon matches, which
/// are never names ("Delta Dental" is an insurer, not a person).
pub struct Finder<'a> {
    language: &'a Language,
    /// For each sentence, whether it states general knowledge; found once.
    general: std::cell::OnceCell<Vec<bool>>,
    /// For each sentence, whether it is written in capitals; found once.
    shouted: std::cell::OnceCell<Vec<bool>>,
    /// Whether the text opens with a greeting ("Hi Jen,"): a reply to someone.
    greeted: bool,
    original: &'a str,
    normalized: &'a Normalized,
    segments: &'a Segments,
    details: RangeSet,
    identities: Vec<Identity>,
    staff: Vec<Range<usize>>,
    /// How many of `staff` come from the configuration (the rest are heuristics).
    configured_staff: usize,
    /// `staff` as overlap sets, built once the staff finders have run.
    staff_set: RangeSet,
    configured_staff_set: RangeSet,
    /// Where staff the practice treats are named ("Our injector Alexis let us film her
    /// lip flip"): patients, found once the staff finders have run.
    treated_staff: Vec<Range<usize>>,
    /// The babies of staff ("the arrival of baby Olivia Grace"), whom no finder takes
    /// for a patient.
    staff_family: Vec<Range<usize>>,
    /// Staff names already marked wherever they appear (each is searched for once).
    staff_names: std::collections::HashSet<String>,
    public: bool,
    /// The first sentence that turns the text to the public ("for anyone reading"),
    /// and the offset of that turn.
    pivot: Option<usize>,
    pivot_at: Option<usize>,
    /// Whether a greeting or thanks addresses an organization ("Thank you, Cascade
    /// Dental Lab!").
    organization_addressed: bool,
}

/// The identities of a text and the spans that belong to staff.
#[derive(Clone, Debug, Default)]
pub struct Identities {
    /// Identities in text order, without overlaps.
    pub list: Vec<Identity>,
    /// Normalized byte ranges of staff and provider references.
    pub staff: Vec<Range<usize>>,
    /// Whether the text addresses the public (or staff) rather than one person.
    pub public: bool,
    /// Whether general knowledge in a sentence of its own is about no one: the text
    /// answers a question asked in public, or answers no experience of the person.
    pub general_knowledge: bool,
    /// When `general_knowledge` holds, for each sentence whether it states general
    /// knowledge; empty otherwise.
    pub general_sentences: Vec<bool>,
    /// Where the text turns to the public ("thank you for asking this in the
    /// comments"), as a normalized byte offset.
    pub pivot_at: Option<usize>,
}

/// Byte ranges of the @handles in `text`: "@" after anything but a word character,
/// "@" or "." (so not an email address), then letters, digits, "_" and inner ".".
fn handle_ranges(text: &str) -> Vec<Range<usize>> {
    let is_handle_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '@' || c == '.') {
            continue;
        }
        let body = &text[at + 1..];
        let mut end = body
            .find(|c: char| !is_handle_char(c) && c != '.')
            .unwrap_or(body.len());
        // A handle ends on a letter, digit or "_", not on a dot ("@jen." is "@jen").
        end = body[..end].trim_end_matches('.').len();
        if body[..end].starts_with(is_handle_char) {
            found.push(at..at + 1 + end);
        }
    }
    found
}

impl<'a> Finder<'a> {
    /// Finds the identities in `original` (already normalized and segmented).
    pub fn find(
        language: &'a Language,
        anatomy: &Anatomy,
        original: &'a str,
        normalized: &'a Normalized,
        segments: &'a Segments,
        details: &'a [Range<usize>],
        people: &People,
    ) -> Identities {
        let mut finder = Finder {
            general: std::cell::OnceCell::new(),
            shouted: std::cell::OnceCell::new(),
            language,
            greeted: anatomy.greeting.is_some(),
            original,
            normalized,
            segments,
            details: RangeSet::new(details.iter().cloned()),
            identities: Vec::new(),
            staff: Vec::new(),
            configured_staff: 0,
            staff_set: RangeSet::default(),
            configured_staff_set: RangeSet::default(),
            staff_names: std::collections::HashSet::new(),
            treated_staff: Vec::new(),
            staff_family: Vec::new(),
            public: false,
            pivot: None,
            pivot_at: None,
            organization_addressed: false,
        };
        finder.configured_staff(people);
        finder.configured_staff = finder.staff.len();
        finder.titled_staff();
        finder.partners();
        finder.writers_and_contacts();
        finder.staff_pages();
        finder.sign_offs(anatomy);
        finder.staff_treated_here();
        finder.staff_set = RangeSet::new(finder.staff.iter().cloned());
        finder.configured_staff_set =
            RangeSet::new(finder.staff[..finder.configured_staff].iter().cloned());
        finder.known_names(people);
        finder.handles();
        finder.second_person_and_relatives();
        finder.honorifics();
        finder.greetings_and_vocatives();
        finder.name_possessives();
        finder.sentence_subjects();
        finder.full_names();
        finder.all_caps_names();
        finder.described_people();
        finder.single_names();
        for range in std::mem::take(&mut finder.treated_staff) {
            finder.push(IdentityKind::Name, range, false);
        }
        finder.drop_historical_people();
        finder.drop_quoted_descriptions();
        finder.drop_quoted_second_person();
        finder.drop_title_words();
        finder.drop_composite_people();
        finder.drop_you_to_staff();
        finder.drop_generic_audience();
        finder.drop_conditional_you();
        finder.finish()
    }

    /// For each sentence, whether it states general knowledge ("usually", "most people").
    fn general_sentences(&self) -> &[bool] {
        self.general.get_or_init(|| {
            self.segments
                .sentences_with(self.text(), self.language, List::GeneralMarkers)
        })
    }

    /// Whether `word` (lowercase, perhaps possessive) is a common first name.
    fn is_first_name(&self, word: &str) -> bool {
        self.language
            .contains(List::FirstNames, strip_possessive(word))
    }

    fn text(&self) -> &'a str {
        self.normalized.as_str()
    }

    /// The text of token `index`, or "" past the end: the finders look ahead and back
    /// freely, and a text may end anywhere.
    fn word(&self, index: usize) -> &'a str {
        self.segments
            .tokens
            .get(index)
            .map_or("", |token| &self.text()[token.range.clone()])
    }

    fn is_word(&self, index: usize) -> bool {
        self.segments
            .tokens
            .get(index)
            .is_some_and(|token| token.is_word)
    }

    fn is_capitalized(&self, index: usize) -> bool {
        self.segments
            .tokens
            .get(index)
            .is_some_and(|token| self.normalized.is_capital(token.range.start))
    }

    /// Whether token `index` is written in capitals in the original ("SPRING").
    fn is_all_caps(&self, index: usize) -> bool {
        let Some(token) = self.segments.tokens.get(index) else {
            return false;
        };
        let original = &self.original[self.normalized.original_range(token.range.clone())];
        original.chars().any(char::is_alphabetic)
            && original
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    }

    fn punct(&self, index: usize) -> Option<&'a str> {
        let token = self.segments.tokens.get(index)?;
        (!token.is_word).then(|| &self.text()[token.range.clone()])
    }

    fn is_sentence_start(&self, index: usize) -> bool {
        index == 0
            || self.segments.tokens[index - 1].sentence != self.segments.tokens[index].sentence
    }

    /// Whether token `at` is a quotation mark.
    fn is_quote(&self, at: usize) -> bool {
        self.segments
            .tokens
            .get(at)
            .is_some_and(|token| !token.is_word && matches!(self.punct(at), Some("'" | "\"")))
    }

    /// Keeps the identities whose entry in `keep` is true.
    fn retain_where(&mut self, keep: &[bool]) {
        let mut index = 0;
        self.identities.retain(|_| {
            index += 1;
            keep.get(index - 1).copied().unwrap_or(true)
        });
    }

    fn overlaps_detail(&self, range: &Range<usize>) -> bool {
        self.details.overlaps(range)
    }

    fn push(&mut self, kind: IdentityKind, range: Range<usize>, possessive: bool) {
        // A name the user supplied beats the staff heuristics ("Coach Reilly" is a
        // patient if the user says so), but not staff the user configured.
        let staff = if kind == IdentityKind::Known {
            &self.configured_staff_set
        } else {
            &self.staff_set
        };
        if staff.overlaps(&range) {
            return;
        }
        // "Nurse Pam's son Eli made the all-state choir": the family of staff is no
        // patient, unless their sentence holds a health detail ("Dr. Patel's son Leo
        // got his very first filling here").
        if kind == IdentityKind::Name {
            let first = self.segments.token_at_or_after(range.start);
            let sentence = self
                .segments
                .tokens
                .get(first)
                .map(|token| self.segments.sentences[token.sentence].clone());
            if first >= 2
                && sentence.is_some_and(|sentence| !self.overlaps_detail(&sentence))
                && self.is_word(first - 1)
                && self
                    .language
                    .contains(List::Relatives, self.word(first - 1))
                && ((self
                    .staff_set
                    .overlaps(&self.segments.tokens[first - 2].range)
                    && self.word(first - 2).ends_with("'s"))
                    // "Dr. Fitz... sailing with her husband Paul".
                    || (self.is_word(first - 2)
                        && matches!(self.word(first - 2), "her" | "his" | "their")
                        && self.staff_spoken_of_before(range.start)))
            {
                return;
            }
        }
        // "Sal's Pizza": a possessive inside a name makes a business of it.
        if kind == IdentityKind::Name
            && self.text()[range.clone()]
                .trim_end_matches("'s")
                .contains("'s ")
        {
            return;
        }
        // "the Rosa Parks Library on Garfield": a name after "on" that follows a
        // capitalized place is its street.
        if kind == IdentityKind::Name && !possessive {
            let first = self.segments.token_at_or_after(range.start);
            if first >= 2
                && self.is_word(first - 1)
                && self.word(first - 1) == "on"
                && self.is_word(first - 2)
                && self.is_capitalized(first - 2)
                && self
                    .language
                    .contains(List::InstitutionWords, self.word(first - 2))
            {
                return;
            }
        }
        // "back in Denver", "at MD Anderson": a name right after "in" or "at" is a place
        // ("at Jen's graduation" is a person's).
        if kind == IdentityKind::Name && !possessive {
            let first = self.segments.token_at_or_after(range.start);
            if first > 0
                && self.is_word(first - 1)
                && self
                    .language
                    .contains(List::PlacePrepositions, self.word(first - 1))
            {
                return;
            }
            // "(VSP, EyeMed, Davis and others)": an item of a list of details is one too.
            let last = self.segments.token_at_or_after(range.end).saturating_sub(1);
            if self.in_list_of_details(first, last) {
                return;
            }
            // "Columbus, Ohio": a town, and a state.
            if self.phrases_at(List::RegionNames, first).next().is_some() {
                return;
            }
            let last = self.segments.token_at_or_after(range.end).saturating_sub(1);
            if self.punct(last + 1) == Some(",")
                && self
                    .phrases_at(List::RegionNames, last + 2)
                    .next()
                    .is_some()
            {
                return;
            }
        }
        self.identities.push(Identity {
            kind,
            range,
            possessive,
            referent: None,
        });
    }

    /// Whether tokens `first..=last` are an item of a list whose other items are
    /// details: a detail and a comma before, and "and" or "or" and another detail (or
    /// "others", "more") after ("VSP, EyeMed, Davis and others").
    fn in_list_of_details(&self, first: usize, last: usize) -> bool {
        let detail = |index: usize| {
            self.segments
                .tokens
                .get(index)
                .is_some_and(|token| self.overlaps_detail(&token.range))
        };
        let before = first >= 2 && self.punct(first - 1) == Some(",") && detail(first - 2);
        let joiner = last + 1;
        let after = match self.punct(joiner) {
            Some(",") => detail(joiner + 1),
            _ => {
                self.is_word(joiner)
                    && matches!(self.word(joiner), "and" | "or")
                    && (detail(joiner + 1)
                        || (self.is_word(joiner + 1)
                            && matches!(self.word(joiner + 1), "others" | "more")))
            }
        };
        before && after
    }

    /// "SkinCeuticals", "HydraFacial", "CoolSculpting": a capital after three or more
    /// lowercase letters inside a word makes a brand ("DeShawn", "MacKenzie" have
    /// fewer before theirs).
    fn is_brand_shaped(&self, index: usize) -> bool {
        let range = self
            .normalized
            .original_range(self.segments.tokens[index].range.clone());
        let Some(word) = self.original.get(range) else {
            return false;
        };
        let mut lowercase_run = 0;
        for c in word.chars() {
            if c.is_lowercase() {
                lowercase_run += 1;
            } else if c.is_uppercase() && lowercase_run >= 3 {
                return true;
            } else {
                lowercase_run = 0;
            }
        }
        false
    }

    /// Whether token `index` could be part of a name: a capitalized word made of letters.
    fn is_name_word(&self, index: usize) -> bool {
        if !self.is_word(index) || !self.is_capitalized(index) {
            return false;
        }
        let word = strip_possessive(self.word(index));
        // "DTaP, IPV, MMR": an acronym of three or more capitals is not a name, unless it
        // is a first name written in capitals ("GLORIA").
        let acronym = word.chars().count() >= 3
            && self.is_all_caps(index)
            && !self.is_first_name(word)
            && !self.in_shouted_sentence(index);
        // "DJs", "RNs", "MDs": the plural of an acronym is no name. (Most words end
        // otherwise: the original is read only for those that end in "s".)
        let plural_acronym = word.ends_with('s') && {
            let original = &self.original[self
                .normalized
                .original_range(self.segments.tokens[index].range.clone())];
            original.len() >= 3
                && original.ends_with('s')
                && original[..original.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_uppercase())
        };
        // "We've", "I'll", "Don't": a contraction is no name ("O'Brien" is).
        let contraction = ["'ve", "'ll", "'re", "'d", "'m", "n't"]
            .iter()
            .any(|ending| word.ends_with(ending));
        !acronym
            && !plural_acronym
            && !contraction
            && !self.is_brand_shaped(index)
            && word.chars().count() >= 2
            && word.chars().all(|c| c.is_alphabetic() || c == '\'')
            && !self.language.contains(List::NotNames, word)
            && !self.language.contains(List::StaffTitles, word)
            && !self.language.contains(List::Honorifics, word)
            && !self.language.contains(List::Credentials, word)
            && !self.overlaps_detail(&self.segments.tokens[index].range)
    }

    /// Whether a word of `list` stands among `tokens` ("anyone's" holds "anyone"): the
    /// cue check that spares compiling a list's patterns for a text that cannot match
    /// them.
    fn holds_word(&self, list: List, tokens: Range<usize>) -> bool {
        tokens.into_iter().any(|index| {
            self.is_word(index)
                && self
                    .language
                    .contains(list, strip_possessive(self.word(index)))
        })
    }

    /// The first token after `index` once at most `max` fillers are passed: "Sophia
    /// finally got", "she just came in".
    fn after_fillers(&self, index: usize, max: usize) -> usize {
        let mut next = index + 1;
        // "Nolan (aka Nole the Mole 🐹) got his cast off": past an aside.
        if self.punct(next) == Some("(") {
            if let Some(close) = (next + 1..(next + 12).min(self.segments.tokens.len()))
                .take_while(|&at| {
                    self.segments.tokens[at].sentence == self.segments.tokens[index].sentence
                })
                .find(|&at| self.punct(at) == Some(")"))
            {
                next = close + 1;
            }
        }
        while next - index <= max
            && self.is_word(next)
            && self.language.contains(List::VisitFillers, self.word(next))
        {
            next += 1;
        }
        next
    }

    /// Whether token `index` stands in a sentence written in capitals ("MRS. DIAZ,
    /// ULCERATIVE COLITIS IS..."), where a word in capitals may be a name.
    fn in_shouted_sentence(&self, index: usize) -> bool {
        let shouted = self.shouted.get_or_init(|| {
            self.segments
                .sentences
                .iter()
                .map(|sentence| {
                    let original = &self.original[self.normalized.original_range(sentence.clone())];
                    let letters = original.chars().filter(|c| c.is_alphabetic()).count();
                    let capitals = original.chars().filter(|c| c.is_uppercase()).count();
                    capitals * 10 >= letters * 9
                })
                .collect()
        });
        shouted
            .get(self.segments.tokens[index].sentence)
            .copied()
            .unwrap_or(false)
    }

    fn token_span(&self, first: usize, last: usize) -> Range<usize> {
        self.segments.tokens[first].range.start..self.segments.tokens[last].range.end
    }

    /// Finds whole-word occurrences of a normalized phrase.
    fn phrase_ranges(&self, phrase: &str) -> Vec<Range<usize>> {
        let text = self.text();
        let mut ranges = Vec::new();
        if phrase.is_empty() {
            return ranges;
        }
        let mut from = 0;
        while let Some(at) = text[from..].find(phrase) {
            let start = from + at;
            let end = start + phrase.len();
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                ranges.push(start..end);
            }
            from = start + phrase.chars().next().map_or(1, char::len_utf8);
        }
        ranges
    }

    /// Maps an original byte offset to the first normalized byte at or after it.
    fn normalized_offset(&self, original: usize) -> usize {
        let text = self.text();
        let mut low = 0;
        let mut high = text.len();
        while low < high {
            let mid = (low + high) / 2;
            if self.normalized.original_range(mid..mid + 1).start < original {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    fn finish(mut self) -> Identities {
        // Earlier finders are more specific; drop later overlapping identities.
        let mut taken: std::collections::BTreeMap<usize, Identity> =
            std::collections::BTreeMap::new();
        let family = crate::ranges::RangeSet::new(self.staff_family.drain(..));
        self.identities
            .retain(|identity| !family.overlaps(&identity.range));
        for identity in self.identities.drain(..) {
            // Kept identities never overlap, so only the last one starting before this
            // one ends can overlap it.
            let overlaps = taken
                .range(..identity.range.end)
                .next_back()
                .is_some_and(|(_, kept)| kept.range.end > identity.range.start);
            if !overlaps && !identity.range.is_empty() {
                taken.insert(identity.range.start, identity);
            }
        }
        let mut kept: Vec<Identity> = taken.into_values().collect();
        let pronouns = self.pronouns(&kept);
        if !pronouns.is_empty() {
            kept.extend(pronouns);
            kept.sort_by_key(|identity| identity.range.start);
        }
        // Only a text with a person and a sentence of general knowledge needs to know
        // whether that knowledge is about no one (its regexes cost a check's start-up).
        let general_knowledge = !kept.is_empty()
            && (self.pivot.is_some()
                || (self.general_sentences().contains(&true) && self.general_knowledge()));
        let general_sentences = if general_knowledge {
            let pivot = self.pivot.unwrap_or(usize::MAX);
            // ("Hi Denise! Yes, several of our therapists are certified in dry needling.
            // It's usually used...": an offer is about no one here too.)
            let offers =
                self.segments
                    .sentences_with(self.text(), self.language, List::OfferMarkers);
            self.general_sentences()
                .iter()
                .enumerate()
                .map(|(sentence, &general)| {
                    general || sentence >= pivot || offers.get(sentence).copied().unwrap_or(false)
                })
                .collect()
        } else if !kept.is_empty() {
            // "Thanks Barb! Our pharmacy has walk-in shingles shots": even in a reply
            // that answers a person, an announcement of a service is about no one.
            self.segments
                .sentences_with(self.text(), self.language, List::OfferMarkers)
        } else {
            Vec::new()
        };
        // "Great question! ... that's worth a call to your surgeon": in a text that
        // greets no one, names no one and turns to the public, the "you" of a sentence
        // of general knowledge is any reader.
        if general_knowledge && self.pivot.is_some() && !self.greeted {
            let named = kept
                .iter()
                .any(|identity| !matches!(identity.kind, IdentityKind::Addressee));
            if !named {
                let segments = self.segments;
                // The sentences that say general knowledge themselves: after the turn
                // to the public, "but your root canal was necessary" is still said.
                let general = self.general_sentences();
                kept.retain(|identity| {
                    let token = segments
                        .token_at_or_after(identity.range.start)
                        .min(segments.tokens.len().saturating_sub(1));
                    let sentence = segments.tokens.get(token).map_or(0, |t| t.sentence);
                    !general.get(sentence).copied().unwrap_or(false)
                });
            }
        }
        Identities {
            list: kept,
            staff: self.staff,
            public: self.public,
            general_knowledge,
            general_sentences,
            pivot_at: self.pivot_at,
        }
    }
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

/// A supplied name and its parts of two or more letters, normalized.
fn name_phrases(language: &Language, name: &str) -> Vec<String> {
    let full = normalize_term(name);
    let mut phrases = vec![full.clone()];
    if !full.starts_with('@') {
        for part in full.split(' ') {
            let letters = part.trim_matches(|c: char| !c.is_alphanumeric());
            if letters.chars().count() >= 2
                && !phrases.iter().any(|p| p == letters)
                && !language.contains(List::Honorifics, letters)
                && !language.contains(List::StaffTitles, letters)
            {
                phrases.push(letters.to_string());
            }
        }
    }
    phrases.retain(|phrase| !phrase.is_empty());
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-name file is read by binary search, possessives stripped.
    #[test]
    fn first_names_are_known() {
        let language = Language::builtin();
        let normalized = Normalized::new("x");
        let segments = Segments::new(normalized.as_str(), &language);
        let finder = Finder {
            general: std::cell::OnceCell::new(),
            shouted: std::cell::OnceCell::new(),
            language: &language,
            greeted: false,
            original: "x",
            normalized: &normalized,
            segments: &segments,
            details: RangeSet::default(),
            identities: Vec::new(),
            staff: Vec::new(),
            configured_staff: 0,
            staff_set: RangeSet::default(),
            configured_staff_set: RangeSet::default(),
            staff_names: std::collections::HashSet::new(),
            treated_staff: Vec::new(),
            staff_family: Vec::new(),
            public: false,
            pivot: None,
            pivot_at: None,
            organization_addressed: false,
        };
        assert!(finder.is_first_name("aaliyah") && finder.is_first_name("aaron's"));
        assert!(!finder.is_first_name("crown"));
    }

    #[test]
    fn handles_are_not_emails() {
        let text = "@jen_b. thanks, mail jen@x.com or @@no; (@Sam.Lee) @_";
        let found: Vec<&str> = handle_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["@jen_b", "@Sam.Lee", "@_"]);
    }

    /// Finds identities in `text` and lists `(original text, kind)`.
    fn check_with(text: &str, people: &People, expected: &[(&str, IdentityKind)]) {
        let language = Language::builtin();
        let normalized = Normalized::new(text);
        let segments = Segments::new(normalized.as_str(), &language);
        let identities = Finder::find(
            &language,
            &Anatomy::new(&language, text, Vec::new()),
            text,
            &normalized,
            &segments,
            &[],
            people,
        );
        let found: Vec<(&str, IdentityKind)> = identities
            .list
            .iter()
            .map(|identity| {
                (
                    &text[normalized.original_range(identity.range.clone())],
                    identity.kind,
                )
            })
            .collect();
        assert_eq!(found, expected, "{text:?}");
    }

    fn check(text: &str, expected: &[(&str, IdentityKind)]) {
        check_with(text, &People::default(), expected);
    }

    use IdentityKind::*;

    #[test]
    fn second_person_and_relatives() {
        check("How is your son's ear?", &[("your son's", Relative)]);
        check("u ok? ur crown", &[("u", Addressee), ("ur", Addressee)]);
        check(
            "Your little one was brave",
            &[("Your little one", Relative)],
        );
    }

    #[test]
    fn a_relative_word_inside_a_detail_is_the_detail() {
        let language = Language::builtin();
        let normalized = Normalized::new("Your family history matters");
        let segments = Segments::new(normalized.as_str(), &language);
        let detail = 5..19;
        assert_eq!(&normalized.as_str()[detail.clone()], "family history");
        let found = Finder::find(
            &language,
            &Anatomy::new(&language, "Your family history matters", Vec::new()),
            "Your family history matters",
            &normalized,
            &segments,
            &[detail],
            &People::default(),
        );
        assert_eq!(found.list.len(), 1);
        assert_eq!(found.list[0].kind, Addressee);
        assert_eq!(found.list[0].range, 0..4);
        assert!(found.list[0].possessive);
    }

    #[test]
    fn greetings_and_vocatives() {
        check("Hi Jen, great to hear!", &[("Jen", Name)]);
        check("hi jen, great", &[("jen", Name)]);
        check(
            "Thank you so much, Maria Lopez!",
            &[("you", Addressee), ("Maria Lopez", Name)],
        );
        check("Jen, the team says hi.", &[("Jen", Name)]);
        check(
            "We miss seeing you, Tom!",
            &[("you", Addressee), ("Tom", Name)],
        );
        check("Hi everyone! Thanks so much!", &[]);
        check("Omg Denise we're so happy", &[("Denise", Name)]);
        check("Ugh Carlos, sorry", &[("Carlos", Name)]);
        check("Congrats little Mateo! #eartubes", &[("Mateo", Name)]);
        check("Welcome to the world, baby Aria! 💕", &[("Aria", Name)]);
        check(
            "stay safe around those peanuts Tyler 🥜",
            &[("Tyler", Name)],
        );
        check(
            "Wonderful news Greg, the scans look clear!",
            &[("Greg", Name)],
        );
        check(
            "Lol Aiden the dog ate your retainer AGAIN?!",
            &[("Aiden", Name), ("your", Addressee)],
        );
        check("Huge congrats to our tech Marcus on baby Noah! 👶", &[]);
        check("Questions? Just ask Tyler.", &[]);
        check("Sharon we're sorry", &[("Sharon", Name)]);
        check(
            "Renee Castillo — we don't share results",
            &[("Renee Castillo", Name)],
        );
        check("Keep going — we can't wait", &[]);
        check("Hope we see you", &[("you", Addressee)]);
    }

    #[test]
    fn headings_months_groups_and_places_are_not_people() {
        check("✨SPRING SPECIAL✨ 20% off fillers", &[]);
        check("SPRING SPECIAL: 20% off fillers", &[]);
        check(
            "Summer Lee, your crown is ready",
            &[("Summer Lee", Name), ("your", Addressee)],
        );
        check("We're running the 5K again this June 🏃", &[]);
        check("Thank you, Thursday Knitting Circle!", &[]);
        check("Free physicals for Roosevelt Middle athletes", &[]);
        check("Happy Tax Day from your friends at Brightside Dental", &[]);
        // Everyday words are no one's name, wherever they stand.
        check("IVF Myths, Busted 🔬", &[]);
        check("Go Riverside!", &[]);
        check("By the Numbers: our year", &[]);
        check("Grief circle at Maple Court, Tuesdays", &[]);
        check("Volunteers from Ronald McDonald House came by", &[]);
        check("Care coordinated with Mercy General when needed", &[]);
        check("Hi Sienna! Glad to help", &[("Sienna", Name)]);
        check(
            "To clarify: Gerald Finch was seen on March 3",
            &[("Gerald Finch", Name)],
        );
    }

    #[test]
    fn partners_writers_and_contacts_are_not_patients() {
        check(
            "Thank you, Dorothy, and the Garden Club for inviting us to speak!",
            &[],
        );
        check(
            "First Baptist has let us use their lot (thank you, Pastor Greg!)",
            &[("you", Addressee)],
        );
        check("Hello. I'm Angela, the office manager here.", &[]);
        check("Lorraine Hu in billing can be reached at 555-0177.", &[]);
        check(
            "We have a financial counselor, Ana, whose whole job is estimates.",
            &[],
        );
        check("Our patient advocate, Joanne Meyers, is here to help.", &[]);
        // A partner is thanked for what they did for the practice, not for a visit.
        check(
            "Thank you, Dorothy, for coming in!",
            &[("you", Addressee), ("Dorothy", Name)],
        );
        check("This is Mateo, all smiles", &[("Mateo", Name)]);
        // A text that opens by thanking a partner thanks partners later on too.
        check(
            "Huge thanks to Ironworks Brewing for hosting our posture night! Thanks again \
             to Becca and the crew.",
            &[],
        );
        check(
            "Hi Danielle! Thank you so much for inviting us to the spring fair.",
            &[("you", Addressee)],
        );
    }

    /// Every partner reason, staff page title and staff care marker holds a cue word, or
    /// the cue check would skip it: one example of each way the language pack words them.
    #[test]
    fn partner_reasons_and_staff_titles_hold_cues() {
        let language = Language::builtin();
        let reasons =
            language.words_regex(crate::language::Slot::PartnerReasons, List::PartnerReasons);
        let titles = language.words_regex(
            crate::language::Slot::StaffPageTitles,
            List::StaffPageTitles,
        );
        let holds = |text: &str, list: List| {
            text.split(|c: char| !c.is_alphanumeric() && c != '\'')
                .any(|word| language.contains(list, word))
        };
        // Each example matches its regex and holds one of its cue words.
        let cued = |regex: &regex_lite::Regex, cues: List, examples: &[&str]| {
            for example in examples {
                assert!(
                    regex.is_match(example),
                    "{example} is not matched ({cues:?})"
                );
                assert!(holds(example, cues), "{example} holds no cue ({cues:?})");
            }
        };
        cued(
            reasons,
            List::PartnerReasonCues,
            &[
                "for hosting",
                "for organizing",
                "for inviting us",
                "for having us",
                "for coordinating",
                "for sponsoring",
                "for donating",
                "for volunteering",
                "for running the",
                "for catering",
                "for partnering",
                "for teaming up",
                "for lending",
                "for opening their",
                "for providing the",
                "for dropping off",
                "for the donation",
                "for the delivery",
                "for the invite",
                "for the invitation",
                "let us use",
                "lets us park",
                "letting us host",
            ],
        );
        cued(
            titles,
            List::StaffPageCues,
            &[
                "staff spotlight",
                "volunteer news",
                "nurse of the month",
                "meet the team",
                "meet our new providers",
                "welcome to the team",
                "team news",
                "staff news",
                "behind the scenes",
                "staff anniversary",
            ],
        );
        let markers = language.words_regex(
            crate::language::Slot::StaffCareMarkers,
            List::StaffCareMarkers,
        );
        cued(
            markers,
            List::StaffCareCues,
            &[
                "let us do",
                "let dr. shah take out",
                "as a patient",
                "on dr. lee's schedule",
                "in our chair",
                "her own wisdom teeth with dr. moss",
                "on the other side of the table",
                "right here in our",
                "is his therapist",
                "scanned her own",
                "dr. moss did all",
                "dr. moss pulled her",
                "finishing radiation here at",
                "right here in suite 3",
            ],
        );
    }

    #[test]
    fn staff_pages_name_staff() {
        check(
            "STAFF SPOTLIGHT: Meet Jenna!\n\nJenna had spinal fusion surgery at 14.",
            &[],
        );
        // Unless the page makes them a patient here.
        check(
            "STAFF SPOTLIGHT: Kelsey\n\nKelsey has sat on the other side of the desk.",
            &[("Kelsey", Name)],
        );
    }

    #[test]
    fn phrases_stay_in_their_sentence() {
        check(
            "No parent plans for the NICU. If your baby is admitted, ask us anything.",
            &[],
        );
        check(
            "It is easy to miss. Starting this month we send a summary.",
            &[],
        );
        check("Late appointments all June!", &[]);
        // ("She", at the top with no one before, is the person the thread shows; "a
        // kid" is no one new.)
        check("She had eczema badly as a kid.", &[("She", Pronoun)]);
        check("Hi neighbors, Bea here from Maple Counseling.", &[]);
        check(
            "Our office manager Deb finished the Shamrock 5K with her daughter.",
            &[],
        );
        check(
            "Please welcome Grace Adeyemi, M.S., CCC-SLP, our newest pathologist.",
            &[],
        );
    }

    #[test]
    fn towns_and_states_are_places() {
        check(
            "Her old pediatrician back in Denver said to wait",
            &[("Her", Pronoun)],
        );
        check("Hometown: Columbus, Ohio", &[]);
        check(
            "We spoke with Maria at Jen's graduation",
            &[("Maria", Name), ("Jen's", Name)],
        );
    }

    #[test]
    fn credentials_in_capitals_mark_staff() {
        check("Meet Carla Nguyen, AGNP-C! Carla loves hiking.", &[]);
        check("Congrats to our lead, Alisha Grant, CMRS, on passing!", &[]);
    }

    #[test]
    fn first_names_as_sentence_subjects() {
        check(
            "Mateo had his first filling!",
            &[("Mateo", Name), ("his", Pronoun)],
        );
        check(
            "Little Mateo rocking his new ear tubes",
            &[("Mateo", Name), ("his", Pronoun)],
        );
        check(
            "Grandpa Walt doing laps on his new hip!!",
            &[("Grandpa Walt", Name), ("his", Pronoun)],
        );
        // Staff news, and everyday words that are also names, are not patients.
        check("Sarah is our newest hygienist", &[]);
        check("Jess completed her laser certification", &[]);
        check("Summer had us all outside", &[]);
    }

    /// Posts about patients: people described rather than named, names as posts write
    /// them, and pronouns that refer back to them (issue: posts about patients).
    #[test]
    fn people_described_and_named_in_posts() {
        check(
            "A 34-year-old kindergarten teacher came in Monday.",
            &[("A 34-year-old kindergarten teacher", Described)],
        );
        check(
            "Shoutout to the 80-year-old who rode in today.",
            &[("the 80-year-old", Described)],
        );
        check(
            "The woman we saw Tuesday is talking again.",
            &[("The woman", Described)],
        );
        check(
            "Crazy shift. Guy in bay 6 pulled out his own fishhook.",
            &[("Guy", Described), ("his", Pronoun)],
        );
        check("Pt in 22 asked about dessert.", &[("Pt in 22", Described)]);
        check(
            "One of my patients this week reminded me why I do this.",
            &[("One of my patients", Described)],
        );
        check(
            "Congrats to J.M. on his first words!",
            &[("J.M.", Name), ("his", Pronoun)],
        );
        check("Happy debond day, Ethan R.!", &[("Ethan R", Name)]);
        check(
            "Meet Mr. G, our patient of the month.",
            &[("Mr. G", Honorific)],
        );
        check(
            "Dr. Lee delivered baby Rose! She arrived at dawn.",
            &[("baby Rose", Name), ("She", Pronoun)],
        );
        check(
            "Congrats to the Okafor family!",
            &[("the Okafor family", Name)],
        );
        check(
            "Sarah Whitfield came to us after a fall.",
            &[("Sarah Whitfield", Name)],
        );
        // Groups, hypothetical cases, compounds and staff are no one.
        check("Many of our patients ask about whitening.", &[]);
        check("Imagine a 45-year-old driver with headaches.", &[]);
        check("Free screenings at the senior center this Thursday!", &[]);
        check("Dr. Amy saw a lot today. She is tired.", &[]);
        check("When a child has an ear infection, he may tug at it.", &[]);
    }

    #[test]
    fn honorifics_handles_and_possessives() {
        check("Dear Mrs. Patel, thanks", &[("Mrs. Patel", Honorific)]);
        check("@jen_s thanks!", &[("@jen_s", Handle)]);
        check("So glad Jen's recovery went well", &[("Jen's", Name)]);
        check("Come see Today's specials", &[]);
        check(
            "Volunteering at the Eastside Mission's free dental day",
            &[],
        );
        check("Kiko's surgery went well", &[("Kiko's", Name)]);
    }

    #[test]
    fn the_public_is_not_an_identity() {
        check(
            "February is Heart Month ❤️ Know your numbers: blood pressure.",
            &[],
        );
        check(
            "Not sure which treatment is right for you? Book a consult.",
            &[],
        );
        check("Our nurses raised $400. Thank you for the support!", &[]);
        check("Thank you, team. Our patients are lucky to have you.", &[]);
        check("Walk-ins welcome Tues & Thurs.", &[]);
        check(
            "New Year special: consults $49. Options discussed at your visit.",
            &[],
        );
        check("How is your son's ear?", &[("your son's", Relative)]);
        check("Thanks for coming in!", &[]);
        check(
            "What questions do you have about menopause? Our Q&A goes live Thursday.",
            &[],
        );
        check(
            "Thanksgiving tip: fill half your plate with vegetables.",
            &[],
        );
        // A page for any reader: a title line, or an FAQ or guide, without a greeting.
        check(
            "Breast augmentation recovery, week by week\n\nWeek 1: expect soreness across your chest. Thanks for reading!",
            &[],
        );
        check(
            "Insurance and your visits: FAQ\nHow many visits does my plan cover? Most plans cover 20.",
            &[],
        );
        check(
            "Hi Jen,\nHere's what to expect after your implant.",
            &[("Jen", Name), ("your", Addressee)],
        );
    }

    #[test]
    fn staff_are_not_identities() {
        check("Dr. Lee and our hygienist Dana say thanks", &[]);
        check(
            "Our midwife Carly is on leave. Congratulations, Carly!",
            &[],
        );
        check("Dr. Lin is back 😂 Welcome back, doc!", &[]);
        check("Thanks for the note.\n- Dana, Office Manager", &[]);
        check("Meet Sam Ortiz, LCSW, who leads our group.", &[]);
        check(
            "Welcome to the team, Priya Nair, DNP! Priya sees adults.",
            &[],
        );
        check("Thanks, Jen, do call us", &[("Jen", Name)]);
        let people = People {
            names: vec!["Jen Smith".into()],
            staff: vec!["Kim".into()],
        };
        check_with("Kim says Smith is great", &people, &[("Smith", Known)]);
        let coach = People {
            names: vec!["Coach Reilly".into()],
            staff: vec![],
        };
        check_with("Go Coach Reilly!", &coach, &[("Coach Reilly", Known)]);
    }

    #[test]
    fn names_in_capitals() {
        check(
            "BEST NEWS EVER GLORIA, NO SURGERY NEEDED",
            &[("GLORIA", Name)],
        );
        check("WE WILL BE CLOSED MAY FIRST FOR TRAINING", &[]);
    }

    #[test]
    fn full_names_inside_sentences() {
        check("We spoke with Maria Lopez today", &[("Maria Lopez", Name)]);
    }
}
