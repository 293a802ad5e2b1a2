//! `check`: inputs, formats, exit codes, config and names.

use crate::util::{check, root, Sandbox};

const LEAK: &str = "Hi Jen, your root canal healed nicely!";
const CLEAN: &str = "We offer root canal therapy on Saturdays.";

#[test]
fn leak_on_stdin_exits_1_with_human_output() {
    let run = check(&["--color", "never"], LEAK);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("error[RG101]"), "{}", run.stdout);
    assert!(run.stdout.contains("<stdin>:1:14"), "{}", run.stdout);
    assert!(
        run.stdout.contains("addressed to this person"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("help:"), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("found 1 error in 1 input\n"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn clean_reply_exits_0() {
    let run = check(&[], CLEAN);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "no leaks found in 1 input\n");
}

#[test]
fn empty_and_whitespace_input_is_clean() {
    assert_eq!(check(&[], "").code, 0);
    assert_eq!(check(&[], " \n\t\r\n ").code, 0);
}

#[test]
fn dash_reads_stdin_and_stdin_filename_names_it() {
    let run = check(
        &["--format", "short", "--stdin-filename", "draft.txt", "-"],
        LEAK,
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "draft.txt:1:14: error[RG101]: procedure \"root canal\" is tied to the person addressed in a public reply\n"
    );
}

#[test]
fn files_are_checked_in_order() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", LEAK);
    sandbox.write("b.txt", CLEAN);
    let run = sandbox.run(&["check", "--format", "short", "b.txt", "a.txt"], b"");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with("a.txt:1:14: error[RG101]"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 1);
}

#[test]
fn json_document_is_versioned_and_complete() {
    let run = check(&["--format", "json"], "Hi Jen,\nyour root canal healed.");
    assert_eq!(run.code, 1);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(document["version"], 1);
    assert_eq!(document["summary"]["errors"], 1);
    assert_eq!(document["summary"]["failed"], 1);
    let input = &document["inputs"][0];
    assert_eq!(input["path"], "<stdin>");
    assert_eq!(input["verdict"], "fail");
    let diagnostic = &input["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "RG101");
    assert_eq!(diagnostic["level"], "error");
    assert_eq!(diagnostic["kind"], "procedure");
    assert_eq!(diagnostic["tie"], "direct");
    let primary = &diagnostic["primary"];
    assert_eq!(primary["text"], "root canal");
    assert_eq!(
        (primary["start"].as_u64(), primary["end"].as_u64()),
        (Some(13), Some(23))
    );
    assert_eq!(
        (primary["line"].as_u64(), primary["column"].as_u64()),
        (Some(2), Some(6))
    );
    assert_eq!(diagnostic["identity"]["text"], "your");
    assert_eq!(diagnostic["identity"]["kind"], "addressee");
}

#[test]
fn json_for_a_clean_input_passes() {
    let run = check(&["--format", "json"], CLEAN);
    assert_eq!(run.code, 0);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(document["inputs"][0]["verdict"], "pass");
    assert_eq!(
        document["inputs"][0]["diagnostics"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[test]
fn fail_on_decides_the_exit_code() {
    let warning_only = "Thanks Jen! Swelling after rhinoplasty settles in a week.";
    assert_eq!(check(&[], warning_only).code, 1);
    assert_eq!(check(&["--fail-on", "error"], warning_only).code, 0);
    assert_eq!(check(&["--fail-on", "never"], LEAK).code, 0);
    assert_eq!(check(&["--fail-on", "info"], LEAK).code, 1);
}

#[test]
fn color_always_and_never() {
    let colored = check(&["--color", "always"], LEAK);
    assert!(colored.stdout.contains('\u{1b}'), "{}", colored.stdout);
    let plain = check(&["--color", "never"], LEAK);
    assert!(!plain.stdout.contains('\u{1b}'));
    // `auto` with a pipe for stdout means no colour.
    let auto = check(&[], LEAK);
    assert!(!auto.stdout.contains('\u{1b}'));
}

#[test]
fn names_from_the_command_line_are_identities() {
    let text = "Glad the root canal went well for Jennifer Ortiz.";
    let run = check(&["--format", "short", "--name", "Ortiz"], text);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("RG101"), "{}", run.stdout);
}

#[test]
fn config_is_discovered_from_parent_directories() {
    let sandbox = Sandbox::new();
    sandbox.write(".replyguard.yaml", "rules:\n  RG101: off\nfail_on: error\n");
    let nested = sandbox.path().join("a/b");
    std::fs::create_dir_all(&nested).expect("nested dir");
    let run = crate::util::run_in(&nested, &["check"], LEAK.as_bytes());
    assert_eq!(run.code, 0, "{run:?}");
    let ignored = crate::util::run_in(&nested, &["check", "--no-config"], LEAK.as_bytes());
    assert_eq!(ignored.code, 1, "{ignored:?}");
}

#[test]
fn config_staff_are_not_identities_and_allow_terms_pass() {
    let sandbox = Sandbox::new();
    sandbox.write("staff.yaml", "staff: [Kim Novak]\n");
    let staff_run = sandbox.run(
        &["check", "--config", "staff.yaml"],
        b"Kim Novak placed 40 implants this year.",
    );
    assert_eq!(staff_run.code, 0, "{staff_run:?}");
    sandbox.write("allow.yaml", "allow: [root canal]\n");
    let allow_run = sandbox.run(&["check", "--config", "allow.yaml"], LEAK.as_bytes());
    assert_eq!(allow_run.code, 0, "{allow_run:?}");
}

#[test]
fn readme_sample_flags() {
    let sample = root().join("fixtures/replies/yelp-root-canal.txt");
    let run = check(
        &["--format", "short", sample.to_str().expect("utf-8 path")],
        "",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("RG101"), "{}", run.stdout);
    assert!(run.stdout.contains("RG103"), "{}", run.stdout);
}

#[test]
fn rules_and_explain() {
    let sandbox = Sandbox::new();
    let rules = sandbox.run(&["rules"], b"");
    assert_eq!(rules.code, 0);
    assert!(
        rules
            .stdout
            .lines()
            .any(|line| line.starts_with("RG101  error")),
        "{}",
        rules.stdout
    );
    let explain = sandbox.run(&["explain", "RG101"], b"");
    assert_eq!(explain.code, 0);
    assert!(
        explain.stdout.contains("Elite Dental Associates"),
        "{}",
        explain.stdout
    );
    assert!(explain.stdout.contains("Flagged:"));
    let by_name = sandbox.run(&["explain", "protected-detail-near-person"], b"");
    assert!(
        by_name.stdout.contains("42 CFR Part 2"),
        "{}",
        by_name.stdout
    );
    let unknown = sandbox.run(&["explain", "RG999"], b"");
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown rule `RG999`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn jsonl_batches_keep_order_and_echo_ids() {
    let input = "{\"id\": 1, \"text\": \"Hi Jen, your root canal healed.\"}\n\n{\"id\": \"b\", \"text\": \"We are open Saturday.\"}\r\n";
    let run = check(&["--jsonl", "--jobs", "2"], input);
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (&lines[0]["id"], &lines[0]["verdict"]),
        (&serde_json::json!(1), &serde_json::json!("fail"))
    );
    assert_eq!(lines[0]["diagnostics"][0]["rule"], "RG101");
    assert_eq!(
        (&lines[1]["id"], &lines[1]["verdict"]),
        (&serde_json::json!("b"), &serde_json::json!("pass"))
    );
    assert!(run.stdout.starts_with("{\"id\":1,"), "{}", run.stdout);
}

#[test]
fn jsonl_field_names_are_configurable() {
    let run = check(
        &["--jsonl", "--id-field", "post", "--text-field", "body"],
        "{\"post\": 9, \"body\": \"Thanks!\"}\n",
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "{\"id\":9,\"verdict\":\"pass\",\"diagnostics\":[]}\n"
    );
}

#[test]
fn jsonl_bad_records_fail_closed_with_their_line() {
    let input = "{\"id\": 1, \"text\": \"Thanks!\"}\nnot json\n{\"id\": 3}\n{\"id\": 4, \"text\": \"This record is far too long for the limit\"}\n{\"id\": 5, \"text\": \"ok\"}\n";
    let run = check(&["--jsonl", "--max-bytes", "40"], input);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("<stdin>:2: not a JSON object"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("<stdin>:3: no field `text`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("<stdin>:4: record is larger than 40 bytes"),
        "{}",
        run.stderr
    );
    let ids: Vec<String> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON")["id"].to_string())
        .collect();
    assert_eq!(ids, ["1", "5"]);
}
