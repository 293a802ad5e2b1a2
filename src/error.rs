//! The library's error type: everything that stops `replyguard` from checking.
//!
//! Findings are not errors; they are data in a [`crate::Report`]. An [`Error`] means the
//! tool could not do its job (a pack or config it cannot load, an input it cannot read)
//! and the binary turns it into exit code 2. Pack and config problems carry the source
//! text and a byte range so they render as diagnostics pointing at line and column.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A problem located in a YAML source (a rule pack or a config file).
#[derive(Clone, Debug)]
pub struct SourceError {
    /// Where the source came from: a path, or `builtin:rules/NAME.yaml`.
    pub origin: String,
    /// The whole source text, for rendering the location.
    pub text: Arc<str>,
    /// Byte range of the offending part of `text`.
    pub range: Range<usize>,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl SourceError {
    /// Creates an error at `range` of `text`.
    pub fn new(
        origin: impl Into<String>,
        text: Arc<str>,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        // A label longer than a line of a terminal helps no one (a scan error on a
        // 100 kB line); point at the first 80 bytes, on a character boundary.
        let mut end = range
            .end
            .min(text.len())
            .min(range.start.saturating_add(80));
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut start = range.start.min(end);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        SourceError {
            origin: origin.into(),
            text,
            range: start..end,
            message: message.into(),
        }
    }

    /// The 1-based line and column of the start of the range.
    pub fn line_column(&self) -> (usize, usize) {
        crate::location::line_column(&self.text, self.range.start)
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, column) = self.line_column();
        write!(f, "{}:{}:{}: {}", self.origin, line, column, self.message)
    }
}

/// Everything that prevents a check from running.
#[derive(Debug)]
pub enum Error {
    /// One or more rule packs or a config file are invalid.
    Source(Vec<SourceError>),
    /// A file could not be read.
    Io {
        /// The path, or `<stdin>`.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The input is not valid UTF-8.
    NotUtf8 {
        /// The path, or `<stdin>`.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The input is larger than the configured limit.
    TooLarge {
        /// The path, or `<stdin>`.
        path: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// A directory was given where a file was expected.
    IsDirectory {
        /// The path.
        path: String,
    },
    /// The command line or a value in it is not usable.
    Usage(String),
}

impl Error {
    /// A single located source error.
    pub fn source(error: SourceError) -> Self {
        Error::Source(vec![error])
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Source(errors) => {
                for (index, error) in errors.iter().enumerate() {
                    if index > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{error}")?;
                }
                Ok(())
            }
            Error::Io { path, source } => write!(f, "{path}: cannot read: {source}"),
            Error::NotUtf8 { path, offset } => write!(
                f,
                "{path}: not valid UTF-8 at byte {offset}; replyguard checks UTF-8 text only"
            ),
            Error::TooLarge { path, limit } => write!(
                f,
                "{path}: input is larger than {limit} bytes (raise the limit with --max-bytes)"
            ),
            Error::IsDirectory { path } => write!(f, "{path}: is a directory, not a file"),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
