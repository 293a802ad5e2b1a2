//! Snapshots of the human output for the fixture replies: colour off, fixed paths,
//! and the exit code on the first line, so a snapshot pins the verdict as well as the
//! text (issue 14).

use crate::util::{root, run_in};

fn human(fixture: &str) -> String {
    let dir = root().join("fixtures/replies");
    let run = run_in(
        &dir,
        &["check", "--color", "never", "--no-config", fixture],
        b"",
    );
    assert!(run.stderr.is_empty(), "{run:?}");
    format!("exit: {}\n{}", run.code, run.stdout)
}

#[test]
fn yelp_root_canal() {
    insta::assert_snapshot!(human("yelp-root-canal.txt"));
}

#[test]
fn google_thanks() {
    insta::assert_snapshot!(human("google-thanks.txt"));
}

#[test]
fn x_sensitive() {
    insta::assert_snapshot!(human("x-sensitive.txt"));
}

#[test]
fn facebook_general_tip() {
    insta::assert_snapshot!(human("facebook-general-tip.txt"));
}

#[test]
fn facebook_relative() {
    insta::assert_snapshot!(human("facebook-relative.txt"));
}

#[test]
fn instagram_promo() {
    insta::assert_snapshot!(human("instagram-promo.txt"));
}
