//! The playground's JSON interface, natively (the page's browser test runs the same in wasm).
#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

fn call(request: Value) -> Value {
    serde_json::from_str(&ropa_playground::handle(&request.to_string())).unwrap()
}

const RECORD: &str = include_str!("../web/sample.ropa");

#[test]
fn check_answers_findings_with_utf16_offsets_and_the_policy() {
    // An emoji and umlauts before the finding: UTF-16 offsets differ from bytes and characters.
    let text = format!("// 🙂 Grüße\n{RECORD}");
    let answer = call(json!({"op": "check", "text": text, "today": "2026-11-22"}));
    let finding = &answer["findings"][0];
    assert_eq!(finding["rule"], "missing-avv");
    let from = finding["from"].as_u64().unwrap() as usize;
    let to = finding["to"].as_u64().unwrap() as usize;
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16(&utf16[from..to]).unwrap(), "pixelwerk");
    assert_eq!(finding["line"], 27);
    assert_eq!(answer["errors"], 1);
    let policy = answer["policy"]["Ok"].as_str().unwrap();
    assert!(policy.contains("Pixelwerk Agentur GmbH") && policy.contains("lang=\"de\""));
}

#[test]
fn the_policy_escapes_the_record_and_follows_the_language() {
    let text = RECORD.replace("Beispiel Shop GmbH", "<script>alert(1)</script> GmbH");
    let answer = call(
        json!({"op": "check", "text": text, "today": "2026-11-22", "languages": ["de", "en"], "lang": "en"}),
    );
    let policy = answer["policy"]["Ok"].as_str().unwrap();
    assert!(!policy.contains("<script>") && policy.contains("&lt;script&gt;"));
    assert!(policy.contains("lang=\"en\""));
}

#[test]
fn format_and_bad_requests() {
    let answer = call(json!({"op": "format", "text": "activity a {\ntitle \"x\"\n}\n"}));
    assert_eq!(
        answer["formatted"]["Ok"],
        "activity a {\n  title \"x\"\n}\n"
    );
    let broken = call(json!({"op": "format", "text": "activity a {"}));
    assert!(broken["formatted"]["Err"].is_string());
    assert!(call(json!({"op": "nothing"}))["error"].is_string());
    assert!(call(json!({"op": "check", "text": "", "today": "2026-13-01"}))["error"].is_string());
    assert!(ropa_playground::handle("not json").contains("error"));
}
