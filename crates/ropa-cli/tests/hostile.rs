//! Hostile inputs: each gives a clear finding or a one-line error with exit 2 — never a panic, a
//! hang or a silent skip. The time bounds only catch hangs; they are not performance targets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BOUND: Duration = Duration::from_secs(120);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn ropa(args: &[&str], cwd: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .current_dir(cwd)
        .env("ROPA_TODAY", "2026-11-22")
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).ok();
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).ok();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > BOUND {
            child.kill().ok();
            panic!("ropa {args:?} did not finish within {BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "panic: {}",
        run.stderr
    );
    run
}

fn rules(run: &Run) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

const ACTIVITY: &str = "activity a{i} {\n  title \"Kampagne {i}\"\n  purpose \"Zweck\"\n  subjects [customers]\n  data [contact]\n  legal_basis contract\n  retention 1 year\n  notice \"Hinweis\"\n}\n\n";

#[test]
fn a_50_mb_file_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from("controller { name \"C GmbH\"  address \"Weg 1\"  email \"a@b.de\" }\n\n");
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&ACTIVITY.replace("{i}", &i.to_string()));
        i += 1;
    }
    std::fs::write(dir.path().join("big.ropa"), &text).unwrap();
    let run = ropa(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(rules(&run).is_empty());
}

#[test]
fn deeply_nested_braces_give_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("activity a {{\n  title {}\n", "{".repeat(100_000));
    std::fs::write(dir.path().join("nested.ropa"), text).unwrap();
    let run = ropa(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(rules(&run).contains(&"syntax-error".to_string()));
}

#[test]
fn a_1_mb_line_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "activity a {{ title \"{}\" purpose \"x\" }}\n",
        "ä".repeat(500_000)
    );
    std::fs::write(dir.path().join("long.ropa"), text).unwrap();
    let run = ropa(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(rules(&run).contains(&"missing-field".to_string()));
}

#[test]
fn invalid_utf8_is_a_syntax_error_finding() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.ropa"),
        b"activity a { title \"Gr\xfc\xdfe\" }\n",
    )
    .unwrap();
    let run = ropa(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(run.code, 1);
    assert_eq!(rules(&run), vec!["syntax-error"]);
    assert!(run.stdout.contains("not valid UTF-8"), "{}", run.stdout);
}

#[test]
fn nul_bytes_are_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nul.ropa"),
        b"activity a {\n  title \"x\"\n  \0\0\0\n}\nactivity b { title \"y\" }\n",
    )
    .unwrap();
    let run = ropa(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = rules(&run);
    assert!(found.contains(&"syntax-error".to_string()), "{found:?}");
}

#[cfg(unix)]
#[test]
fn symlinks_are_reported_and_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.ropa"),
        "activity leaked { title \"x\" }\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.ropa"), "category c { label \"x\" }\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.ropa"),
        dir.path().join("link.ropa"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let run = ropa(&["check", ".", "--format", "json"], dir.path());
    assert!(
        !run.stdout.contains("leaked"),
        "followed a link out of the root: {}",
        run.stdout
    );
    assert!(
        run.stderr.contains("link.ropa") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("loop"), "{}", run.stderr);
    assert_eq!(rules(&run), vec!["unused-definition"]);
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_is_a_one_line_error() {
    // `/proc/self/mem` exists but cannot be read from its start, even by root.
    let dir = tempfile::tempdir().unwrap();
    let run = ropa(&["check", "/proc/self/mem"], dir.path());
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("ropa: error: cannot read"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_config_with_wrong_types_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ropa.toml"),
        "[policy]\nlanguages = \"de\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.ropa"), "").unwrap();
    let run = ropa(&["check", "."], dir.path());
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("policy.languages") && run.stderr.contains("list of strings"),
        "{}",
        run.stderr
    );
}
