//! The JSON contract: `docs/json.md` against the output of the real binary.
//!
//! The page's tables are the description (one table per kind of object, a row per
//! field, see "How to read the tables" there). This module parses them and checks the
//! output of `check --format json` and `check --jsonl` over several inputs against
//! them: every key in the output is documented, every field documented as `always` is
//! present, every value has the documented type, and every documented field shows up
//! with a value in at least one run. It also checks what the page says about
//! positions, counts, verdicts and exit codes. A change to the page or to the output
//! that is not made to the other fails here (issue 14).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::util::{root, run_in, Sandbox};

/// The page, relative to the project root.
/// A post about two patients: one authorized, one whose authorization expired.
const SPOTLIGHT_POST: &str = "Patient spotlight: Harold Jensen walked out two weeks after his knee replacement! And Ava Brooks finished her last round of chemo.";

const PAGE: &str = "docs/json.md";

/// The header row of every contract table; other tables on the page are prose.
const HEADER: [&str; 4] = ["Field", "Type", "Presence", "Meaning"];

/// A field's type, as written in a table's Type column.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Type {
    /// `integer`: a whole number, never negative.
    Integer,
    /// `string`.
    String,
    /// `any`: any JSON value.
    Any,
    /// ``string: `a`, `b` ``: one of the listed strings.
    OneOf(Vec<String>),
    /// An object with its own table on the page.
    Object(String),
    /// `array of T`.
    Array(Box<Type>),
}

/// One row of a contract table.
#[derive(Debug)]
struct Field {
    name: String,
    kind: Type,
    nullable: bool,
    always: bool,
}

/// What `docs/json.md` describes.
#[derive(Debug)]
struct Contract {
    /// From "This page describes version N."
    version: u64,
    /// Each kind of object by its heading, with its fields in table order.
    objects: BTreeMap<String, Vec<Field>>,
}

fn table_cells(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    Some(
        inner
            .split('|')
            .map(|cell| cell.trim().to_string())
            .collect(),
    )
}

fn is_separator(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|cell| !cell.is_empty() && cell.chars().all(|c| c == '-' || c == ':'))
}

fn code_span(cell: &str) -> Option<&str> {
    cell.strip_prefix('`')?.strip_suffix('`')
}

fn parse_type(cell: &str) -> Result<Type, String> {
    if let Some(item) = cell.strip_prefix("array of ") {
        return Ok(Type::Array(Box::new(parse_type(item)?)));
    }
    if let Some(values) = cell.strip_prefix("string:") {
        let values = values
            .split(',')
            .map(|value| {
                code_span(value.trim())
                    .map(str::to_string)
                    .ok_or_else(|| format!("value {value:?} is not in backticks"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Type::OneOf(values));
    }
    match cell {
        "integer" => Ok(Type::Integer),
        "string" => Ok(Type::String),
        "any" => Ok(Type::Any),
        // A link to the object's table: `[Span](#span)`.
        _ => cell
            .strip_prefix('[')
            .and_then(|rest| rest.split_once("](#"))
            .map(|(name, _)| Type::Object(name.to_string()))
            .ok_or_else(|| format!("unknown type {cell:?}")),
    }
}

fn parse_field(cells: &[String]) -> Result<Field, String> {
    let [name, kind, presence, meaning] = cells else {
        return Err(format!("{} cells, not 4", cells.len()));
    };
    let name = code_span(name).ok_or("the field name is not in backticks")?;
    let (kind, nullable) = match kind.strip_suffix(" or null") {
        Some(kind) => (kind, true),
        None => (kind.as_str(), false),
    };
    let always = match presence.as_str() {
        "always" => true,
        "optional" => false,
        other => return Err(format!("presence {other:?} is neither always nor optional")),
    };
    if meaning.is_empty() {
        return Err("no meaning".into());
    }
    Ok(Field {
        name: name.to_string(),
        kind: parse_type(kind)?,
        nullable,
        always,
    })
}

fn parse_contract(page: &str) -> Result<Contract, String> {
    let version = page
        .split_once("This page describes version ")
        .and_then(|(_, rest)| rest.split_once('.'))
        .and_then(|(number, _)| number.parse().ok())
        .ok_or("no \"This page describes version N.\"")?;
    let mut objects: BTreeMap<String, Vec<Field>> = BTreeMap::new();
    let mut heading: Option<String> = None;
    let mut table: Option<String> = None;
    for (index, line) in page.lines().enumerate() {
        let at = format!("{PAGE}:{}", index + 1);
        if line.starts_with('#') {
            heading = line
                .strip_prefix("### ")
                .map(|title| title.trim().to_string());
            table = None;
            continue;
        }
        let Some(cells) = table_cells(line) else {
            table = None;
            continue;
        };
        if cells == HEADER {
            let name = heading
                .clone()
                .ok_or(format!("{at}: a contract table without a ### heading"))?;
            if objects.insert(name.clone(), Vec::new()).is_some() {
                return Err(format!("{at}: a second table for {name}"));
            }
            table = Some(name);
            continue;
        }
        let Some(name) = &table else {
            continue;
        };
        if is_separator(&cells) {
            continue;
        }
        let field = parse_field(&cells).map_err(|problem| format!("{at}: {problem}"))?;
        let fields = objects.get_mut(name).expect("table opened above");
        if fields.iter().any(|known| known.name == field.name) {
            return Err(format!("{at}: {name}.{} is listed twice", field.name));
        }
        fields.push(field);
    }
    let contract = Contract { version, objects };
    for (name, fields) in &contract.objects {
        if fields.is_empty() {
            return Err(format!("{name}: a table without fields"));
        }
        for field in fields {
            let mut kind = &field.kind;
            while let Type::Array(item) = kind {
                kind = item;
            }
            if let Type::Object(object) = kind {
                if !contract.objects.contains_key(object) {
                    return Err(format!("{name}.{}: no table for {object}", field.name));
                }
            }
        }
    }
    Ok(contract)
}

fn contract() -> Contract {
    let page = std::fs::read_to_string(root().join(PAGE)).expect("docs/json.md");
    parse_contract(&page).unwrap_or_else(|problem| panic!("{PAGE}: {problem}"))
}

/// Checks values against the contract, collecting every problem rather than the first.
struct Checker<'a> {
    contract: &'a Contract,
    problems: Vec<String>,
    /// `(object, field)` pairs seen with a value other than null.
    seen: BTreeSet<(String, String)>,
}

impl Checker<'_> {
    fn object(&mut self, name: &str, value: &Value, at: &str) {
        let Some(map) = value.as_object() else {
            self.problems
                .push(format!("{at}: expected a {name} object, found {value}"));
            return;
        };
        let fields = &self.contract.objects[name];
        for key in map.keys() {
            if !fields.iter().any(|field| &field.name == key) {
                self.problems
                    .push(format!("{at}.{key}: not in the table of {name} in {PAGE}"));
            }
        }
        for field in fields {
            let path = format!("{at}.{}", field.name);
            match map.get(&field.name) {
                None if field.always => self
                    .problems
                    .push(format!("{path}: missing, but {PAGE} says always")),
                None => {}
                // `any` takes every JSON value, null among them.
                Some(Value::Null) if field.nullable || field.kind == Type::Any => {}
                Some(Value::Null) => self
                    .problems
                    .push(format!("{path}: null, but {PAGE} does not say `or null`")),
                Some(value) => {
                    self.seen.insert((name.to_string(), field.name.clone()));
                    self.value(&field.kind, value, &path);
                }
            }
        }
    }

    fn value(&mut self, kind: &Type, value: &Value, at: &str) {
        let fits = match kind {
            Type::Integer => value.is_u64(),
            Type::String => value.is_string(),
            Type::Any => true,
            Type::OneOf(values) => value
                .as_str()
                .is_some_and(|value| values.iter().any(|listed| listed == value)),
            Type::Object(name) => {
                self.object(name, value, at);
                return;
            }
            Type::Array(item) => {
                let Some(items) = value.as_array() else {
                    self.problems
                        .push(format!("{at}: expected an array, found {value}"));
                    return;
                };
                for (index, element) in items.iter().enumerate() {
                    self.value(item, element, &format!("{at}[{index}]"));
                }
                return;
            }
        };
        if !fits {
            self.problems
                .push(format!("{at}: {value} is not {kind:?} as {PAGE} says"));
        }
    }
}

/// The 1-based line and column (in characters) of byte `offset`, as the page defines
/// them: breaks are `\n`, `\r\n` and a lone `\r`.
fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    for (index, &byte) in bytes[..offset].iter().enumerate() {
        let lone_cr = byte == b'\r' && bytes.get(index + 1) != Some(&b'\n');
        if byte == b'\n' || lone_cr {
            line += 1;
            line_start = index + 1;
        }
    }
    (line, text[line_start..offset].chars().count() as u64 + 1)
}

fn number(value: &Value, key: &str) -> u64 {
    value[key].as_u64().unwrap_or(u64::MAX)
}

/// What the page says about a span or a replacement of `text`: offsets on character
/// boundaries, the quoted text, and the lines and columns of its ends.
fn check_position(problems: &mut Vec<String>, value: &Value, text: &str, quoted: &str, at: &str) {
    let (start, end) = (number(value, "start"), number(value, "end"));
    let in_text = |offset: u64| {
        usize::try_from(offset)
            .ok()
            .filter(|&offset| text.is_char_boundary(offset))
    };
    let (Some(start), Some(end)) = (in_text(start), in_text(end)) else {
        problems.push(format!("{at}: offsets {start}..{end} are not in the text"));
        return;
    };
    if start > end || value[quoted].as_str() != Some(&text[start..end]) {
        problems.push(format!(
            "{at}: `{quoted}` is not the text from start to end"
        ));
    }
    let (line, column) = line_column(text, start);
    if (number(value, "line"), number(value, "column")) != (line, column) {
        problems.push(format!("{at}: start is at {line}:{column}"));
    }
    if value.get("end_line").is_some() {
        let (line, column) = line_column(text, end);
        if (number(value, "end_line"), number(value, "end_column")) != (line, column) {
            problems.push(format!("{at}: end is at {line}:{column}"));
        }
    }
}

fn check_diagnostics(problems: &mut Vec<String>, diagnostics: &Value, text: &str, at: &str) {
    for (index, diagnostic) in diagnostics.as_array().into_iter().flatten().enumerate() {
        let at = format!("{at}.diagnostics[{index}]");
        check_position(
            problems,
            &diagnostic["primary"],
            text,
            "text",
            &format!("{at}.primary"),
        );
        if !diagnostic["identity"].is_null() {
            check_position(
                problems,
                &diagnostic["identity"],
                text,
                "text",
                &format!("{at}.identity"),
            );
        }
    }
}

/// Whether a diagnostic at `level` reaches `fail_on`.
fn reaches(level: &Value, fail_on: &str) -> bool {
    let rank = |level: &str| {
        ["info", "warning", "error"]
            .iter()
            .position(|l| *l == level)
    };
    match (level.as_str().and_then(rank), rank(fail_on)) {
        (Some(level), Some(bar)) => level >= bar,
        _ => false,
    }
}

/// One run of `check --format json`.
struct DocumentCase<'a> {
    name: &'a str,
    dir: &'a Path,
    args: Vec<&'a str>,
    stdin: &'a str,
    /// The inputs the document must list, in order: path and text.
    inputs: Vec<(String, String)>,
    fail_on: &'a str,
    /// Whether some input cannot be read (exit 2).
    unreadable: bool,
}

fn check_document(checker: &mut Checker<'_>, case: &DocumentCase<'_>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend(&case.args);
    let run = run_in(case.dir, &args, case.stdin.as_bytes());
    let name = case.name;
    let document: Value = match serde_json::from_str(&run.stdout) {
        Ok(document) => document,
        Err(error) => {
            checker
                .problems
                .push(format!("{name}: not JSON ({error}): {run:?}"));
            return;
        }
    };
    checker.object("Document", &document, name);
    let problems = &mut checker.problems;
    if !run.stdout.ends_with("}\n") || !run.stdout.starts_with("{\n  \"") {
        problems.push(format!("{name}: not pretty-printed with a final newline"));
    }
    if document["version"].as_u64() != Some(checker.contract.version) {
        problems.push(format!(
            "{name}: version {}, but {PAGE} describes version {}",
            document["version"], checker.contract.version
        ));
    }
    if document["tool"]
        != serde_json::json!({"name": "replyguard", "version": env!("CARGO_PKG_VERSION")})
    {
        problems.push(format!("{name}: tool is {}", document["tool"]));
    }
    let inputs = document["inputs"].as_array().cloned().unwrap_or_default();
    let paths: Vec<&str> = inputs.iter().filter_map(|i| i["path"].as_str()).collect();
    let expected: Vec<&str> = case.inputs.iter().map(|(path, _)| path.as_str()).collect();
    if paths != expected {
        problems.push(format!("{name}: inputs {paths:?}, expected {expected:?}"));
    }
    let mut failed = 0;
    let mut levels = BTreeMap::new();
    for (index, (input, (_, text))) in inputs.iter().zip(&case.inputs).enumerate() {
        let at = format!("{name}.inputs[{index}]");
        let diagnostics = input["diagnostics"]
            .as_array()
            .map_or(&[][..], Vec::as_slice);
        for diagnostic in diagnostics {
            *levels
                .entry(diagnostic["level"].as_str().unwrap_or("?"))
                .or_insert(0) += 1;
        }
        let fails = diagnostics
            .iter()
            .any(|diagnostic| reaches(&diagnostic["level"], case.fail_on));
        failed += usize::from(fails);
        if input["verdict"] != if fails { "fail" } else { "pass" } {
            problems.push(format!(
                "{at}: verdict {} against --fail-on {}",
                input["verdict"], case.fail_on
            ));
        }
        check_diagnostics(problems, &input["diagnostics"], text, &at);
        if input["rewrite"].is_null() != diagnostics.is_empty() {
            problems.push(format!(
                "{at}: rewrite must be null exactly when there are no diagnostics"
            ));
        }
        let replacements = input["replacements"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if input["rewrite"].is_null() && !replacements.is_empty() {
            problems.push(format!("{at}: replacements without a rewrite"));
        }
        for (number, replacement) in replacements.iter().enumerate() {
            let at = format!("{at}.replacements[{number}]");
            check_position(problems, replacement, text, "original", &at);
        }
    }
    let summary = &document["summary"];
    let count = |level: &str| levels.get(level).copied().unwrap_or(0u64);
    let expected_summary = serde_json::json!({
        "inputs": inputs.len(),
        "failed": failed,
        "errors": count("error"),
        "warnings": count("warning"),
        "infos": count("info"),
    });
    if *summary != expected_summary {
        problems.push(format!(
            "{name}: summary {summary}, counted {expected_summary}"
        ));
    }
    let code = match (case.unreadable, failed > 0) {
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => 0,
    };
    if run.code != code {
        problems.push(format!(
            "{name}: exit {}, expected {code}: {run:?}",
            run.code
        ));
    }
}

/// Replies that reach parts of the contract the fixtures may not: a CRLF line break
/// and curly quotes before a finding, a relative, an @handle, a protected category.
const STDIN_REPLY: &str = "Hi Jen,\r\nWe’re glad your son’s ear infection cleared up.\rThanks @sam_r, Suboxone treatment takes time.\n";
const PASSING_REPLY: &str = "Thank you so much for the kind review! We are glad you found us.";
const LEAKING_REPLY: &str = "Hi Jen, your root canal healed nicely.";

fn fixture_replies() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("fixtures/replies"))
        .expect("fixtures/replies")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read_to_string(path).expect("fixture"))
        })
        .collect()
}

fn check_documents(checker: &mut Checker<'_>) {
    let replies_dir = root().join("fixtures/replies");
    let replies = fixture_replies();
    assert!(replies.len() >= 5, "fixtures/replies: {replies:?}");
    let mut all_args = vec!["--no-config"];
    all_args.extend(replies.iter().map(|(name, _)| name.as_str()));
    let sandbox = Sandbox::new();
    sandbox.write("leak.txt", LEAKING_REPLY);
    sandbox.write("quiet.yaml", "rules: {RG101: info}\n");
    sandbox.write("spotlight.txt", SPOTLIGHT_POST);
    sandbox.write(
        "authorized.yaml",
        "authorized:\n  - {name: Harold Jensen, ref: auth-2026-031, expires: 2999-06-30}\n  - {name: Ava Brooks, ref: auth-2020-007, expires: 2001-01-31}\n",
    );
    let stdin = |name: &str, text: &str| vec![(name.to_string(), text.to_string())];
    let cases = [
        DocumentCase {
            name: "every fixture reply",
            dir: &replies_dir,
            args: all_args,
            stdin: "",
            inputs: replies.clone(),
            fail_on: "warning",
            unreadable: false,
        },
        DocumentCase {
            name: "stdin",
            dir: sandbox.path(),
            args: vec!["--no-config"],
            stdin: STDIN_REPLY,
            inputs: stdin("<stdin>", STDIN_REPLY),
            fail_on: "warning",
            unreadable: false,
        },
        DocumentCase {
            name: "stdin with a name, and a file",
            dir: sandbox.path(),
            args: vec![
                "--no-config",
                "--stdin-filename",
                "post-123",
                "-",
                "leak.txt",
            ],
            stdin: STDIN_REPLY,
            inputs: [
                stdin("post-123", STDIN_REPLY),
                stdin("leak.txt", LEAKING_REPLY),
            ]
            .concat(),
            fail_on: "warning",
            unreadable: false,
        },
        DocumentCase {
            name: "a passing reply",
            dir: sandbox.path(),
            args: vec!["--no-config"],
            stdin: PASSING_REPLY,
            inputs: stdin("<stdin>", PASSING_REPLY),
            fail_on: "warning",
            unreadable: false,
        },
        DocumentCase {
            name: "findings below --fail-on",
            dir: sandbox.path(),
            args: vec!["--no-config", "--fail-on", "never", "leak.txt"],
            stdin: "",
            inputs: stdin("leak.txt", LEAKING_REPLY),
            fail_on: "never",
            unreadable: false,
        },
        DocumentCase {
            name: "a rule turned to info",
            dir: sandbox.path(),
            args: vec!["--config", "quiet.yaml", "leak.txt"],
            stdin: "",
            inputs: stdin("leak.txt", LEAKING_REPLY),
            fail_on: "warning",
            unreadable: false,
        },
        DocumentCase {
            name: "patients with authorizations, one expired",
            dir: sandbox.path(),
            args: vec!["--config", "authorized.yaml", "spotlight.txt"],
            stdin: "",
            inputs: stdin("spotlight.txt", SPOTLIGHT_POST),
            fail_on: "warning",
            unreadable: false,
        },
        DocumentCase {
            name: "an unreadable input among readable ones",
            dir: sandbox.path(),
            args: vec!["--no-config", "leak.txt", "missing.txt"],
            stdin: "",
            inputs: stdin("leak.txt", LEAKING_REPLY),
            fail_on: "warning",
            unreadable: true,
        },
    ];
    for case in &cases {
        check_document(checker, case);
    }
}

fn check_jsonl(checker: &mut Checker<'_>) {
    let sandbox = Sandbox::new();
    // Ids of several JSON types, a record without one, a blank line, every fixture reply.
    let mut records = vec![
        (serde_json::json!(7), STDIN_REPLY.to_string()),
        (
            serde_json::json!({"post": [1, 2]}),
            LEAKING_REPLY.to_string(),
        ),
        (Value::Null, PASSING_REPLY.to_string()),
    ];
    records.extend(
        fixture_replies()
            .into_iter()
            .map(|(name, text)| (Value::String(name), text)),
    );
    let mut file = String::new();
    let mut renamed = String::new();
    for (id, text) in &records {
        let record = match id {
            Value::Null => serde_json::json!({ "text": text }),
            id => serde_json::json!({ "id": id, "text": text }),
        };
        file.push_str(&format!("{record}\n\n"));
        renamed.push_str(&format!(
            "{}\n",
            serde_json::json!({"post": id, "body": text})
        ));
    }
    sandbox.write("records.jsonl", &file);
    sandbox.write("renamed.jsonl", &renamed);
    let runs = [
        (
            "jsonl",
            vec!["check", "--no-config", "--jsonl", "records.jsonl"],
        ),
        (
            "jsonl with other field names",
            vec![
                "check",
                "--no-config",
                "--jsonl",
                "--id-field",
                "post",
                "--text-field",
                "body",
                "renamed.jsonl",
            ],
        ),
    ];
    for (name, args) in runs {
        let run = run_in(sandbox.path(), &args, b"");
        let lines: Vec<&str> = run.stdout.lines().collect();
        if lines.len() != records.len() {
            checker.problems.push(format!(
                "{name}: {} lines for {} records",
                lines.len(),
                records.len()
            ));
        }
        let mut failed = false;
        for (index, (line, (id, text))) in lines.iter().zip(&records).enumerate() {
            let at = format!("{name}:{}", index + 1);
            let result: Value = match serde_json::from_str(line) {
                Ok(result) => result,
                Err(error) => {
                    checker.problems.push(format!("{at}: not JSON ({error})"));
                    continue;
                }
            };
            checker.object("LineResult", &result, &at);
            if result["id"] != *id {
                checker
                    .problems
                    .push(format!("{at}: id {}, expected {id}", result["id"]));
            }
            let fails = result["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|diagnostic| reaches(&diagnostic["level"], "warning"));
            failed |= fails;
            if result["verdict"] != if fails { "fail" } else { "pass" } {
                checker
                    .problems
                    .push(format!("{at}: verdict {}", result["verdict"]));
            }
            check_diagnostics(&mut checker.problems, &result["diagnostics"], text, &at);
        }
        if run.code != i32::from(failed) {
            checker
                .problems
                .push(format!("{name}: exit {}: {}", run.code, run.stderr));
        }
    }
}

#[test]
fn docs_json_describes_both_outputs() {
    let contract = contract();
    for root in ["Document", "LineResult"] {
        assert!(
            contract.objects.contains_key(root),
            "{PAGE}: no {root} table"
        );
    }
}

#[test]
fn docs_json_tables_are_read_strictly() {
    let page = "This page describes version 3.\n\n### Thing\n\n| Field | Type | Presence | Meaning |\n|---|---|---|---|\n| `a` | array of [Thing](#thing) or null | always | Things. |\n| `b` | string: `x`, `y` | optional | Letters. |\n";
    let contract = parse_contract(page).expect("a well-formed page");
    assert_eq!(contract.version, 3);
    let fields = &contract.objects["Thing"];
    assert_eq!(
        fields[0].kind,
        Type::Array(Box::new(Type::Object("Thing".into())))
    );
    assert!(fields[0].nullable && fields[0].always);
    assert_eq!(fields[1].kind, Type::OneOf(vec!["x".into(), "y".into()]));
    assert!(!fields[1].nullable && !fields[1].always);
    for broken in [
        page.replace("[Thing](#thing)", "[Other](#other)"),
        page.replace("`b` | string", "`a` | string"),
        page.replace("optional", "sometimes"),
        page.replace("string: `x`", "string: x"),
        page.replace("version 3.", "version three."),
    ] {
        assert!(parse_contract(&broken).is_err(), "accepted:\n{broken}");
    }
}

#[test]
fn json_output_matches_docs_json() {
    let contract = contract();
    let mut checker = Checker {
        contract: &contract,
        problems: Vec::new(),
        seen: BTreeSet::new(),
    };
    check_documents(&mut checker);
    check_jsonl(&mut checker);
    // Every documented field was checked against a real value somewhere, so the runs
    // above cover the whole page.
    for (name, fields) in &contract.objects {
        for field in fields {
            if !checker.seen.contains(&(name.clone(), field.name.clone())) {
                checker.problems.push(format!(
                    "{name}.{}: never seen with a value; add an input that has one",
                    field.name
                ));
            }
        }
    }
    let shown = 40;
    assert!(
        checker.problems.is_empty(),
        "the output does not match {PAGE} ({} problems):\n{}",
        checker.problems.len(),
        checker.problems[..checker.problems.len().min(shown)].join("\n")
    );
}
