//! Rendering: reports, listings and load errors as text for people, editors and machines.
//!
//! Owns every output format. `human` uses codespan-reporting: the primary label on the
//! leaking words, a secondary label on the identity, and a help note. `short` is one
//! `path:line:col: level[RULE]: message` line per finding, for editors' error formats.
//! `json` is one versioned document whose shape is the stable contract described in
//! `docs/json.md`. Explanations of rules have one renderer, in plain text for
//! `replyguard explain` and in Markdown for the language server's hover; the listings
//! of `rules` and `packs`, the scores of `eval`, the results of `test` and the patch of
//! `fix --diff` live here too. Rendering is handed what it renders (it never
//! loads an engine) and returns strings; printing is the binary's job.

use std::io::Write;

use codespan_reporting::diagnostic::{Diagnostic as CodespanDiagnostic, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream, WriteColor};
use codespan_reporting::term::{self, Config as TermConfig};
use serde::Serialize;

use crate::batch::CheckedRecord;
use crate::config::FailOn;
use crate::engine::{Diagnostic, IdentitySpan, LoadedRule, Report, Span};
use crate::error::SourceError;
use crate::eval::{CaseResult, Evaluation, Expect};
use crate::identity::IdentityKind;
use crate::lexicon::LexiconInfo;
use crate::location::LineIndex;
use crate::model::{Level, Sensitive};
use crate::pack::{Pack, Rule};
use crate::selftest::ExampleResult;

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
        IdentityKind::Described => "describes this person",
        IdentityKind::Pronoun => "refers back to this person",
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
    authorization: Option<JsonAuthorization<'a>>,
}

#[derive(Serialize)]
struct JsonAuthorization<'a> {
    reference: &'a str,
    expires: &'a str,
    status: &'static str,
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
        authorization: diagnostic
            .authorization
            .as_ref()
            .map(|note| JsonAuthorization {
                reference: &note.reference,
                expires: &note.expires,
                status: if note.valid { "authorized" } else { "expired" },
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

/// The `check --jsonl` lines of a batch of checked records, in order.
pub fn jsonl_records(records: &[CheckedRecord], fail_on: FailOn) -> String {
    records
        .iter()
        .map(|record| jsonl_result(&record.id, &record.text, &record.report, fail_on))
        .collect()
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

/// How an explanation is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Markup {
    /// Plain text for a terminal: `replyguard explain`.
    Text,
    /// Markdown for an editor's hover.
    Markdown,
}

/// What explain says about a rule, before markup: the one shape behind
/// `replyguard explain` and the language server's hover.
struct Explanation<'a> {
    id: &'a str,
    name: &'a str,
    level: String,
    /// The rule's pack, shown in the heading of plain text.
    pack: Option<&'a str>,
    /// Paragraphs after the heading, each as given.
    paragraphs: Vec<&'a str>,
    /// Headed bullet lists, each shown even when empty.
    lists: Vec<(&'static str, Vec<String>)>,
    /// The protected category of the detail explained, with why it matters.
    category: Option<Sensitive>,
    /// What to write instead; nothing is shown when empty.
    help: &'a str,
}

impl Explanation<'_> {
    fn render(&self, markup: Markup) -> String {
        let Explanation { id, name, .. } = self;
        let level = &self.level;
        let mut out = match (markup, self.pack) {
            (Markup::Text, Some(pack)) => format!("{id} {name} ({level}, pack {pack})\n"),
            (Markup::Text, None) => format!("{id} {name} ({level})\n"),
            (Markup::Markdown, _) => format!("**{id}** `{name}` ({level})\n"),
        };
        for paragraph in &self.paragraphs {
            out.push_str(&format!("\n{paragraph}\n"));
        }
        let bullet = match markup {
            Markup::Text => "  - ",
            Markup::Markdown => "- ",
        };
        for (heading, items) in &self.lists {
            out.push_str(&format!("\n{heading}:\n"));
            for item in items {
                out.push_str(&format!("{bullet}{item}\n"));
            }
        }
        if let Some(category) = self.category {
            out.push_str(&match markup {
                Markup::Text => format!("\n{category}: {}\n", category.why()),
                Markup::Markdown => format!("\n*{category}:* {}\n", category.why()),
            });
        }
        if !self.help.is_empty() {
            out.push_str(&match markup {
                Markup::Text => format!("\nWhat to write instead: {}\n", self.help),
                Markup::Markdown => format!("\n**What to write instead:** {}\n", self.help),
            });
        }
        out
    }
}

/// The flagged and passing examples of a rule, as lists; an empty one is left out.
fn example_lists(rule: &Rule) -> Vec<(&'static str, Vec<String>)> {
    [
        ("Flagged", &rule.examples.flag),
        ("Passes", &rule.examples.pass),
    ]
    .into_iter()
    .filter(|(_, examples)| !examples.is_empty())
    .map(|(heading, examples)| (heading, examples.clone()))
    .collect()
}

/// `replyguard explain`: what a rule catches, why it matters, its examples and what to
/// write instead. A rule about protected categories lists those the `lexicons` hold.
pub fn explain_rule(loaded: &LoadedRule, lexicons: &[LexiconInfo]) -> String {
    let rule = &loaded.rule;
    let mut lists = Vec::new();
    if rule.when.sensitive == Some(true) {
        let mut categories: Vec<Sensitive> =
            lexicons.iter().filter_map(|info| info.sensitive).collect();
        categories.sort();
        categories.dedup();
        let items = categories
            .into_iter()
            .map(|category| format!("{category}: {}", category.why()))
            .collect();
        lists.push(("Protected categories", items));
    }
    lists.extend(example_lists(rule));
    Explanation {
        id: &rule.id,
        name: &rule.name,
        level: level_name(loaded.level),
        pack: Some(&rule.pack),
        paragraphs: vec![rule.explain.trim_end()],
        lists,
        category: None,
        help: &rule.help,
    }
    .render(Markup::Text)
}

/// The hover over a finding, as Markdown: the finding's message, then what `explain`
/// says about its rule (`rule`, when loaded) and the finding's protected category.
pub fn explain_finding(finding: &Diagnostic, rule: Option<&LoadedRule>) -> String {
    let mut paragraphs = vec![finding.message.as_str()];
    let mut lists = Vec::new();
    if let Some(loaded) = rule {
        paragraphs.push(loaded.rule.explain.trim());
        lists = example_lists(&loaded.rule);
    }
    Explanation {
        id: &finding.rule,
        name: &finding.name,
        level: finding.level.to_string(),
        pack: None,
        paragraphs,
        lists,
        category: finding.sensitive,
        help: &finding.help,
    }
    .render(Markup::Markdown)
}

/// A rule's level as shown in listings: its name, or `off`.
fn level_name(level: Option<Level>) -> String {
    level.map_or("off".to_string(), |level| level.to_string())
}

/// The first non-blank line of a rule's explanation.
fn summary_of(explain: &str) -> &str {
    explain
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("")
}

/// `replyguard rules`: one line per rule with its id, level, pack, name and summary.
pub fn rules(rules: &[LoadedRule]) -> String {
    let mut out = String::new();
    for loaded in rules {
        out.push_str(&format!(
            "{:<6} {:<8} {:<10} {:<40} {}\n",
            loaded.rule.id,
            level_name(loaded.level),
            loaded.rule.pack,
            loaded.rule.name,
            summary_of(&loaded.rule.explain)
        ));
    }
    out
}

/// `replyguard rules --format json`: the rules as a JSON array.
pub fn rules_json(rules: &[LoadedRule]) -> String {
    let rules: Vec<serde_json::Value> = rules
        .iter()
        .map(|loaded| {
            serde_json::json!({
                "id": loaded.rule.id,
                "name": loaded.rule.name,
                "level": level_name(loaded.level),
                "pack": loaded.rule.pack,
                "summary": summary_of(&loaded.rule.explain),
            })
        })
        .collect();
    format!(
        "{}\n",
        serde_json::to_string_pretty(&rules).unwrap_or_default()
    )
}

/// `replyguard packs`: one line per pack with its sizes and description.
pub fn packs(packs: &[Pack]) -> String {
    let mut out = String::new();
    for pack in packs {
        out.push_str(&format!(
            "{:<16} {:>3} lexicons {:>6} terms {:>3} rules  {}\n",
            pack.name,
            pack.lexicons.len(),
            pack.term_count(),
            pack.rules.len(),
            pack.description
        ));
    }
    out
}

/// `replyguard eval`: each case that came out wrong, the scores, and each missed bar.
pub fn evaluation(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    for result in evaluation.results.iter().filter(|r| !r.is_correct()) {
        match result.expect {
            Expect::Pass => out.push_str(&format!(
                "false alarm {}: expected pass, got {}\n",
                result.id,
                result.findings.join("; ")
            )),
            Expect::Flag if !result.flagged => {
                out.push_str(&format!("miss {}: expected flag, got pass\n", result.id));
            }
            Expect::Flag => out.push_str(&format!(
                "uncovered {}: terms {:?} not covered (found {})\n",
                result.id,
                result.uncovered,
                result.findings.join("; ")
            )),
        }
    }
    let summary = &evaluation.summary;
    out.push_str(&format!(
        "cases: {} ({} flag, {} pass)\nprecision: {:.4}\nrecall: {:.4} ({}/{})\nfalse alarms: {:.4} ({}/{})\nterm coverage: {:.4} ({}/{})\n",
        summary.cases,
        summary.flag_cases,
        summary.pass_cases,
        summary.precision,
        summary.recall,
        summary.true_positives,
        summary.flag_cases,
        summary.false_alarm_rate,
        summary.false_alarms,
        summary.pass_cases,
        summary.term_coverage,
        summary.terms_covered,
        summary.terms,
    ));
    for failure in &evaluation.gate_failures {
        out.push_str(&format!("gate: {failure}\n"));
    }
    out
}

/// `replyguard eval --format json`: the summary, the cases that came out wrong and the
/// missed bars, in one versioned document.
pub fn evaluation_json(evaluation: &Evaluation) -> String {
    let wrong: Vec<&CaseResult> = evaluation
        .results
        .iter()
        .filter(|r| !r.is_correct())
        .collect();
    let document = serde_json::json!({
        "version": JSON_VERSION,
        "summary": evaluation.summary,
        "wrong": wrong,
        "gate_failures": evaluation.gate_failures,
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}

/// `replyguard test`: one line per failing example, then the count of each outcome.
pub fn self_test(results: &[ExampleResult]) -> String {
    let mut out = String::new();
    let mut failed = 0;
    for result in results {
        if let Some(failure) = &result.failure {
            failed += 1;
            out.push_str(&format!(
                "FAIL {} {} {} example {:?}: {failure}\n",
                result.pack, result.rule, result.expect, result.text
            ));
        }
    }
    out.push_str(&format!(
        "examples: {} passed, {failed} failed\n",
        results.len() - failed
    ));
    out
}

/// `fix --diff`: a unified diff from the draft to the rewrite of the input `name`;
/// empty when they are the same.
pub fn unified_diff(name: &str, draft: &str, rewritten: &str) -> String {
    if draft == rewritten {
        return String::new();
    }
    similar::TextDiff::from_lines(draft, rewritten)
        .unified_diff()
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;

    fn engine() -> Engine {
        let packs = crate::builtin::packs().expect("built-in packs load");
        Engine::new(packs, &crate::Config::default(), &[]).expect("built-in packs compile")
    }

    #[test]
    fn explain_is_one_shape_in_text_and_markdown() {
        let engine = engine();
        let loaded = engine.rule("RG101").expect("RG101 is built in");
        let text = explain_rule(loaded, engine.lexicons());
        assert!(text.starts_with("RG101 "), "{text}");
        assert!(text.contains(", pack "), "{text}");
        assert!(text.contains("\nFlagged:\n  - "), "{text}");
        let report = engine.check_text("Hi Jen, your root canal healed nicely!");
        let finding = &report.diagnostics[0];
        let hover = explain_finding(finding, engine.rule(&finding.rule));
        assert!(
            hover.starts_with(&format!("**{}** `", finding.rule)),
            "{hover}"
        );
        assert!(hover.contains("\nFlagged:\n- "), "{hover}");
        let first = text.lines().nth(2).expect("the explanation's first line");
        assert!(hover.contains(first), "{first:?} not in {hover}");
    }

    #[test]
    fn sensitive_rules_list_the_protected_categories() {
        let engine = engine();
        let sensitive = engine
            .rules()
            .iter()
            .find(|loaded| loaded.rule.when.sensitive == Some(true))
            .expect("a built-in rule about protected categories");
        let text = explain_rule(sensitive, engine.lexicons());
        assert!(text.contains("\nProtected categories:\n  - "), "{text}");
    }
}
