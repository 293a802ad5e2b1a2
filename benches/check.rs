//! Per-reply latency of the library with every built-in pack: `cargo bench`.
//! Engine construction is measured separately from checking.

#![allow(missing_docs)]

use replyguard::config::{Config, Platform, Practice};
use replyguard::rewrite::{rewrite, RewriteOptions};
use replyguard::{Engine, Reply};

const SHORT: &str = "Hi Jen, your root canal healed nicely! Thanks for coming in.";

fn long_reply() -> String {
    let paragraph = "Hi Maria,\n\nThank you for taking the time to write. We are sorry the wait was long on Tuesday, \
        and we understand how frustrating that is. Our front desk should have told you Dr. Lee was running behind. \
        We have since changed how we let patients know about delays, and we would love to talk with you about it.\n\n";
    paragraph.repeat(6)
}

fn engine() -> Engine {
    let packs = replyguard::builtin::packs().expect("built-in packs load");
    Engine::new(packs, &Config::default(), &[]).expect("built-in packs compile")
}

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn build_engine() -> Engine {
    engine()
}

#[divan::bench]
fn check_short(bencher: divan::Bencher) {
    let engine = engine();
    bencher.bench(|| engine.check_text(divan::black_box(SHORT)));
}

#[divan::bench]
fn check_long(bencher: divan::Bencher) {
    let engine = engine();
    let text = long_reply();
    bencher.bench(|| engine.check_text(divan::black_box(&text)));
}

#[divan::bench]
fn fix_short(bencher: divan::Bencher) {
    let engine = engine();
    let practice = Practice::default();
    let options = RewriteOptions {
        practice: &practice,
    };
    let reply = Reply::new(SHORT).with_platform(Platform::Yelp);
    bencher.bench(|| {
        let report = engine.check(divan::black_box(&reply));
        rewrite(&engine, &reply, &report, &options)
    });
}
