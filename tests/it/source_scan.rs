//! Vocabulary lives in packs, grammar in code: no word list hides in `src/`.
//!
//! Scans every source file outside its test module and fails on an array or macro call
//! holding more than 12 string literals, a run of more than 12 string literals joined by
//! `|` (a `match` arm), a string literal with more than 12 `|`-separated alternatives (a
//! regex of words), or an `include_str!` (a word file read around the pack loader).

use std::path::{Path, PathBuf};

const MOST: usize = 12;

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// A string literal: its text and where it starts.
struct Literal {
    at: usize,
    text: String,
}

/// What the scanner sees of a file: code with comments blanked, and the literals.
struct Scanned {
    code: Vec<u8>,
    literals: Vec<Literal>,
}

/// Blanks comments and string literals (kept aside) so brackets can be matched.
fn scan(text: &str) -> Scanned {
    let bytes = text.as_bytes();
    let mut code = bytes.to_vec();
    let mut literals = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        let rest = &bytes[index..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            code[index..index + end].fill(b' ');
            index += end;
        } else if rest.starts_with(b"/*") {
            let end = text[index + 2..].find("*/").map_or(rest.len(), |at| at + 4);
            code[index..index + end].fill(b' ');
            index += end;
        } else if rest.starts_with(b"r\"") || rest.starts_with(b"r#") {
            let hashes = rest[1..].iter().take_while(|&&b| b == b'#').count();
            if rest.get(1 + hashes) != Some(&b'"') {
                index += 1;
                continue;
            }
            let open = 2 + hashes;
            let close = format!("\"{}", "#".repeat(hashes));
            let body_end = text[index + open..]
                .find(&close)
                .map_or(bytes.len(), |at| index + open + at);
            literals.push(Literal {
                at: index,
                text: text[index + open..body_end].to_string(),
            });
            let end = (body_end + close.len()).min(bytes.len());
            code[index..end].fill(b' ');
            code[index] = b'"';
            index = end;
        } else if rest[0] == b'"' {
            let mut end = index + 1;
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            literals.push(Literal {
                at: index,
                text: text[index + 1..end.min(bytes.len())].to_string(),
            });
            let end = (end + 1).min(bytes.len());
            code[index..end].fill(b' ');
            code[index] = b'"';
            index = end;
        } else if rest[0] == b'\'' && rest.len() >= 3 && (rest[2] == b'\'' || rest[1] == b'\\') {
            // A char literal ('"', '\''); a lifetime has no closing quote.
            let end = rest[2..]
                .iter()
                .position(|&b| b == b'\'')
                .map_or(1, |at| at + 3);
            code[index..index + end].fill(b' ');
            index += end;
        } else {
            index += 1;
        }
    }
    Scanned { code, literals }
}

/// The part of a file before its test module.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at])
}

/// Problems found in one file's text, as `line: what`.
fn problems(text: &str) -> Vec<String> {
    let text = without_tests(text);
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let Scanned { code, literals } = scan(text);
    let mut found = Vec::new();
    let code_text = String::from_utf8_lossy(&code);
    if let Some(at) = code_text.find("include_str!") {
        found.push(format!(
            "{}: include_str! reads a file around the pack loader",
            line_of(at)
        ));
    }
    // Each bracket group, and each macro call's parentheses.
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for (at, &byte) in code.iter().enumerate() {
        match byte {
            b'[' | b'(' | b'{' => stack.push((byte, at)),
            b']' | b')' | b'}' => {
                let Some((open, start)) = stack.pop() else {
                    continue;
                };
                let is_macro_call = open == b'('
                    && code[..start].ends_with(b"!")
                    && !code[..start].ends_with(b"format!");
                if open != b'[' && !is_macro_call {
                    continue;
                }
                let inside = literals
                    .iter()
                    .filter(|literal| start < literal.at && literal.at < at)
                    .count();
                if inside > MOST {
                    found.push(format!(
                        "{}: {inside} string literals in one list",
                        line_of(start)
                    ));
                }
            }
            _ => {}
        }
    }
    // String literals joined by `|`, as in a `match` arm.
    let mut run = 1;
    for pair in literals.windows(2) {
        let between = &code[pair[0].at + 1..pair[1].at];
        let joined = between
            .iter()
            .filter(|&&b| !b.is_ascii_whitespace())
            .all(|&b| b == b'|' || b == b' ')
            && between.contains(&b'|');
        run = if joined { run + 1 } else { 1 };
        if run == MOST + 1 {
            found.push(format!(
                "{}: more than {MOST} string literals joined by `|`",
                line_of(pair[1].at)
            ));
        }
    }
    // A literal that is a list of words: many `|`-separated alternatives.
    for literal in &literals {
        let alternatives = literal.text.matches('|').count() + 1;
        if alternatives > MOST {
            found.push(format!(
                "{}: a string of {alternatives} alternatives",
                line_of(literal.at)
            ));
        }
    }
    found
}

#[test]
fn no_word_lists_in_src() {
    let mut files = Vec::new();
    sources(&crate::util::root().join("src"), &mut files);
    files.sort();
    assert!(files.len() > 10, "found only {files:?}");
    let mut report = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read source");
        for problem in problems(&text) {
            report.push(format!("{}:{problem}", file.display()));
        }
    }
    assert!(
        report.is_empty(),
        "word data belongs in rules/ (see docs/language.md):\n{}",
        report.join("\n")
    );
}

/// The scanner finds each kind of word list it is meant to find.
#[test]
fn the_scan_finds_word_lists() {
    let words: Vec<String> = (0..13).map(|index| format!("\"w{index}\"")).collect();
    let array = format!("const WORDS: &[&str] = &[{}];", words.join(", "));
    assert_eq!(problems(&array).len(), 1, "{array}");
    let arm = format!(
        "fn f(w: &str) -> bool {{ match w {{ {} => true, _ => false }} }}",
        words.join(" | ")
    );
    assert_eq!(problems(&arm).len(), 1, "{arm}");
    let regex = format!(
        "const R: &str = r\"{}\";",
        (0..13)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join("|")
    );
    assert_eq!(problems(&regex).len(), 1, "{regex}");
    assert_eq!(
        problems("const W: &str = include_str!(\"words.txt\");").len(),
        1
    );
    let few = format!("const WORDS: &[&str] = &[{}];", words[..12].join(", "));
    assert!(problems(&few).is_empty(), "{few}");
    let tests = format!("fn f() {{}}\n#[cfg(test)]\nmod tests {{ {array} }}");
    assert!(problems(&tests).is_empty());
}
