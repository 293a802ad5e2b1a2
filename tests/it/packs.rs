//! Rule packs: user packs, load errors as located diagnostics, and `test`.

use crate::util::Sandbox;

const RULES: &str = "rules:\n  - id: XX101\n    name: pet-detail\n    level: error\n    when: {tie: [direct, sentence]}\n    message: '{kind} \"{text}\" tied to {identity}'\n";

#[test]
fn user_pack_alone() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "pets.yaml",
        format!("pack: pets\nversion: 1\nlexicons:\n  vet:\n    kind: procedure\n    strong: [spay]\n{RULES}    examples:\n      flag: ['Hi Max, your spay went well']\n      pass: ['We spay cats on Mondays']\n"),
    );
    let run = sandbox.run(
        &[
            "check",
            "--no-default-packs",
            "--pack",
            "pets.yaml",
            "--format",
            "short",
        ],
        b"Hi Max, your spay went well. Your root canal too.",
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        "<stdin>:1:14: error[XX101]: procedure \"spay\" tied to the person addressed\n"
    );
    let test = sandbox.run(&["test", "--no-default-packs", "--pack", "pets.yaml"], b"");
    assert_eq!(test.code, 0, "{test:?}");
    assert!(
        test.stdout.ends_with("examples: 2 passed, 0 failed\n"),
        "{}",
        test.stdout
    );
}

#[test]
fn failing_example_names_pack_rule_and_example() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "pets.yaml",
        format!("pack: pets\nversion: 1\nlexicons:\n  vet:\n    kind: procedure\n    strong: [spay]\n{RULES}    examples:\n      flag: ['We spay cats on Mondays']\n"),
    );
    let run = sandbox.run(&["test", "--no-default-packs", "--pack", "pets.yaml"], b"");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains(
            "FAIL pets XX101 flag example \"We spay cats on Mondays\": XX101 did not fire"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("examples: 0 passed, 1 failed\n"),
        "{}",
        run.stdout
    );
}

/// Loads `pack` and returns stderr, asserting exit 2.
fn load_error(pack: &str) -> String {
    let sandbox = Sandbox::new();
    sandbox.write("bad.yaml", pack);
    let run = sandbox.run(
        &["check", "--pack", "bad.yaml", "--color", "never"],
        b"hello",
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    run.stderr
}

#[test]
fn bad_yaml_unknown_key_bad_regex() {
    let stderr = load_error("pack: bad\nversion: 1\nlexicons: [\n");
    assert!(
        stderr.contains("invalid YAML") && stderr.contains("bad.yaml:4:1"),
        "{stderr}"
    );
    let stderr = load_error("pack: bad\nversion: 1\nrulez: []\n");
    assert!(
        stderr.contains("unknown field `rulez`") && stderr.contains("bad.yaml:3:1"),
        "{stderr}"
    );
    let stderr = load_error(
        "pack: bad\nversion: 1\nlexicons:\n  x:\n    kind: test\n    patterns: ['(unclosed']\n",
    );
    assert!(
        stderr.contains("regex does not compile") && stderr.contains("bad.yaml:6:16"),
        "{stderr}"
    );
}

#[test]
fn duplicate_rule_id_and_unknown_lexicon() {
    let duplicate = "pack: bad\nversion: 1\nrules:\n  - id: RG101\n    name: again\n    level: error\n    when: {tie: direct}\n    message: m\n";
    let stderr = load_error(duplicate);
    assert!(
        stderr.contains("duplicate rule id RG101") && stderr.contains("bad.yaml:4:9"),
        "{stderr}"
    );
    let unknown = "pack: bad\nversion: 1\nrules:\n  - id: XX101\n    name: x\n    level: error\n    when: {tie: direct, lexicons: [nowhere]}\n    message: m\n";
    let stderr = load_error(unknown);
    assert!(
        stderr.contains("unknown lexicon `nowhere`") && stderr.contains("bad.yaml:7:36"),
        "{stderr}"
    );
}

#[test]
fn duplicate_pack_name() {
    let stderr = load_error("pack: core\nversion: 1\n");
    assert!(stderr.contains("pack `core` is already loaded"), "{stderr}");
}

#[test]
fn missing_pack_file() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["check", "--pack", "gone.yaml"], b"hello");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("gone.yaml: cannot read"),
        "{}",
        run.stderr
    );
}

#[test]
fn builtin_examples_pass() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["test"], b"");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains(", 0 failed"), "{}", run.stdout);
}

#[test]
fn packs_lists_sizes() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["packs"], b"");
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.lines().any(|line| line.starts_with("core ")),
        "{}",
        run.stdout
    );
}

/// Everyday words may be strong terms only where their pack cancels the everyday sense
/// with an exception ("cold" needs "cold brew"); otherwise they must be weak.
#[test]
fn everyday_words_are_not_bare_strong_terms() {
    let words: Vec<&str> = include_str!("everyday-words.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .collect();
    let packs = replyguard::builtin::pack_sources().expect("built-in packs load");
    let mut offenders = Vec::new();
    for pack in &packs {
        let exceptions: Vec<String> = pack
            .lexicons
            .iter()
            .flat_map(|lexicon| &lexicon.exceptions)
            .map(|term| term.text.to_lowercase())
            .collect();
        for lexicon in &pack.lexicons {
            for term in &lexicon.strong {
                let text = term.text.to_lowercase();
                if !words.contains(&text.as_str()) {
                    continue;
                }
                let guarded = exceptions
                    .iter()
                    .any(|exception| exception.split(' ').any(|word| word == text));
                if !guarded {
                    offenders.push(format!("{}.{}: {}", pack.name, lexicon.name, term.text));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "strong everyday words without exceptions: {offenders:?}"
    );
}

/// Hostile packs fail fast with a message naming the pack.
#[test]
fn hostile_packs_fail_with_a_located_message() {
    let nested = format!(
        "pack: deep\nversion: 1\nlexicons: {}\n",
        "[".repeat(100_000)
    );
    let stderr = load_error(&nested);
    assert!(
        stderr.contains("recursion limit") && stderr.contains("bad.yaml:3:"),
        "{}",
        &stderr[..stderr.len().min(400)]
    );
    let bomb = "pack: bomb\nversion: 1\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n";
    let stderr = load_error(bomb);
    assert!(
        stderr.contains("anchors and aliases are not allowed") && stderr.contains("bad.yaml:3:"),
        "{stderr}"
    );
    let huge_regex =
        "pack: big\nversion: 1\nlexicons:\n  x:\n    kind: test\n    patterns: ['(?:\\w{100}){1000}']\n";
    let stderr = load_error(huge_regex);
    assert!(
        stderr.contains("regex compiles to more than") && stderr.contains("bad.yaml:6:16"),
        "{stderr}"
    );
}

/// The same pack twice (from config and the command line) is a duplicate, not a loop.
#[test]
fn a_pack_loaded_twice_is_an_error() {
    let sandbox = Sandbox::new();
    sandbox.write("mine.yaml", "pack: mine\nversion: 1\n");
    sandbox.write(".replyguard.yaml", "packs: [mine.yaml, mine.yaml]\n");
    let run = sandbox.run(&["check"], b"hello");
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("pack `mine` is already loaded from"),
        "{}",
        run.stderr
    );
}

/// The built-in packs compiled at build time match exactly what compiling their YAML at
/// run time matches, on every corpus reply and fixture.
#[test]
fn precompiled_packs_match_like_packs_compiled_at_run_time() {
    use replyguard::{Config, Engine};
    let precompiled = Engine::new(
        replyguard::builtin::packs().expect("built-in packs load"),
        &Config::default(),
        &[],
    )
    .expect("precompiled packs compile");
    let sources = replyguard::builtin::pack_sources().expect("built-in packs parse");
    assert!(sources.iter().all(|pack| !pack.precompiled));
    let parsed = Engine::new(sources, &Config::default(), &[]).expect("parsed packs compile");
    let texts = corpus_texts();
    let mut findings = 0;
    for text in &texts {
        let a = precompiled.check_text(text);
        let b = parsed.check_text(text);
        let describe = |report: &replyguard::Report| -> Vec<String> {
            report
                .diagnostics
                .iter()
                .map(|d| format!("{} {} {:?} {:?}", d.rule, d.lexicon, d.primary, d.message))
                .collect()
        };
        assert_eq!(describe(&a), describe(&b), "on {text:?}");
        findings += a.diagnostics.len();
    }
    assert!(findings > 1000, "only {findings} findings");
}

/// Every corpus reply and fixture reply, in a fixed order.
fn corpus_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for dir in ["fixtures/corpus", "fixtures/replies"] {
        let mut paths: Vec<_> = std::fs::read_dir(crate::util::root().join(dir))
            .expect("fixture dir")
            .map(|entry| entry.expect("dir entry").path())
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("fixture");
            if path.extension().is_some_and(|ext| ext == "jsonl") {
                for line in text.lines().filter(|line| !line.trim().is_empty()) {
                    let case: serde_json::Value = serde_json::from_str(line).expect("case");
                    texts.push(case["text"].as_str().expect("text").to_string());
                }
            } else {
                texts.push(text);
            }
        }
    }
    assert!(texts.len() > 1000, "found {} texts", texts.len());
    texts
}

/// Each built-in pattern finds the same matches with the matcher a single check uses
/// (quick to build) as with the one batch scans use, on every corpus reply.
#[test]
fn quick_and_full_pattern_matchers_agree() {
    let texts: Vec<String> = corpus_texts()
        .iter()
        .map(|text| {
            replyguard::normalize::Normalized::new(text)
                .as_str()
                .to_string()
        })
        .collect();
    let packs = replyguard::builtin::packs().expect("built-in packs load");
    let mut patterns = 0;
    let mut matches = 0;
    for lexicon in packs.iter().flat_map(|pack| &pack.lexicons) {
        for pattern in &lexicon.compiled {
            patterns += 1;
            for text in &texts {
                if !pattern.may_match(text) {
                    continue;
                }
                let mut quick = Vec::new();
                pattern.find_ranges(text, true, |range| quick.push(range));
                let mut full = Vec::new();
                pattern.find_ranges(text, false, |range| full.push(range));
                assert_eq!(quick, full, "{:?} on {text:?}", pattern.as_str());
                matches += full.len();
            }
        }
    }
    assert!(patterns > 300, "only {patterns} patterns");
    assert!(matches > 500, "only {matches} matches");
}
