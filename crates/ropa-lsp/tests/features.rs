//! In-process tests of every LSP feature on a small workspace (a processors file and two activity
//! files with umlauts and emoji in strings), with JSON snapshots of the responses.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod support;

use std::path::Path;

use common::{Fixture, apply_edits, full_range, offset_of, pos, position_of, slice};
use serde_json::{Value, json};
use support::codes;

const PROCESSORS: &str = r#"// Auftragsverarbeiter — „Dienstleister“ 🚀
processor openai {
  name    "OpenAI Ireland Ltd."
  country IE
  avv { signed 2024-03-01 }
  certifications [iso27001]
}

processor azure {
  name     "Microsoft Corporation — Grüße"
  country  US
  transfer scc { tia { done 2023-11-10 } }
  avv { signed 2023-11-15 }
  certifications [iso27001, soc2]
}

processor acme {
  name    "Acme Analytics Inc. 📊"
  country US
  certifications [soc2]
}

processor spare {
  name    "Übrig & Söhne GmbH"
  country DE
  avv { signed 2022-01-01 }
  certifications [iso27001]
}
"#;

const CHATBOT: &str = r#"controller {
  name    "Muster GmbH"
  address "Musterstraße 1, 10115 Berlin"
  email   "datenschutz@muster.de"  security "TOM"  dpo { email "dsb@muster.de" }  ai_literacy { measures "Schulung" }
}

activity chatbot {
  title       "KI-Chatbot „Grüße“ 👋"
  purpose     "Kundenanfragen beantworten"
  subjects    [customers]
  data        [chat_content]
  legal_basis contract
  processors  [openai, azure]
  retention   90 days
  notice      "Der Chat wird von einer KI beantwortet."
  ai { chatbot true  provider openai }
  dpia { done 2024-05-01 }
}
"#;

const MARKETING: &str = r#"activity newsletter {
  title       "Newsletter für Kund:innen 📧"
  purpose     "Werbung per E-Mail"
  subjects    [newsletter_subscribers]
  data        [contakt, interests]
  legal_basis legitimate_interest {
    interest  "Direktwerbung an Bestandskund:innen"
    balancing "Erwägungsgrund 47 DSGVO"
  }
  processors  [acme]
  notice      "Wir senden Ihnen unseren Newsletter."
  securty     "TLS"
  ai { profiling true  logic "Interessen aus Klicks"  bias_review { done 2024-01-01 } }
  dpia { done 2024-05-01 }
}
"#;

fn write_workspace(root: &Path) {
    std::fs::write(root.join("processors.ropa"), PROCESSORS).unwrap();
    std::fs::create_dir_all(root.join("activities")).unwrap();
    std::fs::write(root.join("activities/chatbot.ropa"), CHATBOT).unwrap();
    std::fs::write(root.join("activities/marketing.ropa"), MARKETING).unwrap();
}

/// The workspace of these tests, with a client talking to an in-process server.
async fn workspace(extra: Value) -> Fixture {
    Fixture::start(write_workspace, extra).await
}

const FILES: [&str; 3] = [
    "processors.ropa",
    "activities/chatbot.ropa",
    "activities/marketing.ropa",
];

#[tokio::test(flavor = "multi_thread")]
async fn diagnostics_carry_code_description_source_related_information_and_tags() {
    let mut f = workspace(json!({})).await;
    let mut all = serde_json::Map::new();
    for rel in FILES {
        let d = f.client.diagnostics(rel).await;
        all.insert(rel.to_string(), f.redact(d)["diagnostics"].clone());
    }
    assert_eq!(
        codes(&json!({ "diagnostics": all["processors.ropa"] })),
        ["transfer-without-safeguard", "unused-definition"]
    );
    let unused = &all["processors.ropa"][1];
    assert_eq!(unused["tags"], json!([1]), "unnecessary");
    assert_eq!(slice(PROCESSORS, &unused["range"]), "spare");
    let avv = all["activities/marketing.ropa"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "missing-avv")
        .unwrap();
    assert_eq!(slice(MARKETING, &avv["range"]), "acme");
    assert_eq!(
        avv["relatedInformation"][0]["location"]["uri"],
        "file:///ws/processors.ropa"
    );
    assert_eq!(
        slice(
            PROCESSORS,
            &avv["relatedInformation"][0]["location"]["range"]
        ),
        "acme"
    );
    // The range after `„Grüße“ 👋` (UTF-16: the emoji counts two) is exact.
    let chatbot = &all["activities/chatbot.ropa"][0];
    assert_eq!(chatbot["code"], "chatbot-without-disclosure");
    assert_eq!(slice(CHATBOT, &chatbot["range"]), "chatbot");
    insta::assert_json_snapshot!("diagnostics", all);
}

#[tokio::test(flavor = "multi_thread")]
async fn hover_on_a_key_in_english_and_german() {
    let mut f = workspace(json!({})).await;
    let en = f
        .at(
            "textDocument/hover",
            "activities/chatbot.ropa",
            "retention",
            3,
        )
        .await;
    assert_eq!(slice(CHATBOT, &en["range"]), "retention");
    let mut g = workspace(json!({ "locale": "de-DE" })).await;
    let de = g
        .at(
            "textDocument/hover",
            "activities/chatbot.ropa",
            "retention",
            3,
        )
        .await;
    assert_eq!(en["range"], de["range"]);
    assert_ne!(en["contents"], de["contents"]);
    insta::assert_json_snapshot!("hover_key", json!({ "en": en, "de": de }));
}

#[tokio::test(flavor = "multi_thread")]
async fn hover_on_a_processor_reference_summarises_the_processor() {
    let mut f = workspace(json!({})).await;
    let hover = f
        .at("textDocument/hover", "activities/chatbot.ropa", "azure]", 2)
        .await;
    assert_eq!(slice(CHATBOT, &hover["range"]), "azure");
    let text = hover["contents"]["value"].as_str().unwrap();
    for part in ["US", "2023-11-15", "scc", "Microsoft Corporation — Grüße"] {
        assert!(text.contains(part), "{part} in {text}");
    }
    // A processor without an AVV says so.
    let acme = f
        .at("textDocument/hover", "activities/marketing.ropa", "acme", 0)
        .await;
    insta::assert_json_snapshot!("hover_reference", json!({ "azure": hover, "acme": acme }));
}

#[tokio::test(flavor = "multi_thread")]
async fn hover_on_a_legal_basis_keyword_cites_the_article() {
    let mut f = workspace(json!({})).await;
    let hover = f
        .at(
            "textDocument/hover",
            "activities/chatbot.ropa",
            "contract",
            4,
        )
        .await;
    assert_eq!(slice(CHATBOT, &hover["range"]), "contract");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("6(1)(b)"),
        "{hover}"
    );
    let li = f
        .at(
            "textDocument/hover",
            "activities/marketing.ropa",
            "legitimate_interest",
            0,
        )
        .await;
    insta::assert_json_snapshot!(
        "hover_legal_basis",
        json!({ "contract": hover, "legitimate_interest": li })
    );
}

/// Labels and sort texts of a completion response, in the order an editor shows them.
fn completion_labels(response: &Value) -> Vec<(String, String)> {
    let items = response
        .as_array()
        .or_else(|| response["items"].as_array())
        .unwrap();
    let mut out: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            let label = i["label"].as_str().unwrap().to_string();
            let sort = i["sortText"].as_str().unwrap_or(&label).to_string();
            (label, sort)
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// Opens `rel` with `text` where `|` marks the cursor; returns the completion response there.
async fn complete(f: &mut Fixture, rel: &str, marked: &str) -> Value {
    let at = marked.find('|').unwrap();
    let text = marked.replacen('|', "", 1);
    f.open_text(rel, &text);
    let params =
        json!({ "textDocument": { "uri": f.uri(rel) }, "position": position_of(&text, at, false) });
    f.request("textDocument/completion", params).await
}

#[tokio::test(flavor = "multi_thread")]
async fn completion_offers_missing_keys_first() {
    let mut f = workspace(json!({})).await;
    let marked = MARKETING.replace("  dpia {", "  |\n  dpia {");
    let response = complete(&mut f, "activities/marketing.ropa", &marked).await;
    let labels = completion_labels(&response);
    // The one required key that is missing comes first; keys already present come last.
    assert_eq!(labels[0].0, "retention", "{labels:?}");
    let present = [
        "title",
        "purpose",
        "subjects",
        "data",
        "legal_basis",
        "processors",
        "notice",
        "ai",
        "dpia",
    ];
    let last: Vec<&str> = labels[labels.len() - present.len()..]
        .iter()
        .map(|(l, _)| l.as_str())
        .collect();
    for p in present {
        assert!(last.contains(&p), "{p} not among the last: {labels:?}");
    }
    insta::assert_json_snapshot!("completion_keys", labels);
}

#[tokio::test(flavor = "multi_thread")]
async fn completion_offers_legal_bases_after_legal_basis() {
    let mut f = workspace(json!({})).await;
    let marked = CHATBOT.replace("legal_basis contract", "legal_basis |");
    let response = complete(&mut f, "activities/chatbot.ropa", &marked).await;
    let labels: Vec<String> = completion_labels(&response)
        .into_iter()
        .map(|l| l.0)
        .collect();
    assert_eq!(
        labels,
        [
            "consent",
            "contract",
            "legal_obligation",
            "legitimate_interest",
            "public_task",
            "vital_interests"
        ]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn completion_offers_processor_ids_inside_the_list() {
    let mut f = workspace(json!({})).await;
    let marked = CHATBOT.replace("[openai, azure]", "[openai, |]");
    let response = complete(&mut f, "activities/chatbot.ropa", &marked).await;
    insta::assert_json_snapshot!("completion_processors", response);
    // `openai` is already listed.
    let labels: Vec<String> = completion_labels(&response)
        .into_iter()
        .map(|l| l.0)
        .collect();
    assert_eq!(labels, ["acme", "azure", "spare"]);
    // While typing an id, it is still offered (the editor filters by the prefix).
    let marked = CHATBOT.replace("[openai, azure]", "[openai, az|]");
    let response = complete(&mut f, "activities/chatbot.ropa", &marked).await;
    let labels: Vec<String> = completion_labels(&response)
        .into_iter()
        .map(|l| l.0)
        .collect();
    assert_eq!(labels, ["acme", "azure", "spare"]);
}

/// What is offered where, as the sorted labels (`None`: no completion).
#[tokio::test(flavor = "multi_thread")]
async fn completion_follows_the_fields_before_the_cursor() {
    let mut f = workspace(json!({})).await;
    let chatbot = "activities/chatbot.ropa";
    let cases: Vec<(&str, String, Option<Vec<&str>>)> = vec![
        (
            "the provider in a one-line ai block",
            CHATBOT.replace("provider openai }", "provider | }"),
            Some(vec!["acme", "azure", "openai", "spare"]),
        ),
        (
            "a key after a complete one-line field",
            CHATBOT.replace("chatbot true  provider openai }", "chatbot true  | }"),
            Some(vec!["disclosure"]),
        ),
        (
            "a list spanning lines",
            CHATBOT.replace("[chat_content]", "[\n    chat_content,\n    |\n  ]"),
            Some(vec!["contact", "health", "identity"]),
        ),
        (
            "keys of a nested block",
            CHATBOT.replace("dpia { done 2024-05-01 }", "dpia { | }"),
            Some(vec!["document", "done"]),
        ),
        (
            "keys of a block behind a keyword",
            CHATBOT.replace("legal_basis contract", "legal_basis consent {\n    |\n  }"),
            Some(vec!["mechanism", "withdrawal"]),
        ),
        (
            "a key after a duration",
            CHATBOT.replace("retention   90 days", "retention   90 days |"),
            Some(vec!["ai", "title"]),
        ),
        (
            "the unit of a duration is not a key",
            CHATBOT.replace("retention   90 days", "retention   90 da|"),
            Some(vec![]),
        ),
        (
            "a key being typed",
            CHATBOT.replace("retention   90 days", "rete|"),
            Some(vec!["retention"]),
        ),
        (
            "a language in a text block",
            CHATBOT.replace("\"Kundenanfragen beantworten\"", "{ de \"Anfragen\" | }"),
            Some(vec!["de"]),
        ),
        (
            "inside a string",
            CHATBOT.replace("Kundenanfragen beantworten", "Kunden|anfragen"),
            None,
        ),
        (
            "inside a comment",
            CHATBOT.replace("  retention", "  // retention |\n  retention"),
            None,
        ),
        (
            "a value after a key in a block after a string with braces",
            CHATBOT.replace(
                "  retention   90 days",
                "  security \"{ } [\" legal_basis |",
            ),
            Some(vec!["consent", "contract"]),
        ),
    ];
    for (what, marked, expected) in cases {
        let response = complete(&mut f, chatbot, &marked).await;
        match expected {
            None => assert!(
                response.is_null() || response == json!([]),
                "{what}: {response}"
            ),
            Some(expected) => {
                let labels: Vec<String> = completion_labels(&response)
                    .into_iter()
                    .map(|l| l.0)
                    .collect();
                if expected.is_empty() {
                    assert!(labels.is_empty(), "{what}: {labels:?}");
                }
                for e in expected {
                    assert!(
                        labels.iter().any(|l| l == e),
                        "{what}: {e} not in {labels:?}"
                    );
                }
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn completion_offers_country_codes_after_country() {
    let mut f = workspace(json!({})).await;
    let marked = PROCESSORS.replace("country DE", "country |");
    let response = complete(&mut f, "processors.ropa", &marked).await;
    let labels = completion_labels(&response);
    assert!(labels.len() > 200, "{}", labels.len());
    // EEA first, then adequacy countries, then the rest.
    let de = labels.iter().position(|l| l.0 == "DE").unwrap();
    let ch = labels.iter().position(|l| l.0 == "CH").unwrap();
    let cn = labels.iter().position(|l| l.0 == "CN").unwrap();
    assert!(de < ch && ch < cn, "{labels:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn completion_offers_item_snippets_at_top_level() {
    let mut f = workspace(json!({})).await;
    let marked = format!("{MARKETING}\n|");
    let response = complete(&mut f, "activities/marketing.ropa", &marked).await;
    let labels: Vec<String> = completion_labels(&response)
        .into_iter()
        .map(|l| l.0)
        .collect();
    assert_eq!(
        labels,
        [
            "activity",
            "category",
            "client",
            "controller",
            "processor",
            "section",
            "subject"
        ]
    );
    insta::assert_json_snapshot!("completion_snippets", response);
}

#[tokio::test(flavor = "multi_thread")]
async fn definition_references_and_highlights_work_across_files() {
    let mut f = workspace(json!({})).await;
    let definition = f
        .at(
            "textDocument/definition",
            "activities/marketing.ropa",
            "acme",
            1,
        )
        .await;
    assert_eq!(definition["uri"], "file:///ws/processors.ropa");
    assert_eq!(slice(PROCESSORS, &definition["range"]), "acme");

    let uri = f.uri("processors.ropa");
    let params = json!({
        "textDocument": { "uri": uri },
        "position": pos(PROCESSORS, "openai", 2),
        "context": { "includeDeclaration": true }
    });
    let references = f.request("textDocument/references", params).await;
    let found: Vec<(String, String)> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let rel = l["uri"].as_str().unwrap().trim_start_matches("file:///ws/");
            (
                rel.to_string(),
                slice(&f.text(rel), &l["range"]).to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("activities/chatbot.ropa".into(), "openai".into()),
            ("activities/chatbot.ropa".into(), "openai".into()),
            ("processors.ropa".into(), "openai".into()),
        ]
    );
    let params = json!({
        "textDocument": { "uri": uri },
        "position": pos(PROCESSORS, "openai", 2),
        "context": { "includeDeclaration": false }
    });
    let without = f.request("textDocument/references", params).await;
    assert_eq!(without.as_array().unwrap().len(), 2);

    let highlights = f
        .at(
            "textDocument/documentHighlight",
            "activities/chatbot.ropa",
            "openai",
            0,
        )
        .await;
    insta::assert_json_snapshot!(
        "navigation",
        json!({ "definition": definition, "references": references, "highlights": highlights })
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn rename_edits_every_file_in_one_workspace_edit() {
    let mut f = workspace(json!({})).await;
    let prepare = f
        .at(
            "textDocument/prepareRename",
            "activities/chatbot.ropa",
            "openai",
            3,
        )
        .await;
    assert_eq!(prepare["placeholder"], "openai");
    assert_eq!(slice(CHATBOT, &prepare["range"]), "openai");
    let uri = f.uri("activities/chatbot.ropa");
    let params = json!({
        "textDocument": { "uri": uri },
        "position": pos(CHATBOT, "openai", 3),
        "newName": "open_ai"
    });
    let edit = f.request("textDocument/rename", params).await;
    insta::assert_json_snapshot!("rename", edit);
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 2, "{edit}");
    for (uri, edits) in changes {
        let rel = uri.trim_start_matches("file:///ws/");
        let renamed = apply_edits(&f.text(rel), edits.as_array().unwrap());
        assert!(!renamed.contains("openai"), "{renamed}");
        assert!(renamed.contains("open_ai"));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn rename_refuses_taken_names_non_identifiers_and_built_ins() {
    let mut f = workspace(json!({})).await;
    let uri = f.uri("activities/chatbot.ropa");
    let mut errors = Vec::new();
    for (needle, new_name) in [
        ("openai", "azure"),
        ("openai", "open-ai"),
        ("openai", "9lives"),
        ("openai", "processor"),
        ("openai", "größe"),
        ("chat_content", "chat"),
    ] {
        let params = json!({
            "textDocument": { "uri": uri },
            "position": pos(CHATBOT, needle, 1),
            "newName": new_name
        });
        let response = f.client.request_raw("textDocument/rename", params).await;
        assert!(response.get("error").is_some(), "{new_name}: {response}");
        errors.push(json!({ "rename": needle, "to": new_name, "error": response["error"] }));
    }
    let response = f
        .client
        .request_raw(
            "textDocument/prepareRename",
            json!({ "textDocument": { "uri": uri }, "position": pos(CHATBOT, "chat_content", 1) }),
        )
        .await;
    assert!(response.get("error").is_some(), "{response}");
    errors.push(json!({ "prepareRename": "chat_content", "error": response["error"] }));
    insta::assert_json_snapshot!("rename_refused", errors);
}

/// The quick fixes offered at a diagnostic's range.
async fn quick_fixes(f: &mut Fixture, rel: &str, diagnostic: &Value) -> Vec<Value> {
    let params = json!({
        "textDocument": { "uri": f.uri(rel) },
        "range": diagnostic["range"],
        "context": { "diagnostics": [diagnostic], "only": ["quickfix"] }
    });
    let actions = f.request("textDocument/codeAction", params).await;
    actions.as_array().unwrap().clone()
}

/// The actions whose diagnostic has `code`.
fn for_code<'a>(actions: &'a [Value], code: &str) -> Vec<&'a Value> {
    actions
        .iter()
        .filter(|a| a["diagnostics"][0]["code"] == code)
        .collect()
}

/// Applies a workspace edit to the fixture's files on disk (as an editor would to its buffers),
/// returning the new texts by relative path.
fn apply_workspace_edit(f: &Fixture, edit: &Value) -> Vec<(String, String)> {
    edit["changes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(uri, edits)| {
            let rel = uri.trim_start_matches("file:///ws/").to_string();
            let text = apply_edits(&f.text(&rel), edits.as_array().unwrap());
            (rel, text)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn quick_fixes_of_the_rules() {
    let mut f = workspace(json!({})).await;
    let mut snapshot = serde_json::Map::new();
    for rel in FILES {
        let published = f.client.diagnostics(rel).await;
        for d in published["diagnostics"].as_array().unwrap() {
            let actions = quick_fixes(&mut f, rel, d).await;
            let code = d["code"].as_str().unwrap();
            let mine = for_code(&actions, code);
            // Every finding can be suppressed above its item.
            let suppress = mine
                .iter()
                .find(|a| a["title"].as_str().unwrap().starts_with("Suppress"))
                .unwrap_or_else(|| panic!("no suppression for {code}: {actions:?}"));
            let texts = apply_workspace_edit(&f, &suppress["edit"]);
            assert!(
                texts[0].1.contains(&format!("// ropa-ignore {code}: \n")),
                "{}",
                texts[0].1
            );
            let summary: Vec<Value> = mine
                .iter()
                .map(|a| {
                    let texts = apply_workspace_edit(&f, &a["edit"]);
                    json!({
                        "title": a["title"],
                        "kind": a["kind"],
                        "isPreferred": a["isPreferred"],
                        "edit": a["edit"],
                        "files": texts.iter().map(|(rel, _)| rel.clone()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            snapshot.insert(format!("{rel}: {code}"), Value::Array(summary));
        }
    }
    insta::assert_json_snapshot!("quick_fixes", snapshot);
}

/// Applies the first non-suppression quick fix for `code` in `rel` through didOpen/didChange,
/// returning the new texts.
async fn apply_quick_fix(f: &mut Fixture, rel: &str, code: &str) -> Vec<(String, String)> {
    let params = json!({
        "textDocument": { "uri": f.uri(rel) },
        "range": full_range(),
        "context": { "diagnostics": [], "only": ["quickfix"] }
    });
    let actions = f.request("textDocument/codeAction", params).await;
    let fix = for_code(actions.as_array().unwrap(), code)
        .into_iter()
        .find(|a| !a["title"].as_str().unwrap().starts_with("Suppress"))
        .unwrap_or_else(|| panic!("no quick fix for {code}: {actions}"))
        .clone();
    // Only publications after the edit count.
    f.client.notifications.clear();
    let texts = apply_workspace_edit(f, &fix["edit"]);
    for (file, text) in &texts {
        f.open(file);
        f.client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": f.uri(file), "version": 2 },
                "contentChanges": [{ "text": text }]
            }),
        );
        std::fs::write(f.dir.path().join(file), text).unwrap();
    }
    texts
}

#[tokio::test(flavor = "multi_thread")]
async fn applying_the_missing_avv_fix_in_the_other_file_clears_the_finding() {
    let mut f = workspace(json!({})).await;
    let texts = apply_quick_fix(&mut f, "activities/marketing.ropa", "missing-avv").await;
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].0, "processors.ropa");
    assert!(
        texts[0].1.contains("processor acme {\n  name    \"Acme Analytics Inc. 📊\"\n  country US\n  certifications [soc2]\n  avv { signed todo }\n}"),
        "{}",
        texts[0].1
    );
    let after = f
        .client
        .diagnostics_where("activities/marketing.ropa", |p| {
            !codes(p).iter().any(|c| c == "missing-avv")
        })
        .await;
    assert!(
        codes(&after).contains(&"missing-retention".to_string()),
        "{after}"
    );
    // The fix invents no date: the `todo` it wrote is reported until someone writes the date.
    let todo = f
        .client
        .diagnostics_where("processors.ropa", |p| {
            codes(p).iter().any(|c| c == "unfinished-value")
        })
        .await;
    assert!(
        todo.to_string()
            .contains("`signed` of processor `acme` is still `todo`"),
        "{todo}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn applying_quick_fixes_clears_their_findings() {
    let mut f = workspace(json!({})).await;
    for (rel, code, expect) in [
        (
            "activities/marketing.ropa",
            "missing-retention",
            "retention",
        ),
        (
            "activities/marketing.ropa",
            "unresolved-reference",
            "[contact, interests]",
        ),
        (
            "activities/marketing.ropa",
            "unknown-field",
            "\n  security     \"TLS\"",
        ),
        (
            "activities/chatbot.ropa",
            "chatbot-without-disclosure",
            "disclosure",
        ),
        (
            "processors.ropa",
            "transfer-without-safeguard",
            "transfer todo",
        ),
    ] {
        let texts = apply_quick_fix(&mut f, rel, code).await;
        let text = &texts.iter().find(|(r, _)| r == rel).unwrap().1;

        assert!(text.contains(expect), "{code}: {text}");
        let after = f
            .client
            .diagnostics_where(rel, |p| !codes(p).iter().any(|c| c == code))
            .await;
        assert!(
            codes(&after).iter().all(|c| c != "syntax-error"),
            "{code} fix broke the syntax: {after}\n{text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_suppression_with_a_reason_silences_the_finding() {
    let mut f = workspace(json!({})).await;
    let rel = "activities/marketing.ropa";
    let params = json!({
        "textDocument": { "uri": f.uri(rel) },
        "range": full_range(),
        "context": { "diagnostics": [], "only": ["quickfix"] }
    });
    let actions = f.request("textDocument/codeAction", params).await;
    let suppress = for_code(actions.as_array().unwrap(), "missing-retention")
        .into_iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Suppress"))
        .unwrap()
        .clone();
    let texts = apply_workspace_edit(&f, &suppress["edit"]);
    assert!(
        texts[0]
            .1
            .starts_with("// ropa-ignore missing-retention: \nactivity newsletter {")
    );
    // The editor leaves the cursor after `: `; the user types the reason.
    let text = texts[0]
        .1
        .replacen(": \n", ": Newsletter-Abos enden mit der Abmeldung ✉️\n", 1);
    f.open(rel);
    f.change(rel, 2, json!([{ "text": text }]));
    let after = f.client.diagnostics_where(rel, |p| p["version"] == 2).await;
    let codes = codes(&after);
    assert!(!codes.contains(&"missing-retention".to_string()), "{after}");
    assert!(
        !codes.iter().any(|c| c.ends_with("-suppression")),
        "{after}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn fix_all_applies_the_safe_fixes() {
    let mut f = workspace(json!({})).await;
    // Two suppressions that suppress nothing (removing them is safe), and findings whose fixes
    // are not safe (they are left to the user).
    let rel = "activities/chatbot.ropa";
    let text = CHATBOT
        .replace(
            "activity chatbot {\n",
            "// ropa-ignore missing-retention: wird jährlich geprüft 👍\nactivity chatbot {\n",
        )
        .replace(
            "  dpia {",
            "  // ropa-ignore dpia-required: „erledigt“\n  dpia {",
        );
    std::fs::write(f.dir.path().join(rel), &text).unwrap();
    f.open(rel);
    f.client
        .diagnostics_where(rel, |p| codes(p).iter().any(|c| c == "unused-suppression"))
        .await;
    let params = json!({
        "textDocument": { "uri": f.uri(rel) },
        "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
        "context": { "diagnostics": [], "only": ["source.fixAll"] }
    });
    let actions = f.request("textDocument/codeAction", params).await;
    insta::assert_json_snapshot!("fix_all", actions);
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll");
    let texts = apply_workspace_edit(&f, &actions[0]["edit"]);
    assert_eq!(texts.len(), 1);
    // Both suppressions are gone, nothing else changed (the chatbot still lacks a disclosure).
    assert_eq!(texts[0].1, CHATBOT);

    // Without `only`, a code action request at a place without findings offers nothing.
    let params = json!({
        "textDocument": { "uri": f.uri(rel) },
        "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 0 } },
        "context": { "diagnostics": [] }
    });
    let none = f.request("textDocument/codeAction", params).await;
    assert_eq!(none, json!([]));
}

#[tokio::test(flavor = "multi_thread")]
async fn document_symbols_outline_items_and_fields() {
    let mut f = workspace(json!({})).await;
    let params = json!({ "textDocument": { "uri": f.uri("processors.ropa") } });
    let symbols = f.request("textDocument/documentSymbol", params).await;
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["openai", "azure", "acme", "spare"]);
    for s in symbols.as_array().unwrap() {
        let range = slice(PROCESSORS, &s["range"]);
        assert!(
            range.starts_with("processor ") && range.ends_with('}'),
            "{range}"
        );
        assert_eq!(slice(PROCESSORS, &s["selectionRange"]), s["name"]);
    }
    insta::assert_json_snapshot!("document_symbols", symbols);
}

#[tokio::test(flavor = "multi_thread")]
async fn workspace_symbols_match_fuzzily_over_ids_and_titles() {
    let mut f = workspace(json!({})).await;
    let names = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    // Closer matches first: an id with the query as a subsequence before a scattered match in a
    // title (`Microsoft Corporation`).
    let opn = f
        .request("workspace/symbol", json!({ "query": "opn" }))
        .await;
    assert_eq!(names(&opn), ["openai", "azure"]);
    let news = f
        .request("workspace/symbol", json!({ "query": "news" }))
        .await;
    assert_eq!(names(&news), ["newsletter"]);
    // Titles count too, with umlauts, case-insensitively.
    let g = f
        .request("workspace/symbol", json!({ "query": "GRÜßE" }))
        .await;
    assert_eq!(names(&g), ["azure", "chatbot"]);
    let all = f.request("workspace/symbol", json!({ "query": "" })).await;
    assert_eq!(
        names(&all),
        ["openai", "azure", "acme", "spare", "chatbot", "newsletter"]
    );
    insta::assert_json_snapshot!("workspace_symbols", g);
}

#[tokio::test(flavor = "multi_thread")]
async fn folding_ranges_cover_blocks_lists_and_comment_runs() {
    let mut f = workspace(json!({})).await;
    let text = format!("// eins\n// zwei 👋\n{MARKETING}");
    f.open_text("activities/marketing.ropa", &text);
    let params = json!({ "textDocument": { "uri": f.uri("activities/marketing.ropa") } });
    let ranges = f.request("textDocument/foldingRange", params).await;
    insta::assert_json_snapshot!("folding", ranges);
}

#[tokio::test(flavor = "multi_thread")]
async fn selection_ranges_grow_from_the_cursor() {
    let mut f = workspace(json!({})).await;
    let params = json!({
        "textDocument": { "uri": f.uri("activities/chatbot.ropa") },
        "positions": [pos(CHATBOT, "Grüße“ 👋", 2), pos(CHATBOT, "azure", 1)]
    });
    let ranges = f.request("textDocument/selectionRange", params).await;
    // Flatten each chain into the texts it selects.
    let chains: Vec<Vec<String>> = ranges
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            let mut at = Some(r);
            while let Some(r) = at {
                let s = slice(CHATBOT, &r["range"]);
                out.push(s.chars().take(40).collect());
                at = r.get("parent");
            }
            out
        })
        .collect();
    assert_eq!(chains[0][0], "\"KI-Chatbot „Grüße“ 👋\"");
    assert_eq!(chains[1][0], "azure");
    assert_eq!(chains[1][1], "[openai, azure]");
    insta::assert_json_snapshot!("selection", chains);
}

/// Decodes semantic tokens into (line, text, type, modifiers) against `text` (UTF-16 columns).
fn decode_tokens(text: &str, data: &[Value]) -> Vec<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let (mut line, mut col) = (0u64, 0u64);
    let nums: Vec<u64> = data.iter().map(|v| v.as_u64().unwrap()).collect();
    nums.chunks(5)
        .map(|t| {
            if t[0] > 0 {
                col = 0;
            }
            line += t[0];
            col += t[1];
            let l = lines[line as usize];
            let start = offset_of(l, &json!({ "line": 0, "character": col }), false);
            let end = offset_of(l, &json!({ "line": 0, "character": col + t[2] }), false);
            format!("{line}: {} type {} mod {}", &l[start..end], t[3], t[4])
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn semantic_tokens_full_and_delta_after_an_edit() {
    let mut f = workspace(json!({})).await;
    let rel = "activities/chatbot.ropa";
    f.open(rel);
    let params = json!({ "textDocument": { "uri": f.uri(rel) } });
    let full = f
        .request("textDocument/semanticTokens/full", params.clone())
        .await;
    let data = full["data"].as_array().unwrap().clone();
    let decoded = decode_tokens(CHATBOT, &data);
    insta::assert_json_snapshot!("semantic_full", decoded);

    // Insert `„Neu“ 👋 ` in the title line and rename a reference: the delta patches the old
    // data into the new.
    let edited = CHATBOT
        .replace("title       \"", "title       \"„Neu“ 👋 ")
        .replace("[openai, azure]", "[azure, openai]");
    let title = pos(CHATBOT, "KI-Chatbot", 0);
    let list = pos(CHATBOT, "openai, azure", 0);
    f.client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": f.uri(rel), "version": 2 },
            "contentChanges": [
                { "range": { "start": title, "end": title }, "text": "„Neu“ 👋 " },
                { "range": { "start": list, "end": { "line": list["line"], "character": list["character"].as_u64().unwrap() + 13 } }, "text": "azure, openai" }
            ]
        }),
    );
    let delta_params =
        json!({ "textDocument": { "uri": f.uri(rel) }, "previousResultId": full["resultId"] });
    let delta = f
        .request("textDocument/semanticTokens/full/delta", delta_params)
        .await;
    let edits = delta["edits"].as_array().expect("a delta, not full tokens");
    let mut patched = data.clone();
    for e in edits.iter().rev() {
        let start = e["start"].as_u64().unwrap() as usize;
        let delete = e["deleteCount"].as_u64().unwrap() as usize;
        let insert = e["data"].as_array().cloned().unwrap_or_default();
        patched.splice(start..start + delete, insert);
    }
    let fresh = f.request("textDocument/semanticTokens/full", params).await;
    assert_eq!(patched, fresh["data"].as_array().unwrap().clone());
    let decoded_after = decode_tokens(&edited, &patched);
    assert!(
        decoded_after.contains(&"12: azure type 2 mod 2".to_string()),
        "{decoded_after:?}"
    );
    // A stale result id gives full tokens.
    let stale = json!({ "textDocument": { "uri": f.uri(rel) }, "previousResultId": "nope" });
    let full_again = f
        .request("textDocument/semanticTokens/full/delta", stale)
        .await;
    assert!(full_again["data"].is_array(), "{full_again}");
}

#[tokio::test(flavor = "multi_thread")]
async fn inlay_hints_show_articles_countries_and_safeguards() {
    let mut f = workspace(json!({})).await;
    let mut all = serde_json::Map::new();
    for rel in ["activities/chatbot.ropa", "activities/marketing.ropa"] {
        let params = json!({ "textDocument": { "uri": f.uri(rel) }, "range": full_range() });
        let hints = f.request("textDocument/inlayHint", params).await;
        let text = f.text(rel);
        // Each hint sits right after the word it explains.
        let placed: Vec<String> = hints
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let at = offset_of(&text, &h["position"], false);
                let word: String = text[..at]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                format!("{word} ⟶ {}", h["label"].as_str().unwrap())
            })
            .collect();
        all.insert(rel.into(), json!({ "placed": placed, "hints": hints }));
    }
    insta::assert_json_snapshot!("inlay_hints", all);
}

#[tokio::test(flavor = "multi_thread")]
async fn code_lenses_preview_notices_and_count_uses() {
    let mut f = workspace(json!({})).await;
    let mut all = serde_json::Map::new();
    for rel in ["processors.ropa", "activities/chatbot.ropa"] {
        let params = json!({ "textDocument": { "uri": f.uri(rel) } });
        let lenses = f.request("textDocument/codeLens", params).await;
        all.insert(rel.into(), lenses);
    }
    let titles: Vec<&str> = all["processors.ropa"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "used by 1 activity",
            "used by 1 activity",
            "used by 1 activity",
            "used by 0 activities"
        ]
    );
    insta::assert_json_snapshot!("code_lenses", all);
}

#[tokio::test(flavor = "multi_thread")]
async fn completion_without_snippet_support_sends_plain_text() {
    let mut f = workspace(json!({ "capabilities": { "textDocument": { "completion": { "completionItem": { "snippetSupport": false } } } } })).await;
    let marked = format!("{MARKETING}\n|");
    let response = complete(&mut f, "activities/marketing.ropa", &marked).await;
    let items = response.as_array().unwrap();
    assert_eq!(items.len(), 7);
    for item in items {
        assert_ne!(item["insertTextFormat"], 2, "{item}");
        assert!(
            !item["insertText"].as_str().unwrap_or("").contains('$'),
            "{item}"
        );
    }
}

/// An edit that changes what a file refers to reaches the other files: the whole workspace is
/// resolved and checked again (here `spare` becomes used, so its `unused-definition` goes away).
/// An edit that keeps every reference is re-checked in its file alone.
#[tokio::test(flavor = "multi_thread")]
async fn an_edit_that_adds_a_reference_updates_the_other_files() {
    let mut f = workspace(json!({})).await;
    let before = f.client.diagnostics("processors.ropa").await;
    assert!(
        codes(&before).contains(&"unused-definition".to_string()),
        "{before}"
    );
    let rel = "activities/marketing.ropa";
    f.open(rel);
    let text = MARKETING.replace("processors  [acme]", "processors  [acme, spare]");
    assert_ne!(text, MARKETING);
    f.change(rel, 2, json!([{ "text": text }]));
    let after = f
        .client
        .diagnostics_where("processors.ropa", |p| {
            !codes(p).contains(&"unused-definition".to_string())
        })
        .await;
    assert_eq!(codes(&after), ["transfer-without-safeguard"], "{after}");
}

/// `section` and `client` items: in the outline with their own symbol kinds, their keyword and
/// id as semantic tokens (with a modifier of their kind), a client's `subprocessors` as
/// references to processors.
#[tokio::test(flavor = "multi_thread")]
async fn sections_and_clients_in_the_outline_and_semantic_tokens() {
    let mut f = workspace(json!({})).await;
    let rel = "activities/marketing.ropa";
    let text = "section tls {\n  title \"Sicherheit 🔒\"\n  text  \"TLS überall\"\n  place before_rights\n}\n\nclient kunde {\n  name \"Kunde GmbH\"\n  address \"Weg 1, Ort\"\n  processing \"Hosting\"\n  subprocessors [openai]\n}\n";
    f.open_text(rel, text);
    let params = json!({ "textDocument": { "uri": f.uri(rel) } });
    let symbols = f
        .request("textDocument/documentSymbol", params.clone())
        .await;
    let outline: Vec<(String, u64, String)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["kind"].as_u64().unwrap(),
                s["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // SymbolKind 15 = String, 23 = Struct.
    assert_eq!(
        outline,
        [
            ("tls".to_string(), 15, "section".to_string()),
            ("kunde".to_string(), 23, "client".to_string())
        ]
    );
    let full = f.request("textDocument/semanticTokens/full", params).await;
    let decoded = decode_tokens(text, full["data"].as_array().unwrap());
    insta::assert_json_snapshot!("semantic_sections_clients", decoded);
}

/// The cookie table from the schema: completion of its keys and of `session`, hover on
/// `lifetime`, and `provider` as a reference that go-to-definition follows.
#[tokio::test(flavor = "multi_thread")]
async fn the_cookie_block_completes_hovers_and_resolves() {
    let mut f = workspace(json!({})).await;
    let cookie = "  device_access {\n    technology \"Cookies\"\n    cookie \"_c\" {\n      purpose \"Zählt\"\n      lifetime session\n      provider openai\n      |\n    }\n  }\n  dpia {";
    let marked = CHATBOT.replacen("  dpia {", cookie, 1);
    let labels: Vec<String> =
        completion_labels(&complete(&mut f, "activities/chatbot.ropa", &marked).await)
            .into_iter()
            .map(|l| l.0)
            .collect();
    for key in ["party", "lifetime", "purpose", "provider"] {
        assert!(labels.contains(&key.to_string()), "{key}: {labels:?}");
    }
    assert!(!labels.contains(&"technology".to_string()), "{labels:?}");
    let value = marked
        .replacen("lifetime session", "lifetime |", 1)
        .replacen("      |\n", "", 1);
    let labels: Vec<String> =
        completion_labels(&complete(&mut f, "activities/chatbot.ropa", &value).await)
            .into_iter()
            .map(|l| l.0)
            .collect();
    assert_eq!(labels, ["session"]);

    let text = marked.replacen("      |\n", "", 1);
    f.open_text("activities/chatbot.ropa", &text);
    let uri = f.uri("activities/chatbot.ropa");
    let hover = f
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": pos(&text, "lifetime session", 2) }),
        )
        .await;
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.contains("`session`") && shown.contains("13 months"),
        "{hover}"
    );
    let definition = f
        .request(
            "textDocument/definition",
            json!({ "textDocument": { "uri": uri }, "position": pos(&text, "provider openai", 10) }),
        )
        .await;
    assert_eq!(
        definition["uri"], "file:///ws/processors.ropa",
        "{definition}"
    );
    assert_eq!(slice(PROCESSORS, &definition["range"]), "openai");
}

const AUTHORITY_CONTROLLER: &str =
    "controller {\n  name \"Grüße GmbH 🚀\"\n  supervisory_authority |\n}\n";

#[tokio::test(flavor = "multi_thread")]
async fn completion_offers_the_built_in_authorities_with_their_names() {
    let mut f = workspace(json!({ "locale": "de-DE" })).await;
    let response = complete(&mut f, "controller2.ropa", AUTHORITY_CONTROLLER).await;
    let items = response
        .get("items")
        .unwrap_or(&response)
        .as_array()
        .unwrap()
        .clone();
    let ni = items.iter().find(|i| i["label"] == "de_ni").expect("de_ni");
    assert_eq!(
        ni["detail"],
        "Landesbeauftragte für den Datenschutz Niedersachsen"
    );
    assert!(items.iter().any(|i| i["label"] == "de_bfdi"));
    assert_eq!(items.len(), 18, "{items:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn hover_on_a_built_in_authority_shows_its_name_and_address() {
    let mut f = workspace(json!({})).await;
    let text = AUTHORITY_CONTROLLER.replace('|', "de_hh");
    f.open_text("controller2.ropa", &text);
    let at = text.find("de_hh").unwrap() + 2;
    let params = json!({ "textDocument": { "uri": f.uri("controller2.ropa") }, "position": position_of(&text, at, false) });
    let hover = f.request("textDocument/hover", params).await;
    assert_eq!(slice(&text, &hover["range"]), "de_hh");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("Hamburg Commissioner for Data Protection and Freedom of Information"),
        "{value}"
    );
    assert!(
        value.contains("Ludwig-Erhard-Straße 22, 20459 Hamburg"),
        "{value}"
    );

    // Berlin, one of the addresses taken from published privacy notices.
    let text = AUTHORITY_CONTROLLER.replace('|', "de_be");
    f.open_text("controller3.ropa", &text);
    let at = text.find("de_be").unwrap() + 2;
    let params = json!({ "textDocument": { "uri": f.uri("controller3.ropa") }, "position": position_of(&text, at, false) });
    let hover = f.request("textDocument/hover", params).await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Alt-Moabit 59-61, 10555 Berlin"), "{value}");
}

/// An edit that stays inside its file (no reference changes) can still change what the rules on
/// the declarations find: an activity that starts to use an AI system makes the controller's
/// `missing-ai-literacy` appear, and it goes again with the system — as a check from scratch
/// finds (before, only the edited file was checked again); the places it names move with the
/// text.
#[tokio::test(flavor = "multi_thread")]
async fn a_local_edit_updates_the_findings_on_the_controller() {
    let controller = "controller {\n  name     \"Muster GmbH\"\n  address  \"Musterstraße 1, 10115 Berlin\"\n  email    \"info@muster.de\"\n  security \"Rollenkonzept, MFA\"\n}\n";
    let without = "activity texte {\n  title \"KI-Textentwürfe\"\n  data  []\n}\n";
    let with = "activity texte {\n  title \"KI-Textentwürfe\"\n  data  []\n  ai { system \"ChatGPT Enterprise\"  generates_content true }\n}\n";
    let mut f = Fixture::start(
        |dir| {
            std::fs::write(dir.join("ropa.toml"), "").unwrap();
            std::fs::write(dir.join("controller.ropa"), controller).unwrap();
            std::fs::write(dir.join("texte.ropa"), without).unwrap();
        },
        json!({}),
    )
    .await;
    let before = f.client.diagnostics("controller.ropa").await;
    assert!(
        !codes(&before).contains(&"missing-ai-literacy".to_string()),
        "{before}"
    );
    f.open("texte.ropa");
    f.client.notifications.clear();
    f.change("texte.ropa", 2, json!([{ "text": with }]));
    let after = f.client.diagnostics("controller.ropa").await;
    assert!(
        codes(&after).contains(&"missing-ai-literacy".to_string()),
        "{after}"
    );
    assert!(after.to_string().contains("texte"), "{after}");
    // The edited file came first: the declarations are checked again once typing pauses.
    let edited_first = f.client.notifications.iter().any(|v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("texte.ropa"))
            && v["params"]["version"] == 2
    });
    assert!(edited_first, "{:?}", f.client.notifications);
    let related_line = |published: &Value| {
        let all = published["diagnostics"].as_array().unwrap();
        let d = all
            .iter()
            .find(|d| d["code"] == "missing-ai-literacy")
            .unwrap();
        d["relatedInformation"][0]["location"]["range"]["start"]["line"].clone()
    };
    assert_eq!(related_line(&after), 0, "{after}");
    // A comment above the activity moves it: the related place on the controller moves too.
    f.client.notifications.clear();
    f.change(
        "texte.ropa",
        3,
        json!([{ "text": format!("// KI\n\n{with}") }]),
    );
    let moved = f.client.diagnostics("controller.ropa").await;
    assert_eq!(related_line(&moved), 2, "{moved}");
    f.client.notifications.clear();
    f.change("texte.ropa", 4, json!([{ "text": without }]));
    let again = f.client.diagnostics("controller.ropa").await;
    assert!(
        !codes(&again).contains(&"missing-ai-literacy".to_string()),
        "{again}"
    );
}
