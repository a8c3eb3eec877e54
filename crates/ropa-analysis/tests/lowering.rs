//! Lowering the keys of language v2 (CHANGES-2026-12 §1) directly: the value, its range, `todo`,
//! an invalid value (one `invalid-value`), and the key absent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ropa_analysis::model::{Activity, BasisKind, Retention, Todo};
use ropa_analysis::{Diagnostic, File, FileId, Workspace};
use ropa_syntax::TimeUnit;

/// Lowers one file (by tree-sitter; the fast path is held equal to it in `fast_path.rs`).
fn lower(text: &str) -> File {
    File::from_text(FileId(0), "a.ropa".into(), text.to_string())
}

fn activity(file: &File) -> &Activity {
    file.model.activities.first().expect("an activity")
}

/// The rules of the file's own findings, but `missing-field` (the tests' items leave out
/// required keys they are not about).
fn rules(file: &File) -> Vec<&'static str> {
    file.diagnostics
        .iter()
        .map(|d| d.rule)
        .filter(|r| *r != "missing-field")
        .collect()
}

/// The text a range covers.
fn at(file: &File, range: ropa_syntax::TextRange) -> &str {
    range.slice(&file.text)
}

/// The findings (but `missing-field`) with the text they point at.
fn texts<'f>(file: &'f File, ds: &[Diagnostic]) -> Vec<(&'static str, &'f str)> {
    ds.iter()
        .filter(|d| d.rule != "missing-field")
        .map(|d| (d.rule, at(file, d.location.range)))
        .collect()
}

#[test]
fn several_legal_bases_each_with_its_part() {
    let file = lower(
        "activity contact_form {\n  legal_basis contract { for \"Pflichtangaben\" }\n  legal_basis consent { for \"Telefonnummer\"  mechanism \"Häkchen\" }\n  legal_basis legitimate_interest { for { de \"Spamschutz\" en \"spam protection\" }  interest \"Schutz\" }\n  legal_basis vital_interests { for \"Notfall\" }\n  legal_basis public_task { law \"§ 3 BDSG\" }\n}\n",
    );
    assert_eq!(rules(&file), Vec::<&str>::new(), "no duplicate-field");
    let a = activity(&file);
    let kinds: Vec<BasisKind> = a.basis_kinds().collect();
    assert_eq!(
        kinds,
        [
            BasisKind::Contract,
            BasisKind::Consent,
            BasisKind::LegitimateInterest,
            BasisKind::VitalInterests,
            BasisKind::PublicTask
        ]
    );
    assert!(a.has_basis(BasisKind::Consent) && !a.has_basis(BasisKind::LegalObligation));
    let covers: Vec<Option<&str>> = a
        .legal_bases
        .iter()
        .map(|b| b.covers.as_ref().and_then(|t| t.best("en", "de")))
        .collect();
    assert_eq!(
        covers,
        [
            Some("Pflichtangaben"),
            Some("Telefonnummer"),
            Some("spam protection"),
            Some("Notfall"),
            None
        ]
    );
    // Each basis keeps its own key and block (where its keys are written).
    assert_eq!(at(&file, a.legal_bases[1].key), "legal_basis");
    assert!(
        a.legal_bases[0].key.start() < a.legal_bases[1].key.start(),
        "in the order written"
    );
    let law = a.legal_bases[4].law.as_ref().unwrap();
    assert_eq!(law.best("de", "de"), Some("§ 3 BDSG"));
    assert_eq!(at(&file, law.parts[0].range), "\"§ 3 BDSG\"");
    let h = &a.header;
    assert!(h.written(a.legal_bases[1].key, "mechanism").is_some());
    assert!(h.written(a.legal_bases[0].key, "mechanism").is_none());
}

#[test]
fn other_keys_stay_single() {
    let file = lower("activity a {\n  purpose \"A\"\n  purpose \"B\"\n}\n");
    assert_eq!(
        texts(&file, &file.diagnostics),
        [("duplicate-field", "purpose")]
    );
}

#[test]
fn special_basis_is_a_keyword_or_a_list() {
    let one = lower("activity a { special_basis explicit_consent }");
    let grounds: Vec<&str> = activity(&one).special_grounds().collect();
    assert_eq!(grounds, ["explicit_consent"]);

    let list = lower("activity a { special_basis [employment, legal_claims] }");
    assert_eq!(rules(&list), Vec::<&str>::new());
    let a = activity(&list);
    let grounds: Vec<&str> = a.special_grounds().collect();
    assert_eq!(grounds, ["employment", "legal_claims"]);
    let sb = a.special_basis.as_ref().unwrap();
    assert_eq!(at(&list, sb.grounds[1].range), "legal_claims");

    let bad = lower("activity a { special_basis [employment, emplyment, \"x\"] }");
    assert_eq!(
        texts(&bad, &bad.diagnostics),
        [("invalid-value", "emplyment"), ("invalid-value", "\"x\"")]
    );
    // Present, with the valid grounds only.
    let grounds: Vec<&str> = activity(&bad).special_grounds().collect();
    assert_eq!(grounds, ["employment"]);
}

#[test]
fn retention_parts_with_data_from_and_law() {
    let file = lower(
        "activity billing {\n  retention 10 years { data [invoices]  from \"Ende des Kalenderjahres\"  law \"§ 147 AO\" }\n  retention \"Bis zur Abmeldung\"\n  retention { de \"Bis zur Abmeldung\"  en \"Until you unsubscribe\"  data [contact] }\n}\ncategory invoices { label \"Rechnungsdaten\" }\n",
    );
    assert_eq!(rules(&file), Vec::<&str>::new());
    let r = &activity(&file).retention;
    assert_eq!(r.len(), 3);
    assert_eq!(
        r[0].get(),
        Some(&Retention::Duration {
            amount: 10,
            unit: TimeUnit::Year
        })
    );
    assert_eq!(at(&file, r[0].value.as_ref().unwrap().range), "10 years");
    let data: Vec<&str> = r[0]
        .data
        .iter()
        .flatten()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(data, ["invoices"]);
    assert_eq!(
        r[0].from.as_ref().and_then(|t| t.best("de", "de")),
        Some("Ende des Kalenderjahres")
    );
    assert_eq!(
        r[0].law.as_ref().and_then(|t| t.best("de", "de")),
        Some("§ 147 AO")
    );
    // A criteria text, plain …
    let Some(Retention::Text(t)) = r[1].get() else {
        panic!("a text")
    };
    assert_eq!(t.best("de", "de"), Some("Bis zur Abmeldung"));
    assert!(r[1].data.is_none() && r[1].from.is_none());
    // … or in languages, beside the parts in one block.
    let Some(Retention::Text(t)) = r[2].get() else {
        panic!("a text")
    };
    assert_eq!(t.best("en", "de"), Some("Until you unsubscribe"));
    assert_eq!(t.best("de", "de"), Some("Bis zur Abmeldung"));
    let data: Vec<&str> = r[2]
        .data
        .iter()
        .flatten()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(data, ["contact"]);
}

#[test]
fn retention_mistakes_are_one_finding_each() {
    let cases = [
        // A misspelt part.
        (
            "activity a { retention 1 year { dta [contact] } }",
            vec![("unknown-field", "dta")],
        ),
        // A block with parts but no period.
        (
            "activity a { retention { data [contact] } }",
            vec![("invalid-value", "retention")],
        ),
        // A number without a unit.
        ("activity a { retention 90 }", vec![("invalid-value", "90")]),
        // A wrong kind of value for a part.
        (
            "activity a { retention 1 year { from 3 } }",
            vec![("invalid-value", "3")],
        ),
        // A key that is neither a language nor a part, beside languages.
        (
            "activity a { retention { de \"Bis zur Abmeldung\"  xyz \"…\" } }",
            vec![("unknown-field", "xyz")],
        ),
    ];
    for (text, expected) in cases {
        let file = lower(text);
        assert_eq!(texts(&file, &file.diagnostics), expected, "{text}");
        // Present: no rule may report a missing retention.
        assert_eq!(activity(&file).retention.len(), 1, "{text}");
    }
}

#[test]
fn retention_data_counts_as_a_use_and_resolves() {
    let ws = Workspace::from_files(vec![
        (
            "a.ropa".into(),
            b"activity billing {\n  retention 10 years { data [invoices, nope] }\n}\n".to_vec(),
        ),
        (
            "c.ropa".into(),
            b"category invoices { label \"Rechnungsdaten\" }\ncategory unused { label \"U\" }\n"
                .to_vec(),
        ),
    ]);
    let found: Vec<(&str, &str)> = ws
        .resolution
        .iter()
        .map(|d| {
            (
                d.rule,
                d.location.range.slice(&ws.file(d.location.file).text),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("unresolved-reference", "nope"),
            ("unused-definition", "unused")
        ]
    );
    let a = &ws.files[0].model.activities[0];
    assert!(a.retention[0].data.as_ref().unwrap()[0].target.is_some());
    // Every reference of the activity, retention's too, in one list.
    let names: Vec<&str> = a.references().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["invoices", "nope"]);
}

/// `todo` stands for any value: present, not invalid, listed with its range.
#[test]
fn todo_is_accepted_as_any_value() {
    let text = "controller {\n  name todo\n  address \"A\"\n  email \"E\"\n  dpo { name \"D\"  email todo }\n}\nprocessor p {\n  name \"P\"\n  country todo\n  role todo\n  avv todo\n  transfer todo\n  certifications todo\n}\nactivity a {\n  title { de \"A\"  en todo }\n  purpose todo\n  subjects todo\n  data [contact]\n  legal_basis todo\n  legal_basis consent { for todo  mechanism todo }\n  special_basis todo\n  retention todo\n  retention 1 year { from todo  law todo }\n  collection todo\n  device_access { technology todo  strictly_necessary todo }\n  ai { profiling todo  provider todo }\n  dpia todo\n  notice todo\n  scale todo\n}\n";
    let file = lower(text);
    let all_rules: Vec<&str> = file.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(all_rules, Vec::<&str>::new(), "neither invalid nor missing");
    let all: Vec<Todo> = file
        .model
        .controllers
        .iter()
        .map(|c| &c.header)
        .chain(file.model.processors.iter().map(|p| &p.header))
        .chain(file.model.activities.iter().map(|a| &a.header))
        .flat_map(|h| h.todos())
        .collect();
    for t in &all {
        assert_eq!(at(&file, t.range), "todo", "{t:?}");
    }
    let keys: Vec<&str> = all.iter().map(|t| t.key).collect();
    assert_eq!(
        keys,
        [
            "name",
            "email",
            "country",
            "role",
            "avv",
            "transfer",
            "certifications",
            "title",
            "purpose",
            "subjects",
            "legal_basis",
            "for",
            "mechanism",
            "special_basis",
            "retention",
            "from",
            "law",
            "collection",
            "technology",
            "strictly_necessary",
            "profiling",
            "provider",
            "dpia",
            "notice",
            "scale",
        ]
    );
    assert_eq!(all.len(), text.matches("todo").count());

    let a = activity(&file);
    // Present without a value: rules about an absent key stay silent, rules about the value see
    // none.
    assert_eq!(a.legal_bases.len(), 2);
    assert!(a.legal_bases[0].kind.is_none());
    assert!(a.legal_bases[1].covers.is_none() && a.legal_bases[1].mechanism.is_none());
    assert_eq!(a.retention.len(), 2);
    assert!(a.retention[0].value.is_none());
    assert!(a.special_basis.as_ref().unwrap().grounds.is_empty());
    assert!(a.collection.as_ref().unwrap().value.is_none());
    assert!(a.notice.as_ref().unwrap().value.is_none());
    assert_eq!(a.subjects.as_deref(), Some(&[][..]));
    assert!(a.header.is_todo(a.header.anchor().range, "retention"));
    assert!(!a.header.is_todo(a.header.anchor().range, "data"));
    // A language still to translate is recorded on the text.
    let title = a.title.as_ref().unwrap();
    assert_eq!(title.best("de", "de"), Some("A"));
    assert_eq!(title.get("en", "de"), None);
    assert_eq!(title.block.as_ref().unwrap().todo, ["en"]);
    // Twice is still twice.
    let twice = lower("activity a { purpose todo  purpose todo }");
    assert_eq!(
        texts(&twice, &twice.diagnostics),
        [("duplicate-field", "purpose")]
    );
}

#[test]
fn todo_is_a_value_not_a_block() {
    // `todo` before a block is no placeholder: the value is checked as written.
    let file = lower("activity a { legal_basis todo { for \"x\" } }");
    assert_eq!(texts(&file, &file.diagnostics), [("invalid-value", "todo")]);
    assert!(activity(&file).header.todos().is_empty());
    // And `todo` inside a list names an item like any other id.
    let file = lower("activity a { data [todo] }");
    assert_eq!(rules(&file), Vec::<&str>::new());
    assert_eq!(activity(&file).data.as_ref().unwrap()[0].name, "todo");
}

#[test]
fn only_a_literal_empty_data_list_means_no_personal_data() {
    let none = lower("activity a { title \"T\" data [] }\n");
    assert!(!activity(&none).processes_personal_data());
    // A mistake in `data` is an `invalid-value`, never "no personal data": the GDPR's duties
    // (legal basis, retention, notice) stay checked and the activity stays in the policy.
    for mistake in ["data [[x]]", "data \"Name\"", "data [\"Name\"]"] {
        let file = lower(&format!("activity a {{ title \"T\" {mistake} }}\n"));
        assert!(activity(&file).processes_personal_data(), "{mistake}");
        assert!(rules(&file).contains(&"invalid-value"), "{mistake}");
    }
}

#[test]
fn a_section_lowers_its_title_text_and_place() {
    use ropa_analysis::model::SectionPlace;
    let file = lower(
        "section tls {\n  title { de \"Sicherheit\"  en \"Security\" }\n  text \"TLS überall 🔒\"\n  place before_rights\n}\nsection other {\n  title \"Andere\"\n  text todo\n}\nsection wrong {\n  title \"Falsch\"\n  text \"x\"\n  place middle\n}\n",
    );
    assert_eq!(
        texts(&file, &file.diagnostics),
        [("invalid-value", "middle")]
    );
    let sections = &file.model.sections;
    assert_eq!(sections.len(), 3);
    assert_eq!(sections[0].header.id(), "tls");
    assert_eq!(
        sections[0].title.as_ref().unwrap().get("en", "de"),
        Some("Security")
    );
    assert_eq!(
        sections[0].text.as_ref().unwrap().get("de", "de"),
        Some("TLS überall 🔒")
    );
    assert_eq!(sections[0].place, SectionPlace::BeforeRights);
    // Absent, or invalid: the default place.
    assert_eq!(sections[1].place, SectionPlace::AfterActivities);
    assert_eq!(sections[2].place, SectionPlace::AfterActivities);
    // `todo` is a present text still to be written.
    assert!(sections[1].text.is_none());
    let todos: Vec<&str> = sections[1].header.todos().iter().map(|t| t.key).collect();
    assert_eq!(todos, ["text"]);
}

#[test]
fn a_section_without_title_and_text_misses_both() {
    let file = lower("section empty {\n  place after_intro\n}\n");
    let missing: Vec<&str> = file
        .diagnostics
        .iter()
        .filter(|d| d.rule == "missing-field")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(missing.iter().any(|m| m.contains("`title`")));
    assert!(missing.iter().any(|m| m.contains("`text`")));
}

#[test]
fn a_client_lowers_like_a_processor_and_its_subprocessors_are_used() {
    use ropa_analysis::model::Mechanism;
    let ws = Workspace::from_files(vec![
        (
            "a.ropa".into(),
            "client kunde {\n  name \"Kunde GmbH\"\n  address \"Weg 1, Ort\"\n  contact \"it@kunde.example\"\n  country US\n  dpo { email \"dsb@kunde.example\" }\n  representative { name \"Rep\"  address \"EU\"  email \"rep@x.example\" }\n  processing { de \"Hosting\"  en \"Hosting\" }\n  avv { signed 2025-01-10  document \"avv.pdf\" }\n  subprocessors [hetzner, nope]\n  transfer scc { signed 2025-01-10 }\n}\nclient kunde {\n  name \"Zweiter\"\n  address \"A\"\n  processing \"P\"\n}\n"
                .into(),
        ),
        (
            "b.ropa".into(),
            b"processor hetzner { name \"Hetzner\"  country DE }\n".to_vec(),
        ),
    ]);
    assert!(
        ws.files[0].diagnostics.is_empty(),
        "{:?}",
        ws.files[0].diagnostics
    );
    let found: Vec<(&str, &str)> = ws
        .resolution
        .iter()
        .map(|d| {
            (
                d.rule,
                d.location.range.slice(&ws.file(d.location.file).text),
            )
        })
        .collect();
    // `hetzner` is used by the client (no `unused-definition`); the id is unique among clients.
    assert_eq!(
        found,
        [
            ("unresolved-reference", "nope"),
            ("duplicate-definition", "kunde")
        ]
    );
    let c = &ws.files[0].model.clients[0];
    assert_eq!(c.name.as_deref(), Some("Kunde GmbH"));
    assert_eq!(c.contact.as_deref(), Some("it@kunde.example"));
    assert_eq!(c.country.as_ref().and_then(|k| k.get()).unwrap(), "US");
    assert_eq!(
        c.dpo.as_ref().unwrap().email.as_deref(),
        Some("dsb@kunde.example")
    );
    assert_eq!(
        c.representative.as_ref().unwrap().name.as_deref(),
        Some("Rep")
    );
    assert_eq!(
        c.processing.as_ref().unwrap().get("en", "de"),
        Some("Hosting")
    );
    assert_eq!(c.avv.as_ref().unwrap().document.as_deref(), Some("avv.pdf"));
    assert_eq!(
        c.transfer
            .as_ref()
            .unwrap()
            .mechanism
            .as_ref()
            .unwrap()
            .value,
        Mechanism::Scc
    );
    assert!(c.subprocessors[0].target.is_some());
    assert!(c.subprocessors[1].target.is_none());
}

#[test]
fn record_keys_and_the_cookie_table() {
    use ropa_analysis::model::Lifetime;
    let file = lower(
        "activity a {\n  owner \"Marketing\"\n  systems [\"CMS\", \"Matomo\"]\n  internal_recipients [\"Vertrieb\"]\n  device_access {\n    technology \"Cookies\"\n    cookie \"_ga\" { purpose \"Besucher\"  lifetime 13 months  party third  provider google }\n    cookie \"_s\" { purpose \"Sitzung\"  lifetime session  party first }\n    cookie \"_t\" { purpose \"Drossel\"  lifetime { de \"1 Minute\"  en \"1 minute\" } }\n  }\n}\n",
    );
    assert_eq!(rules(&file), Vec::<&str>::new(), "cookie is repeatable");
    let a = activity(&file);
    assert_eq!(
        a.owner.as_ref().and_then(|t| t.best("de", "de")),
        Some("Marketing")
    );
    let systems: Vec<&str> = a
        .systems
        .iter()
        .flatten()
        .map(|s| s.value.as_str())
        .collect();
    assert_eq!(systems, ["CMS", "Matomo"]);
    assert_eq!(a.internal_recipients.as_ref().map(Vec::len), Some(1));
    let cookies: Vec<_> = a.cookies().collect();
    assert_eq!(cookies.len(), 3);
    let ga = cookies[0];
    assert_eq!(
        ga.name.as_ref().map(|n| at(&file, n.range)),
        Some("\"_ga\"")
    );
    assert_eq!(
        ga.lifetime.as_ref().map(|l| &l.value),
        Some(&Lifetime::Duration {
            amount: 13,
            unit: TimeUnit::Month
        })
    );
    assert_eq!(
        ga.party.as_ref().and_then(|p| p.get()).map(String::as_str),
        Some("third")
    );
    // The provider is a reference like any other: resolution, rename and go-to-definition see it.
    let provider = ga.provider.as_ref().unwrap();
    assert_eq!(at(&file, provider.range), "google");
    assert!(a.references().any(|r| std::ptr::eq(r, provider)));
    assert_eq!(
        cookies[1].lifetime.as_ref().map(|l| &l.value),
        Some(&Lifetime::Session)
    );
    assert!(matches!(
        cookies[2].lifetime.as_ref().map(|l| &l.value),
        Some(Lifetime::Text(t)) if t.best("en", "de") == Some("1 minute")
    ));
}

#[test]
fn cookie_mistakes_are_one_finding_each() {
    let file = lower(
        "activity a {\n  device_access {\n    technology \"Cookies\"\n    cookie _ga { purpose \"x\"  lifetime 1 year }\n    cookie \"_b\" { purpose \"x\"  lifetime forever  party second }\n    cookie \"_c\"\n    cookie \"_d\" { purpose \"x\"  lifetime 1 year  colour \"blue\" }\n    cookie \"_e\" { purpose \"x\" }\n  }\n  owner [\"a\"]\n  systems \"CMS\"\n}\n",
    );
    assert_eq!(
        texts(&file, &file.diagnostics),
        [
            ("invalid-value", "_ga"),
            ("invalid-value", "forever"),
            ("invalid-value", "second"),
            ("invalid-value", "cookie \"_c\""),
            ("unknown-field", "colour"),
            ("invalid-value", "[\"a\"]"),
            ("invalid-value", "\"CMS\""),
        ]
    );
    // `_e` lacks its lifetime: a missing-field at the cookie's name (the others are the
    // activity's own, at its id).
    let missing: Vec<&str> = file
        .diagnostics
        .iter()
        .filter(|d| d.rule == "missing-field")
        .map(|d| at(&file, d.location.range))
        .filter(|at| *at != "a")
        .collect();
    assert_eq!(missing, ["\"_e\""]);
    let names: Vec<&str> = activity(&file)
        .cookies()
        .filter_map(|c| c.name.as_ref())
        .map(|n| n.value.as_str())
        .collect();
    assert_eq!(names, ["_b", "_d", "_e"]);
}

/// The controller's `supervisory_authority` of a one-controller file.
fn authority(file: &File) -> Option<&ropa_analysis::model::Authority> {
    file.model
        .controllers
        .first()
        .and_then(|c| c.supervisory_authority.as_ref())
}

#[test]
fn a_supervisory_authority_by_id_is_the_built_in_entry() {
    let file = lower("controller {\n  name \"X\"\n  supervisory_authority de_ni\n}\n");
    assert_eq!(rules(&file), Vec::<&str>::new());
    let a = authority(&file).expect("an authority");
    assert_eq!(
        a.name(true),
        "Landesbeauftragte für den Datenschutz Niedersachsen"
    );
    assert_eq!(
        a.address().as_deref(),
        Some("Prinzenstraße 5, 30159 Hannover")
    );
}

#[test]
fn a_supervisory_authority_as_a_string_stays_a_name() {
    let file = lower("controller {\n  name \"X\"\n  supervisory_authority \"Aufsicht Ä\"\n}\n");
    assert_eq!(rules(&file), Vec::<&str>::new());
    let a = authority(&file).expect("an authority");
    assert_eq!(
        a,
        &ropa_analysis::model::Authority::Named("Aufsicht Ä".into())
    );
    assert_eq!(a.address(), None);
}

#[test]
fn an_unknown_authority_id_is_invalid_with_the_nearest_id_and_a_fix() {
    let file = lower("controller {\n  name \"Ü\"\n  supervisory_authority de_nii\n}\n");
    assert_eq!(authority(&file), None);
    assert_eq!(
        texts(&file, &file.diagnostics),
        [("invalid-value", "de_nii")]
    );
    let d = &file
        .diagnostics
        .iter()
        .find(|d| d.rule == "invalid-value")
        .unwrap();
    assert!(d.message.contains("did you mean `de_ni`?"), "{}", d.message);
    assert_eq!(d.fixes.len(), 1);
    assert_eq!(d.fixes[0].edits[0].text, "de_ni");

    // Nothing near: the list of ids, no fix.
    let file = lower("controller {\n  name \"X\"\n  supervisory_authority zzz\n}\n");
    let d = &file
        .diagnostics
        .iter()
        .find(|d| d.rule == "invalid-value")
        .unwrap();
    assert!(d.message.contains("`de_bfdi`"), "{}", d.message);
    assert!(d.fixes.is_empty());
}
