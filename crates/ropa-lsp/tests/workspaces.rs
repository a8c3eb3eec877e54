//! Each open document is analysed with its nearest workspace — the nearest folder above it with
//! a `ropa.toml` — as `ropa check` does: two records below the folder the editor opened are never
//! merged into one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod support;

use common::Fixture;
use serde_json::json;
use support::codes;

const CONTROLLER: &str = "controller {\n  name    \"Muster GmbH\"\n  address \"Musterstraße 1, 10115 Berlin\"\n  email   \"datenschutz@muster.de\"\n  security \"TOM\"\n}\n";

/// Clean but for `missing-retention` (a warning).
const CONTACT: &str = "activity contact_form {\n  title       \"Kontaktformular\"\n  purpose     \"Beantwortung von Anfragen\"\n  subjects    [customers]\n  data        [contact]\n  legal_basis contract\n  notice      \"Wir nutzen Ihre Angaben für die Antwort.\"\n}\n";

#[tokio::test(flavor = "multi_thread")]
async fn each_document_is_checked_with_its_own_record() {
    let mut f = Fixture::start(
        |root| {
            for (path, text) in [
                ("a/ropa.toml", "[rules]\nmissing-retention = \"off\"\n"),
                ("a/controller.ropa", CONTROLLER),
                ("a/contact.ropa", CONTACT),
                ("b/ropa.toml", "[policy]\nlanguages = [\"de\"]\n"),
                ("b/controller.ropa", CONTROLLER),
                ("b/contact.ropa", CONTACT),
            ] {
                let file = root.join(path);
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(file, text).unwrap();
            }
        },
        json!({}),
    )
    .await;
    // Merged, the two controllers and activities would be `duplicate-definition`s, and `a`'s
    // configuration would decide for `b`.
    f.open("a/contact.ropa");
    let a = f.client.diagnostics("a/contact.ropa").await;
    assert_eq!(codes(&a), Vec::<String>::new(), "{a}");
    f.open("b/contact.ropa");
    let b = f
        .client
        .diagnostics_where("b/contact.ropa", |p| !codes(p).is_empty())
        .await;
    assert_eq!(codes(&b), ["missing-retention"], "{b}");
    // Editing `a` again analyses it with its own record once more.
    f.change(
        "a/contact.ropa",
        2,
        json!([{ "text": CONTACT.replace("[contact]", "[contakt]") }]),
    );
    let a = f
        .client
        .diagnostics_where("a/contact.ropa", |p| !codes(p).is_empty())
        .await;
    assert_eq!(codes(&a), ["unresolved-reference"], "{a}");
    f.client.shutdown().await;
}
