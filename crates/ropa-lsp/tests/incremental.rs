//! Incremental = from scratch: random sequences of range edits (fixed seeds, a small LCG) applied
//! through `Document::apply` give the same text, tree and syntax errors as parsing the final text
//! from scratch, with positions in UTF-8 and in UTF-16 code units, over text with multibyte
//! characters and all three kinds of line break; and lowering each version while taking over the
//! untouched items of the previous one (`File::from_parse_reusing`, as the server does) gives the
//! same model and findings as lowering from scratch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ropa_analysis::{File, FileId};
use ropa_lsp::{Change, Document};
use ropa_syntax::{ColumnUnit, LineCol, Parse};

/// Knuth's MMIX linear congruential generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const BASE: &str = "// Verzeichnis — „Grüße“ 👋\r\ncontroller {\n  name    \"Muster GmbH\"\n  address \"Musterstraße 1, 10115 Berlin\"\r\n  email   \"datenschutz@muster.de\"\n}\n\nprocessor openai {\r  name    \"OpenAI Ireland Ltd. 🤖\"\n  country IE\n  avv { signed 2024-03-01  document \"verträge/avv.pdf\" }\n  certifications [iso27001, soc2]\n}\n\nactivity chatbot {\n  title       { de \"KI-Chatbot „Grüße“ 👋\"  en \"AI chatbot 👨‍👩‍👧\" }\n  purpose     \"\"\"\n    Kundenanfragen beantworten, Maß halten.\n    \"\"\"\n  subjects    [customers, prospects,]\n  data        [chat_content]\n  legal_basis consent { mechanism \"Häkchen\"  withdrawal \"jederzeit\" }\n  processors  [openai]\n  retention   90 days;\n  ai { chatbot true  disclosure \"Sie chatten mit einer KI 🤖.\"  provider openai }\n}\n";

/// What an edit inserts: fragments of the language, multibyte characters, line breaks and
/// things that break the syntax.
const SNIPPETS: &[&str] = &[
    "",
    "",
    "ä",
    "ß",
    "👋",
    "👨‍👩‍👧",
    "„x“",
    "\n",
    "\r\n",
    "\r",
    " ",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    "\"",
    "\"Grüße\"",
    "\"\"\"\n  Text 😀\n  \"\"\"",
    "activity neu {",
    "processor p { name \"P\" country US }\n",
    "  retention 2 years\n",
    "title \"Straße\"",
    "data [contact, health]",
    "legal_basis contract",
    "ai { profiling true }",
    "// ropa-ignore missing-retention: weil\n",
    "2024-02-30",
    "90 days",
    "true",
    "x_1",
];

/// Byte offsets where a position may fall: character boundaries, not between `\r` and `\n`.
fn boundaries(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .filter(|&i| !(i > 0 && bytes[i - 1] == b'\r' && bytes.get(i) == Some(&b'\n')))
        .collect()
}

/// The (line, column) of a byte offset; lines break at `\n`, `\r\n` and a lone `\r` (computed
/// here, independently of the server).
fn line_col(text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
    let bytes = text.as_bytes();
    let mut line = 0;
    let mut start = 0;
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'\n' => {
                line += 1;
                start = i + 1;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let before = &text[start..offset];
    let col = match unit {
        ColumnUnit::Utf8 => before.len(),
        ColumnUnit::Utf16 => before.chars().map(char::len_utf16).sum(),
        ColumnUnit::Char => before.chars().count(),
    };
    LineCol {
        line,
        col: col as u32,
    }
}

/// A random edit of `text`: the change to send and the text after it.
fn random_edit(rng: &mut Lcg, text: &str, unit: ColumnUnit) -> (Change, String) {
    if rng.below(40) == 0 {
        // Now and then the client sends the whole text.
        let new = format!("{}{}", rng.pick(SNIPPETS), text);
        return (
            Change {
                range: None,
                text: new.clone(),
            },
            new,
        );
    }
    let points = boundaries(text);
    let a = rng.below(points.len());
    let span = if rng.below(3) == 0 { 0 } else { rng.below(12) };
    let b = (a + span).min(points.len() - 1);
    let (start, end) = (points[a], points[b]);
    let insert = rng.pick(SNIPPETS);
    let mut new = text.to_string();
    new.replace_range(start..end, insert);
    let change = Change {
        range: Some((line_col(text, start, unit), line_col(text, end, unit))),
        text: insert.to_string(),
    };
    (change, new)
}

/// The lowering of a document's versions, each one taking over from the previous one.
struct Lowered(File);

impl Lowered {
    fn new(text: &str) -> Lowered {
        Lowered(File::from_text(
            FileId(0),
            "a.ropa".into(),
            text.to_string(),
        ))
    }

    /// Lowers the document's current version from the previous one and compares with a
    /// lowering from scratch.
    fn step(&mut self, doc: &Document, context: &str) {
        let parse = Parse {
            tree: doc.tree.clone(),
            errors: doc.errors.clone(),
        };
        let next = File::from_parse_reusing(
            FileId(0),
            "a.ropa".into(),
            doc.text.clone(),
            parse,
            &mut self.0,
        );
        let fresh = File::from_text(FileId(0), "a.ropa".into(), doc.text.clone());
        assert_eq!(next.model, fresh.model, "{context}\n{:?}", doc.text);
        assert_eq!(
            next.diagnostics, fresh.diagnostics,
            "{context}\n{:?}",
            doc.text
        );
        // Built here, so that the next step derives its index from this one.
        assert_eq!(
            next.line_index(),
            fresh.line_index(),
            "{context}\n{:?}",
            doc.text
        );
        self.0 = next;
    }
}

fn check_equal(doc: &Document, expected: &str, context: &str) {
    assert_eq!(doc.text, expected, "{context}");
    let fresh = ropa_syntax::parse(expected);
    assert_eq!(
        doc.tree.root_node().to_sexp(),
        fresh.tree.root_node().to_sexp(),
        "{context}\n{expected:?}"
    );
    assert_eq!(doc.errors, fresh.errors, "{context}\n{expected:?}");
}

fn run(seed: u64, unit: ColumnUnit, steps: usize) {
    let mut rng = Lcg(seed);
    let mut expected = BASE.to_string();
    let mut doc = Document::new(1, expected.clone());
    let mut lowered = Lowered::new(&expected);
    for step in 0..steps {
        // One to four changes per notification, each relative to the text after the previous.
        let batch = 1 + rng.below(4);
        let mut changes = Vec::new();
        for _ in 0..batch {
            let (change, new) = random_edit(&mut rng, &expected, unit);
            changes.push(change);
            expected = new;
        }
        let described = format!("seed {seed}, {unit:?}, step {step}: {changes:?}");
        doc.apply(step as i32 + 2, changes, unit);
        check_equal(&doc, &expected, &described);
        lowered.step(&doc, &described);
        assert_eq!(doc.version, step as i32 + 2);
        // Keep the text from growing without bound.
        if expected.len() > 4 * BASE.len() {
            expected = BASE.to_string();
            doc.apply(
                0,
                vec![Change {
                    range: None,
                    text: expected.clone(),
                }],
                unit,
            );
            lowered.step(&doc, "reset");
        }
    }
}

#[test]
fn random_edits_in_utf16_units_match_a_fresh_parse() {
    for seed in 1..=12 {
        run(seed, ColumnUnit::Utf16, 150);
    }
}

#[test]
fn random_edits_in_utf8_units_match_a_fresh_parse() {
    for seed in 101..=112 {
        run(seed, ColumnUnit::Utf8, 150);
    }
}

#[test]
fn typing_a_file_character_by_character_matches_a_fresh_parse() {
    // Type BASE from nothing, one character per notification, in UTF-16 units.
    let mut doc = Document::new(1, String::new());
    let mut lowered = Lowered::new("");
    let mut typed = String::new();
    for (i, c) in BASE.chars().enumerate() {
        let at = line_col(&typed, typed.len(), ColumnUnit::Utf16);
        doc.apply(
            i as i32 + 2,
            vec![Change {
                range: Some((at, at)),
                text: c.to_string(),
            }],
            ColumnUnit::Utf16,
        );
        typed.push(c);
        if c == '\n' || c == '}' {
            check_equal(&doc, &typed, &format!("after {i} characters"));
        }
        lowered.step(&doc, &format!("after {i} characters"));
    }
    check_equal(&doc, BASE, "typed");
    // And delete it again from the front, a character at a time.
    let mut rest = BASE.to_string();
    while let Some(c) = rest.chars().next() {
        // `\r\n` goes as one line break.
        let len = if rest.starts_with("\r\n") {
            2
        } else {
            c.len_utf8()
        };
        let end = line_col(&rest, len, ColumnUnit::Utf16);
        let start = LineCol { line: 0, col: 0 };
        doc.apply(
            0,
            vec![Change {
                range: Some((start, end)),
                text: String::new(),
            }],
            ColumnUnit::Utf16,
        );
        rest.drain(..len);
        if rest.starts_with('\n') || rest.is_empty() {
            check_equal(&doc, &rest, "deleting");
        }
        lowered.step(&doc, "deleting");
    }
}

/// A keystroke that breaks the syntax and the one that mends it again, at the start of every
/// line in turn (the language server parses a broken version from scratch and keeps an
/// error-free incremental parse, also right after a broken version): each version has the tree
/// and the syntax errors of a fresh parse.
#[test]
fn breaking_and_mending_the_syntax_matches_a_fresh_parse() {
    let mut doc = Document::new(1, BASE.to_string());
    let mut version = 1;
    // Lines as LSP counts them: `\r\n`, `\n` and `\r` each end one.
    let lines = BASE.replace("\r\n", "\n").split(['\n', '\r']).count();
    for line in 0..lines as u32 {
        for snippet in ["x  ", "{", "\""] {
            let at = LineCol { line, col: 0 };
            let len = snippet.encode_utf16().count() as u32;
            version += 1;
            doc.apply(
                version,
                vec![Change {
                    range: Some((at, at)),
                    text: snippet.to_string(),
                }],
                ColumnUnit::Utf16,
            );
            let broken = doc.text.clone();
            check_equal(&doc, &broken, &format!("{snippet:?} at line {line}"));
            version += 1;
            doc.apply(
                version,
                vec![Change {
                    range: Some((at, LineCol { line, col: len })),
                    text: String::new(),
                }],
                ColumnUnit::Utf16,
            );
            check_equal(&doc, BASE, &format!("{snippet:?} removed at line {line}"));
        }
    }
}
