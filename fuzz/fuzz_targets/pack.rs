//! Arbitrary text as a rule pack and as a config file: loading either may fail, with a
//! located error, but never panic or hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use replyguard::{Config, Pack};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Pack::load("fuzz.yaml", text) {
        Ok(pack) => {
            let _ = replyguard::Engine::new(vec![pack], &Config::default(), &[]);
        }
        Err(errors) => {
            for error in errors {
                assert!(error.range.start <= error.range.end && error.range.end <= error.text.len());
            }
        }
    }
    let _ = Config::parse(std::path::Path::new("/fuzz/.replyguard.yaml"), text);
});
