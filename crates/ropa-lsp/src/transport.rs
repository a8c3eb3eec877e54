//! A tolerant framing layer in front of `tower-lsp-server`.
//!
//! `tower-lsp-server` stops reading its input after the first frame it cannot decode (invalid
//! JSON, a missing `Content-Length`, a third header line): one bad message would end the session.
//! This layer reads the client's bytes itself, forwards every well-formed message re-framed with a
//! single `Content-Length` header, and answers the rest itself: a JSON-RPC parse error for a body
//! that is not JSON, an invalid-request error for JSON that is not a message, a log message for
//! bytes that are not a frame at all. It also resynchronises after a wrong `Content-Length`: a
//! valid JSON body can never contain `Content-Length: N` followed by a raw line break, so when one
//! shows up inside what the previous header announced as its body, that body was broken and the
//! next message starts there. Finally it answers requests for unknown `$/` methods, which
//! `tower-lsp-server` leaves unanswered.
//!
//! Memory is bounded: a frame whose `Content-Length` exceeds [`MAX_BODY`] (or overflows) is
//! dropped as its bytes arrive, with a log message, without ever being held; the header block
//! is at most [`MAX_HEADER`] bytes.

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

const HEADER_END: &[u8] = b"\r\n\r\n";
const CONTENT_LENGTH: &[u8] = b"content-length";
/// More header bytes than this without a blank line is not a header.
const MAX_HEADER: usize = 8 * 1024;
/// The largest message body accepted: a `didOpen` of the largest file ropa reads
/// (`ropa_load::limits::SOURCE`), JSON-escaped, with room to spare. Documented in
/// `docs/security.md`.
pub const MAX_BODY: usize = 2 * ropa_load::limits::SOURCE as usize + (1 << 20);
/// Bytes kept back while dropping an oversized body: a header may begin in them.
const HEADER_TAIL: usize = 40;

/// Serves the language server on `input` / `output` until the client exits or closes `input`.
pub async fn serve<I, O>(input: I, output: O, today: ropa_syntax::Date)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    // Everything for the client goes through one channel, a whole frame at a time: the server's
    // frames, the diagnostics it publishes (`crate::publish`) and this layer's own answers.
    let (out_tx, out_rx) = mpsc::unbounded_channel();
    let diagnostics = out_tx.clone();
    let (service, socket) = tower_lsp_server::LspService::new(move |client| {
        crate::Server::with_frames(client, today, Some(diagnostics))
    });
    let (to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let mut reader = tokio::spawn(filter_input(input, to_server, out_tx.clone()));
    let closing = out_tx.clone();
    let forwarding = tokio::spawn(forward_frames(from_server, out_tx));
    let writer = tokio::spawn(write_output(out_rx, output));
    let mut serving =
        Box::pin(tower_lsp_server::Server::new(server_input, server_output, socket).serve(service));
    tokio::select! {
        () = &mut serving => {
            // After `exit` the client may keep its end open: stop reading it.
            reader.abort();
        }
        _ = &mut reader => {
            // The client closed stdin. `tower-lsp-server` would wait for every handler, also
            // one waiting for an answer from the client (`client/registerCapability`), which
            // never comes now: let what runs finish for a moment, then stop.
            let _ = tokio::time::timeout(AFTER_CLOSE, serving.as_mut()).await;
        }
    }
    // The server's output closes with it: its last frames are forwarded, then the forwarding
    // ends. The analysis worker keeps a sender of its own as long as the runtime runs, so the
    // writer is told to stop once it has written what is queued.
    drop(serving);
    let _ = tokio::time::timeout(AFTER_CLOSE, forwarding).await;
    let _ = closing.send(END_OF_OUTPUT);
    let _ = tokio::time::timeout(AFTER_CLOSE, writer).await;
}

/// Queued for the writer when the session is over (a frame is never empty).
const END_OF_OUTPUT: Vec<u8> = Vec::new();

/// How long the server goes on, once the client has closed stdin, to finish and send what it
/// is working on.
const AFTER_CLOSE: std::time::Duration = std::time::Duration::from_millis(500);

/// What to do with the bytes at the start of the buffer.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// More bytes are needed.
    Wait,
    /// A frame: the body is `buf[start..end]`; the frame ends at `end`.
    Frame { start: usize, end: usize },
    /// `buf[..skip]` is not a (complete) frame: drop it and say why.
    Skip { skip: usize, why: &'static str },
    /// A header announced a body larger than [`MAX_BODY`] (`len`: what it announced, `None` if
    /// more than a number can hold): drop `buf[..skip]`, say so, then drop the body as it comes.
    TooLarge { skip: usize, len: Option<u64> },
    /// `buf[..skip]` belongs to an oversized body: drop it silently.
    Drop { skip: usize },
}

/// Finds `Content-Length: DIGITS\r\n` (name case-insensitive) ending with the `\r` at `cr`;
/// returns where the name starts.
fn header_before(buf: &[u8], cr: usize) -> Option<usize> {
    if buf.get(cr + 1) != Some(&b'\n') {
        return None;
    }
    let mut i = cr;
    let digits_end = i;
    while i > 0 && buf[i - 1].is_ascii_digit() {
        i -= 1;
    }
    if i == digits_end {
        return None;
    }
    while i > 0 && buf[i - 1] == b' ' {
        i -= 1;
    }
    if i == 0 || buf[i - 1] != b':' {
        return None;
    }
    i -= 1;
    let start = i.checked_sub(CONTENT_LENGTH.len())?;
    buf[start..i]
        .eq_ignore_ascii_case(CONTENT_LENGTH)
        .then_some(start)
}

/// The first `Content-Length` header line in `buf[from..]` (a `\r` at or after `from`).
fn find_header(buf: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = buf.get(at..)?.iter().position(|&b| b == b'\r') {
        if let Some(start) = header_before(buf, at + i) {
            return Some(start);
        }
        at += i + 1;
    }
    None
}

/// The `Content-Length` of a header block (the last valid one; other lines are ignored):
/// `Some(None)` for a number too large for a `u64`.
fn content_length(headers: &[u8]) -> Option<Option<u64>> {
    headers
        .split(|&b| b == b'\n')
        .filter_map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let lower = line.to_ascii_lowercase();
            let at = lower
                .windows(CONTENT_LENGTH.len())
                .position(|w| w == CONTENT_LENGTH)?;
            let rest = std::str::from_utf8(&line[at + CONTENT_LENGTH.len()..]).ok()?;
            let digits = rest.trim_start().strip_prefix(':')?.trim();
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(digits.parse::<u64>().ok())
        })
        .next_back()
}

/// The framing state across reads: the parsed header of a frame whose body is still arriving
/// and how far that body has been searched for a next header.
#[derive(Debug, Default)]
struct Framer {
    pending: Option<(usize, usize)>,
    scanned: usize,
    /// Bytes of an oversized body still to drop.
    dropping: u64,
}

impl Framer {
    fn step(&mut self, buf: &[u8]) -> Step {
        if self.dropping > 0 {
            return self.drop_body(buf);
        }
        let (start, len) = match self.pending {
            Some(p) => p,
            None => {
                let Some(end) = buf.windows(HEADER_END.len()).position(|w| w == HEADER_END) else {
                    if buf.len() > MAX_HEADER {
                        // Keep a header that may have begun at the end; always make progress.
                        let skip = find_header(buf, 1).unwrap_or(buf.len() - 32).max(1);
                        return Step::Skip {
                            skip,
                            why: "bytes without a message header",
                        };
                    }
                    return Step::Wait;
                };
                let start = end + HEADER_END.len();
                let len = match content_length(&buf[..end]) {
                    Some(Some(len)) if len <= MAX_BODY as u64 => len as usize,
                    Some(len) => {
                        self.dropping = len.unwrap_or(u64::MAX);
                        return Step::TooLarge { skip: start, len };
                    }
                    None => {
                        return Step::Skip {
                            skip: start,
                            why: "a message header without `Content-Length`",
                        };
                    }
                };
                self.pending = Some((start, len));
                self.scanned = start;
                (start, len)
            }
        };
        // A header inside the announced body: the body was cut short (or never sent).
        let limit = buf.len().min(start + len);
        let from = self.scanned.saturating_sub(1).max(start);
        if let Some(next) = find_header(buf, from).filter(|&h| h < limit) {
            self.pending = None;
            return Step::Skip {
                skip: next,
                why: "a message shorter than its `Content-Length`",
            };
        }
        if buf.len() < start + len {
            self.scanned = buf.len();
            return Step::Wait;
        }
        self.pending = None;
        Step::Frame {
            start,
            end: start + len,
        }
    }

    /// Drops the bytes of an oversized body as they arrive, keeping none of them: all of them
    /// up to its announced end, or up to a header inside it (the body was a lie, or cut short).
    fn drop_body(&mut self, buf: &[u8]) -> Step {
        if let Some(next) = find_header(buf, 0)
            && (next as u64) < self.dropping
        {
            self.dropping = 0;
            return Step::Skip {
                skip: next,
                why: "a message shorter than its `Content-Length`",
            };
        }
        let skip = if (buf.len() as u64) < self.dropping {
            // A header may begin in the last bytes: keep them for the next look.
            buf.len().saturating_sub(HEADER_TAIL)
        } else {
            usize::try_from(self.dropping).unwrap_or(buf.len())
        };
        if skip == 0 {
            return Step::Wait;
        }
        self.dropping -= skip as u64;
        Step::Drop { skip }
    }
}

pub(crate) fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_response(id: Value, code: i64, message: String) -> Vec<u8> {
    let v = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } });
    frame(v.to_string().as_bytes())
}

fn log_message(message: String) -> Vec<u8> {
    let v = json!({
        "jsonrpc": "2.0",
        "method": "window/logMessage",
        "params": { "type": 1, "message": message }
    });
    frame(v.to_string().as_bytes())
}

/// Checks a body: `Ok` to forward it, or the frame to answer with. The body is parsed once
/// (bodies can be megabytes: a whole document).
fn check(body: &[u8]) -> Result<(), Vec<u8>> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Err(error_response(
                Value::Null,
                -32700,
                format!("ropa: cannot parse the message: {e}"),
            ));
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let invalid = || {
        error_response(
            id.clone(),
            -32600,
            "ropa: not a JSON-RPC 2.0 request, notification or response".to_string(),
        )
    };
    let is_response = value.get("method").is_none()
        && (value.get("result").is_some() || value.get("error").is_some());
    if is_response {
        return serde_json::from_value::<Response>(value)
            .map(|_| ())
            .map_err(|_| invalid());
    }
    let request = serde_json::from_value::<Request>(value).map_err(|_| invalid())?;
    // `tower-lsp-server` drops its MethodNotFound answer to an unknown `$/` request, which
    // leaves the client waiting; LSP requires the error (the server implements no `$/`
    // request).
    if request.id().is_some() && request.method().starts_with("$/") {
        return Err(error_response(
            id,
            -32601,
            format!("ropa: unknown method `{}`", request.method()),
        ));
    }
    Ok(())
}

/// Reads the client's bytes, forwards well-formed messages to the server and sends answers to
/// the rest through `own`.
async fn filter_input<I, W>(mut input: I, mut to_server: W, own: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 1 << 16];
    let mut framer = Framer::default();
    loop {
        match framer.step(&buf) {
            Step::Wait => match input.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            },
            Step::Frame { start, end } => {
                match check(&buf[start..end]) {
                    Ok(()) => {
                        let header = format!("Content-Length: {}\r\n\r\n", end - start);
                        let sent = to_server.write_all(header.as_bytes()).await.is_ok()
                            && to_server.write_all(&buf[start..end]).await.is_ok()
                            && to_server.flush().await.is_ok();
                        if !sent {
                            break;
                        }
                    }
                    Err(answer) => {
                        let _ = own.send(answer);
                    }
                }
                buf.drain(..end);
            }
            Step::Skip { skip, why } => {
                let _ = own.send(log_message(format!(
                    "ropa: ignored {skip} bytes of input: {why}"
                )));
                buf.drain(..skip);
            }
            Step::TooLarge { skip, len } => {
                let announced = len.map_or("more".to_string(), |n| n.to_string());
                let _ = own.send(log_message(format!(
                    "ropa: dropped a message of {announced} bytes: larger than the {} MiB \
                     a message may have",
                    MAX_BODY >> 20
                )));
                buf.drain(..skip);
            }
            Step::Drop { skip } => {
                buf.drain(..skip);
            }
        }
    }
    // Dropping `to_server` closes the server's input: it shuts down.
}

/// Reads one frame written by the server (always well-formed).
async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Vec<u8>> {
    use tokio::io::AsyncBufReadExt;
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        head.extend_from_slice(&line);
        if line == b"\r\n" {
            break;
        }
    }
    let len = usize::try_from(content_length(&head)??).ok()?;
    let mut out = head;
    let start = out.len();
    out.resize(start + len, 0);
    reader.read_exact(&mut out[start..]).await.ok()?;
    Some(out)
}

/// Passes the server's frames on, whole.
async fn forward_frames<R: AsyncRead + Unpin>(from_server: R, out: mpsc::UnboundedSender<Vec<u8>>) {
    let mut reader = BufReader::new(from_server);
    while let Some(frame) = read_frame(&mut reader).await {
        if out.send(frame).is_err() {
            break;
        }
    }
}

/// Writes frames to the client until [`END_OF_OUTPUT`] or every sender is gone.
async fn write_output<O: AsyncWrite + Unpin>(
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: O,
) {
    while let Some(bytes) = frames.recv().await {
        if bytes == END_OF_OUTPUT {
            break;
        }
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Takes every step `buf` allows, as `filter_input` does; returns the most bytes held.
    fn feed(
        framer: &mut Framer,
        buf: &mut Vec<u8>,
        out: &mut Vec<Result<String, &'static str>>,
    ) -> usize {
        let mut held = buf.len();
        loop {
            held = held.max(buf.len());
            match framer.step(buf) {
                Step::Wait => return held,
                Step::Frame { start, end } => {
                    out.push(Ok(String::from_utf8_lossy(&buf[start..end]).into_owned()));
                    buf.drain(..end);
                }
                Step::Skip { skip, why } => {
                    out.push(Err(why));
                    buf.drain(..skip);
                }
                Step::TooLarge { skip, .. } => {
                    out.push(Err("too large"));
                    buf.drain(..skip);
                }
                Step::Drop { skip } => {
                    buf.drain(..skip);
                }
            }
        }
    }

    fn steps(input: &[u8]) -> Vec<Result<String, &'static str>> {
        let mut out = Vec::new();
        feed(&mut Framer::default(), &mut input.to_vec(), &mut out);
        out
    }

    /// Steps over `input` fed in pieces of `size`, as reads deliver it; also the most bytes
    /// the buffer held.
    fn steps_in_pieces(input: &[u8], size: usize) -> (Vec<Result<String, &'static str>>, usize) {
        let mut framer = Framer::default();
        let mut buf = Vec::new();
        let mut out = Vec::new();
        let mut held = 0;
        for piece in input.chunks(size) {
            buf.extend_from_slice(piece);
            held = held.max(feed(&mut framer, &mut buf, &mut out));
        }
        (out, held)
    }

    #[test]
    fn a_content_length_beyond_any_number_or_the_limit_is_dropped_and_the_next_frame_read() {
        for announced in [
            "18446744073709551615".to_string(),
            "99999999999999999999999999".to_string(),
            (MAX_BODY + 1).to_string(),
        ] {
            let input =
                format!("Content-Length: {announced}\r\n\r\n{{}}Content-Length: 2\r\n\r\n{{}}");
            assert_eq!(
                steps(input.as_bytes()),
                [
                    Err("too large"),
                    Err("a message shorter than its `Content-Length`"),
                    Ok("{}".into())
                ],
                "{announced}"
            );
        }
    }

    #[test]
    fn an_oversized_body_is_dropped_as_it_arrives_without_being_held() {
        // A body just over the limit, sent whole, then a normal frame.
        let mut input = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1).into_bytes();
        input.resize(input.len() + MAX_BODY + 1, b'x');
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let (out, held) = steps_in_pieces(&input, 1 << 16);
        assert_eq!(out, [Err("too large"), Ok("{}".into())]);
        assert!(held <= (1 << 16) + HEADER_TAIL, "held {held} bytes");
    }

    #[test]
    fn frames_with_any_header_order_and_case() {
        let input = b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\nX-Other: 1\r\n\r\n{}Content-Length: 4\r\n\r\nnull";
        assert_eq!(steps(input), [Ok("{}".into()), Ok("null".into())]);
    }

    #[test]
    fn a_header_without_body_is_skipped_up_to_the_next_header() {
        let input = b"Content-Length: 10\r\n\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(
            steps(input),
            [
                Err("a message shorter than its `Content-Length`"),
                Ok("{}".into())
            ]
        );
    }

    #[test]
    fn a_too_long_content_length_resynchronises_at_the_next_header() {
        let input = b"Content-Length: 999\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n{}";
        assert_eq!(
            steps(input),
            [
                Err("a message shorter than its `Content-Length`"),
                Ok("{}".into())
            ]
        );
    }

    #[test]
    fn a_too_short_content_length_gives_a_broken_body_then_the_next_frame() {
        let input = b"Content-Length: 3\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n{}";
        assert_eq!(steps(input), [Ok("{\"a".into()), Ok("{}".into())]);
    }

    #[test]
    fn a_header_without_content_length_is_skipped() {
        let input = b"Content-Type: x\r\n\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(
            steps(input),
            [
                Err("a message header without `Content-Length`"),
                Ok("{}".into())
            ]
        );
    }

    #[test]
    fn a_body_may_mention_content_length_in_a_string() {
        let body = br#"{"text":"Content-Length: 12\r\n\r\n"}"#;
        let mut input = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        input.extend_from_slice(body);
        assert_eq!(
            steps(&input),
            [Ok(String::from_utf8_lossy(body).into_owned())]
        );
    }

    #[test]
    fn long_garbage_without_a_blank_line_is_dropped_and_a_header_after_it_is_found() {
        let mut input = b"Content-Length: 3\r\n".repeat(1000);
        input.extend_from_slice(&vec![b'x'; 10_000]);
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        // Fed in pieces, as reads deliver it.
        let (out, _) = steps_in_pieces(&input, 4096);
        assert_eq!(out.last(), Some(&Ok("{}".into())), "{out:?}");
        assert!(
            out.contains(&Err("bytes without a message header")),
            "{out:?}"
        );
    }

    #[test]
    fn bodies_arriving_in_pieces_wait() {
        let mut framer = Framer::default();
        let whole = b"Content-Length: 7\r\n\r\n{\"a\":1}";
        for n in 0..whole.len() {
            assert_eq!(framer.step(&whole[..n]), Step::Wait, "after {n} bytes");
        }
        assert_eq!(framer.step(whole), Step::Frame { start: 21, end: 28 });
    }

    #[test]
    fn checks_answer_what_is_not_a_message() {
        assert!(check(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":3,"result":null}"#).is_ok());
        let parse = String::from_utf8(check(b"{nope").unwrap_err()).unwrap();
        assert!(
            parse.contains("-32700") && parse.contains("\"id\":null"),
            "{parse}"
        );
        let invalid = String::from_utf8(check(br#"{"id":7,"method":"x"}"#).unwrap_err()).unwrap();
        assert!(
            invalid.contains("-32600") && invalid.contains("\"id\":7"),
            "{invalid}"
        );
        let array = String::from_utf8(check(b"[1,2]").unwrap_err()).unwrap();
        assert!(array.contains("-32600"), "{array}");
        let dollar =
            String::from_utf8(check(br#"{"jsonrpc":"2.0","id":"x","method":"$/y"}"#).unwrap_err())
                .unwrap();
        assert!(
            dollar.contains("-32601") && dollar.contains("\"id\":\"x\""),
            "{dollar}"
        );
        assert!(
            check(br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#).is_ok()
        );
    }
}
