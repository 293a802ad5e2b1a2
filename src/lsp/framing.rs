//! `Content-Length` framing: JSON-RPC messages over a byte stream.
//!
//! Owns reading one frame (headers, then a body of the announced length), skipping
//! bodies over [`MAX_MESSAGE_BYTES`] without keeping them in memory while keeping
//! enough of them to find the document they carried, finding the next header after a
//! broken one, and writing a raw frame. It does not parse the JSON inside a body, and
//! it knows nothing of documents or the server's state: the server decides what a
//! skipped or malformed message means.

use std::io::{self, BufRead, Read, Write};

/// The largest message body read. A larger one is skipped without being kept in
/// memory; the document it carried is reported as not checked.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// One message read from the stream.
pub(super) enum Frame {
    /// The stream ended between messages.
    End,
    /// A message body.
    Body(Vec<u8>),
    /// A body over [`MAX_MESSAGE_BYTES`], skipped; `head` is its start and end, for the uri.
    Skipped { size: usize, head: String },
}

/// Reads one `Content-Length` framed message. A header that is not `Name: value` or
/// lacks a length is an error; the body is read whole, whatever it holds. With
/// `resync`, after such an error, lines are skipped until one that starts a header.
pub(super) fn read_frame(input: &mut dyn BufRead, resync: bool) -> io::Result<Frame> {
    let invalid = |message: String| io::Error::new(io::ErrorKind::InvalidData, message);
    let mut length = None;
    let mut line = Vec::new();
    let mut first = true;
    let mut skipping = resync;
    loop {
        line.clear();
        // A header line longer than this is not a header.
        let read = (&mut *input).take(8192).read_until(b'\n', &mut line)?;
        if read == 0 {
            if first || skipping {
                return Ok(Frame::End);
            }
            return Err(invalid("the stream ended inside a header".into()));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        // A header name is a token ("Content-Length"); a JSON body sent without a
        // header is not mistaken for one.
        let header = text.split_once(':').filter(|(name, _)| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        });
        let content_length = header
            .filter(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
            .map(|(_, value)| value.trim());
        if skipping {
            if content_length.is_none() {
                continue;
            }
            skipping = false;
        }
        first = false;
        if text.is_empty() {
            break;
        }
        if header.is_none() {
            return Err(invalid(format!("malformed header {text:?}")));
        }
        if let Some(value) = content_length {
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| invalid(format!("bad Content-Length {value:?}")))?,
            );
        }
    }
    let length = length.ok_or_else(|| invalid("a message without Content-Length".into()))?;
    if length > MAX_MESSAGE_BYTES {
        // Keep the first and last few kilobytes: the document's uri is in one of them,
        // whatever order the client wrote the keys in.
        const KEEP: usize = 4096;
        let mut head = Vec::new();
        (&mut *input).take(KEEP as u64).read_to_end(&mut head)?;
        let mut remaining = length - head.len();
        let mut tail = Vec::new();
        let mut chunk = vec![0; 1 << 16];
        while remaining > 0 {
            let wanted = remaining.min(chunk.len());
            let read = input.read(&mut chunk[..wanted])?;
            if read == 0 {
                return Err(invalid("the stream ended inside a message".into()));
            }
            remaining -= read;
            tail.extend_from_slice(&chunk[..read]);
            if tail.len() > 2 * KEEP {
                tail.drain(..tail.len() - KEEP);
            }
        }
        head.push(b'\n');
        head.extend_from_slice(&tail);
        return Ok(Frame::Skipped {
            size: length,
            head: String::from_utf8_lossy(&head).into_owned(),
        });
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Frame::Body(body))
}

/// Writes `body` as one frame and flushes it.
pub(super) fn write_frame(output: &mut dyn Write, body: &str) -> io::Result<()> {
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

/// The `"uri"` value in the start of a skipped message, if it shows one.
pub(super) fn uri_in(head: &str) -> Option<String> {
    let after = &head[head.find("\"uri\"")? + 5..];
    let after = after.trim_start().strip_prefix(':')?.trim_start();
    let value = after.strip_prefix('"')?;
    let end = value.find('"')?;
    let uri = &value[..end];
    (!uri.contains('\\')).then(|| uri.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_skipped_uris() {
        let mut input = &b"Content-Length: 2\r\n\r\n{}Content-Length: 1\r\n"[..];
        assert!(matches!(read_frame(&mut input, false), Ok(Frame::Body(body)) if body == b"{}"));
        assert!(read_frame(&mut input, false).is_err());
        assert!(matches!(read_frame(&mut &b""[..], false), Ok(Frame::End)));
        let mut input = &b"{\"x\": 1}\r\nContent-Length: 2\r\n\r\n[]"[..];
        assert!(read_frame(&mut input, false).is_err());
        assert!(matches!(read_frame(&mut input, true), Ok(Frame::Body(body)) if body == b"[]"));
        assert_eq!(
            uri_in(r#"{"params":{"textDocument":{"uri" : "file:///a.txt","text":"#).as_deref(),
            Some("file:///a.txt")
        );
    }
}
