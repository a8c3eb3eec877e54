//! In-process server fixtures and position helpers shared by the server's integration tests.
//! Positions are computed here independently of the server's line index.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Client, uri};

pub fn today() -> ropa_syntax::Date {
    ropa_syntax::Date::new(2026, 11, 22).unwrap()
}

/// Runs the server as `ropa lsp` does (`ropa_lsp::serve`) on an in-memory pipe.
pub fn spawn_server() -> Client {
    let (client_io, server_io) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server_io);
    let (client_read, client_write) = tokio::io::split(client_io);
    tokio::spawn(ropa_lsp::serve(server_read, server_write, today()));
    Client::new(client_read, client_write)
}

/// The bare `tower-lsp-server` stack without `ropa_lsp::serve`'s framing layer.
pub fn spawn_bare_server() -> Client {
    let (client_io, server_io) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server_io);
    let (client_read, client_write) = tokio::io::split(client_io);
    let (service, socket) =
        tower_lsp_server::LspService::new(|client| ropa_lsp::Server::new(client, today()));
    tokio::spawn(tower_lsp_server::Server::new(server_read, server_write, socket).serve(service));
    Client::new(client_read, client_write)
}

/// A workspace on disk and a client talking to an in-process server.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub client: Client,
}

impl Fixture {
    /// Writes the workspace with `setup`, starts a server and initializes it (with `extra`
    /// merged into the initialize params).
    pub async fn start(setup: impl FnOnce(&Path), extra: Value) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        setup(dir.path());
        let mut client = spawn_server();
        client.initialize(dir.path(), extra).await;
        Fixture { dir, client }
    }

    pub fn uri(&self, rel: &str) -> String {
        uri(&self.dir.path().join(rel))
    }

    pub fn text(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel)).unwrap()
    }

    /// Replaces the temporary root in every string with `file:///ws`.
    pub fn redact(&self, v: Value) -> Value {
        let root = uri(self.dir.path());
        let s = serde_json::to_string(&v).unwrap();
        serde_json::from_str(&s.replace(&root, "file:///ws")).unwrap()
    }

    pub fn open(&self, rel: &str) {
        self.open_text(rel, &self.text(rel));
    }

    pub fn open_text(&self, rel: &str, text: &str) {
        self.client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": self.uri(rel), "languageId": "ropa", "version": 1, "text": text } }),
        );
    }

    pub fn change(&self, rel: &str, version: i32, changes: Value) {
        self.client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": self.uri(rel), "version": version }, "contentChanges": changes }),
        );
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let v = self.client.request(method, params).await;
        self.redact(v)
    }

    /// A request at the (UTF-16) position of `needle` (+ `delta` characters) in `rel` on disk.
    pub async fn at(&mut self, method: &str, rel: &str, needle: &str, delta: usize) -> Value {
        let text = self.text(rel);
        let position = pos(&text, needle, delta);
        let params = json!({ "textDocument": { "uri": self.uri(rel) }, "position": position });
        self.request(method, params).await
    }
}

/// Byte offsets where lines start; line breaks are `\n`, `\r\n` and a lone `\r` (as in LSP).
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
    }
    starts
}

/// The end of line `line` without its line break.
fn line_end(text: &str, starts: &[usize], line: usize) -> usize {
    let mut end = starts.get(line + 1).copied().unwrap_or(text.len());
    let bytes = text.as_bytes();
    if end > starts[line] && bytes[end - 1] == b'\n' {
        end -= 1;
    }
    if end > starts[line] && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    end
}

/// The LSP position of a byte offset (`utf8`: byte columns, else UTF-16 code units).
pub fn position_of(text: &str, offset: usize, utf8: bool) -> Value {
    let starts = line_starts(text);
    let line = starts.iter().rposition(|&s| s <= offset).unwrap();
    let before = &text[starts[line]..offset];
    let col: usize = if utf8 {
        before.len()
    } else {
        before.chars().map(char::len_utf16).sum()
    };
    json!({ "line": line, "character": col })
}

/// The byte offset of an LSP position (`utf8`: byte columns, else UTF-16), clamped to the line
/// and the text.
pub fn offset_of(text: &str, pos: &Value, utf8: bool) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let col = pos["character"].as_u64().unwrap() as usize;
    let starts = line_starts(text);
    if line >= starts.len() {
        return text.len();
    }
    let (start, end) = (starts[line], line_end(text, &starts, line));
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= col {
            return start + i;
        }
        units += if utf8 { c.len_utf8() } else { c.len_utf16() };
    }
    end
}

/// The UTF-16 position of the first `needle` in `text`, `delta` characters into it.
pub fn pos(text: &str, needle: &str, delta: usize) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let at = at
        + needle
            .chars()
            .take(delta)
            .map(char::len_utf8)
            .sum::<usize>();
    position_of(text, at, false)
}

/// Applies LSP text edits (non-overlapping, UTF-16 positions) to `text`.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset_of(text, &e["range"]["start"], false),
                offset_of(text, &e["range"]["end"], false),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

/// The text of `text` in an LSP range (UTF-16 positions).
pub fn slice<'a>(text: &'a str, range: &Value) -> &'a str {
    slice_in(text, range, false)
}

/// The text of `text` in an LSP range.
pub fn slice_in<'a>(text: &'a str, range: &Value, utf8: bool) -> &'a str {
    &text[offset_of(text, &range["start"], utf8)..offset_of(text, &range["end"], utf8)]
}

pub fn full_range() -> Value {
    json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 10000, "character": 0 } })
}
