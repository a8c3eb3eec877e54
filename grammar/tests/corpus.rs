//! Runs the tree-sitter corpus in `test/corpus/*.txt` through the Rust binding, so that plain
//! `cargo test` checks the grammar on a machine without the `tree-sitter` CLI.
//!
//! The corpus format is the one `tree-sitter test` reads:
//!
//! ```text
//! ==================
//! name of the case
//! :error            (optional attribute lines)
//! ==================
//! input
//! ---
//! (expected s-expression)
//! ```
//!
//! Like the CLI, the expected tree is compared with `Node::to_sexp()` after collapsing
//! whitespace; lines starting with `;` in the expected tree are comments; field names
//! (`key: (identifier)`) are compared only when the expected tree uses them; anonymous nodes
//! never appear. `:error` cases only have to contain an error, `:skip` cases are not run, and
//! `:platform(os)` cases run only on that operating system.

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use tree_sitter::Parser;

/// The corpus must not silently shrink.
const MIN_CASES: usize = 40;

#[derive(Debug)]
struct Case {
    file: String,
    /// 1-based line of the opening `===` of the header.
    line: usize,
    name: String,
    input: Vec<u8>,
    expected: String,
    error: bool,
    skip: bool,
    cst: bool,
}

/// `Some((delimiter length, suffix))` if `line` is three or more `c` followed by a suffix.
fn delimiter(line: &str, c: char) -> Option<(usize, &str)> {
    let len = line.len() - line.trim_start_matches(c).len();
    (len >= 3).then(|| (len, line[len..].trim_end_matches(['\r', '\n'])))
}

fn suffix_matches(first_suffix: Option<&str>, suffix: &str) -> bool {
    match first_suffix {
        None => suffix.is_empty(),
        Some(first) => first == suffix,
    }
}

struct Header {
    line: usize,
    name: String,
    error: bool,
    skip: bool,
    cst: bool,
    body_start: usize,
}

/// Parses the header that opens at `lines[start]`, if one does.
fn header(lines: &[&str], first_suffix: Option<&str>, start: usize) -> Option<Header> {
    let (_, suffix) = delimiter(lines[start], '=')?;
    if !suffix_matches(first_suffix, suffix) {
        return None;
    }
    let mut name = String::new();
    let (mut seen_marker, mut error, mut skip, mut cst, mut platform) =
        (false, false, false, false, None::<bool>);
    let mut i = start + 1;
    while i < lines.len() {
        if let Some((_, closing)) = delimiter(lines[i], '=')
            && suffix_matches(first_suffix, closing)
        {
            break;
        }
        let trimmed = lines[i].trim();
        if trimmed.is_empty() && !seen_marker {
            return None;
        }
        match trimmed.split('(').next().unwrap_or_default() {
            ":skip" => (seen_marker, skip) = (true, true),
            ":error" => (seen_marker, error) = (true, true),
            ":cst" => (seen_marker, cst) = (true, true),
            ":fail-fast" | ":language" => seen_marker = true,
            ":platform" => {
                seen_marker = true;
                let os = trimmed
                    .trim_start_matches(":platform(")
                    .trim_end_matches(')')
                    .trim();
                platform = Some(platform.unwrap_or(false) || os == std::env::consts::OS);
            }
            attribute if attribute.starts_with(':') && !attribute.contains(' ') => {
                panic!("line {}: unknown corpus attribute `{trimmed}`", i + 1)
            }
            _ if !seen_marker => {
                if !name.is_empty() {
                    name.push(' ');
                }
                name.push_str(trimmed);
            }
            _ => {}
        }
        i += 1;
    }
    if i >= lines.len() {
        return None;
    }
    Some(Header {
        line: start + 1,
        name,
        error: error && !skip,
        skip: skip || platform == Some(false),
        cst,
        body_start: i + 1,
    })
}

/// Splits a header's body into input and expected output at its longest `---` line (the later
/// one on a tie, as a `---` in the input is shorter or earlier).
fn case(file: &str, header: Header, body: &[&str], first_suffix: Option<&str>) -> Case {
    let mut divider: Option<(usize, usize)> = None;
    for (i, line) in body.iter().enumerate() {
        if let Some((len, suffix)) = delimiter(line, '-')
            && suffix_matches(first_suffix, suffix)
            && divider.is_none_or(|(best, _)| len + suffix.len() >= best)
        {
            divider = Some((len + suffix.len(), i));
        }
    }
    let Some((_, divider)) = divider else {
        panic!(
            "{file}:{}: case `{}` has no `---` line",
            header.line, header.name
        );
    };
    let mut input: Vec<u8> = body[..divider].concat().into_bytes();
    if input.last() == Some(&b'\n') {
        input.pop();
    }
    if input.last() == Some(&b'\r') {
        input.pop();
    }
    let expected = body[divider + 1..]
        .iter()
        .filter(|line| !line.trim_start().starts_with(';'))
        .copied()
        .collect::<String>();
    Case {
        file: file.to_owned(),
        line: header.line,
        name: header.name,
        input,
        expected,
        error: header.error,
        skip: header.skip,
        cst: header.cst,
    }
}

fn parse_corpus_file(path: &Path) -> Vec<Case> {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let content = fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = content.split_inclusive('\n').collect();
    let first_suffix = lines.iter().find_map(|line| match delimiter(line, '=') {
        Some((_, suffix)) if !suffix.is_empty() => Some(suffix),
        _ => None,
    });

    let mut cases = Vec::new();
    let mut pending: Option<Header> = None;
    let mut i = 0;
    while i < lines.len() {
        let Some(next) = header(&lines, first_suffix, i) else {
            i += 1;
            continue;
        };
        let opening = i;
        i = next.body_start;
        if let Some(previous) = pending.replace(next) {
            let body = &lines[previous.body_start..opening];
            cases.push(case(&file, previous, body, first_suffix));
        }
    }
    if let Some(last) = pending {
        let body = &lines[last.body_start..];
        cases.push(case(&file, last, body, first_suffix));
    }
    cases
}

/// Collapses whitespace to single spaces and drops spaces before `)`, as `tree-sitter test`
/// does, so that both the indented expected tree and `to_sexp()` compare equal.
fn normalize(sexp: &str) -> String {
    let mut out = String::with_capacity(sexp.len());
    let mut pending_space = false;
    for c in sexp.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space && c != ')' {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// Removes `name: ` before `(`, for expected trees written without field names.
fn strip_fields(sexp: &str) -> String {
    let mut out = String::with_capacity(sexp.len());
    for (i, token) in sexp.split(' ').enumerate() {
        let is_field = token.len() > 1
            && token.ends_with(':')
            && token[..token.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if is_field {
            continue;
        }
        if i > 0 && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// Splits an S-expression into `(`, `)` and atoms (node names, `field:` labels, and the quoted
/// atoms of `(MISSING "}")` and `(UNEXPECTED '%')`).
fn tokens(sexp: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = sexp.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | ')' => tokens.push(c.to_string()),
            c if c.is_whitespace() => {}
            // `'x'` or `'\n'`: exactly one (possibly escaped) character, which may be a quote
            // or a paren itself.
            '\'' => {
                let mut atom = String::from('\'');
                if let Some(first) = chars.next() {
                    atom.push(first);
                    if first == '\\'
                        && let Some(escaped) = chars.next()
                    {
                        atom.push(escaped);
                    }
                }
                if chars.next_if_eq(&'\'').is_some() {
                    atom.push('\'');
                }
                tokens.push(atom);
            }
            '"' => {
                let mut atom = String::from('"');
                for d in chars.by_ref() {
                    atom.push(d);
                    if d == '"' {
                        break;
                    }
                }
                tokens.push(atom);
            }
            _ => {
                let mut atom = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_whitespace() || d == '(' || d == ')' {
                        break;
                    }
                    atom.push(d);
                    chars.next();
                }
                tokens.push(atom);
            }
        }
    }
    tokens
}

/// Formats an S-expression with one node per line, the way the corpus files are written.
/// (`tree_sitter::format_sexp` garbles atoms like `(UNEXPECTED '-')`.)
fn pretty(sexp: &str, indent: usize) -> String {
    let mut out = String::new();
    let mut depth = 0;
    let mut previous = String::new();
    for token in tokens(sexp) {
        match token.as_str() {
            "(" => {
                if !previous.ends_with(':') {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(&" ".repeat(indent + 2 * depth));
                }
                out.push('(');
                depth += 1;
            }
            ")" => {
                out.push(')');
                depth = depth.saturating_sub(1);
            }
            atom if atom.ends_with(':') => {
                out.push('\n');
                out.push_str(&" ".repeat(indent + 2 * depth));
                out.push_str(atom);
                out.push(' ');
            }
            atom => {
                if previous != "(" {
                    out.push(' ');
                }
                out.push_str(atom);
            }
        }
        previous = token;
    }
    out
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test/corpus");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus files in {}", dir.display());
    files
}

#[test]
fn corpus() {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_ropa::LANGUAGE.into())
        .unwrap();

    let mut checked = 0;
    let mut skipped = 0;
    let mut failures = Vec::new();
    let mut report = String::new();

    for path in corpus_files() {
        let cases = parse_corpus_file(&path);
        assert!(!cases.is_empty(), "{} holds no cases", path.display());
        for case in cases {
            let label = format!("{}:{}: {}", case.file, case.line, case.name);
            if case.skip {
                skipped += 1;
                continue;
            }
            assert!(!case.cst, "{label}: `:cst` cases are not supported here");
            let tree = parser.parse(&case.input, None).unwrap();
            let root = tree.root_node();
            checked += 1;

            if case.error {
                if !root.has_error() {
                    writeln!(
                        report,
                        "\n✗ {label}\n  expected a parse error, got\n{}",
                        pretty(&root.to_sexp(), 2)
                    )
                    .unwrap();
                    failures.push(label);
                }
                continue;
            }

            let expected = normalize(&case.expected);
            let mut actual = normalize(&root.to_sexp());
            if !expected.contains(": (") {
                actual = strip_fields(&actual);
            }
            if actual != expected {
                writeln!(
                    report,
                    "\n✗ {label}\n  expected:\n{}\n  actual:\n{}",
                    pretty(&expected, 2),
                    pretty(&actual, 2)
                )
                .unwrap();
                failures.push(label);
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {checked} corpus cases failed:\n  {}\n{report}",
        failures.len(),
        failures.join("\n  ")
    );
    assert!(
        checked >= MIN_CASES,
        "only {checked} corpus cases checked ({skipped} skipped), expected at least {MIN_CASES}"
    );
    eprintln!("{checked} corpus cases passed, {skipped} skipped");
}

#[test]
fn pretty_printing_keeps_quoted_atoms() {
    let sexp = "(a key: (b) (ERROR (UNEXPECTED '-') (UNEXPECTED ')') (UNEXPECTED '\\n') (UNEXPECTED 223)) (MISSING \"}\"))";
    assert_eq!(
        pretty(sexp, 0),
        "(a\n  key: (b)\n  (ERROR\n    (UNEXPECTED '-')\n    (UNEXPECTED ')')\n    (UNEXPECTED '\\n')\n    (UNEXPECTED 223))\n  (MISSING \"}\"))"
    );
    assert_eq!(normalize(&pretty(sexp, 4)), sexp);
}

#[test]
fn normalization_matches_the_cli() {
    assert_eq!(
        normalize("(a\n  key: (b)\n  (MISSING \"}\") )\n\n"),
        "(a key: (b) (MISSING \"}\"))"
    );
    assert_eq!(
        strip_fields("(item kind: (item_kind) name: (identifier))"),
        "(item (item_kind) (identifier))"
    );
    assert_eq!(strip_fields("(UNEXPECTED ':')"), "(UNEXPECTED ':')");
}

#[test]
fn corpus_format_is_read_like_the_cli() {
    let dir = std::env::temp_dir().join(format!("ropa-corpus-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sample.txt");
    fs::write(
        &path,
        "=====\nfirst\n=====\na\n---\nb\n-----\n\n; comment\n(x)\n\n=====\nsecond\n:error\n=====\r\nc\r\n---\r\n(y)\n",
    )
    .unwrap();
    let cases = parse_corpus_file(&path);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].name, "first");
    assert_eq!(cases[0].input, b"a\n---\nb");
    assert_eq!(normalize(&cases[0].expected), "(x)");
    assert!(!cases[0].error);
    assert_eq!(cases[1].name, "second");
    assert_eq!(cases[1].input, b"c");
    assert!(cases[1].error);
}
