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
//! [`settings`] resolves the options of a run (flags or editor settings over the
//! config file) once, for the command line and the language server alike.
//!
//! ```
//! use replyguard::{Config, Engine};
//! let packs = replyguard::builtin::packs().expect("built-in packs load");
//! let engine = Engine::new(packs, &Config::default(), &[]).expect("built-in packs compile");
//! let report = engine.check_text("Hi Jen, your root canal healed nicely!");
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
pub mod frames;
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
pub mod reply;
pub mod rewrite;
pub mod segment;
pub mod selftest;
pub mod settings;
pub mod tie;

pub use config::{Config, FailOn, Platform};
pub use engine::{Diagnostic, Engine, Report};
pub use error::{Error, SourceError};
pub use model::{Kind, Level, Sensitive, Tie};
pub use pack::Pack;
pub use reply::{Message, Reply};
pub use settings::{load_engine, LoadOptions};
