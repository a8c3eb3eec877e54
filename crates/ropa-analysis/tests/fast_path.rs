//! The fast path ([`ropa_syntax::parse_flat`]) against tree-sitter: whenever it accepts a text,
//! tree-sitter must parse that text without an error into the same named nodes (kind, field,
//! range, nesting), and lowering must give the same model and findings. Checked on every `.ropa`
//! file and corpus case in the repository and on random token sequences; the `flat` fuzz target
//! runs the same oracle on arbitrary input.

use std::path::{Path, PathBuf};

use ropa_analysis::{File, FileId};
use ropa_syntax::testing::{Random, Vocabulary, corpus_cases, random_file};
use ropa_syntax::{FlatTree, parse_flat};

/// The oracle; returns whether the fast path accepted `text`.
fn agrees(text: &str) -> bool {
    let Some(flat) = parse_flat(text) else {
        return false;
    };
    let parse = ropa_syntax::parse(text);
    assert!(
        parse.errors.is_empty() && !parse.tree.root_node().has_error(),
        "the fast path accepted a text with syntax errors: {text:?}"
    );
    assert_eq!(
        flat,
        FlatTree::of_tree(&parse.tree, text.len()),
        "different nodes for {text:?}"
    );
    let slow = File::from_text(FileId(0), "a.ropa".into(), text.to_string());
    let fast = File::without_tree(FileId(0), "a.ropa".into(), text.as_bytes().to_vec());
    assert_eq!(fast.model, slow.model, "different models for {text:?}");
    assert_eq!(
        fast.diagnostics, slow.diagnostics,
        "different findings for {text:?}"
    );
    assert!(!fast.has_tree());
    assert_eq!(
        fast.tree().root_node().to_sexp(),
        parse.tree.root_node().to_sexp(),
        "the tree parsed on demand"
    );
    true
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

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
fn every_file_in_the_repository_reads_the_same_on_both_paths() {
    let root = repository();
    let mut paths = Vec::new();
    ropa_files(&root, &mut paths);
    paths.sort();
    assert!(paths.len() > 100, "only {} .ropa files found", paths.len());
    let mut accepted = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        accepted += usize::from(agrees(&text));
    }
    // The clean examples are error-free and have no suppressions: all of them take the fast path.
    let mut example = Vec::new();
    for clean in ["muster-marketing", "shop", "agency"] {
        ropa_files(&root.join("examples").join(clean), &mut example);
    }
    assert!(!example.is_empty());
    for path in example {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            agrees(&text),
            "{} was not read by the fast path",
            path.display()
        );
    }
    assert!(accepted * 2 > paths.len(), "{accepted} of {}", paths.len());

    let mut cases = 0;
    for corpus in ["items", "fields", "values", "errors"] {
        let text = std::fs::read_to_string(root.join(format!("grammar/test/corpus/{corpus}.txt")))
            .unwrap_or_default();
        for (_, case) in corpus_cases(&text) {
            agrees(&case);
            cases += 1;
        }
    }
    assert!(cases > 50, "only {cases} corpus cases");
}

#[test]
fn the_shapes_it_knows_are_accepted_and_the_rest_declined() {
    for text in [
        "",
        "\u{FEFF}controller { name \"Ä\" }",
        "activity a { retention 90 days; ai { chatbot true } }\r\n",
        "activity a{data[a,b,]subjects[]x[[1,2 years],2024-01-01]}",
        "processor p { role processor transfer scc { signed 2024-02-30 } }",
        "activity a { notice \"\"\"\n  Hallo 👋\n  \"\"\" } // „Kommentar“",
        "activity a { t \"\\q\" u \"\\u{1F600}\" }",
        "category c { label { de \"ß\" en \"ss\" } }",
    ] {
        assert!(agrees(text), "{text:?} was declined");
    }
    for text in [
        "activity a {",
        "activity { x }",
        "activity a { true 1 }",
        "activity a { days 1 }",
        "activity a { x 90days }",
        "activity a { x 2024-01 }",
        "activity a { straße 1 }",
        "activity a { x \"a\nb\" }",
        "activity a { x \"\"\"\n  open }",
        "activity a { x days }",
        "activity a { x 1 } ;",
        "activity a { x 1 } // ropa-ignore unknown-field",
        "activity a {\u{A0}x 1 }",
        "activity a { x \"\0\" }",
        "activity activity { x 1 }",
    ] {
        assert!(!agrees(text), "{text:?} was accepted");
    }
}

const KEYS: &[&str] = &[
    "title",
    "purpose",
    "data",
    "subjects",
    "legal_basis",
    "retention",
    "processors",
    "ai",
    "chatbot",
    "disclosure",
    "name",
    "country",
    "avv",
    "signed",
    "transfer",
    "role",
    "label",
    "special",
    "notice",
    "de",
    "en",
    "x_y",
    "_k",
    "Tïtle",
    "true",
    "days",
    "activity",
    "mechanism",
];

const VALUES: &[&str] = &[
    "\"Kundenservice\"",
    "\"Grüße aus Köln 👋\"",
    "\"„typografisch“ \\\"zitiert\\\"\"",
    "\"\\u{1F600}\\n\\t\\\\\"",
    "\"\\q\"",
    "\"\"",
    "\"\"\"\n  Zeile eins\n    Zeile zwei\n  \"\"\"",
    "\"\"\"kein Umbruch\"\"\"",
    "\"\"\"\"\"\"",
    "\"\"\"\n  a \"zitat\" b \"\"x\n  \"\"\"",
    "consent",
    "legitimate_interest",
    "processor",
    "controller",
    "IE",
    "true",
    "false",
    "90",
    "007",
    "99999999999999999999999",
    "2024-03-01",
    "2024-02-30",
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
    "-",
    "ß",
    "\"offen",
    "\"\"\"",
    "\u{A0}",
    "\u{c}",
    "// ropa-ignore x",
    "",
    "\0",
    "@",
];

const SPACE: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\n  ",
    "\t",
    "\r\n",
    "\r",
    "\u{FEFF}",
    " // Kommentar ä\n",
    "",
];

/// The vocabulary: every kind of token, keywords where identifiers go, hostile strings.
const VOCABULARY: Vocabulary = Vocabulary {
    kinds: &[
        "activity",
        "processor",
        "controller",
        "category",
        "subject",
        "section",
        "client",
    ],
    names: &["support_chatbot", "a", "openai", "_x", "days"],
    keys: KEYS,
    values: VALUES,
    units: &["day", "days", "week", "months", "year", "years"],
    junk: JUNK,
    space: SPACE,
    fields: 5,
    varied_space: 100,
};

#[test]
fn random_token_sequences_read_the_same_on_both_paths() {
    let mut r = Random(0x5EED);
    let (mut accepted, total) = (0, 20_000);
    for _ in 0..total {
        accepted += usize::from(agrees(&random_file(&mut r, &VOCABULARY)));
    }
    // Both sides of the oracle are exercised.
    assert!(
        accepted > total / 10 && accepted < total * 9 / 10,
        "{accepted} of {total} accepted"
    );
}
