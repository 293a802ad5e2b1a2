//! The compiled form of lexicon terms, shared by the build script and the matcher.
//!
//! Every term and exception is reduced to its normalized forms (itself and the regular
//! plural of its last word). The forms go into an FST map from form to a run of
//! entries, each entry a `u32` naming a lexicon or an exception's pack. Single-word
//! strong forms also go into a list sorted by first letter and length, for matching
//! misspellings.
//!
//! The build script compiles the built-in packs this way once, so that start-up only
//! points at bytes embedded in the binary; packs loaded at run time go through the same
//! code, so both paths match alike. This module is included by `build.rs` and must only
//! use `normalize` and `pack` from the crate.

use std::collections::BTreeMap;

use crate::normalize::normalize_term;
use crate::pack::Pack;

/// Set on an entry that is an exception rather than a term.
const EXCEPTION: u32 = 1 << 31;
/// Set on a term entry whose term is weak.
const WEAK: u32 = 1 << 30;
/// The bits that hold a lexicon id, or one more than an exception's pack index.
const INDEX: u32 = WEAK - 1;
/// An FST value is the offset of its first entry shifted by this, plus their count.
const COUNT_BITS: u32 = 16;

/// The shortest word, in characters, that may match a term with one typo. Shorter
/// words have too many real-word neighbours ("cancel" and "cancer").
pub const FUZZY_MIN_CHARS: usize = 7;

/// What one form of a term stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A term of a lexicon (by global lexicon id), strong or weak.
    Term {
        /// Global lexicon id.
        lexicon: usize,
        /// Whether the term is weak.
        weak: bool,
    },
    /// An exception of one pack (by index), or `None` for the configuration's `allow`
    /// terms, which cancel matches from every pack.
    Exception {
        /// Pack index.
        pack: Option<usize>,
    },
}

impl Entry {
    /// The entry as stored.
    pub fn encode(self) -> u32 {
        let index = |value: usize| u32::try_from(value).ok().filter(|&v| v <= INDEX);
        match self {
            Entry::Term { lexicon, weak } => {
                index(lexicon).expect("fewer than 2^30 lexicons") | if weak { WEAK } else { 0 }
            }
            Entry::Exception { pack } => {
                EXCEPTION | index(pack.map_or(0, |p| p + 1)).expect("fewer than 2^30 packs")
            }
        }
    }

    /// The entry stored as `value`.
    pub fn decode(value: u32) -> Entry {
        if value & EXCEPTION != 0 {
            let index = (value & INDEX) as usize;
            Entry::Exception {
                pack: index.checked_sub(1),
            }
        } else {
            Entry::Term {
                lexicon: (value & INDEX) as usize,
                weak: value & WEAK != 0,
            }
        }
    }
}

/// Splits an FST value into the range of its entries.
pub fn entry_range(value: u64) -> std::ops::Range<usize> {
    let start = (value >> COUNT_BITS) as usize;
    let count = (value & ((1 << COUNT_BITS) - 1)) as usize;
    start..start + count
}

/// The parts of a compiled segment of lexicons.
#[derive(Debug, Default)]
pub struct SegmentParts {
    /// FST map from form to entry run (see [`entry_range`]).
    pub fst: Vec<u8>,
    /// Entries, encoded.
    pub entries: Vec<u32>,
    /// Single-word strong forms of [`FUZZY_MIN_CHARS`] letters or more with their
    /// lexicon, sorted by [`fuzzy_key`] and, within a key, in lexicon order.
    pub fuzzy: Vec<(String, u32)>,
}

/// The fuzzy forms end to end in one string, and `(start, end, lexicon)` of each, in
/// the same order: the form a table of slices would hold, without a pointer per form.
pub fn fuzzy_table(fuzzy: &[(String, u32)]) -> (String, Vec<(u32, u32, u32)>) {
    let mut text = String::new();
    let mut table = Vec::with_capacity(fuzzy.len());
    for (form, lexicon) in fuzzy {
        let start = u32::try_from(text.len()).expect("fuzzy forms under 4 GiB");
        text.push_str(form);
        let end = u32::try_from(text.len()).expect("fuzzy forms under 4 GiB");
        table.push((start, end, *lexicon));
    }
    (text, table)
}

/// Sort key of a fuzzy form: its first character and its length in characters.
pub fn fuzzy_key(form: &str) -> (char, usize) {
    (form.chars().next().unwrap_or('\0'), form.chars().count())
}

/// Compiles the terms and exceptions of `packs`, which are loaded packs number
/// `first_pack` on, whose first lexicon has global id `first_lexicon`; plus the config's
/// `allow` terms.
pub fn build_segment(
    packs: &[Pack],
    first_pack: usize,
    first_lexicon: usize,
    allow: &[String],
) -> SegmentParts {
    let mut by_form: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut add = |form: String, entry: Entry| {
        let entries = by_form.entry(form).or_default();
        let entry = entry.encode();
        if !entries.contains(&entry) {
            entries.push(entry);
        }
    };
    let mut fuzzy: Vec<(String, u32)> = Vec::new();
    let mut fuzzy_seen = std::collections::HashSet::new();
    let mut lexicon = first_lexicon;
    for (offset, pack) in packs.iter().enumerate() {
        for source in &pack.lexicons {
            for (terms, weak) in [(&source.strong, false), (&source.weak, true)] {
                for term in terms {
                    for form in forms(&term.text) {
                        let eligible = form.chars().count() >= FUZZY_MIN_CHARS
                            && form.chars().all(char::is_alphabetic);
                        if !weak && eligible && fuzzy_seen.insert(form.clone()) {
                            fuzzy.push((form.clone(), lexicon as u32));
                        }
                        add(form, Entry::Term { lexicon, weak });
                    }
                }
            }
            for term in &source.exceptions {
                for form in forms(&term.text) {
                    add(
                        form,
                        Entry::Exception {
                            pack: Some(first_pack + offset),
                        },
                    );
                }
            }
            lexicon += 1;
        }
    }
    for term in allow {
        for form in forms(term) {
            add(form, Entry::Exception { pack: None });
        }
    }
    fuzzy.sort_by_key(|(form, _)| fuzzy_key(form));

    let mut entries = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    for (form, run) in by_form {
        let value = ((entries.len() as u64) << COUNT_BITS) | run.len() as u64;
        entries.extend(run);
        builder
            .insert(form.as_bytes(), value)
            .expect("forms are inserted in sorted order");
    }
    SegmentParts {
        fst: builder.into_inner().expect("an in-memory FST cannot fail"),
        entries,
        fuzzy,
    }
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

    #[test]
    fn entries_round_trip() {
        for entry in [
            Entry::Term {
                lexicon: 0,
                weak: false,
            },
            Entry::Term {
                lexicon: 412,
                weak: true,
            },
            Entry::Exception { pack: None },
            Entry::Exception { pack: Some(0) },
            Entry::Exception { pack: Some(14) },
        ] {
            assert_eq!(Entry::decode(entry.encode()), entry);
        }
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
