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
}
