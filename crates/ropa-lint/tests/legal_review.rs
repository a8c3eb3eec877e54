//! The legal review of December 2026 (`shared/domain/LEGAL-REVIEW.md`): one test per item that
//! `ropa check` answers, each failing on the behaviour the review found wrong. The item ids
//! (W3, M12 …) are in the test names; `docs/legal-review.md` lists them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ropa_analysis::{Diagnostic, Severity, Workspace};
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
  dpo { name "Erika Beispiel"  email "dsb@muster.de" }
}
"#;

/// The findings of a one-file workspace (with a controller) on `today`, as `(rule, severity,
/// message, the text the finding points at)`.
fn check_on(source: &str, today: Date, config: &Config) -> Vec<(String, Severity, String, String)> {
    let text = format!("{CONTROLLER}\n{source}");
    let ws = Workspace::from_files(vec![("record.ropa".to_string(), text.into_bytes())]);
    let found: Vec<Diagnostic> = ropa_lint::check(&ws, config, today);
    found
        .into_iter()
        .map(|d| {
            let at = d
                .location
                .range
                .slice(&ws.file(d.location.file).text)
                .to_string();
            (d.rule.to_string(), d.severity, d.message, at)
        })
        .collect()
}

fn check(source: &str) -> Vec<(String, Severity, String, String)> {
    check_on(source, TODAY, &Config::default())
}

fn of_rule<'a>(
    found: &'a [(String, Severity, String, String)],
    rule: &str,
) -> Vec<&'a (String, Severity, String, String)> {
    found.iter().filter(|f| f.0 == rule).collect()
}

fn date(year: u16, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

/// A processor in `country` (with an AVV) used by one activity, with an optional `transfer`.
fn processor_in(country: &str, transfer: &str) -> String {
    format!(
        r#"
processor vendor {{
  name    "Vendor"
  country {country}
  avv {{ signed 2024-03-01 }}
  {transfer}
}}

activity support {{
  title       "Kundensupport"
  purpose     "Bearbeitung von Supportanfragen"
  subjects    [customers]
  data        [contact]
  legal_basis contract
  processors  [vendor]
  retention   1 year
}}
"#
    )
}

#[test]
fn w3_outermost_regions_and_aland_are_eu_territory_not_third_countries() {
    for country in ["GP", "GF", "MQ", "RE", "YT", "MF", "AX"] {
        let found = check(&processor_in(country, ""));
        assert!(
            of_rule(&found, "transfer-without-safeguard").is_empty(),
            "{country}: {found:?}"
        );
    }
    // Overseas countries and territories are not EU territory.
    for country in ["GL", "NC", "PF"] {
        let found = check(&processor_in(country, ""));
        assert_eq!(
            of_rule(&found, "transfer-without-safeguard").len(),
            1,
            "{country}: {found:?}"
        );
    }
}

#[test]
fn w4_the_uk_rests_on_the_decision_of_19_december_2025_until_its_sunset() {
    let expired = concat!("2021/", "1772");
    let record = processor_in("GB", "transfer adequacy");
    let found = check(&record);
    assert!(
        of_rule(&found, "transfer-without-safeguard").is_empty(),
        "{found:?}"
    );
    // The decision runs until 27 Dec 2031; the day after, the transfer needs a safeguard and the
    // message says why.
    let later = check_on(&record, date(2031, 12, 28), &Config::default());
    let findings = of_rule(&later, "transfer-without-safeguard");
    assert_eq!(findings.len(), 1, "{later:?}");
    assert!(
        findings[0]
            .2
            .contains("Commission Implementing Decision of 19 December 2025")
            && findings[0].2.contains("expired on 27 December 2031"),
        "{}",
        findings[0].2
    );
    assert!(
        check_on(&record, date(2031, 12, 27), &Config::default())
            .iter()
            .all(|f| f.0 != "transfer-without-safeguard")
    );
    for f in found.iter().chain(&later) {
        assert!(!f.2.contains(expired), "{f:?}");
    }
}

#[test]
fn m12_mandatory_notice_items_are_errors() {
    let found = check(
        r#"
activity leads {
  title       "Adresskauf"
  purpose     "Ansprache gekaufter Kontakte"
  subjects    [prospects]
  data        [contact]
  collection  indirect
  legal_basis legitimate_interest { balancing "lia/leads.pdf" }
  notice      "Wir kaufen Adressen."
}

activity mailing {
  title       "Mailing"
  purpose     "Postwerbung"
  subjects    [customers]
  data        [contact]
  legal_basis legitimate_interest { interest "Direktwerbung" }
  retention   2 years
  notice      "Wir schreiben Ihnen."
}
"#,
    );
    let severity = |rule: &str| {
        of_rule(&found, rule)
            .iter()
            .map(|f| f.1)
            .collect::<Vec<_>>()
    };
    assert_eq!(severity("missing-retention"), vec![Severity::Error]);
    assert_eq!(severity("missing-source"), vec![Severity::Error]);
    // No interest: error; only the balancing test missing: warning.
    assert_eq!(
        severity("legitimate-interest-without-balancing"),
        vec![Severity::Error, Severity::Warning]
    );
    // A DPO without a way to reach them.
    let text = r#"
controller {
  name "X GmbH"
  address "Y"
  email "a@b.de"
  dpo { name "Erika Beispiel" }
}
"#;
    let ws = Workspace::from_files(vec![("c.ropa".to_string(), text.as_bytes().to_vec())]);
    let found = ropa_lint::check(&ws, &Config::default(), TODAY);
    let dpo: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "missing-dpo-contact")
        .collect();
    assert_eq!(dpo.len(), 1);
    assert_eq!(dpo[0].severity, Severity::Error);
}

#[test]
fn m13_a_missing_notice_is_a_warning_about_the_introductory_paragraph() {
    let found = check(
        r#"
activity mailing {
  title       "Mailing"
  purpose     "Postwerbung"
  subjects    [customers]
  data        [contact]
  legal_basis contract
  retention   2 years
}
"#,
    );
    let notice = of_rule(&found, "missing-privacy-notice");
    assert_eq!(notice.len(), 1);
    assert_eq!(notice[0].1, Severity::Warning);
    assert!(
        notice[0].2.contains("introductory paragraph"),
        "{}",
        notice[0].2
    );
    assert!(!notice[0].2.contains("say nothing"), "{}", notice[0].2);
}

#[test]
fn m15_certification_and_bias_review_are_off_by_default_and_can_be_enabled() {
    let record = r#"
processor mailer {
  name    "Newsletter-Versand GmbH"
  country DE
  avv { signed 2024-03-01 }
}

activity scoring {
  title       "Lead-Scoring"
  purpose     "Bewertung von Interessenten"
  subjects    [prospects]
  data        [contact]
  legal_basis legitimate_interest { interest "Vertrieb"  balancing "lia.pdf" }
  processors  [mailer]
  retention   1 year
  ai { profiling true  logic "Score aus Branche und Größe" }
}
"#;
    let found = check(record);
    assert!(of_rule(&found, "processor-without-certification").is_empty());
    assert!(of_rule(&found, "missing-bias-review").is_empty());
    let config = Config::parse(
        "[rules]\nprocessor-without-certification = \"info\"\nmissing-bias-review = \"info\"\n",
    )
    .unwrap();
    let found = check_on(record, TODAY, &config);
    assert_eq!(of_rule(&found, "processor-without-certification").len(), 1);
    assert_eq!(of_rule(&found, "missing-bias-review").len(), 1);
    let rule = ropa_lint::rule("processor-without-certification").unwrap();
    assert!(!rule.enabled_by_default);
    assert_eq!(rule.reference, "Art. 28(1), (5) GDPR");
    assert!(rule.doc().contains("private attestations"));
}

/// W7: Art. 10 is an authorisation on top of any Art. 6(1) basis. A legal obligation without
/// one is reported; a contract with `criminal_basis { law }` is not.
#[test]
fn w7_criminal_data_need_their_own_authorisation_whatever_the_basis() {
    let activity = |basis: &str, criminal: &str| {
        format!(
            r#"
activity screening {{
  title       "Zuverlässigkeitsprüfung"
  purpose     "Prüfung von Führungszeugnissen"
  subjects    [employees]
  data        [criminal_records]
  legal_basis {basis}
  {criminal}
  retention   1 year
}}
"#
        )
    };
    let rule = "criminal-data-without-authority";
    let obligation = check(&activity("legal_obligation { law \"§ 147 AO\" }", ""));
    assert_eq!(of_rule(&obligation, rule).len(), 1, "{obligation:?}");
    for criminal in [
        "criminal_basis { law \"§ 72a SGB VIII\" }",
        "criminal_basis official_authority",
    ] {
        let found = check(&activity("contract", criminal));
        assert_eq!(of_rule(&found, rule).len(), 0, "{criminal}: {found:?}");
    }
}

/// W2: profiling is not reserved to consent. AML monitoring on a legal obligation and fraud
/// scoring on legitimate interest are not reported; tracking-based profiling for advertising is.
#[test]
fn w2_only_tracking_based_profiling_needs_consent() {
    let rule = "profiling-without-consent";
    let aml = check(
        r#"
activity aml {
  title       "Geldwäscheprävention"
  purpose     "Transaktionsüberwachung"
  subjects    [customers]
  data        [identity, payment]
  legal_basis legal_obligation { law "§ 10 GwG" }
  retention   5 years
  ai { profiling true  logic "Auffällige Muster" }
}
"#,
    );
    assert_eq!(of_rule(&aml, rule).len(), 0, "{aml:?}");
    let fraud = check(
        r#"
activity fraud {
  title       "Betrugsprävention"
  purpose     "Erkennung betrügerischer Bestellungen"
  subjects    [customers]
  data        [payment, purchase_history]
  legal_basis legitimate_interest { interest "Betrugsschutz"  balancing "LIA" }
  retention   1 year
  ai { profiling true  logic "Score" }
}
"#,
    );
    assert_eq!(of_rule(&fraud, rule).len(), 0, "{fraud:?}");
    let tracking = check(
        r#"
activity ads {
  title       "Personalisierte Werbung"
  purpose     "Interessenbasierte Anzeigen"
  subjects    [website_visitors]
  data        [usage, interests]
  legal_basis legitimate_interest { interest "Werbung"  balancing "LIA" }
  device_access { technology "Werbe-Cookies"  strictly_necessary false }
  retention   13 months
  profiling   true
}
"#,
    );
    let found = of_rule(&tracking, rule);
    assert_eq!(found.len(), 1, "{tracking:?}");
    assert_eq!(found[0].3, "profiling");
    assert!(found[0].2.contains("based on tracking"), "{}", found[0].2);
}

/// M2: the AI Act's labelling duties bind providers (Art. 50(2)) and deployers only for deepfakes
/// and public-interest texts without editorial responsibility (Art. 50(4)). A deployer's product
/// images are not reported.
#[test]
fn m2_generated_content_is_reported_only_where_a_labelling_duty_applies() {
    let activity = |ai: &str| {
        format!(
            r#"
activity images {{
  title       "KI-Bilder"
  purpose     "Produktbilder"
  subjects    [customers]
  data        [contact]
  legal_basis contract
  retention   1 year
  ai {{ generates_content true  {ai} }}
}}
"#
        )
    };
    let rule = "unlabelled-generated-content";
    for (ai, expected) in [
        ("", 0),
        ("role deployer", 0),
        (
            "public_interest_text true  editorial_review \"Redaktion\"",
            0,
        ),
        ("role provider", 1),
        ("deepfake true", 1),
        ("public_interest_text true", 1),
        ("deepfake true  labelling \"C2PA\"", 0),
    ] {
        let found = check(&activity(ai));
        assert_eq!(of_rule(&found, rule).len(), expected, "{ai}: {found:?}");
    }
}

/// W1, G3: Art. 5(1)(f) covers education too (`pupils`, `students`), and Art. 5(1)(a)–(c) are
/// reported as the record states them; M3: `biometric` data are not special as such, only
/// `biometric_identification` is.
#[test]
fn w1_m3_prohibited_practices_and_biometric_data() {
    let activity = |subjects: &str, data: &str, ai: &str| {
        format!(
            r#"
activity a {{
  title       "A"
  purpose     "P"
  subjects    [{subjects}]
  data        [{data}]
  legal_basis contract
  retention   1 year
  ai {{ {ai} }}
}}
"#
        )
    };
    let rule = "prohibited-ai-practice";
    for subjects in ["pupils", "students"] {
        let found = check(&activity(
            subjects,
            "video",
            "emotion_recognition true  disclosure \"x\"",
        ));
        assert_eq!(of_rule(&found, rule).len(), 1, "{subjects}: {found:?}");
    }
    let found = check(&activity(
        "customers",
        "usage",
        "manipulative true  social_scoring true",
    ));
    assert_eq!(of_rule(&found, rule).len(), 2, "{found:?}");
    let special = "special-category-without-exception";
    let plain = check(&activity("customers", "biometric", ""));
    assert_eq!(of_rule(&plain, special).len(), 0, "{plain:?}");
    let identifying = check(&activity("customers", "biometric_identification", ""));
    assert_eq!(of_rule(&identifying, special).len(), 1, "{identifying:?}");
}

/// M1: Art. 22(2)(c) needs explicit consent; Art. 22(2)(b) a law that authorises the decision,
/// which a public body names under `public_task`.
#[test]
fn m1_automated_decisions_need_explicit_consent_or_an_authorising_law() {
    let activity = |basis: &str| {
        format!(
            r#"
activity credit {{
  title       "Kreditentscheidung"
  purpose     "Automatische Entscheidung über einen Ratenkauf"
  subjects    [customers]
  data        [identity, financial]
  legal_basis {basis}
  retention   1 year
  ai {{
    automated_decision true
    significant_effect true
    logic        "Score"
    human_review "Prüfung auf Anfrage"
  }}
}}
"#
        )
    };
    let rule = "automated-decision-without-safeguards";
    let plain = check(&activity(
        "consent { mechanism \"Checkbox\"  withdrawal \"E-Mail\" }",
    ));
    let found = of_rule(&plain, rule);
    assert_eq!(found.len(), 1, "{plain:?}");
    assert!(found[0].2.contains("explicit"), "{}", found[0].2);
    for basis in [
        "consent { mechanism \"Checkbox\"  withdrawal \"E-Mail\"  explicit true }",
        "public_task { law \"§ 155 Abs. 4 AO\" }",
        "legal_obligation { law \"§ 10 KWG\" }",
        "contract",
    ] {
        let found = check(&activity(basis));
        assert_eq!(of_rule(&found, rule).len(), 0, "{basis}: {found:?}");
    }
    let without_law = check(&activity("public_task"));
    assert_eq!(of_rule(&without_law, rule).len(), 1, "{without_law:?}");
}

#[test]
fn m17_criminal_data_are_not_called_special_categories() {
    let found = check(
        r#"
activity screening {
  title       "Zuverlässigkeitsprüfung"
  purpose     "Prüfung von Führungszeugnissen"
  subjects    [employees]
  data        [criminal_records]
  legal_basis legal_obligation { law "§ 72a SGB VIII" }
  retention   1 year
  scale       large
}
"#,
    );
    let dpia = of_rule(&found, "dpia-required");
    assert_eq!(dpia.len(), 1, "{found:?}");
    assert!(
        dpia[0].2.contains("criminal convictions and offences")
            && !dpia[0].2.contains("special categories"),
        "{}",
        dpia[0].2
    );
}

#[test]
fn h13_references_use_one_english_style() {
    for rule in ropa_lint::RULES {
        let doc = rule.doc();
        for text in [rule.reference, rule.summary, doc.as_str()] {
            assert!(!text.contains("AI Act Art."), "{}: {text}", rule.name);
            // German statutes are cited "Section 25(1) TDDDG" in English, outside examples.
            let prose: String = text.split("```").step_by(2).collect::<Vec<_>>().join(" ");
            for line in prose.lines() {
                let outside_quotes: String = line.split('"').step_by(2).collect();
                assert!(
                    !outside_quotes.contains("§ 25(") && !outside_quotes.contains("§ 25 TDDDG"),
                    "{}: {line}",
                    rule.name
                );
            }
        }
    }
}

#[test]
fn w1_biometric_categorisation_on_health_is_not_a_prohibited_practice() {
    let activity = |data: &str| {
        format!(
            r#"
activity skin_analysis {{
  title         "Hautanalyse"
  purpose       "Produktempfehlungen"
  subjects      [customers]
  data          [images, {data}]
  legal_basis   consent {{ mechanism "App"  withdrawal "App" }}
  special_basis explicit_consent
  retention     7 days
  notice        "Wir analysieren Fotos."
  ai {{ biometric_categorisation true  disclosure "Hinweis vor der Analyse" }}
}}
"#
        )
    };
    for data in ["health", "genetic"] {
        let found = check(&activity(data));
        assert!(
            of_rule(&found, "prohibited-ai-practice").is_empty(),
            "{data}: {found:?}"
        );
    }
    for data in [
        "racial_ethnic_origin",
        "sexual_orientation",
        "political_opinions",
    ] {
        let found = check(&activity(data));
        assert_eq!(of_rule(&found, "prohibited-ai-practice").len(), 1, "{data}");
    }
    // Art. 5 applies since 2 Feb 2025: before, a warning naming the date.
    let early = check_on(
        &activity("sexual_orientation"),
        date(2025, 2, 1),
        &Config::default(),
    );
    let f = of_rule(&early, "prohibited-ai-practice");
    assert_eq!(f[0].1, Severity::Warning);
    assert!(
        f[0].2.contains("applies from 2 February 2025"),
        "{}",
        f[0].2
    );
    let on = check_on(
        &activity("sexual_orientation"),
        date(2025, 2, 2),
        &Config::default(),
    );
    assert_eq!(of_rule(&on, "prohibited-ai-practice")[0].1, Severity::Error);
}

#[test]
fn m18_device_access_consent_is_told_apart_from_the_article_6_basis() {
    // The § 25 TDDDG consent governs the access; the processing after it needs its own basis.
    let found = check(
        r#"
activity analytics {
  title       "Analyse"
  purpose     "Reichweitenmessung"
  subjects    [website_visitors]
  data        [usage]
  legal_basis legitimate_interest { interest "Messung"  balancing "LIA" }
  provision   voluntary
  retention   90 days
  device_access { technology "Cookie"  strictly_necessary false }
}
"#,
    );
    let messages = of_rule(&found, "device-access-without-consent");
    assert_eq!(messages.len(), 1, "{found:?}");
    let m = &messages[0].2;
    assert!(
        m.contains("Section 25(1) TDDDG") && m.contains("Section 25(2) no. 2 TDDDG"),
        "{m}"
    );
    assert!(m.contains("separate from the Art. 6(1) GDPR basis"), "{m}");
}

const CREDIT_SCORING: &str = r#"
activity scoring {
  title       "Bonitätsprüfung"
  purpose     "Kauf auf Rechnung"
  subjects    [customers]
  data        [financial]
  legal_basis contract
  retention   1 year
  ai { system "Scoring"  use credit_scoring }
}
"#;

#[test]
fn g1_high_risk_duties_are_a_warning_before_2_december_2027_and_an_error_from_it() {
    let config = Config::default();
    let before = check_on(CREDIT_SCORING, date(2027, 12, 1), &config);
    let found = of_rule(&before, "high-risk-ai-deployer-duties");
    assert_eq!(found.len(), 1, "{before:?}");
    assert_eq!(found[0].1, Severity::Warning);
    assert!(
        found[0].2.contains("applies from 2 December 2027"),
        "{}",
        found[0].2
    );
    assert!(
        found[0].2.contains("fundamental-rights impact assessment"),
        "{}",
        found[0].2
    );
    let from = check_on(CREDIT_SCORING, date(2027, 12, 2), &config);
    let found = of_rule(&from, "high-risk-ai-deployer-duties");
    assert_eq!(found.len(), 1, "{from:?}");
    assert_eq!(found[0].1, Severity::Error);
    assert!(!found[0].2.contains("applies from"), "{}", found[0].2);
}

#[test]
fn g_inferred_special_categories_count_as_processed() {
    // A system that infers health from purchases processes health data (Art. 9(1)).
    let found = check(
        r#"
activity empfehlungen {
  title       "Produktempfehlungen"
  purpose     "Empfehlungen"
  subjects    [customers]
  data        [purchase_history]
  legal_basis contract
  retention   1 year
  ai { system "Empfehlungsmodell"  infers [health] }
}
"#,
    );
    let special = of_rule(&found, "special-category-without-exception");
    assert_eq!(special.len(), 1, "{found:?}");
}

#[test]
fn h6_a_dpo_needs_a_contact_not_a_name() {
    let ws = |dpo: &str| {
        let text = format!(
            "controller {{\n  name \"Muster GmbH\"\n  address \"Musterstraße 1, 10115 Berlin\"\n  email \"info@muster.de\"\n  {dpo}\n}}\n"
        );
        let ws = Workspace::from_files(vec![("record.ropa".to_string(), text.into_bytes())]);
        ropa_lint::check(&ws, &Config::default(), TODAY)
            .into_iter()
            .map(|d| d.rule.to_string())
            .collect::<Vec<_>>()
    };
    let postal = ws(r#"dpo { address "Datenschutz, Musterstraße 1, 10115 Berlin" }"#);
    assert!(
        !postal
            .iter()
            .any(|r| r == "missing-dpo-contact" || r == "missing-field"),
        "{postal:?}"
    );
    let name_only = ws(r#"dpo { name "Erika Beispiel" }"#);
    assert!(
        name_only.iter().any(|r| r == "missing-dpo-contact"),
        "{name_only:?}"
    );
}

#[test]
fn g1_transparency_and_literacy_dates_on_both_sides() {
    // Art. 50 AI Act applies from 2 Aug 2026: a chatbot without disclosure is a warning with the
    // date the day before, an error from that day.
    let chatbot = r#"
activity chat {
  title       "Chat"
  purpose     "Anfragen"
  subjects    [customers]
  data        [chat_content]
  legal_basis contract
  provision   voluntary
  retention   90 days
  ai { system "Bot"  chatbot true }
}
"#;
    let config = Config::default();
    let before = check_on(chatbot, date(2026, 8, 1), &config);
    let f = of_rule(&before, "chatbot-without-disclosure");
    assert_eq!(f[0].1, Severity::Warning, "{before:?}");
    assert!(f[0].2.contains("applies from 2 August 2026"), "{}", f[0].2);
    let on = check_on(chatbot, date(2026, 8, 2), &config);
    assert_eq!(
        of_rule(&on, "chatbot-without-disclosure")[0].1,
        Severity::Error
    );
    // Art. 4 AI Act applies since 2 Feb 2025; `missing-ai-literacy` is a warning either way and
    // names the date only before it.
    let early = check_on(chatbot, date(2025, 2, 1), &config);
    let f = of_rule(&early, "missing-ai-literacy");
    assert_eq!(f.len(), 1, "{early:?}");
    assert!(
        f[0].2.contains("applies from 2 February 2025"),
        "{}",
        f[0].2
    );
    let late = check_on(chatbot, date(2025, 2, 2), &config);
    let f = of_rule(&late, "missing-ai-literacy");
    assert_eq!(f[0].1, Severity::Warning);
    assert!(!f[0].2.contains("applies from"), "{}", f[0].2);
}
