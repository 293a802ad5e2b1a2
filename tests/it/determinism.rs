//! Determinism across processes: two runs of the binary over the same inputs write the
//! same bytes and exit with the same code (issue 14). Checking one engine against
//! itself in one process would miss whatever is seeded per process, such as hash-map
//! order or addresses, so every comparison here is between two separate processes.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::{root, Sandbox};

/// About how many corpus texts to take, spread over every corpus file.
const CORPUS_TEXTS: usize = 300;

/// How many of those texts also go through `fix`, one process each.
const FIX_TEXTS: usize = 40;

/// Runs `replyguard ARGS` in `dir`; returns the exit code and stdout as bytes.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<u8>) {
    let output = Command::new(env!("CARGO_BIN_EXE_replyguard"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("run replyguard");
    (output.status.code(), output.stdout)
}

/// Runs `args` twice and requires byte-identical stdout and the same exit code, which
/// must be 0 or 1: a run that could not check proves nothing.
fn same_twice(dir: &Path, args: &[&str]) -> Vec<u8> {
    let (first_code, first) = run(dir, args);
    let (second_code, second) = run(dir, args);
    assert!(
        matches!(first_code, Some(0 | 1)),
        "replyguard {args:?} exited {first_code:?}"
    );
    assert_eq!(first_code, second_code, "exit codes of replyguard {args:?}");
    if first != second {
        let at = first
            .iter()
            .zip(&second)
            .position(|(a, b)| a != b)
            .unwrap_or(first.len().min(second.len()));
        let around = |bytes: &[u8]| {
            String::from_utf8_lossy(&bytes[at.saturating_sub(200)..(at + 200).min(bytes.len())])
                .into_owned()
        };
        panic!(
            "replyguard {args:?} wrote different output in two runs, first at byte {at}:\n\
             first:  {:?}\nsecond: {:?}",
            around(&first),
            around(&second)
        );
    }
    first
}

/// Every tenth or so record of the corpus, in file order: texts from every file.
fn corpus_texts() -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("fixtures/corpus"))
        .expect("fixtures/corpus")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
        .collect();
    files.sort();
    let mut texts = Vec::new();
    for file in files {
        let records = std::fs::read_to_string(&file).expect("corpus file");
        for line in records.lines().filter(|line| !line.trim().is_empty()) {
            let record: serde_json::Value = serde_json::from_str(line).expect("corpus record");
            texts.push(record["text"].as_str().expect("text").to_string());
        }
    }
    let step = (texts.len() / CORPUS_TEXTS).max(1);
    texts.into_iter().step_by(step).collect()
}

#[test]
fn two_processes_write_the_same_bytes() {
    let sandbox = Sandbox::new();
    let mut files = Vec::new();
    let mut replies: Vec<_> = std::fs::read_dir(root().join("fixtures/replies"))
        .expect("fixtures/replies")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    replies.sort();
    for path in &replies {
        let name = format!(
            "replies/{}",
            path.file_name().expect("name").to_string_lossy()
        );
        sandbox.write(&name, std::fs::read(path).expect("reply"));
        files.push(name);
    }
    let texts = corpus_texts();
    assert!(
        texts.len() >= CORPUS_TEXTS / 2,
        "{} corpus texts",
        texts.len()
    );
    let mut records = String::new();
    for (index, text) in texts.iter().enumerate() {
        let name = format!("corpus/{index:04}.txt");
        sandbox.write(&name, text);
        files.push(name);
        records.push_str(&serde_json::json!({"id": index, "text": text}).to_string());
        records.push('\n');
    }
    sandbox.write("corpus.jsonl", &records);
    let dir = sandbox.path();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();

    let jsonl = same_twice(
        dir,
        &[
            "check",
            "--no-config",
            "--jsonl",
            "--jobs",
            "2",
            "corpus.jsonl",
        ],
    );
    assert_eq!(
        jsonl.iter().filter(|&&byte| byte == b'\n').count(),
        texts.len(),
        "one result a record"
    );

    for format in [
        &["--format", "json"][..],
        &["--format", "human", "--color", "never"],
    ] {
        let mut args = vec!["check", "--no-config"];
        args.extend(format);
        args.extend(&files);
        let out = same_twice(dir, &args);
        // Both formats name every input that has a finding; the corpus has plenty.
        assert!(
            String::from_utf8_lossy(&out).contains("corpus/"),
            "{format:?}"
        );
    }

    let corpus_files = files.iter().filter(|file| file.starts_with("corpus/"));
    let fixed = files
        .iter()
        .filter(|file| file.starts_with("replies/"))
        .chain(corpus_files.step_by((texts.len() / FIX_TEXTS).max(1)));
    for file in fixed {
        same_twice(dir, &["fix", "--no-config", file]);
    }
}
