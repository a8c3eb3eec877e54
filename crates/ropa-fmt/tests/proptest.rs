//! Random valid documents — comments in every gap, random whitespace and `;`, umlauts and emoji,
//! text blocks with odd indentation — must format losslessly and idempotently.

#![allow(clippy::unwrap_used)]

mod common;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{RngAlgorithm, RngSeed, TestError, TestRunner};

const KINDS: &[&str] = &[
    "controller",
    "processor",
    "activity",
    "category",
    "subject",
    "section",
    "client",
];
const NAMES: &[&str] = &["a", "openai", "support_chatbot", "x9", "_p"];
const KEYS: &[&str] = &[
    "name",
    "title",
    "data",
    "k",
    "legal_basis",
    "biometric_categorisation",
    "x1",
    "de",
    "en",
];
const IDENTS: &[&str] = &[
    "consent",
    "DE",
    "openai",
    "iso27001",
    "x_1",
    "_a",
    "processor",
];
const UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years",
];
const STRING_PIECES: &[&str] = &[
    "a",
    "Grüße",
    "Straße",
    "😀",
    "🇩🇪",
    "\\\"",
    "\\\\",
    "\\n",
    "\\t",
    "\\u{1F600}",
    " ",
    "„ok“",
    "\t",
    "// not a comment",
    "[x, y]",
    "Ein ziemlich langer Text, der allein schon fast die halbe Zeile füllt",
];
const TEXT_PIECES: &[&str] = &[
    "Zeile",
    "ä ö ü ß",
    "🚀 emoji",
    "  inner",
    "x",
    "\tTab",
    "end.",
    "// no comment",
    "'single' quote",
];
/// Whitespace between tokens; `""` is replaced by a space where a separator is needed.
const WS: &[&str] = &[
    "", " ", "  ", "\t", "\n", "\n\n", "\n  ", " \n\n\t ", "\r\n", "\n\n\n", "\u{feff}",
];
const COMMENTS: &[&str] = &[
    "// c",
    "//",
    "// ropa-ignore missing-avv: audited",
    "// Kommentar mit Umlauten äöü und Emoji 🎉",
    "//no space   ",
    "// \"quoted\" [list] { block } ;",
];

#[derive(Clone, Debug)]
struct TextBlock {
    /// (indent, use tabs, content); empty content is a blank line.
    lines: Vec<(usize, bool, &'static str)>,
    base: usize,
    closing_indent: usize,
    closing_on_last_line: bool,
}

#[derive(Clone, Debug)]
enum Value {
    Str(String),
    Ident(&'static str),
    Int(u32),
    Date(String),
    Duration(u32, &'static str),
    Bool(bool),
    List(Vec<Value>, bool),
    Text(TextBlock),
}

#[derive(Clone, Debug)]
struct Field {
    key: &'static str,
    value: Option<Value>,
    body: Option<Block>,
    semi: bool,
}

#[derive(Clone, Debug)]
struct Block(Vec<Field>);

#[derive(Clone, Debug)]
struct Item {
    kind: &'static str,
    name: Option<&'static str>,
    body: Block,
}

#[derive(Clone, Debug)]
struct Doc {
    items: Vec<Item>,
    ws: Vec<usize>,
    comments: Vec<u8>,
    /// Percentage of gaps that get a comment (0 leaves room for one-line blocks and lists).
    density: u8,
}

fn string_lit() -> impl Strategy<Value = String> {
    vec(select(STRING_PIECES), 0..5).prop_map(|p| format!("\"{}\"", p.concat()))
}

fn text_block() -> impl Strategy<Value = TextBlock> {
    (
        vec(
            (
                0usize..6,
                any::<bool>(),
                prop_oneof![Just(""), select(TEXT_PIECES)],
            ),
            0..5,
        ),
        0usize..9,
        0usize..9,
        any::<bool>(),
    )
        .prop_map(
            |(lines, base, closing_indent, closing_on_last_line)| TextBlock {
                lines,
                base,
                closing_indent,
                closing_on_last_line,
            },
        )
}

fn value() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        string_lit().prop_map(Value::Str),
        select(IDENTS).prop_map(Value::Ident),
        (0u32..100_000).prop_map(Value::Int),
        (1900u32..2100, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| Value::Date(format!("{y:04}-{m:02}-{d:02}"))),
        (0u32..1000, select(UNITS)).prop_map(|(a, u)| Value::Duration(a, u)),
        any::<bool>().prop_map(Value::Bool),
        text_block().prop_map(Value::Text),
    ];
    scalar.prop_recursive(2, 16, 6, |inner| {
        (vec(inner, 0..6), any::<bool>()).prop_map(|(v, t)| Value::List(v, t))
    })
}

fn block(depth: u32) -> BoxedStrategy<Block> {
    let field = if depth == 0 {
        (select(KEYS), value(), any::<bool>())
            .prop_map(|(key, value, semi)| Field {
                key,
                value: Some(value),
                body: None,
                semi,
            })
            .boxed()
    } else {
        (
            select(KEYS),
            option::weighted(0.7, value()),
            option::weighted(0.4, block(depth - 1)),
            any::<bool>(),
        )
            .prop_map(|(key, value, body, semi)| {
                let value = if value.is_none() && body.is_none() {
                    Some(Value::Bool(true))
                } else {
                    value
                };
                Field {
                    key,
                    value,
                    body,
                    semi,
                }
            })
            .boxed()
    };
    vec(field, 0..6).prop_map(Block).boxed()
}

fn doc() -> impl Strategy<Value = Doc> {
    let item = (select(KINDS), option::of(select(NAMES)), block(2))
        .prop_map(|(kind, name, body)| Item { kind, name, body });
    (
        vec(item, 0..4),
        vec(0..WS.len(), 1..64),
        vec(0u8..100, 1..64),
        prop_oneof![Just(0u8), 0u8..40],
    )
        .prop_map(|(items, ws, comments, density)| Doc {
            items,
            ws,
            comments,
            density,
        })
}

/// Writes a document, drawing whitespace and comments for every gap from the pools.
struct Writer<'d> {
    doc: &'d Doc,
    out: String,
    n: usize,
}

impl Writer<'_> {
    fn gap(&mut self, required: bool) {
        self.n += 1;
        let ws = WS[self.doc.ws[self.n % self.doc.ws.len()]];
        let c = self.doc.comments[self.n % self.doc.comments.len()];
        self.out
            .push_str(if required && ws.is_empty() { " " } else { ws });
        if c < self.doc.density {
            self.out.push_str(COMMENTS[usize::from(c) % COMMENTS.len()]);
            self.out.push('\n');
            let ws = WS[self.doc.ws[(self.n * 7 + 3) % self.doc.ws.len()]];
            self.out.push_str(ws);
        }
    }

    fn item(&mut self, item: &Item) {
        self.out.push_str(item.kind);
        self.gap(true);
        if let Some(name) = item.name {
            self.out.push_str(name);
            self.gap(true);
        }
        self.block(&item.body);
    }

    fn block(&mut self, block: &Block) {
        self.out.push('{');
        for field in &block.0 {
            self.gap(true);
            self.field(field);
        }
        self.gap(false);
        self.out.push('}');
    }

    fn field(&mut self, field: &Field) {
        self.out.push_str(field.key);
        if let Some(value) = &field.value {
            self.gap(true);
            self.value(value);
        }
        if let Some(body) = &field.body {
            self.gap(true);
            self.block(body);
        }
        if field.semi {
            self.gap(false);
            self.out.push(';');
        }
    }

    fn value(&mut self, value: &Value) {
        match value {
            Value::Str(s) => self.out.push_str(s),
            Value::Ident(s) => self.out.push_str(s),
            Value::Int(n) => self.out.push_str(&n.to_string()),
            Value::Date(d) => self.out.push_str(d),
            Value::Duration(n, unit) => {
                self.out.push_str(&n.to_string());
                self.gap(true);
                self.out.push_str(unit);
            }
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::List(elements, trailing_comma) => {
                self.out.push('[');
                for (i, e) in elements.iter().enumerate() {
                    if i > 0 {
                        self.gap(false);
                        self.out.push(',');
                    }
                    self.gap(false);
                    self.value(e);
                }
                if *trailing_comma && !elements.is_empty() {
                    self.gap(false);
                    self.out.push(',');
                }
                self.gap(false);
                self.out.push(']');
            }
            Value::Text(t) => self.text_block(t),
        }
    }

    fn text_block(&mut self, t: &TextBlock) {
        self.out.push_str("\"\"\"");
        if t.base.is_multiple_of(3) {
            self.out.push_str("  ");
        }
        let nl = if t.base % 4 == 1 { "\r\n" } else { "\n" };
        self.out.push_str(nl);
        let indent = |n: usize, tabs: bool| if tabs { "\t".repeat(n) } else { " ".repeat(n) };
        for (i, (rel, tabs, content)) in t.lines.iter().enumerate() {
            if content.is_empty() {
                // A blank line, sometimes holding whitespace.
                self.out.push_str(&" ".repeat(rel % 3));
            } else {
                self.out
                    .push_str(&indent(t.base, *tabs && t.base.is_multiple_of(2)));
                self.out.push_str(&indent(*rel, false));
                self.out.push_str(content);
                if rel % 4 == 3 {
                    self.out.push_str("   ");
                }
            }
            let last = i + 1 == t.lines.len();
            if !(last && t.closing_on_last_line && !content.is_empty()) {
                self.out.push_str(nl);
            }
        }
        let attached = t.closing_on_last_line && t.lines.last().is_some_and(|l| !l.2.is_empty());
        if !attached {
            self.out.push_str(&" ".repeat(t.closing_indent));
        }
        self.out.push_str("\"\"\"");
    }
}

fn render(doc: &Doc) -> String {
    let mut w = Writer {
        doc,
        out: String::new(),
        n: 0,
    };
    w.gap(false);
    for item in &doc.items {
        w.item(item);
        w.gap(true);
    }
    w.out
}

/// Runs with a fixed seed (the same 256 documents every time; see the variables below) and, on failure, prints the
/// smallest failing document as text.
#[test]
fn formatting_is_lossless_and_idempotent() {
    // `ROPA_PROPTEST_SEED` / `ROPA_PROPTEST_CASES` explore beyond the fixed set.
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let config = ProptestConfig {
        cases: env("ROPA_PROPTEST_CASES").map_or(256, |n| n as u32),
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(env("ROPA_PROPTEST_SEED").unwrap_or(0x7070_6166_6d74)),
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&doc(), |doc| {
        let text = render(&doc);
        prop_assert!(
            common::parses(&text),
            "the generator wrote an invalid document"
        );
        let checked = std::panic::catch_unwind(|| common::check_roundtrip("generated", &text));
        prop_assert!(matches!(checked, Ok(true)), "the round trip failed");
        Ok(())
    });
    if let Err(TestError::Fail(reason, doc)) = result {
        let text = render(&doc);
        let once = ropa_fmt::format(&text);
        panic!(
            "{reason}\n--- smallest failing input ---\n{text}\n--- formatted ---\n{}",
            match &once {
                Ok(s) => s.clone(),
                Err(e) => e.to_string(),
            }
        );
    }
}

/// The same documents (1,024 of them) formatted on the fast path and through tree-sitter: the
/// same nodes and the same result (see [`common::fast_path_agrees`]).
#[test]
fn the_fast_path_formats_like_tree_sitter() {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let config = ProptestConfig {
        cases: env("ROPA_PROPTEST_CASES").map_or(1024, |n| n as u32),
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(env("ROPA_PROPTEST_SEED").unwrap_or(0x6661_7374)),
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let accepted = std::cell::Cell::new(0);
    let result = runner.run(&doc(), |doc| {
        let text = render(&doc);
        let agrees = std::panic::catch_unwind(|| common::fast_path_agrees(&text));
        prop_assert!(agrees.is_ok(), "the paths disagree");
        accepted.set(accepted.get() + usize::from(agrees.unwrap_or(false)));
        Ok(())
    });
    if let Err(TestError::Fail(reason, doc)) = result {
        panic!("{reason}\n--- smallest failing input ---\n{}", render(&doc));
    }
    // Generated documents are error-free, but the fast path declines a byte-order mark right
    // after a token (`true\u{feff}`), which the generator writes into many of them.
    let accepted = accepted.get();
    assert!(accepted > 300, "only {accepted} of 1024 took the fast path");
}
