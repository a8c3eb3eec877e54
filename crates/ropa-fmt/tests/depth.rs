//! Issue 23, item 5: the formatter recurses once per level of nesting, so it refuses lists and
//! blocks nested deeper than `MAX_NESTING` — at once, from the text, with the line — and formats
//! everything up to that depth. Brackets in strings, text blocks and comments do not count.
#![allow(clippy::unwrap_used)]

use ropa_fmt::{FormatError, MAX_NESTING, format, format_range};

fn nested_lists(depth: usize) -> String {
    format!(
        "activity a {{\n  title \"T\"\n  data {}x{}\n}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

fn nested_blocks(depth: usize) -> String {
    // The activity's own block is the first level.
    format!(
        "activity a {{\n  ai {}{}\n}}\n",
        "x { ".repeat(depth - 1),
        "} ".repeat(depth - 1)
    )
}

#[test]
fn nesting_up_to_the_limit_is_formatted() {
    // The activity's block is a level of its own: lists may nest one level less.
    let lists = format(&nested_lists(MAX_NESTING - 1)).unwrap();
    assert_eq!(format(&lists).unwrap(), lists, "idempotent");
    let blocks = format(&nested_blocks(MAX_NESTING)).unwrap();
    assert_eq!(format(&blocks).unwrap(), blocks, "idempotent");
}

#[test]
fn deeper_nesting_is_refused_with_its_line() {
    for (text, expected) in [
        (nested_lists(MAX_NESTING), 3),
        (nested_blocks(MAX_NESTING + 1), 2),
        (nested_lists(200_000), 3),
        (nested_blocks(200_000), 2),
        // Unclosed: refused before any syntax error is looked for.
        (format!("activity a {{\n  data {}", "[".repeat(200_000)), 2),
    ] {
        let e = format(&text).unwrap_err();
        let FormatError::TooDeep { line, .. } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(*line, expected, "{e}");
        assert!(e.to_string().contains("more than 64 levels"), "{e}");
        assert!(matches!(
            format_range(&text, 0..1),
            Err(FormatError::TooDeep { .. })
        ));
    }
}

#[test]
fn brackets_in_strings_text_blocks_and_comments_do_not_count() {
    let deep = "[".repeat(10 * MAX_NESTING);
    let text = format!(
        "activity a {{\n  title \"{deep}\\\"{deep}\"  // {deep}\n  notice \"\"\"\n    {deep}\n    \"\"\"\n}}\n"
    );
    let formatted = format(&text).unwrap();
    assert!(formatted.contains(&deep));
}
