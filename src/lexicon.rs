//! Matching: finds every lexicon term and pattern in normalized text.
//!
//! Owns the compiled form of all loaded lexicons: one Aho-Corasick automaton over every
//! normalized term (with generated plurals) and exception, plus the pack regexes. A scan
//! keeps whole-word matches only, drops matches an exception covers, and resolves
//! overlaps longest-first ("wisdom tooth extraction" over "extraction"). It does not
//! decide whether a match is about a person; that is `tie`'s job. Scanning does no IO
//! and cannot fail.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use crate::model::{Kind, Sensitive};
use crate::normalize::normalize_term;
use crate::pack::Pack;
use crate::ranges::RangeSet;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    Term {
        lexicon: LexiconId,
        strength: Strength,
    },
    /// An exception of one pack (by index), or `None` for the configuration's `allow`
    /// terms, which cancel matches from every pack.
    Exception { pack: Option<usize> },
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

/// All loaded lexicons, compiled for scanning.
#[derive(Clone, Debug)]
pub struct Matcher {
    lexicons: Vec<LexiconInfo>,
    /// The pack index of each lexicon, for scoping exceptions.
    lexicon_pack: Vec<usize>,
    automaton: AhoCorasick,
    entries: Vec<Vec<Entry>>,
    patterns: Vec<(Regex, LexiconId)>,
    fuzzy: Fuzzy,
}

/// The shortest word, in characters, that may match a term with one typo. Shorter
/// words have too many real-word neighbours ("cancel" and "cancer").
pub const FUZZY_MIN_CHARS: usize = 7;

/// Strong single-word terms as characters, with their lexicon.
type FuzzyBucket = Vec<(Vec<char>, LexiconId)>;

/// Single-word strong terms bucketed by first letter and length, for misspellings:
/// "colonoscapy", "sciadica", "amoxicilin" are one edit away from a term.
#[derive(Clone, Debug, Default)]
struct Fuzzy {
    buckets: HashMap<(char, usize), FuzzyBucket>,
}

impl Fuzzy {
    fn add(&mut self, form: &str, lexicon: LexiconId) {
        let chars: Vec<char> = form.chars().collect();
        if chars.len() < FUZZY_MIN_CHARS || !chars.iter().all(|c| c.is_alphabetic()) {
            return;
        }
        let bucket = self.buckets.entry((chars[0], chars.len())).or_default();
        if !bucket.iter().any(|(existing, _)| *existing == chars) {
            bucket.push((chars, lexicon));
        }
    }

    /// The lexicon of a term one edit from `word`, unless `word` is an English word.
    fn lookup(&self, word: &str) -> Option<LexiconId> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < FUZZY_MIN_CHARS || self.buckets.is_empty() || is_english_word(word) {
            return None;
        }
        for length in [chars.len(), chars.len() - 1, chars.len() + 1] {
            let Some(bucket) = self.buckets.get(&(chars[0], length)) else {
                continue;
            };
            if let Some((_, lexicon)) = bucket
                .iter()
                .find(|(term, _)| within_one_edit(&chars, term))
            {
                return Some(*lexicon);
            }
        }
        None
    }
}

/// English words of seven letters or more, sorted, one a line after a `#` header.
const ENGLISH_WORDS: &str = include_str!("../data/english-words.txt");

/// Whether `word` (lowercase) is in the English word list: a binary search over the
/// embedded text, so the list costs nothing at start-up.
pub(crate) fn is_english_word(word: &str) -> bool {
    static BODY: OnceLock<&'static str> = OnceLock::new();
    let body = *BODY.get_or_init(|| {
        let start = ENGLISH_WORDS
            .match_indices('\n')
            .map(|(at, _)| at + 1)
            .find(|&at| !ENGLISH_WORDS[at..].starts_with('#'))
            .unwrap_or(0);
        &ENGLISH_WORDS[start..]
    });
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
    pub fn new(packs: &[Pack], allow: &[String]) -> Matcher {
        let mut lexicons = Vec::new();
        let mut by_form: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut patterns = Vec::new();
        let mut fuzzy = Fuzzy::default();
        let mut add = |form: String, entry: Entry| {
            let entries = by_form.entry(form).or_default();
            if !entries.contains(&entry) {
                entries.push(entry);
            }
        };
        let mut lexicon_pack = Vec::new();
        for (pack_index, pack) in packs.iter().enumerate() {
            for lexicon in &pack.lexicons {
                lexicon_pack.push(pack_index);
                let id = lexicons.len();
                lexicons.push(LexiconInfo {
                    pack: pack.name.clone(),
                    name: lexicon.name.clone(),
                    kind: lexicon.kind,
                    sensitive: lexicon.sensitive,
                    addressed: lexicon.addressed,
                });
                for (terms, strength) in [
                    (&lexicon.strong, Strength::Strong),
                    (&lexicon.weak, Strength::Weak),
                ] {
                    for term in terms {
                        for form in forms(&term.text) {
                            if strength == Strength::Strong {
                                fuzzy.add(&form, id);
                            }
                            add(
                                form,
                                Entry::Term {
                                    lexicon: id,
                                    strength,
                                },
                            );
                        }
                    }
                }
                for term in &lexicon.exceptions {
                    for form in forms(&term.text) {
                        add(
                            form,
                            Entry::Exception {
                                pack: Some(pack_index),
                            },
                        );
                    }
                }
                patterns.extend(lexicon.compiled.iter().map(|regex| (regex.clone(), id)));
            }
        }
        for term in allow {
            for form in forms(term) {
                add(form, Entry::Exception { pack: None });
            }
        }
        let mut forms: Vec<(String, Vec<Entry>)> = by_form.into_iter().collect();
        forms.sort_by(|a, b| a.0.cmp(&b.0));
        // A non-contiguous NFA builds several times faster than the default choice for
        // tens of thousands of patterns, and start-up is what a one-reply check pays for.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .build(forms.iter().map(|(form, _)| form.as_bytes()))
            .expect("lexicon automaton within aho-corasick limits");
        Matcher {
            lexicons,
            lexicon_pack,
            automaton,
            entries: forms.into_iter().map(|(_, entries)| entries).collect(),
            patterns,
            fuzzy,
        }
    }

    /// The compiled lexicons, indexed by [`LexiconId`].
    pub fn lexicons(&self) -> &[LexiconInfo] {
        &self.lexicons
    }

    /// Finds the details in normalized `text`, in text order, without overlaps. Inside
    /// the `hashtags` ranges, a strong term may also start or end the hashtag without
    /// being a whole word ("#surgeryday", "#postoplasik").
    pub fn scan(&self, text: &str, hashtags: &[Range<usize>]) -> Vec<Detail> {
        let mut candidates = Vec::new();
        let mut exceptions = Vec::new();
        for found in self.automaton.find_overlapping_iter(text) {
            let range = found.start()..found.end();
            let whole = is_whole_word(text, &range);
            let in_hashtag = !whole && hashtag_edge(text, &range, hashtags);
            if !whole && !in_hashtag {
                continue;
            }
            for entry in &self.entries[found.pattern().as_usize()] {
                if in_hashtag
                    && !matches!(
                        entry,
                        Entry::Term {
                            strength: Strength::Strong,
                            ..
                        }
                    )
                {
                    continue;
                }
                match *entry {
                    Entry::Term { lexicon, strength } => candidates.push(Detail {
                        range: range.clone(),
                        lexicon,
                        strength,
                    }),
                    Entry::Exception { pack } => exceptions.push((range.clone(), pack)),
                }
            }
        }
        for (regex, lexicon) in &self.patterns {
            for found in regex.find_iter(text) {
                let range = found.range();
                if !range.is_empty() && is_whole_word(text, &range) {
                    candidates.push(Detail {
                        range,
                        lexicon: *lexicon,
                        strength: Strength::Strong,
                    });
                }
            }
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
            if let Some(lexicon) = self.fuzzy.lookup(&text[word.clone()]) {
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

/// The normalized forms of a term: itself and the regular plurals of its last word.
pub fn forms(term: &str) -> Vec<String> {
    let base = normalize_term(term);
    if base.is_empty() {
        return Vec::new();
    }
    let mut forms = vec![base.clone()];
    let last_word = base.rsplit(' ').next().unwrap_or(&base);
    if last_word.len() < 2 || !last_word.chars().all(|c| c.is_alphabetic()) {
        return forms;
    }
    let stem = &base[..base.len() - 1];
    if base.ends_with('y')
        && !base.ends_with("ay")
        && !base.ends_with("ey")
        && !base.ends_with("oy")
        && !base.ends_with("uy")
    {
        forms.push(format!("{stem}ies"));
    } else if base.ends_with("is") {
        forms.push(format!("{}es", &base[..base.len() - 2]));
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| base.ends_with(end))
    {
        forms.push(format!("{base}es"));
    } else {
        forms.push(format!("{base}s"));
        if base.ends_with('o') {
            forms.push(format!("{base}es"));
        }
    }
    forms
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
            .scan(text, &[])
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
        assert!(
            is_english_word("reaching")
                && is_english_word("aardvarks")
                && !is_english_word("colonoscapy")
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
            .scan(text, normalized.hashtags())
            .iter()
            .map(|detail| &text[detail.range.clone()])
            .collect();
        assert_eq!(found, ["biopsy", "biopsy"]);
    }

    #[test]
    fn plural_forms() {
        assert_eq!(forms("Biopsy"), ["biopsy", "biopsies"]);
        assert_eq!(forms("diagnosis"), ["diagnosis", "diagnoses"]);
        assert_eq!(forms("X-ray"), ["x ray", "x rays"]);
        assert_eq!(forms("covid 19"), ["covid 19"]);
        assert_eq!(forms("rash"), ["rash", "rashes"]);
    }
}
