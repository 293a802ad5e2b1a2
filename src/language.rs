//! Language data: the words the grammar reads, loaded from packs.
//!
//! Owns the named word lists of a language (greetings, relatives, honorifics, staff
//! titles, words that are not names, verbs of experience, the public "you", sign-offs,
//! the rewrite's cues), their YAML schema (`rules/language/*.yaml`, the `words:` key of
//! a user pack or the config; documented in `docs/language.md`), their checks (a known
//! list name, each entry once and in the list's shape, regex fragments that compile),
//! and a cache of the regexes built from them. It does not say what a list means: the
//! code that reads a list (identity, tie, segment, rewrite) holds that grammar.
//!
//! The built-in lists are compiled by the build script, so start-up parses nothing;
//! entries a user pack or the config adds are appended after the built-in ones.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use marked_yaml::Spanned;
use serde::Deserialize;

use crate::error::SourceError;
use crate::pack::{parse_yaml, Locator, OrderedMap};

/// What an entry of a list looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One lowercase word: letters, digits, `'`, `.` and `-`, no spaces ("you're", "e.g").
    Word,
    /// Lowercase words separated by single spaces ("thank you", "new year's").
    Phrase,
    /// A fragment of a regular expression, one alternative of a larger one.
    Pattern,
}

macro_rules! lists {
    ($($(#[doc = $doc:literal])+ $variant:ident = $name:literal, $shape:ident;)+) => {
        /// A named word list. The names are the keys of `words:` in a pack.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum List {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl List {
            /// Every list, in the order of the built-in tables.
            pub const ALL: &'static [List] = &[$(List::$variant,)+];

            /// The key of the list in YAML.
            pub fn name(self) -> &'static str {
                match self {
                    $(List::$variant => $name,)+
                }
            }

            /// What its entries look like.
            pub fn shape(self) -> Shape {
                match self {
                    $(List::$variant => Shape::$shape,)+
                }
            }
        }
    };
}

lists! {
    /// Words that address the person answered: "you", "your", "u".
    SecondPerson = "second_person", Word;
    /// Relatives after "your": "your son".
    Relatives = "relatives", Word;
    /// Relative words that another may follow: "your little guy".
    RelativeModifiers = "relative_modifiers", Word;
    /// Nouns that close a relative phrase after a modifier: "your little one".
    RelativeNouns = "relative_nouns", Word;
    /// Honorifics before a surname: "Mrs. Patel".
    Honorifics = "honorifics", Word;
    /// Titles and roles that make a name staff: "Dr. Lee", "our hygienist Dana".
    StaffTitles = "staff_titles", Word;
    /// Staff words used as a vocative: "Welcome back, doc!".
    StaffVocatives = "staff_vocatives", Word;
    /// Degrees and licences after a provider's name: "Sam Ortiz, LCSW".
    Credentials = "credentials", Word;
    /// Suffixes continuing a credential in capitals: "AGNP-C".
    CredentialSuffixes = "credential_suffixes", Word;
    /// Greeting phrases a name may follow: "Hi Jen,".
    Greetings = "greetings", Phrase;
    /// Words between a greeting and a name: "Thank you so much, Maria".
    GreetingFillers = "greeting_fillers", Word;
    /// Greetings opening a text that a lowercase name may follow: "hi jen,".
    LowercaseGreetings = "lowercase_greetings", Word;
    /// Words after which a name is spoken about, not to: "ask Tyler".
    ThirdPersonLeads = "third_person_leads", Word;
    /// Words after a sentence-opening first name said to the person: "Sharon we're sorry".
    VocativeFollowers = "vocative_followers", Word;
    /// Endearments between a comma and a name: "..., baby Aria!".
    Endearments = "endearments", Word;
    /// Family titles before a first name: "Grandpa Walt".
    FamilyTitles = "family_titles", Word;
    /// Verbs of a named subject's own experience: "Mateo had his first filling".
    NamedSubjectVerbs = "named_subject_verbs", Word;
    /// Capitalized words that are not names.
    NotNames = "not_names", Word;
    /// First names that are also everyday words: "Spring", "Hope".
    CommonWordNames = "common_word_names", Word;
    /// Possessives that are not a person's: "today's".
    NamePossessiveExclusions = "name_possessive_exclusions", Phrase;
    /// Months that are also first names: "June".
    MonthNames = "month_names", Word;
    /// Words of time before a month: "this June".
    MonthLeads = "month_leads", Word;
    /// Words after "your" in a sign-off: "from your friends at".
    SignOffGroups = "sign_off_groups", Word;
    /// Closing words that may open a sign-off line: "Best,".
    SignOffWords = "sign_off_words", Phrase;
    /// Nouns closing a signature after the practice's name: "the Smile Dental team".
    SignOffNouns = "sign_off_nouns", Word;
    /// Nouns after a name that make it an organization's people: "Northbridge team".
    OrganizationGroups = "organization_groups", Word;
    /// Wording that answers a particular person rather than the public.
    ReplyMarkers = "reply_markers", Pattern;
    /// Thanks: "thanks", "thank you".
    ThanksOpeners = "thanks_openers", Pattern;
    /// Reasons for thanks that tell nothing of the person: "for the review".
    ThanksReasons = "thanks_reasons", Pattern;
    /// What a partner of the practice is thanked for: "for hosting", "for inviting us".
    PartnerReasons = "partner_reasons", Pattern;
    /// Words one of which every partner reason holds: "hosting", "donating".
    PartnerReasonCues = "partner_reason_cues", Word;
    /// Thanks that may name a partner: "thank", "shout-out".
    PartnerThanks = "partner_thanks", Pattern;
    /// Titles that announce staff or volunteers: "Staff Spotlight".
    StaffPageTitles = "staff_page_titles", Pattern;
    /// Words one of which every staff page title holds: "spotlight", "meet".
    StaffPageCues = "staff_page_cues", Word;
    /// Verbs of a staff member's work or likes: "completed", "loves".
    StaffNewsVerbs = "staff_news_verbs", Word;
    /// Words one of which every staff care marker holds: "let", "own", "here".
    StaffCareCues = "staff_care_cues", Word;
    /// A colleague's duties after a first name: "will be covering", "is filling in".
    StaffDuties = "staff_duties", Phrase;
    /// Wording that makes staff a patient of the practice: "the other side of".
    StaffPatientMarkers = "staff_patient_markers", Pattern;
    /// Words before a capitalized place: "in", "at".
    PlacePrepositions = "place_prepositions", Word;
    /// States and provinces: "Columbus, Ohio".
    RegionNames = "region_names", Phrase;
    /// Verbs after a sentence-opening "you" that tell of the person answered.
    ReplyMarkerVerbs = "reply_marker_verbs", Pattern;
    /// Thanks or greetings that may address a group.
    CollectiveGreetings = "collective_greetings", Pattern;
    /// What a group is thanked for.
    CollectiveReasons = "collective_reasons", Pattern;
    /// Groups a greeting may address.
    CollectiveGroups = "collective_groups", Pattern;
    /// Thanks that may address a named group.
    CollectiveThanks = "collective_thanks", Pattern;
    /// Words that end the name of a group: "Knitting Circle".
    GroupNames = "group_names", Pattern;
    /// Words opening a sentence that address the public.
    PublicImperatives = "public_imperatives", Pattern;
    /// Phrases anywhere that address the public.
    PublicPhrases = "public_phrases", Pattern;
    /// Words ending a noun phrase between a possessive and a detail.
    PhraseBreaks = "phrase_breaks", Word;
    /// Verbs that make a subject the one undergoing a detail: "you had".
    ExperienceVerbs = "experience_verbs", Word;
    /// Words between a subject and its experience: "you finally had".
    ExperienceFillers = "experience_fillers", Word;
    /// Words that make an experience hypothetical or end a clause.
    ClauseBreaks = "clause_breaks", Word;
    /// Prepositions tying a detail to the person after it: "for you".
    ObjectPrepositions = "object_prepositions", Word;
    /// Words of a sentence about everyone or about what will not be said.
    PolicyWords = "policy_words", Word;
    /// Words before a period that do not end a sentence: "Dr.".
    Abbreviations = "abbreviations", Word;
    /// Greeting words the rewrite keeps at the start of a reply.
    OpeningGreetings = "opening_greetings", Phrase;
    /// Word starts of an apology.
    ApologyWords = "apology_words", Pattern;
    /// Word starts of thanks.
    ThanksWords = "thanks_words", Pattern;
    /// Ways of contacting the office in an invitation.
    InvitationVerbs = "invitation_verbs", Pattern;
    /// Who is contacted in an invitation.
    InvitationObjects = "invitation_objects", Pattern;
    /// Phrases that invite the person offline by themselves.
    InvitationPhrases = "invitation_phrases", Pattern;
    /// Conjunctions dropped from a kept sentence whose predecessor went.
    LeadingConjunctions = "leading_conjunctions", Word;
    /// Common first names, beyond the built-in file.
    FirstNames = "first_names", Word;
    /// English words of seven letters or more, beyond the built-in file.
    EnglishWords = "english_words", Word;
    /// Function words, which rule nothing out as a pattern's required literal.
    FunctionWords = "function_words", Phrase;
    /// Nouns for one person: "patient", "guy", "woman".
    PersonNouns = "person_nouns", Word;
    /// Occupations that describe a person: "firefighter".
    Occupations = "occupations", Word;
    /// Words before a person noun that make it one person: "a", "the", "this".
    PersonDeterminers = "person_determiners", Word;
    /// Nouns for a patient that make one person after "our" or "my": "our patient".
    PatientNouns = "patient_nouns", Word;
    /// Words that make a described person local: "a local quarterback".
    LocalityWords = "locality_words", Word;
    /// Places numbered per patient: "bed 9", "bay 6".
    CarePlaces = "care_places", Word;
    /// Times that make a story about one person: "this week", "yesterday".
    RecentTimes = "recent_times", Phrase;
    /// Age units in "a 34-year-old": "year", "month".
    AgeUnits = "age_units", Word;
    /// Words after a name that describe the person named: "who", "age".
    NameDescriptions = "name_descriptions", Word;
    /// Nouns closing a family name: "the Okafor family".
    FamilyNouns = "family_nouns", Word;
    /// Titles before a first name that make a patient of the person: "baby Rose".
    PatientTitles = "patient_titles", Word;
    /// Third-person pronouns that may refer back to a person: "he", "her".
    ThirdPersonPronouns = "third_person_pronouns", Word;
    /// The possessive ones: "his", "her".
    ThirdPersonPossessives = "third_person_possessives", Word;
    /// Initials that are not a person's: "A.M.".
    NotInitials = "not_initials", Word;
    /// Words that make a described person hypothetical: "imagine", "if".
    HypotheticalLeads = "hypothetical_leads", Word;
    /// Words that may follow a person noun naming one person: "who", "from".
    PersonFollowers = "person_followers", Word;
    /// Abbreviations for a patient, a person only with a bed or room: "pt".
    PatientAbbreviations = "patient_abbreviations", Word;
    /// Words and phrases stating general knowledge: "usually", "most people".
    GeneralMarkers = "general_markers", Phrase;
    /// Wording that announces the practice's services or events: "we offer", "walk-in".
    OfferMarkers = "offer_markers", Phrase;
    /// Words opening a conditional clause about "you": "if", "when".
    ConditionalLeads = "conditional_leads", Word;
    /// Wording that answers a question asked in public: "great question".
    QuestionAnswers = "question_answers", Pattern;
    /// Verbs of the practice's care for a person who follows: "seeing", "caring for".
    CareVerbs = "care_verbs", Phrase;
    /// Words before a care verb that make it the practice's: "we", "loved".
    CareLeads = "care_leads", Phrase;
    /// Visits told after the person: "came in", "stopped by".
    VisitVerbs = "visit_verbs", Phrase;
    /// Words between a person and a visit verb: "finally".
    VisitFillers = "visit_fillers", Word;
    /// Appointments ahead after "see" and the person: "next", "in March".
    AppointmentTimes = "appointment_times", Phrase;
    /// Verbs of an appointment ahead, before the person: "see".
    AppointmentVerbs = "appointment_verbs", Word;
    /// Titles that make a baby of the person named: "baby Rose", "little Maya".
    BabyTitles = "baby_titles", Word;
    /// The practice's care of one of its own staff: "let us film her", "as a patient".
    StaffCareMarkers = "staff_care_markers", Pattern;
    /// Wording that marks a story as a composite: "a composite", "fictional".
    CompositeMarkers = "composite_markers", Phrase;
    /// Wording that marks a text as history: "history month", "#DentalHistory".
    HistoryMarkers = "history_markers", Phrase;
    /// A public figure's own public account: "has talked openly about".
    PublicRecordMarkers = "public_record_markers", Phrase;
    /// Words after a detail that make it a person's work: "background", "experience".
    CareerNouns = "career_nouns", Word;
    /// Words before a year that keep its person living: "since 1968", "born 1931".
    LivingYearLeads = "living_year_leads", Word;
    /// A family's own verbs of a birth: "welcomed", "had".
    BirthVerbs = "birth_verbs", Word;
    /// Plural third-person pronouns, which refer back to a family: "they", "their".
    ThirdPersonPlurals = "third_person_plurals", Word;
    /// Titles of a community's known people: "Pastor", "Mayor", "Coach".
    CommunityTitles = "community_titles", Word;
    /// Counts after a person noun and "of": "three", "twins".
    CountWords = "count_words", Word;
    /// Suffixes of an age in one word: "4yo", "58M".
    AgeSuffixes = "age_suffixes", Word;
    /// Endearments said to one person at the end of a clause: "babe", "mama".
    VocativeEndearments = "vocative_endearments", Word;
    /// Words after "Summer's" that make it "Summer is": "here", "almost".
    ContractionFollowers = "contraction_followers", Word;
    /// Words before a predicate noun: "was", "as".
    Copulas = "copulas", Word;
    /// Wording of a page written for any reader: "what to expect", "FAQ".
    PageMarkers = "page_markers", Pattern;
    /// Words that make a detail before them an event's or an organization's name.
    EventNouns = "event_nouns", Phrase;
    /// Words that make a detail before them the name of a place or team of the
    /// practice: "our infusion nurses", "a counseling practice".
    PlaceNouns = "place_nouns", Word;
    /// Words that end an institution's or a place's name: "Mercy General".
    InstitutionWords = "institution_words", Word;
    /// Wording that turns a reply to the public: "for anyone reading".
    AudiencePivots = "audience_pivots", Pattern;
    /// Words one of which every turn to the public holds: "anyone", "general".
    AudiencePivotCues = "audience_pivot_cues", Word;
    /// Verbs after which an initial is a name: "call M.".
    InitialLeads = "initial_leads", Word;
    /// Words between "baby" and a name: "baby boy Chidi".
    ChildGenders = "child_genders", Word;
    /// Plural nouns in "one of our patients".
    GroupNouns = "group_nouns", Word;
    /// Plural nouns after a detail that make it a class of people or cases: "heart
    /// attack cases", "our knee replacement patients".
    ClassNouns = "class_nouns", Word;
    /// Capitalized words that open a place's name: "San Diego", "Fort Worth".
    PlacePrefixes = "place_prefixes", Word;
    /// Adverbs that may stand before a public imperative: "Always wear sunscreen".
    ImperativeAdverbs = "imperative_adverbs", Word;
    /// Words that judge a care verb used as a subject: "delivering your girls was a joy".
    CareJudgments = "care_judgments", Word;
    /// Words of gladness right before a definite detail, which make it the person's:
    /// "so glad the tubes did the trick".
    GladnessWords = "gladness_words", Word;
    /// Decades of a person's age in words: "in his early thirties".
    DecadeWords = "decade_words", Word;
    /// Things that single out a person described: "the lady with the purple hair".
    DescriptorNouns = "descriptor_nouns", Word;
    /// Nouns after a detail that make it a place of care: "a postpartum room", "the
    /// infusion suite".
    FacilityNouns = "facility_nouns", Word;
    /// Words after a numbered room that make it a place: "Room 3 is closed".
    PlaceStates = "place_states", Word;
    /// Quantifiers before "of you" that make a group of readers: "a few of you".
    GroupQuantifiers = "group_quantifiers", Word;
    /// Verbs before a name that make it someone to contact: "ask Tyler".
    StaffContactVerbs = "staff_contact_verbs", Word;
    /// Words before a staff role and a comma: "our newest PT, Marcus".
    StaffIntroductions = "staff_introductions", Word;
}

impl List {
    /// The list with this YAML key.
    pub fn from_name(name: &str) -> Option<List> {
        List::ALL.iter().copied().find(|list| list.name() == name)
    }

    /// Whether the built-in entries come from a sorted file rather than a YAML list.
    pub fn is_file(self) -> bool {
        matches!(self, List::FirstNames | List::EnglishWords)
    }

    fn index(self) -> usize {
        List::ALL
            .iter()
            .position(|&list| list == self)
            .unwrap_or_default()
    }
}

/// One list: its built-in entries and those a pack or the config added.
#[derive(Clone, Debug, Default)]
pub struct WordList {
    builtin: &'static [&'static str],
    /// For a file list: its lines, sorted, after a header of `#` lines.
    sorted: &'static str,
    extra: Vec<String>,
}

impl WordList {
    /// Whether `word` is an entry.
    pub fn contains(&self, word: &str) -> bool {
        self.builtin.contains(&word)
            || self.extra.iter().any(|entry| entry == word)
            || (!self.sorted.is_empty() && sorted_lines_contain(self.sorted, word))
    }

    /// The entry at `position` in `iter` order.
    pub fn get(&self, position: usize) -> Option<&str> {
        match self.builtin.get(position) {
            Some(entry) => Some(entry),
            None => self
                .extra
                .get(position - self.builtin.len())
                .map(String::as_str),
        }
    }

    /// The entries in order: built-in first, then added ones (a file list's lines are
    /// not included).
    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        self.builtin
            .iter()
            .copied()
            .chain(self.extra.iter().map(String::as_str))
    }

    /// The entries joined with `|`, for a regex alternation; phrases are escaped.
    pub fn alternation(&self, shape: Shape) -> String {
        let mut out = String::new();
        for (index, entry) in self.iter().enumerate() {
            if index > 0 {
                out.push('|');
            }
            match shape {
                Shape::Pattern => out.push_str(entry),
                Shape::Word | Shape::Phrase => out.push_str(&regex_lite::escape(entry)),
            }
        }
        out
    }
}

/// Whether `word` is a line of `body`, whose lines are sorted bytewise.
pub(crate) fn sorted_lines_contain(body: &str, word: &str) -> bool {
    let (mut low, mut high) = (0, body.len());
    while low < high {
        let mid = (low + high) / 2;
        let line_start = body[..mid].rfind('\n').map_or(0, |at| at + 1);
        let line_end = body[mid..].find('\n').map_or(body.len(), |at| mid + at);
        match word.cmp(&body[line_start..line_end]) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => high = line_start,
            std::cmp::Ordering::Greater => low = line_end + 1,
        }
    }
    false
}

/// The body of a sorted word file: its lines after the `#` header.
pub(crate) fn file_body(text: &'static str) -> &'static str {
    let start = text
        .match_indices('\n')
        .map(|(at, _)| at + 1)
        .find(|&at| !text[at..].starts_with('#'))
        .unwrap_or(0);
    &text[start..]
}

/// Regexes built from the lists, compiled on first use: one slot per regex.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Wording that answers someone.
    ReplyMarkers,
    /// Wording that answers what someone went through.
    ExperienceMarkers,
    /// Thanks.
    ThanksOpeners,
    /// Reasons for thanks that tell nothing of the person.
    ThanksReasons,
    /// Thanks or greetings to a group.
    CollectiveAddress,
    /// Wording that addresses the public.
    PublicMarkers,
    /// An apology.
    Apology,
    /// Thanks.
    Thanks,
    /// An offline invitation.
    Invitation,
    /// An answer to a question asked in public.
    QuestionAnswers,
    /// A page written for any reader.
    PageMarkers,
    /// A turn to the public.
    AudiencePivots,
    /// What a partner of the practice is thanked for.
    PartnerReasons,
    /// Thanks that may name a partner.
    PartnerThanks,
    /// Titles that announce staff.
    StaffPageTitles,
    /// Wording that makes staff a patient.
    StaffPatientMarkers,
    /// The practice's care of one of its own staff.
    StaffCareMarkers,
}

const SLOTS: usize = 17;

/// The words of one language, with the regexes built from them.
#[derive(Clone, Debug)]
pub struct Language {
    lists: Vec<WordList>,
    /// For each list, its entries by first word (indices in `iter` order), built on
    /// first use: phrase lists are searched at every word of a text.
    by_first_word: Vec<OnceLock<HashMap<String, Vec<u32>>>>,
    regexes: [OnceLock<regex_lite::Regex>; SLOTS],
    sign_off: OnceLock<regex::Regex>,
}

impl std::ops::Index<List> for Language {
    type Output = WordList;

    fn index(&self, list: List) -> &WordList {
        &self.lists[list.index()]
    }
}

impl Language {
    /// The built-in English lists, as the build script compiled them from
    /// `rules/language/`.
    pub fn builtin() -> Language {
        let lists = List::ALL
            .iter()
            .map(|&list| {
                let (builtin, sorted) = crate::builtin::language_list(list);
                WordList {
                    builtin,
                    sorted,
                    extra: Vec::new(),
                }
            })
            .collect();
        Language {
            by_first_word: List::ALL.iter().map(|_| OnceLock::new()).collect(),
            lists,
            regexes: Default::default(),
            sign_off: OnceLock::new(),
        }
    }

    /// Adds the entries of `words` (from a user pack or the config) after the built-in
    /// ones; an entry already listed is skipped.
    pub fn extend(&mut self, words: &Words) {
        for (list, entries) in &words.lists {
            let target = &mut self.lists[list.index()];
            for entry in entries {
                if !target.contains(&entry.text) {
                    target.extra.push(entry.text.clone());
                }
            }
        }
        self.regexes = Default::default();
        self.sign_off = OnceLock::new();
        self.by_first_word = List::ALL.iter().map(|_| OnceLock::new()).collect();
    }

    /// The entries of `list` whose first word is `word`, in list order.
    pub fn starting_with<'a>(&'a self, list: List, word: &str) -> impl Iterator<Item = &'a str> {
        let index = self.by_first_word[list.index()].get_or_init(|| {
            let mut index: HashMap<String, Vec<u32>> = HashMap::new();
            for (position, entry) in self[list].iter().enumerate() {
                let first = entry.split(' ').next().unwrap_or_default();
                index
                    .entry(first.to_string())
                    .or_default()
                    .push(u32::try_from(position).unwrap_or(u32::MAX));
            }
            index
        });
        let entries = &self[list];
        index
            .get(word)
            .into_iter()
            .flatten()
            .filter_map(move |&position| entries.get(position as usize))
    }

    /// Whether `word` is in `list`.
    pub fn contains(&self, list: List, word: &str) -> bool {
        self[list].contains(word)
    }

    /// The entries of `list` as a regex alternation.
    pub fn alternation(&self, list: List) -> String {
        self[list].alternation(list.shape())
    }

    /// The regex in `slot`, built by `build` from these lists on first use. Built-in
    /// fragments are checked when the binary is built and added ones when they load, so
    /// building cannot fail; a pattern that still would not compile matches nothing.
    pub fn regex(&self, slot: Slot, build: impl FnOnce(&Language) -> String) -> &regex_lite::Regex {
        self.regexes[slot as usize].get_or_init(|| {
            regex_lite::Regex::new(&build(self)).unwrap_or_else(|_| never_matches())
        })
    }

    /// The regex in `slot` matching any entry of `list` as whole words, built on first
    /// use (see [`Language::regex`]).
    pub fn words_regex(&self, slot: Slot, list: List) -> &regex_lite::Regex {
        self.regex(slot, |language| {
            format!(r"\b(?:{})\b", language.alternation(list))
        })
    }

    /// The sign-off regex (Unicode classes, so the full engine), built on first use.
    pub fn sign_off_regex(&self, build: impl FnOnce(&Language) -> String) -> &regex::Regex {
        self.sign_off.get_or_init(|| {
            regex::Regex::new(&build(self))
                .unwrap_or_else(|_| regex::Regex::new(r"[^\s\S]").expect("empty class compiles"))
        })
    }
}

fn never_matches() -> regex_lite::Regex {
    regex_lite::Regex::new(r"[^\s\S]").expect("an empty class compiles")
}

/// Validated word-list entries from one source, to add to a language.
#[derive(Clone, Debug, Default)]
pub struct Words {
    /// Each list named, with its entries in file order.
    pub lists: Vec<(List, Vec<Entry>)>,
}

/// One entry as written, with its location in its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The entry.
    pub text: String,
    /// Byte range in the source.
    pub span: Range<usize>,
}

/// The `words:` mapping as written: list name to entries.
pub(crate) type WordsSource = OrderedMap<Vec<Spanned<String>>>;

/// A language pack as written (`rules/language/*.yaml`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LanguagePackSource {
    language: Spanned<String>,
    version: Spanned<u32>,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    files: Option<OrderedMap<Spanned<String>>>,
    #[serde(default)]
    words: Option<WordsSource>,
}

/// A language pack, checked: its lists and the sorted word files it names.
#[derive(Clone, Debug)]
pub struct LanguagePack {
    /// The language code, such as `en`.
    pub language: String,
    /// The lists it defines.
    pub words: Words,
    /// File lists: the list and the file name, relative to the pack.
    pub files: Vec<(List, String)>,
}

impl LanguagePack {
    /// Loads and checks a language pack from YAML `text`; `origin` names it in errors.
    pub fn load(origin: &str, text: &str) -> Result<LanguagePack, Vec<SourceError>> {
        let text: Arc<str> = Arc::from(text);
        let source: LanguagePackSource = parse_yaml(origin, &text).map_err(|error| vec![error])?;
        let locator = Locator::new(&text);
        let mut errors = Vec::new();
        let language = source.language.as_str().to_string();
        if language.is_empty() || !language.chars().all(|c| c.is_ascii_lowercase()) {
            errors.push(SourceError::new(
                origin,
                text.clone(),
                locator.span_of(&source.language),
                format!("language `{language}` must be a lowercase code such as `en`"),
            ));
        }
        if *source.version != 1 {
            errors.push(SourceError::new(
                origin,
                text.clone(),
                locator.span_of(&source.version),
                format!(
                    "unsupported language pack version {}; this replyguard reads version 1",
                    *source.version
                ),
            ));
        }
        let mut files = Vec::new();
        for (key, file) in source.files.map(|map| map.0).unwrap_or_default() {
            match List::from_name(key.as_str()).filter(|list| list.is_file()) {
                Some(list) => files.push((list, file.as_str().to_string())),
                None => errors.push(SourceError::new(
                    origin,
                    text.clone(),
                    locator.span_of(&key),
                    format!(
                        "`{}` cannot be read from a file; file lists are first_names and english_words",
                        key.as_str()
                    ),
                )),
            }
        }
        let words = match source.words {
            Some(words) => match check_words(origin, &text, words) {
                Ok(words) => words,
                Err(mut word_errors) => {
                    errors.append(&mut word_errors);
                    Words::default()
                }
            },
            None => Words::default(),
        };
        if errors.is_empty() {
            Ok(LanguagePack {
                language,
                words,
                files,
            })
        } else {
            Err(errors)
        }
    }
}

/// Checks a `words:` mapping from `origin`: known list names, each list once, each entry
/// once and in its list's shape.
pub(crate) fn check_words(
    origin: &str,
    text: &Arc<str>,
    source: WordsSource,
) -> Result<Words, Vec<SourceError>> {
    let locator = Locator::new(text);
    let mut errors = Vec::new();
    let error = |range: Range<usize>, message: String| {
        SourceError::new(origin, text.clone(), range, message)
    };
    let mut words = Words::default();
    for (key, values) in source.0 {
        let Some(list) = List::from_name(key.as_str()) else {
            errors.push(error(
                locator.span_of(&key),
                format!(
                    "unknown word list `{}`; the lists are named in docs/language.md",
                    key.as_str()
                ),
            ));
            continue;
        };
        if words.lists.iter().any(|(seen, _)| *seen == list) {
            errors.push(error(
                locator.span_of(&key),
                format!("word list `{}` is given twice", list.name()),
            ));
            continue;
        }
        let mut entries: Vec<Entry> = Vec::new();
        for value in values {
            let entry = Entry {
                span: locator.span_of(&value),
                text: value.as_str().to_string(),
            };
            if let Some(problem) = shape_problem(list.shape(), &entry.text) {
                errors.push(error(
                    entry.span.clone(),
                    format!("`{}` in {}: {problem}", entry.text, list.name()),
                ));
                continue;
            }
            if let Some(previous) = entries.iter().find(|seen| seen.text == entry.text) {
                let (line, _) = crate::location::line_column(text, previous.span.start);
                errors.push(error(
                    entry.span.clone(),
                    format!(
                        "`{}` is already in {} (line {line})",
                        entry.text,
                        list.name()
                    ),
                ));
                continue;
            }
            entries.push(entry);
        }
        words.lists.push((list, entries));
    }
    if errors.is_empty() {
        Ok(words)
    } else {
        Err(errors)
    }
}

/// What is wrong with `entry` for a list of `shape`, if anything.
fn shape_problem(shape: Shape, entry: &str) -> Option<String> {
    let word_char = |c: char| {
        c.is_lowercase() || c.is_numeric() || matches!(c, '\'' | '.' | '-' | '&' | '\u{2019}')
    };
    match shape {
        Shape::Word => (entry.is_empty() || !entry.chars().all(word_char))
            .then(|| "a word of lowercase letters, digits, ', . and -".to_string()),
        Shape::Phrase => (entry.is_empty()
            || entry.starts_with(' ')
            || entry.ends_with(' ')
            || entry.contains("  ")
            || !entry.chars().all(|c| c == ' ' || word_char(c)))
        .then(|| "lowercase words separated by single spaces".to_string()),
        Shape::Pattern => {
            if entry.is_empty() {
                return Some("an empty pattern".to_string());
            }
            // A fragment stands in an alternation: it must compile as a group of its own.
            regex_lite::Regex::new(&format!("(?:{entry})"))
                .err()
                .map(|error| format!("the pattern does not compile: {error}"))
        }
    }
}

/// Checks the body of a sorted word file: one lowercase entry a line, sorted bytewise,
/// each once. Returns the 1-based line of the first problem with its description.
pub fn check_sorted_file(text: &str) -> Result<(), (usize, String)> {
    let mut previous: Option<&str> = None;
    for (index, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(problem) = shape_problem(Shape::Word, line) {
            return Err((index + 1, format!("`{line}`: {problem}")));
        }
        if let Some(previous) = previous {
            if previous >= line {
                return Err((
                    index + 1,
                    format!("`{line}` is out of order or repeated (after `{previous}`)"),
                ));
            }
        }
        previous = Some(line);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_files_are_checked() {
        assert_eq!(check_sorted_file("# header\nann\nbob\n"), Ok(()));
        assert_eq!(
            check_sorted_file("# header\nbob\nann\n"),
            Err((3, "`ann` is out of order or repeated (after `bob`)".into()))
        );
        assert!(check_sorted_file("ann\nann\n").is_err());
        assert!(check_sorted_file("ann\nBob\n").is_err());
    }

    #[test]
    fn lists_keep_their_built_in_order_and_add_after() {
        let mut language = Language::builtin();
        let greetings: Vec<&str> = language[List::Greetings].iter().take(2).collect();
        assert_eq!(greetings, ["hi", "hello"]);
        let words = Words {
            lists: vec![(
                List::Greetings,
                vec![
                    Entry {
                        text: "yo".into(),
                        span: 0..0,
                    },
                    Entry {
                        text: "hi".into(),
                        span: 0..0,
                    },
                ],
            )],
        };
        language.extend(&words);
        assert!(language.contains(List::Greetings, "yo"));
        assert_eq!(language[List::Greetings].iter().last(), Some("yo"));
        assert_eq!(
            language[List::Greetings]
                .iter()
                .filter(|&g| g == "hi")
                .count(),
            1
        );
    }

    #[test]
    fn every_list_has_built_in_entries() {
        let language = Language::builtin();
        for &list in List::ALL {
            let has_entries = language[list].iter().next().is_some()
                || (list.is_file() && language.contains(list, "aaron"))
                || (list == List::EnglishWords && language.contains(list, "reaching"));
            assert!(has_entries, "{} is empty", list.name());
        }
    }

    #[test]
    fn shapes_are_enforced() {
        assert!(shape_problem(Shape::Word, "you're").is_none());
        assert!(shape_problem(Shape::Word, "two words").is_some());
        assert!(shape_problem(Shape::Phrase, "thank you").is_none());
        assert!(shape_problem(Shape::Phrase, "thank  you").is_some());
        assert!(shape_problem(Shape::Pattern, r"congrat\w*").is_none());
        assert!(shape_problem(Shape::Pattern, "(").is_some());
    }
}
