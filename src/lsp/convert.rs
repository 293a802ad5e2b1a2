//! Conversions between the engine's values and the protocol's.
//!
//! Owns turning a report into LSP diagnostics (or the one "did not check" error that
//! stands for a document that could not be checked), a rewrite and a report's sentences
//! into quick fixes, a finding into a hover, and `file:` URIs into paths. Every function
//! takes plain values (a text, a report, a rewrite, ranges) and returns protocol
//! values: none reads the server's documents or state, and none checks, rewrites or
//! renders; the explanation in a hover is handed in, rendered by `render`.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use lsp_types as lsp;

use super::positions::{Encoding, Lines};
use super::{NOT_CHECKED_CODE, REMOVE_SENTENCE_TITLE, REWRITE_TITLE};
use crate::engine::{Diagnostic as Finding, Report};
use crate::model::Level;
use crate::render::identity_label;
use crate::rewrite::Rewrite;

/// The diagnostics of a text: its findings, or one error saying why it was not checked.
pub(super) fn diagnostics(
    uri: &lsp::Uri,
    text: &str,
    analysis: &Result<Report, String>,
    encoding: Encoding,
) -> Vec<lsp::Diagnostic> {
    match analysis {
        Ok(report) => findings(uri, text, report, encoding),
        Err(reason) => vec![lsp::Diagnostic {
            range: lsp::Range::default(),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            code: Some(lsp::NumberOrString::String(NOT_CHECKED_CODE.into())),
            source: Some("replyguard".into()),
            message: format!("replyguard did not check this document: {reason}"),
            ..Default::default()
        }],
    }
}

/// One LSP diagnostic per finding of `report`, in report order.
fn findings(
    uri: &lsp::Uri,
    text: &str,
    report: &Report,
    encoding: Encoding,
) -> Vec<lsp::Diagnostic> {
    let lines = Lines::new(text);
    report
        .diagnostics
        .iter()
        .map(|finding| diagnostic(uri, &lines, finding, encoding))
        .collect()
}

fn diagnostic(
    uri: &lsp::Uri,
    lines: &Lines<'_>,
    finding: &Finding,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let related = finding.identity.as_ref().map(|identity| {
        vec![lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), lines.range(&identity.span.range, encoding)),
            message: identity_label(identity.kind).to_string(),
        }]
    });
    lsp::Diagnostic {
        range: lines.range(&finding.primary.range, encoding),
        severity: Some(match finding.level {
            Level::Error => lsp::DiagnosticSeverity::ERROR,
            Level::Warning => lsp::DiagnosticSeverity::WARNING,
            Level::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(finding.rule.clone())),
        source: Some("replyguard".into()),
        message: finding.message.clone(),
        related_information: related,
        ..Default::default()
    }
}

/// The quick fixes for `requested` of a checked text: the whole rewrite (when it
/// changes anything), then one removal per sentence holding a finding in `requested`.
/// `sentences` are the text's sentence ranges, in order.
pub(super) fn code_actions(
    uri: &lsp::Uri,
    text: &str,
    report: &Report,
    rewritten: Rewrite,
    sentences: &[Range<usize>],
    requested: lsp::Range,
    encoding: Encoding,
) -> Vec<lsp::CodeActionOrCommand> {
    let lines = Lines::new(text);
    let diagnostics = findings(uri, text, report, encoding);
    let mut actions = Vec::new();
    if rewritten.changed(text) {
        let whole = lsp::Range::new(lsp::Position::new(0, 0), lines.end(encoding));
        actions.push(quick_fix(
            REWRITE_TITLE.to_string(),
            uri,
            vec![lsp::TextEdit::new(whole, rewritten.text)],
            diagnostics.clone(),
            true,
        ));
    }
    let requested = lines.offset(requested.start, encoding)..lines.offset(requested.end, encoding);
    let mut removals: Vec<(Range<usize>, Vec<lsp::Diagnostic>)> = Vec::new();
    for (finding, diagnostic) in report.diagnostics.iter().zip(&diagnostics) {
        let primary = &finding.primary.range;
        if primary.start > requested.end || requested.start > primary.end {
            continue;
        }
        let Some(sentence) = sentences
            .iter()
            .find(|sentence| sentence.start <= primary.start && primary.start < sentence.end)
        else {
            continue;
        };
        let removal = removal_range(text, sentence);
        match removals.iter_mut().find(|(range, _)| *range == removal) {
            Some((_, attached)) => attached.push(diagnostic.clone()),
            None => removals.push((removal, vec![diagnostic.clone()])),
        }
    }
    let several = removals.len() > 1;
    for (removal, attached) in removals {
        let title = if several {
            format!(
                "{REMOVE_SENTENCE_TITLE} \"{}\"",
                excerpt(text[removal.clone()].trim())
            )
        } else {
            REMOVE_SENTENCE_TITLE.to_string()
        };
        let edit = lsp::TextEdit::new(lines.range(&removal, encoding), String::new());
        actions.push(quick_fix(title, uri, vec![edit], attached, false));
    }
    actions
}

/// The hover at `position` of a checked text: the explanation of the first finding
/// under it, from `explain`, over the finding's range; `None` off every finding.
pub(super) fn hover(
    text: &str,
    report: &Report,
    position: lsp::Position,
    encoding: Encoding,
    explain: impl FnOnce(&Finding) -> String,
) -> Option<lsp::Hover> {
    let lines = Lines::new(text);
    let offset = lines.offset(position, encoding);
    let finding = report
        .diagnostics
        .iter()
        .find(|finding| finding.primary.range.contains(&offset))?;
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: explain(finding),
        }),
        range: Some(lines.range(&finding.primary.range, encoding)),
    })
}

// `WorkspaceEdit` keys its changes by `Uri`, whose hash is its text and never changes.
#[allow(clippy::mutable_key_type)]
fn quick_fix(
    title: String,
    uri: &lsp::Uri,
    edits: Vec<lsp::TextEdit>,
    diagnostics: Vec<lsp::Diagnostic>,
    preferred: bool,
) -> lsp::CodeActionOrCommand {
    let changes = HashMap::from([(uri.clone(), edits)]);
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(diagnostics),
        edit: Some(lsp::WorkspaceEdit::new(changes)),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

/// The sentence with the blanks that separate it from the next one on its line, or
/// from the previous one when it ends the line, so no double space is left behind.
fn removal_range(text: &str, sentence: &Range<usize>) -> Range<usize> {
    let is_blank = |c: char| c == ' ' || c == '\t';
    let after = &text[sentence.end..];
    let trailing = after.len() - after.trim_start_matches(is_blank).len();
    let next = after[trailing..].chars().next();
    if trailing > 0 && next.is_some_and(|c| c != '\n' && c != '\r') {
        return sentence.start..sentence.end + trailing;
    }
    let before = &text[..sentence.start];
    let leading = before.len() - before.trim_end_matches(is_blank).len();
    let previous = before[..before.len() - leading].chars().next_back();
    if leading > 0 && previous.is_some_and(|c| c != '\n' && c != '\r') {
        return sentence.start - leading..sentence.end + trailing;
    }
    sentence.start..sentence.end + trailing
}

/// The first words of a sentence, for telling removal actions apart.
fn excerpt(sentence: &str) -> String {
    const WIDTH: usize = 40;
    if sentence.chars().count() <= WIDTH {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(WIDTH).collect();
    format!("{}…", cut.trim_end())
}

/// The workspace root: the first workspace folder, else `rootUri`, else `rootPath`.
pub(super) fn workspace_root(params: &lsp::InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|folder| file_path(&folder.uri));
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref().and_then(file_path);
    #[allow(deprecated)]
    let root_path = params.root_path.as_ref().map(PathBuf::from);
    folder.or(root_uri).or(root_path)
}

/// The local path of a `file:` URI (`file:///p`, `file://localhost/p`), percent-decoded.
fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).ok().map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removal_takes_the_separating_blanks() {
        let text = "Hi Jen. Your crown is in. Bye.";
        assert_eq!(&text[removal_range(text, &(8..25))], "Your crown is in. ");
        assert_eq!(&text[removal_range(text, &(26..30))], " Bye.");
        let text = "Hi.\nYour crown.\nBye.";
        assert_eq!(&text[removal_range(text, &(4..15))], "Your crown.");
    }

    #[test]
    fn file_uris_become_paths() {
        let uri = |text: &str| text.parse::<lsp::Uri>().unwrap();
        assert_eq!(
            file_path(&uri("file:///tmp/a%20b")),
            Some(PathBuf::from("/tmp/a b"))
        );
        assert_eq!(
            file_path(&uri("file://localhost/x")),
            Some(PathBuf::from("/x"))
        );
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
    }
}
