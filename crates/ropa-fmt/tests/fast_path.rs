//! The formatter's fast path against tree-sitter: the token mode of the fast parser
//! ([`ropa_syntax::parse_flat_with_tokens`]) must read every node as tree-sitter does, and
//! formatting from it must give the same result (see [`common::fast_path_agrees`]). Checked on
//! every `.ropa` file and corpus case in the repository and on random token sequences; the
//! random documents of `proptest.rs` and the `format_fast` fuzz target run the same oracle.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{fast_path_agrees, repo_root};
use ropa_syntax::testing::{Random, Vocabulary, corpus_cases, random_file};

fn ropa_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if !matches!(
                name.to_str(),
                Some("target" | "node_modules" | ".git" | "fuzz")
            ) {
                ropa_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "ropa") {
            out.push(path);
        }
    }
}

#[test]
fn every_file_in_the_repository_formats_the_same_on_both_paths() {
    let root = repo_root();
    let mut paths = Vec::new();
    ropa_files(&root, &mut paths);
    paths.sort();
    assert!(paths.len() > 100, "only {} .ropa files found", paths.len());
    let mut accepted = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        accepted += usize::from(fast_path_agrees(&text));
        // Formatted text too: the check is skipped when nothing changes, not the printing.
        if let Ok(formatted) = ropa_fmt::format(&text) {
            fast_path_agrees(&formatted);
        }
    }
    assert!(accepted * 2 > paths.len(), "{accepted} of {}", paths.len());

    let mut cases = 0;
    for entry in std::fs::read_dir(root.join("grammar/test/corpus")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (_, case) in corpus_cases(&text) {
            fast_path_agrees(&case);
            fast_path_agrees(&format!("{case}\n"));
            cases += 1;
        }
    }
    assert!(cases > 50, "only {cases} corpus cases");
}

#[test]
fn comments_are_placed_where_tree_sitter_puts_them() {
    let c = "// c\n";
    let texts = [
        format!("{c}activity {c} a {c} {{ {c} x {c} 1 {c} ; {c} y {c} 2 {c} days {c} }} {c}"),
        format!("activity a {{ l {c} [ {c} a {c} , {c} b {c} , {c} ] {c} b {c} {{ {c} }} {c} }}"),
        format!("activity a {{ x 1 // c\n}}\nsubject {{ t true {c} f false {c}; }} {c}{c}"),
        format!("activity a {{ d 2 {c} }} activity b {{ d [2 {c} years] }}"),
        format!("activity a {{ x \"\"\"\n  // no comment\n  \"\"\" {c} }}"),
        "activity a { x 1 } // ropa-ignore unknown-field: why\n".to_string(),
        "// only a comment".to_string(),
        "".to_string(),
        "  \n".to_string(),
        "\u{FEFF}".to_string(),
        "\u{FEFF}// c\r\nactivity a{x 1// c\r\n}".to_string(),
    ];
    for text in &texts {
        assert!(fast_path_agrees(text), "{text:?} was declined");
    }
}

const KEYS: &[&str] = &[
    "title",
    "purpose",
    "data",
    "retention",
    "ai",
    "name",
    "avv",
    "label",
    "notice",
    "de",
    "en",
    "x_y",
    "_k",
    "Tïtle",
    "true",
    "days",
    "activity",
    "a_very_long_key_to_push_a_line_over_the_limit_of_one_hundred",
];

const VALUES: &[&str] = &[
    "\"Kundenservice\"",
    "\"Grüße aus Köln 👋\"",
    "\"„typografisch“ \\\"zitiert\\\"\"",
    "\"\\q\"",
    "\"\"",
    "\"Ein ziemlich langer Text, der allein schon fast die halbe Zeile füllt, oder mehr\"",
    "\"\"\"\n  Zeile eins\n    Zeile zwei\n  \"\"\"",
    "\"\"\"kein Umbruch\"\"\"",
    "\"\"\"\"\"\"",
    "\"\"\"\r\n\t a\r  b\n  \"\"\"",
    "consent",
    "processor",
    "true",
    "false",
    "90",
    "007",
    "2024-03-01",
    "2024-3-01",
    "days",
];

const JUNK: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    "/",
    "ß",
    "\"offen",
    "\"\"\"",
    "\u{A0}",
    "// ropa-ignore x",
    "",
    "\0",
];

const SPACE: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\n  ",
    "\n\n",
    "\t",
    "\r\n",
    "\r",
    "\u{FEFF}",
    " // Kommentar ä\n",
    "\n// eigene Zeile\n\n",
    "//x\r\n",
    "",
];

/// The formatter's vocabulary: long keys and texts (lines over the limit), comments on lines of
/// their own and after tokens, CR/LF variety.
const VOCABULARY: Vocabulary = Vocabulary {
    kinds: &["activity", "processor", "subject"],
    names: &["support_chatbot", "a", "_x", "days"],
    keys: KEYS,
    values: VALUES,
    units: &["day", "days", "week", "months", "years"],
    junk: JUNK,
    space: SPACE,
    fields: 6,
    varied_space: 50,
};

#[test]
fn random_token_sequences_format_the_same_on_both_paths() {
    let mut r = Random(0xF0A7);
    let (mut accepted, total) = (0, 20_000);
    for _ in 0..total {
        let text = random_file(&mut r, &VOCABULARY);
        if fast_path_agrees(&text) {
            accepted += 1;
            if let Ok(formatted) = ropa_fmt::format(&text) {
                fast_path_agrees(&formatted);
            }
        }
    }
    assert!(
        accepted > total / 10 && accepted < total * 9 / 10,
        "{accepted} of {total} accepted"
    );
}
