//! The generated text states only what the record supports, in the corrected wording
//! (CHANGES-2026-12 §4; LEGAL-REVIEW W6, M9, M10, M11, P-items). Each test holds a sentence
//! that the generator wrote before the review and must no longer write, or the one it must
//! write instead.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{DATE, workspace};
use ropa_policy::{Mode, PolicyRequest, RecordRequest};

const CONTROLLER: &str = r#"
controller {
  name    "Musterverein e. V."
  address "Weg 1, 12345 Ort"
  email   "info@verein.example"
  supervisory_authority "Berliner Beauftragte für Datenschutz und Informationsfreiheit"
}
"#;

/// The test controller with `value` as its `supervisory_authority`.
/// The languages of most records here: German first, English too.
static BOTH: std::sync::LazyLock<[String; 2]> =
    std::sync::LazyLock::new(|| ["de".to_string(), "en".to_string()]);

fn with_authority(value: &str) -> String {
    CONTROLLER.replace(
        "\"Berliner Beauftragte für Datenschutz und Informationsfreiheit\"",
        value,
    )
}

/// The policy's text (every paragraph, fact and list item of every section) in `lang`.
fn policy(record: &str, lang: &str) -> String {
    let ws = workspace(&[("a.ropa", &format!("{CONTROLLER}{record}"))]);
    let doc = PolicyRequest::new(&ws, lang, DATE)
        .languages(&BOTH[..])
        .document()
        .unwrap();
    doc.sections
        .iter()
        .flat_map(|s| std::iter::once(s.heading.clone()).chain(s.paragraphs.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An activity with `extra` keys on `basis`.
fn activity(basis: &str, extra: &str) -> String {
    format!(
        r#"
activity a {{
  title   {{ de "Analyse"  en "Analytics" }}
  purpose {{ de "Reichweitenmessung"  en "Audience measurement" }}
  subjects [website_visitors, business_contacts]
  data     [usage]
  legal_basis {basis}
  retention 90 days
  {extra}
}}
"#
    )
}

const LI: &str =
    r#"legitimate_interest { interest { de "Messung"  en "Measurement" }  balancing "ok" }"#;
const CONSENT: &str =
    r#"consent { mechanism "Banner"  withdrawal { de "Im Banner"  en "In the banner" } }"#;

#[test]
fn the_tdddg_consent_sentence_follows_the_actual_basis() {
    // W6(a): device access that is not strictly necessary, on legitimate interest.
    let device = r#"device_access { technology { de "Cookie „_x“"  en "Cookie “_x”" }  strictly_necessary false }"#;
    let de = policy(&activity(LI, device), "de");
    // (The legal bases still say what § 25 requires; the activity claims no consent.)
    assert!(
        !de.contains("lesen wir dabei nur mit Ihrer Einwilligung aus"),
        "{de}"
    );
    assert!(!de.contains("und zwar nur mit Ihrer Einwilligung"), "{de}");
    assert!(
        de.contains(
            "Dabei werden Informationen auf Ihrem Endgerät gespeichert oder dort ausgelesen."
        ),
        "{de}"
    );
    let en = policy(&activity(LI, device), "en");
    assert!(
        !en.contains("on your device only with your consent"),
        "{en}"
    );
    // P15: on consent, the sentence is grammatical.
    let de = policy(&activity(CONSENT, device), "de");
    assert!(
        de.contains("Diese Informationen speichern wir auf Ihrem Endgerät bzw. lesen sie dort aus, und zwar nur mit Ihrer Einwilligung (§ 25 Abs. 1 TDDDG)."),
        "{de}"
    );
    assert!(!de.contains("speichern oder lesen wir dabei nur mit Ihrer Einwilligung aus"));
    // P5: the legal bases name the TDDDG they list.
    assert!(
        de.contains("Rechtsgrundlagen der Datenschutz-Grundverordnung (DSGVO) und des Telekommunikation-Digitale-Dienste-Datenschutz-Gesetzes (TDDDG)"),
        "{de}"
    );
    let without = policy(&activity(CONSENT, ""), "de");
    assert!(!without.contains("TDDDG"), "{without}");
}

const US_PROCESSOR: &str = r#"
processor tool {
  name    "Tool Inc."
  country US
  avv { signed 2024-01-01 }
  TRANSFER
}
"#;

#[test]
fn the_transfers_introduction_claims_compliance_only_when_every_transfer_has_a_basis() {
    // W6(b): a US processor without a mechanism.
    let record = format!(
        "{}{}",
        US_PROCESSOR.replace("TRANSFER", ""),
        activity(LI, "processors [tool]")
    );
    let de = policy(&record, "de");
    assert!(
        !de.contains("nur, wenn die Voraussetzungen der Art. 44 bis 49 DSGVO erfüllt sind"),
        "{de}"
    );
    assert!(de.contains("Tool Inc. (USA)."), "{de}");
    let en = policy(&record, "en");
    assert!(!en.contains("only if the conditions of Art. 44 to 49 GDPR are met"));
    // With a mechanism, the claim is supported.
    let record = format!(
        "{}{}",
        US_PROCESSOR.replace("TRANSFER", "transfer dpf"),
        activity(LI, "processors [tool]")
    );
    let de = policy(&record, "de");
    assert!(
        de.contains("nur, wenn die Voraussetzungen der Art. 44 bis 49 DSGVO erfüllt sind"),
        "{de}"
    );
}

#[test]
fn an_adequacy_decision_is_stated_only_where_one_exists() {
    // `transfer adequacy` to a country without a decision claims none.
    let record = format!(
        "{}{}",
        US_PROCESSOR
            .replace("TRANSFER", "transfer adequacy")
            .replace("country US", "country IN"),
        activity(LI, "processors [tool]")
    );
    let de = policy(&record, "de");
    assert!(
        !de.contains("Angemessenheitsbeschluss der Europäischen Kommission ("),
        "{de}"
    );
}

#[test]
fn decisions_under_the_directive_continue_under_article_45_9() {
    // P10: Switzerland's decision 2000/518/EC predates the GDPR; Japan's does not.
    let record = |country: &str| {
        format!(
            "{}{}",
            US_PROCESSOR
                .replace("TRANSFER", "")
                .replace("country US", &format!("country {country}")),
            activity(LI, "processors [tool]")
        )
    };
    let de = policy(&record("CH"), "de");
    assert!(
        de.contains("Angemessenheitsbeschluss der Europäischen Kommission (Entscheidung 2000/518/EG der Kommission, fortgeltend nach Art. 45 Abs. 9 DSGVO)."),
        "{de}"
    );
    let en = policy(&record("CH"), "en");
    assert!(en.contains("continued under Art. 45(9) GDPR)."), "{en}");
    // W4: the United Kingdom's decision of 2021 has expired; the policy never cites it.
    for lang in ["de", "en"] {
        let gb = policy(&record("GB"), lang);
        assert!(!gb.contains("2021/1772"), "{gb}");
        assert!(gb.contains("19"), "{gb}");
    }
}

const META: &str = r#"
processor meta {
  name    "Meta Platforms Ireland Limited"
  country IE
  role    joint_controller
  AGREEMENT
}
"#;

#[test]
fn joint_control_names_the_joint_phases_and_an_agreement_only_when_there_is_one() {
    // M9: no `joint_agreement`: no word of an agreement or of its essence.
    let record = format!(
        "{}{}",
        META.replace("AGREEMENT", ""),
        activity(CONSENT, "processors [meta]")
    );
    let de = policy(&record, "de");
    assert!(!de.contains("Vereinbarung"), "{de}");
    assert!(!de.contains("Für diese Verarbeitung sind wir mit"), "{de}");
    assert!(
        de.contains("Für die Erhebung Ihrer Daten und deren Übermittlung an Meta Platforms Ireland Limited sind wir mit Meta Platforms Ireland Limited gemeinsam verantwortlich (Art. 26 DSGVO)."),
        "{de}"
    );
    let en = policy(&record, "en");
    assert!(!en.contains("arrangement"), "{en}");
    // An agreement without its essence: available on request.
    let record = format!(
        "{}{}",
        META.replace("AGREEMENT", "joint_agreement { signed 2024-01-01 }"),
        activity(CONSENT, "processors [meta]")
    );
    let de = policy(&record, "de");
    assert!(
        de.contains("Das Wesentliche unserer Vereinbarung stellen wir Ihnen auf Anfrage zur Verfügung (Art. 26 Abs. 2 DSGVO)."),
        "{de}"
    );
}

#[test]
fn the_provision_sentence_is_written_only_where_the_record_supports_it() {
    // M10: the blanket "dafür erforderlich" sentence of every `contract` activity is gone; the
    // statement follows `provision`, else what the bases imply (CHANGES §1.5).
    let contract = r#"contract { contract { de "Kundenservice"  en "Customer service" } }"#;
    let de = policy(&activity(contract, ""), "de");
    assert!(
        !de.contains("Die Bereitstellung der Daten ist dafür erforderlich"),
        "{de}"
    );
    assert!(
        de.contains("Die Bereitstellung der Daten ist für den Abschluss des Vertrags erforderlich"),
        "{de}"
    );
    // A chat on `contract` that is one channel among several says so, with the consequence.
    let chat = r#"provision voluntary {
    consequence { de "Sie erreichen uns auch per E-Mail."  en "You can also reach us by e-mail." }
  }"#;
    let de = policy(&activity(contract, chat), "de");
    assert!(
        de.contains("Bereitstellung der Daten (Art. 13 Abs. 2 lit. e DSGVO): Die Bereitstellung der Daten ist freiwillig. Sie erreichen uns auch per E-Mail."),
        "{de}"
    );
    assert!(
        !de.contains("für den Abschluss des Vertrags erforderlich"),
        "{de}"
    );
    let en = policy(&activity(contract, chat), "en");
    assert!(
        en.contains("Providing the data is voluntary. You can also reach us by e-mail."),
        "{en}"
    );
    // A legal obligation: statutory.
    let law = r#"legal_obligation { law { de "§ 147 AO"  en "Section 147 AO" } }"#;
    let de = policy(&activity(law, ""), "de");
    assert!(
        de.contains("Die Bereitstellung der Daten ist gesetzlich vorgeschrieben."),
        "{de}"
    );
    // Consent: voluntary by definition (Art. 13(2)(e)).
    let de = policy(&activity(CONSENT, ""), "de");
    assert!(
        de.contains("Bereitstellung der Daten (Art. 13 Abs. 2 lit. e DSGVO): Die Bereitstellung der Daten ist freiwillig; ohne Ihre Einwilligung findet diese Verarbeitung nicht statt."),
        "{de}"
    );
    // A contact form: required fields on `contract`, an optional one on `consent`. Voluntary,
    // but not "without your consent this processing does not take place": it does.
    let form = r#"contract { for { de "Pflichtangaben"  en "Required fields" } }
  legal_basis consent {
    for        { de "Telefonnummer"  en "Phone number" }
    mechanism  "Freiwilliges Feld"
    withdrawal { de "Per E-Mail"  en "By e-mail" }
  }
  provision voluntary"#;
    let de = policy(&activity(form, ""), "de");
    assert!(
        de.contains("Bereitstellung der Daten (Art. 13 Abs. 2 lit. e DSGVO): Die Bereitstellung der Daten ist freiwillig."),
        "{de}"
    );
    assert!(!de.contains("ohne Ihre Einwilligung findet"), "{de}");
    // Legitimate interest implies nothing: no sentence (and `missing-provision-info` asks).
    let interest =
        r#"legitimate_interest { interest { de "Sicherheit"  en "Security" }  balancing "LIA" }"#;
    let de = policy(&activity(interest, ""), "de");
    assert!(!de.contains("Bereitstellung der Daten"), "{de}");
    // Never for data not collected from the person (Art. 14 has no such item), even declared.
    let indirect = r#"collection indirect  source { de "Öffentliche Profile"  en "Public profiles" }
  provision voluntary"#;
    let de = policy(&activity(CONSENT, indirect), "de");
    assert!(!de.contains("Bereitstellung der Daten"), "{de}");
}

#[test]
fn the_data_protection_officer_is_addressed_neutrally() {
    // P3: the old sentence assumed a man, whoever the name says.
    let record = CONTROLLER.replace(
        "  supervisory_authority",
        "  dpo { name \"Dr. Erika Beispiel\"  email \"dsb@verein.example\" }\n  supervisory_authority",
    );
    let ws = workspace(&[("a.ropa", &format!("{record}{}", activity(CONSENT, "")))]);
    let doc = PolicyRequest::new(&ws, "de", DATE)
        .languages(&BOTH[..])
        .document()
        .unwrap();
    let dpo = doc.sections.iter().find(|s| s.id == "dpo").unwrap();
    assert_eq!(dpo.heading, "Datenschutzbeauftragte/r");
    assert_eq!(
        dpo.paragraphs[0],
        "Für alle Fragen zum Datenschutz erreichen Sie unsere Datenschutzbeauftragte/unseren Datenschutzbeauftragten unter:"
    );
    assert!(!dpo.paragraphs[0].contains("Unseren Datenschutzbeauftragten erreichen Sie"));
}

#[test]
fn the_overview_lists_activities_as_activities_and_keeps_the_case_of_labels() {
    // P4: titles are not purposes; an adjective inside a German list stays in lower case.
    let de = policy(&activity(CONSENT, ""), "de");
    assert!(de.contains("Verarbeitungstätigkeiten: Analyse"), "{de}");
    assert!(!de.contains("Zwecke der Verarbeitung: Analyse"), "{de}");
    assert!(de.contains("; geschäftliche Ansprechpersonen."), "{de}");
    assert!(!de.contains("Geschäftliche Ansprechpersonen"), "{de}");
}

#[test]
fn the_introduction_needs_no_article_before_the_name() {
    // P31: "ist die Musterverein e. V. gemeint" was wrong German.
    let de = policy(&activity(CONSENT, ""), "de");
    assert!(!de.contains("ist die Musterverein"), "{de}");
    assert!(
        de.contains("„Wir“ und „uns“ steht im Folgenden für Musterverein e. V.\n"),
        "{de}"
    );
}

#[test]
fn recipients_are_named_in_correct_terms() {
    // P17: "eigenständiger Verantwortlicher"; the processor of an independent controller is
    // that controller's processor, not our sub-processor.
    let record = format!(
        r#"
processor bank {{
  name "Bank AG"
  country DE
  role controller
  subprocessors [rz]
}}
processor rz {{
  name "Rechenzentrum GmbH"
  country DE
  avv {{ signed 2024-01-01 }}
}}
{}"#,
        activity(CONSENT, "processors [bank]")
    );
    let de = policy(&record, "de");
    assert!(
        de.contains("Bank AG (Deutschland), eigenständiger Verantwortlicher"),
        "{de}"
    );
    assert!(!de.contains("eigenständig Verantwortlicher"), "{de}");
    assert!(
        de.contains("Rechenzentrum GmbH (Deutschland), Auftragsverarbeiter von Bank AG"),
        "{de}"
    );
    assert!(!de.contains("Unterauftragsverarbeiter von Bank AG"), "{de}");
}

const DECISION: &str = r#"ai {
    system "Scoring"
    automated_decision true
    significant_effect true
    logic { de "Zahlungshistorie"  en "Payment history" }
    human_review { de "Per E-Mail"  en "By e-mail" }
  }"#;

#[test]
fn article_22_3_rights_follow_a_contract_or_consent_in_correct_german() {
    // P20: the zeugma "Sie können verlangen, dass eine Person eingreift, Ihren Standpunkt
    // darlegen …" is gone.
    let contract = r#"contract { contract { de "Kauf auf Rechnung"  en "Purchase on account" } }"#;
    let de = policy(&activity(contract, DECISION), "de");
    assert!(
        de.contains("Sie haben das Recht, das Eingreifen einer Person auf unserer Seite zu erwirken, Ihren Standpunkt darzulegen und die Entscheidung anzufechten (Art. 22 Abs. 3 DSGVO): Per E-Mail."),
        "{de}"
    );
    assert!(
        !de.contains("Sie können verlangen, dass eine Person eingreift"),
        "{de}"
    );
    // M11: a decision authorised by law has the safeguards of that law, not Art. 22(3).
    let law = r#"legal_obligation { law "§ 10 GwG" }"#;
    let de = policy(&activity(law, DECISION), "de");
    assert!(!de.contains("(Art. 22 Abs. 3 DSGVO):"), "{de}");
    assert!(
        de.contains("Überprüfung durch eine Person: Per E-Mail."),
        "{de}"
    );
    // M11 in the rights section.
    assert!(
        de.contains("soweit keine der Ausnahmen des Art. 22 Abs. 2 DSGVO vorliegt. Beruht die Entscheidung auf einem Vertrag oder Ihrer ausdrücklichen Einwilligung, haben Sie das Recht, das Eingreifen einer Person zu erwirken, Ihren Standpunkt darzulegen und die Entscheidung anzufechten (Art. 22 Abs. 3 DSGVO)."),
        "{de}"
    );
    assert!(
        !de.contains("soweit keine gesetzliche Ausnahme greift"),
        "{de}"
    );
    let en = policy(&activity(law, DECISION), "en");
    assert!(
        en.contains("unless one of the exceptions of Art. 22(2) GDPR applies. Where the decision is based on a contract or on your explicit consent"),
        "{en}"
    );
}

#[test]
fn generated_content_claims_no_labelling_duty() {
    // P22: Art. 50(2) and (4) bind providers, and deployers only for deep fakes and
    // public-interest texts; the record does not say that either applies.
    let ai = r#"ai { system "Texte"  generates_content true  labelling { de "Hinweis „KI“"  en "Note “AI”" } }"#;
    let de = policy(&activity(CONSENT, ai), "de");
    assert!(!de.contains("Art. 50 Abs. 2 und 4 KI-VO"), "{de}");
    assert!(
        de.contains("Mit KI erzeugte oder veränderte Inhalte kennzeichnen wir als solche (vgl. Art. 50 KI-VO):"),
        "{de}"
    );
}

#[test]
fn the_rights_mention_the_extension_and_name_the_authority_without_an_article() {
    // P27
    let de = policy(&activity(CONSENT, ""), "de");
    assert!(
        de.contains(
            "kann sich diese Frist um zwei weitere Monate verlängern (Art. 12 Abs. 3 DSGVO)."
        ),
        "{de}"
    );
    assert!(
        de.contains("Für uns zuständige Aufsichtsbehörde: Berliner Beauftragte für Datenschutz und Informationsfreiheit."),
        "{de}"
    );
    assert!(!de.contains("Für uns zuständig ist:"), "{de}");
}

#[test]
fn a_final_policy_has_no_marked_box_and_a_draft_has_one_for_each_missing_statement() {
    let record = format!(
        "{}{}",
        US_PROCESSOR.replace("TRANSFER", ""),
        activity(LI, "processors [tool]")
    );
    let ws = workspace(&[("a.ropa", &format!("{CONTROLLER}{record}"))]);
    let languages = ["de".to_string()];
    let text = |mode| {
        let doc = PolicyRequest::new(&ws, "de", DATE)
            .languages(&languages)
            .mode(mode)
            .document()
            .unwrap();
        doc.sections
            .iter()
            .flat_map(|s| s.paragraphs.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let final_text = text(Mode::Final);
    assert!(!final_text.contains("ENTWURF"), "{final_text}");
    let findings = ropa_lint::check(&ws, &ropa_lint::Config::default(), DATE);
    let draft = text(Mode::Draft(&findings));
    assert!(
        draft.contains("ENTWURF – fehlt: Grundlage der Übermittlung an Tool Inc. (USA) (Art. 45, 46 oder 49 DSGVO)"),
        "{draft}"
    );
    assert!(
        draft.contains("ENTWURF – fehlt: Grundlage der Übermittlung in ein Drittland (Art. 45, 46 oder 49 DSGVO)"),
        "{draft}"
    );
    assert!(!draft.contains("transfer-without-safeguard") && !draft.contains("a.ropa"));
}

const CONTACT_FORM: &str = r#"
category invoices { label { de "Rechnungsdaten"  en "invoice data" } }
activity contact {
  title   { de "Kontaktformular"  en "Contact form" }
  purpose { de "Bearbeitung Ihrer Anfrage"  en "Handling your enquiry" }
  subjects [customers]
  data     [contact, invoices]
  legal_basis contract { for { de "Pflichtangaben im Kontaktformular"  en "the mandatory fields of the form" } }
  legal_basis consent {
    for { de "freiwillige Angaben (Telefonnummer)"  en "optional details (phone number)" }
    mechanism "Checkbox"
    withdrawal { de "Per E-Mail"  en "By e-mail" }
  }
  retention 10 years {
    data [invoices]
    from { de "Ende des Kalenderjahres"  en "the end of the calendar year" }
    law "§ 147 AO"
  }
  retention 6 months { data [contact]  from { de "Abschluss der Anfrage"  en "the enquiry is closed" } }
}
"#;

#[test]
fn several_legal_bases_are_listed_each_with_what_it_covers() {
    let de = policy(CONTACT_FORM, "de");
    assert!(
        de.contains("Rechtsgrundlagen: Pflichtangaben im Kontaktformular: Vertragserfüllung und vorvertragliche Maßnahmen (Art. 6 Abs. 1 lit. b DSGVO)."),
        "{de}"
    );
    assert!(
        de.contains("Freiwillige Angaben (Telefonnummer): Einwilligung (Art. 6 Abs. 1 lit. a DSGVO). Sie können Ihre Einwilligung jederzeit"),
        "{de}"
    );
    let en = policy(CONTACT_FORM, "en");
    assert!(
        en.contains("Optional details (phone number): Consent (Art. 6(1)(a) GDPR)."),
        "{en}"
    );
    // Both bases appear in the overview of legal bases; the withdrawal right is offered.
    assert!(de.contains("Recht auf Widerruf Ihrer Einwilligung"), "{de}");
    // Mixed bases imply no single Art. 13(2)(e) statement.
    assert!(!de.contains("Bereitstellung der Daten (Art. 13"), "{de}");
}

#[test]
fn retention_parts_are_printed_with_their_start_data_and_law() {
    // CHANGES §1.6, P25: "2 Jahre" said nothing about when the period starts.
    let de = policy(CONTACT_FORM, "de");
    assert!(
        de.contains("Speicherdauer: 10 Jahre ab Ende des Kalenderjahres (Rechnungsdaten; § 147 AO); danach werden die Daten gelöscht. 6 Monate ab Abschluss der Anfrage (Kontaktdaten (z. B. E-Mail-Adresse, Telefonnummer)); danach werden die Daten gelöscht."),
        "{de}"
    );
    let en = policy(CONTACT_FORM, "en");
    assert!(
        en.contains("10 years from the end of the calendar year (Invoice data; § 147 AO); the data is then deleted."),
        "{en}"
    );
    let ws = workspace(&[("a.ropa", &format!("{CONTROLLER}{CONTACT_FORM}"))]);
    let record = RecordRequest::new(&ws, "de")
        .languages(&BOTH[..])
        .format(ropa_policy::RecordFormat::Json)
        .generate()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&record).unwrap();
    let parts = v["activities"][0]["retention_parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0]["law"], "§ 147 AO");
    assert_eq!(parts[0]["from"], "Ende des Kalenderjahres");
    let bases = v["activities"][0]["legal_bases"].as_array().unwrap();
    assert_eq!(bases[1]["covers"], "freiwillige Angaben (Telefonnummer)");
    let md = RecordRequest::new(&ws, "de")
        .languages(&["de".to_string()])
        .format(ropa_policy::RecordFormat::Markdown)
        .generate()
        .unwrap();
    assert!(
        md.contains("10 Jahre ab Ende des Kalenderjahres (Rechnungsdaten; § 147 AO); 6 Monate ab Abschluss der Anfrage"),
        "{md}"
    );
    assert!(
        md.contains(
            "Einwilligung (Art. 6 Abs. 1 lit. a DSGVO) für freiwillige Angaben (Telefonnummer)"
        ),
        "{md}"
    );
}

#[test]
fn the_recipients_card_and_the_records_fields_are_printed() {
    // CHANGES §1.7: `address` and `contact` were accepted and printed nowhere.
    let record = format!(
        r#"
processor host {{
  name    "Host GmbH"
  country DE
  address "Weg 2, 12345 Ort"
  contact "datenschutz@host.example"
  avv {{ signed 2024-01-01 }}
}}
{}"#,
        activity(
            CONSENT,
            r#"processors [host]
  device_access { technology { de "Cookie „_x“"  en "Cookie “_x”" }  strictly_necessary false }"#
        )
    );
    let de = policy(&record, "de");
    assert!(
        de.contains("Host GmbH (Deutschland), Auftragsverarbeiter (Anschrift: Weg 2, 12345 Ort; Kontakt: datenschutz@host.example)"),
        "{de}"
    );
    let ws = workspace(&[("a.ropa", &format!("{CONTROLLER}{record}"))]);
    let md = RecordRequest::new(&ws, "de")
        .languages(&["de".to_string()])
        .format(ropa_policy::RecordFormat::Markdown)
        .generate()
        .unwrap();
    for row in [
        "| Herkunft der Daten | bei der betroffenen Person erhoben |",
        "| Zugriff auf Endgeräte | Cookie „\\_x“; Einwilligung erforderlich (§ 25 Abs. 1 TDDDG) |",
        "| Bereitstellung der Daten | freiwillig |",
        "| Technische und organisatorische Maßnahmen (Art. 30 Abs. 1 lit. g DSGVO) |",
        "| host | Host GmbH | Deutschland | Auftragsverarbeiter | — | Weg 2, 12345 Ort | datenschutz@host.example |",
    ] {
        assert!(md.contains(row), "{row}\n{md}");
    }
}

/// W5: an activity marked `direct_marketing` gets the unconditional right to object (Art. 21(2),
/// (3)) instead of the Art. 21(1) sentence, and is listed under the Art. 21(2) paragraph; without
/// the key, the activity keeps the Art. 21(1) sentence.
#[test]
fn direct_marketing_states_the_unconditional_right_to_object() {
    let unconditional = "Der Verarbeitung zu Zwecken der Direktwerbung können Sie jederzeit ohne Angabe von Gründen widersprechen";
    let situation = "Sie können dieser Verarbeitung aus Gründen, die sich aus Ihrer besonderen Situation ergeben, jederzeit widersprechen";
    let marked = policy(&activity(LI, "direct_marketing { channels [post] }"), "de");
    assert!(marked.contains(unconditional), "{marked}");
    assert!(!marked.contains(situation), "{marked}");
    let plain = policy(&activity(LI, ""), "de");
    assert!(
        plain.contains(situation) && !plain.contains(unconditional),
        "{plain}"
    );

    // On consent only: no Art. 21(1) paragraph, but the objection section with the activity.
    let consent = policy(&activity(CONSENT, "direct_marketing true"), "en");
    assert!(
        consent.contains(
            "You can object to processing for direct marketing at any time without giving reasons"
        ),
        "{consent}"
    );
    assert!(
        consent.contains("Right to object under Art. 21 GDPR"),
        "{consent}"
    );
    assert!(
        !consent.contains("on grounds relating to your particular situation"),
        "{consent}"
    );
}

#[test]
fn a_high_risk_system_and_training_are_told_to_the_reader() {
    // Art. 26(11) AI Act and Art. 13(3) GDPR (issue: obligations v2).
    let ai = r#"ai {
    system { de "Scoring"  en "Scoring" }
    use    credit_scoring
    deployer_duties { human_oversight "Sachbearbeitung"  logs 1 year  fria { done 2026-10-01 } }
    trains_on_personal_data true
    compatibility { de "Verbesserung desselben Modells, pseudonymisiert"  en "Improving the same model, pseudonymised" }
  }"#;
    let contract = r#"contract { contract { de "Kauf auf Rechnung"  en "Purchase on account" } }"#;
    let de = policy(&activity(contract, ai), "de");
    assert!(
        de.contains("Sie unterliegen dabei dem Einsatz eines Hochrisiko-KI-Systems (Anhang III Nr. 5 Buchst. b KI-VO, Kreditwürdigkeitsprüfung; Art. 26 Abs. 11 KI-VO)."),
        "{de}"
    );
    assert!(
        de.contains("Wir verwenden die Daten außerdem, um KI-Modelle zu trainieren oder zu verbessern; das ist eine Weiterverarbeitung zu einem anderen Zweck (Art. 6 Abs. 4 DSGVO). Warum sie mit dem ursprünglichen Zweck vereinbar ist: Verbesserung desselben Modells, pseudonymisiert."),
        "{de}"
    );
    let en = policy(&activity(contract, ai), "en");
    assert!(
        en.contains("You are subject to the use of a high-risk AI system here (Annex III point 5(b) AI Act, creditworthiness assessment; Art. 26(11) AI Act)."),
        "{en}"
    );
    // `use other` is no Annex III area: nothing is claimed.
    let other = ai.replace("use    credit_scoring", "use    other");
    let de = policy(&activity(contract, &other), "de");
    assert!(!de.contains("Hochrisiko"), "{de}");
}

#[test]
fn parental_consent_is_told_to_the_reader() {
    // Art. 8(1) GDPR: how parents give or authorise a child's consent.
    let consent = r#"consent {
    mechanism  "Formular"
    withdrawal { de "Im Profil"  en "In your profile" }
    parental   { de "Ein Elternteil bestätigt per E-Mail."  en "A parent confirms by e-mail." }
  }"#;
    let de = policy(&activity(consent, ""), "de");
    assert!(
        de.contains(
            "Einwilligung bei Kindern (Art. 8 Abs. 1 DSGVO): Ein Elternteil bestätigt per E-Mail."
        ),
        "{de}"
    );
    let en = policy(&activity(consent, ""), "en");
    assert!(
        en.contains("Consent for children (Art. 8(1) GDPR): A parent confirms by e-mail."),
        "{en}"
    );
}

#[test]
fn the_other_art_46_safeguards_are_named_with_their_citation_and_the_copy() {
    // CHANGES-2026-12 §1.7: code of conduct, certification, ad hoc clauses (Art. 46(2)(e), (f),
    // (3)(a)); like SCC, data subjects can obtain a copy (Art. 13(1)(f)).
    let cases = [
        (
            "code_of_conduct",
            "Tool Inc. (Indien): genehmigte Verhaltensregeln zusammen mit rechtsverbindlichen und durchsetzbaren Verpflichtungen des Empfängers im Drittland (Art. 46 Abs. 2 lit. e und Art. 40 DSGVO).",
            "Tool Inc. (India): approved code of conduct together with binding and enforceable commitments of the recipient in the third country (Art. 46(2)(e) and Art. 40 GDPR).",
        ),
        (
            "certification",
            "Tool Inc. (Indien): genehmigter Zertifizierungsmechanismus zusammen mit rechtsverbindlichen und durchsetzbaren Verpflichtungen des Empfängers im Drittland (Art. 46 Abs. 2 lit. f und Art. 42 DSGVO).",
            "Tool Inc. (India): approved certification mechanism together with binding and enforceable commitments of the recipient in the third country (Art. 46(2)(f) and Art. 42 GDPR).",
        ),
        (
            "ad_hoc",
            "Tool Inc. (Indien): von der zuständigen Aufsichtsbehörde genehmigte Vertragsklauseln (Art. 46 Abs. 3 lit. a DSGVO).",
            "Tool Inc. (India): contractual clauses authorised by the competent supervisory authority (Art. 46(3)(a) GDPR).",
        ),
    ];
    for (mechanism, de_sentence, en_sentence) in cases {
        let record = format!(
            "{}{}",
            US_PROCESSOR
                .replace("TRANSFER", &format!("transfer {mechanism}"))
                .replace("country US", "country IN"),
            activity(LI, "processors [tool]")
        );
        let de = policy(&record, "de");
        assert!(de.contains(de_sentence), "{de}");
        assert!(
            de.contains("Eine Kopie der Garantien erhalten Sie auf Anfrage bei uns"),
            "{de}"
        );
        assert!(
            de.contains("nur, wenn die Voraussetzungen der Art. 44 bis 49 DSGVO erfüllt sind"),
            "{de}"
        );
        let en = policy(&record, "en");
        assert!(en.contains(en_sentence), "{en}");
        assert!(
            en.contains("You can obtain a copy of the safeguards"),
            "{en}"
        );
    }
}

const CARD_PROCESSOR: &str = r#"
processor ads {
  name           "Werbe GmbH"
  country        DE
  role           controller
  address        "Werbeweg 2, 20095 Hamburg"
  contact        "datenschutz@werbe.example"
  privacy_policy "https://werbe.example/datenschutz?a=1&b=<2>"
  opt_out        "https://werbe.example/opt-out"
}
"#;

fn card_record() -> String {
    format!("{CARD_PROCESSOR}{}", activity(LI, "processors [ads]"))
}

#[test]
fn the_recipient_is_named_with_its_visiting_card() {
    // CHANGES-2026-12 §1.7: name, address, contact, privacy policy and opt-out where the
    // policy names the recipient.
    let de = policy(&card_record(), "de");
    // (A URL with `<` is no safe link target: it stays text.)
    assert!(
        de.contains("Werbe GmbH (Deutschland), eigenständiger Verantwortlicher (Anschrift: Werbeweg 2, 20095 Hamburg; Kontakt: datenschutz@werbe.example; Datenschutzerklärung: https://werbe.example/datenschutz?a=1&b=<2>; Widerspruchsmöglichkeit (Opt-out): [https://werbe.example/opt-out](https://werbe.example/opt-out))"),
        "{de}"
    );
    let en = policy(&card_record(), "en");
    assert!(
        en.contains("(Address: Werbeweg 2, 20095 Hamburg; Contact: datenschutz@werbe.example; Privacy policy: "),
        "{en}"
    );
    assert!(
        en.contains("Opt-out: [https://werbe.example/opt-out](https://werbe.example/opt-out))"),
        "{en}"
    );
    // Without the keys, no word of them.
    let bare = format!(
        "processor ads {{ name \"Werbe GmbH\"  country DE  role controller }}{}",
        activity(LI, "processors [ads]")
    );
    for lang in ["de", "en"] {
        let text = policy(&bare, lang);
        assert!(!text.contains("Opt-out"), "{text}");
        assert!(!text.contains("Datenschutzerklärung:"), "{text}");
        assert!(!text.contains("Privacy policy:"), "{text}");
    }
}

#[test]
fn the_card_links_only_http_addresses_and_escapes_them_in_html() {
    use ropa_policy::PolicyFormat;
    let record = card_record().replace(
        "\"https://werbe.example/opt-out\"",
        "\"javascript:alert(1)\"",
    );
    let ws = workspace(&[("a.ropa", &format!("{CONTROLLER}{record}"))]);
    let html = PolicyRequest::new(&ws, "de", DATE)
        .languages(&BOTH[..])
        .format(PolicyFormat::Html { standalone: false })
        .generate()
        .unwrap();
    // The URL with `<` is no safe link: text, escaped.
    assert!(!html.contains("<2>"), "{html}");
    assert!(html.contains("b=&lt;2&gt;"), "{html}");
    // No link to anything but http(s).
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(
        html.contains("Widerspruchsmöglichkeit (Opt-out): javascript:alert(1)"),
        "{html}"
    );
    let record = card_record().replace("?a=1&b=<2>", "");
    let ws = workspace(&[("a.ropa", &format!("{CONTROLLER}{record}"))]);
    let html = PolicyRequest::new(&ws, "en", DATE)
        .languages(&BOTH[..])
        .format(PolicyFormat::Html { standalone: false })
        .generate()
        .unwrap();
    assert!(
        html.contains("Privacy policy: <a href=\"https://werbe.example/datenschutz\">https://werbe.example/datenschutz</a>"),
        "{html}"
    );
    assert!(
        html.contains(
            "Opt-out: <a href=\"https://werbe.example/opt-out\">https://werbe.example/opt-out</a>"
        ),
        "{html}"
    );
}

const FULL_CONTROLLER: &str = r#"
controller {
  name    "Muster GmbH"
  address "Weg 1, 12345 Ort"
  email   "info@muster.example"
  country DE
  managing_directors ["Maria Muster", "Max Beispiel"]
  register "Amtsgericht Charlottenburg, HRB 12345"
  imprint  "https://muster.example/impressum"
  employees_processing 25
  security "Rollenkonzept, MFA, Verschlüsselung"
}
"#;

fn full_policy(lang: &str) -> ropa_policy::Document {
    let ws = workspace(&[("a.ropa", &format!("{FULL_CONTROLLER}{}", activity(LI, "")))]);
    PolicyRequest::new(&ws, lang, DATE)
        .languages(&BOTH[..])
        .document()
        .unwrap()
}

fn controller_section(doc: &ropa_policy::Document) -> String {
    doc.sections
        .iter()
        .find(|s| s.id == "controller")
        .map(|s| s.paragraphs.join("\n"))
        .unwrap()
}

#[test]
fn the_controller_section_names_directors_register_imprint_and_country() {
    // CHANGES-2026-12 §1.8; REAL-RECORDS rank 12.
    let de = controller_section(&full_policy("de"));
    assert!(
        de.contains("Vertreten durch die Geschäftsführung: Maria Muster und Max Beispiel"),
        "{de}"
    );
    assert!(
        de.contains("Registereintrag: Amtsgericht Charlottenburg, HRB 12345"),
        "{de}"
    );
    assert!(
        de.contains("Impressum: https://muster.example/impressum"),
        "{de}"
    );
    assert!(de.contains("Deutschland"), "{de}");
    let en = controller_section(&full_policy("en"));
    assert!(
        en.contains("Represented by the managing directors: Maria Muster and Max Beispiel"),
        "{en}"
    );
    assert!(
        en.contains("Register entry: Amtsgericht Charlottenburg, HRB 12345"),
        "{en}"
    );
    assert!(
        en.contains("Imprint: https://muster.example/impressum"),
        "{en}"
    );
    assert!(en.contains("Germany"), "{en}");
    // The TOMs and the § 38 BDSG head count are internal: not in the policy, nor its JSON.
    let doc = full_policy("de");
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains("MFA"), "{json}");
    assert!(!json.contains("\"employees_processing\":25"), "{json}");
    assert!(json.contains("\"register\":\"Amtsgericht Charlottenburg, HRB 12345\""));
}

#[test]
fn the_record_holds_the_controller_block_and_refers_activities_to_the_general_measures() {
    use ropa_policy::RecordFormat;
    let ws = workspace(&[(
        "a.ropa",
        &format!(
            "{FULL_CONTROLLER}{}{}",
            CARD_PROCESSOR,
            activity(LI, "processors [ads]")
        ),
    )]);
    let md = RecordRequest::new(&ws, "de")
        .languages(&BOTH[..])
        .format(RecordFormat::Markdown)
        .date(Some(DATE))
        .generate()
        .unwrap();
    for expected in [
        "| Geschäftsführung (gesetzliche Vertreter) | Maria Muster, Max Beispiel |",
        "| Registereintrag | Amtsgericht Charlottenburg, HRB 12345 |",
        "| Impressum | https://muster.example/impressum |",
        "| Land | Deutschland |",
        "| Allgemeine technische und organisatorische Maßnahmen (Art. 30 Abs. 1 lit. g DSGVO) | Rollenkonzept, MFA, Verschlüsselung |",
        "| Personen, die ständig personenbezogene Daten automatisiert verarbeiten (§ 38 Abs. 1 BDSG) | 25 |",
        "| Technische und organisatorische Maßnahmen (Art. 30 Abs. 1 lit. g DSGVO) | Allgemeine Maßnahmen des Verantwortlichen: Rollenkonzept, MFA, Verschlüsselung |",
        "https://werbe.example/opt-out",
    ] {
        assert!(md.contains(expected), "{expected}\n{md}");
    }
    let csv = RecordRequest::new(&ws, "en")
        .languages(&BOTH[..])
        .format(RecordFormat::Csv)
        .date(Some(DATE))
        .generate()
        .unwrap();
    assert!(
        csv.contains("Opt-out: https://werbe.example/opt-out"),
        "{csv}"
    );
    assert!(
        csv.contains("managing directors: Maria Muster, Max Beispiel"),
        "{csv}"
    );
    assert!(
        csv.contains("The controller's general measures: Rollenkonzept, MFA, Verschlüsselung"),
        "{csv}"
    );
    let json = RecordRequest::new(&ws, "en")
        .languages(&BOTH[..])
        .format(RecordFormat::Json)
        .date(Some(DATE))
        .generate()
        .unwrap();
    assert!(
        json.contains("\"opt_out\": \"https://werbe.example/opt-out\""),
        "{json}"
    );
    assert!(
        json.contains("\"security\": [\n      \"Rollenkonzept, MFA, Verschlüsselung\""),
        "{json}"
    );
}

/// The cookie table (CHANGES-2026-12 §1.11): one row per `cookie`, with what the record says
/// and "—" for what it does not; first and third party worded in each language.
const COOKIES: &str = r#"processors [host]
  device_access {
    technology { de "Cookies"  en "Cookies" }
    strictly_necessary false
    cookie "_ga" {
      purpose  { de "Unterscheidet Besucher"  en "Distinguishes visitors" }
      lifetime 13 months
      party    third
      provider host
    }
    cookie "<script>alert(1)</script>|x" {
      purpose  { de "<b>fett</b>"  en "<b>bold</b>" }
      lifetime session
      party    first
    }
    cookie "_gat" { purpose { de "Drosselung"  en "Throttling" }  lifetime { de "1 Minute"  en "1 minute" } }
  }"#;

const HOST: &str = r#"
processor host {
  name    "Host GmbH"
  country DE
  avv { signed 2024-01-01 }
}
"#;

fn rendered(record: &str, lang: &str, format: ropa_policy::PolicyFormat) -> String {
    let ws = workspace(&[("a.ropa", &format!("{CONTROLLER}{HOST}{record}"))]);
    PolicyRequest::new(&ws, lang, DATE)
        .languages(&BOTH[..])
        .format(format)
        .generate()
        .unwrap()
}

#[test]
fn the_cookie_table_lists_each_cookie_in_both_languages() {
    use ropa_policy::PolicyFormat::{Html, Markdown};
    let record = activity(CONSENT, COOKIES);
    let de = rendered(&record, "de", Markdown);
    for line in [
        "  | Name | Zweck | Speicherdauer | Erst- oder Drittanbieter | Anbieter |",
        "  | \\_ga | Unterscheidet Besucher | 13 Monate | Drittanbieter | Host GmbH |",
        "  | \\<script\\>alert(1)\\</script\\>\\|x | \\<b\\>fett\\</b\\> | Sitzung (bis zum Schließen des Browsers) | Erstanbieter | — |",
        "  | \\_gat | Drosselung | 1 Minute | — | — |",
    ] {
        assert!(de.contains(line), "{line}\n{de}");
    }
    let en = rendered(&record, "en", Markdown);
    for line in [
        "  | Name | Purpose | Lifetime | First or third party | Provider |",
        "  | \\_ga | Distinguishes visitors | 13 months | third party | Host GmbH |",
        "session (until the browser is closed) | first party | — |",
        "  | \\_gat | Throttling | 1 minute | — | — |",
    ] {
        assert!(en.contains(line), "{line}\n{en}");
    }
    // HTML: every user string escaped, the table inside the device access's <dd>.
    let html = rendered(&record, "de", Html { standalone: false });
    assert!(
        html.contains(
            "<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;|x</td><td>&lt;b&gt;fett&lt;/b&gt;</td>"
        ),
        "{html}"
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("<tr><td>_ga</td><td>Unterscheidet Besucher</td><td>13 Monate</td><td>Drittanbieter</td><td>Host GmbH</td></tr>"),
        "{html}"
    );
    let en_html = rendered(&record, "en", Html { standalone: false });
    assert!(
        en_html.contains("<th scope=\"col\">First or third party</th>"),
        "{en_html}"
    );
    let cookies_dd = html
        .split("<dt>Cookies und ähnliche Technologien</dt>")
        .nth(1)
        .unwrap();
    let table = cookies_dd.find("<table>").unwrap();
    assert!(table < cookies_dd.find("</dd>").unwrap(), "{html}");
    // JSON: the rows, and the cookies among the activity's facts.
    let json = rendered(&record, "en", ropa_policy::PolicyFormat::Json);
    assert!(json.contains("\"provider_id\": \"host\""), "{json}");
    assert!(json.contains("\"session\": true"), "{json}");
    // Without cookies, no table.
    let plain = rendered(&activity(CONSENT, ""), "de", Markdown);
    assert!(!plain.contains("| Name |"), "{plain}");
}

/// The record's fields of CHANGES-2026-12 §1.9: owner, systems, internal recipients, the cookie
/// list, the controller's general measures where the activity has none, and the date of the last
/// change that the caller passes in; the policy names none of the internal ones.
#[test]
fn the_record_holds_the_internal_fields_and_the_policy_does_not() {
    let internal = r#"owner { de "Vertrieb"  en "Sales" }
  systems ["CRM-System"]
  internal_recipients ["Buchhaltung"]"#;
    let record = activity(CONSENT, &format!("{COOKIES}\n  {internal}"));
    let controller = CONTROLLER.replace(
        "  email   \"info@verein.example\"",
        "  email   \"info@verein.example\"\n  security \"Allgemeines TOM-Konzept\"",
    );
    let ws = workspace(&[("a.ropa", &format!("{controller}{HOST}{record}"))]);
    let changes = ropa_policy::Changes::from([(
        "a".to_string(),
        ropa_policy::LastChanged {
            date: Some("2026-03-01".to_string()),
            uncommitted: true,
        },
    )]);
    let md = |lang: &str| {
        RecordRequest::new(&ws, lang)
            .languages(&BOTH[..])
            .format(ropa_policy::RecordFormat::Markdown)
            .changes(&changes)
            .generate()
            .unwrap()
    };
    let de = md("de");
    for row in [
        "| Zuständige Stelle (intern) | Vertrieb |",
        "| IT-Systeme | CRM-System |",
        "| Interne Empfänger | Buchhaltung |",
        "| Cookies | \\_ga (Drittanbieter, Host GmbH): Unterscheidet Besucher, Speicherdauer: 13 Monate;",
        "| Technische und organisatorische Maßnahmen (Art. 30 Abs. 1 lit. g DSGVO) | Allgemeine Maßnahmen des Verantwortlichen: Allgemeines TOM-Konzept |",
        "| Zuletzt geändert | 2026-03-01 (danach nicht eingecheckte Änderungen) |",
        "| Zugriff auf Endgeräte | Cookies; Einwilligung erforderlich (§ 25 Abs. 1 TDDDG) |",
    ] {
        assert!(de.contains(row), "{row}\n{de}");
    }
    let en = md("en");
    for row in [
        "| Responsible department or person | Sales |",
        "| Internal recipients | Buchhaltung |",
        "| Technical and organisational measures (Art. 30(1)(g) GDPR) | The controller's general measures: Allgemeines TOM-Konzept |",
        "| Last changed | 2026-03-01 (uncommitted changes since) |",
    ] {
        assert!(en.contains(row), "{row}\n{en}");
    }
    // Own measures win over the general ones.
    let own = activity(CONSENT, "security \"Eigene TOM\"");
    let ws = workspace(&[("a.ropa", &format!("{controller}{own}"))]);
    let md = RecordRequest::new(&ws, "de")
        .languages(&BOTH[..])
        .format(ropa_policy::RecordFormat::Markdown)
        .generate()
        .unwrap();
    assert!(
        md.contains("(Art. 30 Abs. 1 lit. g DSGVO) | Eigene TOM |"),
        "{md}"
    );
    // The policy: no owner, no systems, no internal recipients.
    for lang in ["de", "en"] {
        let text = policy(&format!("{HOST}{record}"), lang);
        for internal in ["Vertrieb", "Sales", "CRM-System", "Buchhaltung"] {
            assert!(
                !text.contains(internal),
                "{internal} in the {lang} policy:\n{text}"
            );
        }
    }
}

#[test]
fn voluntary_provision_says_no_consent_no_processing_only_when_consent_is_the_only_basis() {
    let voluntary = r#"provision voluntary { consequence { de "Sie erreichen uns auch per Telefon."  en "You can also call us." } }"#;
    let consent_only = policy(&activity(CONSENT, voluntary), "de");
    assert!(
        consent_only.contains("ohne Ihre Einwilligung findet diese Verarbeitung nicht statt"),
        "{consent_only}"
    );
    // A contact form: required fields on a contract, optional ones on consent. The required
    // fields are processed without consent, so the consent clause would be false.
    let mixed = format!(
        r#"{}
  legal_basis contract {{ for {{ de "Pflichtangaben"  en "required fields" }} }}"#,
        voluntary
    );
    let both = activity(
        &CONSENT.replace(
            "consent {",
            r#"consent { for { de "Telefonnummer"  en "phone number" }"#,
        ),
        &mixed,
    );
    for (lang, free, clause) in [
        (
            "de",
            "Die Bereitstellung der Daten ist freiwillig.",
            "ohne Ihre Einwilligung",
        ),
        (
            "en",
            "Providing the data is voluntary.",
            "without your consent",
        ),
    ] {
        let text = policy(&both, lang);
        assert!(text.contains(free), "{text}");
        assert!(!text.contains(clause), "{text}");
    }
}

#[test]
fn profiling_without_ai_is_told_to_the_reader() {
    for (lang, expected) in [
        ("de", "(Profiling, Art. 4 Nr. 4 DSGVO)"),
        ("en", "(profiling, Art. 4(4) GDPR)"),
    ] {
        let with = policy(&activity(CONSENT, "profiling true"), lang);
        assert_eq!(with.matches(expected).count(), 1, "{with}");
        let without = policy(&activity(CONSENT, ""), lang);
        assert!(!without.contains(expected), "{without}");
    }
}

#[test]
fn a_built_in_authority_is_named_with_its_postal_address() {
    let record = format!("{}{}", with_authority("de_hb"), activity(CONSENT, ""));
    let ws = workspace(&[("a.ropa", &record)]);
    let text = |lang: &str| {
        let doc = PolicyRequest::new(&ws, lang, DATE)
            .languages(&BOTH[..])
            .document()
            .unwrap();
        let rights = doc.sections.iter().find(|s| s.id == "rights").unwrap();
        format!("{rights:?}")
    };
    assert!(
        text("de").contains("Für uns zuständige Aufsichtsbehörde: Landesbeauftragte für Datenschutz und Informationsfreiheit Bremen, Arndtstraße 1, 27570 Bremerhaven."),
        "{}",
        text("de")
    );
    assert!(
        text("en").contains("The supervisory authority responsible for us: State Commissioner for Data Protection and Freedom of Information Bremen, Arndtstraße 1, 27570 Bremerhaven."),
        "{}",
        text("en")
    );
    // Rendered: in Markdown and HTML too.
    use ropa_policy::PolicyFormat;
    for format in [
        PolicyFormat::Markdown,
        PolicyFormat::Html { standalone: false },
    ] {
        let out = PolicyRequest::new(&ws, "de", DATE)
            .languages(&BOTH[..])
            .format(format)
            .generate()
            .unwrap();
        assert!(out.contains("Arndtstraße 1, 27570 Bremerhaven"), "{out}");
    }
}

#[test]
fn the_berlin_authority_is_named_with_its_office_address() {
    let record = format!("{}{}", with_authority("de_be"), activity(CONSENT, ""));
    let ws = workspace(&[("a.ropa", &record)]);
    let doc = PolicyRequest::new(&ws, "de", DATE)
        .languages(&BOTH[..])
        .document()
        .unwrap();
    let rights = doc.sections.iter().find(|s| s.id == "rights").unwrap();
    let rights = format!("{rights:?}");
    assert!(rights.contains("Für uns zuständige Aufsichtsbehörde: Berliner Beauftragte für Datenschutz und Informationsfreiheit, Alt-Moabit 59-61, 10555 Berlin."), "{rights}");
}

#[test]
fn a_name_with_markup_is_escaped_next_to_the_address_in_html() {
    use ropa_policy::PolicyFormat;
    let record = format!(
        "{}{}",
        with_authority("\"<b>Amt</b>\""),
        activity(CONSENT, "")
    );
    let ws = workspace(&[("a.ropa", &record)]);
    let html = PolicyRequest::new(&ws, "de", DATE)
        .languages(&BOTH[..])
        .format(PolicyFormat::Html { standalone: false })
        .generate()
        .unwrap();
    assert!(!html.contains("<b>Amt</b>"), "{html}");
    assert!(html.contains("&lt;b&gt;Amt&lt;/b&gt;"), "{html}");
}

#[test]
fn the_record_prints_the_authority_with_its_address() {
    use ropa_policy::RecordFormat;
    let record = format!("{}{}", with_authority("de_bfdi"), activity(CONSENT, ""));
    let ws = workspace(&[("a.ropa", &record)]);
    let line = "Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI), Graurheindorfer Straße 153, 53117 Bonn";
    for format in [RecordFormat::Markdown, RecordFormat::Csv] {
        let out = RecordRequest::new(&ws, "de")
            .languages(&BOTH[..])
            .format(format)
            .date(Some(DATE))
            .generate()
            .unwrap();
        assert!(out.contains(line), "{out}");
    }
    let json = RecordRequest::new(&ws, "de")
        .languages(&BOTH[..])
        .format(RecordFormat::Json)
        .date(Some(DATE))
        .generate()
        .unwrap();
    assert!(
        json.contains(
            "\"supervisory_authority_address\": \"Graurheindorfer Straße 153, 53117 Bonn\""
        ),
        "{json}"
    );
}

#[test]
fn one_managing_director_is_named_in_the_singular() {
    let controller = FULL_CONTROLLER.replace(
        "managing_directors",
        "managing_directors [\"Maria Muster\"]\n  // was:",
    );
    let ws = workspace(&[("a.ropa", &format!("{controller}{}", activity(LI, "")))]);
    let de = controller_section(
        &PolicyRequest::new(&ws, "de", DATE)
            .languages(&BOTH[..])
            .document()
            .unwrap(),
    );
    assert!(
        de.contains("Vertreten durch die Geschäftsführung: Maria Muster"),
        "{de}"
    );
    assert!(!de.contains("Max Beispiel"), "one director only: {de}");
    let en = controller_section(
        &PolicyRequest::new(&ws, "en", DATE)
            .languages(&BOTH[..])
            .document()
            .unwrap(),
    );
    assert!(
        en.contains("Represented by the managing director: Maria Muster"),
        "{en}"
    );
}
