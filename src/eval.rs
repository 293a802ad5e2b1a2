//! Evaluation: precision, recall and term coverage on a labeled corpus.
//!
//! Owns reading the JSON Lines corpus format of `DESIGN.md` (a malformed line is an
//! error naming the file and line) and scoring an engine against it. A `flag` case is
//! detected when some diagnostic at warning or above fires; each of its `terms` is
//! covered when a diagnostic's primary span overlaps an occurrence of it. A `pass` case
//! is a false alarm when anything at warning or above fires. Scoring does no IO. The
//! gate of `replyguard eval` lives here too: the bars a summary must meet and the
//! verdict ([`evaluate`]); how the verdict is shown is `render`'s job.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::config::Platform;
use crate::engine::{Engine, Report};
use crate::error::{Error, SourceError};
use crate::model::Level;
use crate::reply::{Message, Reply};

/// What a case expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    /// Some finding at warning or above, covering every term.
    Flag,
    /// Nothing at warning or above.
    Pass,
}

/// One labeled reply.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique id.
    pub id: String,
    /// The reply.
    pub text: String,
    /// The label.
    pub expect: Expect,
    /// Exact substrings that leak (flag cases).
    #[serde(default)]
    pub terms: Vec<String>,
    /// Kinds of the leaked details.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Names known from the thread, as `--name` would give them.
    #[serde(default)]
    pub names: Vec<String>,
    /// Where the reply would be posted.
    #[serde(default)]
    pub platform: Option<String>,
    /// The text the reply answers, when the case has one.
    #[serde(default)]
    pub thread: Option<String>,
    /// Who wrote `thread`.
    #[serde(default)]
    pub author: Option<String>,
    /// Why the case is labeled as it is.
    #[serde(default)]
    pub note: Option<String>,
}

impl Case {
    /// The reply this case checks: its text with its names, platform and thread. A
    /// platform this version does not know is read as generic.
    pub fn reply(&self) -> Reply {
        let platform = self
            .platform
            .as_deref()
            .and_then(|name| name.parse::<Platform>().ok())
            .unwrap_or_default();
        let mut reply = Reply::new(self.text.clone())
            .with_names(self.names.iter().cloned())
            .with_platform(platform);
        reply.author = self.author.clone();
        reply.thread = self
            .thread
            .iter()
            .map(|text| Message {
                author: self.author.clone(),
                text: text.clone(),
            })
            .collect();
        reply
    }
}

/// Reads the cases of one corpus file.
pub fn load(path: &Path) -> Result<Vec<Case>, Error> {
    let text = crate::input::read_file_text(path, 256 << 20)?;
    parse(&path.display().to_string(), &text)
}

/// Parses JSON Lines `text`; `origin` names the file in errors.
pub fn parse(origin: &str, text: &str) -> Result<Vec<Case>, Error> {
    let shared: Arc<str> = Arc::from(text);
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            continue;
        }
        let range = start..start + content.len();
        match serde_json::from_str::<Case>(content) {
            Ok(case) => {
                if let Some(term) = case
                    .terms
                    .iter()
                    .find(|term| !case.text.contains(term.as_str()))
                {
                    errors.push(SourceError::new(
                        origin,
                        shared.clone(),
                        range,
                        format!("case {}: term {term:?} is not in its text", case.id),
                    ));
                } else if case.expect == Expect::Flag && case.terms.is_empty() {
                    errors.push(SourceError::new(
                        origin,
                        shared.clone(),
                        range,
                        format!("case {}: a flag case needs at least one term", case.id),
                    ));
                } else {
                    cases.push(case);
                }
            }
            Err(error) => errors.push(SourceError::new(
                origin,
                shared.clone(),
                range,
                format!("malformed case: {error}"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(Error::Source(errors))
    }
}

/// How one case went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseResult {
    /// The case id.
    pub id: String,
    /// What the case expects.
    pub expect: Expect,
    /// Whether anything at warning or above fired.
    pub flagged: bool,
    /// Terms no primary span covers (flag cases).
    pub uncovered: Vec<String>,
    /// `RULE level on "text"` for each finding at warning or above.
    pub findings: Vec<String>,
}

impl CaseResult {
    /// Whether the case came out as labeled (for flag cases, with every term covered).
    pub fn is_correct(&self) -> bool {
        match self.expect {
            Expect::Flag => self.flagged && self.uncovered.is_empty(),
            Expect::Pass => !self.flagged,
        }
    }
}

/// Scores over a corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Number of cases.
    pub cases: usize,
    /// Flag cases.
    pub flag_cases: usize,
    /// Pass cases.
    pub pass_cases: usize,
    /// Flag cases detected.
    pub true_positives: usize,
    /// Flag cases missed.
    pub false_negatives: usize,
    /// Pass cases flagged.
    pub false_alarms: usize,
    /// TP / (TP + false alarms); 1 when nothing was flagged.
    pub precision: f64,
    /// TP / flag cases; 1 when there are none.
    pub recall: f64,
    /// False alarms / pass cases; 0 when there are none.
    pub false_alarm_rate: f64,
    /// Terms covered.
    pub terms_covered: usize,
    /// Terms in flag cases.
    pub terms: usize,
    /// Terms covered / terms; 1 when there are none.
    pub term_coverage: f64,
}

/// Scores one case against its report.
pub fn score_case(case: &Case, report: &Report) -> CaseResult {
    let blocking: Vec<&crate::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.level >= Level::Warning)
        .collect();
    let spans: Vec<Range<usize>> = report
        .diagnostics
        .iter()
        .map(|d| d.primary.range.clone())
        .collect();
    let uncovered = if case.expect == Expect::Flag {
        case.terms
            .iter()
            .filter(|term| !is_covered(&case.text, term, &spans))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    CaseResult {
        id: case.id.clone(),
        expect: case.expect,
        flagged: !blocking.is_empty(),
        uncovered,
        findings: blocking
            .iter()
            .map(|d| format!("{} {} on {:?}", d.rule, d.level, d.primary.text))
            .collect(),
    }
}

fn is_covered(text: &str, term: &str, spans: &[Range<usize>]) -> bool {
    text.match_indices(term).any(|(start, found)| {
        let end = start + found.len();
        spans
            .iter()
            .any(|span| span.start < end && start < span.end)
    })
}

/// Runs every case through `engine`; results keep the corpus order.
pub fn run(engine: &Engine, cases: &[Case]) -> Vec<CaseResult> {
    cases
        .iter()
        .map(|case| score_case(case, &engine.check(&case.reply())))
        .collect()
}

/// Summarizes `results`, which came from `cases` in the same order.
pub fn summarize(cases: &[Case], results: &[CaseResult]) -> Summary {
    let ratio = |num: usize, den: usize, empty: f64| {
        if den == 0 {
            empty
        } else {
            num as f64 / den as f64
        }
    };
    let flag_cases = results.iter().filter(|r| r.expect == Expect::Flag).count();
    let pass_cases = results.len() - flag_cases;
    let true_positives = results
        .iter()
        .filter(|r| r.expect == Expect::Flag && r.flagged)
        .count();
    let false_alarms = results
        .iter()
        .filter(|r| r.expect == Expect::Pass && r.flagged)
        .count();
    let terms: usize = cases
        .iter()
        .filter(|c| c.expect == Expect::Flag)
        .map(|c| c.terms.len())
        .sum();
    let terms_covered = terms - results.iter().map(|r| r.uncovered.len()).sum::<usize>();
    Summary {
        cases: results.len(),
        flag_cases,
        pass_cases,
        true_positives,
        false_negatives: flag_cases - true_positives,
        false_alarms,
        precision: ratio(true_positives, true_positives + false_alarms, 1.0),
        recall: ratio(true_positives, flag_cases, 1.0),
        false_alarm_rate: ratio(false_alarms, pass_cases, 0.0),
        terms_covered,
        terms,
        term_coverage: ratio(terms_covered, terms, 1.0),
    }
}

/// Ids that appear more than once across `cases`.
pub fn duplicate_ids(cases: &[Case]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut duplicates = Vec::new();
    for case in cases {
        if !seen.insert(case.id.as_str()) {
            duplicates.push(case.id.clone());
        }
    }
    duplicates
}

/// The quality bars of `replyguard eval`; a bar left `None` is not held.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Gate {
    /// Fail when precision is below this.
    pub min_precision: Option<f64>,
    /// Fail when recall is below this.
    pub min_recall: Option<f64>,
    /// Fail when the false-alarm rate on pass cases is above this.
    pub max_false_alarms: Option<f64>,
    /// Fail when term coverage is below this.
    pub min_term_coverage: Option<f64>,
}

impl Gate {
    /// The bars `summary` misses, as "recall 0.9000 is below the bar 0.95", in a fixed
    /// order: precision, recall, false-alarm rate, term coverage.
    pub fn failures(&self, summary: &Summary) -> Vec<String> {
        let bars = [
            ("precision", summary.precision, self.min_precision, true),
            ("recall", summary.recall, self.min_recall, true),
            (
                "false-alarm rate",
                summary.false_alarm_rate,
                self.max_false_alarms,
                false,
            ),
            (
                "term coverage",
                summary.term_coverage,
                self.min_term_coverage,
                true,
            ),
        ];
        let mut failures = Vec::new();
        for (name, value, bar, higher_is_better) in bars {
            let Some(bar) = bar else {
                continue;
            };
            let bad = if higher_is_better {
                value < bar
            } else {
                value > bar
            };
            if bad {
                failures.push(format!(
                    "{name} {value:.4} is {} the bar {bar}",
                    if higher_is_better { "below" } else { "above" }
                ));
            }
        }
        failures
    }
}

/// A scored corpus and the verdict of the gate.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// How each case went, in corpus order.
    pub results: Vec<CaseResult>,
    /// The scores over every case.
    pub summary: Summary,
    /// The bars missed; empty when the gate passes.
    pub gate_failures: Vec<String>,
}

impl Evaluation {
    /// Whether every bar of the gate was met.
    pub fn passed(&self) -> bool {
        self.gate_failures.is_empty()
    }
}

/// The corpus files of `corpora`: each file as given, and the `*.jsonl` files of each
/// folder in name order. A folder without any is an error.
pub fn corpus_files(corpora: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in corpora {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = std::fs::read_dir(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|file| file.extension().is_some_and(|ext| ext == "jsonl"))
            .collect();
        found.sort();
        if found.is_empty() {
            return Err(Error::Usage(format!(
                "{}: no .jsonl files in this folder",
                path.display()
            )));
        }
        files.extend(found);
    }
    Ok(files)
}

/// Reads the corpora (files, or folders of `*.jsonl` files), scores `engine` on every
/// case and holds the summary against `gate`. Case ids must be unique across corpora.
pub fn evaluate(engine: &Engine, corpora: &[PathBuf], gate: &Gate) -> Result<Evaluation, Error> {
    let mut cases = Vec::new();
    for file in corpus_files(corpora)? {
        cases.extend(load(&file)?);
    }
    let duplicates = duplicate_ids(&cases);
    if !duplicates.is_empty() {
        return Err(Error::Usage(format!(
            "duplicate case ids: {}",
            duplicates.join(", ")
        )));
    }
    let results = run(engine, &cases);
    let summary = summarize(&cases, &results);
    let gate_failures = gate.failures(&summary);
    Ok(Evaluation {
        results,
        summary,
        gate_failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(expect: Expect, text: &str, terms: &[&str]) -> Case {
        Case {
            id: text.into(),
            text: text.into(),
            expect,
            terms: terms.iter().map(|t| t.to_string()).collect(),
            kinds: vec![],
            names: vec![],
            platform: None,
            thread: None,
            author: None,
            note: None,
        }
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let Err(Error::Source(errors)) = parse(
            "c.jsonl",
            "{\"id\":\"a\",\"text\":\"x\",\"expect\":\"pass\"}\n{oops\n",
        ) else {
            panic!("malformed corpus accepted");
        };
        assert_eq!(errors[0].line_column(), (2, 1));
        assert!(errors[0].message.starts_with("malformed case"));
        let Err(Error::Source(errors)) = parse(
            "c.jsonl",
            "{\"id\":\"a\",\"text\":\"x\",\"expect\":\"flag\",\"terms\":[\"y\"]}",
        ) else {
            panic!("term outside text accepted");
        };
        assert!(errors[0].message.contains("not in its text"));
    }

    #[test]
    fn scores_and_ratios() {
        let cases = vec![
            case(Expect::Flag, "a", &["a"]),
            case(Expect::Flag, "b", &["b", "c"]),
            case(Expect::Pass, "p", &[]),
            case(Expect::Pass, "q", &[]),
        ];
        let results = vec![
            CaseResult {
                id: "a".into(),
                expect: Expect::Flag,
                flagged: true,
                uncovered: vec![],
                findings: vec![],
            },
            CaseResult {
                id: "b".into(),
                expect: Expect::Flag,
                flagged: false,
                uncovered: vec!["b".into(), "c".into()],
                findings: vec![],
            },
            CaseResult {
                id: "p".into(),
                expect: Expect::Pass,
                flagged: true,
                uncovered: vec![],
                findings: vec![],
            },
            CaseResult {
                id: "q".into(),
                expect: Expect::Pass,
                flagged: false,
                uncovered: vec![],
                findings: vec![],
            },
        ];
        let summary = summarize(&cases, &results);
        assert_eq!(
            (
                summary.true_positives,
                summary.false_negatives,
                summary.false_alarms
            ),
            (1, 1, 1)
        );
        assert_eq!(summary.precision, 0.5);
        assert_eq!(summary.recall, 0.5);
        assert_eq!(summary.false_alarm_rate, 0.5);
        assert_eq!((summary.terms_covered, summary.terms), (1, 3));
    }

    #[test]
    fn coverage_is_overlap_with_a_primary_span() {
        assert!(is_covered("your root canal", "root canal", &[0..4, 5..9]));
        assert!(!is_covered("your root canal", "root canal", &[0..2, 2..4]));
    }

    #[test]
    fn the_gate_names_each_missed_bar() {
        let summary = Summary {
            precision: 0.9,
            recall: 0.5,
            false_alarm_rate: 0.2,
            term_coverage: 1.0,
            ..Summary::default()
        };
        assert!(Gate::default().failures(&summary).is_empty());
        let gate = Gate {
            min_precision: Some(0.9),
            min_recall: Some(0.75),
            max_false_alarms: Some(0.1),
            min_term_coverage: Some(1.0),
        };
        assert_eq!(
            gate.failures(&summary),
            [
                "recall 0.5000 is below the bar 0.75",
                "false-alarm rate 0.2000 is above the bar 0.1",
            ]
        );
    }
}
