//! The canonical style on messy inputs (insta snapshots in `tests/snapshots`), and the rules of
//! `docs/style.md` one by one.

#![allow(clippy::unwrap_used)]

mod common;

use ropa_fmt::{FormatError, TextEdit, apply, format, format_range, minimal_edits};

/// Formats `input`, checks the guarantees, and returns a snapshot showing input and output.
fn show(input: &str) -> String {
    assert!(common::check_roundtrip("snapshot", input));
    let out = format(input).unwrap();
    let visible = |s: &str| s.replace('\r', "␍").replace('\t', "→");
    format!(
        "{}\n----- formatted -----\n{}",
        visible(input),
        visible(&out)
    )
}

#[test]
fn everything_on_one_line() {
    insta::assert_snapshot!(show(
        r#"controller { name "Muster GmbH" address "Musterstraße 1, 10115 Berlin" email "dsb@muster.de" dpo { name "Dr. Erika Beispiel" email "dsb@muster.de" } } processor openai { name "OpenAI Ireland Ltd." country IE avv { signed 2024-03-01 document "openai-avv.pdf" } certifications [iso27001, soc2] } activity chatbot { title "KI-Chatbot" retention 90 days data [contact, chat_content] legal_basis contract }"#
    ));
}

#[test]
fn odd_indentation_and_blank_lines() {
    insta::assert_snapshot!(show(
        "\n\n\n      processor hetzner {\n name    \"Hetzner Online GmbH\"\n\n\n\n            country DE\n\n  }\n\n\n\n\nprocessor azure\n{\n  name \"Microsoft\"\n      }\n\n\n"
    ));
}

#[test]
fn comments_in_lists() {
    insta::assert_snapshot!(show(
        "activity a {\n  data [contact, // the e-mail address\n    // and what they write:\n    chat_content\n    , usage // pages visited\n  ]\n  subjects [ // who\n    customers ]\n  processors [openai // ropa-ignore nothing: just a note\n  ]\n}\n"
    ));
}

#[test]
fn comments_everywhere() {
    insta::assert_snapshot!(show(
        "// Verzeichnis der Verarbeitungstätigkeiten 🇩🇪\n\n\n// about openai\nprocessor // the kind\n  openai { // opening\n  name \"OpenAI\" // trailing\n\n\n  // own line\n  country // between key and value\n    IE\n  retention 90 // inside a duration\n    days\n  legal_basis consent // before the block\n    { mechanism \"banner\" }\n  k v // before a semicolon\n  ;\n  // last in the block\n} // after the item\n// at the end\n"
    ));
}

#[test]
fn crlf_line_endings() {
    let input = "activity a {\r\n\ttitle \"Tab-indented\";\r\n  notice \"\"\"\r\n      Zeile eins\r\n        eingerückt\r\n\r\n      Zeile drei\r\n      \"\"\"\r\n}\r\n";
    let out = format(input).unwrap();
    assert!(out.split_inclusive('\n').all(|l| l.ends_with("\r\n")));
    insta::assert_snapshot!(show(input));
}

#[test]
fn tabs_in_indentation() {
    insta::assert_snapshot!(show(
        "controller {\n\tname\t\"Tabs GmbH\"\n\temail\t\t\"a@b.de\"\n\tdpo {\n\t\tname \"X\"\n\t\temail \"x@b.de\"\n\t}\n\tnotice \"\"\"\n\t\tLine with tabs\n\t\t\tmore\n\t\t\"\"\"\n}\n"
    ));
}

#[test]
fn long_lists() {
    insta::assert_snapshot!(show(
        "activity a {\n  data [contact, chat_content, usage, device, online_identifiers, interests, purchase_history, location]\n  subjects [customers, prospects]\n  recipients [\"Steuerberater\", \"Wirtschaftsprüfer\",]\n  nested [[a, b], [c, d], [\"eine ziemlich lange Zeichenkette\", \"noch eine ziemlich lange Zeichenkette, die nicht passt\"]]\n  empty [ ]\n}\n"
    ));
}

#[test]
fn one_line_blocks() {
    insta::assert_snapshot!(show(
        "processor p {\n  avv { signed 2024-03-01  document \"vertraege/p-avv.pdf\" }\n  transfer scc { signed 2024-01-01 document \"vertraege/ein-sehr-langer-dateiname-der-nicht-mehr-in-die-zeile-passt.pdf\" }\n  joint_agreement {signed 2024-01-01}\n  dpia {\n    done 2024-05-02\n  }\n  five { a 1 b 2 c 3 d 4 e 5 }\n  nested { inner { a 1 } }\n  with_list { certifications [iso27001] }\n  with_text { notice \"\"\"\n    x\n    \"\"\" }\n}\nsubject s { label \"Einzeiler\" }\n"
    ));
}

#[test]
fn alignment_runs() {
    insta::assert_snapshot!(show(
        "activity a {\n  title { de \"T\"  en \"T\" }\n  purpose \"P\"\n  legal_basis consent\n  retention 13 months\n\n  subjects [customers]\n  data [usage]\n  // a comment line ends a run\n  scale large\n  collection indirect  // a trailing comment does not\n  source \"Adressbroker\"\n  ai {\n    profiling true\n    logic \"multi-line fields end a run\"\n  }\n  dpia { done 2024-05-02 }\n  notice \"N\"\n}\n"
    ));
}

#[test]
fn text_blocks_are_rebased() {
    insta::assert_snapshot!(show(
        "activity a {\n  title {\n    de \"\"\"   \n            Erste Zeile\n              eingerückt, mit 🚀 und „Anführungszeichen“\n\n            letzte Zeile   \n      \"\"\"\n    en \"\"\"\nflush left\n  two more\"\"\"\n  }\n  list [\"\"\"\n     in a list\n     \"\"\", x]\n  empty \"\"\"\n  \"\"\"\n  keep \"\"\"not a valid text block, kept as written\"\"\"\n}\n"
    ));
}

#[test]
fn semicolons_and_odd_spacing() {
    insta::assert_snapshot!(show(
        "subject s{label\"Kunden\";special false;}category c {label { de \"Gesundheit\" ; en \"health\" } ; special true ;retention 90days}\n"
    ));
}

#[test]
fn syntax_errors_are_refused() {
    let err = format("activity a {\n  title \"x\"\n  %%% broken\n}\n").unwrap_err();
    let FormatError::Syntax { line, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(*line, 3);
    let message = err.to_string();
    assert!(
        message.starts_with("this file has syntax errors; fix them first (line 3: "),
        "{message}"
    );
    assert!(format("activity a {\n  title \"x\"\n").is_err());
    assert!(format("activity a { title \"unterminated }\n").is_err());
    assert!(format_range("activity a {", 0..1).is_err());
}

#[test]
fn empty_files_and_byte_order_marks() {
    assert_eq!(format("").unwrap(), "");
    assert_eq!(format("\n\n  \n").unwrap(), "");
    assert_eq!(format("// only\n\n\n").unwrap(), "// only\n");
    assert_eq!(
        format("\u{feff}subject s{label \"x\"}").unwrap(),
        "\u{feff}subject s { label \"x\" }\n"
    );
}

#[test]
fn one_line_blocks_are_the_users_choice() {
    let one = "processor p {\n  avv { signed 2024-03-01 }\n}\n";
    let many = "processor p {\n  avv {\n    signed 2024-03-01\n  }\n}\n";
    assert_eq!(format(one).unwrap(), one);
    assert_eq!(format(many).unwrap(), many);
}

#[test]
fn lines_fit_in_100_columns() {
    let elements = (0..13)
        .map(|i| format!("e{i:03}"))
        .collect::<Vec<_>>()
        .join(", ");
    // `  k [` + elements + `, ` + last + `]` is exactly 100 columns.
    let last = 100 - 5 - elements.chars().count() - 2 - 1;
    let list = |last: &str| format!("subject s {{\n  k [{elements}, {last}]\n}}\n");
    let fits = list(&"x".repeat(last));
    assert_eq!(fits.lines().nth(1).unwrap().chars().count(), 100);
    assert_eq!(format(&fits).unwrap(), fits);
    let too_long = list(&"x".repeat(last + 1));
    assert_eq!(format(&too_long).unwrap().lines().count(), 14 + 4);
    // Columns count characters, not bytes.
    let umlauts = list(&format!("\"{}\"", "ä".repeat(last - 2)));
    assert_eq!(format(&umlauts).unwrap(), umlauts);

    // `  k { a "` + text + `" }` is exactly 100 columns.
    let block = |n: usize| format!("subject s {{\n  k {{ a \"{}\" }}\n}}\n", "x".repeat(n));
    assert_eq!(block(88).lines().nth(1).unwrap().chars().count(), 100);
    assert_eq!(format(&block(88)).unwrap(), block(88));
    assert_eq!(format(&block(89)).unwrap().lines().count(), 5);
}

#[test]
fn values_are_kept_as_written() {
    let input = "subject s {\n  a \"\\u{1F600} \\\"q\\\" \\\\ \\n\t tab\"\n  b 007\n  c 2024-02-30\n  d 1 days\n}\n";
    assert_eq!(format(input).unwrap(), input);
}

#[test]
fn range_formatting_touches_only_overlapping_items() {
    let text =
        "subject a{label \"A\"}\n\nsubject b{label\"B\";}\n\n\nsubject c {   label \"C\" }\n";
    let b_start = text.find("subject b").unwrap();
    let edits = format_range(text, b_start + 3..b_start + 5).unwrap();
    assert!(edits.iter().all(|e| e.range.start >= b_start));
    assert_eq!(
        apply(text, &edits),
        "subject a{label \"A\"}\n\nsubject b { label \"B\" }\n\n\nsubject c {   label \"C\" }\n"
    );
    // An empty range formats the item around it.
    let c_at = text.find("label \"C\"").unwrap();
    let edits = format_range(text, c_at..c_at).unwrap();
    assert_eq!(
        edits,
        vec![TextEdit {
            range: text.find("subject c").unwrap()..text.len() - 1,
            text: "subject c { label \"C\" }".to_string()
        }]
    );
    // A range over everything formats every item, the blank lines between them stay.
    let all = apply(text, &format_range(text, 0..text.len()).unwrap());
    assert_eq!(
        all,
        "subject a { label \"A\" }\n\nsubject b { label \"B\" }\n\n\nsubject c { label \"C\" }\n"
    );
    // Between items: nothing to do.
    assert_eq!(
        format_range(text, b_start - 1..b_start - 1).unwrap(),
        vec![]
    );
}

#[test]
fn range_formatting_keeps_crlf() {
    let text = "activity a {\r\ntitle \"x\"\r\n}\r\n";
    let edits = format_range(text, 0..1).unwrap();
    assert_eq!(
        apply(text, &edits),
        "activity a {\r\n  title \"x\"\r\n}\r\n"
    );
}

#[test]
fn minimal_edits_leave_unchanged_lines_alone() {
    let old = "activity a {\ntitle \"x\"\n\n  data [a]\n}\n";
    let new = format(old).unwrap();
    let edits = minimal_edits(old, &new);
    assert_eq!(apply(old, &edits), new);
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].text, "  title \"x\"\n");
}

#[test]
fn sections_and_clients_with_comments() {
    insta::assert_snapshot!(show(
        "// Policy-wide text\nsection   security { // the TLS note\n title { de \"Sicherheit 🔒\" en \"Security 🔒\" }\n  text \"\"\"\n    TLS überall.\n\n    Zweiter Absatz.\n    \"\"\"\n      place before_rights // where\n}\nclient kunde { name \"Kunde GmbH\" address \"Weg 1, Ort\"\n  // what we do for them\n  processing { de \"Hosting\" en \"Hosting\" } avv { signed 2025-01-10 document \"avv.pdf\" }\n  subprocessors [hetzner, // the servers\n  mailjet]\n  transfer scc { signed 2025-01-10 }\n}\n"
    ));
}

#[test]
fn a_cookie_table_with_comments_formats_idempotently() {
    let input = "activity a {\n  owner { de \"Marketing\" en \"Marketing department\" }\n  systems [\"CMS\", // the website\n \"Matomo\"]\n  internal_recipients [\"Vertrieb\"]\n  device_access { technology \"Cookies\"\n  // the table\n  cookie \"_ga\" { // Google\n  purpose { de \"Besucher\" en \"visitors\" } lifetime 13 months // as Google says\n  party third provider google }\n  cookie \"_pk_ses\" {purpose \"Besuch\"   lifetime { de \"30 Minuten\" en \"30 minutes\" } party first}\n  cookie \"x\" { lifetime session } // after the cookie\n  }\n}\n";
    let once = format(input).unwrap();
    assert_eq!(format(&once).unwrap(), once, "idempotent");
    for kept in [
        "// the table",
        "// Google",
        "// as Google says",
        "// after the cookie",
        "// the website",
        "cookie \"_pk_ses\"",
        "lifetime { de \"30 Minuten\"  en \"30 minutes\" }",
        "provider google",
    ] {
        assert!(once.contains(kept), "{kept}\n{once}");
    }
    insta::assert_snapshot!(show(input));
}
