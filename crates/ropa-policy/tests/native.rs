//! The native renderer writes exactly what the built-in templates write through minijinja (reached
//! with user templates that are the built-ins' own sources, `common::builtins_as_user`), also
//! when each activity's module is built as it is written (`PolicyRequest::pieces`): on
//! the fixtures and examples (every language, format and configured language list, with and
//! without marked sections), for the preview of one activity, and on random documents and
//! random records full of markup, quotes, backslashes, Markdown markers, line breaks, umlauts
//! and emoji.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{DATE, builtins_as_user, example, fixture, load, workspace};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as ProptestConfig, RngAlgorithm, RngSeed, TestRunner};
use ropa_analysis::Workspace;
use ropa_policy::policy::Strings;
use ropa_policy::{
    BUILTIN_TEMPLATES, Block, Document, Fact, Item, Mode, PolicyFormat, PolicyRequest, Section,
    Table, Templates,
};

const FORMATS: [(PolicyFormat, &str); 3] = [
    (PolicyFormat::Markdown, "document.md.j2"),
    (PolicyFormat::Html { standalone: false }, "document.html.j2"),
    (PolicyFormat::Html { standalone: true }, "page.html.j2"),
];

/// Where two texts first differ, with some context, for a readable failure.
fn first_difference(a: &str, b: &str) -> String {
    let at = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let around = |s: &str| {
        let mut start = at.saturating_sub(120);
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 120).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        s[start..end].to_string()
    };
    format!(
        "first difference at byte {at} (lengths {} and {}):\n--- native\n{:?}\n--- minijinja\n{:?}",
        a.len(),
        b.len(),
        around(a),
        around(b)
    )
}

fn assert_same(native: &str, engine: &str, what: &str) {
    assert!(
        native == engine,
        "{what}: {}",
        first_difference(native, engine)
    );
}

/// Renders `doc` natively and through minijinja (the whole document at once, forced by an
/// override of the root template with its own source), and asserts the same bytes.
fn check_document(doc: &Document, what: &str) {
    for (format, root) in FORMATS {
        let native = doc.render(format, &Templates::builtin()).unwrap();
        let whole = doc.render(format, &builtins_as_user(&[root])).unwrap();
        assert_same(
            &native,
            &whole,
            &format!("{what} {format:?} (whole document)"),
        );
    }
}

/// Every language, configured language list and format, with no findings and with the
/// workspace's own findings marked (plus one of every severity error we can make up).
fn check_workspace(ws: &Workspace, own_languages: &[String], what: &str) {
    let findings = ropa_lint::check(ws, &ropa_lint::Config::default(), DATE);
    let lists: Vec<Vec<String>> = vec![
        own_languages.to_vec(),
        vec!["de".into()],
        vec!["en".into()],
        vec!["de".into(), "en".into()],
        vec!["en".into(), "de".into()],
    ];
    for languages in &lists {
        for lang in ["de", "en"] {
            for (marked, mode) in [("final", Mode::Final), ("draft", Mode::Draft(&findings))] {
                let doc = PolicyRequest::new(ws, lang, DATE)
                    .languages(languages)
                    .mode(mode)
                    .document()
                    .unwrap();
                check_document(&doc, &format!("{what} {lang} {languages:?} {marked}"));
                for (format, _) in FORMATS {
                    let builtin = Templates::builtin();
                    let whole = doc.render(format, &builtin).unwrap();
                    // Generated at once, each activity's module built as it is written.
                    assert_same(
                        &PolicyRequest::new(ws, lang, DATE)
                            .languages(languages)
                            .format(format)
                            .templates(&builtin)
                            .mode(mode)
                            .pieces()
                            .unwrap()
                            .concat(),
                        &whole,
                        &format!("{what} {lang} {languages:?} {marked} {format:?} (streaming)"),
                    );
                }
            }
            for (_, a) in ws.activities() {
                let id = a.header.id();
                let preview = |templates| {
                    PolicyRequest::new(ws, lang, DATE)
                        .languages(languages)
                        .mode(Mode::Draft(&findings))
                        .templates(templates)
                        .activity_preview(id)
                        .unwrap()
                };
                assert_eq!(
                    preview(&Templates::builtin()),
                    preview(&builtins_as_user(&["activity.md.j2"])),
                    "{what} {lang} {languages:?} activity {id}"
                );
            }
        }
    }
}

#[test]
fn fixtures_and_examples_render_the_same() {
    let mut dirs = vec![fixture("everything")];
    for dir in [
        std::fs::read_dir(fixture("")).unwrap(),
        std::fs::read_dir(common::repo_root().join("examples")).unwrap(),
    ] {
        for e in dir {
            let p = e.unwrap().path();
            if p.is_dir() && !dirs.contains(&p) {
                dirs.push(p);
            }
        }
    }
    assert!(dirs.len() >= 3, "{dirs:?}");
    for dir in dirs {
        let (ws, languages) = load(&dir);
        check_workspace(&ws, &languages, &dir.display().to_string());
    }
}

#[test]
fn hostile_record_renders_the_same() {
    let ws = workspace(&[("evil.ropa", HOSTILE)]);
    check_workspace(&ws, &["de".to_string(), "en".to_string()], "hostile");
}

const HOSTILE: &str = r##"
controller {
  name    "Evil <script>alert(1)</script> & Co \"GmbH\" 'x' --> <!--"
  address "Street <img src=x onerror=alert(1)>,\n# 1000 City\\n\n- two\n\n\n  1. three"
  email   "a@b.example"
  phone   "+49 <b>1</b>"
  website "https://evil.example/?a=1&b=<2>"
  dpo { name "*Dr.* _DPO_ `x`"  email "dpo\"@x.example" }
  supervisory_authority "Art. 6 Abs. 1 lit. f & § 25 Nr. 2 | no. 3 ~~"
}
processor p {
  name "Proc & <Co> \"quoted\" 😀"
  country US
  transfer scc
  avv { signed 2024-01-01 }
}
activity evil {
  title    "Title <script>document.title='pwned'</script> Ärger"
  purpose  "Purpose <b>bold</b> & *star* _under_ [link](javascript:alert(1)) &amp; &#39;"
  subjects [customers]
  data     [contact]
  legal_basis legitimate_interest { interest "Interest \"quoted\" & <i>x</i>\n\n# h\n---"  balancing "=== \\ \t tab" }
  processors [p]
  recipients ["Rec <1>", "- dash", "1) one"]
  retention "# not a heading <!-- comment -->"
  notice   "Notice </section><script>alert(2)</script>\r\n  trailing   \n\n\n\nend"
}
"##;

// ---------------------------------------------------------------------------------------------
// Random documents and records

/// Pieces of hostile text; random strings are made of a few of them.
const PIECES: &[&str] = &[
    "",
    "x",
    "Straße",
    "Ärger über Öl",
    "😀",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\n\n\n",
    "\r\n",
    " \n",
    "<script>alert(1)</script>",
    "<img src=x onerror=\"alert(1)\">",
    "</section>",
    "<!--",
    "-->",
    "--",
    "---",
    "&",
    "&amp;",
    "&#39;",
    "&#x1F;",
    "\"",
    "'",
    "\\",
    "\\n",
    "`code`",
    "*",
    "**bold**",
    "_",
    "[link](javascript:x)",
    "]",
    "|",
    "~",
    "#",
    "# ",
    "## h",
    "- ",
    "-",
    "+ ",
    "+49",
    "=",
    "===",
    "1. ",
    "2) ",
    "2026",
    "Art. 6",
    "Abs. 1",
    "lit. f",
    "lit. ",
    "§ 25",
    "§§ 3",
    "Nr. 2",
    "no. 7",
    "Art.",
    "https://example.org/a?b=1&c=2",
    "mailto:a@b.example",
    "#activity-x",
    "{{ 7*7 }}",
    "{% raw %}",
    "\u{0}ropa-section\u{0}",
    "\u{a0}",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(select(PIECES), 0..6).prop_map(|p| p.concat())
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some(String::new())),
        text().prop_map(Some),
        text().prop_map(Some),
    ]
}

fn item() -> impl Strategy<Value = Item> {
    (optional_text(), text(), optional_text()).prop_map(|(label, text, href)| Item {
        label,
        text,
        href,
    })
}

fn items() -> impl Strategy<Value = Vec<Item>> {
    prop::collection::vec(item(), 0..4)
}

/// A table of up to three columns, every row as wide as the header.
fn table() -> impl Strategy<Value = Table> {
    (1usize..4).prop_flat_map(|width| {
        (
            prop::collection::vec(text(), width),
            prop::collection::vec(prop::collection::vec(text(), width), 0..3),
        )
            .prop_map(|(header, rows)| Table { header, rows })
    })
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        text().prop_map(|text| Block::Paragraph { text }),
        text().prop_map(|text| Block::Lead { text }),
        prop::collection::vec(
            (
                text(),
                prop::collection::vec(text(), 0..4),
                items(),
                prop::option::of(table())
            )
                .prop_map(|(label, paragraphs, items, table)| Fact {
                    label,
                    paragraphs,
                    items,
                    table,
                }),
            0..4
        )
        .prop_map(|items| Block::Facts { items }),
        items().prop_map(|items| Block::List { items }),
        items().prop_map(|lines| Block::Address { lines }),
        text().prop_map(|text| Block::Draft { text }),
    ]
}

/// The section kinds with a built-in template (every `*.md.j2` but the frame and the macros).
fn kinds() -> Vec<&'static str> {
    BUILTIN_TEMPLATES
        .iter()
        .filter_map(|(name, _)| name.strip_suffix(".md.j2"))
        .filter(|k| !matches!(*k, "document" | "macros"))
        .collect()
}

fn section() -> impl Strategy<Value = Section> {
    (
        text(),
        select(kinds()),
        text(),
        prop::collection::vec(block(), 0..5),
    )
        .prop_map(|(id, kind, heading, blocks)| Section {
            id,
            kind: kind.to_string(),
            heading,
            paragraphs: Vec::new(),
            blocks,
            activity: None,
        })
}

fn document() -> impl Strategy<Value = Document> {
    (
        (text(), text(), text(), optional_text()),
        (text(), text(), text()),
        prop::collection::vec(section(), 0..6),
    )
        .prop_map(
            |((lang, title, date_text, controller_name), (contents, last, draft), sections)| {
                Document {
                    version: 1,
                    lang,
                    title,
                    date: "2026-11-22".into(),
                    date_text,
                    controller_name,
                    controller: None,
                    draft: !draft.is_empty(),
                    strings: Strings {
                        contents,
                        last_updated: last,
                        draft,
                    },
                    sections,
                }
            },
        )
}

fn runner(cases: u32, seed: u64) -> TestRunner {
    TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    })
}

#[test]
fn random_documents_render_the_same() {
    runner(400, 0x6e61_7469_7665)
        .run(&document(), |doc| {
            check_document(&doc, "random document");
            Ok(())
        })
        .unwrap();
}

/// A string literal of the record language holding `s`.
fn literal(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn random_records_render_the_same() {
    let strategy = prop::collection::vec(text(), 12);
    runner(200, 0x7265_636f_7264)
        .run(&strategy, |t| {
            let l: Vec<String> = t.iter().map(|s| literal(s)).collect();
            let record = format!(
                "controller {{ name {} address {} email \"x@y.de\" phone {} website {} dpo {{ name {} email \"d@y.de\" }} }}\n\
                 processor p {{ name {} country US transfer scc avv {{ signed 2024-01-01 }} certifications [iso27001] }}\n\
                 activity x {{ title {} purpose {} subjects [customers] data [contact] legal_basis legitimate_interest {{ interest {} balancing \"ok\" }} processors [p] recipients [{}] retention {} notice {} }}\n\
                 activity y {{ title {{ de {} en {} }} purpose \"Zweck\" subjects [customers] data [contact] legal_basis consent retention \"1 Jahr\" notice {} }}\n",
                l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8], l[9], l[10], l[11], l[0], l[1], l[2]
            );
            let ws = workspace(&[("a.ropa", record.as_str())]);
            let findings = ropa_lint::check(&ws, &ropa_lint::Config::default(), DATE);
            for lang in ["de", "en"] {
                let doc = PolicyRequest::new(&ws, lang, DATE).languages(&["de".into()]).mode(Mode::Draft(&findings)).document().unwrap();
                check_document(&doc, &format!("random record {lang}"));
                for (format, _) in FORMATS {
                    let builtin = Templates::builtin();
                    assert_same(
                        &PolicyRequest::new(&ws, lang, DATE).languages(&["de".into()]).format(format).templates(&builtin).mode(Mode::Draft(&findings)).generate()
                            .unwrap(),
                        &doc.render(format, &builtin).unwrap(),
                        &format!("random record {lang} {format:?} (streaming)"),
                    );
                }
                for id in ["x", "y"] {
                    let preview = |templates| {
                        PolicyRequest::new(&ws, lang, DATE)
                            .languages(&["de".into()])
                            .mode(Mode::Draft(&findings))
                            .templates(templates)
                            .activity_preview(id)
                            .unwrap()
                    };
                    let (native, engine) = (
                        preview(&Templates::builtin()),
                        preview(&builtins_as_user(&["activity.md.j2"])),
                    );
                    prop_assert_eq!(native, engine);
                }
            }
            Ok(())
        })
        .unwrap();
}

/// A user template of one format leaves the other format native; replacing any built-in of a
/// format sends the whole format through the template engine (where the override shows).
#[test]
fn overrides_decide_per_format() {
    let (ws, languages) = load(&example());
    let doc = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .document()
        .unwrap();
    let html_override = Templates::with_overrides([(
        "activity.html.j2".to_string(),
        "<section>custom {{ section.heading }}</section>".to_string(),
    )]);
    assert_eq!(
        doc.render(PolicyFormat::Markdown, &html_override).unwrap(),
        doc.render(PolicyFormat::Markdown, &Templates::builtin())
            .unwrap()
    );
    let html = doc
        .render(PolicyFormat::Html { standalone: true }, &html_override)
        .unwrap();
    assert!(html.contains("<section>custom "), "{html}");
    // A broken user template is reported as before, even when it is not used.
    let broken =
        Templates::with_overrides([("helpers.html.j2".to_string(), "{% if %}".to_string())]);
    assert!(
        doc.render(PolicyFormat::Html { standalone: false }, &broken)
            .is_err()
    );
    assert!(doc.render(PolicyFormat::Markdown, &broken).is_err());
    // In every format and every way in: the one decision of `request::writer`.
    assert!(doc.render(PolicyFormat::Json, &broken).is_err());
    for format in [PolicyFormat::Markdown, PolicyFormat::Json] {
        let request = PolicyRequest::new(&ws, "de", DATE)
            .languages(&languages)
            .format(format)
            .templates(&broken);
        assert!(request.generate().is_err(), "{format:?}");
        assert!(
            request.activity_preview("newsletter").is_err(),
            "{format:?}"
        );
    }
}
