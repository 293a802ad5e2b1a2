//! Helpers for running the binary in an isolated directory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A scratch directory (no config above it that the test did not write) for one test.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }

    /// Runs `replyguard ARGS` in the sandbox with `stdin`.
    pub fn run(&self, args: &[&str], stdin: &[u8]) -> Run {
        run_in(self.path(), args, stdin)
    }
}

/// The project root, where `fixtures/` lives.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `replyguard ARGS` in `dir` with `stdin`, colour off and no NO_COLOR surprises.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_replyguard"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn replyguard");
    let mut input = child.stdin.take().expect("stdin");
    // The binary may exit before reading everything (oversized input); ignore EPIPE.
    let _ = input.write_all(stdin);
    drop(input);
    let output = child.wait_with_output().expect("wait for replyguard");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `replyguard check ARGS` on `stdin` in a fresh sandbox.
pub fn check(args: &[&str], stdin: &str) -> Run {
    let sandbox = Sandbox::new();
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    sandbox.run(&all, stdin.as_bytes())
}
