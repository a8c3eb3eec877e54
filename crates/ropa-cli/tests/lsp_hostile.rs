//! Hostile input for `ropa lsp`, through the real stdio transport (issue 23): frames that lie
//! about their length, an untrusted repository, file events that point at devices or out of the
//! root through links. After each, the server still answers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../ropa-lsp/tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use support::{Client, uri};

const ACTIVITY: &str = "activity chatbot {\n  title \"KI-Chatbot\"\n  purpose \"Anfragen\"\n}\n";

/// The server, and the task that feeds its stdin (aborting it closes stdin).
struct Server {
    child: tokio::process::Child,
    stdin: tokio::task::JoinHandle<()>,
}

/// `ropa lsp` in `root`, with a client on its stdio.
fn start(root: &Path) -> (Server, Client) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .arg("lsp")
        .current_dir(root)
        .env("ROPA_TODAY", "2026-11-22")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    // The client writes into a pipe of ours that is copied to the server's stdin, so that the
    // test can close stdin while the client still reads.
    let (writer, mut reader) = tokio::io::duplex(1 << 16);
    let mut child_stdin = child.stdin.take().unwrap();
    let stdin = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut reader, &mut child_stdin).await;
    });
    let client = Client::new(child.stdout.take().unwrap(), writer);
    (Server { child, stdin }, client)
}

/// The server answers a normal request, and finds exactly `expected` activities named `name`.
async fn still_serving(client: &mut Client, name: &str, expected: usize) {
    let symbols = client
        .request("workspace/symbol", json!({ "query": name }))
        .await;
    let found = symbols
        .as_array()
        .map_or(0, |a| a.iter().filter(|s| s["name"] == name).count());
    assert_eq!(found, expected, "{symbols}");
}

fn log_lines(client: &Client) -> Vec<String> {
    client
        .notifications
        .iter()
        .filter(|n| n["method"] == "window/logMessage")
        .map(|n| n["params"]["message"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The server exits once its stdin is closed.
async fn exits_on_close(mut server: Server, client: Client) {
    server.stdin.abort();
    let _ = server.stdin.await;
    tokio::time::timeout(Duration::from_secs(30), server.child.wait())
        .await
        .expect("the server exits when stdin closes")
        .unwrap();
    drop(client);
}

#[tokio::test(flavor = "multi_thread")]
async fn frames_that_lie_about_their_length_are_dropped_and_the_server_lives() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.ropa"), ACTIVITY).unwrap();
    let (server, mut client) = start(dir.path());
    client.initialize(dir.path(), json!({})).await;
    still_serving(&mut client, "chatbot", 1).await;

    // A length that overflows every addition (it used to panic the transport), one that
    // overflows a u64, and one just over the limit: each is dropped without being allocated.
    for announced in [
        "18446744073709551615",
        "340282366920938463463374607431768211456",
        "268435457",
    ] {
        client.send_bytes(format!("Content-Length: {announced}\r\n\r\n{{\"jsonrpc\":"));
        still_serving(&mut client, "chatbot", 1).await;
    }
    let logs = log_lines(&client);
    assert!(
        logs.iter()
            .filter(|l| l.contains("larger than the"))
            .count()
            >= 3,
        "{logs:?}"
    );

    // A header without `Content-Length`, a body that is not JSON, not UTF-8, not a message.
    client.send_bytes("Content-Type: x\r\n\r\n");
    client.send_bytes("Content-Length: 5\r\n\r\n{nope");
    let parse_error = client.next_message().await;
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    let mut bytes = b"Content-Length: 4\r\n\r\n".to_vec();
    bytes.extend_from_slice(&[b'"', 0xff, 0xfe, b'"']);
    client.send_bytes(bytes);
    let utf8 = client.next_message().await;
    assert_eq!(utf8["error"]["code"], -32700, "{utf8}");
    client.send_bytes("Content-Length: 7\r\n\r\n[1,2,3]");
    let invalid = client.next_message().await;
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    still_serving(&mut client, "chatbot", 1).await;
    exits_on_close(server, client).await;
}

/// Issue 23, item 7: opening an untrusted repository is enough to hang the server if it reads
/// what the repository points at; it must answer `initialize` and exit when stdin closes.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread")]
async fn initialize_is_answered_in_an_untrusted_repository() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.ropa"), ACTIVITY).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.ropa")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.json")).unwrap();
    let fifo = root.join("fifo.ropa");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for baseline in [
        "/dev/zero",
        "zero.json",
        "fifo.ropa",
        "../../../../dev/zero",
    ] {
        std::fs::write(
            root.join("ropa.toml"),
            format!("[check]\nbaseline = \"{baseline}\"\n"),
        )
        .unwrap();
        let (server, mut client) = start(root);
        client.initialize(root, json!({})).await;
        still_serving(&mut client, "chatbot", 1).await;
        exits_on_close(server, client).await;
    }
}

/// Issue 23, item 8: file events never read through a link out of the root, nor a device.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn file_events_never_follow_links_out_of_the_root_or_read_devices() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.ropa"),
        "activity leaked { title \"geheim\" }\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.ropa"), ACTIVITY).unwrap();
    let (server, mut client) = start(root);
    client.initialize(root, json!({})).await;
    still_serving(&mut client, "chatbot", 1).await;

    // Links created after start: a file link and a folder link, both pointing outside.
    std::os::unix::fs::symlink(outside.path().join("secret.ropa"), root.join("link.ropa")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
    let changes: Vec<Value> = [
        root.join("link.ropa"),
        root.join("out/secret.ropa"),
        root.join("sub/../out/secret.ropa"),
        Path::new("/dev/zero").to_path_buf(),
    ]
    .iter()
    .map(|p| json!({ "uri": uri(p), "type": 1 }))
    .collect();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
    still_serving(&mut client, "leaked", 0).await;

    // Closing documents re-reads them from disk: never a device, never through a link.
    for file in [
        Path::new("/dev/zero").to_path_buf(),
        root.join("link.ropa"),
        root.join("out/secret.ropa"),
    ] {
        let uri = uri(&file);
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ropa", "version": 1, "text": "" } }),
        );
        client.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
    }
    still_serving(&mut client, "leaked", 0).await;
    still_serving(&mut client, "chatbot", 1).await;
    exits_on_close(server, client).await;
}

/// The client closes stdin while the server waits for its answer (to
/// `client/registerCapability`, sent after `initialized`): the server exits all the same.
#[tokio::test(flavor = "multi_thread")]
async fn the_server_exits_on_stdin_close_while_it_waits_for_the_client() {
    use tokio::io::AsyncWriteExt;
    let dir = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = tokio::io::BufReader::new(child.stdout.take().unwrap());
    let initialize = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null,
        "rootUri": uri(dir.path()),
        "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }
    }});
    stdin.write_all(&support::frame(&initialize)).await.unwrap();
    let patience = Duration::from_secs(30);
    while next(&mut stdout, patience).await["id"] != 1 {}
    let initialized = json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} });
    stdin
        .write_all(&support::frame(&initialized))
        .await
        .unwrap();
    while next(&mut stdout, patience).await["method"] != "client/registerCapability" {}
    // The server now waits for an answer that never comes.
    drop(stdin);
    tokio::time::timeout(patience, child.wait())
        .await
        .expect("the server exits when stdin closes")
        .unwrap();
}

async fn next(
    stdout: &mut tokio::io::BufReader<tokio::process::ChildStdout>,
    patience: Duration,
) -> Value {
    tokio::time::timeout(patience, support::read_frame(stdout))
        .await
        .expect("a message in time")
        .expect("a message")
}

/// Issue 23, item 5: deeply nested lists and blocks (valid, unclosed, in a language block)
/// give every feature an answer — a result or an error — and never overflow the stack; the
/// formatter says why it declines.
#[tokio::test(flavor = "multi_thread")]
async fn every_feature_survives_deep_nesting() {
    const DEPTH: usize = 100_000;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.ropa"), ACTIVITY).unwrap();
    let documents = [
        (
            "lists.ropa",
            format!(
                "activity lists {{\n  title \"T\"\n  data {}{}\n}}\n",
                "[".repeat(DEPTH),
                "]".repeat(DEPTH)
            ),
        ),
        (
            "blocks.ropa",
            format!(
                "activity blocks {{\n  title \"T\"\n  ai {}{}\n}}\n",
                "x { ".repeat(DEPTH),
                "} ".repeat(DEPTH)
            ),
        ),
        (
            "unclosed.ropa",
            format!("activity unclosed {{\n  data {}", "[".repeat(DEPTH)),
        ),
        (
            "language.ropa",
            format!(
                "activity language {{\n  notice {{ de {} }}\n}}\n",
                "{ de ".repeat(DEPTH)
            ),
        ),
    ];
    // Written to disk too: the workspace reads them from disk at start (the fast path declines
    // them) as well as from the editor.
    for (name, text) in &documents {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let (server, mut client) = start(dir.path());
    client.initialize(dir.path(), json!({})).await;
    for (name, text) in &documents {
        let uri = uri(&dir.path().join(name));
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ropa", "version": 1, "text": text } }),
        );
        let doc = json!({ "uri": uri });
        // Deep inside, at the end and at the start.
        let positions = [
            json!({ "line": 2, "character": DEPTH / 2 }),
            json!({ "line": 2, "character": 4 * DEPTH }),
            json!({ "line": 0, "character": 3 }),
        ];
        for pos in &positions {
            let at = json!({ "textDocument": doc, "position": pos });
            for (method, params) in [
                ("textDocument/hover", at.clone()),
                ("textDocument/completion", at.clone()),
                ("textDocument/definition", at.clone()),
                ("textDocument/documentHighlight", at.clone()),
                ("textDocument/prepareRename", at.clone()),
                (
                    "textDocument/references",
                    json!({ "textDocument": doc, "position": pos, "context": { "includeDeclaration": true } }),
                ),
                (
                    "textDocument/selectionRange",
                    json!({ "textDocument": doc, "positions": [pos] }),
                ),
            ] {
                let answer = client.request_raw(method, params).await;
                assert!(
                    answer.get("result").is_some() || answer.get("error").is_some(),
                    "{name} {method}"
                );
            }
        }
        let whole =
            json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 3, "character": 0 } });
        for (method, params) in [
            (
                "textDocument/documentSymbol",
                json!({ "textDocument": doc }),
            ),
            ("textDocument/foldingRange", json!({ "textDocument": doc })),
            (
                "textDocument/semanticTokens/full",
                json!({ "textDocument": doc }),
            ),
            ("textDocument/codeLens", json!({ "textDocument": doc })),
            (
                "textDocument/inlayHint",
                json!({ "textDocument": doc, "range": whole }),
            ),
            (
                "textDocument/codeAction",
                json!({ "textDocument": doc, "range": whole, "context": { "diagnostics": [] } }),
            ),
            (
                "textDocument/rangeFormatting",
                json!({ "textDocument": doc, "range": whole, "options": { "tabSize": 2, "insertSpaces": true } }),
            ),
        ] {
            let answer = client.request_raw(method, params).await;
            assert!(
                answer.get("result").is_some() || answer.get("error").is_some(),
                "{name} {method}"
            );
        }
        let format = client
            .request_raw(
                "textDocument/formatting",
                json!({ "textDocument": doc, "options": { "tabSize": 2, "insertSpaces": true } }),
            )
            .await;
        let message = format["error"]["message"].as_str().unwrap_or("");
        assert!(
            message.contains("nest more than 64 levels") || message.contains("syntax errors"),
            "{name}: {format}"
        );
        still_serving(&mut client, "chatbot", 1).await;
    }
    let symbols = client
        .request("workspace/symbol", json!({ "query": "" }))
        .await;
    for name in ["chatbot", "lists", "blocks"] {
        assert!(
            symbols
                .as_array()
                .is_some_and(|s| s.iter().any(|s| s["name"] == name)),
            "{name}: {symbols}"
        );
    }
    exits_on_close(server, client).await;
}
