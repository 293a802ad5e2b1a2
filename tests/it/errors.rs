//! Failing closed: everything `replyguard` cannot check exits 2 with a message.

use crate::util::{check, Sandbox};

#[test]
fn missing_file() {
    let run = check(&["no-such-file.txt"], "");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no-such-file.txt: cannot read"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 input could not be checked"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "nothing that reads like a pass: {}",
        run.stdout
    );
}

#[test]
fn directory_instead_of_file() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path().join("replies")).expect("dir");
    let run = sandbox.run(&["check", "replies"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("replies: is a directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8_names_the_byte() {
    let sandbox = Sandbox::new();
    sandbox.write("bad.txt", b"Hi Jen, your \xff\xfe implant");
    let run = sandbox.run(&["check", "bad.txt"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("bad.txt: not valid UTF-8 at byte 13"),
        "{}",
        run.stderr
    );
    let stdin = sandbox.run(&["check"], b"ok\x80");
    assert_eq!(stdin.code, 2);
    assert!(
        stdin.stderr.contains("<stdin>: not valid UTF-8 at byte 2"),
        "{}",
        stdin.stderr
    );
}

#[test]
fn oversized_input_is_refused() {
    let run = check(&["--max-bytes", "10"], "Hi Jen, your root canal");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("larger than 10 bytes"),
        "{}",
        run.stderr
    );
    let sandbox = Sandbox::new();
    sandbox.write("big.txt", vec![b'a'; 2 << 20]);
    let file = sandbox.run(&["check", "big.txt"], b"");
    assert_eq!(file.code, 2);
    assert!(
        file.stderr
            .contains("big.txt: input is larger than 1048576 bytes"),
        "{}",
        file.stderr
    );
}

#[test]
fn one_unreadable_input_still_fails_the_run() {
    let sandbox = Sandbox::new();
    sandbox.write("clean.txt", "Thanks for the kind words!");
    let run = sandbox.run(&["check", "clean.txt", "missing.txt"], b"");
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stdout.contains("no leaks found in 1 input"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(check(&["--format", "xml"], "").code, 2);
    assert_eq!(check(&["--platform", "myspace"], "").code, 2);
    assert_eq!(check(&["--fail-on", "loud"], "").code, 2);
    let sandbox = Sandbox::new();
    assert_eq!(sandbox.run(&["frobnicate"], b"").code, 2);
    assert_eq!(sandbox.run(&[], b"").code, 2);
}

#[test]
fn invalid_config_is_located() {
    let sandbox = Sandbox::new();
    sandbox.write(
        ".replyguard.yaml",
        "practice:\n  name: Smile Co\n  fax: 555\n",
    );
    let run = sandbox.run(&["check"], b"hello");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown field `fax`"), "{}", run.stderr);
    assert!(
        run.stderr.contains(".replyguard.yaml:3:3"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_rule_in_config_is_an_error() {
    let sandbox = Sandbox::new();
    sandbox.write("c.yaml", "rules:\n  RG999: off\n");
    let run = sandbox.run(&["check", "--config", "c.yaml"], b"hello");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown rule `RG999` in config"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("c.yaml:2:3"), "{}", run.stderr);
}

#[test]
fn missing_config_file_is_an_error() {
    let run = check(&["--config", "nope.yaml"], "hello");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("nope.yaml: cannot read"),
        "{}",
        run.stderr
    );
}

#[test]
fn bom_and_crlf_are_checked() {
    let run = check(
        &["--format", "short"],
        "\u{feff}Hi Jen,\r\nyour root canal healed.\r\n",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.starts_with("<stdin>:2:6:"), "{}", run.stdout);
}

/// A megabyte on one line with thousands of findings: human output does not quote the
/// line under every finding (that would be gigabytes), and checking stays fast enough
/// to finish (quadratic steps once made this take seconds; timings stay out of tests).
#[test]
fn one_huge_line_with_many_findings() {
    let text = "Hi Jen, your root canal ".repeat(40_000);
    let run = check(&["--max-bytes", "2000000", "--color", "never"], &text);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.len() < 20_000_000,
        "{} bytes of output",
        run.stdout.len()
    );
    assert!(
        run.stdout
            .starts_with("error[RG101]: procedure \"root canal\" is tied"),
        "{}",
        &run.stdout[..200]
    );
    assert!(
        run.stdout.contains("--> <stdin>:1:14\n"),
        "{}",
        &run.stdout[..300]
    );
}
