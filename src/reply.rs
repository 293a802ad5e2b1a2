//! The reply: a draft with its context, the one value every entry point builds.
//!
//! Owns what is known about one text to check: the draft itself, the thread it answers
//! (messages with their authors), who wrote the message being answered, the patient
//! names and @handles known for it, and the platform it will be posted on. `check`,
//! `fix`, `check --jsonl`, `eval` and the language server all build a [`Reply`]; the
//! engine checks it and the rewrite rewrites it. It reads nothing and decides nothing.

use crate::config::Platform;

/// One message of the thread a reply answers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    /// Who wrote it, when known.
    pub author: Option<String>,
    /// What it says.
    pub text: String,
}

/// A draft with its context.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    /// The draft to check.
    pub text: String,
    /// The messages it answers, oldest first (carried; detection does not read it yet).
    pub thread: Vec<Message>,
    /// Who wrote the message being answered, when known (carried, not yet read).
    pub author: Option<String>,
    /// Patient names and @handles known for this reply, beside the config's.
    pub names: Vec<String>,
    /// Where it will be posted: shapes the rewrite's offline invitation.
    pub platform: Platform,
}

impl Reply {
    /// A draft with no context: no thread, no names, a generic platform.
    pub fn new(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
            ..Reply::default()
        }
    }

    /// The same reply with these known names.
    pub fn with_names(mut self, names: impl IntoIterator<Item = String>) -> Reply {
        self.names = names.into_iter().collect();
        self
    }

    /// The same reply for this platform.
    pub fn with_platform(mut self, platform: Platform) -> Reply {
        self.platform = platform;
        self
    }
}

impl From<&str> for Reply {
    fn from(text: &str) -> Reply {
        Reply::new(text)
    }
}
