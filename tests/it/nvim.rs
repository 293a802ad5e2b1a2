//! `replyguard lsp` in a real editor: Neovim's own LSP client, headless, driven by
//! `tests/nvim/e2e.lua`. CI installs Debian's `neovim` package (`.ci/run`), and there
//! a missing `nvim` fails the test. Elsewhere, when `nvim` was not on PATH at build
//! time, `build.rs` sets `cfg(nvim_missing)` and the test is ignored, so it never
//! reports `ok` without having run (issue 14).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{root, run_in, Sandbox};

const TIMEOUT: Duration = Duration::from_secs(120);

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs the Lua script on a copy of `fixture`; returns the folder with its results.
fn run_nvim(sandbox: &Sandbox, fixture: &str) -> std::path::PathBuf {
    let text =
        std::fs::read_to_string(root().join("fixtures/replies").join(fixture)).expect("fixture");
    let file = sandbox.write(fixture, &text);
    let out = sandbox.path().join(format!("{fixture}.out"));
    std::fs::create_dir_all(&out).expect("out dir");
    let script = root().join("tests/nvim/e2e.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("REPLYGUARD_BIN", env!("CARGO_BIN_EXE_replyguard"))
        .env("REPLYGUARD_FILE", &file)
        .env("REPLYGUARD_OUT", &out)
        .current_dir(sandbox.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn nvim");
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for nvim") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let error = std::fs::read_to_string(out.join("error.txt")).unwrap_or_default();
    assert!(status.success(), "nvim failed ({status}): {error}");
    out
}

#[test]
#[cfg_attr(
    nvim_missing,
    ignore = "nvim was not on PATH at build time (apt-get install neovim, then touch build.rs)"
)]
fn neovim_gets_diagnostics_and_applies_the_rewrite() {
    assert!(
        nvim_available(),
        "nvim not found or not working: this test needs Neovim (apt-get install neovim); \
         it is ignored only outside CI and when nvim was missing at build time"
    );
    let sandbox = Sandbox::new();
    // Curly apostrophes before the findings: Neovim converts the server's UTF-16
    // columns to byte columns, so a wrong encoding shows as a wrong column.
    for fixture in ["facebook-relative.txt", "yelp-root-canal.txt"] {
        let out = run_nvim(&sandbox, fixture);
        let text = std::fs::read_to_string(sandbox.path().join(fixture)).expect("draft");
        let received: Value = serde_json::from_str(
            &std::fs::read_to_string(out.join("diagnostics.json")).expect("diagnostics.json"),
        )
        .expect("diagnostics json");
        let check = run_in(sandbox.path(), &["check", "--format", "json", fixture], b"");
        let expected: Value = serde_json::from_str(&check.stdout).expect("check json");
        let expected = expected["inputs"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics");
        let received = received.as_array().expect("a list");
        assert_eq!(received.len(), expected.len(), "{fixture}: {received:?}");
        for (got, want) in received.iter().zip(expected) {
            let code = got["code"].as_str().expect("code");
            assert!(code.starts_with("RG1"), "{fixture}: {got}");
            assert_eq!(got["code"], want["rule"], "{fixture}");
            assert_eq!(got["source"], "replyguard");
            assert_eq!(got["message"], want["message"]);
            let start = want["primary"]["start"].as_u64().unwrap() as usize;
            let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
            let line = want["primary"]["line"].as_u64().unwrap();
            assert_eq!(got["lnum"].as_u64(), Some(line - 1), "{fixture}: {got}");
            assert_eq!(
                got["col"].as_u64(),
                Some((start - line_start) as u64),
                "{fixture}: byte column of {got}"
            );
        }
        let rewritten = std::fs::read_to_string(out.join("rewritten.txt")).expect("rewritten.txt");
        let fix = run_in(sandbox.path(), &["fix", "--platform", "yelp", fixture], b"");
        assert_eq!(fix.code, 0, "{}", fix.stderr);
        assert_eq!(
            rewritten, fix.stdout,
            "{fixture}: Neovim's text after the rewrite"
        );
    }
}
