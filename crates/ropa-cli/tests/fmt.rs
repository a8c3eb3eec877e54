//! `ropa fmt` end to end: the built binary against files in a temporary folder.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

const MESSY: &str = "activity a{title \"Newsletter\";retention 90 days\n   data [contact]}\n";
const FORMATTED: &str =
    "activity a {\n  title     \"Newsletter\"\n  retention 90 days\n  data      [contact]\n}\n";

fn ropa(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_fails_on_an_unformatted_file_and_passes_after_fmt() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("activities")).unwrap();
    fs::write(dir.path().join("activities/a.ropa"), MESSY).unwrap();
    fs::write(dir.path().join("b.ropa"), "subject s { label \"ok\" }\n").unwrap();

    let check = ropa(dir.path(), &["fmt", "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stderr));
    assert_eq!(text(&check.stdout), "activities/a.ropa\n");
    assert_eq!(
        fs::read_to_string(dir.path().join("activities/a.ropa")).unwrap(),
        MESSY,
        "--check writes nothing"
    );

    let fmt = ropa(dir.path(), &["fmt"]);
    assert_eq!(fmt.status.code(), Some(0), "{}", text(&fmt.stderr));
    assert_eq!(
        text(&fmt.stderr),
        "1 file reformatted, 1 file already formatted\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("activities/a.ropa")).unwrap(),
        FORMATTED
    );

    let check = ropa(dir.path(), &["fmt", "--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert_eq!(text(&check.stdout), "");
}

#[test]
fn unchanged_files_are_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ropa");
    fs::write(&path, FORMATTED).unwrap();
    let old = SystemTime::now() - Duration::from_secs(3600 * 24);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let fmt = ropa(dir.path(), &["fmt", "a.ropa"]);
    assert_eq!(fmt.status.code(), Some(0));
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), old);
}

#[test]
fn files_with_syntax_errors_are_reported_and_the_others_formatted() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "activity b {\n  title \"x\"\n  %%% oops\n}\n";
    fs::write(dir.path().join("a.ropa"), MESSY).unwrap();
    fs::write(dir.path().join("b.ropa"), broken).unwrap();
    let fmt = ropa(dir.path(), &["fmt", "."]);
    assert_eq!(fmt.status.code(), Some(2));
    let stderr = text(&fmt.stderr);
    assert!(
        stderr.starts_with("b.ropa: not formatted: it has syntax errors (line 3: "),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.ropa")).unwrap(),
        FORMATTED
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("b.ropa")).unwrap(),
        broken
    );

    let check = ropa(dir.path(), &["fmt", "--check"]);
    assert_eq!(
        check.status.code(),
        Some(2),
        "syntax errors win over exit 1"
    );
}

#[test]
fn stdin_is_formatted_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["fmt", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(MESSY.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), FORMATTED);
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.ropa"), MESSY).unwrap();
    let out = ropa(dir.path(), &["fmt", "--diff"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("--- a/a.ropa\n+++ b/a.ropa\n@@ -1,2 +1,5 @@\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\n+  retention 90 days\n"), "{stdout}");
    assert_eq!(
        fs::read_to_string(dir.path().join("a.ropa")).unwrap(),
        MESSY
    );
}

#[test]
fn excluded_files_are_left_alone_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("ropa.toml"),
        "[files]\nexclude = [\"drafts/**\"]\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("drafts")).unwrap();
    fs::write(dir.path().join("drafts/d.ropa"), MESSY).unwrap();
    fs::write(dir.path().join("a.ropa"), MESSY).unwrap();
    let out = ropa(dir.path(), &["fmt", "--check"]);
    assert_eq!(text(&out.stdout), "a.ropa\n");
    let out = ropa(dir.path(), &["fmt", "--check", "drafts/d.ropa", "."]);
    assert_eq!(text(&out.stdout), "drafts/d.ropa\na.ropa\n");
}

#[test]
fn crlf_files_stay_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ropa");
    fs::write(&path, MESSY.replace('\n', "\r\n")).unwrap();
    let out = ropa(dir.path(), &["fmt", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        FORMATTED.replace('\n', "\r\n")
    );
}

#[test]
fn missing_paths_and_bad_config_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = ropa(dir.path(), &["fmt", "nowhere.ropa"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "ropa: error: cannot read nowhere.ropa: no such file or directory\n"
    );
    fs::write(dir.path().join("ropa.toml"), "[files]\nexclud = []\n").unwrap();
    let out = ropa(dir.path(), &["fmt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("ropa: error: ropa.toml: "));
}

#[test]
fn files_that_are_not_utf8_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.ropa"), b"subject s { label \"\xFF\" }\n").unwrap();
    let out = ropa(dir.path(), &["fmt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("a.ropa: not formatted: this file is not valid UTF-8"),
        "{}",
        text(&out.stderr)
    );
}
