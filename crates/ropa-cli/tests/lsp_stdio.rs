//! End to end: the `ropa` binary as a language server over stdio — initialize, didOpen,
//! incremental didChange, diagnostics across files, shutdown and exit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../ropa-lsp/tests/support/mod.rs"]
mod support;

use std::process::Stdio;
use std::time::Duration;

use serde_json::json;
use support::{Client, codes, uri};

const PROCESSORS: &str = "processor openai {\n  name    \"OpenAI Ireland Ltd.\"\n  country IE\n  avv { signed 2024-03-01 }\n  certifications [iso27001]\n}\n";
const CHATBOT: &str = "controller {\n  name    \"Muster GmbH\"\n  address \"Musterstraße 1, Berlin\"\n  email   \"datenschutz@muster.de\"\n  security \"TOM\"\n  dpo { email \"dsb@muster.de\" }\n  ai_literacy { measures \"Schulung\" }\n}\n\nactivity chatbot {\n  title       \"KI-Chatbot „Grüße“ 👋\"\n  purpose     \"Kundenanfragen beantworten\"\n  subjects    [customers]\n  data        [chat_content]\n  legal_basis contract\n  processors  [openai]\n  retention   90 days\n  notice      \"Der Chat wird von einer KI beantwortet.\"\n  ai { chatbot true  disclosure \"Sie chatten mit einer KI.\"  provider openai }\n  dpia { done 2024-05-01 }\n}\n";

/// `ropa lsp` on a fixed day (`ROPA_TODAY`), and a client speaking to it over stdio.
fn server() -> (tokio::process::Child, Client) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .arg("lsp")
        .env("ROPA_TODAY", "2026-11-22")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let client = Client::new(child.stdout.take().unwrap(), child.stdin.take().unwrap());
    (child, client)
}

/// `shutdown` and `exit`: the server ends within five seconds, successfully.
async fn shut_down(mut client: Client, mut child: tokio::process::Child) {
    client.shutdown().await;
    let status = tokio::time::timeout(Duration::from_secs(5), child.wait())
        .await
        .expect("exits after `exit`")
        .unwrap();
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread")]
async fn diagnostics_follow_edits_across_files_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("processors.ropa"), PROCESSORS).unwrap();
    std::fs::create_dir(dir.path().join("activities")).unwrap();
    std::fs::write(dir.path().join("activities/chatbot.ropa"), CHATBOT).unwrap();
    std::fs::write(
        dir.path().join("messy.ropa"),
        "subject   club {label \"Club\";}\n",
    )
    .unwrap();

    let (child, mut client) = server();
    let init = client.initialize(dir.path(), json!({})).await;
    assert_eq!(
        init["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");

    // The clean workspace publishes empty diagnostics for the activity file.
    let clean = client.diagnostics("activities/chatbot.ropa").await;
    assert!(codes(&clean).is_empty(), "{clean}");

    // Remove the AVV in processors.ropa: missing-avv appears in the *other* file.
    let processors = uri(&dir.path().join("processors.ropa"));
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": processors, "languageId": "ropa", "version": 1, "text": PROCESSORS } }));
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": processors, "version": 2 },
            "contentChanges": [{ "range": { "start": { "line": 3, "character": 0 }, "end": { "line": 4, "character": 0 } }, "text": "" }]
        }),
    );
    let broken = client
        .diagnostics_where("activities/chatbot.ropa", |p| {
            !p["diagnostics"].as_array().unwrap().is_empty()
        })
        .await;
    let codes_now = codes(&broken);
    // `openai` is in `processors` and the `ai { provider }`: one finding (issue 21).
    assert_eq!(codes_now, vec!["missing-avv"], "{broken}");
    let first = &broken["diagnostics"][0];
    assert_eq!(first["source"], "ropa");
    assert!(
        first["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("missing-avv.md")
    );
    assert!(
        first["relatedInformation"][0]["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("processors.ropa")
    );

    // Put it back with an incremental insert: the findings disappear again.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": processors, "version": 3 },
            "contentChanges": [{ "range": { "start": { "line": 3, "character": 0 }, "end": { "line": 3, "character": 0 } }, "text": "  avv { signed 2024-03-01 }\n" }]
        }),
    );
    let fixed = client
        .diagnostics_where("activities/chatbot.ropa", |p| {
            p["diagnostics"].as_array().unwrap().is_empty()
        })
        .await;
    assert!(codes(&fixed).is_empty());

    // An edit inside an activity (re-checked on its own): removing `retention` reports it there,
    // exactly as `ropa check` does.
    let chatbot_uri = uri(&dir.path().join("activities/chatbot.ropa"));
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": chatbot_uri, "languageId": "ropa", "version": 1, "text": CHATBOT } }));
    let line = CHATBOT
        .lines()
        .position(|l| l.contains("retention"))
        .unwrap() as u32;
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": chatbot_uri, "version": 2 }, "contentChanges": [{ "range": { "start": { "line": line, "character": 0 }, "end": { "line": line + 1, "character": 0 } }, "text": "" }] }),
    );
    let local = client
        .diagnostics_where("activities/chatbot.ropa", |p| p["version"] == 2)
        .await;
    assert_eq!(codes(&local), vec!["missing-retention"], "{local}");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": chatbot_uri, "version": 3 }, "contentChanges": [{ "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 0 } }, "text": "  retention   90 days\n" }] }),
    );
    let back = client
        .diagnostics_where("activities/chatbot.ropa", |p| p["version"] == 3)
        .await;
    assert!(codes(&back).is_empty(), "{back}");

    // Hover on a reference shows what it points at.
    let chatbot = uri(&dir.path().join("activities/chatbot.ropa"));
    let hover = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": chatbot }, "position": { "line": 15, "character": 17 } }))
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("OpenAI Ireland"),
        "{hover}"
    );

    // Formatting returns minimal edits from the same formatter as `ropa fmt`.
    let messy = uri(&dir.path().join("messy.ropa"));
    let edits = client.request("textDocument/formatting", json!({ "textDocument": { "uri": messy }, "options": { "tabSize": 2, "insertSpaces": true } })).await;
    assert!(!edits.as_array().unwrap().is_empty(), "{edits}");

    // The generators answer through workspace/executeCommand.
    let policy = client.request("workspace/executeCommand", json!({ "command": "ropa.generatePolicy", "arguments": [{ "lang": "de", "format": "md" }] })).await;
    assert!(
        policy
            .as_str()
            .unwrap()
            .contains("Art. 6 Abs. 1 lit. b DSGVO"),
        "{policy}"
    );
    let preview = client.request("workspace/executeCommand", json!({ "command": "ropa.generatePolicy", "arguments": [{ "lang": "en", "activity": "chatbot" }] })).await;
    assert!(
        preview.as_str().unwrap().contains("Art. 6(1)(b) GDPR"),
        "{preview}"
    );
    let record = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "ropa.exportRecord", "arguments": [{ "format": "csv" }] }),
        )
        .await;
    assert_eq!(
        record.as_str().unwrap().lines().count(),
        2,
        "header and one activity: {record}"
    );

    shut_down(client, child).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_exits_when_the_client_closes_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdin.take());
    let status = tokio::time::timeout(Duration::from_secs(1), child.wait())
        .await
        .expect("exits within 1 s")
        .unwrap();
    let _ = status;
}

#[tokio::test(flavor = "multi_thread")]
async fn baselined_findings_are_hints_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.ropa"),
        "category loyalty { label \"Bonuspunkte\" }\n",
    )
    .unwrap();
    let ropa = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    assert!(
        ropa(&["check", ".", "--write-baseline", "baseline.json"])
            .status
            .success()
    );
    std::fs::write(
        dir.path().join("ropa.toml"),
        "[check]\nbaseline = \"baseline.json\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.ropa"),
        "category points { label \"Punkte\" }\n",
    )
    .unwrap();

    for (mode, expect) in [
        (json!(null), vec![4]),
        (json!("hide"), vec![]),
        (json!("show"), vec![3]),
    ] {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut client = Client::new(child.stdout.take().unwrap(), child.stdin.take().unwrap());
        client
            .initialize(
                dir.path(),
                json!({ "initializationOptions": { "baseline": mode } }),
            )
            .await;
        // The unused category in a.ropa is in the baseline; the one in b.ropa is new.
        let a = client.diagnostics("/a.ropa").await;
        let severities: Vec<i64> = a["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["severity"].as_i64().unwrap())
            .collect();
        assert_eq!(severities, expect, "mode {mode}: {a}");
        let b = client.diagnostics("/b.ropa").await;
        assert_eq!(
            b["diagnostics"][0]["severity"], 3,
            "a new finding keeps its severity"
        );
        client.shutdown().await;
        let _ = child.wait().await;
    }
}

/// The editor's policy command writes the policy `ropa policy` writes: with the user's templates
/// of `[policy] templates`, not only the built-in ones.
#[tokio::test(flavor = "multi_thread")]
async fn the_policy_command_uses_the_users_templates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ropa.toml"),
        "[policy]\nlanguages = [\"de\"]\ntemplates = \"vorlagen\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("processors.ropa"), PROCESSORS).unwrap();
    std::fs::write(dir.path().join("chatbot.ropa"), CHATBOT).unwrap();
    std::fs::create_dir(dir.path().join("vorlagen")).unwrap();
    std::fs::write(
        dir.path().join("vorlagen/activity.md.j2"),
        "## {{ section.heading }}\n\nEIGENE VORLAGE: {{ section.activity.legal_basis.citation }}\n",
    )
    .unwrap();

    let (child, mut client) = server();
    client.initialize(dir.path(), json!({})).await;
    let clean = client.diagnostics("chatbot.ropa").await;
    assert!(codes(&clean).is_empty(), "{clean}");
    let policy = client.request("workspace/executeCommand", json!({ "command": "ropa.generatePolicy", "arguments": [{ "lang": "de", "format": "md" }] })).await;
    let text = policy.as_str().unwrap();
    assert!(
        text.contains("EIGENE VORLAGE: Art. 6 Abs. 1 lit. b DSGVO"),
        "{policy}"
    );
    assert!(text.contains("## Ihre Rechte"), "the others stay built in");
    // The preview of one activity is what the policy says of it.
    let preview = client.request("workspace/executeCommand", json!({ "command": "ropa.generatePolicy", "arguments": [{ "lang": "de", "format": "md", "activity": "chatbot" }] })).await;
    assert!(
        (preview.as_str().unwrap()).contains("EIGENE VORLAGE: Art. 6 Abs. 1 lit. b DSGVO"),
        "{preview}"
    );
    shut_down(client, child).await;
}
