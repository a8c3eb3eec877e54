//! What the integration tests share.

use std::path::Path;

/// Every `.ropa` file below `dir` as `(path, bytes)`, paths with `/` after `prefix`, in path
/// order (as the CLI hands them to the workspace).
pub fn load(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = format!("{prefix}{}", p.file_name().unwrap().to_string_lossy());
        if p.is_dir() {
            load(&p, &format!("{name}/"), out);
        } else if name.ends_with(".ropa") {
            out.push((name, std::fs::read(&p).unwrap()));
        }
    }
}

/// The files of `examples/NAME`, as [`load`] reads them.
#[allow(dead_code)] // not every test that shares this module reads the examples
pub fn example(name: &str) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    load(&dir, "", &mut files);
    files
}
