//! Helpers for the end-to-end tests in `tests/`: where the `ropa` binary and the external tools
//! (editors, browsers, Python) are, how a test skips when one is absent, and the fixture
//! workspace the editor tests open.
//!
//! A test that needs a tool skips with a message when it is absent, except when
//! `ROPA_NO_SKIP` is set (CI, `.ci/run`): then the absence is a failure. `tests/install-tools.sh`
//! installs every tool into `$ROPA_E2E_TOOLS` (default `~/.cache/ropa-e2e`), where the tests
//! look first, then on `PATH`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root folder.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the repository")
        .to_path_buf()
}

/// The `ropa` binary under test: `$ROPA_BIN`, else the one cargo built next to this test
/// (`target/<profile>/ropa`; built first when missing, as `cargo test -p ropa-e2e` alone does
/// not build other packages' binaries).
pub fn ropa() -> PathBuf {
    if let Some(bin) = std::env::var_os("ROPA_BIN") {
        return PathBuf::from(bin);
    }
    // target/<profile>/deps/<test>-<hash> -> target/<profile>/ropa
    let exe = std::env::current_exe().expect("the test knows its own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("tests run from target/<profile>/deps");
    let bin = profile_dir.join(format!("ropa{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "-p", "ropa-cli", "--bin", "ropa"])
            .current_dir(repo())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "cargo build -p ropa-cli failed");
    }
    bin
}

/// Where `tests/install-tools.sh` puts the tools: `$ROPA_E2E_TOOLS`, else `~/.cache/ropa-e2e`.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ROPA_E2E_TOOLS") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into());
    Path::new(&home).join(".cache/ropa-e2e")
}

/// Whether absent tools are failures (CI) rather than reasons to skip.
pub fn no_skip() -> bool {
    std::env::var_os("ROPA_NO_SKIP").is_some_and(|v| !v.is_empty())
}

/// Ends a test whose tool is absent: a message outside CI, a failure in CI. Returns `None`
/// so that a test reads `let Some(nvim) = … else { return };`.
pub fn skip<T>(why: &str) -> Option<T> {
    assert!(!no_skip(), "{why}, and ROPA_NO_SKIP forbids skipping");
    eprintln!("SKIPPED: {why}");
    None
}

/// An executable: first `$ROPA_E2E_TOOLS/bin/NAME`, then NAME on `PATH`.
pub fn find_tool(name: &str) -> Option<PathBuf> {
    let local = tools_dir().join("bin").join(name);
    if is_executable(&local) {
        return Some(local);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// The first line `TOOL --version` prints (empty when it does not run).
pub fn version_line(tool: &Path) -> String {
    Command::new(tool)
        .arg("--version")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default()
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
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

/// A fresh copy of the fixture workspace `tests/fixtures/ws` (editors may change the files)
/// in a temporary folder that is also the editor's `HOME`. The workspace is `<dir>/ws`.
pub fn fixture_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/ws"), &dir.path().join("ws"));
    dir
}

/// The date the tests check at, so that findings that depend on the date stay put.
pub const TODAY: &str = "2026-11-22";

/// Node and the browser driver of `tests/browser` (playwright-core, installed by `npm ci` there)
/// and Debian's Chromium, or the reason they are missing.
pub fn browser_tools() -> Result<(PathBuf, PathBuf), String> {
    let node = find_tool("node").ok_or("node is not installed")?;
    let driver = repo().join("tests/browser/node_modules/playwright-core");
    if !driver.exists() {
        return Err("playwright-core is not installed (npm ci in tests/browser)".into());
    }
    let chromium = std::env::var_os("ROPA_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| find_tool("chromium"))
        .ok_or("chromium is not installed (apt-get install chromium)")?;
    Ok((node, chromium))
}

/// Runs a script of `tests/browser` with Node; its output ends in `PASS` or `FAIL`.
pub fn run_browser_script(script: &str, args: &[&str]) -> Option<String> {
    let (node, chromium) = match browser_tools() {
        Ok(tools) => tools,
        Err(why) => return skip(&why),
    };
    let out = Command::new(node)
        .arg(repo().join("tests/browser").join(script))
        .args(args)
        .env("ROPA_CHROMIUM", chromium)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success() && stdout.trim_end().ends_with("PASS"),
        "{script} failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    Some(stdout)
}

/// A terminal program driven in its own tmux server (`tmux -L`), as a person at a terminal:
/// keys in, screen text out. The server ends when this is dropped.
#[derive(Debug)]
pub struct Tmux {
    tmux: PathBuf,
    socket: String,
}

impl Tmux {
    /// Starts `command` (a shell command line) in a 160 × 45 terminal in `dir`.
    pub fn start(tmux: &Path, dir: &Path, command: &str) -> Tmux {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let socket = format!("ropa-e2e-{}-{n}", std::process::id());
        let status = Command::new(tmux)
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "160",
                "-y",
                "45",
            ])
            .arg("-c")
            .arg(dir)
            .arg(command)
            .env_remove("TMUX")
            // Helix takes `$CARGO_MANIFEST_DIR/../runtime` (set by `cargo test`) as its first
            // runtime folder: the editors must see a user's environment, not cargo's.
            .env_remove("CARGO_MANIFEST_DIR")
            .status()
            .unwrap();
        assert!(status.success(), "tmux did not start");
        Tmux {
            tmux: tmux.to_path_buf(),
            socket,
        }
    }

    /// Sends keys as `tmux send-keys` names them (`Enter`, `Escape`, `Space`, or literal text).
    pub fn keys(&self, keys: &[&str]) {
        Command::new(&self.tmux)
            .args(["-L", &self.socket, "send-keys"])
            .args(keys)
            .status()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        let out = Command::new(&self.tmux)
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// The screen with colours as escape sequences (for screenshots).
    pub fn screen_ansi(&self) -> String {
        let out = Command::new(&self.tmux)
            .args(["-L", &self.socket, "capture-pane", "-p", "-e"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// Waits up to 30 s for the screen to contain `text`; panics with the screen otherwise.
    pub fn wait_for(&self, text: &str) -> String {
        for _ in 0..300 {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("the screen never showed {text:?}:\n{}", self.screen());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new(&self.tmux)
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// `PATH` with `dirs` in front.
pub fn path_with(dirs: &[&Path]) -> std::ffi::OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut all: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    all.extend(std::env::split_paths(&path));
    std::env::join_paths(all).unwrap()
}

/// A folder holding a `ropa` link to the binary under test, for editors that start `ropa lsp`
/// by name from `PATH`.
pub fn ropa_on_path(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(ropa(), bin.join("ropa")).unwrap();
    bin
}
