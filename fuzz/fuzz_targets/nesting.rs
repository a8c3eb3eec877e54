//! Deep nesting built from the input: up to 200,000 levels of lists and blocks (closed, unclosed,
//! mixed with the input's own bytes) go through both parsers, lowering, the rules, the formatter
//! and range formatting without a stack overflow; the formatter refuses what nests deeper than
//! `MAX_NESTING` and formats the rest idempotently.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let depth = (usize::from(data[0]) << 8 | usize::from(data[1])) * 3 + 1;
    let shape = data[2];
    let filler = String::from_utf8_lossy(&data[3..]);
    let open = match shape % 4 {
        0 => "[",
        1 => "x { ",
        2 => "{ de ",
        _ => "[x, ",
    };
    let close = match shape % 4 {
        0 | 3 => "]",
        _ => "} ",
    };
    let closed = if shape & 4 == 0 { depth } else { depth / 2 };
    let text = format!(
        "activity a {{\n  title \"T\"\n  data {}{filler}{}\n}}\n{filler}",
        open.repeat(depth),
        close.repeat(closed)
    );
    let _ = ropa_syntax::parse_flat(&text);
    let _ = ropa_syntax::parse_flat_with_tokens(&text);
    let ws = ropa_analysis::Workspace::from_files(vec![("a.ropa".to_string(), text.clone().into_bytes())]);
    let today = ropa_syntax::Date { year: 2026, month: 11, day: 22 };
    let _ = ropa_lint::check(&ws, &ropa_lint::Config::default(), today);
    match ropa_fmt::format(&text) {
        Ok(once) => assert_eq!(ropa_fmt::format(&once).as_ref(), Ok(&once), "not idempotent"),
        Err(ropa_fmt::FormatError::Internal { message }) => panic!("formatter lost text: {message}"),
        Err(_) => {}
    }
    let _ = ropa_fmt::format_range(&text, 0..text.len().min(40));
});
