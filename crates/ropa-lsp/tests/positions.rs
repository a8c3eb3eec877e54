//! Positions after umlauts, `ß`, `„“`, emoji (surrogate pairs in UTF-16) and with CRLF or lone CR
//! line breaks, in both negotiated encodings: diagnostic ranges, hover ranges and incremental
//! edits land exactly on the expected bytes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod support;

use common::{Fixture, position_of, slice_in};
use serde_json::{Value, json};

/// Strings with the characters that shift columns.
const CASES: &[(&str, &str, &str)] = &[
    ("umlauts", "Grüße aus Köln, Äpfel & Öl", "\n"),
    ("sharp s", "Straße ß ẞ Maß", "\n"),
    ("german quotes", "„Zitat“ und ‚halb‘ »so«", "\n"),
    ("emoji", "👋🏽 Hallo 👨‍👩‍👧 😀", "\n"),
    ("crlf", "Grüße „👋“", "\r\n"),
    ("lone cr", "Maß 😀 „x“", "\r"),
    ("ascii", "plain", "\n"),
];

const FILE: &str = "a.ropa";

/// An activity whose lines hold `s` before the places looked at.
fn document(s: &str, eol: &str) -> String {
    [
        "controller { name \"M\" address \"A\" email \"e@x.de\" }".to_string(),
        "activity a {".to_string(),
        format!("  title \"{s}\"  zzkey \"{s}\""),
        format!("  purpose \"{s}\" retention 90 days"),
        format!("  subjects [customers] data [contact] legal_basis contract notice \"{s}\""),
        "}".to_string(),
        String::new(),
    ]
    .join(eol)
}

fn encoding(utf8: bool) -> Value {
    let name = if utf8 { "utf-8" } else { "utf-16" };
    json!({ "capabilities": { "general": { "positionEncodings": [name] } } })
}

fn range_at(text: &str, start: usize, end: usize, utf8: bool) -> Value {
    json!({ "start": position_of(text, start, utf8), "end": position_of(text, end, utf8) })
}

/// The `unknown-field` diagnostics of a publication, as the text they cover.
fn unknown_fields<'a>(text: &'a str, params: &Value, utf8: bool) -> Vec<&'a str> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "unknown-field")
        .map(|d| slice_in(text, &d["range"], utf8))
        .collect()
}

async fn check_case(name: &str, s: &str, eol: &str, utf8: bool) {
    let what = format!("{name} ({})", if utf8 { "utf-8" } else { "utf-16" });
    let text = document(s, eol);
    let mut f = Fixture::start(|_| {}, encoding(utf8)).await;
    f.open_text(FILE, &text);

    // Diagnostics: the misspelt key after the string.
    let published = f
        .client
        .diagnostics_where(FILE, |p| {
            p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "unknown-field"))
        })
        .await;
    assert_eq!(unknown_fields(&text, &published, utf8), ["zzkey"], "{what}");

    // Hover: the key after the string on the next line.
    let at = text.find("retention").unwrap() + 3;
    let hover = f
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": f.uri(FILE) }, "position": position_of(&text, at, utf8) }),
        )
        .await;
    assert_eq!(
        slice_in(&text, &hover["range"], utf8),
        "retention",
        "{what}"
    );

    // Incremental edits, each against the text after the previous one: insert a field with `s`
    // before the key, rename the key (now further right), and join two lines across the line
    // break.
    let mut expected = text.clone();
    let mut changes = Vec::new();
    let key = expected.find("zzkey").unwrap();
    let field = format!("security \"{s}\"  ");
    changes.push(json!({ "range": range_at(&expected, key, key, utf8), "text": field }));
    expected.insert_str(key, &field);
    let key = expected.find("zzkey").unwrap();
    changes.push(json!({ "range": range_at(&expected, key, key + 5, utf8), "text": "yykey" }));
    expected.replace_range(key..key + 5, "yykey");
    let end_of_line = expected[key..].find(eol).unwrap() + key;
    let next = end_of_line + eol.len();
    changes.push(json!({ "range": range_at(&expected, end_of_line, next, utf8), "text": " " }));
    expected.replace_range(end_of_line..next, " ");
    f.change(FILE, 2, Value::Array(changes));

    let published = f
        .client
        .diagnostics_where(FILE, |p| p["version"] == 2)
        .await;
    assert_eq!(
        unknown_fields(&expected, &published, utf8),
        ["yykey"],
        "{what}: {published}\n{expected}"
    );
    let at = expected.find("retention").unwrap() + 1;
    let hover = f
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": f.uri(FILE) }, "position": position_of(&expected, at, utf8) }),
        )
        .await;
    assert_eq!(
        slice_in(&expected, &hover["range"], utf8),
        "retention",
        "{what}"
    );

    // The server's text is exactly the expected one: the outline covers the same bytes.
    let symbols = f
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": f.uri(FILE) } }),
        )
        .await;
    let activity = &symbols[1];
    assert_eq!(
        slice_in(&expected, &activity["selectionRange"], utf8),
        "a",
        "{what}"
    );
    let fields: Vec<&str> = activity["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| slice_in(&expected, &c["selectionRange"], utf8))
        .collect();
    assert_eq!(
        fields,
        [
            "title",
            "security",
            "yykey",
            "purpose",
            "retention",
            "subjects",
            "data",
            "legal_basis",
            "notice"
        ],
        "{what}"
    );
    let last = activity["range"]["end"].clone();
    assert_eq!(
        common::offset_of(&expected, &last, utf8),
        expected.rfind('}').unwrap() + 1,
        "{what}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn ranges_and_edits_after_multibyte_characters_and_line_breaks() {
    for &(name, s, eol) in CASES {
        for utf8 in [false, true] {
            check_case(name, s, eol, utf8).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_negotiated_encoding_is_announced() {
    for (offered, expected) in [
        (json!(["utf-8"]), "utf-8"),
        (json!(["utf-16", "utf-8"]), "utf-8"),
        (json!(["utf-32", "utf-16"]), "utf-16"),
        (json!([]), "utf-16"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut client = common::spawn_server();
        let init = client
            .initialize(
                dir.path(),
                json!({ "capabilities": { "general": { "positionEncodings": offered } } }),
            )
            .await;
        assert_eq!(
            init["capabilities"]["positionEncoding"], expected,
            "{offered}"
        );
    }
}

/// A position in the middle of a surrogate pair (UTF-16) or of a multibyte character (UTF-8) is
/// moved to the character's start, never splitting it.
#[tokio::test(flavor = "multi_thread")]
async fn positions_inside_a_character_snap_to_its_start() {
    for utf8 in [false, true] {
        let text = document("😀", "\n");
        let mut f = Fixture::start(|_| {}, encoding(utf8)).await;
        f.open_text(FILE, &text);
        let emoji = text.find('😀').unwrap();
        let line = position_of(&text, emoji, utf8);
        let inside =
            json!({ "line": line["line"], "character": line["character"].as_u64().unwrap() + 1 });
        // Replace from inside the emoji to its end: the whole emoji is replaced.
        let end = position_of(&text, emoji + 4, utf8);
        f.change(
            FILE,
            2,
            json!([{ "range": { "start": inside, "end": end }, "text": "ß" }]),
        );
        let expected = text.replacen('😀', "ß", 1);
        let symbols = f
            .request(
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": f.uri(FILE) } }),
            )
            .await;
        let title = &symbols[1]["children"][0];
        assert_eq!(title["detail"], "\"ß\"", "utf8 {utf8}: {title}\n{expected}");
    }
}
