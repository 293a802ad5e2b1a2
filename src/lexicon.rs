//! Matching: finds every lexicon term and pattern in normalized text.
//!
//! Owns the compiled form of all loaded lexicons (see [`crate::compiled`]): FST
//! segments mapping every normalized term (with generated plurals) and exception to
//! their lexicons, plus the pack regexes. The built-in packs are one segment compiled
//! at build time and read in place; packs loaded at run time and the config's `allow`
//! terms are compiled into another when the engine is built. A scan keeps whole-word
//! matches only, drops matches an exception covers, and resolves overlaps longest-first
//! ("wisdom tooth extraction" over "extraction"). It does not decide whether a match is
//! about a person; that is `tie`'s job. Scanning does no IO and cannot fail.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use crate::compiled::{self, Entry, SegmentParts};
use crate::language::{Language, List};
use crate::model::{Kind, Sensitive};
use crate::pack::{Pack, Pattern};
use crate::ranges::RangeSet;

pub use crate::compiled::FUZZY_MIN_CHARS;

/// Index of a lexicon in [`Matcher::lexicons`].
pub type LexiconId = usize;

/// What the engine needs to know about a lexicon after compilation.
#[derive(Clone, Debug)]
pub struct LexiconInfo {
    /// Name of the pack that defines it.
    pub pack: String,
    /// Name within the pack.
    pub name: String,
    /// Kind of detail.
    pub kind: Kind,
    /// Protected category, if any.
    pub sensitive: Option<Sensitive>,
    /// Whether a match is inherently about the addressee.
    pub addressed: bool,
}

impl LexiconInfo {
    /// `pack.lexicon`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.pack, self.name)
    }
}

/// Whether a term counts at any tie or only when tied directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    /// Counts at any tie.
    Strong,
    /// Counts only when tied directly.
    Weak,
}

/// A term or pattern found in normalized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    /// Byte range in the normalized text.
    pub range: Range<usize>,
    /// The lexicon it belongs to.
    pub lexicon: LexiconId,
    /// Strong or weak.
    pub strength: Strength,
}

/// Compiled terms of some packs: an FST from form to entries, and the forms that may
/// match a misspelling.
#[derive(Clone)]
struct Segment {
    fst: fst::raw::Fst<Cow<'static, [u8]>>,
    entries: Cow<'static, [u32]>,
    /// The fuzzy forms end to end; `fuzzy` holds `(start, end, lexicon)` of each,
    /// sorted by [`compiled::fuzzy_key`] (see [`compiled::fuzzy_table`]).
    fuzzy_text: Cow<'static, str>,
    fuzzy: Cow<'static, [(u32, u32, u32)]>,
}

impl std::fmt::Debug for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segment")
            .field("forms", &self.fst.len())
            .field("fuzzy", &self.fuzzy.len())
            .finish()
    }
}

impl Segment {
    fn builtin() -> Segment {
        Segment {
            fst: fst::raw::Fst::new(Cow::Borrowed(crate::builtin::FST))
                .expect("the build script wrote a valid FST"),
            entries: Cow::Borrowed(&crate::builtin::ENTRIES),
            fuzzy_text: Cow::Borrowed(crate::builtin::FUZZY_TEXT),
            fuzzy: Cow::Borrowed(&crate::builtin::FUZZY),
        }
    }

    fn from_parts(parts: SegmentParts) -> Segment {
        let (fuzzy_text, fuzzy) = compiled::fuzzy_table(&parts.fuzzy);
        Segment {
            fst: fst::raw::Fst::new(Cow::Owned(parts.fst)).expect("an FST just built"),
            entries: Cow::Owned(parts.entries),
            fuzzy_text: Cow::Owned(fuzzy_text),
            fuzzy: Cow::Owned(fuzzy),
        }
    }

    fn fuzzy_form(&self, &(start, end, _): &(u32, u32, u32)) -> &str {
        &self.fuzzy_text[start as usize..end as usize]
    }

    /// Calls `found` with the end and entries of every form that starts at `start`.
    fn walk(&self, text: &[u8], start: usize, mut found: impl FnMut(usize, &[u32])) {
        let mut node = self.fst.root();
        let mut output = fst::raw::Output::zero();
        for (offset, &byte) in text[start..].iter().enumerate() {
            let Some(index) = node.find_input(byte) else {
                return;
            };
            let transition = node.transition(index);
            output = output.cat(transition.out);
            node = self.fst.node(transition.addr);
            if node.is_final() {
                let value = output.cat(node.final_output()).value();
                found(
                    start + offset + 1,
                    &self.entries[compiled::entry_range(value)],
                );
            }
        }
    }

    /// The first lexicon (in load order) of a form of `length` characters starting
    /// with `first` that is one edit from `word`.
    fn fuzzy(&self, first: char, length: usize, word: &[char]) -> Option<u32> {
        let key = (first, length);
        let start = self
            .fuzzy
            .partition_point(|item| compiled::fuzzy_key(self.fuzzy_form(item)) < key);
        self.fuzzy[start..]
            .iter()
            .take_while(|item| compiled::fuzzy_key(self.fuzzy_form(item)) == key)
            .find(|item| {
                let form: Vec<char> = self.fuzzy_form(item).chars().collect();
                within_one_edit(word, &form)
            })
            .map(|&(_, _, lexicon)| lexicon)
    }
}

/// All loaded lexicons, compiled for scanning.
#[derive(Clone, Debug)]
pub struct Matcher {
    lexicons: Vec<LexiconInfo>,
    /// The pack index of each lexicon, for scoping exceptions.
    lexicon_pack: Vec<usize>,
    segments: Vec<Segment>,
    patterns: Vec<(Pattern, LexiconId)>,
    /// The patterns' literals in one automaton, built once a matcher has scanned
    /// enough texts to repay it: a one-reply check tests a few thousand literals with
    /// `str::contains` for less than the automaton costs to build.
    literals: OnceLock<Literals>,
    scans: Counter,
}

/// After this many scans, pattern literals are found with one automaton.
const SCANS_BEFORE_AUTOMATON: usize = 8;

/// The longest text for which, before [`SCANS_BEFORE_AUTOMATON`], patterns run on the
/// matcher that is quick to build and slow to search: a single reply is short, and
/// building the full matcher is most of the cost of checking it; on a long document
/// the faster search wins.
const QUICK_MATCHER_MAX_BYTES: usize = 4096;

/// How many texts a matcher has scanned.
#[derive(Debug, Default)]
struct Counter(std::sync::atomic::AtomicUsize);

impl Clone for Counter {
    fn clone(&self) -> Counter {
        Counter(std::sync::atomic::AtomicUsize::new(
            self.0.load(std::sync::atomic::Ordering::Relaxed),
        ))
    }
}

impl Counter {
    /// Counts one scan and returns the count before it.
    fn bump(&self) -> usize {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }
}

/// Every pattern literal in one Aho-Corasick automaton, and each pattern's conditions
/// as literal ids.
#[derive(Clone, Debug)]
struct Literals {
    automaton: aho_corasick::AhoCorasick,
    count: usize,
    /// Per pattern: sets of literal ids, one of each must be present.
    conditions: Vec<Vec<Vec<usize>>>,
}

impl Literals {
    fn new(patterns: &[(Pattern, LexiconId)]) -> Literals {
        let mut ids: HashMap<&'static str, usize> = HashMap::new();
        let mut list: Vec<&'static str> = Vec::new();
        let conditions = patterns
            .iter()
            .map(|(pattern, _)| {
                pattern
                    .literal_sets()
                    .map(|set| {
                        set.map(|literal| {
                            *ids.entry(literal).or_insert_with(|| {
                                list.push(literal);
                                list.len() - 1
                            })
                        })
                        .collect()
                    })
                    .collect()
            })
            .collect();
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&list)
            .expect("pattern literals within aho-corasick limits");
        Literals {
            automaton,
            count: list.len(),
            conditions,
        }
    }

    /// Which literals occur in `text`.
    fn present(&self, text: &str) -> Vec<bool> {
        let mut present = vec![false; self.count];
        for found in self.automaton.find_overlapping_iter(text) {
            present[found.pattern().as_usize()] = true;
        }
        present
    }

    /// Whether pattern `index` may match, given the literals `present`.
    fn may_match(&self, index: usize, present: &[bool]) -> bool {
        self.conditions[index]
            .iter()
            .all(|set| set.iter().any(|&id| present[id]))
    }
}

/// Whether `a` becomes `b` with at most one insertion, deletion, substitution or
/// transposition of adjacent characters.
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    match (a_rest.len(), b_rest.len()) {
        (0, 0) => true,
        (x, y) if x == y => {
            a_rest[1..] == b_rest[1..]
                || (x >= 2
                    && a_rest[0] == b_rest[1]
                    && a_rest[1] == b_rest[0]
                    && a_rest[2..] == b_rest[2..])
        }
        (x, y) if x == y + 1 => a_rest[1..] == *b_rest,
        (x, y) if x + 1 == y => *a_rest == b_rest[1..],
        _ => false,
    }
}

impl Matcher {
    /// Compiles the lexicons of `packs`, plus `allow` terms that are never reported.
    /// Leading [`Pack::precompiled`] packs (the built-ins, all of them, in order) use
    /// the segment compiled at build time; the rest are compiled here.
    pub fn new(packs: &[Pack], allow: &[String]) -> Matcher {
        let mut lexicons = Vec::new();
        let mut lexicon_pack = Vec::new();
        let mut patterns = Vec::new();
        for (pack_index, pack) in packs.iter().enumerate() {
            for lexicon in &pack.lexicons {
                let id = lexicons.len();
                lexicon_pack.push(pack_index);
                lexicons.push(LexiconInfo {
                    pack: pack.name.clone(),
                    name: lexicon.name.clone(),
                    kind: lexicon.kind,
                    sensitive: lexicon.sensitive,
                    addressed: lexicon.addressed,
                });
                patterns.extend(lexicon.compiled.iter().map(|pattern| (pattern.clone(), id)));
            }
        }
        let precompiled = packs.iter().take_while(|pack| pack.precompiled).count();
        let mut segments = Vec::new();
        if precompiled > 0 {
            segments.push(Segment::builtin());
        }
        let rest = &packs[precompiled..];
        if !rest.is_empty() || !allow.is_empty() {
            let first_lexicon = packs[..precompiled]
                .iter()
                .map(|pack| pack.lexicons.len())
                .sum();
            segments.push(Segment::from_parts(compiled::build_segment(
                rest,
                precompiled,
                first_lexicon,
                allow,
            )));
        }
        Matcher {
            lexicons,
            lexicon_pack,
            segments,
            patterns,
            literals: OnceLock::new(),
            scans: Counter::default(),
        }
    }

    /// The compiled lexicons, indexed by [`LexiconId`].
    pub fn lexicons(&self) -> &[LexiconInfo] {
        &self.lexicons
    }

    /// Adds a lexicon with no terms, whose details another stage finds (the care
    /// frames), so that rules select and report them like any other.
    pub fn add_lexicon(&mut self, info: LexiconInfo) -> LexiconId {
        self.lexicons.push(info);
        self.lexicons.len() - 1
    }

    /// The lexicon of a strong term one edit from `word` with the same first letter,
    /// unless `word` is an English word or a first name ("Marisol" is no misspelling).
    /// Same-length terms are preferred, then shorter, then longer; among those, the first
    /// lexicon loaded.
    fn fuzzy(&self, word: &str, language: &Language) -> Option<LexiconId> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < FUZZY_MIN_CHARS
            || language.contains(List::EnglishWords, word)
            || language.contains(List::FirstNames, word)
        {
            return None;
        }
        for length in [chars.len(), chars.len() - 1, chars.len() + 1] {
            let found = self
                .segments
                .iter()
                .find_map(|segment| segment.fuzzy(chars[0], length, &chars));
            if let Some(lexicon) = found {
                return Some(lexicon as LexiconId);
            }
        }
        None
    }

    /// Finds the details in normalized `text`, in text order, without overlaps. Inside
    /// the `hashtags` ranges, a strong term may also start or end the hashtag without
    /// being a whole word ("#surgeryday", "#postoplasik").
    /// `language` knows the English words that are never misspellings.
    pub fn scan(&self, text: &str, hashtags: &[Range<usize>], language: &Language) -> Vec<Detail> {
        let mut candidates = Vec::new();
        let mut exceptions = Vec::new();
        let bytes = text.as_bytes();
        // A form may start where a word starts, or anywhere inside a hashtag body
        // ("#postoplasik"). Hashtag bodies come in text order.
        let mut next_hashtag = 0;
        let mut previous: Option<char> = None;
        for (start, c) in text.char_indices() {
            let word_start = !(c.is_alphanumeric() && previous.is_some_and(char::is_alphanumeric));
            previous = Some(c);
            while hashtags
                .get(next_hashtag)
                .is_some_and(|body| body.end <= start)
            {
                next_hashtag += 1;
            }
            let in_hashtag = hashtags
                .get(next_hashtag)
                .is_some_and(|body| body.start <= start);
            if !word_start && !in_hashtag {
                continue;
            }
            for segment in &self.segments {
                segment.walk(bytes, start, |end, entries| {
                    if !text.is_char_boundary(end) {
                        return;
                    }
                    let range = start..end;
                    let whole = is_whole_word(text, &range);
                    let edge = !whole && hashtag_edge(text, &range, hashtags);
                    if !whole && !edge {
                        return;
                    }
                    for &value in entries {
                        match Entry::decode(value) {
                            Entry::Term { lexicon, weak } => {
                                if edge && weak {
                                    continue;
                                }
                                candidates.push(Detail {
                                    range: range.clone(),
                                    lexicon,
                                    strength: if weak {
                                        Strength::Weak
                                    } else {
                                        Strength::Strong
                                    },
                                });
                            }
                            Entry::Exception { pack } => {
                                if !edge {
                                    exceptions.push((range.clone(), pack));
                                }
                            }
                        }
                    }
                });
            }
        }
        let warm = self.scans.bump() >= SCANS_BEFORE_AUTOMATON;
        let literals = warm.then(|| {
            let literals = self.literals.get_or_init(|| Literals::new(&self.patterns));
            (literals, literals.present(text))
        });
        for (index, (pattern, lexicon)) in self.patterns.iter().enumerate() {
            let may_match = match &literals {
                Some((literals, present)) => literals.may_match(index, present),
                None => pattern.may_match(text),
            };
            if !may_match {
                continue;
            }
            let quick = !warm && text.len() <= QUICK_MATCHER_MAX_BYTES;
            pattern.find_ranges(text, quick, |range| {
                if !range.is_empty() && is_whole_word(text, &range) {
                    candidates.push(Detail {
                        range,
                        lexicon: *lexicon,
                        strength: if pattern.is_weak() {
                            Strength::Weak
                        } else {
                            Strength::Strong
                        },
                    });
                }
            });
        }
        // Misspellings: words no term or exception touches, one edit from a strong term.
        let touched = RangeSet::new(
            candidates
                .iter()
                .map(|d| d.range.clone())
                .chain(exceptions.iter().map(|(range, _)| range.clone())),
        );
        for word in words(text) {
            if touched.overlaps(&word) {
                continue;
            }
            if let Some(lexicon) = self.fuzzy(&text[word.clone()], language) {
                candidates.push(Detail {
                    range: word,
                    lexicon,
                    strength: Strength::Strong,
                });
            }
        }
        // An exception cancels every match of its own pack that it overlaps: "cold brew"
        // cancels "cold", "patient coordinator" cancels "our newest patient". An exception
        // in one pack says nothing about another pack's terms; config allow terms cancel
        // matches from every pack.
        let mut by_pack: HashMap<Option<usize>, Vec<Range<usize>>> = HashMap::new();
        for (range, pack) in exceptions {
            by_pack.entry(pack).or_default().push(range);
        }
        let by_pack: HashMap<Option<usize>, RangeSet> = by_pack
            .into_iter()
            .map(|(pack, ranges)| (pack, RangeSet::new(ranges)))
            .collect();
        let cancelled = |detail: &Detail, pack: Option<usize>| {
            by_pack
                .get(&pack)
                .is_some_and(|set| set.overlaps(&detail.range))
        };
        candidates.retain(|detail| {
            !cancelled(detail, None) && !cancelled(detail, Some(self.lexicon_pack[detail.lexicon]))
        });
        // Longest first; at equal length the earliest, then strong before weak, then
        // sensitive lexicons, then pack order.
        candidates.sort_by_key(|detail| {
            (
                std::cmp::Reverse(detail.range.len()),
                detail.range.start,
                detail.strength,
                self.lexicons[detail.lexicon].sensitive.is_none(),
                detail.lexicon,
            )
        });
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        let mut details = Vec::new();
        for detail in candidates {
            let overlaps = taken
                .range(..detail.range.end)
                .next_back()
                .is_some_and(|(_, &end)| end > detail.range.start);
            if !overlaps {
                taken.insert(detail.range.start, detail.range.end);
                details.push(detail);
            }
        }
        details.sort_by_key(|detail| detail.range.start);
        details
    }
}

/// The fewest characters a term needs to match inside a hashtag word.
const HASHTAG_MIN_CHARS: usize = 4;

/// Whether `range` starts or ends a hashtag body and the other end is a word boundary
/// or inside the same hashtag word ("surgery" in "#surgeryday").
fn hashtag_edge(text: &str, range: &Range<usize>, hashtags: &[Range<usize>]) -> bool {
    if text[range.clone()].chars().count() < HASHTAG_MIN_CHARS {
        return false;
    }
    hashtags.iter().any(|body| {
        let inside = body.start <= range.start && range.end <= body.end;
        let starts = range.start == body.start
            || !text[..range.start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let ends = range.end == body.end
            || !text[range.end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        inside && (starts || ends)
    })
}

/// Byte ranges of the runs of letters in `text`.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphabetic() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(index, c)) = chars.peek() {
            if !c.is_alphabetic() {
                break;
            }
            end = index + c.len_utf8();
            chars.next();
        }
        Some(start..end)
    })
}

/// Whether `range` of `text` starts and ends at word boundaries.
fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let first = text[range.start..].chars().next();
    let last = text[..range.end].chars().next_back();
    let joins = |outside: Option<char>, inside: Option<char>| matches!((outside, inside), (Some(o), Some(i)) if o.is_alphanumeric() && i.is_alphanumeric());
    !joins(before, first) && !joins(after, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(yaml_lexicons: &str) -> Matcher {
        let yaml = format!("pack: demo\nversion: 1\nlexicons:\n{yaml_lexicons}");
        let pack = Pack::load("demo.yaml", &yaml).expect("test pack loads");
        Matcher::new(&[pack], &["cleaning crew".to_string()])
    }

    /// Scans normalized `text` and lists `(matched text, strength)`.
    fn check(matcher: &Matcher, text: &str, expected: &[(&str, Strength)]) {
        let found: Vec<(&str, Strength)> = matcher
            .scan(text, &[], &Language::builtin())
            .iter()
            .map(|detail| (&text[detail.range.clone()], detail.strength))
            .collect();
        assert_eq!(found, expected, "{text:?}");
    }

    const LEXICONS: &str = "  procedures:\n    kind: procedure\n    strong: [root canal, wisdom tooth extraction, extraction, biopsy, abscess]\n    weak: [crown, cleaning]\n    exceptions: [crown molding]\n  tests:\n    kind: test\n    patterns: ['a1c (?:of|was) \\d+(?:\\.\\d+)?']\n";

    #[test]
    fn whole_words_longest_first() {
        let m = matcher(LEXICONS);
        check(
            &m,
            "your wisdom tooth extraction",
            &[("wisdom tooth extraction", Strength::Strong)],
        );
        check(
            &m,
            "extractions and root canals",
            &[
                ("extractions", Strength::Strong),
                ("root canals", Strength::Strong),
            ],
        );
        check(&m, "crowning glory", &[]);
        check(
            &m,
            "two biopsies, one abscesses",
            &[
                ("biopsies", Strength::Strong),
                ("abscesses", Strength::Strong),
            ],
        );
    }

    #[test]
    fn exceptions_and_allow_terms_cancel() {
        let m = matcher(LEXICONS);
        check(&m, "new crown molding", &[]);
        check(&m, "the cleaning crew", &[]);
        check(&m, "your crown", &[("crown", Strength::Weak)]);
    }

    #[test]
    fn exceptions_only_cancel_their_own_packs_terms() {
        let general = Pack::load("general.yaml", "pack: general\nversion: 1\nlexicons:\n  p:\n    kind: procedure\n    strong: [colonoscopy]\n").unwrap();
        let sexual = Pack::load("sexual.yaml", "pack: sexual\nversion: 1\nlexicons:\n  m:\n    kind: medication\n    strong: [prep]\n    exceptions: [colonoscopy prep]\n").unwrap();
        let m = Matcher::new(&[general, sexual], &[]);
        check(
            &m,
            "your colonoscopy prep",
            &[("colonoscopy", Strength::Strong)],
        );
        check(&m, "your prep", &[("prep", Strength::Strong)]);
    }

    #[test]
    fn patterns_match_whole_words() {
        let m = matcher(LEXICONS);
        check(
            &m,
            "your a1c of 7.2 is",
            &[("a1c of 7.2", Strength::Strong)],
        );
        check(&m, "xa1c of 7", &[]);
    }

    #[test]
    fn misspellings_of_long_strong_terms() {
        let m = matcher(
            "  p:\n    kind: procedure\n    strong: [colonoscopy, angioplasty, amoxicillin]\n",
        );
        check(
            &m,
            "the colonoscapy prep",
            &[("colonoscapy", Strength::Strong)],
        );
        check(
            &m,
            "after ur angoplasty",
            &[("angoplasty", Strength::Strong)],
        );
        check(&m, "amoxicilin rash", &[("amoxicilin", Strength::Strong)]);
        check(&m, "colonsocopy", &[("colonsocopy", Strength::Strong)]);
        check(&m, "cononoscapy", &[]);
        let english = Language::builtin();
        assert!(
            english.contains(List::EnglishWords, "reaching")
                && english.contains(List::EnglishWords, "aardvarks")
                && !english.contains(List::EnglishWords, "colonoscapy")
        );
        assert!(within_one_edit(&['a', 'b'], &['b', 'a']));
        assert!(!within_one_edit(&['a', 'b', 'c'], &['c', 'b', 'a']));
    }

    #[test]
    fn strong_terms_start_or_end_hashtags() {
        let m = matcher(LEXICONS);
        let normalized =
            crate::normalize::Normalized::new("day one #biopsyday #crowngoals #mybiopsy #xbiopsyx");
        let text = normalized.as_str();
        let found: Vec<&str> = m
            .scan(text, normalized.hashtags(), &Language::builtin())
            .iter()
            .map(|detail| &text[detail.range.clone()])
            .collect();
        assert_eq!(found, ["biopsy", "biopsy"]);
    }
}
