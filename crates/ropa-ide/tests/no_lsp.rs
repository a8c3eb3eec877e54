//! The IDE layer knows no protocol: neither its manifest nor its sources name an LSP or JSON-RPC
//! crate (only `ropa-lsp` does).

use std::path::Path;

/// Crates of the protocol and its transport.
const PROTOCOL_CRATES: &[&str] = &[
    "tower-lsp",
    "tower_lsp",
    "lsp-types",
    "lsp_types",
    "ls-types",
    "ls_types",
    "lsp-server",
    "jsonrpc",
    "serde_json",
    "tokio",
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_manifest_has_no_protocol_dependency() {
    let manifest = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
    let manifest: toml::Table = manifest.parse().expect("a valid manifest");
    let mut dependencies = Vec::new();
    for table in ["dependencies", "dev-dependencies", "build-dependencies"] {
        if let Some(deps) = manifest.get(table).and_then(|t| t.as_table()) {
            dependencies.extend(deps.keys().cloned());
        }
    }
    assert!(
        dependencies.iter().any(|d| d == "ropa-analysis"),
        "{dependencies:?}"
    );
    for dependency in &dependencies {
        assert!(
            !PROTOCOL_CRATES.iter().any(|p| dependency.contains(p)),
            "ropa-ide depends on `{dependency}`: protocol types belong in ropa-lsp"
        );
    }
}

#[test]
fn no_source_names_a_protocol_crate() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = 0;
    for entry in std::fs::read_dir(&src).expect("the sources") {
        let path = entry.expect("an entry").path();
        let text = read(&path);
        files += 1;
        for name in PROTOCOL_CRATES.iter().filter(|p| !p.contains('-')) {
            assert!(
                !text.contains(&format!("{name}::")),
                "{} uses `{name}`: protocol types belong in ropa-lsp",
                path.display()
            );
        }
    }
    assert!(files > 5, "read {files} files of {}", src.display());
}
