//! Parse and lower one file many times (a profiling aid for the language server's per-edit
//! cost): `cargo run --release -p ropa-bench --example relower -- FILE [N]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "target/bench/ws-10000-per-file-500/activities/a00000.ropa".into());
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let parse = ropa_syntax::parse(&text);
    let t = std::time::Instant::now();
    for _ in 0..n / 10 {
        let _ = ropa_syntax::parse(&text);
    }
    println!("parse: {:?} per run", t.elapsed() / (n / 10).max(1) as u32);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let file = ropa_analysis::File::from_parse(
            ropa_analysis::FileId(0),
            path.clone(),
            text.clone(),
            ropa_syntax::Parse {
                tree: parse.tree.clone(),
                errors: parse.errors.clone(),
            },
        );
        std::hint::black_box(&file);
    }
    println!("lower: {:?} per run", t.elapsed() / n as u32);

    // A keystroke in the middle of the file, as the language server sees it: an incremental
    // parse and a lowering that takes over the untouched items.
    let at = text.len() / 2;
    let at = text[at..]
        .find("purpose")
        .map_or(at, |i| at + i + "purpose".len() + 6);
    let mut text = text;
    let mut tree = parse.tree.clone();
    let mut old = ropa_analysis::File::from_parse(
        ropa_analysis::FileId(0),
        path.clone(),
        text.clone(),
        parse,
    );
    let t = std::time::Instant::now();
    for i in 0..n {
        let insert = i % 2 == 0;
        let (old_end, new_end) = if insert { (at, at + 1) } else { (at + 1, at) };
        if insert {
            text.insert(at, 'x');
        } else {
            text.remove(at);
        }
        let point = |o: usize| tree_sitter_point(&text, o);
        tree.edit(&ropa_syntax::tree_sitter::InputEdit {
            start_byte: at,
            old_end_byte: old_end,
            new_end_byte: new_end,
            start_position: point(at),
            old_end_position: point(old_end),
            new_end_position: point(new_end),
        });
        let parse = ropa_syntax::parse_incremental(&text, Some(&tree));
        tree = parse.tree.clone();
        let file = ropa_analysis::File::from_parse_reusing(
            ropa_analysis::FileId(0),
            path.clone(),
            text.clone(),
            parse,
            &mut old,
        );
        old = file;
    }
    println!(
        "keystroke (re-parse + re-lower): {:?} per run",
        t.elapsed() / n as u32
    );
}

/// Row and byte column of an offset (the edit stays on one line, so old and new agree).
fn tree_sitter_point(text: &str, offset: usize) -> ropa_syntax::tree_sitter::Point {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count();
    ropa_syntax::tree_sitter::Point { row, column }
}
