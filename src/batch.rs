//! Batch checking: the inputs of `check` and `fix`, read, checked and rewritten in order.
//!
//! Owns the two ways `check` takes many replies, and the one reply of `fix`. Files:
//! [`check_files`] reads each (standard input for `-`), checks it and computes its
//! rewrite, and keeps the inputs it could not read as errors beside the ones it
//! checked; [`fix_file`] does the same for one input that must be read. JSON Lines: the record
//! format of `check --jsonl` (one JSON object per line with an id and a text field,
//! names configurable) read by [`JsonLines`] a line at a time with a size limit per
//! line, and checked on every core a batch at a time while keeping the order. A record
//! that cannot be read is handed back with its line number, never a silent pass.
//! Nothing here prints: the binary renders and prints what it is given.

use std::io::{self, BufRead, Read};
use std::path::Path;

use crate::config::FailOn;
use crate::engine::{Engine, Report};
use crate::error::Error;
use crate::input::{read_input, Input, STDIN_NAME};
use crate::render::Checked;
use crate::reply::Reply;
use crate::rewrite::{self, Rewrite};
use crate::settings::Settings;

/// Records checked together between two hand-overs of results.
pub const BATCH_RECORDS: usize = 4096;

/// The field names of a record.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The field holding the record's id (any JSON value, echoed back).
    pub id: String,
    /// The field holding the reply text (a string).
    pub text: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            text: "text".into(),
        }
    }
}

/// Parses one JSON Lines record into its id and text.
pub fn parse_record(line: &str, fields: &Fields) -> Result<(serde_json::Value, String), String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|error| format!("not a JSON object: {error}"))?;
    let object = value
        .as_object()
        .ok_or_else(|| "not a JSON object".to_string())?;
    let id = object
        .get(&fields.id)
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    let text = match object.get(&fields.text) {
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(_) => return Err(format!("field `{}` is not a string", fields.text)),
        None => return Err(format!("no field `{}`", fields.text)),
    };
    Ok((id, text))
}

/// Checks `texts`, each in the context of `context` (its names and platform), on up to
/// `threads` threads; reports come back in the same order.
pub fn check_all(
    engine: &Engine,
    context: &Reply,
    texts: &[String],
    threads: usize,
) -> Vec<Report> {
    let threads = threads.clamp(1, texts.len().max(1));
    if threads == 1 {
        return texts
            .iter()
            .map(|text| engine.check_in(context, text))
            .collect();
    }
    let chunk = texts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|text| engine.check_in(context, text))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The inputs of one `check`: those checked, in order, and those that could not be read.
#[derive(Debug)]
pub struct CheckedFiles {
    /// Each readable input with its report, and its rewrite when something was found.
    pub checked: Vec<Checked>,
    /// Why each unreadable input could not be checked.
    pub unreadable: Vec<Error>,
}

impl CheckedFiles {
    /// Whether any checked input has a finding that reaches `fail_on`.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.checked.iter().any(|input| input.fails(fail_on))
    }

    /// The error that closes a check some of whose inputs could not be read: how many,
    /// and that nothing is known about them. `None` when every input was checked.
    pub fn not_checked(&self) -> Option<Error> {
        let count = self.unreadable.len();
        (count > 0).then(|| {
            Error::Usage(format!(
                "{count} input{} could not be checked; nothing about {} is known",
                if count == 1 { "" } else { "s" },
                if count == 1 { "it" } else { "them" }
            ))
        })
    }
}

/// `files`, or standard input (`-`) when there are none.
pub fn or_standard_input(files: &[String]) -> Vec<&str> {
    if files.is_empty() {
        return vec!["-"];
    }
    files.iter().map(String::as_str).collect()
}

/// Reads and checks `files` (`-` is standard input, called `stdin_name`) with
/// `settings`; with no files, standard input. An input that has findings also gets
/// its rewrite.
pub fn check_files(
    engine: &Engine,
    settings: &Settings,
    files: &[String],
    stdin_name: Option<&str>,
) -> CheckedFiles {
    let mut checked = Vec::new();
    let mut unreadable = Vec::new();
    for file in or_standard_input(files) {
        match read_input(file, settings.max_bytes, stdin_name) {
            Ok(input) => {
                let reply = settings.reply(input.text);
                let report = engine.check(&reply);
                let rewrite = (!report.diagnostics.is_empty()).then(|| {
                    rewrite::rewrite(engine, &reply, &report, &settings.rewrite_options())
                });
                checked.push(Checked {
                    name: input.name,
                    text: reply.text,
                    report,
                    rewrite,
                });
            }
            Err(error) => unreadable.push(error),
        }
    }
    CheckedFiles {
        checked,
        unreadable,
    }
}

/// Reads and checks `file` (`-` is standard input, called `stdin_name`) with
/// `settings` and rewrites it for `fix`; an unreadable input is an error.
pub fn fix_file(
    engine: &Engine,
    settings: &Settings,
    file: &str,
    stdin_name: Option<&str>,
) -> Result<(Input, Rewrite), Error> {
    let input = read_input(file, settings.max_bytes, stdin_name)?;
    let reply = settings.reply(input.text.clone());
    let report = engine.check(&reply);
    let rewritten = rewrite::rewrite(engine, &reply, &report, &settings.rewrite_options());
    Ok((input, rewritten))
}

/// The threads to check on: `jobs`, or every core when `None`; at least one.
pub fn threads(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1)
}

/// One checked record.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedRecord {
    /// The record's id, as given (any JSON value; `null` when absent).
    pub id: serde_json::Value,
    /// The record's text.
    pub text: String,
    /// What the check found.
    pub report: Report,
}

impl CheckedRecord {
    /// Whether any finding reaches `fail_on`.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.report
            .diagnostics
            .iter()
            .any(|diagnostic| fail_on.fails(diagnostic.level))
    }
}

/// A line of a JSON Lines input that is not a record that can be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRecord {
    /// The input's name.
    pub source: String,
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong with the line.
    pub problem: String,
}

impl std::fmt::Display for BadRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.source, self.line, self.problem)
    }
}

/// What reading a JSON Lines input gives, in input order.
#[derive(Clone, Debug, PartialEq)]
pub enum Batch {
    /// A line that could not be checked, as soon as it is read.
    Bad(BadRecord),
    /// Up to [`BATCH_RECORDS`] records, checked, in order.
    Checked(Vec<CheckedRecord>),
}

/// How records are read and checked: the reply each record's text is checked in (its
/// names and platform), the record's field names, the longest line read, and the
/// threads to check on.
#[derive(Clone, Debug, Default)]
pub struct RecordOptions {
    /// The reply context every record is checked in.
    pub context: Reply,
    /// The field names of a record.
    pub fields: Fields,
    /// A line longer than this many bytes is a bad record.
    pub max_bytes: u64,
    /// Threads to check on.
    pub threads: usize,
}

/// The records of `files` (standard input when there are none) read and checked one
/// input after the other, as [`JsonLines`] reads one. An input that cannot be opened
/// gives its error when its turn comes; the inputs after it are not opened until then.
pub fn json_lines<'a>(
    engine: &'a Engine,
    files: &'a [String],
    stdin_name: Option<&'a str>,
    options: &'a RecordOptions,
) -> impl Iterator<Item = Result<Batch, Error>> + 'a {
    or_standard_input(files).into_iter().flat_map(move |file| {
        let opened = JsonLines::open(engine, file, stdin_name, options.clone());
        let batches: Box<dyn Iterator<Item = Result<Batch, Error>> + 'a> = match opened {
            Ok(lines) => Box::new(lines),
            Err(error) => Box::new(std::iter::once(Err(error))),
        };
        batches
    })
}

/// The records of one JSON Lines input, checked a batch at a time: an iterator of
/// [`Batch`]es that ends with the input, or with the error that stopped the reading
/// (the records read since the last batch are then not checked).
pub struct JsonLines<'a> {
    engine: &'a Engine,
    options: RecordOptions,
    reader: Box<dyn BufRead + 'a>,
    name: String,
    line_number: usize,
    buffer: Vec<u8>,
    ids: Vec<serde_json::Value>,
    texts: Vec<String>,
    done: bool,
}

impl<'a> JsonLines<'a> {
    /// Opens `path` (`-` is standard input, called `stdin_name`) for checking with
    /// `engine` as `options` say.
    pub fn open(
        engine: &'a Engine,
        path: &str,
        stdin_name: Option<&str>,
        options: RecordOptions,
    ) -> Result<Self, Error> {
        if path == "-" {
            let name = stdin_name.unwrap_or(STDIN_NAME).to_string();
            let reader = Box::new(io::stdin().lock());
            return Ok(Self::new(engine, reader, name, options));
        }
        if Path::new(path).is_dir() {
            return Err(Error::IsDirectory { path: path.into() });
        }
        let file = std::fs::File::open(path).map_err(|source| Error::Io {
            path: path.into(),
            source,
        })?;
        let reader = Box::new(io::BufReader::new(file));
        Ok(Self::new(engine, reader, path.into(), options))
    }

    /// Reads records from `reader`, an input called `name`.
    pub fn new(
        engine: &'a Engine,
        reader: Box<dyn BufRead + 'a>,
        name: String,
        options: RecordOptions,
    ) -> Self {
        JsonLines {
            engine,
            options,
            reader,
            name,
            line_number: 0,
            buffer: Vec::new(),
            ids: Vec::new(),
            texts: Vec::new(),
            done: false,
        }
    }

    /// Checks the records read since the last batch.
    fn check_batch(&mut self) -> Batch {
        let reports = check_all(
            self.engine,
            &self.options.context,
            &self.texts,
            self.options.threads,
        );
        let records = std::mem::take(&mut self.ids)
            .into_iter()
            .zip(std::mem::take(&mut self.texts))
            .zip(reports)
            .map(|((id, text), report)| CheckedRecord { id, text, report })
            .collect();
        Batch::Checked(records)
    }

    /// What is wrong with the line in the buffer, or `None` after keeping its record;
    /// a blank line is skipped.
    fn take_line(&mut self, too_long: bool) -> Option<String> {
        if too_long {
            return Some(format!(
                "record is larger than {} bytes (raise the limit with --max-bytes)",
                self.options.max_bytes
            ));
        }
        match std::str::from_utf8(&self.buffer) {
            Err(error) => Some(format!(
                "not valid UTF-8 at byte {} of the line",
                error.valid_up_to()
            )),
            Ok(line) if line.trim().is_empty() => None,
            Ok(line) => match parse_record(line, &self.options.fields) {
                Ok((id, text)) => {
                    self.ids.push(id);
                    self.texts.push(text);
                    None
                }
                Err(problem) => Some(problem),
            },
        }
    }
}

impl Iterator for JsonLines<'_> {
    type Item = Result<Batch, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let line = match read_record_line(
                &mut self.reader,
                self.options.max_bytes,
                &mut self.buffer,
            ) {
                Ok(line) => line,
                Err(source) => {
                    self.done = true;
                    self.ids.clear();
                    self.texts.clear();
                    return Some(Err(Error::Io {
                        path: self.name.clone(),
                        source,
                    }));
                }
            };
            let Some(too_long) = line else {
                self.done = true;
                break;
            };
            self.line_number += 1;
            if let Some(problem) = self.take_line(too_long) {
                return Some(Ok(Batch::Bad(BadRecord {
                    source: self.name.clone(),
                    line: self.line_number,
                    problem,
                })));
            }
            if self.texts.len() >= BATCH_RECORDS {
                return Some(Ok(self.check_batch()));
            }
        }
        (!self.texts.is_empty()).then(|| Ok(self.check_batch()))
    }
}

/// Reads one line of at most `limit` bytes into `buffer`, without its line break.
/// Returns `None` at the end, `Some(true)` when the line was longer (the rest of it is
/// skipped, not kept in memory), `Some(false)` otherwise.
fn read_record_line(
    reader: &mut dyn BufRead,
    limit: u64,
    buffer: &mut Vec<u8>,
) -> io::Result<Option<bool>> {
    buffer.clear();
    let read = (&mut *reader)
        .take(limit.saturating_add(1))
        .read_until(b'\n', buffer)?;
    if read == 0 {
        return Ok(None);
    }
    if buffer.last() == Some(&b'\n') {
        buffer.pop();
        if buffer.last() == Some(&b'\r') {
            buffer.pop();
        }
        return Ok(Some(false));
    }
    if buffer.len() as u64 <= limit {
        return Ok(Some(false));
    }
    let mut rest = Vec::new();
    loop {
        rest.clear();
        let skipped = (&mut *reader).take(1 << 16).read_until(b'\n', &mut rest)?;
        if skipped == 0 || rest.last() == Some(&b'\n') {
            break;
        }
    }
    Ok(Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_fields() {
        let fields = Fields::default();
        let (id, text) = parse_record(r#"{"id": 7, "text": "hi"}"#, &fields).unwrap();
        assert_eq!((id, text.as_str()), (serde_json::json!(7), "hi"));
        assert!(parse_record(r#"{"id": 7}"#, &fields)
            .unwrap_err()
            .contains("no field `text`"));
        assert!(parse_record(r#"{"text": 3}"#, &fields)
            .unwrap_err()
            .contains("not a string"));
        assert!(parse_record("[1]", &fields)
            .unwrap_err()
            .contains("not a JSON object"));
        let custom = Fields {
            id: "post".into(),
            text: "body".into(),
        };
        assert_eq!(
            parse_record(r#"{"post": "a", "body": "b"}"#, &custom)
                .unwrap()
                .1,
            "b"
        );
    }

    fn engine() -> Engine {
        let packs = crate::builtin::packs().expect("built-in packs load");
        Engine::new(packs, &crate::Config::default(), &[]).expect("compile")
    }

    /// Reads `input` as JSON Lines called `in`, with lines of at most `max_bytes`.
    fn json_lines<'a>(engine: &'a Engine, input: impl Read + 'a, max_bytes: u64) -> JsonLines<'a> {
        let reader = Box::new(io::BufReader::new(input));
        let options = RecordOptions {
            max_bytes,
            threads: 2,
            ..RecordOptions::default()
        };
        JsonLines::new(engine, reader, "in".into(), options)
    }

    #[test]
    fn json_lines_hand_back_bad_lines_then_checked_records() {
        let engine = engine();
        let input = "{\"id\": 1, \"text\": \"Hi Jen, your root canal healed.\"}\n\n[1]\n{\"id\": 2, \"text\": \"Open Saturday.\"}\r\n{\"id\": 3, \"text\": \"a line longer than the limit of this test, by far\"}";
        let batches: Vec<Batch> = json_lines(&engine, input.as_bytes(), 60)
            .collect::<Result<_, _>>()
            .expect("no read errors");
        let bad: Vec<String> = batches
            .iter()
            .filter_map(|batch| match batch {
                Batch::Bad(bad) => Some(bad.to_string()),
                Batch::Checked(_) => None,
            })
            .collect();
        assert_eq!(
            bad,
            [
                "in:3: not a JSON object",
                "in:5: record is larger than 60 bytes (raise the limit with --max-bytes)",
            ]
        );
        let Some(Batch::Checked(records)) = batches.last() else {
            panic!("the records come last: {batches:?}");
        };
        let ids: Vec<_> = records.iter().map(|record| record.id.clone()).collect();
        assert_eq!(ids, [serde_json::json!(1), serde_json::json!(2)]);
        assert!(records[0].fails(FailOn::Warning) && !records[1].fails(FailOn::Warning));
    }

    #[test]
    fn a_read_error_ends_the_records_without_checking_the_rest() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("the disk went away"))
            }
        }
        let engine = engine();
        let input = "{\"id\": 1, \"text\": \"Hi Jen, your crown is in.\"}\n".as_bytes();
        let items: Vec<_> = json_lines(&engine, input.chain(Broken), 1 << 20).collect();
        assert!(matches!(&items[..], [Err(Error::Io { path, .. })] if path == "in"));
    }

    #[test]
    fn unreadable_files_are_kept_beside_the_checked_ones() {
        let engine = engine();
        let folder = tempfile::tempdir().expect("a temporary folder");
        let reply = folder.path().join("reply.txt");
        std::fs::write(&reply, "Hi Jen, your root canal healed nicely!").expect("write");
        let settings = crate::settings::Options {
            config: crate::settings::ConfigFile::None,
            ..Default::default()
        }
        .resolve(None)
        .expect("no config to read");
        let files = [
            reply.display().to_string(),
            folder.path().join("missing.txt").display().to_string(),
        ];
        let checked = check_files(&engine, &settings, &files, None);
        assert_eq!(checked.checked.len(), 1);
        assert!(checked.checked[0].rewrite.is_some());
        assert!(checked.fails(FailOn::Warning));
        assert!(matches!(checked.unreadable[..], [Error::Io { .. }]));
        let summary = checked.not_checked().expect("one input was not checked");
        assert_eq!(
            summary.to_string(),
            "1 input could not be checked; nothing about it is known"
        );
    }

    #[test]
    fn parallel_checks_keep_order() {
        let engine = engine();
        let texts: Vec<String> = (0..50)
            .map(|i| {
                if i % 3 == 0 {
                    format!("Hi Jen {i}, your root canal healed.")
                } else {
                    format!("Open Saturday {i}.")
                }
            })
            .collect();
        let serial = check_all(&engine, &Reply::default(), &texts, 1);
        let parallel = check_all(&engine, &Reply::default(), &texts, 4);
        assert_eq!(serial, parallel);
        assert!(parallel
            .iter()
            .enumerate()
            .all(|(i, report)| report.diagnostics.is_empty() == (i % 3 != 0)));
    }
}
