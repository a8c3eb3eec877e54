//! CHANGES-2026-12 §1.7: contracts accepted online (`avv { accepted DATE }`, `avv { document
//! "https://…" }`) are AVVs for every rule; an `avv` that says nothing is a `missing-field` with a
//! quick fix; the new transfer safeguards are judged like SCC.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ropa_analysis::{Diagnostic, Workspace};
use ropa_lint::Config;
use ropa_syntax::Date;

const TODAY: Date = Date {
    year: 2026,
    month: 12,
    day: 7,
};

const CONTROLLER: &str = r#"
controller {
  name    "Muster Marketing GmbH"
  address "Musterstraße 1, 10115 Berlin"
  email   "datenschutz@muster.de"
}
"#;

fn check(source: &str) -> Vec<Diagnostic> {
    let text = format!("{CONTROLLER}\n{source}");
    let ws = Workspace::from_files(vec![("record.ropa".to_string(), text.into_bytes())]);
    ropa_lint::check(&ws, &Config::default(), TODAY)
}

/// The rules that fired; `missing-field` only for the `avv` (the activity here is a stub).
fn rules(found: &[Diagnostic]) -> Vec<&str> {
    found
        .iter()
        .filter(|d| d.rule != "missing-field" || d.message.starts_with("an `avv`"))
        .map(|d| d.rule)
        .collect()
}

fn with_processor(processor_body: &str) -> String {
    format!(
        r#"
processor mailer {{
  name    "Mailer Inc."
  country DE
  {processor_body}
}}

activity newsletter {{
  processors [mailer]
}}
"#
    )
}

#[test]
fn an_avv_accepted_online_with_only_a_link_is_an_avv() {
    let found = check(&with_processor(
        r#"avv { document "https://mailer.example/dpa" }"#,
    ));
    assert!(!rules(&found).contains(&"missing-avv"), "{found:#?}");
    assert!(!rules(&found).contains(&"missing-field"), "{found:#?}");
}

#[test]
fn an_avv_accepted_online_on_a_day_is_an_avv_and_the_day_is_checked() {
    let found = check(&with_processor("avv { accepted 2026-03-01 }"));
    assert!(!rules(&found).contains(&"missing-avv"), "{found:#?}");
    assert!(!rules(&found).contains(&"missing-field"), "{found:#?}");
    let found = check(&with_processor("avv { accepted 2027-03-01 }"));
    let future: Vec<&Diagnostic> = found.iter().filter(|d| d.rule == "future-date").collect();
    assert_eq!(future.len(), 1, "{found:#?}");
    assert!(
        future[0].message.contains("accepted"),
        "{}",
        future[0].message
    );
}

#[test]
fn an_empty_avv_needs_one_of_signed_accepted_or_document() {
    let found = check(&with_processor("avv { expires 2030-01-01 }"));
    let missing: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.rule == "missing-field" && d.message.starts_with("an `avv`"))
        .collect();
    assert_eq!(missing.len(), 1, "{found:#?}");
    let m = &missing[0].message;
    assert!(
        m.contains("`signed`") && m.contains("`accepted`") && m.contains("`document`"),
        "{m}"
    );
    // The quick fix marks the date as unknown, never today's.
    let fix = &missing[0].fixes[0];
    assert!(fix.edits[0].text.contains("signed todo"), "{fix:?}");
    // The block still counts as an AVV: one finding, not two.
    assert!(!rules(&found).contains(&"missing-avv"), "{found:#?}");
    // A misspelt key is reported once, as unknown-field.
    let found = check(&with_processor("avv { signd 2024-01-01 }"));
    assert!(rules(&found).contains(&"unknown-field"), "{found:#?}");
    assert!(!rules(&found).contains(&"missing-field"), "{found:#?}");
}

#[test]
fn the_other_art_46_safeguards_satisfy_the_transfer_rule_and_need_a_tia_like_scc() {
    for mechanism in ["code_of_conduct", "certification", "ad_hoc"] {
        let source = with_processor(&format!(
            "avv {{ signed 2026-01-01 }}\n  transfer {mechanism} {{ signed 2026-01-01 }}"
        ))
        .replace("country DE", "country IN");
        let found = check(&source);
        assert!(
            !rules(&found).contains(&"transfer-without-safeguard"),
            "{mechanism}: {found:#?}"
        );
        assert!(
            rules(&found).contains(&"transfer-without-tia"),
            "{mechanism}: {found:#?}"
        );
        let with_tia = source.replace(
            "{ signed 2026-01-01 }\n}",
            "{ signed 2026-01-01  tia { done 2026-01-01 } }\n}",
        );
        let found = check(&with_tia);
        assert!(
            !rules(&found).contains(&"transfer-without-tia"),
            "{mechanism}: {found:#?}"
        );
    }
}
