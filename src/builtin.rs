//! The built-in packs: their YAML, embedded, and the form the build script compiled
//! them into, so that start-up parses and builds nothing large.

use crate::error::SourceError;
use crate::language::List;
use crate::model::{Kind, Level, Sensitive, Tie};
use crate::pack::{Examples, Lexicon, Pack, Pattern, Rule, Term, When};

/// The built-in packs: `(file name, YAML text)`, in load order.
pub const SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// The FST of every built-in form (see [`crate::compiled`]).
pub(crate) static FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.fst"));

include!(concat!(env!("OUT_DIR"), "/builtin_tables.rs"));

include!(concat!(env!("OUT_DIR"), "/builtin_language.rs"));

/// The built-in entries of `list` (from `rules/language/*.yaml`) and, for a file list,
/// the body of its sorted word file.
pub(crate) fn language_list(list: List) -> (&'static [&'static str], &'static str) {
    let index = List::ALL
        .iter()
        .position(|&l| l == list)
        .unwrap_or_default();
    let file = LANGUAGE_FILES[index];
    let body = if file.is_empty() {
        ""
    } else {
        crate::language::file_body(file)
    };
    (LANGUAGE_LISTS[index], body)
}

/// The built-in packs as the build script compiled them: rules, templates, lexicon
/// kinds and patterns, with the terms left in the matcher's precompiled segment
/// ([`Pack::precompiled`]). Costs microseconds, where parsing the YAML costs tens of
/// milliseconds. The build fails if a built-in pack does not load, so this cannot.
pub fn packs() -> Result<Vec<Pack>, Vec<SourceError>> {
    Ok(skeleton())
}

/// Parses every built-in pack from its YAML, term lists included.
pub fn pack_sources() -> Result<Vec<Pack>, Vec<SourceError>> {
    let mut packs = Vec::new();
    let mut errors = Vec::new();
    for (file, text) in SOURCES {
        match Pack::load(&format!("builtin:rules/{file}"), text) {
            Ok(pack) => packs.push(pack),
            Err(mut pack_errors) => errors.append(&mut pack_errors),
        }
    }
    if errors.is_empty() {
        Ok(packs)
    } else {
        Err(errors)
    }
}

fn term(text: &str, span: std::ops::Range<usize>) -> Term {
    Term {
        text: text.to_string(),
        span,
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}
