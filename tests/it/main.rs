//! Integration tests: drive the real `replyguard` binary and the library.
//!
//! One test binary with a module per area, as ripgrep and just do.

mod check;
mod determinism;
mod errors;
mod fix;
mod json_contract;
mod language;
mod lsp;
mod nvim;
mod packs;
mod posts;
mod properties;
mod snapshots;
mod source_scan;
mod util;
