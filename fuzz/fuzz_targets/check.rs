//! Arbitrary bytes through everything a reply goes through: UTF-8 decoding, `check`,
//! and the rewrite. Nothing may panic; spans must lie on character boundaries inside
//! the input; a rewrite must pass `check`; every built-in pattern finds the same matches
//! with the quick matcher a single check uses as with the full one.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use replyguard::config::{Config, Platform, Practice};
use replyguard::rewrite::{rewrite, RewriteOptions};
use replyguard::{Engine, Level, Reply};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let packs = replyguard::builtin::packs().expect("built-in packs load");
        Engine::new(packs, &Config::default(), &[]).expect("built-in packs compile")
    })
}

fn packs() -> &'static [replyguard::Pack] {
    static PACKS: OnceLock<Vec<replyguard::Pack>> = OnceLock::new();
    PACKS.get_or_init(|| replyguard::builtin::packs().expect("built-in packs load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let engine = engine();
    let normalized = replyguard::normalize::Normalized::new(text);
    let normalized = normalized.as_str();
    for pattern in packs().iter().flat_map(|pack| &pack.lexicons).flat_map(|lexicon| &lexicon.compiled) {
        if pattern.may_match(normalized) {
            let (mut quick, mut full) = (Vec::new(), Vec::new());
            pattern.find_ranges(normalized, true, |range| quick.push(range));
            pattern.find_ranges(normalized, false, |range| full.push(range));
            assert_eq!(quick, full, "{:?}", pattern.as_str());
        }
    }
    let platform = match data.first().map(|b| b % 3) {
        Some(0) => Platform::X,
        Some(1) => Platform::Yelp,
        _ => Platform::Generic,
    };
    let reply = Reply::new(text).with_platform(platform);
    let report = engine.check(&reply);
    for diagnostic in &report.diagnostics {
        let range = &diagnostic.primary.range;
        assert!(range.start <= range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
    let practice = Practice::default();
    let options = RewriteOptions { practice: &practice };
    let result = rewrite(engine, &reply, &report, &options);
    let leaks = engine.check_in(&reply, &result.text).diagnostics.into_iter().filter(|d| d.level >= Level::Warning).count();
    assert_eq!(leaks, 0, "rewrite still leaks: {:?}", result.text);
});
