//! replyguard: keeps medical, dental and cosmetic practices from leaking patient health
//! information in public replies.
//!
//! The library is the whole engine; the binary only parses flags and prints. Data flows
//! one way, one module per step:
//!
//! text → [`normalize`] → [`segment`] → [`lexicon`] (match) → [`identity`] → [`tie`] →
//! [`engine`] (diagnostics) → [`render`].
//!
//! [`lsp`] serves the same engine to editors over the Language Server Protocol.
//!
//! Packs ([`pack`]) and config ([`config`]) are loaded first and compiled into an
//! [`Engine`]; [`Engine::check`] then turns a text into a [`Report`] and cannot fail.
//!
//! ```
//! use replyguard::{Config, Engine};
//! let packs = replyguard::builtin::packs().expect("built-in packs load");
//! let engine = Engine::new(packs, &Config::default(), &[]).expect("built-in packs compile");
//! let report = engine.check("Hi Jen, your root canal healed nicely!");
//! assert!(!report.diagnostics.is_empty());
//! ```

#![warn(missing_docs)]

pub mod anatomy;
pub mod batch;
pub mod builtin;
pub mod compiled;
pub mod config;
pub mod engine;
pub mod error;
pub mod eval;
pub mod identity;
pub mod input;
pub mod language;
pub mod lexicon;
pub mod location;
pub mod lsp;
pub mod model;
pub mod normalize;
pub mod pack;
pub mod ranges;
pub mod render;
pub mod rewrite;
pub mod segment;
pub mod selftest;
pub mod tie;

pub use config::{Config, FailOn, Platform};
pub use engine::{Diagnostic, Engine, Report};
pub use error::{Error, SourceError};
pub use model::{Kind, Level, Sensitive, Tie};
pub use pack::Pack;

use std::path::PathBuf;

/// Which packs to load and how: the resolved, library-level options.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Skip the built-in packs.
    pub no_default_packs: bool,
    /// Extra pack files, loaded after the built-ins and the config's packs.
    pub packs: Vec<PathBuf>,
    /// Extra known patient names (`--name`).
    pub names: Vec<String>,
}

/// Loads the built-in packs (unless turned off), the config's packs and `options.packs`,
/// and compiles them into an engine. All pack errors are collected before returning.
pub fn load_engine(config: &Config, options: &LoadOptions) -> Result<Engine, Error> {
    let mut packs = Vec::new();
    let mut errors = Vec::new();
    if !(options.no_default_packs || config.no_default_packs) {
        match builtin::packs() {
            Ok(mut builtin) => packs.append(&mut builtin),
            Err(mut pack_errors) => errors.append(&mut pack_errors),
        }
    }
    for path in config.packs.iter().chain(&options.packs) {
        let text = input::read_file_text(path, pack::SOURCE_SIZE_LIMIT as u64)?;
        match Pack::load(&path.display().to_string(), &text) {
            Ok(pack) => packs.push(pack),
            Err(mut pack_errors) => errors.append(&mut pack_errors),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Source(errors));
    }
    Engine::new(packs, config, &options.names)
}
