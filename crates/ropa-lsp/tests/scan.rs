//! The editor's `ropa scan`: findings of the `[scan] paths` sources appear on the scanned files
//! (positions in UTF-16 by default) and go away when the record declares the service.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod support;

use common::Fixture;
use serde_json::{Value, json};

const HTML: &str = "<!doctype html>\n<p>Grüße 😀</p><script src=\"https://www.googletagmanager.com/gtm.js?id=GTM-X\"></script>\n";

fn setup(root: &std::path::Path) {
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("ropa.toml", "[scan]\npaths = [\"web\"]\n");
    write(
        "controller.ropa",
        "controller {\n  name    \"Muster GmbH\"\n  address \"Musterstraße 1, 10115 Berlin\"\n  email   \"datenschutz@muster.de\"\n  security \"TOM\"\n}\n",
    );
    write("web/index.html", HTML);
    write(
        "web/package.json",
        "{\n  \"dependencies\": { \"openai\": \"^4\" }\n}\n",
    );
    write(
        "web/node_modules/x/package.json",
        "{\"dependencies\": {\"stripe\": \"1\"}}",
    );
}

fn rules(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn services_complete_from_the_catalogue() {
    let mut f = Fixture::start(setup, json!({})).await;
    let marked = "processor google {\n  name \"Google Ireland Limited\"\n  services [google_tag_manager, goo|]\n}\n";
    let at = marked.find('|').unwrap();
    let text = marked.replacen('|', "", 1);
    f.open_text("google.ropa", &text);
    let line = text[..at].matches('\n').count();
    let character = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    let response = f
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": f.uri("google.ropa") }, "position": { "line": line, "character": character } }),
        )
        .await;
    let items = response
        .as_array()
        .or_else(|| response["items"].as_array())
        .unwrap();
    let analytics = items
        .iter()
        .find(|i| i["label"] == "google_analytics")
        .expect("google_analytics offered");
    assert_eq!(analytics["detail"], "Google Analytics (analytics)");
    // Already listed, so not offered again; certifications are not services.
    assert!(
        items
            .iter()
            .all(|i| i["label"] != "google_tag_manager" && i["label"] != "iso27001")
    );
}

#[tokio::test]
async fn scan_findings_appear_on_the_scanned_files_and_clear_when_declared() {
    let mut f = Fixture::start(setup, json!({})).await;
    let html = f.client.diagnostics("web/index.html").await;
    assert_eq!(rules(&html), ["undeclared-service"]);
    let d = &html["diagnostics"][0];
    // `<p>Grüße 😀</p><script src="` is 28 UTF-16 code units (the emoji counts two).
    assert_eq!(d["range"]["start"], json!({ "line": 1, "character": 28 }));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("Google Tag Manager"),
        "{d}"
    );
    let manifest = f.client.diagnostics("web/package.json").await;
    assert_eq!(rules(&manifest), ["undeclared-service"]);
    assert_eq!(
        manifest["diagnostics"][0]["range"]["start"],
        json!({ "line": 1, "character": 20 })
    );

    // Declaring OpenAI and saving clears the manifest's finding.
    let processors = f.dir.path().join("processors.ropa");
    std::fs::write(
        &processors,
        "processor openai {\n  name    \"OpenAI Ireland Ltd.\"\n  country IE\n  avv { signed 2024-03-01 }\n}\n",
    )
    .unwrap();
    f.client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": f.uri("processors.ropa"), "type": 1 }] }),
    );
    let cleared = f
        .client
        .diagnostics_where("web/package.json", |p| {
            p["diagnostics"].as_array().is_some_and(|a| a.is_empty())
        })
        .await;
    assert_eq!(rules(&cleared), Vec::<String>::new());
}
