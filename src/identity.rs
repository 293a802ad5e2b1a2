//! Identities: who in a reply a detail could be about.
//!
//! Owns finding the people a reply identifies: the addressee ("you", "your", "u"), names
//! in greetings and vocatives ("Hi Jen,", "Thanks, Maria!", "Jen, your..."), honorific
//! plus surname ("Mrs. Patel"), @handles, full names, possessive names ("Jen's"), names
//! the user supplied, and relatives of the addressee ("your son"). It also finds staff
//! and providers ("Dr. Lee", "our hygienist Dana", sign-off lines, configured staff),
//! which are never identities. It does not connect identities to details (`tie`).

use std::ops::Range;

use crate::language::{Language, List, Slot};
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
}

/// Names that are identities or staff, supplied by the user.
#[derive(Clone, Debug, Default)]
pub struct People {
    /// Known patient names and handles (`--name`, config `names:`).
    pub names: Vec<String>,
    /// Staff and provider names (config `staff:`), and the practice name.
    pub staff: Vec<String>,
}

/// Wording that answers a particular person rather than addresses the public: the
/// `reply_markers` anywhere, or "you" opening a clause with one of `reply_marker_verbs`.
fn reply_marker_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::ReplyMarkers, |language| {
        format!(
            r"\b(?:{})\b|(?:\A|[.!?,;]\s+)(?:you|u) (?:{})\b",
            language.alternation(List::ReplyMarkers),
            language.alternation(List::ReplyMarkerVerbs)
        )
    })
}

/// Thanks or greetings to a group ("Thank you, team", "Congrats to our nurses"): the
/// "you" that follows is that group, not a patient.
fn collective_address_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::CollectiveAddress, |language| {
        let greetings = language.alternation(List::CollectiveGreetings);
        let lead = r",? (?:to )?(?:all )?(?:of )?(?:our |the |my )?";
        format!(
            // Thanks for the support, thanks to a group, or thanks to a named group
            // ("Thank you, Thursday Knitting Circle!").
            r"\b(?:{greetings}){lead}(?:{})|(?:{greetings}){lead}(?:{})\b|(?:{}),? (?:to )?(?:the )?(?:[\w']+ ){{0,3}}(?:{})\b",
            language.alternation(List::CollectiveReasons),
            language.alternation(List::CollectiveGroups),
            language.alternation(List::CollectiveThanks),
            language.alternation(List::GroupNames),
        )
    })
}

/// Wording that addresses the public: an imperative opening a sentence, a clause after a
/// colon, or text after an emoji ("Heart Month ❤️ Know your numbers"); a public phrase
/// anywhere; or "tips:".
fn public_marker_regex(language: &Language) -> &regex_lite::Regex {
    language.regex(Slot::PublicMarkers, |language| {
        format!(
            r"(?m)(?:^|[.!?:]\s+|[^\x00-\x7F]\s+)(?:{})\b|\b(?:{})\b|\btips?:",
            language.alternation(List::PublicImperatives),
            language.alternation(List::PublicPhrases)
        )
    })
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

/// Finds identities and staff spans; `details` are the ranges of lexicon matches, which
/// are never names ("Delta Dental" is an insurer, not a person).
pub struct Finder<'a> {
    language: &'a Language,
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
    public: bool,
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
}

impl<'a> Finder<'a> {
    /// Finds the identities in `original` (already normalized and segmented).
    pub fn find(
        language: &'a Language,
        original: &'a str,
        normalized: &'a Normalized,
        segments: &'a Segments,
        details: &'a [Range<usize>],
        people: &People,
    ) -> Identities {
        let mut finder = Finder {
            language,
            original,
            normalized,
            segments,
            details: RangeSet::new(details.iter().cloned()),
            identities: Vec::new(),
            staff: Vec::new(),
            configured_staff: 0,
            staff_set: RangeSet::default(),
            configured_staff_set: RangeSet::default(),
            public: false,
        };
        finder.configured_staff(people);
        finder.configured_staff = finder.staff.len();
        finder.titled_staff();
        finder.sign_offs();
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
        finder.drop_generic_audience();
        finder.finish()
    }

    /// In a public post (no named person, nothing that answers someone, and wording that
    /// addresses the public: a call to action, "if you", a promotion), "you" is the
    /// reader at large: "Not sure which treatment is right for you?", "Bring your
    /// child's vaccine card". Such second-person references are not identities.
    fn drop_generic_audience(&mut self) {
        let named = self.identities.iter().any(|identity| {
            !matches!(
                identity.kind,
                IdentityKind::Addressee | IdentityKind::Relative
            )
        });
        if named {
            return;
        }
        // Evaluated lazily: each marker is a full pass over the text.
        let text = self.text();
        let collective = collective_address_regex(self.language).is_match(text);
        // "Your back will thank you" thanks no one.
        let answers_someone = !collective && {
            let without_idiom = text
                .replace("will thank you", "")
                .replace("'ll thank you", "");
            reply_marker_regex(self.language).is_match(&without_idiom)
        };
        if answers_someone {
            return;
        }
        let addresses_public = collective
            || public_marker_regex(self.language).is_match(text)
            || self.opens_with_impersonal_question();
        if !addresses_public {
            return;
        }
        self.public = true;
        self.identities.retain(|identity| {
            !matches!(
                identity.kind,
                IdentityKind::Addressee | IdentityKind::Relative
            )
        });
    }

    /// A post that opens with a question in which no one is addressed ("Sore throat
    /// with fever and no cough? ...") speaks to the public.
    fn opens_with_impersonal_question(&self) -> bool {
        let Some(first) = self.segments.sentences.first() else {
            return false;
        };
        let question = self.text()[first.clone()].trim_end().ends_with('?');
        question
            && !self
                .identities
                .iter()
                .any(|identity| identity.range.start < first.end)
    }

    /// Whether `word` (lowercase, perhaps possessive) is a common first name.
    fn is_first_name(&self, word: &str) -> bool {
        self.language
            .contains(List::FirstNames, strip_possessive(word))
    }

    fn text(&self) -> &'a str {
        self.normalized.as_str()
    }

    fn word(&self, index: usize) -> &'a str {
        self.segments.text(self.text(), index)
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

    /// Whether token `index` is a known first name as written: "Summer" may be one, but
    /// "SPRING" in a heading in capitals ("✨SPRING SPECIAL✨") is the everyday word.
    fn is_first_name_here(&self, index: usize) -> bool {
        let word = self.word(index);
        self.is_first_name(word)
            && !(self.language.contains(List::CommonWordNames, word) && self.is_all_caps(index))
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

    /// Whether token `index` is a month named after a word of time ("this June",
    /// "through April"), not a person.
    fn is_month_reference(&self, index: usize) -> bool {
        self.language.contains(List::MonthNames, self.word(index))
            && index.checked_sub(1).is_some_and(|previous| {
                self.is_word(previous)
                    && self
                        .language
                        .contains(List::MonthLeads, self.word(previous))
            })
    }

    fn punct(&self, index: usize) -> Option<&'a str> {
        let token = self.segments.tokens.get(index)?;
        (!token.is_word).then(|| &self.text()[token.range.clone()])
    }

    fn is_sentence_start(&self, index: usize) -> bool {
        index == 0
            || self.segments.tokens[index - 1].sentence != self.segments.tokens[index].sentence
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
        self.identities.push(Identity {
            kind,
            range,
            possessive,
        });
    }

    /// Whether token `index` could be part of a name: a capitalized word made of letters.
    fn is_name_word(&self, index: usize) -> bool {
        if !self.is_word(index) || !self.is_capitalized(index) {
            return false;
        }
        let word = strip_possessive(self.word(index));
        word.chars().count() >= 2
            && word.chars().all(|c| c.is_alphabetic() || c == '\'')
            && !self.language.contains(List::NotNames, word)
            && !self.language.contains(List::StaffTitles, word)
            && !self.language.contains(List::Honorifics, word)
            && !self.language.contains(List::Credentials, word)
            && !self.overlaps_detail(&self.segments.tokens[index].range)
    }

    /// Whether token `index` is a credential written as one ("LCSW", "PsyD"), standing
    /// before punctuation or the end of the text.
    /// A credential the list does not know counts when written in capitals, two to six
    /// letters, and not a first name ("CMRS", "AGNP-C"); a "-C" or "-BC" suffix is part of it.
    fn is_credential(&self, index: usize) -> bool {
        if !self.is_word(index) || !self.is_capitalized(index) {
            return false;
        }
        let word = self.word(index);
        let known = self.language.contains(List::Credentials, word);
        let capitals = self.is_all_caps(index)
            && (2..=6).contains(&word.len())
            && word.chars().all(|c| c.is_ascii_alphabetic())
            && !self.is_first_name(word);
        if !known && !capitals {
            return false;
        }
        let mut next = index + 1;
        if self.is_word(next)
            && self
                .language
                .contains(List::CredentialSuffixes, self.word(next))
            && self.is_all_caps(next)
        {
            next += 1;
        }
        self.segments
            .tokens
            .get(next)
            .is_none_or(|token| !token.is_word)
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

    fn configured_staff(&mut self, people: &People) {
        for name in &people.staff {
            for phrase in name_phrases(self.language, name) {
                let ranges = self.phrase_ranges(&phrase);
                self.staff.extend(ranges);
            }
        }
    }

    /// "Dr. Lee", "Doctor Amy Chen", "our hygienist Dana", "Nurse Kim".
    fn titled_staff(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            // "Welcome back, doc!": a staff word as a vocative speaks to staff.
            if self.is_word(index)
                && self
                    .language
                    .contains(List::StaffVocatives, self.word(index))
                && index > 0
                && self.punct(index - 1) == Some(",")
                && self
                    .segments
                    .tokens
                    .get(index + 1)
                    .is_none_or(|next| !next.is_word)
            {
                let span = self.segments.tokens[index].range.clone();
                self.staff.push(span);
                continue;
            }
            // "Sam Ortiz, LCSW" or "Priya Nair, DNP": a name followed by a credential.
            if self.is_credential(index) && index >= 2 && self.punct(index - 1) == Some(",") {
                let last = index - 2;
                let mut first = last;
                while first > 0
                    && last - first < 2
                    && self.is_name_word(first - 1)
                    && !self.is_sentence_start(first)
                {
                    first -= 1;
                }
                if self.is_name_word(last) {
                    let span = self.token_span(first, index);
                    self.staff.push(span);
                    self.add_staff_names(first, last);
                }
                continue;
            }
            if !self.is_word(index) || !self.language.contains(List::StaffTitles, self.word(index))
            {
                continue;
            }
            let mut next = index + 1;
            if self.punct(next) == Some(".") {
                next += 1;
            }
            let mut last = None;
            while next < count
                && self.is_name_word(next)
                && last.is_none_or(|l: usize| next - l == 1)
            {
                last = Some(next);
                next += 1;
            }
            if let Some(last) = last {
                let span = self.token_span(index, last);
                self.staff.push(span);
                self.add_staff_names(index + 1, last);
            }
        }
    }

    /// Marks the words of tokens `first..=last`, a staff member's name, as staff
    /// wherever they appear in the reply ("Our midwife Carly ... congratulations, Carly!").
    fn add_staff_names(&mut self, first: usize, last: usize) {
        let names: Vec<String> = (first..=last)
            .filter(|&token| self.is_word(token))
            .map(|token| strip_possessive(self.word(token)).to_string())
            .collect();
        for name in names {
            let ranges = self.phrase_ranges(&name);
            self.staff.extend(ranges);
        }
    }

    /// Sign-off lines at the end of a reply ("- Dana", "Best, Dr. Lee", "The Smile Team").
    fn sign_offs(&mut self) {
        let lines: Vec<(usize, &str)> = line_spans(self.original)
            .into_iter()
            .filter(|(_, line)| !line.trim().is_empty())
            .collect();
        if lines.len() < 2 {
            return;
        }
        let regex = self.language.sign_off_regex(|language| {
            format!(
                r"(?i)^\s*(?:(?:[-–—~]+|(?:{})\s*[,!.]?)\s*)?(?:dr\.?\s+)?(?-i:[A-Z][\w.'’]*)(?:\s+(?-i:[A-Z&][\w.'’&]*)){{0,4}}\s*(?:,\s*[\w .&'’-]+)?\s*$",
                language.alternation(List::SignOffWords)
            )
        });
        for &(start, line) in lines.iter().rev().take(2) {
            let trimmed = line.trim();
            let starts_with_dash = trimmed.starts_with(['-', '–', '—', '~']);
            let has_sign_off_word = trimmed.contains(',') || starts_with_dash;
            let plain_signature =
                trimmed.split_whitespace().count() <= 5 && !trimmed.ends_with(['!', '?', '.']);
            if regex.is_match(line)
                && (has_sign_off_word || plain_signature)
                && !trimmed.ends_with('!')
            {
                let from = self.normalized_offset(start);
                let to = self.normalized_offset(start + line.len());
                self.staff.push(from..to);
            }
        }
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

    fn known_names(&mut self, people: &People) {
        for name in &people.names {
            for phrase in name_phrases(self.language, name) {
                for range in self.phrase_ranges(&phrase) {
                    let possessive = self.text()[range.end..].starts_with("'s");
                    self.push(IdentityKind::Known, range, possessive);
                }
            }
        }
    }

    fn handles(&mut self) {
        for range in handle_ranges(self.original) {
            let from = self.normalized_offset(range.start);
            let to = self.normalized_offset(range.end);
            let possessive = self.text()[to..].starts_with("'s");
            self.push(IdentityKind::Handle, from..to, possessive);
        }
    }

    fn second_person_and_relatives(&mut self) {
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
    fn honorifics(&mut self) {
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
            while next < count && self.is_name_word(next) && next <= index + 4 {
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

    /// "Hi Jen,", "Thank you so much, Maria!", "Jen, your...", "..., Tom!".
    fn greetings_and_vocatives(&mut self) {
        let count = self.segments.tokens.len();
        for index in 0..count {
            // Greeting phrase followed by a name.
            let language = self.language;
            for greeting in language[List::Greetings].iter() {
                if !self.matches_words(index, greeting) {
                    continue;
                }
                let mut next = index + greeting.split(' ').count();
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
                let at_text_start = index == 0;
                let lowercase_ok = at_text_start
                    && greeting.split(' ').next().is_some_and(|first| {
                        self.language.contains(List::LowercaseGreetings, first)
                    });
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
                if let Some(last) = last {
                    let ends_cleanly = match self.segments.tokens.get(last + 1) {
                        None => true,
                        Some(token) => {
                            !token.is_word || token.sentence != self.segments.tokens[last].sentence
                        }
                    };
                    if ends_cleanly || self.is_capitalized(next) {
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
                if self.breaks_after(last) {
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

    /// Whether token `index` ends its sentence: nothing follows in it but closing
    /// punctuation or emoji.
    fn closes_sentence(&self, index: usize) -> bool {
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
    fn breaks_after(&self, index: usize) -> bool {
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

    fn is_lowercase_name_candidate(&self, index: usize) -> bool {
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

    /// Whether the words of `phrase` (separated by single spaces) stand at token `index`.
    fn matches_words(&self, index: usize, phrase: &str) -> bool {
        phrase
            .split(' ')
            .enumerate()
            .all(|(offset, word)| self.is_word(index + offset) && self.word(index + offset) == word)
    }

    /// "Jen's biopsy": a capitalized word with a possessive 's.
    fn name_possessives(&mut self) {
        for index in 0..self.segments.tokens.len() {
            if !self.is_word(index) {
                continue;
            }
            let word = self.word(index);
            if !word.ends_with("'s") || self.language.contains(List::NamePossessiveExclusions, word)
            {
                continue;
            }
            // "Jen's biopsy" but not "the Eastside Mission's free dental day": a known
            // first name, or at least not an English word.
            let bare = strip_possessive(word);
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
    fn sentence_subjects(&mut self) {
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
            if !(known || (titled && !self.language.contains(List::EnglishWords, word))) {
                continue;
            }
            if self.is_word(name + 1)
                && self
                    .language
                    .contains(List::NamedSubjectVerbs, self.word(name + 1))
            {
                let first = if titled { index } else { name };
                let span = self.token_span(first, name);
                self.push(IdentityKind::Name, span, false);
            }
        }
    }

    /// In a sentence written in capitals ("BEST NEWS EVER GLORIA"), capitalization says
    /// nothing, so a known first name that is not also an everyday word is a name.
    fn all_caps_names(&mut self) {
        for (sentence_index, sentence) in self.segments.sentences.iter().enumerate() {
            let original = &self.original[self.normalized.original_range(sentence.clone())];
            let letters = original.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = original.chars().filter(|c| c.is_uppercase()).count();
            if letters < 12 || capitals * 10 < letters * 9 {
                continue;
            }
            let first = self
                .segments
                .tokens
                .partition_point(|t| t.sentence < sentence_index);
            let end = self
                .segments
                .tokens
                .partition_point(|t| t.sentence <= sentence_index);
            let tokens: Vec<usize> = (first..end).filter(|&index| self.is_word(index)).collect();
            for index in tokens {
                let word = strip_possessive(self.word(index));
                if self.is_first_name(word)
                    && !self.language.contains(List::CommonWordNames, word)
                    && !self.language.contains(List::NotNames, word)
                    && !self.overlaps_detail(&self.segments.tokens[index].range)
                {
                    let span = self.segments.tokens[index].range.clone();
                    let possessive = self.word(index).ends_with("'s");
                    self.push(IdentityKind::Name, span, possessive);
                }
            }
        }
    }

    /// Two or more capitalized words inside a sentence: "Maria Lopez".
    fn full_names(&mut self) {
        let count = self.segments.tokens.len();
        let mut index = 0;
        while index < count {
            if self.is_sentence_start(index)
                || !self.is_name_word(index)
                || !self.is_first_name_here(index)
            {
                index += 1;
                continue;
            }
            let mut last = index;
            while last + 1 < count
                && self.is_name_word(last + 1)
                && self.segments.tokens[last + 1].sentence == self.segments.tokens[index].sentence
            {
                last += 1;
            }
            if last > index {
                let possessive = self.word(last).ends_with("'s");
                let span = self.token_span(index, last);
                self.push(IdentityKind::Name, span, possessive);
            }
            index = last + 1;
        }
    }

    fn finish(mut self) -> Identities {
        // Earlier finders are more specific; drop later overlapping identities.
        let mut taken: std::collections::BTreeMap<usize, Identity> =
            std::collections::BTreeMap::new();
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
        let kept: Vec<Identity> = taken.into_values().collect();
        Identities {
            list: kept,
            staff: self.staff,
            public: self.public,
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
            language: &language,
            original: "x",
            normalized: &normalized,
            segments: &segments,
            details: RangeSet::default(),
            identities: Vec::new(),
            staff: Vec::new(),
            configured_staff: 0,
            staff_set: RangeSet::default(),
            configured_staff_set: RangeSet::default(),
            public: false,
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
        let identities = Finder::find(&language, text, &normalized, &segments, &[], people);
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
    }

    #[test]
    fn credentials_in_capitals_mark_staff() {
        check("Meet Carla Nguyen, AGNP-C! Carla loves hiking.", &[]);
        check("Congrats to our lead, Alisha Grant, CMRS, on passing!", &[]);
    }

    #[test]
    fn first_names_as_sentence_subjects() {
        check("Mateo had his first filling!", &[("Mateo", Name)]);
        check("Little Mateo rocking his new ear tubes", &[("Mateo", Name)]);
        check(
            "Grandpa Walt doing laps on his new hip!!",
            &[("Grandpa Walt", Name)],
        );
        // Staff news, and everyday words that are also names, are not patients.
        check("Sarah is our newest hygienist", &[]);
        check("Jess completed her laser certification", &[]);
        check("Summer had us all outside", &[]);
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
