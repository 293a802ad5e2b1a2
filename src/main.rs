//! The `replyguard` command line: parses flags, maps them into the library's options,
//! calls the library, prints what it returns, and maps the outcome to an exit code.
//! All the work, rendering included, happens in the library.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use replyguard::batch::{self, Batch, Fields, RecordOptions};
use replyguard::config::{FailOn, Platform};
use replyguard::eval::{self, Gate};
use replyguard::input::{self, DEFAULT_MAX_BYTES, MAX_MAX_BYTES};
use replyguard::render;
use replyguard::settings::{ConfigFile, Options, Settings};
use replyguard::{selftest, Engine, Error};

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

impl Exit {
    /// `Findings` when something failed, else `Clean`.
    fn failed_if(failed: bool) -> Exit {
        if failed {
            Exit::Findings
        } else {
            Exit::Clean
        }
    }
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
    #[arg(long, value_name = "PLATFORM", global = true, value_parser = str::parse::<Platform>)]
    platform: Option<Platform>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human, global = true)]
    format: Format,
    /// When to use colour; `auto` respects NO_COLOR and whether stdout is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    /// The lowest level that makes the exit code 1.
    #[arg(long, value_name = "LEVEL", global = true, value_parser = str::parse::<FailOn>)]
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stderr_color = use_color(cli.global.color, std::io::stderr().is_terminal());
    match run(&cli, stderr_color) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(error) => {
            report_error(&error, stderr_color);
            ExitCode::from(Exit::Trouble as u8)
        }
    }
}

/// Whether to colour a stream, from `--color` and whether the stream is a terminal.
fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    let name = match choice {
        ColorChoice::Auto => "auto",
        ColorChoice::Always => "always",
        ColorChoice::Never => "never",
    };
    render::use_color(name, is_terminal)
}

fn report_error(error: &Error, color: bool) {
    match error {
        Error::Source(errors) => eprint!("{}", render::source_errors(errors, color)),
        other => render::write_error(&mut render::stderr_stream(color), &other.to_string()),
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

fn run(cli: &Cli, stderr_color: bool) -> Result<Exit, Error> {
    let global = &cli.global;
    if global.max_bytes > MAX_MAX_BYTES {
        return Err(Error::Usage(format!(
            "--max-bytes is at most {MAX_MAX_BYTES}"
        )));
    }
    // The server loads packs and config when the client says where its workspace is.
    if let Command::Lsp = cli.command {
        return lsp(options(global));
    }
    let settings = options(global).resolve(None)?;
    // The engine lives until the process exits; freeing its tables one by one would
    // only add to the run time of a one-reply check.
    let engine: &Engine = Box::leak(Box::new(settings.load_engine()?));
    let stdin_name = global.stdin_filename.as_deref();
    match &cli.command {
        Command::Check {
            files,
            jsonl: true,
            id_field,
            text_field,
            jobs,
        } => {
            let options = RecordOptions {
                context: settings.reply(String::new()),
                fields: Fields {
                    id: id_field.clone(),
                    text: text_field.clone(),
                },
                max_bytes: settings.max_bytes,
                threads: batch::threads(*jobs),
            };
            check_jsonl(engine, &settings, files, stdin_name, &options)
        }
        Command::Check { files, .. } => {
            let checked = batch::check_files(engine, &settings, files, stdin_name);
            let stdout_color = use_color(global.color, std::io::stdout().is_terminal());
            print_stdout(&match global.format {
                // "no leaks found in 0 inputs" would read as a pass; say nothing on
                // stdout when nothing could be checked.
                Format::Human if checked.checked.is_empty() => String::new(),
                Format::Human => render::human(&checked.checked, stdout_color),
                Format::Short => render::short(&checked.checked),
                Format::Json => render::json(&checked.checked, settings.fail_on),
            });
            for error in &checked.unreadable {
                report_error(error, stderr_color);
            }
            if let Some(summary) = checked.not_checked() {
                report_error(&summary, stderr_color);
                return Ok(Exit::Trouble);
            }
            Ok(Exit::failed_if(checked.fails(settings.fail_on)))
        }
        Command::Fix { file, diff, write } => {
            let file = file.as_deref().unwrap_or("-");
            if *write && file == "-" {
                return Err(Error::Usage(
                    "--write needs a FILE; standard input cannot be written back".into(),
                ));
            }
            let (draft, rewritten) = batch::fix_file(engine, &settings, file, stdin_name)?;
            if *write {
                if rewritten.changed(&draft.text) {
                    input::write_atomically(Path::new(file), &rewritten.text)?;
                }
                return Ok(Exit::Clean);
            }
            Ok(printed(&if *diff {
                render::unified_diff(&draft.name, &draft.text, &rewritten.text)
            } else {
                rewritten.text
            }))
        }
        Command::Explain { rule } => {
            let Some(loaded) = engine.rule(rule) else {
                return Err(Error::Usage(format!(
                    "unknown rule `{rule}`; `replyguard rules` lists them"
                )));
            };
            Ok(printed(&render::explain_rule(loaded, engine.lexicons())))
        }
        Command::Rules if global.format == Format::Json => {
            Ok(printed(&render::rules_json(engine.rules())))
        }
        Command::Rules => Ok(printed(&render::rules(engine.rules()))),
        Command::Packs => Ok(printed(&render::packs(engine.packs()))),
        Command::Test { only } => {
            let results = selftest::run(engine, only)?;
            print_stdout(&render::self_test(&results));
            Ok(Exit::failed_if(results.iter().any(|r| r.failure.is_some())))
        }
        Command::Lsp => lsp(options(global)),
        Command::Eval {
            corpora,
            min_precision,
            min_recall,
            max_false_alarms,
            min_term_coverage,
        } => {
            let gate = Gate {
                min_precision: *min_precision,
                min_recall: *min_recall,
                max_false_alarms: *max_false_alarms,
                min_term_coverage: *min_term_coverage,
            };
            let evaluation = eval::evaluate(engine, corpora, &gate)?;
            print_stdout(&match global.format {
                Format::Json => render::evaluation_json(&evaluation),
                Format::Human | Format::Short => render::evaluation(&evaluation),
            });
            Ok(Exit::failed_if(!evaluation.passed()))
        }
    }
}

fn lsp(options: Options) -> Result<Exit, Error> {
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

/// `check --jsonl`: prints one JSON line per record, reports each bad record as it
/// comes, and goes on to the end; an unreadable input stops the run.
fn check_jsonl(
    engine: &Engine,
    settings: &Settings,
    files: &[String],
    stdin_name: Option<&str>,
    options: &RecordOptions,
) -> Result<Exit, Error> {
    let (mut troubled, mut failed) = (false, false);
    for batch in batch::json_lines(engine, files, stdin_name, options) {
        match batch? {
            Batch::Bad(bad) => {
                troubled = true;
                report_error(&Error::Usage(bad.to_string()), false);
            }
            Batch::Checked(records) => {
                failed |= records.iter().any(|record| record.fails(settings.fail_on));
                print_stdout(&render::jsonl_records(&records, settings.fail_on));
            }
        }
    }
    Ok(if troubled {
        Exit::Trouble
    } else {
        Exit::failed_if(failed)
    })
}

/// Prints `text` for a command that has done its work.
fn printed(text: &str) -> Exit {
    print_stdout(text);
    Exit::Clean
}

/// Prints to stdout; a closed pipe (`replyguard check | head`) is not an error.
fn print_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}
