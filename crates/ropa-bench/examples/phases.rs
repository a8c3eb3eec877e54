//! Time the phases of one analysis of a workspace: `cargo run --release -p ropa-bench --example
//! phases -- DIR` (a profiling aid; the suite itself is `main.rs`).
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench/ws-10000".into());
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(&dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "ropa") {
                files.push((
                    p.to_string_lossy().to_string(),
                    std::fs::read(&p).unwrap_or_default(),
                ));
            }
        }
    }
    files.sort();
    use rayon::prelude::*;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let errors: usize = files
            .par_iter()
            .map(|(_, bytes)| {
                ropa_syntax::parse(&String::from_utf8_lossy(bytes))
                    .errors
                    .len()
            })
            .sum();
        println!("parse-only, all cores: {:?} ({errors} errors)", t.elapsed());
    }
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let declined = files
            .par_iter()
            .filter(|(_, bytes)| ropa_syntax::parse_flat(&String::from_utf8_lossy(bytes)).is_none())
            .count();
        println!(
            "fast-path parse-only, all cores: {:?} ({declined} declined)",
            t.elapsed()
        );
    }
    let t = std::time::Instant::now();
    let fast = ropa_analysis::Workspace::from_files_without_trees(files.clone());
    println!(
        "fast path: parse + lower + resolve: {:?} ({} files)",
        t.elapsed(),
        fast.files.len()
    );
    drop(fast);
    let t = std::time::Instant::now();
    let mut ws = ropa_analysis::Workspace::from_files(files);
    println!("tree-sitter: parse + lower + resolve: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    ws.resolve();
    println!("resolve: {:?}", t.elapsed());
    let config = ropa_lint::Config::default();
    let today = ropa_syntax::Date {
        year: 2026,
        month: 11,
        day: 22,
    };
    let t = std::time::Instant::now();
    let all = ropa_lint::check(&ws, &config, today);
    println!("check: {:?} ({} findings)", t.elapsed(), all.len());
    let t = std::time::Instant::now();
    let one = ropa_lint::check_scoped(&ws, &config, today, Some(ropa_analysis::FileId(10)));
    println!(
        "scoped check of one file: {:?} ({} findings)",
        t.elapsed(),
        one.len()
    );
    let t = std::time::Instant::now();
    let f = &ws.files[10];
    let again =
        ropa_analysis::File::from_text(ropa_analysis::FileId(10), f.path.clone(), f.text.clone());
    println!(
        "parse + lower one file: {:?} ({} activities)",
        t.elapsed(),
        again.model.activities.len()
    );
}
