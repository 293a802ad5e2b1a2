//! Identities: who in a reply a detail could be about.
//!
//! Owns finding the people a reply identifies: the addressee ("you", "your", "u"), names
//! in greetings and vocatives ("Hi Jen,", "Thanks, Maria!", "Jen, your..."), honorific
//! plus surname ("Mrs. Patel"), @handles, full names, possessive names ("Jen's"), names
//! the user supplied, and relatives of the addressee ("your son"). It also finds staff
//! and providers ("Dr. Lee", "our hygienist Dana", sign-off lines, configured staff),
//! which are never identities. It does not connect identities to details (`tie`).

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

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

const SECOND_PERSON: &[&str] = &[
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "u",
    "ur",
    "you're",
    "youre",
    "you've",
    "youve",
    "you'll",
    "youll",
    "you'd",
    "y'all",
    "yall",
    "ya'll",
    "thankyou",
];

const RELATIVES: &[&str] = &[
    "son",
    "sons",
    "daughter",
    "daughters",
    "husband",
    "wife",
    "mom",
    "mum",
    "mother",
    "dad",
    "father",
    "child",
    "children",
    "kid",
    "kids",
    "baby",
    "babies",
    "partner",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
    "spouse",
    "grandma",
    "grandmother",
    "grandpa",
    "grandfather",
    "grandson",
    "granddaughter",
    "grandchild",
    "grandkids",
    "grandkid",
    "grandchildren",
    "brother",
    "sister",
    "sibling",
    "siblings",
    "aunt",
    "uncle",
    "niece",
    "nephew",
    "cousin",
    "parent",
    "parents",
    "toddler",
    "teen",
    "teenager",
    "infant",
    "newborn",
    "stepson",
    "stepdaughter",
    "mama",
    "papa",
    "hubby",
    "bf",
    "gf",
    "twins",
    "boy",
    "girl",
    "boys",
    "girls",
    "little",
    "loved",
    "family",
    "mil",
    "dil",
];

const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "mister"];

const STAFF_TITLES: &[&str] = &[
    "dr",
    "doctor",
    "nurse",
    "hygienist",
    "np",
    "prof",
    "professor",
    "dentist",
    "surgeon",
    "therapist",
    "counselor",
    "pharmacist",
    "coordinator",
    "manager",
    "assistant",
    "receptionist",
    "technician",
    "tech",
    "esthetician",
    "aesthetician",
    "injector",
    "rn",
    "lpn",
    "rdh",
    "provider",
    "optometrist",
    "orthodontist",
    "chiropractor",
    "dietitian",
    "nutritionist",
    "midwife",
    "doula",
    "physician",
    "practitioner",
    "specialist",
    "trainer",
    "coach",
];

/// Degrees and licences written after a provider's name ("Sam Ortiz, LCSW").
const CREDENTIALS: &[&str] = &[
    "md", "do", "dds", "dmd", "psyd", "phd", "np", "fnp", "pnp", "dnp", "aprn", "pa", "rn", "bsn",
    "msn", "lpn", "lcsw", "licsw", "lpc", "lpcc", "lmhc", "lmft", "mft", "od", "dpm", "dc", "dpt",
    "otr", "slp", "rd", "rdn", "cnm", "crna", "rdh", "facs", "faap", "facog", "cdces", "mph",
    "lac", "ibclc", "bcba", "cma",
];

const GREETINGS: &[&[&str]] = &[
    &["hi"],
    &["hello"],
    &["hey"],
    &["heya"],
    &["hiya"],
    &["dear"],
    &["thanks"],
    &["thank", "you"],
    &["thank", "u"],
    &["thankyou"],
    &["thx"],
    &["ty"],
    &["lol"],
    &["haha"],
    &["yay"],
    &["woohoo"],
    &["congrats"],
    &["congratulations"],
    &["welcome"],
    &["good", "morning"],
    &["good", "afternoon"],
    &["good", "evening"],
    &["greetings"],
    &["sorry"],
    &["so", "sorry"],
    &["aw"],
    &["aww"],
    &["awww"],
    &["wow"],
    &["yay"],
    &["oh"],
    &["happy", "birthday"],
    &["hi", "there"],
    &["hey", "there"],
    &["hello", "there"],
    &["bless", "you"],
    &["morning"],
    &["cheers"],
    &["feel", "better"],
    &["get", "well", "soon"],
    &["get", "well"],
    &["ugh"],
    &["omg"],
    &["woohoo"],
    &["hooray"],
    &["yes"],
    &["great", "news"],
    &["good", "news"],
    &["so", "glad"],
    &["glad"],
    &["so", "happy"],
    &["proud", "of", "you"],
    &["go"],
];

/// Words that follow a greeting without being a name.
const GREETING_FILLERS: &[&str] = &[
    "so", "much", "again", "very", "a", "ton", "lot", "sm", "tons", "little", "baby", "sweet",
];

/// Words after which a name is someone spoken about, not to ("ask Tyler", "with Tyler").
const THIRD_PERSON_LEADS: &[&str] = &[
    "our",
    "my",
    "with",
    "by",
    "from",
    "to",
    "for",
    "at",
    "of",
    "and",
    "or",
    "ask",
    "call",
    "see",
    "saw",
    "meet",
    "met",
    "named",
    "called",
    "about",
    "like",
    "as",
    "than",
    "thank",
    "thanks",
    "welcome",
    "congrats",
    "congratulations",
    "birthday",
    "anniversary",
    "team",
    "hygienist",
    "assistant",
    "coordinator",
    "manager",
    "tech",
    "technician",
    "provider",
    "receptionist",
    "nurse",
    "doctor",
    "dr",
    "coach",
    "intern",
    "colleague",
    "coworker",
    "baby",
    "little",
    "son",
    "daughter",
    "grandson",
    "granddaughter",
    "husband",
    "wife",
    "brother",
    "sister",
    "friend",
    "on",
    "in",
    "is",
    "was",
    "welcoming",
    "introducing",
];

/// Words of endearment that may stand between a comma and a name ("..., baby Aria!").
const ENDEARMENTS: &[&str] = &["little", "baby", "sweet", "dear"];

/// Family titles used before a first name ("Grandpa Walt", "Aunt Rosa").
const FAMILY_TITLES: &[&str] = &[
    "grandpa",
    "grandma",
    "granny",
    "gramps",
    "grammy",
    "nana",
    "papa",
    "mama",
    "aunt",
    "auntie",
    "uncle",
    "grandmother",
    "grandfather",
];

/// Verbs that, after a first name opening a sentence, tell of that person's own
/// experience ("Mateo had his first filling", "Grandpa Walt doing laps"): enough to
/// make the word a name. Not "is", "has" or "completed": staff news reads "Sarah is our
/// new hygienist", "Jess completed her laser certification". (Which verbs tie a detail
/// to its subject is `tie`'s list, a different question.)
const NAMED_SUBJECT_VERBS: &[&str] = &[
    "had",
    "got",
    "did",
    "came",
    "went",
    "rocked",
    "rocking",
    "rocks",
    "doing",
    "handled",
    "crushed",
    "crushing",
    "nailed",
    "sailed",
    "breezed",
    "survived",
    "needed",
    "braved",
    "healed",
    "healing",
    "recovered",
    "recovering",
    "beat",
    "kicked",
    "conquered",
    "toughed",
    "powered",
];

/// Capitalized words that are not names.
const NOT_NAMES: &[&str] = &[
    // Institutions and places, so "Roosevelt Middle" and "Thursday Knitting Circle"
    // are not people.
    "middle",
    "high",
    "elementary",
    "school",
    "academy",
    "university",
    "college",
    "hospital",
    "church",
    "library",
    "stadium",
    "county",
    "avenue",
    "street",
    "center",
    "centre",
    "league",
    "club",
    "circle",
    "society",
    "association",
    "foundation",
    "committee",
    "troop",
    "guild",
    "district",
    "there",
    "everyone",
    "everybody",
    "all",
    "team",
    "friend",
    "friends",
    "folks",
    "guys",
    "neighbor",
    "neighbors",
    "patient",
    "patients",
    "valued",
    "customer",
    "customers",
    "reviewer",
    "yelper",
    "sir",
    "madam",
    "ma'am",
    "maam",
    "girl",
    "hun",
    "hon",
    "love",
    "dear",
    "you",
    "u",
    "again",
    "so",
    "much",
    "for",
    "very",
    "soon",
    "both",
    "guest",
    "client",
    "member",
    "members",
    "fam",
    "family",
    "people",
    "ladies",
    "gentlemen",
    "the",
    "a",
    "an",
    "and",
    "we",
    "our",
    "i",
    "it",
    "this",
    "that",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "from",
    "to",
    "with",
    "at",
    "in",
    "on",
    "community",
    "world",
    "followers",
    "back",
    "google",
    "yelp",
    "facebook",
    "instagram",
    "twitter",
    "x",
    "sweetie",
    "darling",
    "babe",
    "bestie",
    "mama",
    "mom",
    "dad",
    "sis",
    "bro",
    "buddy",
    "pal",
    "champ",
    "hero",
    "superstar",
    "rockstar",
    "stranger",
    "ok",
    "okay",
    "yes",
    "no",
    "well",
    "sadly",
    "also",
    "however",
    "absolutely",
    "definitely",
    "honestly",
    "hi",
    "hello",
    "hey",
    "thanks",
    "thank",
    "please",
    "sorry",
    "great",
    "good",
    "wow",
    "oh",
    "congrats",
    "happy",
    "just",
    "but",
    "if",
    "as",
    "when",
    "what",
    "who",
    "why",
    "how",
    "where",
    "then",
    "now",
    "first",
    "finally",
    "unfortunately",
    "fortunately",
    "update",
    "note",
    "ps",
    "p.s",
    "btw",
    "fyi",
    "reminder",
    "heads",
    "welcome",
    "dr",
    "doctor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "office",
    "practice",
    "clinic",
    "staff",
    "management",
    "owner",
    "owners",
    "admin",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "my",
    "me",
    "us",
    "him",
    "them",
    "its",
    "cheers",
    "best",
    "regards",
    "sincerely",
    "warmly",
    "xoxo",
    "hugs",
    "merry",
    "christmas",
    "new",
    "year",
    "holidays",
    "thanksgiving",
    "easter",
    "halloween",
    "valentine",
    "valentines",
    "mother's",
    "father's",
    "day",
    "week",
    "month",
    "wishing",
    "hope",
    "looking",
    "here",
    "of",
    "by",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "it's",
    "we're",
    "i'm",
    "let's",
    "let",
    "feel",
    "take",
    "stay",
    "see",
    "call",
    "text",
    "dm",
    "message",
    "email",
    "visit",
    "come",
    "check",
    "follow",
    "book",
    "schedule",
    "ask",
    "get",
    "don't",
    "can't",
    "mon",
    "tue",
    "tues",
    "wed",
    "weds",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "won't",
    "not",
    "never",
    "always",
    "any",
    "some",
    "many",
    "more",
    "most",
    "each",
    "every",
    "other",
    "such",
    "only",
    "own",
    "same",
    "than",
    "too",
    "will",
    "can",
];

/// First names that are also everyday words, not names in text written in capitals.
const COMMON_WORD_NAMES: &[&str] = &[
    "spring",
    "winter",
    "merry",
    "easter",
    "sunday",
    "glory",
    "diamond",
    "jewel",
    "honey",
    "candy",
    "cherry",
    "berry",
    "olive",
    "basil",
    "sage",
    "chase",
    "grant",
    "will",
    "may",
    "hope",
    "june",
    "grace",
    "joy",
    "faith",
    "art",
    "bill",
    "mark",
    "rose",
    "ray",
    "sky",
    "summer",
    "dawn",
    "autumn",
    "april",
    "august",
    "chance",
    "honor",
    "major",
    "earl",
    "guy",
    "man",
    "best",
    "in",
    "an",
    "so",
    "more",
    "long",
    "young",
    "king",
    "love",
    "sunny",
    "star",
    "golden",
    "lane",
    "page",
    "young",
    "frank",
    "rich",
    "sterling",
    "miles",
    "hunter",
    "carter",
    "christian",
    "don",
    "sue",
    "pat",
    "bud",
    "buck",
    "lou",
    "jack",
    "bob",
    "cash",
    "clay",
    "dean",
    "dale",
    "glen",
    "hall",
    "holly",
    "ivy",
    "iris",
    "jade",
    "jasmine",
    "violet",
    "pearl",
    "ruby",
    "amber",
    "crystal",
    "destiny",
    "harmony",
    "liberty",
    "trinity",
    "angel",
    "baby",
    "sugar",
    "precious",
    "treasure",
    "merry",
    "noel",
    "eve",
    "lady",
    "ok",
    "tom",
    "al",
    "ed",
    "ty",
    "jo",
    "mo",
    "do",
    "no",
    "ha",
    "ana",
    "lee",
    "mae",
    "ma",
    "la",
    "new",
    "news",
    "ever",
    "see",
    "care",
    "kind",
    "tuesday",
    "monday",
    "friday",
    "sunday",
];

const NAME_POSSESSIVE_EXCLUSIONS: &[&str] = &[
    "today's",
    "tomorrow's",
    "yesterday's",
    "tonight's",
    "valentine's",
    "mother's",
    "father's",
    "women's",
    "children's",
    "men's",
    "everyone's",
    "someone's",
    "anyone's",
    "nobody's",
    "world's",
    "year's",
    "week's",
    "month's",
    "patient's",
    "patients'",
    "it's",
    "let's",
    "that's",
    "what's",
    "there's",
    "here's",
    "who's",
    "he's",
    "she's",
    "dr's",
    "doctor's",
    "america's",
    "st",
    "kid's",
    "kids'",
    "o'clock",
    "new year's",
    "parent's",
    "people's",
];

/// Common first names (see `data/first-names.txt`, sorted), for places where
/// capitalization alone is weak evidence of a name.
const FIRST_NAMES: &str = include_str!("../data/first-names.txt");

/// Whether `word` (lowercase) is a common first name: a binary search over the
/// embedded list, so the list costs nothing at start-up.
fn is_first_name(word: &str) -> bool {
    static BODY: OnceLock<&'static str> = OnceLock::new();
    let body = *BODY.get_or_init(|| {
        let start = FIRST_NAMES
            .match_indices('\n')
            .map(|(at, _)| at + 1)
            .find(|&at| !FIRST_NAMES[at..].starts_with('#'))
            .unwrap_or(0);
        &FIRST_NAMES[start..]
    });
    crate::lexicon::sorted_lines_contain(body, strip_possessive(word))
}

fn word_list_contains(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Words and phrases that answer a particular person rather than address the public.
fn reply_marker_regex() -> &'static regex_lite::Regex {
    static REGEX: OnceLock<regex_lite::Regex> = OnceLock::new();
    REGEX.get_or_init(|| {
        regex_lite::Regex::new(concat!(
            r"\b(?:",
            r"thanks|thank you|thank u|thankyou|thx|ty|sorry|apologi[sz]e|apologies|glad|",
            r"so happy|happy to hear|we're happy|we are happy|hope (?:you|your|u|ur|the|that|things|everything)\b|",
            r"hoping|congrat\w*|welcome back|you're welcome|welcome to the family|great to (?:see|hear)|",
            r"appreciate\w*|miss (?:you|u)|proud of (?:you|u)|feel better|get well|take care|",
            r"your (?:review|feedback|comment|comments|kind words|words|experience|message|post|note|",
            r"stars|rating|patience|concern|concerns|shout ?out|recommendation|trust|business|loyalty|support)|",
            r"you (?:mentioned|said|wrote|shared|posted|noted|described|raised|left|gave|felt)|",
            r"reaching out|for sharing|following up|we hear you|understand your|frustrat\w*|disappoint\w*|",
            r"love (?:that|hearing|seeing)|loved (?:having|seeing|meeting)|it was (?:great|a pleasure|lovely|nice)|",
            r"rooting for|cheering|thrilled|good news|great news|hang in there|sending|hugs|",
            r"how (?:is|are|was|were|did|has|have|'s) (?:you|your|u|ur)|how's (?:your|ur)|",
            r"(?:your|ur) (?:son|daughter|husband|wife|mom|dad|kid|kids|child|baby|boy|girl|little \w+) ",
            r"(?:was|were|did|had|has)",
            r")\b|(?:\A|[.!?,;]\s+)(?:you|u) (?:were|did|had|came|arrived|waited|called|left|asked|told|",
            r"made|got|went|looked|seemed|brought|handled|rocked|crushed|nailed",
            r")\b"
        ))
        .expect("reply marker regex")
    })
}

/// Thanks or greetings to a group ("Thank you, team", "Congrats to our nurses"): the
/// "you" that follows is that group, not a patient.
fn collective_address_regex() -> &'static regex_lite::Regex {
    static REGEX: OnceLock<regex_lite::Regex> = OnceLock::new();
    REGEX.get_or_init(|| {
        regex_lite::Regex::new(concat!(
            r"\b(?:thank you|thanks|congrats|congratulations|hi|hello|hey|shout ?out|proud of|",
            r"great job|welcome|happy birthday|cheers),? (?:to )?(?:all )?(?:of )?(?:our |the |my )?",
            r"(?:for (?:the|all the|your) support|for (?:joining|donating|supporting)\b|",
            r"to (?:everyone|all) who)|",
            r"(?:thank you|thanks|congrats|congratulations|hi|hello|hey|shout ?out|proud of|",
            r"great job|welcome|happy birthday|cheers),? (?:to )?(?:all )?(?:of )?(?:our |the |my )?",
            r"(?:team|staff|crew|everyone|everybody|all|nurses|hygienists|front desk|providers|",
            r"doctors|volunteers|community|followers|neighbors|assistants|techs)\b|",
            // "Thank you, Thursday Knitting Circle!": a named group.
            r"(?:thank you|thanks|congrats|congratulations|shout ?out),? (?:to )?(?:the )?",
            r"(?:[\w']+ ){0,3}(?:circle|club|league|society|association|foundation|committee|",
            r"troop|guild|church|school|class|crew|squad|sponsors|donors|volunteers)\b"
        ))
        .expect("collective address regex")
    })
}

/// Wording that addresses the public: calls to action, conditionals, promotions, tips.
fn public_marker_regex() -> &'static regex_lite::Regex {
    static REGEX: OnceLock<regex_lite::Regex> = OnceLock::new();
    REGEX.get_or_init(|| {
        regex_lite::Regex::new(concat!(
            // An imperative opening a sentence, a clause after a colon, or text after an
            // emoji ("Heart Month ❤️ Know your numbers").
            r"(?m)(?:^|[.!?:]\s+|[^\x00-\x7F]\s+)(?:ask|call|book|schedule|bring|check|double check|know|replace|get|don't|remember|",
            r"swipe|scroll|watch|listen|download|shop|order|subscribe|comment|like|dont|never|always|",
            r"make|visit|try|protect|wear|stay|drink|eat|use|find|learn|join|come|stop|take|see|read|",
            r"click|tap|follow|share|tag|talk|tell|contact|reach|text|dm|message|email|give|avoid|skip|",
            r"start|save|grab|enter|vote|sign|register|rsvp|mark|celebrate|meet|",
            r"set|look|fill|keep|put|add|swap|aim|limit|choose|pick|plan|wash|brush|floss|",
            r"stretch|walk|move|sit|stand|rest|apply|hydrate|breathe|cut|reduce|switch|consider|",
            r"shower|rinse|close|open|wipe|cover|sanitize|schedule|pack|bundle up|layer up|",
            r"treat yourself|not sure|wondering|thinking about|ready to|want to|looking for|curious|",
            r"can't make it|cant make it|need to cancel|need to reschedule|running late|",
            r"did you know|new patients|now offering|attention|reminder|tip|pro tip|fun fact|psa|",
            r"friendly reminder|heads up|just a reminder|calling all|parents|runners|ladies|everyone)\b|",
            r"\b(?:if you|if your|whether you|when you need|you have the right|anyone who|those who|",
            r"we offer|we're hiring|we are hiring|now accepting|walk ins welcome|no appointment|",
            r"link in bio|limited time|this month|open house|free consult|book now|call today|",
            r"our patients|every patient|all patients|any patient|webinar|seminar|workshop|",
            r"join us|sign up|giveaway|raffle|contest|is right for you|which is right|",
            r"a great time to|it's a great time|is a great time|(?:^|\n)free\b|specials?|promo|",
            r"discount|\d+% off|off your first|new year|black friday|holiday special|",
            r"q ?& ?a|q and a|goes live|going live|ask me anything)\b|\btips?:"
        ))
        .expect("public marker regex")
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
        original: &'a str,
        normalized: &'a Normalized,
        segments: &'a Segments,
        details: &'a [Range<usize>],
        people: &People,
    ) -> Identities {
        let mut finder = Finder {
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
        let collective = collective_address_regex().is_match(text);
        // "Your back will thank you" thanks no one.
        let answers_someone = !collective && {
            let without_idiom = text
                .replace("will thank you", "")
                .replace("'ll thank you", "");
            reply_marker_regex().is_match(&without_idiom)
        };
        if answers_someone {
            return;
        }
        let addresses_public = collective
            || public_marker_regex().is_match(text)
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
        is_first_name(word) && !(COMMON_WORD_NAMES.contains(&word) && self.is_all_caps(index))
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
        matches!(
            self.word(index),
            "april" | "may" | "june" | "august" | "january"
        ) && index.checked_sub(1).is_some_and(|previous| {
            self.is_word(previous)
                && matches!(
                    self.word(previous),
                    "this"
                        | "next"
                        | "last"
                        | "in"
                        | "of"
                        | "since"
                        | "until"
                        | "through"
                        | "by"
                        | "early"
                        | "late"
                        | "mid"
                        | "every"
                        | "each"
                        | "from"
                        | "before"
                        | "after"
                )
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
            && !word_list_contains(NOT_NAMES, word)
            && !word_list_contains(STAFF_TITLES, word)
            && !word_list_contains(HONORIFICS, word)
            && !word_list_contains(CREDENTIALS, word)
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
        let known = word_list_contains(CREDENTIALS, word);
        let capitals = self.is_all_caps(index)
            && (2..=6).contains(&word.len())
            && word.chars().all(|c| c.is_ascii_alphabetic())
            && !is_first_name(word);
        if !known && !capitals {
            return false;
        }
        let mut next = index + 1;
        if self.is_word(next) && matches!(self.word(next), "c" | "bc") && self.is_all_caps(next) {
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
            for phrase in name_phrases(name) {
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
                && matches!(
                    self.word(index),
                    "doc" | "doctor" | "dr" | "nurse" | "coach" | "team"
                )
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
            if !self.is_word(index) || !word_list_contains(STAFF_TITLES, self.word(index)) {
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
        static SIGN_OFF: OnceLock<Regex> = OnceLock::new();
        let regex = SIGN_OFF.get_or_init(|| {
            Regex::new(
                r"(?i)^\s*(?:(?:[-–—~]+|(?:best|regards|sincerely|warmly|cheers|xoxo|kind regards|best regards|warm regards|warmest regards|with gratitude|gratefully|respectfully|all the best|with care|in health)\s*[,!.]?)\s*)?(?:dr\.?\s+)?(?-i:[A-Z][\w.'’]*)(?:\s+(?-i:[A-Z&][\w.'’&]*)){0,4}\s*(?:,\s*[\w .&'’-]+)?\s*$",
            )
            .expect("sign-off regex")
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
            for phrase in name_phrases(name) {
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
            if !self.is_word(index) || !word_list_contains(SECOND_PERSON, self.word(index)) {
                index += 1;
                continue;
            }
            let word = self.word(index);
            let determiner = matches!(word, "your" | "ur");
            // "from your friends at Brightside Dental": a sign-off, not an addressee.
            if determiner
                && self.is_word(index + 1)
                && matches!(
                    self.word(index + 1),
                    "friends" | "pals" | "team" | "neighbors" | "neighbours" | "family"
                )
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
                    if word_list_contains(RELATIVES, candidate) {
                        relative_end = Some(next);
                        if !matches!(candidate, "little" | "loved") {
                            break;
                        }
                    } else if relative_end.is_some()
                        && matches!(
                            candidate,
                            "one"
                                | "ones"
                                | "guy"
                                | "guys"
                                | "man"
                                | "lady"
                                | "girl"
                                | "boy"
                                | "dude"
                                | "princess"
                                | "prince"
                        )
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
                    if !matches!(last, "little" | "loved") {
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
            if !self.is_word(index) || !word_list_contains(HONORIFICS, self.word(index)) {
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
            for greeting in GREETINGS {
                if !self.matches_words(index, greeting) {
                    continue;
                }
                let mut next = index + greeting.len();
                while next < count
                    && self.is_word(next)
                    && word_list_contains(GREETING_FILLERS, self.word(next))
                {
                    next += 1;
                }
                if matches!(self.punct(next), Some(",") | Some("-") | Some(":")) {
                    next += 1;
                }
                if self.is_word(next) && word_list_contains(HONORIFICS, self.word(next)) {
                    continue; // Handled by `honorifics`.
                }
                let at_text_start = index == 0;
                let lowercase_ok = at_text_start
                    && matches!(
                        greeting[0],
                        "hi" | "hey" | "hello" | "dear" | "hiya" | "heya"
                    );
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
                && is_first_name(self.word(index))
                && self.is_word(index + 1)
                && matches!(
                    self.word(index + 1),
                    "we" | "we're"
                        | "i"
                        | "i'm"
                        | "i've"
                        | "so"
                        | "thank"
                        | "thanks"
                        | "sorry"
                        | "glad"
                        | "you"
                        | "your"
                        | "please"
                        | "just"
                        | "omg"
                        | "wow"
                        | "congrats"
                        | "our"
                )
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
                && is_first_name(self.word(index))
                && self.is_word(index - 1)
                && !self.is_capitalized(index - 1)
                && !word_list_contains(THIRD_PERSON_LEADS, self.word(index - 1))
                && !self.is_month_reference(index)
                && !word_list_contains(STAFF_TITLES, self.word(index - 1))
                && (self.closes_sentence(index) || self.punct(index + 1) == Some(","))
            {
                let span = self.segments.tokens[index].range.clone();
                self.push(IdentityKind::Name, span, false);
            }
            // "..., Tom!" or "..., baby Aria!" closing a sentence.
            if self.punct(index) == Some(",") {
                let mut last = None;
                let mut start = index + 1;
                if self.is_word(start) && word_list_contains(ENDEARMENTS, self.word(start)) {
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
            && !word_list_contains(NOT_NAMES, word)
            && !word_list_contains(SECOND_PERSON, word)
            && !self.overlaps_detail(&self.segments.tokens[index].range)
    }

    fn matches_words(&self, index: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(offset, word)| {
            self.is_word(index + offset) && self.word(index + offset) == *word
        })
    }

    /// "Jen's biopsy": a capitalized word with a possessive 's.
    fn name_possessives(&mut self) {
        for index in 0..self.segments.tokens.len() {
            if !self.is_word(index) {
                continue;
            }
            let word = self.word(index);
            if !word.ends_with("'s") || word_list_contains(NAME_POSSESSIVE_EXCLUSIONS, word) {
                continue;
            }
            // "Jen's biopsy" but not "the Eastside Mission's free dental day": a known
            // first name, or at least not an English word.
            let bare = strip_possessive(word);
            if self.is_name_word(index)
                && (is_first_name(bare) || !crate::lexicon::is_english_word(bare))
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
            let titled = word_list_contains(FAMILY_TITLES, lead);
            let name = if titled || word_list_contains(ENDEARMENTS, lead) {
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
            let known = is_first_name(word) && !COMMON_WORD_NAMES.contains(&word);
            if !(known || (titled && !crate::lexicon::is_english_word(word))) {
                continue;
            }
            if self.is_word(name + 1)
                && word_list_contains(NAMED_SUBJECT_VERBS, self.word(name + 1))
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
                if is_first_name(word)
                    && !COMMON_WORD_NAMES.contains(&word)
                    && !word_list_contains(NOT_NAMES, word)
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
fn name_phrases(name: &str) -> Vec<String> {
    let full = normalize_term(name);
    let mut phrases = vec![full.clone()];
    if !full.starts_with('@') {
        for part in full.split(' ') {
            let letters = part.trim_matches(|c: char| !c.is_alphanumeric());
            if letters.chars().count() >= 2
                && !phrases.iter().any(|p| p == letters)
                && !word_list_contains(HONORIFICS, letters)
                && !word_list_contains(STAFF_TITLES, letters)
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

    /// The binary search needs an ASCII list in byte order.
    #[test]
    fn first_name_list_is_sorted_ascii() {
        let names: Vec<&str> = FIRST_NAMES
            .lines()
            .filter(|line| !line.starts_with('#'))
            .collect();
        assert!(names.len() > 5000 && names.iter().all(|name| name.is_ascii()));
        assert!(names.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(is_first_name("aaliyah") && is_first_name("aaron's") && !is_first_name("crown"));
    }

    #[test]
    fn handles_are_not_emails() {
        let text = "@jen_b. thanks, mail jen@x.com or @@no; (@Sam.Lee) @_";
        let found: Vec<&str> = handle_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["@jen_b", "@Sam.Lee", "@_"]);
    }

    /// Finds identities in `text` and lists `(original text, kind)`.
    fn check_with(text: &str, people: &People, expected: &[(&str, IdentityKind)]) {
        let normalized = Normalized::new(text);
        let segments = Segments::new(normalized.as_str());
        let identities = Finder::find(text, &normalized, &segments, &[], people);
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
        let normalized = Normalized::new("Your family history matters");
        let segments = Segments::new(normalized.as_str());
        let detail = 5..19;
        assert_eq!(&normalized.as_str()[detail.clone()], "family history");
        let found = Finder::find(
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
