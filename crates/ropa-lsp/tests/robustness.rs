//! The server never dies: malformed frames, unknown methods, out-of-range positions, unknown
//! documents, version gaps, huge and binary documents. Every test checks that the server still
//! answers a normal request afterwards.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod support;

use common::{Fixture, full_range, position_of};
use serde_json::{Value, json};
use support::{Client, codes};

const ACTIVITY: &str = "controller { name \"Muster GmbH\" address \"Musterstraße 1\" email \"a@b.de\" security \"TOM\" }\n\nactivity chatbot {\n  title       \"KI-Chatbot „Grüße“ 👋\"\n  purpose     \"Kundenanfragen\"\n  subjects    [customers]\n  data        [chat_content]\n  legal_basis contract\n  retention   90 days\n  notice      \"Der Chat wird von einer KI beantwortet.\"\n}\n";

fn setup(root: &std::path::Path) {
    std::fs::write(root.join("a.ropa"), ACTIVITY).unwrap();
}

async fn fixture() -> Fixture {
    Fixture::start(setup, json!({})).await
}

/// A normal request gets a normal answer: the workspace's symbols.
async fn still_serving(f: &mut Fixture) {
    let symbols = f
        .request("workspace/symbol", json!({ "query": "chatbot" }))
        .await;
    assert_eq!(symbols[0]["name"], "chatbot", "{symbols}");
    assert_eq!(
        symbols[0]["location"]["uri"], "file:///ws/a.ropa",
        "{symbols}"
    );
}

fn framed(body: &str) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_json_body_gets_a_parse_error() {
    let mut f = fixture().await;
    f.client
        .send_bytes(framed("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": "));
    let answer = f.client.next_message().await;
    assert_eq!(answer["error"]["code"], -32700, "{answer}");
    assert_eq!(answer["id"], Value::Null);
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn json_that_is_not_a_message_gets_an_invalid_request_error() {
    let mut f = fixture().await;
    for body in [
        "[1, 2, 3]",
        "{\"hello\": \"world\"}",
        "{\"id\": 5, \"method\": \"textDocument/hover\"}",
        "\"just a string\"",
    ] {
        f.client.send_bytes(framed(body));
        let answer = f.client.next_message().await;
        assert_eq!(answer["error"]["code"], -32600, "{body}: {answer}");
    }
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_utf8_in_a_body_gets_a_parse_error() {
    let mut f = fixture().await;
    let mut bytes = b"Content-Length: 4\r\n\r\n".to_vec();
    bytes.extend_from_slice(&[b'"', 0xff, 0xfe, b'"']);
    f.client.send_bytes(bytes);
    let answer = f.client.next_message().await;
    assert_eq!(answer["error"]["code"], -32700, "{answer}");
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_header_without_body_does_not_swallow_the_next_request() {
    let mut f = fixture().await;
    f.client.send_bytes("Content-Length: 120\r\n\r\n");
    still_serving(&mut f).await;
    let log = f
        .client
        .notifications
        .iter()
        .find(|n| n["method"] == "window/logMessage")
        .expect("a log line about the broken frame");
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("Content-Length"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_too_long_content_length_resynchronises_at_the_next_message() {
    let mut f = fixture().await;
    let body = "{\"jsonrpc\":\"2.0\",\"method\":\"$/ropa/nothing\"}";
    f.client.send_bytes(format!(
        "Content-Length: {}\r\n\r\n{body}",
        body.len() + 500
    ));
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_too_short_content_length_gives_a_parse_error_and_resynchronises() {
    let mut f = fixture().await;
    let body = "{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"shutdown\"}";
    f.client
        .send_bytes(format!("Content-Length: {}\r\n\r\n{body}", body.len() - 10));
    let answer = f.client.next_message().await;
    assert_eq!(answer["error"]["code"], -32700, "{answer}");
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn headers_without_content_length_and_stray_bytes_are_skipped() {
    let mut f = fixture().await;
    f.client
        .send_bytes("Content-Type: application/json\r\n\r\n");
    f.client
        .send_bytes("hello, is this the language server?\r\n\r\n");
    f.client.send_bytes("\r\n\r\n\r\n");
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn extra_headers_in_any_case_are_accepted() {
    let mut f = fixture().await;
    let body = json!({
        "jsonrpc": "2.0", "id": 1000, "method": "workspace/symbol", "params": { "query": "chat" }
    })
    .to_string();
    f.client.send_bytes(format!(
        "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\nX-Trace: 1\r\n\r\n{body}",
        body.len()
    ));
    let answer = f.client.next_message().await;
    assert_eq!(answer["id"], 1000, "{answer}");
    assert_eq!(answer["result"][0]["name"], "chatbot", "{answer}");
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_methods() {
    let mut f = fixture().await;
    let answer = f.client.request_raw("ropa/doesNotExist", json!({})).await;
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    let answer = f.client.request_raw("$/ropa/doesNotExist", json!({})).await;
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    f.client.notify("ropa/doesNotExist", json!({ "x": 1 }));
    f.client.notify("$/ropa/doesNotExist", json!(null));
    // Known methods with parameters of the wrong shape.
    let answer = f
        .client
        .request_raw("textDocument/hover", json!({ "nonsense": true }))
        .await;
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    f.client
        .notify("textDocument/didOpen", json!({ "textDocument": 5 }));
    f.client.notify("textDocument/didChange", json!([]));
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn out_of_range_positions_are_clamped() {
    let mut f = fixture().await;
    f.open("a.ropa");
    let uri = f.uri("a.ropa");
    let far = json!({ "line": 10_000, "character": 10_000 });
    let far_col = json!({ "line": 3, "character": 10_000 });
    let td = json!({ "uri": uri });
    for (method, params) in [
        (
            "textDocument/hover",
            json!({ "textDocument": td, "position": far }),
        ),
        (
            "textDocument/hover",
            json!({ "textDocument": td, "position": far_col }),
        ),
        (
            "textDocument/completion",
            json!({ "textDocument": td, "position": far }),
        ),
        (
            "textDocument/completion",
            json!({ "textDocument": td, "position": far_col }),
        ),
        (
            "textDocument/definition",
            json!({ "textDocument": td, "position": far }),
        ),
        (
            "textDocument/references",
            json!({ "textDocument": td, "position": far, "context": { "includeDeclaration": true } }),
        ),
        (
            "textDocument/documentHighlight",
            json!({ "textDocument": td, "position": far }),
        ),
        (
            "textDocument/prepareRename",
            json!({ "textDocument": td, "position": far }),
        ),
        (
            "textDocument/rename",
            json!({ "textDocument": td, "position": far, "newName": "x" }),
        ),
        (
            "textDocument/codeAction",
            json!({ "textDocument": td, "range": { "start": far, "end": far }, "context": { "diagnostics": [] } }),
        ),
        (
            "textDocument/codeAction",
            json!({ "textDocument": td, "range": { "start": far, "end": { "line": 0, "character": 0 } }, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
        ),
        (
            "textDocument/selectionRange",
            json!({ "textDocument": td, "positions": [far, far_col] }),
        ),
        (
            "textDocument/inlayHint",
            json!({ "textDocument": td, "range": { "start": far, "end": far } }),
        ),
        (
            "textDocument/inlayHint",
            json!({ "textDocument": td, "range": full_range() }),
        ),
    ] {
        let answer = f.client.request_raw(method, params).await;
        assert!(
            answer.get("error").is_none() || method.contains("ename"),
            "{method}: {answer}"
        );
    }
    // Edits far out of range clamp: to the end of the text, and to the end of line 3.
    let tail = "// Ende 👋\nactivity zweiter { title \"„Zwei“\" }\n";
    f.change(
        "a.ropa",
        2,
        json!([{ "range": { "start": far, "end": far }, "text": tail }]),
    );
    f.change(
        "a.ropa",
        3,
        json!([{ "range": { "start": far_col, "end": { "line": 3, "character": 20_000 } }, "text": " // Zeile 3 ✓" }]),
    );
    let line3_end = ACTIVITY.match_indices('\n').nth(3).unwrap().0;
    let expected = format!(
        "{}{}{}{tail}",
        &ACTIVITY[..line3_end],
        " // Zeile 3 ✓",
        &ACTIVITY[line3_end..]
    );
    let published = f
        .client
        .diagnostics_where("a.ropa", |p| p["version"] == 3)
        .await;
    let missing: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| common::slice(&expected, &d["range"]))
        .collect();
    assert!(
        !missing.is_empty() && missing.iter().all(|m| *m == "zweiter"),
        "{missing:?}\n{published}"
    );
    let symbols = f
        .request("textDocument/documentSymbol", json!({ "textDocument": td }))
        .await;
    assert_eq!(
        common::slice(&expected, &symbols[2]["selectionRange"]),
        "zweiter"
    );
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_for_unopened_and_missing_documents() {
    let mut f = fixture().await;
    let missing = f.uri("nowhere/missing.ropa");
    for uri in [
        missing.as_str(),
        "file:///definitely/not/here.ropa",
        "untitled:Untitled-1",
        "https://example.com/a.ropa",
    ] {
        let td = json!({ "uri": uri });
        let p = json!({ "line": 0, "character": 0 });
        for (method, params) in [
            (
                "textDocument/hover",
                json!({ "textDocument": td, "position": p }),
            ),
            (
                "textDocument/completion",
                json!({ "textDocument": td, "position": p }),
            ),
            (
                "textDocument/definition",
                json!({ "textDocument": td, "position": p }),
            ),
            ("textDocument/documentSymbol", json!({ "textDocument": td })),
            ("textDocument/foldingRange", json!({ "textDocument": td })),
            (
                "textDocument/semanticTokens/full",
                json!({ "textDocument": td }),
            ),
            (
                "textDocument/semanticTokens/full/delta",
                json!({ "textDocument": td, "previousResultId": "1" }),
            ),
            ("textDocument/codeLens", json!({ "textDocument": td })),
            (
                "textDocument/inlayHint",
                json!({ "textDocument": td, "range": full_range() }),
            ),
            (
                "textDocument/codeAction",
                json!({ "textDocument": td, "range": { "start": p, "end": p }, "context": { "diagnostics": [] } }),
            ),
            (
                "textDocument/prepareRename",
                json!({ "textDocument": td, "position": p }),
            ),
        ] {
            let answer = f.client.request(method, params).await;
            assert!(
                answer.is_null() || answer == json!([]),
                "{method} {uri}: {answer}"
            );
        }
        f.client
            .notify("textDocument/didClose", json!({ "textDocument": td }));
        f.client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": "x" }] }),
        );
        f.client
            .notify("textDocument/didSave", json!({ "textDocument": td }));
    }
    // The file on disk that is not open is served from disk.
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_did_change_for_a_document_never_opened_is_ignored() {
    let mut f = fixture().await;
    // `a.ropa` exists on disk but is not open: a range edit cannot apply to a text the client
    // never sent, so it is dropped and the disk content stays authoritative.
    f.change(
        "a.ropa",
        7,
        json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "garbage {{{" }]),
    );
    f.change("b.ropa", 1, json!([{ "text": "activity b {" }]));
    still_serving(&mut f).await;
    let published = f.client.diagnostics("a.ropa").await;
    assert!(codes(&published).is_empty(), "{published}");
}

#[tokio::test(flavor = "multi_thread")]
async fn version_gaps_are_accepted_and_reported_with_the_diagnostics() {
    let mut f = fixture().await;
    f.open("a.ropa");
    let line = |l: u32| json!({ "start": { "line": l, "character": 0 }, "end": { "line": l, "character": 0 } });
    f.change(
        "a.ropa",
        5,
        json!([{ "range": line(3), "text": "  // fünf 👋\n" }]),
    );
    f.change(
        "a.ropa",
        42,
        json!([{ "range": line(3), "text": "  // zweiundvierzig\n" }]),
    );
    // A version going backwards (a confused client) is taken as it comes.
    f.change(
        "a.ropa",
        3,
        json!([{ "range": line(3), "text": "  purpse \"ß\"\n" }]),
    );
    let published = f
        .client
        .diagnostics_where("a.ropa", |p| p["version"] == 3)
        .await;
    assert_eq!(codes(&published), ["unknown-field"], "{published}");
    let range = &published["diagnostics"][0]["range"];
    assert_eq!(
        range["start"],
        json!({ "line": 3, "character": 2 }),
        "{published}"
    );
    let folding = f
        .request(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": f.uri("a.ropa") } }),
        )
        .await;
    // The two comments form one run at lines 4–5.
    assert!(
        folding
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "comment" && r["startLine"] == 4 && r["endLine"] == 5),
        "{folding}"
    );
    still_serving(&mut f).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn binary_content_in_did_open() {
    let mut f = fixture().await;
    let binary =
        "activity b\u{0} {\n  title \"\u{0}\u{1}\u{7f}\"\n}\n\u{0}\u{0}\u{0}\u{feff}\u{fffd}";
    f.open_text("b.ropa", binary);
    let published = f.client.diagnostics("b.ropa").await;
    assert!(!codes(&published).is_empty(), "{published}");
    let uri = f.uri("b.ropa");
    for (method, params) in [
        (
            "textDocument/semanticTokens/full",
            json!({ "textDocument": { "uri": uri } }),
        ),
        (
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        ),
        (
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": uri } }),
        ),
        (
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 9 } }),
        ),
        (
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 9 } }),
        ),
    ] {
        f.client.request(method, params).await;
    }
    f.change(
        "b.ropa",
        2,
        json!([{ "range": { "start": { "line": 0, "character": 10 }, "end": { "line": 0, "character": 11 } }, "text": "\u{0}\u{0}" }]),
    );
    // A lone surrogate is not a valid JSON string for a Rust server: the notification is
    // rejected, the server goes on.
    let body = format!(
        "{{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{{\"textDocument\":{{\"uri\":\"{}\",\"languageId\":\"ropa\",\"version\":1,\"text\":\"a\\ud800b\"}}}}}}",
        f.uri("c.ropa")
    );
    f.client
        .send_bytes(format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    still_serving(&mut f).await;
    f.client
        .diagnostics_where("b.ropa", |p| p["version"] == 2)
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_20_mb_document_is_opened_and_edited() {
    let mut f = fixture().await;
    // One activity and 20 MB of comments with umlauts and emoji around it.
    let filler: String = (0..)
        .map(|i| format!("// Zeile {i}: Grüße aus Köln 👋 „Zitat“ ß\n"))
        .take_while({
            let mut total = 0usize;
            move |line: &String| {
                total += line.len();
                total < 20_000_000
            }
        })
        .collect();
    let activity = ACTIVITY.split_once("\n\n").unwrap().1;
    let text = format!("{filler}{activity}{filler}");
    assert!(text.len() > 20_000_000);
    // Slow in an unoptimised build (about 10 s), but they come.
    f.client.patience = std::time::Duration::from_secs(180);
    let start = std::time::Instant::now();
    f.open_text("big.ropa", &text);
    let published = f
        .client
        .diagnostics_where("big.ropa", |p| p["version"] == 1)
        .await;
    eprintln!("20 MB: diagnostics after {:?}", start.elapsed());
    // The chatbot in `a.ropa` and in `big.ropa` collide.
    assert_eq!(codes(&published), ["duplicate-definition"], "{published}");
    // Rename it in the middle (an incremental edit at UTF-16 positions after many emoji): the
    // collision is gone, and nothing else broke.
    let at = text.find("activity chatbot").unwrap() + "activity ".len();
    let range =
        json!({ "start": position_of(&text, at, false), "end": position_of(&text, at + 7, false) });
    f.change(
        "big.ropa",
        2,
        json!([{ "range": range, "text": "grosser_bot" }]),
    );
    let published = f
        .client
        .diagnostics_where("big.ropa", |p| p["version"] == 2)
        .await;
    eprintln!(
        "20 MB: diagnostics after the edit after {:?}",
        start.elapsed()
    );
    assert!(codes(&published).is_empty(), "{published}");
    still_serving(&mut f).await;
}

/// Without `ropa_lsp::serve`'s framing layer, `tower-lsp-server` stops reading after the first
/// frame it cannot decode. This documents why the layer exists; if a newer `tower-lsp-server`
/// survives such frames, the layer can go.
#[tokio::test(flavor = "multi_thread")]
async fn the_bare_tower_stack_stops_at_an_invalid_frame() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let mut client: Client = common::spawn_bare_server();
    client.initialize(dir.path(), json!({})).await;
    client.send_bytes(framed("{ not json"));
    let answer = client.next_message().await;
    assert_eq!(answer["error"]["code"], -32700);
    // The request is never answered: the server stopped reading (its output may close, which
    // makes the client's reader panic in the task).
    let task = tokio::spawn(async move {
        client
            .request_raw("workspace/symbol", json!({ "query": "" }))
            .await
    });
    let next = tokio::time::timeout(std::time::Duration::from_secs(2), task).await;
    assert!(
        !matches!(next, Ok(Ok(_))),
        "tower-lsp-server survived an invalid frame: {next:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn files_created_deleted_and_ropa_toml_edited_on_disk_are_picked_up() {
    let mut f = fixture().await;
    let watched = |f: &Fixture, rel: &str, typ: u32| {
        f.client.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": f.uri(rel), "type": typ }] }),
        );
    };
    // A new file with a processor nobody uses.
    std::fs::write(
        f.dir.path().join("neu.ropa"),
        "processor übrig {}\nprocessor spare { name \"Spare\" country DE avv { signed 2024-01-01 } certifications [c5] }\n",
    )
    .unwrap();
    watched(&f, "neu.ropa", 1);
    let created = f
        .client
        .diagnostics_where("neu.ropa", |p| {
            codes(p).contains(&"unused-definition".to_string())
        })
        .await;
    assert!(
        codes(&created).contains(&"syntax-error".to_string()),
        "{created}"
    );
    // Turn the rule off in ropa.toml: the finding goes.
    std::fs::write(
        f.dir.path().join("ropa.toml"),
        "[rules]\nunused-definition = \"off\"\n",
    )
    .unwrap();
    watched(&f, "ropa.toml", 1);
    f.client
        .diagnostics_where("neu.ropa", |p| {
            !codes(p).contains(&"unused-definition".to_string())
        })
        .await;
    // A broken ropa.toml is shown to the user.
    std::fs::write(f.dir.path().join("ropa.toml"), "[rules\n").unwrap();
    watched(&f, "ropa.toml", 2);
    let shown = loop {
        if let Some(m) = f
            .client
            .notifications
            .iter()
            .find(|n| n["method"] == "window/showMessage")
        {
            break m.clone();
        }
        still_serving(&mut f).await;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("ropa.toml"),
        "{shown}"
    );
    // Deleted: its diagnostics are cleared.
    std::fs::remove_file(f.dir.path().join("neu.ropa")).unwrap();
    watched(&f, "neu.ropa", 3);
    f.client
        .diagnostics_where("neu.ropa", |p| p["diagnostics"] == json!([]))
        .await;
    // A file that is not UTF-8 is reported as `ropa check` reports it.
    std::fs::write(f.dir.path().join("latin1.ropa"), b"// Gr\xfc\xdfe\n").unwrap();
    watched(&f, "latin1.ropa", 1);
    let latin1 = f.client.diagnostics("latin1.ropa").await;
    assert_eq!(codes(&latin1), ["syntax-error"], "{latin1}");
    assert!(
        latin1["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8"),
        "{latin1}"
    );
    still_serving(&mut f).await;
}
