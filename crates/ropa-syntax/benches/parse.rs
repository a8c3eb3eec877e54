//! Parse throughput over the generated 10,000-activity workspace (about 6 MB in 250 files):
//! `cargo bench -p ropa-syntax`. Needs `python3` and `../shared/bench/gen_workspace.py`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    divan::main();
}

/// The generated workspace's files, generated once per run into the target folder.
fn files() -> &'static [String] {
    static FILES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let script = root.join("../shared/bench/gen_workspace.py");
        let out: PathBuf = root.join("target/bench-ws-10000");
        if !out.join("controller.ropa").exists() {
            let ok = Command::new("python3")
                .arg(&script)
                .arg(&out)
                .args(["--activities", "10000"])
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                eprintln!(
                    "SKIPPED: cannot generate the workspace with {}",
                    script.display()
                );
                return Vec::new();
            }
        }
        let mut paths = Vec::new();
        let mut stack = vec![out];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "ropa") {
                    paths.push(p);
                }
            }
        }
        paths.sort();
        paths
            .into_iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    })
}

#[divan::bench(sample_count = 10)]
fn parse_10k_activities_single_thread(bencher: divan::Bencher) {
    let files = files();
    let bytes: usize = files.iter().map(String::len).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            for text in files {
                divan::black_box(ropa_syntax::parse(text));
            }
        });
}
