//! A real editor: headless Neovim loads `editors/neovim` as a user would, opens a file of
//! `examples/muster-marketing`, attaches `ropa lsp`, receives diagnostics after an edit that
//! breaks a rule, applies the server's quick fix and checks the buffer.
//!
//! Skipped with a message when `nvim` is not installed; with `ROPA_NO_SKIP=1` (CI) that is a
//! failure instead.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn neovim_attaches_reports_and_applies_a_quick_fix() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("ROPA_NO_SKIP").is_none(),
            "nvim is not installed, and ROPA_NO_SKIP forbids skipping"
        );
        eprintln!("SKIPPED: nvim is not installed (apt-get install neovim)");
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("muster-marketing");
    copy_dir(&repo.join("examples/muster-marketing"), &ws);
    let out = dir.path().join("report.txt");
    let status = Command::new("nvim")
        .args(["--headless", "--noplugin", "-i", "NONE", "-u"])
        .arg(repo.join("editors/neovim/test/init.lua"))
        .arg("-c")
        .arg(format!(
            "luafile {}",
            repo.join("editors/neovim/test/e2e.lua").display()
        ))
        .env("ROPA_BIN", env!("CARGO_BIN_EXE_ropa"))
        .env("ROPA_TEST_FILE", ws.join("activities/newsletter.ropa"))
        .env("ROPA_TEST_OUT", &out)
        .env("ROPA_TODAY", "2026-11-22")
        .env("HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .status()
        .unwrap();
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        status.success() && report.ends_with("PASS\n"),
        "neovim test failed (status {status}):\n{report}"
    );
}
