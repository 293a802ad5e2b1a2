//! The language server behind `replyguard lsp`: the engine in an editor.
//!
//! Owns the Language Server Protocol over a byte stream (stdin and stdout in the
//! binary): message framing, the initialize handshake with position-encoding
//! negotiation (UTF-16 unless the client offers UTF-8), full-text document sync,
//! diagnostics, the two code actions (the whole `fix` rewrite and removing one leaking
//! sentence), hover with a rule's explanation, and settings from `initializationOptions`
//! and `workspace/didChangeConfiguration`. It owns no detection: documents are checked
//! with [`Engine::check`](crate::Engine::check) and rewritten with
//! [`rewrite::rewrite`](crate::rewrite::rewrite), the code paths of `check` and `fix`.
//!
//! A privacy guard fails closed here too. Packs or config that cannot be loaded, or a
//! document over the size limit, give every affected document one error diagnostic
//! saying it was not checked (and a `window/showMessage` for load errors), never an
//! empty list that would read as a pass. A malformed message gets a JSON-RPC error and
//! the server goes on; after a broken frame header it skips to the next header. Only
//! the end of the stream or an output error ends the session without `exit`. Nothing a
//! client sends can make the server panic.
//!
//! One module per concern: `framing` reads and writes `Content-Length` frames,
//! `positions` turns byte offsets into protocol positions and back, `convert` turns
//! reports into diagnostics, code actions and hovers, and `server` runs the loop and
//! keeps the state and the client's settings.
//!
//! <https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/>

mod convert;
mod framing;
mod positions;
mod server;

use std::io::{self, BufRead, Write};

use crate::settings::Options;

pub use framing::MAX_MESSAGE_BYTES;

/// The title of the code action that replaces the document with the `fix` rewrite.
pub const REWRITE_TITLE: &str = "Rewrite reply for public posting (replyguard fix)";

/// The title of the code action that deletes the sentence of one finding.
pub const REMOVE_SENTENCE_TITLE: &str = "Remove the leaking sentence";

/// The diagnostic code of a document that was not checked.
pub const NOT_CHECKED_CODE: &str = "not-checked";

/// Serves one client over `input` and `output` until it sends `exit` or closes the
/// stream; problems that do not stop the server are written to `log`. `options` are
/// the command line's; the client's settings are laid over them. Returns whether the
/// session ended cleanly (`shutdown`, then `exit`); `Err` only when `output` fails.
pub fn serve(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    log: &mut dyn Write,
    options: Options,
) -> io::Result<bool> {
    server::Server::new(output, log, options).run(input)
}
