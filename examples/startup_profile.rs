//! Prints how long each start-up step takes with the built-in packs:
//! `cargo run --release --example startup_profile`.

#![allow(clippy::print_stdout)]

use std::time::Instant;

fn main() {
    let start = Instant::now();
    let packs = replyguard::builtin::packs().expect("built-in packs load");
    let loaded = start.elapsed();
    let matcher = replyguard::lexicon::Matcher::new(&packs, &[]);
    let matched = start.elapsed();
    drop(matcher);
    let before_engine = start.elapsed();
    let engine =
        replyguard::Engine::new(packs, &replyguard::Config::default(), &[]).expect("compile");
    let compiled = start.elapsed();
    let report = engine.check_text("Hi Jen, your root canal healed nicely!");
    let checked = start.elapsed();
    println!(
        "load {:?}  matcher {:?}  engine {:?}  check {:?}  ({} diagnostics)",
        loaded,
        matched - loaded,
        compiled - before_engine,
        checked - compiled,
        report.diagnostics.len()
    );
}
