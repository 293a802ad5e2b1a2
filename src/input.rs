//! Reading inputs: files and standard input, with a size limit and strict UTF-8.
//!
//! Owns the only place replies enter the library, and the one place a fixed reply is
//! written back (`fix --write`). A privacy guard fails closed, so every way an input
//! can be unreadable is an [`Error`] naming the input: a missing or unreadable file, a
//! directory, more bytes than the limit (found without reading the rest), or bytes that
//! are not UTF-8 (with the offset of the first bad byte). A leading UTF-8 byte-order
//! mark is kept in the text; normalization ignores it. Writing back is atomic, so an
//! error never leaves a half-written reply.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use crate::error::Error;

/// The default `--max-bytes`: 1 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 1 << 20;

/// The largest `--max-bytes` accepted: offsets are kept in 32 bits.
pub const MAX_MAX_BYTES: u64 = 1 << 30;

/// The name standard input goes by in messages and output.
pub const STDIN_NAME: &str = "<stdin>";

/// One reply to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as given, or the stdin name.
    pub name: String,
    /// The text.
    pub text: String,
}

/// Reads `path` (`-` is standard input) with at most `max_bytes` bytes.
pub fn read_input(path: &str, max_bytes: u64, stdin_name: Option<&str>) -> Result<Input, Error> {
    if path == "-" {
        let name = stdin_name.unwrap_or(STDIN_NAME).to_string();
        let bytes = read_limited(io::stdin().lock(), max_bytes, &name)?;
        let text = decode(bytes, &name)?;
        return Ok(Input { name, text });
    }
    let text = read_file_text(Path::new(path), max_bytes)?;
    Ok(Input {
        name: path.to_string(),
        text,
    })
}

/// Reads a whole file as UTF-8 text of at most `max_bytes` bytes.
pub fn read_file_text(path: &Path, max_bytes: u64) -> Result<String, Error> {
    let name = path.display().to_string();
    let io_error = |source: io::Error| Error::Io {
        path: name.clone(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(Error::IsDirectory { path: name });
    }
    if metadata.is_file() && metadata.len() > max_bytes {
        return Err(Error::TooLarge {
            path: name,
            limit: max_bytes,
        });
    }
    let file = File::open(path).map_err(io_error)?;
    let bytes = read_limited(file, max_bytes, &name)?;
    decode(bytes, &name)
}

/// Reads at most `limit` bytes; one byte more is an error, and the rest is not read.
fn read_limited(reader: impl Read, limit: u64, name: &str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: name.to_string(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: name.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

fn decode(bytes: Vec<u8>, name: &str) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|error| Error::NotUtf8 {
        path: name.to_string(),
        offset: error.utf8_error().valid_up_to(),
    })
}

/// Writes `text` to a temporary file beside `path`, flushes it to disk and renames it
/// over `path`, so an error never leaves a truncated or half-written reply. The file
/// keeps its permissions.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let io_error = |source: io::Error| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let directory = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = directory.join(format!(
        ".{file_name}.replyguard-{}.tmp",
        std::process::id()
    ));
    let result = (|| {
        let mut file = File::create(&temporary)?;
        if let Ok(metadata) = std::fs::metadata(path) {
            let _ = file.set_permissions(metadata.permissions());
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_enforced_without_reading_everything() {
        let endless = io::repeat(b'a');
        let error = read_limited(endless, 10, "x").unwrap_err();
        assert!(matches!(error, Error::TooLarge { limit: 10, .. }));
        assert_eq!(read_limited(&b"0123456789"[..], 10, "x").unwrap().len(), 10);
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let error = decode(b"ok \xff no".to_vec(), "x").unwrap_err();
        assert!(matches!(error, Error::NotUtf8 { offset: 3, .. }));
    }

    #[test]
    fn writing_back_replaces_the_file_and_leaves_nothing_behind() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("reply.txt");
        std::fs::write(&path, "draft").expect("write the draft");
        write_atomically(&path, "rewrite").expect("write back");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read back"),
            "rewrite"
        );
        let entries = std::fs::read_dir(folder.path()).expect("list the folder");
        assert_eq!(entries.count(), 1);
    }
}
