//! User templates: overrides are used, errors name the file and line, escaping cannot be
//! switched off by accident, and templates cannot reach files or commands.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{DATE, example, load, workspace};
use ropa_analysis::{Diagnostic, Location, Severity};
use ropa_policy::{Mode, PolicyError, PolicyFormat, PolicyRequest, Templates};

fn langs() -> Vec<String> {
    vec!["de".to_string(), "en".to_string()]
}

const XSS: &str = r##"
controller {
  name    "Evil <script>alert(1)</script> & Co \"GmbH\""
  address "Street <img src=x onerror=alert(1)>, 1000 City"
  email   "a@b.example"
}
activity evil {
  title    "Title <script>document.title='pwned'</script>"
  purpose  "Purpose <b>bold</b> & *star* _under_ [link](javascript:alert(1))"
  subjects [customers]
  data     [contact]
  legal_basis legitimate_interest { interest "Interest \"quoted\" & <i>x</i>" }
  retention "# not a heading <!-- comment -->"
  notice   "Notice </section><script>alert(2)</script>"
}
"##;

#[test]
fn an_override_replaces_one_section_template() {
    let (ws, languages) = load(&example());
    let templates = Templates::with_overrides([(
        "activity.md.j2".to_string(),
        "### {{ section.heading }} (custom)\n\n{{ section.activity.purpose | join(' ') }}\n"
            .to_string(),
    )]);
    let out = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .templates(&templates)
        .generate()
        .unwrap();
    assert!(out.contains("### KI-Chatbot im Kundenservice (custom)"));
    // Other sections keep the built-in templates.
    assert!(out.contains("## Ihre Rechte"));
    assert!(!out.contains("\n## KI-Chatbot im Kundenservice"));
}

#[test]
fn user_templates_escape_user_strings() {
    let ws = workspace(&[("a.ropa", XSS)]);
    let templates = Templates::with_overrides([(
        "activity.html.j2".to_string(),
        "<section><h2 id=\"{{ section.id }}\">{{ section.heading }}</h2><p>{{ section.activity.notice | join(' ') }}</p></section>\n".to_string(),
    )]);
    let out = PolicyRequest::new(&ws, "de", DATE)
        .languages(&langs())
        .format(PolicyFormat::Html { standalone: true })
        .templates(&templates)
        .generate()
        .unwrap();
    assert!(!out.contains("<script>"), "{out}");
    assert!(!out.contains("<img"));
    assert!(!out.contains("<b>bold"));
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(out.contains("Notice &lt;/section&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
}

#[test]
fn markdown_output_keeps_user_strings_literal() {
    let ws = workspace(&[("a.ropa", XSS)]);
    let out = PolicyRequest::new(&ws, "de", DATE)
        .languages(&langs())
        .generate()
        .unwrap();
    assert!(!out.contains("<script>"), "{out}");
    assert!(out.contains("\\<script\\>"));
    assert!(out.contains("\\*star\\*"));
    assert!(out.contains("\\[link\\](javascript:alert(1))"));
    assert!(out.contains("\\# not a heading") || out.contains("**Speicherdauer:** \\# not"));
    assert!(!out.contains("<!-- comment -->"));
}

#[test]
fn a_syntax_error_names_the_template_and_line() {
    let (ws, languages) = load(&example());
    let templates = Templates::with_overrides([(
        "activity.html.j2".to_string(),
        "<section>\n<h2>{{ section.heading }}</h2>\n{% if section.activity %}\n<p>unclosed\n"
            .to_string(),
    )]);
    let err = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .format(PolicyFormat::Html { standalone: false })
        .templates(&templates)
        .generate()
        .unwrap_err();
    match &err {
        PolicyError::Template {
            name, user, line, ..
        } => {
            assert_eq!(name.as_deref(), Some("activity.html.j2"));
            assert!(user);
            assert!(line.is_some_and(|l| l >= 3), "{err}");
        }
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.starts_with("template `activity.html.j2`, line "),
        "{msg}"
    );
}

#[test]
fn a_render_error_names_the_template_and_line() {
    let (ws, languages) = load(&example());
    let templates = Templates::with_overrides([(
        "rights.md.j2".to_string(),
        "## {{ section.heading }}\n\n{{ section.no_such_field }}\n".to_string(),
    )]);
    let err = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .templates(&templates)
        .generate()
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("`rights.md.j2`, line 3"), "{msg}");
    assert!(msg.contains("undefined"), "{msg}");
}

#[test]
fn templates_cannot_read_files_or_run_commands() {
    let (ws, languages) = load(&example());
    let cargo_toml = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let attempts = [
        format!("{{% include \"{cargo_toml}\" %}}"),
        "{% include \"/etc/passwd\" %}".to_string(),
        "{% include \"../../Cargo.toml\" %}".to_string(),
        "{% import \"/etc/hostname\" as h %}".to_string(),
        "{% extends \"/etc/passwd\" %}".to_string(),
        "{{ open(\"/etc/passwd\") }}".to_string(),
        "{{ read_file(\"/etc/passwd\") }}".to_string(),
        "{{ env(\"HOME\") }}".to_string(),
        "{{ system(\"id\") }}".to_string(),
        "{{ range.__class__ }}".to_string(),
    ];
    for attempt in attempts {
        let templates = Templates::with_overrides([("intro.md.j2".to_string(), attempt.clone())]);
        let result = PolicyRequest::new(&ws, "de", DATE)
            .languages(&languages)
            .templates(&templates)
            .generate();
        match result {
            Err(PolicyError::Template { .. }) => {}
            Ok(out) => {
                assert!(!out.contains("root:"), "{attempt} read /etc/passwd");
                assert!(!out.contains("[workspace]"), "{attempt} read a file");
                panic!("`{attempt}` rendered instead of failing:\n{out}");
            }
            Err(other) => panic!("{attempt}: {other:?}"),
        }
    }
}

#[test]
fn misnamed_templates_are_reported_with_a_suggestion() {
    let templates = Templates::with_overrides([
        ("activty.html.j2".to_string(), String::new()),
        ("helpers.html.j2".to_string(), String::new()),
    ]);
    let unmatched = templates.unmatched();
    assert_eq!(
        unmatched,
        vec![
            ("activty.html.j2".to_string(), Some("activity.html.j2")),
            ("helpers.html.j2".to_string(), None),
        ]
    );
}

#[test]
fn errors_put_a_box_in_the_sections_they_affect() {
    let (ws, languages) = load(&example());
    let (_, chatbot) = ws
        .activities()
        .find(|(_, a)| a.header.id() == "support_chatbot")
        .unwrap();
    let finding = Diagnostic::new(
        "missing-retention",
        Severity::Error,
        Location {
            file: chatbot.header.file,
            range: chatbot.header.id.as_ref().unwrap().range,
        },
        "activity `support_chatbot` has no retention --> <b>",
    );
    let info = Diagnostic::new(
        "unused-definition",
        Severity::Info,
        chatbot.header.anchor(),
        "not an error",
    );
    let findings = [finding, info];
    let md = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .mode(Mode::Draft(&findings))
        .generate()
        .unwrap();
    // The box says what is missing in the reader's terms: not the finding, not the path.
    let mark = "ENTWURF – fehlt: Speicherdauer oder die Kriterien für ihre Festlegung (Art. 13 Abs. 2 lit. a DSGVO)";
    let md_mark = format!("> **{mark}**");
    assert!(md.contains(&md_mark), "{md}");
    assert_eq!(md.matches("> **ENTWURF – fehlt").count(), 1, "{md}");
    for forbidden in [
        "<!--",
        "has no retention",
        "chatbot.ropa",
        "missing-retention",
    ] {
        assert!(!md.contains(forbidden), "{forbidden}: {md}");
    }
    let html = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .format(PolicyFormat::Html { standalone: false })
        .mode(Mode::Draft(&findings))
        .generate()
        .unwrap();
    assert!(
        html.contains("<strong>ENTWURF – fehlt: Speicherdauer oder die Kriterien für ihre Festlegung (Art.\u{a0}13 Abs.\u{a0}2 lit.\u{a0}a DSGVO)</strong>"),
        "{html}"
    );
    assert!(!html.contains("<!--") && !html.contains("has no retention"));
    let json = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .format(PolicyFormat::Json)
        .mode(Mode::Draft(&findings))
        .generate()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["draft"], true);
    for s in v["sections"].as_array().unwrap() {
        let boxes: Vec<&str> = s["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["type"] == "draft")
            .map(|b| b["text"].as_str().unwrap())
            .collect();
        match s["id"].as_str().unwrap() {
            "activity-support_chatbot" => assert_eq!(boxes, [mark]),
            // The banner of every draft.
            "intro" => assert_eq!(boxes.len(), 1),
            other => assert!(boxes.is_empty(), "{other}: {boxes:?}"),
        }
    }
}

#[test]
fn the_json_has_the_documented_shape() {
    let (ws, languages) = load(&example());
    let json = PolicyRequest::new(&ws, "en", DATE)
        .languages(&languages)
        .format(PolicyFormat::Json)
        .generate()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["lang"], "en");
    for s in v["sections"].as_array().unwrap() {
        assert!(s["id"].is_string() && s["heading"].is_string());
        assert!(
            s["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p.is_string())
        );
    }
}

/// The preview of one activity is written as the policy's Markdown is: through a replaced
/// `activity.md.j2`, natively when only templates of another format are replaced.
#[test]
fn the_preview_follows_the_markdown_templates() {
    let (ws, languages) = load(&example());
    let preview = |templates: &Templates| {
        PolicyRequest::new(&ws, "de", DATE)
            .languages(&languages)
            .templates(templates)
            .activity_preview("newsletter")
            .unwrap()
            .unwrap()
    };
    let custom = Templates::with_overrides([(
        "activity.md.j2".to_string(),
        "## {{ section.heading }} (custom)\n".to_string(),
    )]);
    assert_eq!(preview(&custom), "## E-Mail-Newsletter (custom)\n");
    let html_only = Templates::with_overrides([(
        "activity.html.j2".to_string(),
        "<section>custom</section>".to_string(),
    )]);
    assert_eq!(preview(&html_only), preview(&Templates::builtin()));
}

#[test]
fn one_activity_as_markdown_for_the_editor() {
    let (ws, languages) = load(&example());
    let preview = |lang, id| {
        PolicyRequest::new(&ws, lang, DATE)
            .languages(&languages)
            .mode(Mode::Draft(&[]))
            .activity_preview(id)
    };
    let md = preview("de", "newsletter").unwrap().unwrap();
    assert!(md.starts_with("## E-Mail-Newsletter\n"), "{md}");
    assert!(md.contains("Art. 6 Abs. 1 lit. a DSGVO"));
    assert!(!md.contains("## Ihre Rechte"));
    assert!(preview("de", "no_such_activity").unwrap().is_none());
    assert_eq!(
        preview("fr", "newsletter"),
        Err(PolicyError::UnsupportedLanguage("fr".to_string()))
    );
}

#[test]
fn only_german_and_english_are_written() {
    let (ws, languages) = load(&example());
    let err = PolicyRequest::new(&ws, "fr", DATE)
        .languages(&languages)
        .generate()
        .unwrap_err();
    assert_eq!(err, PolicyError::UnsupportedLanguage("fr".to_string()));
}

#[test]
fn missing_values_can_be_tested_and_defaulted() {
    let (ws, languages) = load(&example());
    let templates = Templates::with_overrides([(
        "changes.md.j2".to_string(),
        "{% if section.titel %}never{% endif %}[{{ section.titel | default(\"\") }}]{{ section.activity }}\n"
            .to_string(),
    )]);
    let out = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .templates(&templates)
        .generate()
        .unwrap();
    assert!(out.ends_with("genügt.\n\n[]\n"), "{out}");
}

#[test]
fn the_policy_publishes_no_internal_documentation() {
    let (ws, languages) = load(&example());
    for format in [PolicyFormat::Json, PolicyFormat::Markdown] {
        let out = PolicyRequest::new(&ws, "de", DATE)
            .languages(&languages)
            .format(format)
            .generate()
            .unwrap();
        for internal in [
            "LIA vom",
            "vertraege/",
            "dsfa/",
            "Zeitstempel und Banner-Version",
        ] {
            assert!(!out.contains(internal), "{format:?} contains {internal}");
        }
    }
}

/// With the built-in templates, sections are rendered apart and spliced into the document; a
/// user template (here the built-in document template, unchanged) makes the whole document
/// render at once. Both give the same text, with and without marked sections.
#[test]
fn sections_rendered_apart_read_as_the_whole_document() {
    let xss = || (workspace(&[("evil.ropa", XSS)]), langs());
    for (name, (ws, languages)) in [
        ("example", load(&example())),
        ("everything", load(&common::fixture("everything"))),
        ("xss", xss()),
    ] {
        let findings = ropa_lint::check(&ws, &ropa_lint::Config::default(), DATE);
        for lang in ["de", "en"] {
            for (format, root) in [
                (PolicyFormat::Markdown, "document.md.j2"),
                (PolicyFormat::Html { standalone: false }, "document.html.j2"),
                (PolicyFormat::Html { standalone: true }, "page.html.j2"),
            ] {
                let source = Templates::builtin().source(root).unwrap().to_string();
                let whole = Templates::with_overrides([(root.to_string(), source)]);
                let generate = |templates: &Templates| {
                    PolicyRequest::new(&ws, lang, DATE)
                        .languages(&languages)
                        .format(format)
                        .templates(templates)
                        .mode(Mode::Draft(&findings))
                        .generate()
                        .unwrap()
                };
                assert_eq!(
                    generate(&Templates::builtin()),
                    generate(&whole),
                    "{name} {lang} {format:?}"
                );
            }
        }
    }
}

/// Issue 21: `[text](url)` in a text of the record is a link in HTML and Markdown when the
/// address is http(s) or mailto; anything else stays escaped text.
#[test]
fn links_in_texts_are_links_only_for_web_and_mail_addresses() {
    let record = r#"
controller { name "X GmbH"  email "x@x.example" }
activity a {
  title   "Newsletter"
  purpose "Versand"
  subjects [customers]
  data     [contact]
  legal_basis consent { withdrawal "Über den [Abmeldelink](https://x.example/abmelden?a=1&b=2) oder [per E-Mail](mailto:x@x.example)." }
  retention 1 year
  notice "Mehr in unseren [Hinweisen](https://x.example/hinweise). Kein Link: [Klick](javascript:alert(1)) und [<b>](https://x.example/\"x)."
}
"#;
    let ws = common::workspace(&[("a.ropa", record)]);
    let languages = ["de".to_string()];
    let render = |format| {
        PolicyRequest::new(&ws, "de", DATE)
            .languages(&languages)
            .format(format)
            .generate()
            .unwrap()
    };
    let html = render(PolicyFormat::Html { standalone: false });
    assert!(
        html.contains("Mehr in unseren <a href=\"https://x.example/hinweise\">Hinweisen</a>."),
        "{html}"
    );
    assert!(
        html.contains("Über den <a href=\"https://x.example/abmelden?a=1&amp;b=2\">Abmeldelink</a> oder <a href=\"mailto:x@x.example\">per E-Mail</a>."),
        "{html}"
    );
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(html.contains("[Klick](javascript:alert(1))"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    let md = render(PolicyFormat::Markdown);
    assert!(
        md.contains("Mehr in unseren [Hinweisen](https://x.example/hinweise)."),
        "{md}"
    );
    assert!(md.contains("\\[Klick\\](javascript:alert(1))"), "{md}");
    // The template engine writes the same.
    for (format, root) in [
        (PolicyFormat::Markdown, "document.md.j2"),
        (PolicyFormat::Html { standalone: true }, "page.html.j2"),
    ] {
        let doc = PolicyRequest::new(&ws, "de", DATE)
            .languages(&languages)
            .document()
            .unwrap();
        assert_eq!(
            doc.render(format, &common::builtins_as_user(&[root]))
                .unwrap(),
            render(format)
        );
    }
}

#[test]
fn a_dpo_without_contact_marks_the_dpo_section() {
    let (ws, languages) = load(&example());
    let controller = ws
        .files
        .iter()
        .flat_map(|f| &f.model.controllers)
        .next()
        .unwrap();
    let finding = Diagnostic::new(
        "missing-dpo-contact",
        Severity::Error,
        controller.header.anchor(),
        "the DPO has no e-mail or phone",
    );
    let md = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .mode(Mode::Draft(&[finding]))
        .generate()
        .unwrap();
    let dpo = md.find("## Datenschutzbeauftragte/r").unwrap();
    let mark = md
        .find("> **ENTWURF – fehlt: Kontaktdaten der oder des Datenschutzbeauftragten")
        .unwrap();
    let next = md[dpo + 3..]
        .find("\n## ")
        .map_or(md.len(), |i| dpo + 3 + i);
    assert!(dpo < mark && mark < next, "{md}");
}
