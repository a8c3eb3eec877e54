//! Language v2 (CHANGES-2026-12 §1) end to end: one record that uses every new key
//! (`tests/fixtures/language-v2`) checks clean, is formatted, and its policies (German and
//! English) and records (Markdown, CSV, JSON, and the processor's record) show each new fact.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;

use support::{Run, ropa};

const TODAY: &str = "2026-12-07";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/language-v2")
}

fn run(args: &[&str]) -> Run {
    let mut all = args.to_vec();
    all.extend(["--today", TODAY]);
    let r = ropa(&fixture(), &all);
    assert_eq!(r.code, 0, "ropa {args:?}: {}", r.stderr);
    r
}

/// Every expected piece is in `text`.
fn shows(what: &str, text: &str, expected: &[&str]) {
    let missing: Vec<&&str> = expected.iter().filter(|e| !text.contains(**e)).collect();
    assert!(missing.is_empty(), "{what} lacks {missing:?}:\n{text}");
}

#[test]
fn the_record_with_every_new_key_checks_clean_and_is_formatted() {
    let check = run(&["check", "."]);
    assert!(
        check.stdout.contains("No findings: 5 files checked."),
        "{}",
        check.stdout
    );
    // Formatted as committed: `ropa fmt` would change nothing (and so is idempotent).
    let fmt = ropa(&fixture(), &["fmt", "--check", "."]);
    assert_eq!(fmt.code, 0, "{}{}", fmt.stdout, fmt.stderr);
}

#[test]
fn the_german_policy_shows_each_new_fact() {
    let de = run(&["policy", ".", "--lang", "de"]).stdout;
    shows(
        "the German policy",
        &de,
        &[
            // §1.8 controller
            "Vertreten durch die Geschäftsführung: Jana Nordlicht und Ole Hansen",
            "Registereintrag: Amtsgericht Hamburg, HRB 654321",
            "Impressum: https://nordlicht.example/impressum",
            // §1.7 the visiting card, the new mechanism
            "Anschrift: Softwareweg 2, 80331 München; Kontakt: privacy@shopsoftware.example",
            "Datenschutzerklärung: [https://shopsoftware.example/datenschutz]",
            "Widerspruchsmöglichkeit (Opt-out): [https://shopsoftware.example/opt-out]",
            "genehmigte Verhaltensregeln",
            "(Art. 46 Abs. 2 lit. e und Art. 40 DSGVO)",
            // §1.2 several bases with `for`
            "Pflichtangaben: Vertragserfüllung und vorvertragliche Maßnahmen (Art. 6 Abs. 1 lit. b DSGVO).",
            "Freiwillige Telefonnummer: Einwilligung (Art. 6 Abs. 1 lit. a DSGVO).",
            // §1.5 provision
            "Die Bereitstellung der Daten ist freiwillig. Sie erreichen uns auch per Telefon.",
            // §1.3 profiling, §1.4 direct marketing
            "(Profiling, Art. 4 Nr. 4 DSGVO)",
            "Der Verarbeitung zu Zwecken der Direktwerbung können Sie jederzeit ohne Angabe von Gründen widersprechen",
            // §1.6 retention parts
            "3 Jahre ab Ende der Anfrage (Kontaktdaten (z. B. E-Mail-Adresse, Telefonnummer); §§ 195, 199 BGB)",
            "Bis zur Erledigung (Kommunikationsdaten).",
            // §1.11 cookie table
            "| \\_nl\\_id | Wiedererkennung von Besuchen | 13 Monate | Erstanbieter | Shop-Software AG |",
            "| \\_nl\\_ses | Laufender Besuch | Sitzung (bis zum Schließen des Browsers) | Erstanbieter | — |",
            // §1.10 section
            "## Datensicherheit\n\nAlle Seiten werden TLS-verschlüsselt übertragen.",
        ],
    );
    // §1.9: the record's own fields stay out of the policy.
    for internal in ["Kundenservice", "Ticketsystem", "Vertrieb"] {
        assert!(!de.contains(internal), "{internal} is internal:\n{de}");
    }
    insta::assert_snapshot!("language_v2_policy_de_md", de);
}

#[test]
fn the_english_policy_shows_each_new_fact() {
    let en = run(&["policy", ".", "--lang", "en"]).stdout;
    shows(
        "the English policy",
        &en,
        &[
            "Represented by the managing directors: Jana Nordlicht and Ole Hansen",
            "Register entry: Amtsgericht Hamburg, HRB 654321",
            "Privacy policy: [https://shopsoftware.example/datenschutz]",
            "Opt-out: [https://shopsoftware.example/opt-out]",
            "approved code of conduct",
            "Required fields: Performance of a contract",
            "Optional phone number: Consent (Art. 6(1)(a) GDPR).",
            "Providing the data is voluntary. You can also call us.",
            "(profiling, Art. 4(4) GDPR)",
            "3 years from the end of the enquiry",
            "Sections 195 and 199 of the German Civil Code (BGB)",
            "| \\_nl\\_id | Recognising visits | 13 months | first party | Shop-Software AG |",
            "## Data security\n\nEvery page is sent encrypted with TLS.",
        ],
    );
    insta::assert_snapshot!("language_v2_policy_en_md", en);
}

#[test]
fn the_html_and_json_policies_hold_the_new_facts() {
    let html = run(&["policy", ".", "--lang", "de", "--format", "html"]).stdout;
    shows(
        "the HTML policy",
        &html,
        &[
            r#"<a href="https://shopsoftware.example/opt-out">"#,
            "<td>_nl_id</td>",
            "Datensicherheit",
        ],
    );
    insta::assert_snapshot!("language_v2_policy_de_html", html);
    let json = run(&["policy", ".", "--lang", "en", "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text = v.to_string();
    shows(
        "the JSON policy",
        &text,
        &[
            "\"managing_directors\":[\"Jana Nordlicht\",\"Ole Hansen\"]",
            "\"opt_out\":\"https://shopsoftware.example/opt-out\"",
            "\"mechanism\":\"code_of_conduct\"",
            "\"name\":\"_nl_id\"",
            "\"profiling\":true",
        ],
    );
    insta::assert_snapshot!("language_v2_policy_en_json", json);
}

#[test]
fn the_record_shows_each_new_fact_in_every_format() {
    let md = run(&["record", ".", "--no-git"]).stdout;
    shows(
        "the Markdown record",
        &md,
        &[
            "| Geschäftsführung (gesetzliche Vertreter) | Jana Nordlicht, Ole Hansen |",
            "| Registereintrag | Amtsgericht Hamburg, HRB 654321 |",
            "| Impressum | https://nordlicht.example/impressum |",
            "| Zuständige Stelle (intern) | Kundenservice |",
            "| IT-Systeme | Ticketsystem |",
            "| Interne Empfänger | Vertrieb |",
            "für Pflichtangaben; Einwilligung (Art. 6 Abs. 1 lit. a DSGVO) für freiwillige Telefonnummer",
            "3 Jahre ab Ende der Anfrage",
            "| Bereitstellung der Daten | freiwillig. Sie erreichen uns auch per Telefon. |",
            "https://shopsoftware.example/datenschutz",
            "| 2026-03-01 |",
            "| Cookies | \\_nl\\_id (Erstanbieter, Shop-Software AG): Wiedererkennung von Besuchen, Speicherdauer: 13 Monate;",
            "Allgemeine Maßnahmen des Verantwortlichen: Rollenkonzept",
        ],
    );
    insta::assert_snapshot!("language_v2_record_de_md", md);
    let csv = run(&["record", ".", "--no-git", "--format", "csv"]).stdout;
    shows(
        "the CSV record",
        &csv,
        &[
            "Kundenservice",
            "Ticketsystem",
            "Vertrieb",
            "_nl_id",
            "Jana Nordlicht",
        ],
    );
    let json = run(&[
        "record", ".", "--no-git", "--format", "json", "--lang", "en",
    ])
    .stdout;
    let text = serde_json::from_str::<serde_json::Value>(&json)
        .unwrap()
        .to_string();
    shows(
        "the JSON record",
        &text,
        &[
            "\"owner\":\"Customer service\"",
            "\"systems\":[\"Ticketsystem\"]",
            "\"internal_recipients\":[\"Vertrieb\"]",
            "\"accepted\":\"2026-03-01\"",
            "\"register\":\"Amtsgericht Hamburg, HRB 654321\"",
        ],
    );
    insta::assert_snapshot!("language_v2_record_en_json", json);
}

#[test]
fn the_processors_record_lists_the_client() {
    let md = run(&["record", ".", "--as-processor"]).stdout;
    shows(
        "the processor's record",
        &md,
        &[
            "Nach Art. 30 Abs. 2 DSGVO.",
            "| Verantwortlicher (Art. 30 Abs. 2 lit. a DSGVO) | Kunde KG |",
            "| Kategorien von Verarbeitungen im Auftrag (Art. 30 Abs. 2 lit. b DSGVO) | Versand von Bestellbestätigungen |",
            "| Unterauftragsverarbeiter | Shop-Software AG (Deutschland) |",
            "Rollenkonzept, Mehr-Faktor-Anmeldung, verschlüsselte Backups",
        ],
    );
    insta::assert_snapshot!("language_v2_processor_record_de_md", md);
}
