//! Emacs in batch mode with the package `editors/emacs` (ropa-mode.el) and eglot (built in from
//! Emacs 29; Debian's `elpa-eglot` on 28): the mode and its highlighting, eglot starting
//! `ropa lsp` with the folder of `ropa.toml` as the project, flymake showing the fixture's
//! findings at their places, hover, and a quick fix applied (`emacs/e2e.el`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use ropa_e2e::{TODAY, find_tool, fixture_workspace, repo, ropa, skip, version_line};

#[test]
fn emacs_eglot_shows_findings_hover_and_applies_a_quick_fix() {
    let Some(emacs) = find_tool("emacs")
        .or_else(|| skip("emacs is not installed (apt-get install emacs-nox elpa-eglot)"))
    else {
        return;
    };
    let dir = fixture_workspace();
    let ws = dir.path().join("ws");
    let out = dir.path().join("report.txt");
    // eglot starts `ropa lsp` by name, as a user's would.
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(ropa(), bin.join("ropa")).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin];
    dirs.extend(std::env::split_paths(&path));
    let status = Command::new(&emacs)
        .arg("--batch")
        .arg("-l")
        .arg(repo().join("tests/editors/emacs/e2e.el"))
        .env("PATH", std::env::join_paths(dirs).unwrap())
        .env("HOME", dir.path())
        .env("ROPA_TODAY", TODAY)
        .env("ROPA_EMACS_PACKAGE", repo().join("editors/emacs"))
        .env("ROPA_TEST_FILE", ws.join("activities/ads.ropa"))
        .env("ROPA_TEST_ROOT", &ws)
        .env("ROPA_TEST_OUT", &out)
        .current_dir(&ws)
        .output()
        .unwrap();
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        status.status.success() && report.ends_with("PASS\n"),
        "{} failed ({}):\n{report}\n{}",
        version_line(&emacs),
        status.status,
        String::from_utf8_lossy(&status.stderr)
    );
    eprintln!("{}:\n{report}", version_line(&emacs));
}
