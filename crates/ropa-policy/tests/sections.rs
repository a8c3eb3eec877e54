//! `section` items (CHANGES-2026-12 §1.10): policy-wide text at its place, in file order across
//! the workspace, in every language and format, escaped; never in the Art. 30 record.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{DATE, workspace};
use ropa_analysis::Workspace;
use ropa_policy::{PolicyFormat, PolicyRequest, RecordFormat, RecordRequest, Templates};

const FIRST: &str = r#"
controller {
  name    "Musterverein e. V."
  address "Weg 1, 12345 Ort"
  email   "info@verein.example"
}

activity newsletter {
  title       { de "Newsletter"  en "Newsletter" }
  purpose     { de "Versand des Newsletters"  en "Sending the newsletter" }
  subjects    [newsletter_subscribers]
  data        [contact]
  legal_basis consent {
    mechanism  "Double-Opt-in"
    withdrawal { de "Abmeldelink"  en "Unsubscribe link" }
  }
  retention   { de "Bis zur Abmeldung"  en "Until you unsubscribe" }
  notice      { de "Wir versenden einen Newsletter."  en "We send a newsletter." }
}

// The default place: after the activities.
section deletion {
  title { de "Löschung"  en "Deletion" }
  text  { de "Wir löschen Daten, sobald der Zweck entfällt."  en "We delete data once the purpose no longer applies." }
}

section tls {
  title { de "Verschlüsselung <TLS> & Co."  en "Encryption <TLS> & co." }
  text  {
    de """
      Alle Seiten werden per TLS übertragen 🔒.

      Admins & "Berechtigte" sehen <b>nur</b> ihre Daten.
      """
    en """
      Every page is sent over TLS 🔒.

      Admins & "authorised staff" see <b>only</b> their data.
      """
  }
  place after_intro
}
"#;

const SECOND: &str = r#"
section cookies {
  title { de "Cookies im Überblick"  en "Cookies at a glance" }
  text  { de "Cookies sind kleine Textdateien."  en "Cookies are small text files." }
  place before_activities
}

section group {
  title { de "Übermittlungen im Konzern"  en "Transfers within the group" }
  text  { de "Innerhalb der Gruppe gilt ein Rahmenvertrag."  en "A framework agreement applies within the group." }
  place before_rights
}

section complaints {
  title { de "Beschwerden"  en "Complaints" }
  text  { de "Schreiben Sie uns."  en "Write to us." }
  place after_activities
}
"#;

fn ws() -> Workspace {
    workspace(&[("a.ropa", FIRST), ("b.ropa", SECOND)])
}

fn languages() -> Vec<String> {
    vec!["de".to_string(), "en".to_string()]
}

fn policy(lang: &str, format: PolicyFormat) -> String {
    PolicyRequest::new(&ws(), lang, DATE)
        .languages(&languages())
        .format(format)
        .generate()
        .unwrap()
}

#[test]
fn sections_stand_at_their_place_in_file_order() {
    let doc = PolicyRequest::new(&ws(), "en", DATE)
        .languages(&languages())
        .document()
        .unwrap();
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "intro",
            "section-tls",
            "controller",
            "overview",
            "legal-bases",
            "section-cookies",
            "activity-newsletter",
            // `after_activities`, in file order across the workspace, then `before_rights`.
            "section-deletion",
            "section-complaints",
            "section-group",
            "rights",
            "changes",
        ]
    );
}

#[test]
fn sections_in_every_language_and_format() {
    for lang in ["de", "en"] {
        insta::assert_snapshot!(
            format!("sections_{lang}_md"),
            policy(lang, PolicyFormat::Markdown)
        );
        insta::assert_snapshot!(
            format!("sections_{lang}_html"),
            policy(lang, PolicyFormat::Html { standalone: false })
        );
    }
}

#[test]
fn the_json_policy_holds_each_section_with_its_paragraphs() {
    let json = policy("en", PolicyFormat::Json);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let tls = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "section-tls")
        .unwrap();
    assert_eq!(tls["kind"], "section");
    assert_eq!(tls["heading"], "Encryption <TLS> & co.");
    assert_eq!(
        tls["paragraphs"],
        serde_json::json!([
            "Every page is sent over TLS 🔒.",
            "Admins & \"authorised staff\" see <b>only</b> their data."
        ])
    );
}

#[test]
fn html_escapes_the_section_text() {
    let html = policy("de", PolicyFormat::Html { standalone: false });
    assert!(
        html.contains("Verschlüsselung &lt;TLS&gt; &amp; Co."),
        "{html}"
    );
    assert!(
        html.contains("Admins &amp; &quot;Berechtigte&quot; sehen &lt;b&gt;nur&lt;/b&gt;"),
        "{html}"
    );
    assert!(!html.contains("<b>nur</b>"));
}

#[test]
fn sections_are_not_part_of_the_record() {
    for format in [
        RecordFormat::Markdown,
        RecordFormat::Csv,
        RecordFormat::Json,
    ] {
        let record = RecordRequest::new(&ws(), "de")
            .languages(&languages())
            .format(format)
            .date(Some(DATE))
            .generate()
            .unwrap();
        for word in ["Löschung", "Cookies im Überblick", "Konzern", "TLS"] {
            assert!(!record.contains(word), "{word} in the record: {record}");
        }
    }
}

#[test]
fn a_user_template_renders_sections() {
    let templates = Templates::with_overrides([(
        "section.md.j2".to_string(),
        "[{{ section.id }}] {{ section.heading }}: {{ section.paragraphs | join(\" / \") }}"
            .to_string(),
    )]);
    let md = PolicyRequest::new(&ws(), "en", DATE)
        .languages(&languages())
        .templates(&templates)
        .generate()
        .unwrap();
    assert!(
        md.contains(
            "[section-deletion] Deletion: We delete data once the purpose no longer applies."
        ),
        "{md}"
    );
}

#[test]
fn the_template_engine_writes_what_the_native_renderer_writes() {
    // Replacing a built-in template by itself sends the document through minijinja.
    for (name, text, format) in [
        (
            "section.md.j2",
            include_str!("../templates/section.md.j2"),
            PolicyFormat::Markdown,
        ),
        (
            "section.html.j2",
            include_str!("../templates/section.html.j2"),
            PolicyFormat::Html { standalone: false },
        ),
    ] {
        let templates = Templates::with_overrides([(name.to_string(), text.to_string())]);
        for lang in ["de", "en"] {
            let engine = PolicyRequest::new(&ws(), lang, DATE)
                .languages(&languages())
                .format(format)
                .templates(&templates)
                .generate()
                .unwrap();
            assert_eq!(engine, policy(lang, format), "{name} {lang}");
        }
    }
}
