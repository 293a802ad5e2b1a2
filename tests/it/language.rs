//! Language packs: always loaded, extended by a user pack's `words:`, checked strictly.

use crate::util::Sandbox;

/// A detail pack with one strong procedure and a rule for direct and same-sentence ties.
const PETS: &str = "pack: pets\nversion: 1\nlexicons:\n  vet:\n    kind: procedure\n    strong: [spay]\nrules:\n  - id: XX101\n    name: pet-detail\n    level: error\n    when: {tie: [direct, sentence]}\n    message: '{kind} \"{text}\" tied to {identity}'\n";

fn check_with(pack: &str, text: &str) -> crate::util::Run {
    let sandbox = Sandbox::new();
    sandbox.write("pets.yaml", pack);
    sandbox.run(
        &[
            "check",
            "--no-config",
            "--no-default-packs",
            "--pack",
            "pets.yaml",
            "--format",
            "short",
        ],
        text.as_bytes(),
    )
}

/// `--no-default-packs` drops the detail packs, not the words that find people: the
/// greeting and the name still come from the built-in language pack.
#[test]
fn no_default_packs_keeps_the_language() {
    let run = check_with(PETS, "Hi Max, a spay takes an hour.");
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        "<stdin>:1:11: error[XX101]: procedure \"spay\" tied to \"Max\"\n"
    );
}

/// A user pack adds words to the language's lists: a greeting the built-in list lacks.
#[test]
fn a_pack_adds_words() {
    // "Zuzu" is no known first name: only the greeting makes it one.
    let text = "Yo Zuzu, a spay takes an hour.";
    let without = check_with(PETS, text);
    assert_eq!(without.code, 0, "{without:?}");
    let with = check_with(&format!("{PETS}words:\n  greetings: [yo]\n"), text);
    assert_eq!(with.code, 1, "{with:?}");
    assert_eq!(
        with.stdout,
        "<stdin>:1:12: error[XX101]: procedure \"spay\" tied to \"Zuzu\"\n"
    );
}

/// Unknown lists, entries in the wrong shape and repeated entries are located errors.
#[test]
fn word_list_errors_are_located() {
    let cases = [
        (
            "words:\n  relatives_x: [pal]\n",
            "pets.yaml:14:3",
            "unknown word list `relatives_x`",
        ),
        (
            "words:\n  relatives: [Best Pal]\n",
            "pets.yaml:14:15",
            "`Best Pal` in relatives: a word",
        ),
        (
            "words:\n  greetings: [yo, yo]\n",
            "pets.yaml:14:19",
            "`yo` is already in greetings (line 14)",
        ),
        (
            "words:\n  reply_markers: ['thanks (']\n",
            "pets.yaml:14:19",
            "the pattern does not compile",
        ),
    ];
    for (words, location, message) in cases {
        let run = check_with(&format!("{PETS}{words}"), "Hi Max");
        assert_eq!(run.code, 2, "{words}: {run:?}");
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(
            run.stderr.contains(location) && run.stderr.contains(message),
            "{words}: {}",
            run.stderr
        );
    }
}

/// The config adds words too, and its word list errors are located in it.
#[test]
fn the_config_adds_words() {
    let sandbox = Sandbox::new();
    sandbox.write("pets.yaml", PETS);
    sandbox.write(
        ".replyguard.yaml",
        "packs: [pets.yaml]\nno_default_packs: true\nwords:\n  greetings: [yo]\n",
    );
    let run = sandbox.run(
        &["check", "--format", "short"],
        b"Yo Max, a spay takes an hour.",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        "<stdin>:1:11: error[XX101]: procedure \"spay\" tied to \"Max\"\n"
    );
    sandbox.write(
        ".replyguard.yaml",
        "packs: [pets.yaml]\nwords:\n  greetingz: [yo]\n",
    );
    let run = sandbox.run(&["check", "--color", "never"], b"Yo Max");
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(".replyguard.yaml:3:3")
            && run.stderr.contains("unknown word list `greetingz`"),
        "{}",
        run.stderr
    );
}

/// Every word list the code reads is documented in docs/language.md.
#[test]
fn every_list_is_documented() {
    let doc = std::fs::read_to_string(crate::util::root().join("docs/language.md"))
        .expect("docs/language.md");
    let missing: Vec<&str> = replyguard::language::List::ALL
        .iter()
        .map(|list| list.name())
        .filter(|name| !doc.contains(&format!("`{name}`")))
        .collect();
    assert!(missing.is_empty(), "undocumented lists: {missing:?}");
}
