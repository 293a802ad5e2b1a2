//! Compiles the built-in packs (`rules/*.yaml`) into the binary.
//!
//! The packs are loaded and checked with the crate's own loader, so a broken built-in
//! pack fails the build with the same located message `replyguard` would print. Then:
//!
//! - `builtin_packs.rs`: every pack's YAML, for commands that need the term lists;
//! - `builtin.fst` and `builtin_tables.rs`: the terms compiled by
//!   `compiled::build_segment`, and a constructor of the packs without their term lists
//!   (rules, templates, lexicon kinds, patterns with the literals that begin them).
//!
//! Start-up then costs pointer set-up, not parsing 17,000 terms and building an
//! automaton over them.

#![allow(clippy::print_stdout)]

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/compiled.rs"]
mod compiled;
#[allow(dead_code)]
#[path = "src/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/language.rs"]
mod language;
#[allow(dead_code)]
#[path = "src/location.rs"]
mod location;
#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/pack.rs"]
mod pack;

use language::{LanguagePack, List};
use pack::Pack;

/// Stands in for the crate's `builtin` module, which this script writes the tables of.
mod builtin {
    pub fn language_list(_: crate::language::List) -> (&'static [&'static str], &'static str) {
        (&[], "")
    }
}

fn main() {
    let rules = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    for source in [
        "compiled.rs",
        "error.rs",
        "language.rs",
        "location.rs",
        "model.rs",
        "normalize.rs",
        "pack.rs",
    ] {
        println!("cargo:rerun-if-changed=src/{source}");
    }
    let mut files: Vec<String> = fs::read_dir(rules)
        .expect("rules/ exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    files.sort();
    let out_dir = env::var("OUT_DIR").expect("OUT_DIR");
    let out_dir = Path::new(&out_dir);

    let mut sources = String::from("&[\n");
    let mut packs = Vec::new();
    let mut failures = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed=rules/{file}");
        let path = fs::canonicalize(rules.join(file)).expect("pack path");
        writeln!(
            sources,
            "    ({file:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write to a string");
        let text = fs::read_to_string(&path).expect("read pack");
        match Pack::load(&format!("builtin:rules/{file}"), &text) {
            Ok(pack) => packs.push(pack),
            Err(errors) => failures.extend(errors.iter().map(ToString::to_string)),
        }
    }
    sources.push(']');
    if !failures.is_empty() {
        panic!("built-in packs do not load:\n{}", failures.join("\n"));
    }
    fs::write(out_dir.join("builtin_packs.rs"), sources).expect("write builtin_packs.rs");

    let function_words = language_tables(out_dir);

    let segment = compiled::build_segment(&packs, 0, 0, &[]);
    fs::write(out_dir.join("builtin.fst"), &segment.fst).expect("write builtin.fst");
    let mut tables = String::new();
    tables.push_str("/// Entries of the built-in forms, encoded (see `compiled::Entry`).\n");
    write!(
        tables,
        "pub(crate) static ENTRIES: [u32; {}] = [",
        segment.entries.len()
    )
    .unwrap();
    for (i, entry) in segment.entries.iter().enumerate() {
        if i % 16 == 0 {
            tables.push('\n');
        }
        write!(tables, "{entry},").unwrap();
    }
    tables.push_str("\n];\n\n");
    // One string and offsets rather than a table of string slices: a slice is a
    // pointer the loader must relocate at every start-up.
    let (fuzzy_text, fuzzy) = compiled::fuzzy_table(&segment.fuzzy);
    tables.push_str("/// Built-in strong single-word forms for misspellings, end to end.\n");
    writeln!(
        tables,
        "pub(crate) static FUZZY_TEXT: &str = {fuzzy_text:?};\n"
    )
    .unwrap();
    tables.push_str("/// `(start, end, lexicon)` of each form in `FUZZY_TEXT`, sorted.\n");
    writeln!(
        tables,
        "pub(crate) static FUZZY: [(u32, u32, u32); {}] = [",
        fuzzy.len()
    )
    .unwrap();
    for (i, (start, end, lexicon)) in fuzzy.iter().enumerate() {
        if i % 8 == 0 {
            tables.push('\n');
        }
        write!(tables, "({start},{end},{lexicon}),").unwrap();
    }
    tables.push_str("\n];\n\n");
    tables.push_str(&skeleton(&packs, &function_words));
    fs::write(out_dir.join("builtin_tables.rs"), tables).expect("write builtin_tables.rs");
    detect_nvim();
}

/// Loads the language packs (`rules/language/*.yaml`) with the crate's own loader and
/// writes `builtin_language.rs`: each list's entries as a table, in `List::ALL` order, and
/// the sorted word files they name. Returns the function words, which pick prefilters.
fn language_tables(out_dir: &Path) -> Vec<String> {
    let folder = Path::new("rules/language");
    println!("cargo:rerun-if-changed=rules/language");
    let mut files: Vec<String> = fs::read_dir(folder)
        .expect("rules/language/ exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut lists: Vec<Vec<String>> = vec![Vec::new(); List::ALL.len()];
    let mut sorted_files: Vec<Option<String>> = vec![None; List::ALL.len()];
    let mut failures = Vec::new();
    for file in files.iter().filter(|file| file.ends_with(".yaml")) {
        println!("cargo:rerun-if-changed=rules/language/{file}");
        let origin = format!("builtin:rules/language/{file}");
        let text = fs::read_to_string(folder.join(file)).expect("read language pack");
        let pack = match LanguagePack::load(&origin, &text) {
            Ok(pack) => pack,
            Err(errors) => {
                failures.extend(errors.iter().map(ToString::to_string));
                continue;
            }
        };
        for (list, entries) in &pack.words.lists {
            let target = &mut lists[List::ALL.iter().position(|l| l == list).expect("a list")];
            for entry in entries {
                if target.contains(&entry.text) {
                    failures.push(format!(
                        "{origin}: `{}` is already in {} in another language pack",
                        entry.text,
                        list.name()
                    ));
                }
                target.push(entry.text.clone());
            }
        }
        for (list, name) in &pack.files {
            println!("cargo:rerun-if-changed=rules/language/{name}");
            let path =
                fs::canonicalize(folder.join(name)).expect("a word file named by a language pack");
            let body = fs::read_to_string(&path).expect("read word file");
            if let Err((line, problem)) = language::check_sorted_file(&body) {
                failures.push(format!("rules/language/{name}:{line}: {problem}"));
            }
            sorted_files[List::ALL.iter().position(|l| l == list).expect("a list")] =
                Some(path.display().to_string());
        }
    }
    if !failures.is_empty() {
        panic!(
            "built-in language packs do not load:\n{}",
            failures.join("\n")
        );
    }
    let mut out = String::from("// @generated by build.rs from rules/language/.\n\n");
    writeln!(
        out,
        "static LANGUAGE_LISTS: [&[&str]; {}] = [",
        List::ALL.len()
    )
    .unwrap();
    for (list, entries) in List::ALL.iter().zip(&lists) {
        writeln!(out, "    // {}\n    &{entries:?},", list.name()).unwrap();
    }
    out.push_str("];\n\n");
    out.push_str("static LANGUAGE_FILES: [&str; ");
    writeln!(out, "{}] = [", List::ALL.len()).unwrap();
    for path in &sorted_files {
        match path {
            Some(path) => writeln!(out, "    include_str!({path:?}),").unwrap(),
            None => out.push_str("    \"\",\n"),
        }
    }
    out.push_str("];\n");
    fs::write(out_dir.join("builtin_language.rs"), out).expect("write builtin_language.rs");
    lists[List::ALL
        .iter()
        .position(|&l| l == List::FunctionWords)
        .expect("function words")]
    .clone()
}

/// Rust source of `fn skeleton() -> Vec<Pack>`: the packs without their term lists.
fn skeleton(packs: &[Pack], function_words: &[String]) -> String {
    let mut out = String::from("fn skeleton() -> Vec<Pack> {\n    vec![\n");
    for (index, pack) in packs.iter().enumerate() {
        writeln!(
            out,
            "Pack {{ name: {:?}.to_string(), description: {:?}.to_string(), origin: {:?}.to_string(), \
             text: std::sync::Arc::from(SOURCES[{index}].1), name_span: {:?}, precompiled: true, \
             words: Default::default(),",
            pack.name, pack.description, pack.origin, pack.name_span
        )
        .unwrap();
        out.push_str("lexicons: vec![\n");
        for lexicon in &pack.lexicons {
            let sensitive = match lexicon.sensitive {
                Some(sensitive) => format!("Some(Sensitive::{sensitive:?})"),
                None => "None".to_string(),
            };
            writeln!(
                out,
                "Lexicon {{ name: {:?}.to_string(), kind: Kind::{:?}, sensitive: {sensitive}, \
                 addressed: {}, size: {}, strong: Vec::new(), weak: Vec::new(), exceptions: Vec::new(),",
                lexicon.name, lexicon.kind, lexicon.addressed, lexicon.size
            )
            .unwrap();
            for (field, terms) in [
                ("patterns", &lexicon.patterns),
                ("weak_patterns", &lexicon.weak_patterns),
            ] {
                write!(out, "{field}: vec![").unwrap();
                for pattern in terms {
                    write!(out, "term({:?}, {:?}), ", pattern.text, pattern.span).unwrap();
                }
                out.push_str("],\n");
            }
            out.push_str("compiled: vec![");
            let all_patterns = lexicon
                .patterns
                .iter()
                .map(|pattern| (pattern, false))
                .chain(lexicon.weak_patterns.iter().map(|pattern| (pattern, true)));
            for (pattern, weak) in all_patterns {
                // The literals end to end and their lengths (see `Pattern::deferred`),
                // not a slice per literal: each slice is a pointer the loader relocates
                // at start-up.
                let mut literals = String::new();
                let mut lengths = Vec::new();
                for set in prefilter(&pattern.text, function_words) {
                    lengths.push(set.len());
                    for literal in set {
                        lengths.push(literal.len());
                        literals.push_str(&literal);
                    }
                }
                let within = within_sentences(&pattern.text);
                write!(
                    out,
                    "Pattern::deferred({:?}, {literals:?}, &{lengths:?}, {weak}, {within}), ",
                    pattern.text
                )
                .unwrap();
            }
            out.push_str("] },\n");
        }
        out.push_str("],\nrules: vec![\n");
        for rule in &pack.rules {
            let kinds = match &rule.when.kinds {
                Some(kinds) => format!(
                    "Some(vec![{}])",
                    kinds
                        .iter()
                        .map(|kind| format!("Kind::{kind:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => "None".to_string(),
            };
            let lexicons = match &rule.when.lexicons {
                Some(names) => format!(
                    "Some(vec![{}])",
                    names
                        .iter()
                        .map(|name| format!("term({:?}, {:?})", name.text, name.span))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => "None".to_string(),
            };
            let ties = rule
                .when
                .ties
                .iter()
                .map(|tie| format!("Tie::{tie:?}"))
                .collect::<Vec<_>>()
                .join(", ");
            writeln!(
                out,
                "Rule {{ id: {:?}.to_string(), name: {:?}.to_string(), level: Level::{:?}, \
                 when: When {{ kinds: {kinds}, lexicons: {lexicons}, sensitive: {:?}, ties: vec![{ties}] }}, \
                 message: {:?}.to_string(), help: {:?}.to_string(), explain: {:?}.to_string(), \
                 examples: Examples {{ flag: strings(&{:?}), pass: strings(&{:?}) }}, \
                 pack: {:?}.to_string(), id_span: {:?} }},",
                rule.id,
                rule.name,
                rule.level,
                rule.when.sensitive,
                rule.message,
                rule.help,
                rule.explain,
                rule.examples.flag,
                rule.examples.pass,
                rule.pack,
                rule.id_span
            )
            .unwrap();
        }
        out.push_str("],\ntemplates: vec![");
        for (key, value) in &pack.templates {
            write!(out, "({key:?}.to_string(), {value:?}.to_string()), ").unwrap();
        }
        out.push_str("] },\n");
    }
    out.push_str("    ]\n}\n");
    out
}

/// Sets of literals such that every match of `pattern` contains one literal of each,
/// at most three, the most selective first; none means the pattern must always run.
/// They come from the literals that begin or end its matches, and from literals
/// required inside them: `\b(?:\d ?mm pockets?|pocket depths? ...)` must contain
/// "mm pocket" or "pocket depth" wherever it matches.
fn prefilter(pattern: &str, function_words: &[String]) -> Vec<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let Some(hir) = parse(pattern) else {
        return Vec::new();
    };
    let mut conditions = required(&hir);
    for prefix in [true, false] {
        let mut extractor = Extractor::new();
        extractor.kind(if prefix {
            ExtractKind::Prefix
        } else {
            ExtractKind::Suffix
        });
        let mut seq = extractor.extract(&hir);
        if prefix {
            seq.optimize_for_prefix_by_preference();
        } else {
            seq.optimize_for_suffix_by_preference();
        }
        if let Some(literals) = seq.literals() {
            conditions.push(literals.iter().map(|l| l.as_bytes().to_vec()).collect());
        }
    }
    let mut conditions: Vec<Vec<String>> = conditions
        .into_iter()
        .filter(|set| !set.is_empty() && set.len() <= 64)
        .filter_map(|set| {
            set.into_iter()
                .map(|literal| String::from_utf8(literal).ok().filter(|s| !s.is_empty()))
                .collect::<Option<Vec<String>>>()
        })
        .collect();
    // A set is as selective as its commonest literal: longer literals are rarer, a
    // lone letter ("w") is in nearly every reply where a lone digit is not, and a
    // function word ("the ", "your") is in nearly every reply whatever its length.
    let weight = |literal: &String| {
        if literal.trim().is_empty() || function_words.iter().any(|word| word == literal.trim()) {
            return 1;
        }
        2 * literal.len()
            - usize::from(literal.len() == 1 && literal.as_bytes()[0].is_ascii_alphabetic())
    };
    let selectivity = |set: &Vec<String>| set.iter().map(weight).min().unwrap_or(0);
    conditions.sort_by_key(|set| (std::cmp::Reverse(selectivity(set)), set.len()));
    conditions.dedup();
    conditions.truncate(3);
    conditions
}

/// `pattern` parsed as `compile_pattern` compiles it: ASCII classes where that works.
fn parse(pattern: &str) -> Option<regex_syntax::hir::Hir> {
    let ascii = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok();
    ascii.or_else(|| regex_syntax::Parser::new().parse(pattern).ok())
}

/// Whether no match of `pattern` can contain ".", "!" or "?", and it has no anchors
/// (`^`, `$`, `\A`, `\z`), so that it can be run on each sentence-like piece of a text
/// alone. Word boundaries are fine: the pieces end at non-word characters.
fn within_sentences(pattern: &str) -> bool {
    parse(pattern).is_some_and(|hir| !can_contain(&hir, b".!?"))
}

/// Whether a match of `hir` can contain one of the ASCII `bytes`, or `hir` has an anchor
/// (which a piece of text would see differently from the whole).
fn can_contain(hir: &regex_syntax::hir::Hir, bytes: &[u8]) -> bool {
    use regex_syntax::hir::{Class, HirKind, Look};
    match hir.kind() {
        HirKind::Empty => false,
        HirKind::Look(look) => !matches!(
            look,
            Look::WordAscii
                | Look::WordAsciiNegate
                | Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordStartAscii
                | Look::WordEndAscii
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfAscii
                | Look::WordEndHalfAscii
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode
        ),
        HirKind::Literal(literal) => literal.0.iter().any(|byte| bytes.contains(byte)),
        HirKind::Class(Class::Bytes(class)) => class.ranges().iter().any(|range| {
            bytes
                .iter()
                .any(|&byte| range.start() <= byte && byte <= range.end())
        }),
        HirKind::Class(Class::Unicode(class)) => class.ranges().iter().any(|range| {
            bytes
                .iter()
                .any(|&byte| range.start() <= char::from(byte) && char::from(byte) <= range.end())
        }),
        HirKind::Repetition(repetition) => can_contain(&repetition.sub, bytes),
        HirKind::Capture(capture) => can_contain(&capture.sub, bytes),
        HirKind::Concat(children) | HirKind::Alternation(children) => {
            children.iter().any(|child| can_contain(child, bytes))
        }
    }
}

/// Literal sets every match of `hir` must contain one literal of (each set a
/// condition); an empty list when nothing is known.
fn required(hir: &regex_syntax::hir::Hir) -> Vec<Vec<Vec<u8>>> {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Literal(literal) => vec![vec![literal.0.to_vec()]],
        // A class of a few ASCII characters, such as `\d`: one of them must occur.
        HirKind::Class(class) => {
            let bytes: Option<Vec<u8>> = match class {
                Class::Bytes(class) => class
                    .iter()
                    .flat_map(|range| range.start()..=range.end())
                    .take(11)
                    .map(|byte| byte.is_ascii().then_some(byte))
                    .collect(),
                Class::Unicode(class) => class
                    .iter()
                    .flat_map(|range| range.start()..=range.end())
                    .take(11)
                    .map(|c| u8::try_from(c).ok().filter(u8::is_ascii))
                    .collect(),
            };
            match bytes {
                Some(bytes) if bytes.len() <= 10 => {
                    vec![bytes.into_iter().map(|byte| vec![byte]).collect()]
                }
                _ => Vec::new(),
            }
        }
        HirKind::Repetition(repetition) if repetition.min >= 1 => required(&repetition.sub),
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Concat(children) => children.iter().flat_map(required).collect(),
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for branch in branches {
                let best = required(branch).into_iter().max_by_key(|set| {
                    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
                    (shortest, std::cmp::Reverse(set.len()))
                });
                match best {
                    Some(set) => union.extend(set),
                    None => return Vec::new(),
                }
            }
            vec![union]
        }
        _ => Vec::new(),
    }
}

/// Sets `cfg(nvim_missing)` when `nvim` is not on PATH and `CI` is unset, so that the
/// Neovim end-to-end test (`tests/it/nvim.rs`) is reported as ignored there instead of
/// passing without running. On CI the cfg is never set and a missing `nvim` fails the
/// test (issue 14).
fn detect_nvim() {
    println!("cargo::rustc-check-cfg=cfg(nvim_missing)");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    let on_ci = env::var_os("CI").is_some_and(|value| !value.is_empty());
    let nvim = format!("nvim{}", env::consts::EXE_SUFFIX);
    let found = env::var_os("PATH").is_some_and(|path| {
        env::split_paths(&path)
            .filter(|dir| !dir.as_os_str().is_empty())
            .any(|dir| dir.join(&nvim).is_file())
    });
    if !on_ci && !found {
        println!("cargo::rustc-cfg=nvim_missing");
    }
}
