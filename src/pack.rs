//! Rule packs: the YAML schema, loading with source locations, and per-pack checks.
//!
//! Owns turning one YAML text into a [`Pack`], or into [`SourceError`]s that point at
//! the pack's line and column: YAML syntax, unknown keys (the schema is strict), bad
//! values, duplicate terms, regexes that do not compile or grow too large. Checks that
//! need every pack at once (duplicate pack names and rule ids, rules naming a lexicon
//! no pack defines) live in `engine`. The schema is documented in `docs/packs.md`.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;
use std::sync::Arc;

use marked_yaml::{LoaderOptions, Spanned};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::error::SourceError;
use crate::model::{Kind, Level, Sensitive, Tie};
use crate::normalize::normalize_term;

/// The largest compiled size of one pack regex, in bytes.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// The largest pack or config text accepted, in bytes.
pub const SOURCE_SIZE_LIMIT: usize = 16 << 20;

/// The templates a pack may define, used by the rewrite.
pub const TEMPLATE_KEYS: &[&str] = &[
    "thanks",
    "apology",
    "invitation-generic",
    "invitation-message",
    "invitation-message-short",
    "invitation-call",
    "invitation-call-short",
];

/// The variables templates may use, filled from the config's `practice:`.
pub const TEMPLATE_VARIABLES: &[&str] = &["practice", "phone", "email", "url"];

/// A loaded, checked rule pack.
#[derive(Clone, Debug)]
pub struct Pack {
    /// The pack's name, unique among loaded packs.
    pub name: String,
    /// One line saying what the pack covers.
    pub description: String,
    /// Where the pack came from: a path or `builtin:rules/NAME.yaml`.
    pub origin: String,
    /// The pack's source text, for locating errors found later.
    pub text: Arc<str>,
    /// Byte range of the pack name in `text`.
    pub name_span: Range<usize>,
    /// The pack's lexicons, in file order.
    pub lexicons: Vec<Lexicon>,
    /// The pack's rules, in file order.
    pub rules: Vec<Rule>,
    /// Offline-invitation templates by key, in file order.
    pub templates: Vec<(String, String)>,
    /// Entries the pack adds to the language's word lists (`words:`).
    pub words: crate::language::Words,
    /// Whether the terms of this pack were compiled at build time: a built-in pack
    /// whose lexicons carry no term lists, only their counts (see [`crate::builtin::packs`]).
    pub precompiled: bool,
}

/// A named list of terms of one kind.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// Name within the pack.
    pub name: String,
    /// What kind of detail a match is.
    pub kind: Kind,
    /// The protected category, if any.
    pub sensitive: Option<Sensitive>,
    /// Whether a match is inherently about the addressee.
    pub addressed: bool,
    /// Terms that count at any tie.
    pub strong: Vec<Term>,
    /// Terms that count only when tied directly.
    pub weak: Vec<Term>,
    /// Phrases that cancel a match they cover.
    pub exceptions: Vec<Term>,
    /// Regexes over normalized text, counted like strong terms.
    pub patterns: Vec<Term>,
    /// Regexes over normalized text, counted like weak terms.
    pub weak_patterns: Vec<Term>,
    /// `patterns` then `weak_patterns`, ready to compile.
    pub compiled: Vec<Pattern>,
    /// Number of terms and patterns, including those compiled at build time.
    pub size: usize,
}

/// A pack regex, compiled on first use: most replies never need most patterns.
#[derive(Clone, Debug)]
pub struct Pattern {
    text: std::borrow::Cow<'static, str>,
    /// Sets of literals, every match containing one literal of each set: the literals
    /// end to end, and for each set its size then the length of each of its literals.
    literals: &'static str,
    literal_lengths: &'static [u16],
    /// Whether a match counts like a weak term (only when tied directly, or in a
    /// sentence that already discloses something about the same person).
    weak: bool,
    /// Whether no match can contain ".", "!" or "?" (found at build time), so the quick
    /// matcher runs only on the sentence-like pieces that hold the pattern's literals.
    within_sentences: bool,
    regex: std::sync::OnceLock<Regex>,
    /// The same pattern for a backtracking-free matcher that compiles several times
    /// faster and searches slower: what a single short reply needs. `None` inside when
    /// the pattern was compiled eagerly or the small matcher cannot take it.
    quick: std::sync::OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// A pattern already compiled.
    pub(crate) fn compiled(text: &str, regex: Regex, weak: bool) -> Pattern {
        Pattern {
            text: text.to_string().into(),
            literals: "",
            literal_lengths: &[],
            weak,
            within_sentences: false,
            regex: std::sync::OnceLock::from(regex),
            quick: std::sync::OnceLock::from(None),
        }
    }

    /// A pattern checked at build time, with sets of literals such that every match
    /// contains one literal of each set.
    pub(crate) const fn deferred(
        text: &'static str,
        literals: &'static str,
        literal_lengths: &'static [u16],
        weak: bool,
        within_sentences: bool,
    ) -> Pattern {
        Pattern {
            text: std::borrow::Cow::Borrowed(text),
            literals,
            literal_lengths,
            weak,
            within_sentences,
            regex: std::sync::OnceLock::new(),
            quick: std::sync::OnceLock::new(),
        }
    }

    /// Sets of literals such that every match contains one literal of each set.
    pub fn literal_sets(&self) -> impl Iterator<Item = impl Iterator<Item = &'static str>> {
        let (text, mut lengths) = (self.literals, self.literal_lengths);
        let mut start = 0;
        std::iter::from_fn(move || {
            let (&size, rest) = lengths.split_first()?;
            let (set, rest) = rest.split_at(usize::from(size));
            lengths = rest;
            let mut at = start;
            start += set.iter().map(|&length| usize::from(length)).sum::<usize>();
            Some(set.iter().map(move |&length| {
                let literal = &text[at..at + usize::from(length)];
                at += usize::from(length);
                literal
            }))
        })
    }

    /// Whether a match counts like a weak term.
    pub fn is_weak(&self) -> bool {
        self.weak
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the pattern can match somewhere in `text`, judged by its literals.
    pub fn may_match(&self, text: &str) -> bool {
        self.literal_sets()
            .all(|mut set| set.any(|literal| text.contains(literal)))
    }

    /// The byte ranges of the pattern's matches in `text`, left to right. `quick` asks
    /// for the matcher that is cheapest to build, for a caller that scans few texts;
    /// both matchers give the same matches (ASCII classes, leftmost-first).
    pub fn find_ranges(&self, text: &str, quick: bool, mut found: impl FnMut(Range<usize>)) {
        if quick {
            let lite = self.quick.get_or_init(|| {
                regex_lite::RegexBuilder::new(&self.text)
                    .size_limit(REGEX_SIZE_LIMIT)
                    .build()
                    .ok()
            });
            if let Some(lite) = lite {
                if !self.within_sentences {
                    lite.find_iter(text).for_each(|m| found(m.range()));
                    return;
                }
                // The pieces end at ".", "!" and "?", which are not word characters, so
                // `\b` at a piece's ends sees what it would in the whole text.
                let mut start = 0;
                for piece in text.split_inclusive(['.', '!', '?']) {
                    if self.may_match(piece) {
                        lite.find_iter(piece)
                            .for_each(|m| found(start + m.start()..start + m.end()));
                    }
                    start += piece.len();
                }
                return;
            }
        }
        self.regex().find_iter(text).for_each(|m| found(m.range()));
    }

    /// The compiled regex.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            // Built-in patterns compiled with this same function when the binary was
            // built; run-time packs are compiled as they load.
            compile_pattern(&self.text).expect("pattern checked when its pack was built")
        })
    }
}

/// One term or pattern as written in the pack, with its location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The text as written.
    pub text: String,
    /// Byte range in the pack source.
    pub span: Range<usize>,
}

/// A rule: which details it reports, at what level, and what it says.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Stable code, such as `RG101`.
    pub id: String,
    /// Kebab-case name of the pattern flagged.
    pub name: String,
    /// Level before config overrides.
    pub level: Level,
    /// Which details the rule covers.
    pub when: When,
    /// Message template: `{kind}`, `{text}`, `{identity}`, `{tie}` are filled in.
    pub message: String,
    /// What to do instead.
    pub help: String,
    /// Long explanation for `explain`.
    pub explain: String,
    /// Examples that must flag and pass, run by `replyguard test`.
    pub examples: Examples,
    /// Name of the pack that defines the rule.
    pub pack: String,
    /// Byte range of the id in the pack source.
    pub id_span: Range<usize>,
}

/// The selector of a rule.
#[derive(Clone, Debug, Default)]
pub struct When {
    /// Kinds covered; `None` covers every kind.
    pub kinds: Option<Vec<Kind>>,
    /// Lexicons covered (`pack.lexicon` or a bare name); `None` covers every lexicon.
    pub lexicons: Option<Vec<Term>>,
    /// `Some(true)`: only sensitive lexicons; `Some(false)`: only the others.
    pub sensitive: Option<bool>,
    /// Ties covered.
    pub ties: Vec<Tie>,
}

/// Example texts a rule must flag and must pass.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    /// Texts on which the rule must fire.
    pub flag: Vec<String>,
    /// Texts on which nothing at warning or above may fire.
    pub pass: Vec<String>,
}

// ----- The YAML schema -----------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackSource {
    pack: Spanned<String>,
    version: Spanned<u32>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    lexicons: Option<OrderedMap<LexiconSource>>,
    #[serde(default)]
    rules: Option<Vec<RuleSource>>,
    #[serde(default)]
    templates: Option<OrderedMap<Spanned<String>>>,
    #[serde(default)]
    words: Option<crate::language::WordsSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconSource {
    kind: Kind,
    #[serde(default)]
    sensitive: Option<Sensitive>,
    #[serde(default)]
    addressed: Option<bool>,
    #[serde(default)]
    strong: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    weak: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exceptions: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    patterns: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    weak_patterns: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSource {
    id: Spanned<String>,
    name: Spanned<String>,
    level: Level,
    when: WhenSource,
    message: Spanned<String>,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    explain: Option<String>,
    #[serde(default)]
    examples: Option<ExamplesSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WhenSource {
    #[serde(default)]
    kinds: Option<Vec<Kind>>,
    #[serde(default)]
    lexicons: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    sensitive: Option<bool>,
    tie: OneOrMany<Tie>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamplesSource {
    #[serde(default)]
    flag: Option<Vec<String>>,
    #[serde(default)]
    pass: Option<Vec<String>>,
}

/// A YAML mapping kept in file order, with the span of each key.
pub(crate) struct OrderedMap<V>(pub(crate) Vec<(Spanned<String>, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// One value or a list of them (`tie: direct` or `tie: [direct, sentence]`).
pub(crate) struct OneOrMany<T>(pub(crate) Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or a list of values")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                let one = T::deserialize(de::value::StrDeserializer::<E>::new(value))?;
                Ok(OneOrMany(vec![one]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::new();
                while let Some(value) = seq.next_element()? {
                    values.push(value);
                }
                Ok(OneOrMany(values))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

// ----- Loading -------------------------------------------------------------------------

/// Parses YAML `text` from `origin` into `T`, mapping every failure to a located error.
pub(crate) fn parse_yaml<T: de::DeserializeOwned>(
    origin: &str,
    text: &Arc<str>,
) -> Result<T, SourceError> {
    if text.len() > SOURCE_SIZE_LIMIT {
        return Err(SourceError::new(
            origin,
            text.clone(),
            0..0,
            format!("file is larger than {SOURCE_SIZE_LIMIT} bytes"),
        ));
    }
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    marked_yaml::from_yaml_with_options(0, text, options).map_err(|error| {
        let (marker, message) = match &error {
            marked_yaml::FromYamlError::ParseYaml(load) => {
                (load_error_marker(load), describe_load_error(load))
            }
            marked_yaml::FromYamlError::FromNode(node) => {
                let message = lowercase_first(&node.to_string());
                let start = node
                    .start_mark()
                    .map_or(0, |marker| Locator::new(text).offset(&marker));
                let range = locate_named(text, start, &message).or_else(|| {
                    node.start_mark()
                        .map(|marker| Locator::new(text).scalar_range(&marker))
                });
                return SourceError::new(origin, text.clone(), range.unwrap_or(0..0), message);
            }
        };
        let range = marker.map_or(0..0, |marker| Locator::new(text).scalar_range(&marker));
        SourceError::new(origin, text.clone(), range, message)
    })
}

/// Serde errors carry the position of the enclosing mapping; find the key or value
/// the message names (`unknown field `x``, `unknown variant `y``) from there on.
fn locate_named(text: &str, from: usize, message: &str) -> Option<Range<usize>> {
    let name = message.split('`').nth(1).filter(|name| !name.is_empty())?;
    let rest = &text[from..];
    let escaped = regex::escape(name);
    let pattern = if message.starts_with("unknown field") || message.starts_with("missing field") {
        format!(r"(?m)(?:^[ \t]*(?:-[ \t]+)?|[{{,][ \t]*)[\x22']?({escaped})[\x22']?[ \t]*:")
    } else {
        format!(r"(?:^|[^\w])[\x22']?({escaped})(?:[^\w]|$)")
    };
    let regex = regex::Regex::new(&pattern).ok()?;
    let found = regex.captures(rest)?.get(1)?;
    Some(from + found.start()..from + found.end())
}

fn load_error_marker(error: &marked_yaml::LoadError) -> Option<marked_yaml::Marker> {
    use marked_yaml::LoadError::*;
    match error {
        TopLevelMustBeMapping(m)
        | TopLevelMustBeSequence(m)
        | UnexpectedAnchor(m)
        | MappingKeyMustBeScalar(m)
        | UnexpectedTag(m)
        | ScanError(m, _) => Some(*m),
        DuplicateKey(inner) => inner.key.span().start().copied(),
    }
}

fn describe_load_error(error: &marked_yaml::LoadError) -> String {
    use marked_yaml::LoadError::*;
    match error {
        TopLevelMustBeMapping(_) => "expected a mapping at the top level".into(),
        TopLevelMustBeSequence(_) => "expected a list at the top level".into(),
        UnexpectedAnchor(_) => "YAML anchors and aliases are not allowed here".into(),
        MappingKeyMustBeScalar(_) => "mapping keys must be plain values".into(),
        UnexpectedTag(_) => "YAML tags are not allowed here".into(),
        ScanError(_, scan) => format!("invalid YAML: {}", scan.info()),
        DuplicateKey(inner) => format!("duplicate key `{}`", inner.key.as_str()),
    }
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Maps marked-yaml positions (1-based line, 1-based column in characters) to byte
/// ranges of one source text. Line starts are indexed once, so locating every term of a
/// large pack stays linear.
pub(crate) struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Locator { text, line_starts }
    }

    /// Byte offset of a marker.
    fn offset(&self, marker: &marked_yaml::Marker) -> usize {
        let Some(&line_start) = self.line_starts.get(marker.line().saturating_sub(1)) else {
            return self.text.len();
        };
        let line = &self.text[line_start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        line_start
            + line
                .char_indices()
                .nth(marker.column().saturating_sub(1))
                .map_or(line.len(), |(at, _)| at)
    }

    /// Byte range of the scalar starting at `marker` (quoted or plain, to its natural end).
    pub(crate) fn scalar_range(&self, marker: &marked_yaml::Marker) -> Range<usize> {
        let start = self.offset(marker);
        let rest = &self.text[start..];
        let end = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => rest[1..].find(quote).map_or(rest.len(), |at| at + 2),
            _ => {
                let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
                let cut = [
                    line.find(" #"),
                    line.find(", "),
                    line.find(']'),
                    line.find('}'),
                ]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(line.len());
                line[..cut].trim_end().len()
            }
        };
        start..start + end.max(1).min(rest.len())
    }

    /// Byte range of a spanned value, or an empty range at the start when it has none.
    pub(crate) fn span_of<T>(&self, value: &Spanned<T>) -> Range<usize> {
        value
            .span()
            .start()
            .map_or(0..0, |marker| self.scalar_range(marker))
    }
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
        && !name.contains("--")
}

fn is_rule_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() == 5
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

/// A compiled pack pattern.
pub type Regex = regex_automata::meta::Regex;

/// Compiles a pack regex with the size limit every pattern gets. Patterns see
/// normalized text, whose letters are ASCII wherever folding can make them so, so
/// `\w`, `\d`, `\s`, `\b` and `(?i)` are ASCII: that compiles up to twenty times faster
/// than their Unicode forms. A pattern that could then match part of a character (`.`,
/// a negated class) is compiled with Unicode classes instead. The regex gets no
/// literal prefilter of its own (a pattern runs only where its literals already occur,
/// see [`Pattern::may_match`], and building one doubles the compile time) and no
/// eagerly built full DFA; the lazy DFA serves these short texts as well.
pub(crate) fn compile_pattern(pattern: &str) -> Result<Regex, String> {
    use regex_automata::meta;
    use regex_automata::nfa::thompson::WhichCaptures;
    let build = |unicode: bool| {
        meta::Builder::new()
            .configure(
                meta::Config::new()
                    .which_captures(WhichCaptures::Implicit)
                    .auto_prefilter(false)
                    .dfa(false)
                    .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                    .hybrid_cache_capacity(2 * REGEX_SIZE_LIMIT)
                    .dfa_size_limit(Some(REGEX_SIZE_LIMIT)),
            )
            .syntax(
                regex_automata::util::syntax::Config::new()
                    .unicode(unicode)
                    .utf8(true),
            )
            .build(pattern)
            .map_err(Box::new)
    };
    build(false).or_else(|_| build(true)).map_err(|error| {
        if let Some(limit) = error.size_limit() {
            format!("regex compiles to more than {limit} bytes; simplify it")
        } else {
            format!("regex does not compile: {}", one_line(&error.to_string()))
        }
    })
}

fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .rfind(|line| !line.is_empty())
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string()
}

impl Pack {
    /// Loads and checks one pack from YAML `text`; `origin` names it in errors.
    pub fn load(origin: &str, text: &str) -> Result<Pack, Vec<SourceError>> {
        let text: Arc<str> = Arc::from(text);
        let source: PackSource = parse_yaml(origin, &text).map_err(|error| vec![error])?;
        let locator = Locator::new(&text);
        let mut errors = Vec::new();
        let error = |range: Range<usize>, message: String| {
            SourceError::new(origin, text.clone(), range, message)
        };

        let name = source.pack.as_str().to_string();
        let name_span = locator.span_of(&source.pack);
        if !is_kebab(&name) {
            errors.push(error(
                name_span.clone(),
                format!("pack name `{name}` must be lowercase letters, digits and '-'"),
            ));
        }
        if *source.version != 1 {
            errors.push(error(
                locator.span_of(&source.version),
                format!(
                    "unsupported pack version {}; this replyguard reads version 1",
                    *source.version
                ),
            ));
        }

        let mut lexicons = Vec::new();
        let mut seen_terms: std::collections::HashMap<String, Range<usize>> = Default::default();
        for (key, lexicon) in source.lexicons.map(|m| m.0).unwrap_or_default() {
            let lexicon_name = key.as_str().to_string();
            if !is_kebab(&lexicon_name.replace('_', "-")) {
                errors.push(error(
                    locator.span_of(&key),
                    format!(
                        "lexicon name `{lexicon_name}` must be lowercase letters, digits, '-' and '_'"
                    ),
                ));
            }
            let to_terms = |values: Option<Vec<Spanned<String>>>| -> Vec<Term> {
                values
                    .unwrap_or_default()
                    .into_iter()
                    .map(|value| Term {
                        span: locator.span_of(&value),
                        text: value.as_str().to_string(),
                    })
                    .collect()
            };
            let strong = to_terms(lexicon.strong);
            let weak = to_terms(lexicon.weak);
            let exceptions = to_terms(lexicon.exceptions);
            let patterns = to_terms(lexicon.patterns);
            let weak_patterns = to_terms(lexicon.weak_patterns);
            for term in strong.iter().chain(&weak) {
                let normalized = normalize_term(&term.text);
                if normalized.is_empty()
                    || normalized
                        .chars()
                        .all(|c| c.is_ascii_punctuation() || c.is_whitespace())
                {
                    errors.push(error(
                        term.span.clone(),
                        format!("term `{}` has no letters, digits or symbols", term.text),
                    ));
                    continue;
                }
                if let Some(previous) = seen_terms.insert(normalized.clone(), term.span.clone()) {
                    let (line, _) = crate::location::line_column(&text, previous.start);
                    errors.push(error(
                        term.span.clone(),
                        format!(
                            "term `{}` is already listed in this pack (line {line})",
                            term.text
                        ),
                    ));
                }
            }
            for term in &exceptions {
                if normalize_term(&term.text).is_empty() {
                    errors.push(error(term.span.clone(), "exception is empty".into()));
                }
            }
            let mut compiled = Vec::with_capacity(patterns.len() + weak_patterns.len());
            let all_patterns = patterns
                .iter()
                .map(|pattern| (pattern, false))
                .chain(weak_patterns.iter().map(|pattern| (pattern, true)));
            for (pattern, weak) in all_patterns {
                match compile_pattern(&pattern.text) {
                    Ok(regex) => compiled.push(Pattern::compiled(&pattern.text, regex, weak)),
                    Err(message) => errors.push(error(pattern.span.clone(), message)),
                }
            }

            lexicons.push(Lexicon {
                name: lexicon_name,
                kind: lexicon.kind,
                sensitive: lexicon.sensitive,
                addressed: lexicon.addressed.unwrap_or(false),
                size: strong.len() + weak.len() + patterns.len() + weak_patterns.len(),
                strong,
                weak,
                exceptions,
                patterns,
                weak_patterns,
                compiled,
            });
        }

        let mut rules = Vec::new();
        for rule in source.rules.unwrap_or_default() {
            let id_span = locator.span_of(&rule.id);
            if !is_rule_id(rule.id.as_str()) {
                errors.push(error(
                    id_span.clone(),
                    format!(
                        "rule id `{}` must be two capital letters and three digits, like RG101",
                        rule.id.as_str()
                    ),
                ));
            }
            if !is_kebab(rule.name.as_str()) {
                errors.push(error(
                    locator.span_of(&rule.name),
                    format!("rule name `{}` must be kebab-case", rule.name.as_str()),
                ));
            }
            if rule.message.trim().is_empty() {
                errors.push(error(
                    locator.span_of(&rule.message),
                    "rule message is empty".into(),
                ));
            }
            if rule.when.tie.0.is_empty() {
                errors.push(error(
                    id_span.clone(),
                    format!("rule {} covers no tie", rule.id.as_str()),
                ));
            }
            let examples = rule
                .examples
                .map_or_else(Examples::default, |examples| Examples {
                    flag: examples.flag.unwrap_or_default(),
                    pass: examples.pass.unwrap_or_default(),
                });
            rules.push(Rule {
                id: rule.id.as_str().to_string(),
                name: rule.name.as_str().to_string(),
                level: rule.level,
                when: When {
                    kinds: rule.when.kinds,
                    lexicons: rule.when.lexicons.map(|names| {
                        names
                            .into_iter()
                            .map(|name| Term {
                                span: locator.span_of(&name),
                                text: name.as_str().to_string(),
                            })
                            .collect()
                    }),
                    sensitive: rule.when.sensitive,
                    ties: rule.when.tie.0,
                },
                message: rule.message.as_str().to_string(),
                help: rule.help.unwrap_or_default(),
                explain: rule.explain.unwrap_or_default(),
                examples,
                pack: name.clone(),
                id_span,
            });
        }

        let mut templates = Vec::new();
        for (key, value) in source.templates.map(|map| map.0).unwrap_or_default() {
            if !TEMPLATE_KEYS.contains(&key.as_str()) {
                errors.push(error(
                    locator.span_of(&key),
                    format!(
                        "unknown template `{}`; expected one of {}",
                        key.as_str(),
                        TEMPLATE_KEYS.join(", ")
                    ),
                ));
                continue;
            }
            for variable in value
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split('}').next())
            {
                if !TEMPLATE_VARIABLES.contains(&variable) {
                    errors.push(error(
                        locator.span_of(&value),
                        format!("unknown variable `{{{variable}}}`; expected one of {{practice}}, {{phone}}, {{email}}, {{url}}"),
                    ));
                }
            }
            templates.push((key.as_str().to_string(), value.as_str().to_string()));
        }

        let words = match source.words {
            Some(words) => crate::language::check_words(origin, &text, words).unwrap_or_else(
                |mut word_errors| {
                    errors.append(&mut word_errors);
                    crate::language::Words::default()
                },
            ),
            None => crate::language::Words::default(),
        };

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Pack {
            name,
            description: source.description.unwrap_or_default(),
            origin: origin.to_string(),
            text,
            name_span,
            lexicons,
            rules,
            templates,
            words,
            precompiled: false,
        })
    }

    /// Number of terms and patterns across the pack's lexicons.
    pub fn term_count(&self) -> usize {
        self.lexicons.iter().map(|l| l.size).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads `yaml` expecting failure; checks the first error's message and location.
    fn check_error(yaml: &str, message_part: &str, line: usize, column: usize) {
        let errors = Pack::load("test.yaml", yaml).expect_err("pack should not load");
        let error = &errors[0];
        assert!(
            error.message.contains(message_part),
            "{:?} does not contain {message_part:?}",
            error.message
        );
        assert_eq!(error.line_column(), (line, column), "{}", error.message);
    }

    const MINIMAL: &str = "pack: demo\nversion: 1\n";

    #[test]
    fn minimal_pack_loads() {
        let pack = Pack::load("test.yaml", MINIMAL).unwrap();
        assert_eq!(pack.name, "demo");
        assert!(pack.lexicons.is_empty());
    }

    #[test]
    fn unknown_key_is_located() {
        check_error(
            "pack: demo\nversion: 1\nlexicon: {}\n",
            "unknown field `lexicon`",
            3,
            1,
        );
    }

    #[test]
    fn bad_regex_is_located() {
        let yaml = "pack: demo\nversion: 1\nlexicons:\n  a:\n    kind: test\n    patterns:\n      - 'a1c (of'\n";
        check_error(yaml, "regex does not compile", 7, 9);
    }

    #[test]
    fn huge_regex_is_refused() {
        let yaml = "pack: demo\nversion: 1\nlexicons:\n  a:\n    kind: test\n    patterns:\n      - '(?:\\w{100}){1000}'\n";
        check_error(yaml, "regex compiles to more than", 7, 9);
    }

    #[test]
    fn duplicate_term_is_located() {
        let yaml = "pack: demo\nversion: 1\nlexicons:\n  a:\n    kind: test\n    strong: [biopsy, Biopsy]\n";
        check_error(yaml, "already listed", 6, 22);
    }

    #[test]
    fn bad_kind_and_bad_yaml() {
        check_error(
            "pack: demo\nversion: 1\nlexicons:\n  a:\n    kind: rumor\n",
            "unknown variant `rumor`",
            5,
            11,
        );
        check_error("pack: demo\nversion: [\n", "invalid YAML", 3, 1);
        check_error(
            "pack: demo\nversion: 2\n",
            "unsupported pack version 2",
            2,
            10,
        );
    }

    #[test]
    fn anchors_are_refused() {
        check_error("pack: &a demo\nversion: 1\n", "anchors", 1, 10);
    }

    #[test]
    fn bad_rule_id_is_located() {
        let yaml = "pack: demo\nversion: 1\nrules:\n  - id: X1\n    name: a\n    level: error\n    when: {tie: direct}\n    message: m\n";
        check_error(yaml, "rule id `X1`", 4, 9);
    }

    #[test]
    fn every_builtin_pack_loads() {
        let packs = crate::builtin::pack_sources().unwrap_or_else(|errors| {
            panic!(
                "{}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert!(packs.iter().any(|pack| pack.name == "core"));
    }
}
