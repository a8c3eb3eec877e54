use std::cell::RefCell;

use tree_sitter::{Node, Parser, Tree};

use crate::TextRange;

/// A parsed file: the concrete syntax tree and the syntax errors found in it. Parsing never
/// fails; a broken file gives a tree with ERROR / MISSING nodes and an error for each.
#[derive(Clone, Debug)]
pub struct Parse {
    pub tree: Tree,
    pub errors: Vec<SyntaxError>,
}

/// A place where the parser had to recover, with a message saying what it expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses `text` from scratch.
pub fn parse(text: &str) -> Parse {
    parse_incremental(text, None)
}

/// Parses `text`, reusing the unchanged parts of `old` (which must already have been edited with
/// [`Tree::edit`] to match `text`).
pub fn parse_incremental(text: &str, old: Option<&Tree>) -> Parse {
    let tree = PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(new_parser);
        parser.parse(text, old)
    });
    // `Parser::parse` only returns `None` without a language, on timeout or cancellation, none of
    // which we set; fall back to a fresh parser rather than panic.
    // `Parser::parse` returns `None` only without a language, on timeout or on cancellation; we
    // set none of these, and a language/ABI mismatch fails every test.
    let tree = match tree {
        Some(tree) => tree,
        None => new_parser()
            .parse(text, None)
            .expect("a parser with a language always parses"),
    };
    let errors = syntax_errors(&tree, text);
    Parse { tree, errors }
}

fn new_parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&crate::language())
        .expect("the ropa grammar matches the tree-sitter ABI");
    parser
}

/// Collects one error per ERROR node (outermost only) and per MISSING node.
pub fn syntax_errors(tree: &Tree, text: &str) -> Vec<SyntaxError> {
    let root = tree.root_node();
    let mut errors = Vec::new();
    if !root.has_error() {
        return errors;
    }
    let mut cursor = root.walk();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.is_error() {
            errors.push(describe_error(node, text));
            continue;
        }
        if node.is_missing() {
            errors.push(SyntaxError {
                range: TextRange::empty(node.start_byte()),
                message: format!("expected {}", describe_missing(node)),
            });
            continue;
        }
        if !node.has_error() {
            continue;
        }
        let children: Vec<Node> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    errors.sort_by_key(|e| (e.range.start(), e.range.end()));
    errors
}

fn describe_missing(node: Node) -> String {
    match node.kind() {
        "}" => "`}` to close the block".to_string(),
        "]" => "`]` to close the list".to_string(),
        "identifier" => "a name".to_string(),
        kind if node.is_named() => kind.replace('_', " "),
        kind => format!("`{kind}`"),
    }
}

fn describe_error(node: Node, text: &str) -> SyntaxError {
    let range = TextRange::new(node.start_byte(), node.end_byte());
    let snippet = range.slice(text);
    let first_line = snippet.lines().next().unwrap_or("").trim_end();
    let context = node.parent().map(|p| p.kind()).unwrap_or("source_file");

    // An unterminated string is the commonest cause of a broken line: say so directly.
    if let Some(quote) = first_line.find('"') {
        let rest = &first_line[quote + 1..];
        if !rest.contains('"') && first_line[..quote].trim().is_empty() {
            let end = range.start() + first_line.len();
            return SyntaxError {
                range: TextRange::new(range.start(), end),
                message: "unterminated string: add the closing `\"` on the same line (use a \
                          `\"\"\"` text block for text over several lines)"
                    .to_string(),
            };
        }
    }

    let shown = shorten(first_line);
    let expected = match context {
        "source_file" => {
            "an item: `controller`, `processor`, `activity`, `category`, `subject`, `section` or \
             `client`"
                .to_string()
        }
        "block" => "a field (`key value`) or `}`".to_string(),
        "list" => "a value, `,` or `]`".to_string(),
        "field" => {
            let key = node
                .parent()
                .and_then(|f| f.child_by_field_name("key"))
                .map(|k| k.utf8_text(text.as_bytes()).unwrap_or(""))
                .unwrap_or("");
            format!("a value or a block for `{key}`")
        }
        "item" => "a name or `{`".to_string(),
        _ => "a field, a value or a closing bracket".to_string(),
    };
    let message = if shown.is_empty() {
        format!("unexpected input; expected {expected}")
    } else {
        format!("unexpected `{shown}`; expected {expected}")
    };
    SyntaxError { range, message }
}

fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    let s = s.trim();
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX).collect();
    format!("{cut}…")
}
