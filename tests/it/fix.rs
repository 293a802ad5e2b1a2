//! `fix`: the rewrite's invariants over every labeled reply, and the command line.

use replyguard::config::{Config, Platform, Practice};
use replyguard::eval;
use replyguard::rewrite::{rewrite, RewriteOptions, X_LIMIT};
use replyguard::{Engine, Level, Reply};

use crate::util::{root, Sandbox};

fn engine() -> Engine {
    let packs = replyguard::builtin::packs().expect("built-in packs load");
    Engine::new(packs, &Config::default(), &[]).expect("built-in packs compile")
}

fn blocking(engine: &Engine, reply: &Reply, text: &str) -> Vec<String> {
    engine
        .check_in(reply, text)
        .diagnostics
        .into_iter()
        .filter(|d| d.level >= Level::Warning)
        .map(|d| d.primary.text)
        .collect()
}

/// Whether `text` contains `term` as whole words, ignoring case ("bill" is not in
/// "billing manager").
fn contains_word(text: &str, term: &str) -> bool {
    let text = text.to_lowercase();
    let term = term.to_lowercase();
    text.match_indices(&term).any(|(start, found)| {
        let before = text[..start].chars().next_back();
        let after = text[start + found.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn whole_words_only() {
    assert!(contains_word("Your Bill is due", "bill"));
    assert!(!contains_word("Our billing manager", "bill"));
}

/// Every reply in the corpus and the fixtures, on every platform: a rewrite passes
/// `check`, keeps none of the words that leaked, is its own rewrite, and a draft that
/// passes comes back byte for byte.
#[test]
fn rewrite_invariants_hold_over_every_labeled_reply() {
    let engine = engine();
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(root().join("fixtures/corpus")).expect("corpus dir") {
        cases.extend(eval::load(&entry.expect("entry").path()).expect("corpus loads"));
    }
    for entry in std::fs::read_dir(root().join("fixtures/replies")).expect("replies dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("fixture reads");
        cases.push(eval::Case {
            id: path.display().to_string(),
            text,
            expect: eval::Expect::Flag,
            terms: vec![],
            kinds: vec![],
            names: vec![],
            platform: None,
            thread: None,
            author: None,
            note: None,
        });
    }
    assert!(cases.len() > 1000, "the corpus is there");
    let practice = Practice::default();
    let mut rewritten_count = 0;
    for case in &cases {
        let reply = case.reply();
        let platform = reply.platform;
        let options = RewriteOptions {
            practice: &practice,
        };
        let report = engine.check(&reply);
        let leaked = blocking(&engine, &reply, &case.text);
        let result = rewrite(&engine, &reply, &report, &options);
        if leaked.is_empty() {
            assert_eq!(
                result.text, case.text,
                "{}: a passing draft must come back unchanged",
                case.id
            );
            continue;
        }
        rewritten_count += 1;
        let remaining = blocking(&engine, &reply, &result.text);
        assert!(
            remaining.is_empty(),
            "{}: rewrite still leaks {remaining:?}: {:?}",
            case.id,
            result.text
        );
        for term in &leaked {
            assert!(
                !contains_word(&result.text, term),
                "{}: rewrite keeps {term:?}: {:?}",
                case.id,
                result.text
            );
        }
        let again_reply = Reply {
            text: result.text.clone(),
            ..reply.clone()
        };
        let again = rewrite(&engine, &again_reply, &engine.check(&again_reply), &options);
        assert_eq!(
            again.text, result.text,
            "{}: fix of a rewrite must not change it",
            case.id
        );
        if platform == Platform::X {
            assert!(
                result.text.chars().count() <= X_LIMIT,
                "{}: {:?}",
                case.id,
                result.text
            );
        }
        assert!(
            !result.text.contains("  "),
            "{}: doubled space in {:?}",
            case.id,
            result.text
        );
        assert!(
            !result.text.contains(".."),
            "{}: doubled period in {:?}",
            case.id,
            result.text
        );
    }
    assert!(
        rewritten_count > 500,
        "most flag cases were rewritten: {rewritten_count}"
    );
}

#[test]
fn fix_prints_the_rewrite_and_diff() {
    let sandbox = Sandbox::new();
    sandbox.write(
        ".replyguard.yaml",
        "practice: {phone: 555-0100, email: hi@smile.example}\n",
    );
    let run = sandbox.run(
        &["fix", "--platform", "yelp"],
        b"Hi Jen, your root canal healed nicely!\n",
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "Hi Jen! Please call our office at 555-0100 or email hi@smile.example so we can talk privately.\n"
    );
    let diff = sandbox.run(
        &["fix", "--diff", "--stdin-filename", "draft.txt"],
        b"Hi Jen, your root canal healed nicely!\n",
    );
    assert_eq!(diff.code, 0);
    assert!(
        diff.stdout
            .starts_with("--- a/draft.txt\n+++ b/draft.txt\n"),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout
            .contains("-Hi Jen, your root canal healed nicely!"),
        "{}",
        diff.stdout
    );
    let clean = sandbox.run(&["fix", "--diff"], b"Thanks for the kind words!\n");
    assert_eq!((clean.code, clean.stdout.as_str()), (0, ""));
    let unchanged = sandbox.run(&["fix"], b"Thanks for the kind words!  \n");
    assert_eq!(unchanged.stdout, "Thanks for the kind words!  \n");
}

#[test]
fn fix_write_replaces_only_when_needed_and_never_on_error() {
    let sandbox = Sandbox::new();
    let leaky = sandbox.write("leaky.txt", "Hi Jen, your root canal healed nicely!\n");
    let run = sandbox.run(&["fix", "--write", "leaky.txt"], b"");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.is_empty());
    let written = std::fs::read_to_string(&leaky).expect("rewritten file");
    assert!(
        written.starts_with("Hi Jen! Please contact our office"),
        "{written}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    let clean = sandbox.write("clean.txt", "Thanks!");
    let before = std::fs::metadata(&clean)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(sandbox.run(&["fix", "--write", "clean.txt"], b"").code, 0);
    assert_eq!(
        std::fs::metadata(&clean)
            .and_then(|m| m.modified())
            .expect("mtime"),
        before
    );

    let bad = sandbox.write("bad.txt", b"Hi Jen, your \xff root canal");
    let failed = sandbox.run(&["fix", "--write", "bad.txt"], b"");
    assert_eq!(failed.code, 2);
    assert!(
        failed.stderr.contains("not valid UTF-8 at byte 13"),
        "{}",
        failed.stderr
    );
    assert_eq!(
        std::fs::read(&bad).expect("bad file"),
        b"Hi Jen, your \xff root canal"
    );

    let stdin = sandbox.run(&["fix", "--write"], b"Hi Jen, your root canal");
    assert_eq!(stdin.code, 2);
    assert!(
        stdin.stderr.contains("--write needs a FILE"),
        "{}",
        stdin.stderr
    );
}

#[test]
fn check_json_carries_the_rewrite_and_replacements() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(
        &["check", "--format", "json"],
        b"Hi Jen, your root canal healed nicely! We appreciate you.",
    );
    let document: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let input = &document["inputs"][0];
    assert_eq!(
        input["rewrite"],
        "Hi Jen! We appreciate you. Please contact our office at [office phone] so we can help."
    );
    let replacement = &input["replacements"][0];
    assert_eq!(
        replacement["original"],
        "Hi Jen, your root canal healed nicely!"
    );
    assert_eq!(replacement["replacement"], "Hi Jen,");
    assert_eq!(
        (replacement["start"].as_u64(), replacement["end"].as_u64()),
        (Some(0), Some(38))
    );
}

#[test]
fn x_rewrites_fit() {
    let sandbox = Sandbox::new();
    let long = "@jen_s thank you!! Your Botox looks amazing. We loved seeing you at the open house with all of your friends and family, and we hope the whole group comes back soon for the summer party we are planning for everyone in the neighborhood this year, with music and food trucks!";
    let run = sandbox.run(&["fix", "--platform", "x"], long.as_bytes());
    assert_eq!(run.code, 0);
    assert!(run.stdout.chars().count() <= X_LIMIT, "{}", run.stdout);
    assert!(!run.stdout.contains("Botox"));
}

/// Found by the property test: a dash opening a line after CRLF was claimed by two
/// sentences, and the rewrite sliced backwards.
#[test]
fn regression_dash_after_crlf_does_not_panic() {
    let engine = engine();
    let text = "$450 copay @jen_s \r\n\u{2014} e\u{301}\u{301}";
    let sentences = engine.sentences(text);
    assert!(
        sentences
            .windows(2)
            .all(|pair| pair[0].end <= pair[1].start),
        "{sentences:?}"
    );
    let practice = Practice::default();
    let options = RewriteOptions {
        practice: &practice,
    };
    let reply = Reply::new(text);
    let result = rewrite(&engine, &reply, &engine.check(&reply), &options);
    assert!(
        blocking(&engine, &reply, &result.text).is_empty(),
        "{:?}",
        result.text
    );
}
