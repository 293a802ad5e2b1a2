//! Properties over generated replies: spans lie on character boundaries inside the
//! input, checking is deterministic, and the rewrite's invariants hold.

use std::sync::OnceLock;

use proptest::prelude::*;
use replyguard::config::{Config, Platform, Practice};
use replyguard::rewrite::{rewrite, RewriteOptions, X_LIMIT};
use replyguard::{Engine, Level, Reply};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let packs = replyguard::builtin::packs().expect("built-in packs load");
        Engine::new(packs, &Config::default(), &[]).expect("built-in packs compile")
    })
}

/// Pieces that stress normalization, identities and matching, mixed with arbitrary text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Hi Jen, ".to_string()),
        Just("your ".to_string()),
        Just("root canal".to_string()),
        Just("Botox".to_string()),
        Just("#NoseJob".to_string()),
        Just("@jen_s ".to_string()),
        Just("Mrs. Patel".to_string()),
        Just("your son’s ear infection".to_string()),
        Just("bi\u{200B}opsy".to_string()),
        Just("e\u{301}\u{301}".to_string()),
        Just("مرحبا ".to_string()),
        Just("👨\u{200D}👩\u{200D}👧 ".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("— ".to_string()),
        Just("thanks for coming in! ".to_string()),
        Just("ＢＯＴＯＸ".to_string()),
        Just(". ".to_string()),
        Just("u ".to_string()),
        Just("$450 copay ".to_string()),
        "[a-zA-Z ,.!?'’]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn reply() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..14).prop_map(|pieces| pieces.concat())
}

fn platform() -> impl Strategy<Value = Platform> {
    prop_oneof![
        Just(Platform::Generic),
        Just(Platform::Facebook),
        Just(Platform::X),
        Just(Platform::Yelp),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn spans_lie_on_character_boundaries_inside_the_input(text in reply()) {
        let report = engine().check_text(&text);
        for diagnostic in &report.diagnostics {
            let spans = std::iter::once(&diagnostic.primary).chain(diagnostic.identity.as_ref().map(|i| &i.span));
            for span in spans {
                prop_assert!(span.range.start <= span.range.end && span.range.end <= text.len());
                prop_assert!(text.is_char_boundary(span.range.start) && text.is_char_boundary(span.range.end));
                prop_assert_eq!(&text[span.range.clone()], span.text.as_str());
            }
        }
    }

    #[test]
    fn checking_is_deterministic(text in reply()) {
        prop_assert_eq!(engine().check_text(&text), engine().check_text(&text));
    }

    #[test]
    fn rewrites_pass_and_are_stable(text in reply(), platform in platform()) {
        let engine = engine();
        let practice = Practice::default();
        let options = RewriteOptions { practice: &practice };
        let reply = Reply::new(text.clone()).with_platform(platform);
        let first = rewrite(engine, &reply, &engine.check(&reply), &options);
        let leaks: Vec<_> = engine.check_in(&reply, &first.text).diagnostics.into_iter().filter(|d| d.level >= Level::Warning).collect();
        prop_assert!(leaks.is_empty(), "rewrite {:?} still leaks {:?}", first.text, leaks);
        let again = Reply::new(first.text.clone()).with_platform(platform);
        let second = rewrite(engine, &again, &engine.check(&again), &options);
        prop_assert_eq!(&second.text, &first.text);
        if platform == Platform::X && first.changed(&text) {
            prop_assert!(first.text.chars().count() <= X_LIMIT);
        }
    }
}
