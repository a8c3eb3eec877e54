//! Snapshots of everything the generators write for `examples/muster-marketing` (and for the
//! fixture that uses every field), in German and English, with the fixed date 2026-11-22.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{DATE, example, fixture, load};
use ropa_policy::{PolicyFormat, PolicyRequest, RecordFormat, RecordRequest};

fn policy(dir: &std::path::Path, lang: &str, format: PolicyFormat) -> String {
    let (ws, languages) = load(dir);
    let out = PolicyRequest::new(&ws, lang, DATE)
        .languages(&languages)
        .format(format)
        .generate()
        .unwrap();
    // Deterministic: a second run (fresh workspace, fresh template engine) is byte-identical.
    let (ws2, _) = load(dir);
    let again = PolicyRequest::new(&ws2, lang, DATE)
        .languages(&languages)
        .format(format)
        .generate()
        .unwrap();
    assert_eq!(out, again, "two runs differ ({lang}, {format:?})");
    out
}

fn record(dir: &std::path::Path, lang: &str, format: RecordFormat) -> String {
    let (ws, languages) = load(dir);
    let out = RecordRequest::new(&ws, lang)
        .languages(&languages)
        .format(format)
        .date(Some(DATE))
        .generate()
        .unwrap();
    let again = RecordRequest::new(&ws, lang)
        .languages(&languages)
        .format(format)
        .date(Some(DATE))
        .generate()
        .unwrap();
    assert_eq!(out, again);
    out
}

#[test]
fn muster_marketing_policy() {
    for lang in ["de", "en"] {
        let dir = example();
        insta::assert_snapshot!(
            format!("policy_{lang}_md"),
            policy(&dir, lang, PolicyFormat::Markdown)
        );
        insta::assert_snapshot!(
            format!("policy_{lang}_html"),
            policy(&dir, lang, PolicyFormat::Html { standalone: false })
        );
        insta::assert_snapshot!(
            format!("policy_{lang}_json"),
            policy(&dir, lang, PolicyFormat::Json)
        );
    }
    insta::assert_snapshot!(
        "policy_de_html_standalone",
        policy(&example(), "de", PolicyFormat::Html { standalone: true })
    );
}

#[test]
fn muster_marketing_record() {
    let dir = example();
    insta::assert_snapshot!("record_de_md", record(&dir, "de", RecordFormat::Markdown));
    insta::assert_snapshot!("record_de_csv", record(&dir, "de", RecordFormat::Csv));
    insta::assert_snapshot!("record_de_json", record(&dir, "de", RecordFormat::Json));
    insta::assert_snapshot!("record_en_md", record(&dir, "en", RecordFormat::Markdown));
    insta::assert_snapshot!("record_en_csv", record(&dir, "en", RecordFormat::Csv));
}

#[test]
fn every_field_policy() {
    let dir = fixture("everything");
    for lang in ["de", "en"] {
        insta::assert_snapshot!(
            format!("everything_{lang}_md"),
            policy(&dir, lang, PolicyFormat::Markdown)
        );
    }
    insta::assert_snapshot!(
        "everything_de_record_md",
        record(&dir, "de", RecordFormat::Markdown)
    );
}

/// Each fact of language v2 (several legal bases with `for`, retention parts) in every format
/// and language of the policy and the record.
#[test]
fn language_v2_in_every_format() {
    let dir = fixture("everything");
    for lang in ["de", "en"] {
        insta::assert_snapshot!(
            format!("everything_{lang}_html"),
            policy(&dir, lang, PolicyFormat::Html { standalone: false })
        );
        insta::assert_snapshot!(
            format!("everything_{lang}_json"),
            policy(&dir, lang, PolicyFormat::Json)
        );
        insta::assert_snapshot!(
            format!("everything_{lang}_record_csv"),
            record(&dir, lang, RecordFormat::Csv)
        );
        insta::assert_snapshot!(
            format!("everything_{lang}_record_json"),
            record(&dir, lang, RecordFormat::Json)
        );
    }
    insta::assert_snapshot!(
        "everything_en_record_md",
        record(&dir, "en", RecordFormat::Markdown)
    );
}
