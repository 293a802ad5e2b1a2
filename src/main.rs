//! The `replyguard` command line: parses flags, calls the library, prints, and maps
//! the outcome to an exit code. All the work happens in the library.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use replyguard::config::{FailOn, Platform};
use replyguard::input::{read_input, DEFAULT_MAX_BYTES, MAX_MAX_BYTES};
use replyguard::render::{self, Checked};
use replyguard::rewrite;
use replyguard::settings::{ConfigFile, Options, Settings};
use replyguard::{Engine, Error};

/// Exit codes, in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    /// Nothing at or above `--fail-on`.
    Clean = 0,
    /// Findings at or above `--fail-on` (or a failing pack example).
    Findings = 1,
    /// Could not check: usage, unreadable or oversized input, bad UTF-8, invalid pack or config.
    Trouble = 2,
}

const EXIT_CODES_HELP: &str = "Exit codes:\n  0  nothing at or above --fail-on\n  1  findings at or above --fail-on (for `test`: a pack example failed)\n  2  could not check: usage error, unreadable, oversized or non-UTF-8 input, invalid pack or config";

/// Keeps public replies from tying health details to a person.
#[derive(Parser, Debug)]
#[command(name = "replyguard", version, about, after_help = EXIT_CODES_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: GlobalArgs,
}

#[derive(Args, Debug)]
struct GlobalArgs {
    /// Add a rule pack (repeatable).
    #[arg(long = "pack", value_name = "PATH", global = true)]
    packs: Vec<PathBuf>,
    /// Do not load the built-in packs.
    #[arg(long, global = true)]
    no_default_packs: bool,
    /// Use this config file instead of searching for .replyguard.yaml.
    #[arg(long, value_name = "PATH", global = true, conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Do not search for or load a config file.
    #[arg(long, global = true)]
    no_config: bool,
    /// A patient name or @handle known from the thread (repeatable).
    #[arg(long = "name", value_name = "NAME", global = true)]
    names: Vec<String>,
    /// Where the reply will be posted; shapes the offline invitation.
    #[arg(long, value_name = "PLATFORM", global = true, value_parser = parse_platform)]
    platform: Option<Platform>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human, global = true)]
    format: Format,
    /// When to use colour; `auto` respects NO_COLOR and whether stdout is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    /// The lowest level that makes the exit code 1.
    #[arg(long, value_name = "LEVEL", global = true, value_parser = parse_fail_on)]
    fail_on: Option<FailOn>,
    /// Refuse inputs larger than this many bytes (exit 2).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES, global = true)]
    max_bytes: u64,
    /// The name to show for standard input.
    #[arg(long, value_name = "NAME", global = true)]
    stdin_filename: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Short,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check replies for health details tied to a person (no FILE or '-' reads stdin).
    Check {
        /// Files to check.
        #[arg(value_name = "FILE")]
        files: Vec<String>,
        /// Read JSON Lines records ({"id": ..., "text": ...}) and write one JSON result a line.
        #[arg(long)]
        jsonl: bool,
        /// With --jsonl: the field holding each record's id.
        #[arg(long, value_name = "FIELD", default_value = "id", requires = "jsonl")]
        id_field: String,
        /// With --jsonl: the field holding each record's text.
        #[arg(long, value_name = "FIELD", default_value = "text", requires = "jsonl")]
        text_field: String,
        /// With --jsonl: threads to check on (default: every core).
        #[arg(long, value_name = "N", requires = "jsonl")]
        jobs: Option<usize>,
    },
    /// Print the safe rewrite of a reply (no FILE or '-' reads stdin).
    Fix {
        /// The reply to rewrite.
        #[arg(value_name = "FILE")]
        file: Option<String>,
        /// Print a unified diff against the draft instead of the rewrite.
        #[arg(long, conflicts_with = "write")]
        diff: bool,
        /// Replace FILE with the rewrite (atomically, and only when it differs).
        #[arg(long)]
        write: bool,
    },
    /// Explain a rule: what it catches, why it matters, what to write instead.
    Explain {
        /// Rule id (RG101) or name.
        rule: String,
    },
    /// List the loaded rules.
    Rules,
    /// List the loaded packs with their sizes.
    Packs,
    /// Score the engine on labeled corpora (JSON Lines files or folders of them).
    Eval {
        /// Corpus files, or folders whose *.jsonl files are read.
        #[arg(value_name = "CORPUS", required = true)]
        corpora: Vec<PathBuf>,
        /// Exit 1 when precision is below this.
        #[arg(long, value_name = "RATIO")]
        min_precision: Option<f64>,
        /// Exit 1 when recall is below this.
        #[arg(long, value_name = "RATIO")]
        min_recall: Option<f64>,
        /// Exit 1 when the false-alarm rate on pass cases is above this.
        #[arg(long, value_name = "RATIO")]
        max_false_alarms: Option<f64>,
        /// Exit 1 when term coverage is below this.
        #[arg(long, value_name = "RATIO")]
        min_term_coverage: Option<f64>,
    },
    /// Speak the Language Server Protocol on stdin and stdout, for editors.
    ///
    /// Settings come from the client (initializationOptions or
    /// workspace/didChangeConfiguration: configPath, platform, names, maxBytes); the
    /// shared options here are their defaults. Exits 0 after shutdown and exit, 1 when
    /// the client left without shutdown.
    Lsp,
    /// Run the examples every pack carries; fail on a mismatch.
    Test {
        /// Only these packs' rules.
        #[arg(value_name = "PACK")]
        only: Vec<String>,
    },
}

fn parse_platform(value: &str) -> Result<Platform, String> {
    value.parse()
}

fn parse_fail_on(value: &str) -> Result<FailOn, String> {
    value.parse()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stderr_color = render::use_color(
        color_name(cli.global.color),
        std::io::stderr().is_terminal(),
    );
    match run(&cli) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(error) => {
            report_error(&error, stderr_color);
            ExitCode::from(Exit::Trouble as u8)
        }
    }
}

fn color_name(choice: ColorChoice) -> &'static str {
    match choice {
        ColorChoice::Auto => "auto",
        ColorChoice::Always => "always",
        ColorChoice::Never => "never",
    }
}

fn report_error(error: &Error, color: bool) {
    match error {
        Error::Source(errors) => {
            eprint!("{}", render::source_errors(errors, color));
        }
        other => {
            let mut stream = render::stderr_stream(color);
            render::write_error(&mut stream, &other.to_string());
        }
    }
}

/// The library's options, from the flags.
fn options(global: &GlobalArgs) -> Options {
    Options {
        config: match &global.config {
            _ if global.no_config => ConfigFile::None,
            Some(path) => ConfigFile::Path(path.clone()),
            None => ConfigFile::Discover,
        },
        packs: global.packs.clone(),
        no_default_packs: global.no_default_packs,
        names: global.names.clone(),
        platform: global.platform,
        fail_on: global.fail_on,
        max_bytes: global.max_bytes,
    }
}

fn run(cli: &Cli) -> Result<Exit, Error> {
    let global = &cli.global;
    if global.max_bytes > MAX_MAX_BYTES {
        return Err(Error::Usage(format!(
            "--max-bytes is at most {MAX_MAX_BYTES}"
        )));
    }
    // The server loads packs and config when the client says where its workspace is.
    if let Command::Lsp = cli.command {
        return lsp(global);
    }
    let settings = options(global).resolve(None)?;
    // The engine lives until the process exits; freeing its tables one by one would
    // only add to the run time of a one-reply check.
    let engine: &Engine = Box::leak(Box::new(settings.load_engine()?));
    let stdout_color = render::use_color(color_name(global.color), std::io::stdout().is_terminal());
    let fail_on = settings.fail_on;
    match &cli.command {
        Command::Check {
            files,
            jsonl: true,
            id_field,
            text_field,
            jobs,
        } => {
            let fields = replyguard::batch::Fields {
                id: id_field.clone(),
                text: text_field.clone(),
            };
            check_jsonl(engine, global, files, fail_on, &fields, *jobs)
        }
        Command::Check { files, .. } => {
            check(engine, global, &settings, files, fail_on, stdout_color)
        }
        Command::Fix { file, diff, write } => fix(
            engine,
            global,
            &settings,
            file.as_deref().unwrap_or("-"),
            *diff,
            *write,
        ),
        Command::Explain { rule } => explain(engine, rule),
        Command::Rules => {
            print_stdout(&match global.format {
                Format::Json => render::rules_json(engine.rules()),
                Format::Human | Format::Short => render::rules(engine.rules()),
            });
            Ok(Exit::Clean)
        }
        Command::Packs => {
            print_stdout(&render::packs(engine.packs()));
            Ok(Exit::Clean)
        }
        Command::Test { only } => self_test(engine, only),
        Command::Lsp => lsp(global),
        Command::Eval {
            corpora,
            min_precision,
            min_recall,
            max_false_alarms,
            min_term_coverage,
        } => {
            let gate = replyguard::eval::Gate {
                min_precision: *min_precision,
                min_recall: *min_recall,
                max_false_alarms: *max_false_alarms,
                min_term_coverage: *min_term_coverage,
            };
            eval(engine, corpora, &gate, global.format)
        }
    }
}

fn lsp(global: &GlobalArgs) -> Result<Exit, Error> {
    let options = options(global);
    let mut input = std::io::stdin().lock();
    let mut output = std::io::stdout().lock();
    let mut log = std::io::stderr();
    match replyguard::lsp::serve(&mut input, &mut output, &mut log, options) {
        Ok(true) => Ok(Exit::Clean),
        // The protocol asks for exit code 1 when the client did not shut down first.
        Ok(false) => Ok(Exit::Findings),
        Err(source) => Err(Error::Io {
            path: "<stdout>".into(),
            source,
        }),
    }
}

fn check(
    engine: &Engine,
    global: &GlobalArgs,
    settings: &Settings,
    files: &[String],
    fail_on: FailOn,
    color: bool,
) -> Result<Exit, Error> {
    let files: Vec<String> = if files.is_empty() {
        vec!["-".into()]
    } else {
        files.to_vec()
    };
    let mut checked = Vec::new();
    let mut unreadable = Vec::new();
    for file in &files {
        match read_input(file, global.max_bytes, global.stdin_filename.as_deref()) {
            Ok(input) => {
                let report = engine.check(&input.text);
                let rewrite = (!report.diagnostics.is_empty()).then(|| {
                    rewrite::rewrite(engine, &input.text, &report, &settings.rewrite_options())
                });
                checked.push(Checked {
                    name: input.name,
                    text: input.text,
                    report,
                    rewrite,
                });
            }
            Err(error) => unreadable.push(error),
        }
    }
    let output = match global.format {
        // "no leaks found in 0 inputs" would read as a pass; say nothing on stdout when
        // nothing could be checked.
        Format::Human if checked.is_empty() => String::new(),
        Format::Human => render::human(&checked, color),
        Format::Short => render::short(&checked),
        Format::Json => render::json(&checked, fail_on),
    };
    print_stdout(&output);
    if !unreadable.is_empty() {
        let stderr_color =
            render::use_color(color_name(global.color), std::io::stderr().is_terminal());
        for error in &unreadable {
            report_error(error, stderr_color);
        }
        let count = unreadable.len();
        report_error(
            &Error::Usage(format!(
                "{count} input{} could not be checked; nothing about {} is known",
                if count == 1 { "" } else { "s" },
                if count == 1 { "it" } else { "them" }
            )),
            stderr_color,
        );
        return Ok(Exit::Trouble);
    }
    Ok(if checked.iter().any(|input| input.fails(fail_on)) {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

fn fix(
    engine: &Engine,
    global: &GlobalArgs,
    settings: &Settings,
    file: &str,
    diff: bool,
    write: bool,
) -> Result<Exit, Error> {
    if write && file == "-" {
        return Err(Error::Usage(
            "--write needs a FILE; standard input cannot be written back".into(),
        ));
    }
    let input = read_input(file, global.max_bytes, global.stdin_filename.as_deref())?;
    let report = engine.check(&input.text);
    let rewritten = rewrite::rewrite(engine, &input.text, &report, &settings.rewrite_options());
    if write {
        if rewritten.changed(&input.text) {
            write_atomically(std::path::Path::new(file), &rewritten.text)?;
        }
        return Ok(Exit::Clean);
    }
    if diff {
        if rewritten.changed(&input.text) {
            let name = &input.name;
            let patch = similar::TextDiff::from_lines(&input.text, &rewritten.text)
                .unified_diff()
                .header(&format!("a/{name}"), &format!("b/{name}"))
                .to_string();
            print_stdout(&patch);
        }
        return Ok(Exit::Clean);
    }
    print_stdout(&rewritten.text);
    Ok(Exit::Clean)
}

/// Writes `text` to a temporary file beside `path`, flushes it to disk and renames it
/// over `path`, so an error never leaves a truncated or half-written reply.
fn write_atomically(path: &std::path::Path, text: &str) -> Result<(), Error> {
    let io_error = |source: std::io::Error| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let directory = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = directory.join(format!(
        ".{file_name}.replyguard-{}.tmp",
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        if let Ok(metadata) = std::fs::metadata(path) {
            let _ = file.set_permissions(metadata.permissions());
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(io_error)
}

/// `check --jsonl`: prints one JSON line per record, reports each bad record as it
/// comes, and goes on to the end; an unreadable input stops the run.
fn check_jsonl(
    engine: &Engine,
    global: &GlobalArgs,
    files: &[String],
    fail_on: FailOn,
    fields: &replyguard::batch::Fields,
    jobs: Option<usize>,
) -> Result<Exit, Error> {
    use replyguard::batch::{self, Batch};
    let threads = batch::threads(jobs);
    let stdin_name = global.stdin_filename.as_deref();
    let (mut troubled, mut failed) = (false, false);
    let max_bytes = global.max_bytes;
    for batch in batch::json_lines(engine, files, stdin_name, fields, max_bytes, threads) {
        match batch? {
            Batch::Bad(bad) => {
                troubled = true;
                report_error(&Error::Usage(bad.to_string()), false);
            }
            Batch::Checked(records) => {
                failed |= records.iter().any(|record| record.fails(fail_on));
                print_stdout(&render::jsonl_records(&records, fail_on));
            }
        }
    }
    Ok(if troubled {
        Exit::Trouble
    } else if failed {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

fn explain(engine: &Engine, id: &str) -> Result<Exit, Error> {
    let Some(loaded) = engine.rule(id) else {
        return Err(Error::Usage(format!(
            "unknown rule `{id}`; `replyguard rules` lists them"
        )));
    };
    print_stdout(&render::explain_rule(loaded, engine.lexicons()));
    Ok(Exit::Clean)
}

fn self_test(engine: &Engine, packs: &[String]) -> Result<Exit, Error> {
    for pack in packs {
        if !engine.packs().iter().any(|loaded| &loaded.name == pack) {
            return Err(Error::Usage(format!(
                "unknown pack `{pack}`; `replyguard packs` lists them"
            )));
        }
    }
    let results = replyguard::selftest::run(engine, packs);
    let mut out = String::new();
    let mut failed = 0;
    for result in &results {
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
    print_stdout(&out);
    Ok(if failed > 0 {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

fn eval(
    engine: &Engine,
    corpora: &[PathBuf],
    gate: &replyguard::eval::Gate,
    format: Format,
) -> Result<Exit, Error> {
    let evaluation = replyguard::eval::evaluate(engine, corpora, gate)?;
    print_stdout(&match format {
        Format::Json => render::evaluation_json(&evaluation),
        Format::Human | Format::Short => render::evaluation(&evaluation),
    });
    Ok(if evaluation.passed() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}

/// Prints to stdout; a closed pipe (`replyguard check | head`) is not an error.
fn print_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}
