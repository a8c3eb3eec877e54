//! VS Code, for real: code-server (VS Code 1.100 in the browser, installed by
//! `tests/install-tools.sh code-server`) with the packaged extension (`.vsix`, built by
//! `editors/vscode/scripts/ci.sh`), driven by Debian's headless Chromium.
//!
//! - The workbench as a person uses it (`tests/browser/vscode.mjs`): the findings underlined
//!   and in the Problems panel, hover, a quick fix with Ctrl+., the policy preview command.
//! - The extension's own integration tests in the real extension host
//!   (`editors/vscode/integration/index.js`, through VS Code's test payload).
//!
//! `ROPA_SCREENSHOTS=DIR` keeps the screenshots (docs/editors.md shows them).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ropa_e2e::{
    TODAY, browser_tools, find_tool, fixture_workspace, repo, ropa, run_browser_script, skip,
};

/// The packaged extension: `$ROPA_VSIX`, else `target/vscode/ropa.vsix`.
fn vsix() -> Option<PathBuf> {
    let path = std::env::var_os("ROPA_VSIX")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/vscode/ropa.vsix"));
    if path.exists() {
        Some(path)
    } else {
        skip(&format!(
            "{} is missing (ROPA_VSIX_OUT=target/vscode/ropa.vsix editors/vscode/scripts/ci.sh)",
            path.display()
        ))
    }
}

/// code-server running on a free port of 127.0.0.1 with its own settings and extensions; ended
/// when dropped, with every process it started (it runs in a process group of its own: the
/// server proper is a child of the `code-server` process, which outlived the test and kept a
/// core busy when only the parent was killed).
struct CodeServer {
    child: Child,
    base: String,
}

impl Drop for CodeServer {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(code_server: &Path, home: &Path, folder: &Path, vsix: &Path, result: &Path) -> CodeServer {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = home.join("config.yaml");
    std::fs::write(
        &config,
        format!("bind-addr: 127.0.0.1:{port}\nauth: none\ncert: false\n"),
    )
    .unwrap();
    let user = home.join("data/User");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(user.join("settings.json"), serde_settings(&ropa())).unwrap();
    let base_args = |cmd: &mut Command| {
        cmd.arg("--config")
            .arg(&config)
            .arg("--user-data-dir")
            .arg(home.join("data"))
            .arg("--extensions-dir")
            .arg(home.join("extensions"))
            .env("HOME", home)
            .env("ROPA_TODAY", TODAY)
            .env("ROPA_VSCODE_RESULT", result);
    };
    let mut install = Command::new(code_server);
    base_args(&mut install);
    let out = install
        .arg("--install-extension")
        .arg(vsix)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("was successfully installed"),
        "installing the .vsix failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // code-server's parent gives its child 10 s to answer a handshake and exits with "timed
    // out" otherwise, which a busy machine can miss: then it is started again.
    for attempt in 1..=3 {
        let mut serve = Command::new(code_server);
        base_args(&mut serve);
        let child = serve
            .process_group(0)
            .args([
                "--disable-telemetry",
                "--disable-update-check",
                "--disable-workspace-trust",
            ])
            .arg(folder)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut server = CodeServer {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            if server.child.try_wait().unwrap().is_some() {
                eprintln!("code-server ended before it listened (attempt {attempt} of 3)");
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "code-server did not listen"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    panic!("code-server did not start in three attempts");
}

/// The user settings: the binary under test, no trust prompt, no welcome page.
fn serde_settings(ropa: &Path) -> String {
    format!(
        r#"{{
  "ropa.server.path": "{}",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none"
}}"#,
        ropa.display()
    )
}

/// The two tests start a code-server and a Chromium each: one at a time is enough for 2 cores.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn tools() -> Option<(PathBuf, PathBuf)> {
    let code_server = find_tool("code-server")
        .or_else(|| skip("code-server is not installed (tests/install-tools.sh code-server)"))?;
    if let Err(why) = browser_tools() {
        return skip(&why);
    }
    Some((code_server, vsix()?))
}

#[test]
fn vscode_workbench_problems_hover_quick_fix_and_policy_preview() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some((code_server, vsix)) = tools() else {
        return;
    };
    let dir = fixture_workspace();
    let ws = dir.path().join("ws");
    let server = start(
        &code_server,
        dir.path(),
        &ws,
        &vsix,
        &dir.path().join("unused.txt"),
    );
    let shots = std::env::var_os("ROPA_SCREENSHOTS").map(PathBuf::from);
    let shots_dir = shots.unwrap_or_else(|| dir.path().join("shots"));
    std::fs::create_dir_all(&shots_dir).unwrap();
    let url = format!("{}/?folder={}", server.base, ws.display());
    if let Some(report) = run_browser_script("vscode.mjs", &[&url, &shots_dir.to_string_lossy()]) {
        eprintln!("{report}");
    }
}

#[test]
fn vscode_extension_integration_tests_in_the_extension_host() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some((code_server, vsix)) = tools() else {
        return;
    };
    let extension = repo().join("editors/vscode");
    assert!(
        extension.join("dist/extension.js").exists(),
        "editors/vscode/dist/extension.js is missing: build the extension (editors/vscode/scripts/ci.sh)"
    );
    let dir = fixture_workspace();
    let ws = dir.path().join("ws");
    let result = dir.path().join("result.txt");
    let server = start(&code_server, dir.path(), &ws, &vsix, &result);
    let tests = extension.join("integration/index.js");
    if let Some(report) = run_browser_script(
        "vscode-exthost.mjs",
        &[
            &server.base,
            &ws.to_string_lossy(),
            &extension.to_string_lossy(),
            &tests.to_string_lossy(),
            &result.to_string_lossy(),
        ],
    ) {
        eprintln!("{report}");
    }
}
