//! The Python wheel (`pyproject.toml`, maturin `bin` bindings) as a user installs it: into a
//! new virtual environment, without Rust, and `ropa check` works from there. The wheel is the
//! one `maturin build --release` left in `target/wheels` (`.ci/run` builds it before the tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use ropa_e2e::{TODAY, find_tool, fixture_workspace, repo, skip};

fn wheel() -> Option<PathBuf> {
    let dir = repo().join("target/wheels");
    let version = env!("CARGO_PKG_VERSION");
    let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.starts_with(&format!("ropa-{version}-")) && n.ends_with(".whl")
                })
            })
            .max()
    });
    found.or_else(|| skip("no wheel in target/wheels (maturin build --release; docs/install.md)"))
}

#[test]
fn pip_install_of_the_wheel_gives_a_working_ropa_check() {
    let Some(wheel) = wheel() else { return };
    let Some(python) = find_tool("python3").or_else(|| skip("python3 is not installed")) else {
        return;
    };
    let dir = fixture_workspace();
    let venv = dir.path().join("venv");
    let status = Command::new(python)
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "python3 -m venv failed (apt-get install python3-venv)"
    );
    // Offline, from the file: nothing else is needed.
    let out = Command::new(venv.join("bin/pip"))
        .args(["install", "--no-index", "--quiet"])
        .arg(&wheel)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pip install failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let ropa = venv.join("bin/ropa");
    let version = Command::new(&ropa).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("ropa {}", env!("CARGO_PKG_VERSION"))
    );
    let check = Command::new(&ropa)
        .args(["check", "ws", "--format", "json"])
        .current_dir(dir.path())
        .env("ROPA_TODAY", TODAY)
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "findings: exit 1\n{json}");
    assert!(
        json.contains("\"missing-avv\"") && json.contains("\"unresolved-reference\""),
        "{json}"
    );
    // The language server is in the same binary.
    let help = Command::new(&ropa)
        .args(["lsp", "--help"])
        .output()
        .unwrap();
    assert!(help.status.success());
}
