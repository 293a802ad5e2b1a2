//! Rendering: reports and load errors as text for people, editors and machines.
//!
//! Owns the three output formats. `human` uses codespan-reporting: the primary label
//! on the leaking words, a secondary label on the identity, and a help note. `short` is
//! one `path:line:col: level[RULE]: message` line per finding, for editors' error
//! formats. `json` is one versioned document whose shape is the stable contract
//! described in `docs/json.md`. Rendering returns strings; printing is the binary's job.

use std::io::Write;

use codespan_reporting::diagnostic::{Diagnostic as CodespanDiagnostic, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream, WriteColor};
use codespan_reporting::term::{self, Config as TermConfig};
use serde::Serialize;

use crate::config::FailOn;
use crate::engine::{Diagnostic, IdentitySpan, Report, Span};
use crate::error::SourceError;
use crate::identity::IdentityKind;
use crate::location::LineIndex;
use crate::model::Level;

/// Lines longer than this are not quoted in human output.
pub const LONG_LINE: usize = 2_000;

/// The version of the JSON document; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// One checked input with its report.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The input's name (path or stdin name).
    pub name: String,
    /// The input's text.
    pub text: String,
    /// What the check found.
    pub report: Report,
    /// The safe rewrite, when one was computed.
    pub rewrite: Option<crate::rewrite::Rewrite>,
}

impl Checked {
    /// Whether any finding reaches `fail_on`.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.report
            .diagnostics
            .iter()
            .any(|d| fail_on.fails(d.level))
    }
}

fn severity(level: Level) -> Severity {
    match level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info => Severity::Note,
    }
}

/// The label of an identity span: what the highlighted words do.
pub fn identity_label(kind: IdentityKind) -> &'static str {
    match kind {
        IdentityKind::Addressee => "addressed to this person",
        IdentityKind::Name | IdentityKind::Honorific => "names this person",
        IdentityKind::Handle => "identifies this person",
        IdentityKind::Known => "a known patient name",
        IdentityKind::Relative => "the addressee's relative",
    }
}

fn term_config() -> TermConfig {
    TermConfig::default()
}

/// A buffer that writes ANSI colours or none.
pub fn buffer(color: bool) -> Buffer {
    if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

fn into_string(buffer: Buffer) -> String {
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// Renders findings for people, with a closing summary line.
pub fn human(checked: &[Checked], color: bool) -> String {
    let mut out = buffer(color);
    let config = term_config();
    for input in checked {
        // codespan prints the whole source line under every finding; on a line of a
        // megabyte that is gigabytes of output, so such inputs get one located line per
        // finding instead.
        if input.text.lines().any(|line| line.len() > LONG_LINE) {
            let lines = LineIndex::new(&input.text);
            for diagnostic in &input.report.diagnostics {
                let (line, column) = lines.line_column(&input.text, diagnostic.primary.range.start);
                let _ = writeln!(
                    out,
                    "{}[{}]: {}\n  --> {}:{line}:{column}\n  = help: {}\n",
                    diagnostic.level,
                    diagnostic.rule,
                    diagnostic.message,
                    input.name,
                    diagnostic.help
                );
            }
            continue;
        }
        let file = SimpleFile::new(input.name.as_str(), input.text.as_str());
        for diagnostic in &input.report.diagnostics {
            let mut labels = vec![Label::primary((), diagnostic.primary.range.clone())
                .with_message(format!("{} disclosed", diagnostic.kind.describe()))];
            let identity = diagnostic.identity.as_ref().filter(|identity| {
                let (a, b) = (&identity.span.range, &diagnostic.primary.range);
                a.end <= b.start || b.end <= a.start
            });
            if let Some(identity) = identity {
                labels.push(
                    Label::secondary((), identity.span.range.clone())
                        .with_message(identity_label(identity.kind)),
                );
            }
            let mut notes = Vec::new();
            if let Some(suggestion) = suggestion(input, diagnostic) {
                notes.push(suggestion);
            }
            if let Some(category) = diagnostic.sensitive {
                notes.push(format!(
                    "note: {category} information has extra legal protection"
                ));
            }
            if !diagnostic.help.is_empty() {
                notes.push(format!("help: {}", diagnostic.help));
            }
            let rendered = CodespanDiagnostic::new(severity(diagnostic.level))
                .with_message(&diagnostic.message)
                .with_code(&diagnostic.rule)
                .with_labels(labels)
                .with_notes(notes);
            // Writing to an in-memory buffer cannot fail; spans come from the same text.
            let _ = term::emit(&mut out, &config, &file, &rendered);
        }
    }
    let _ = out.write_all(summary(checked).as_bytes());
    into_string(out)
}

/// What the rewrite does with the sentence of a diagnostic.
fn suggestion(input: &Checked, diagnostic: &Diagnostic) -> Option<String> {
    let rewrite = input.rewrite.as_ref()?;
    let replacement = rewrite.replacements.iter().find(|replacement| {
        replacement.range.start <= diagnostic.primary.range.start
            && diagnostic.primary.range.start < replacement.range.end
    })?;
    Some(if replacement.replacement.is_empty() {
        "suggestion: remove this sentence; `replyguard fix` ends the reply with an offline invitation".to_string()
    } else {
        format!(
            "suggestion: keep only {:?}; `replyguard fix` ends the reply with an offline invitation",
            replacement.replacement
        )
    })
}

/// "2 errors and 1 warning in 1 input" or "no leaks found in 3 inputs".
pub fn summary(checked: &[Checked]) -> String {
    let count = |level: Level| {
        checked
            .iter()
            .flat_map(|input| &input.report.diagnostics)
            .filter(|d| d.level == level)
            .count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let inputs = plural(checked.len(), "input");
    let parts: Vec<String> = [
        (Level::Error, "error"),
        (Level::Warning, "warning"),
        (Level::Info, "info"),
    ]
    .into_iter()
    .filter_map(|(level, word)| {
        let n = count(level);
        (n > 0).then(|| plural(n, word))
    })
    .collect();
    if parts.is_empty() {
        format!("no leaks found in {inputs}\n")
    } else {
        format!("found {} in {inputs}\n", parts.join(", "))
    }
}

/// One `path:line:col: level[RULE]: message` line per finding.
pub fn short(checked: &[Checked]) -> String {
    let mut out = String::new();
    for input in checked {
        let lines = LineIndex::new(&input.text);
        for diagnostic in &input.report.diagnostics {
            let (line, column) = lines.line_column(&input.text, diagnostic.primary.range.start);
            out.push_str(&format!(
                "{}:{line}:{column}: {}[{}]: {}\n",
                input.name, diagnostic.level, diagnostic.rule, diagnostic.message
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    version: u32,
    tool: JsonTool,
    summary: JsonSummary,
    inputs: Vec<JsonInput<'a>>,
}

#[derive(Serialize)]
struct JsonTool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonSummary {
    inputs: usize,
    failed: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonInput<'a> {
    path: &'a str,
    verdict: &'static str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    rewrite: Option<&'a str>,
    replacements: Vec<JsonReplacement<'a>>,
}

#[derive(Serialize)]
struct JsonReplacement<'a> {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    original: &'a str,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    name: &'a str,
    level: Level,
    kind: crate::model::Kind,
    sensitive: Option<crate::model::Sensitive>,
    tie: crate::model::Tie,
    lexicon: &'a str,
    message: &'a str,
    help: &'a str,
    primary: JsonSpan<'a>,
    identity: Option<JsonIdentity<'a>>,
}

#[derive(Serialize)]
struct JsonSpan<'a> {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonIdentity<'a> {
    kind: &'static str,
    #[serde(flatten)]
    span: JsonSpan<'a>,
}

fn json_span<'a>(span: &'a Span, text: &str, lines: &LineIndex) -> JsonSpan<'a> {
    let (line, column) = lines.line_column(text, span.range.start);
    let (end_line, end_column) = lines.line_column(text, span.range.end);
    JsonSpan {
        start: span.range.start,
        end: span.range.end,
        line,
        column,
        end_line,
        end_column,
        text: &span.text,
    }
}

fn json_diagnostic<'a>(
    diagnostic: &'a Diagnostic,
    text: &str,
    lines: &LineIndex,
) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        rule: &diagnostic.rule,
        name: &diagnostic.name,
        level: diagnostic.level,
        kind: diagnostic.kind,
        sensitive: diagnostic.sensitive,
        tie: diagnostic.tie,
        lexicon: &diagnostic.lexicon,
        message: &diagnostic.message,
        help: &diagnostic.help,
        primary: json_span(&diagnostic.primary, text, lines),
        identity: diagnostic
            .identity
            .as_ref()
            .map(|identity: &'a IdentitySpan| JsonIdentity {
                kind: identity.kind.as_str(),
                span: json_span(&identity.span, text, lines),
            }),
    }
}

/// The versioned JSON document for `checked`.
pub fn json(checked: &[Checked], fail_on: FailOn) -> String {
    let count = |level: Level| {
        checked
            .iter()
            .flat_map(|input| &input.report.diagnostics)
            .filter(|d| d.level == level)
            .count()
    };
    let document = JsonDocument {
        version: JSON_VERSION,
        tool: JsonTool {
            name: "replyguard",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: JsonSummary {
            inputs: checked.len(),
            failed: checked.iter().filter(|input| input.fails(fail_on)).count(),
            errors: count(Level::Error),
            warnings: count(Level::Warning),
            infos: count(Level::Info),
        },
        inputs: checked
            .iter()
            .map(|input| {
                let lines = LineIndex::new(&input.text);
                JsonInput {
                    path: &input.name,
                    verdict: if input.fails(fail_on) { "fail" } else { "pass" },
                    diagnostics: input
                        .report
                        .diagnostics
                        .iter()
                        .map(|diagnostic| json_diagnostic(diagnostic, &input.text, &lines))
                        .collect(),
                    rewrite: input.rewrite.as_ref().map(|rewrite| rewrite.text.as_str()),
                    replacements: input
                        .rewrite
                        .iter()
                        .flat_map(|rewrite| &rewrite.replacements)
                        .map(|replacement| {
                            let (line, column) =
                                lines.line_column(&input.text, replacement.range.start);
                            JsonReplacement {
                                start: replacement.range.start,
                                end: replacement.range.end,
                                line,
                                column,
                                original: &replacement.original,
                                replacement: &replacement.replacement,
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

/// One line of `check --jsonl` output: the record's id, its verdict and diagnostics.
pub fn jsonl_result(
    id: &serde_json::Value,
    text: &str,
    report: &Report,
    fail_on: FailOn,
) -> String {
    let lines = LineIndex::new(text);
    let diagnostics: Vec<JsonDiagnostic<'_>> = report
        .diagnostics
        .iter()
        .map(|diagnostic| json_diagnostic(diagnostic, text, &lines))
        .collect();
    #[derive(Serialize)]
    struct JsonlResult<'a> {
        id: &'a serde_json::Value,
        verdict: &'static str,
        diagnostics: Vec<JsonDiagnostic<'a>>,
    }
    let fails = report.diagnostics.iter().any(|d| fail_on.fails(d.level));
    let result = JsonlResult {
        id,
        verdict: if fails { "fail" } else { "pass" },
        diagnostics,
    };
    let mut out = serde_json::to_string(&result).unwrap_or_default();
    out.push('\n');
    out
}

/// Renders pack and config errors as located diagnostics.
pub fn source_errors(errors: &[SourceError], color: bool) -> String {
    let mut out = buffer(color);
    let config = term_config();
    for error in errors {
        let file = SimpleFile::new(error.origin.as_str(), &*error.text);
        let rendered = CodespanDiagnostic::error()
            .with_message(&error.message)
            .with_labels(vec![Label::primary((), error.range.clone())]);
        let _ = term::emit(&mut out, &config, &file, &rendered);
    }
    into_string(out)
}

/// Whether to colour output, from `--color` and the environment.
pub fn use_color(choice: &str, is_terminal: bool) -> bool {
    match choice {
        "always" => true,
        "never" => false,
        _ => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
    }
}

/// A coloured standard error stream, for messages printed by the binary.
pub fn stderr_stream(color: bool) -> StandardStream {
    StandardStream::stderr(if color {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    })
}

/// Writes a one-line error message in the style of the diagnostics.
pub fn write_error(stream: &mut dyn WriteColor, message: &str) {
    let mut spec = codespan_reporting::term::termcolor::ColorSpec::new();
    spec.set_fg(Some(codespan_reporting::term::termcolor::Color::Red))
        .set_bold(true);
    let _ = stream.set_color(&spec);
    let _ = write!(stream, "error");
    let _ = stream.reset();
    let _ = writeln!(stream, ": {message}");
}
