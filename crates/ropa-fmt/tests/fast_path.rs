//! The formatter's fast path against tree-sitter: the token mode of the fast parser
//! ([`ropa_syntax::parse_flat_with_tokens`]) must read every node as tree-sitter does, and
//! formatting from it must give the same result (see [`common::fast_path_agrees`]). Checked on
//! every `.ropa` file and corpus case in the repository and on random token sequences; the
//! random documents of `proptest.rs` and the `format_fast` fuzz target run the same oracle.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{corpus_cases, fast_path_agrees, repo_root};

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

/// A small deterministic generator (as in `ropa-analysis/tests/fast_path.rs`, with more
/// comments).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn pick<'s>(&mut self, from: &[&'s str]) -> &'s str {
        from[self.next() as usize % from.len()]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
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

fn value(r: &mut Random, depth: u32, out: &mut Vec<String>) {
    if depth < 2 && r.chance(15) {
        out.push("[".into());
        for i in 0..r.next() % 4 {
            if i > 0 {
                out.push(",".into());
            }
            value(r, depth + 1, out);
        }
        if r.chance(30) {
            out.push(",".into());
        }
        out.push("]".into());
    } else if r.chance(12) {
        out.push(r.pick(&["1", "90", "12"]).into());
        out.push(r.pick(&["day", "days", "week", "months", "years"]).into());
    } else {
        out.push(r.pick(VALUES).into());
    }
}

fn block(r: &mut Random, depth: u32, out: &mut Vec<String>) {
    out.push("{".into());
    for _ in 0..r.next() % 6 {
        out.push(r.pick(KEYS).into());
        let with_value = r.chance(75);
        if with_value {
            value(r, 0, out);
        }
        if depth < 2 && (!with_value || r.chance(10)) {
            block(r, depth + 1, out);
        }
        if r.chance(20) {
            out.push(";".into());
        }
    }
    out.push("}".into());
}

fn random_file(r: &mut Random) -> String {
    let mut tokens = Vec::new();
    for _ in 0..r.next() % 4 {
        tokens.push(r.pick(&["activity", "processor", "subject"]).into());
        if r.chance(85) {
            tokens.push(r.pick(&["support_chatbot", "a", "_x", "days"]).into());
        }
        block(r, 0, &mut tokens);
    }
    for _ in 0..r.next() % 3 {
        if tokens.is_empty() {
            break;
        }
        let at = r.next() as usize % tokens.len();
        match r.next() % 3 {
            0 => {
                tokens.remove(at);
            }
            1 => tokens.insert(at, tokens[at].clone()),
            _ => tokens.insert(at, r.pick(JUNK).into()),
        }
    }
    // Sparse or dense whitespace variety: one-line blocks and lists need lines without
    // comments.
    let dense = r.chance(50);
    let mut text = String::new();
    for token in tokens {
        text.push_str(&token);
        text.push_str(if dense { r.pick(SPACE) } else { " " });
    }
    text
}

#[test]
fn random_token_sequences_format_the_same_on_both_paths() {
    let mut r = Random(0xF0A7);
    let (mut accepted, total) = (0, 20_000);
    for _ in 0..total {
        let text = random_file(&mut r);
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
