//! Which workspace a path is: nested records (a folder with its own `ropa.toml` is a record of
//! its own, checked with its own configuration), folders without `.ropa` files, and stdin.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;

use support::{CONTROLLER, NO_RETENTION, findings, repo_root, ropa, write};

const TODAY: &str = "2026-11-22";

/// `parent/` holding two records and a stray file:
/// - `a/` turns `missing-retention` off and holds an activity without retention: clean;
/// - `b/` keeps the default and holds the same activity: one `missing-retention` warning;
/// - `stray.ropa` directly in `parent/` (no `ropa.toml` above it) has no controller.
///
/// Merged into one workspace, the two controllers would be `duplicate-definition` errors, `b`'s
/// finding would depend on `a`'s configuration and `stray.ropa` would borrow a controller.
fn two_records() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "parent/a/ropa.toml",
                "[rules]\nmissing-retention = \"off\"\n",
            ),
            ("parent/a/controller.ropa", CONTROLLER),
            ("parent/a/activities/contact.ropa", NO_RETENTION),
            ("parent/b/ropa.toml", "[policy]\nlanguages = [\"de\"]\n"),
            ("parent/b/controller.ropa", CONTROLLER),
            ("parent/b/contact.ropa", NO_RETENTION),
            ("parent/stray.ropa", NO_RETENTION),
        ],
    );
    dir
}

fn located(run: &support::Run) -> Vec<(String, String)> {
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_parent_folder_checks_each_nested_record_on_its_own() {
    let dir = two_records();
    let run = ropa(
        dir.path(),
        &["check", "parent", "--format", "json", "--today", TODAY],
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        located(&run),
        [
            ("missing-retention".into(), "parent/b/contact.ropa".into()),
            ("missing-controller".into(), "parent/stray.ropa".into()),
            ("missing-retention".into(), "parent/stray.ropa".into()),
        ],
        "{}",
        run.stdout
    );
    // One report over all of them.
    assert_eq!(run.json()["summary"]["files"], 5, "{}", run.stdout);
    // Each record on its own gives the same findings as inside its parent.
    let a = ropa(dir.path(), &["check", "parent/a", "--format", "json"]);
    assert_eq!(a.code, 0, "{a:?}");
    assert_eq!(located(&a), []);
    let b = ropa(dir.path(), &["check", "parent/b", "--format", "json"]);
    assert_eq!(
        located(&b),
        [("missing-retention".into(), "parent/b/contact.ropa".into())]
    );
    // A file inside a nested record is checked with that record.
    let file = ropa(
        dir.path(),
        &[
            "check",
            "parent/a/activities/contact.ropa",
            "--format",
            "json",
        ],
    );
    assert_eq!(file.code, 0, "{file:?}");
    assert_eq!(located(&file), []);
}

#[test]
fn every_format_reports_the_records_of_a_parent_together() {
    let dir = two_records();
    let sarif = ropa(dir.path(), &["check", "parent", "--format", "sarif"]);
    let results = sarif.json()["runs"][0]["results"].as_array().unwrap().len();
    assert_eq!(results, 3, "{}", sarif.stdout);
    let github = ropa(dir.path(), &["check", "parent", "--format", "github"]);
    assert_eq!(github.stdout.lines().count(), 3, "{}", github.stdout);
    let human = ropa(dir.path(), &["check", "parent"]);
    assert!(
        human
            .stdout
            .ends_with("3 errors, 0 warnings, 0 infos in 5 files\n"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_nested_record_that_the_parent_excludes_is_skipped() {
    let dir = two_records();
    write(
        dir.path(),
        &[("parent/ropa.toml", "[files]\nexclude = [\"b/**\"]\n")],
    );
    let run = ropa(dir.path(), &["check", "parent", "--format", "json"]);
    assert_eq!(
        located(&run),
        [
            ("missing-controller".into(), "parent/stray.ropa".into()),
            ("missing-retention".into(), "parent/stray.ropa".into()),
        ],
        "{}",
        run.stdout
    );
}

/// This repository: `ropa check .` checks the example records on their own (the root
/// `ropa.toml` leaves the test data out), giving what each gives alone.
#[test]
fn this_repository_checks_each_example_on_its_own() {
    let root = repo_root();
    let count = |path: &str| {
        let run = ropa(
            &root,
            &["check", path, "--format", "json", "--today", TODAY],
        );
        findings(&run).len()
    };
    let findings_alone = count("examples/findings");
    for clean in [
        "examples/muster-marketing",
        "examples/shop",
        "examples/agency",
    ] {
        assert_eq!(count(clean), 0, "{clean}");
    }
    assert_eq!(count("examples"), findings_alone);
    assert_eq!(count("."), findings_alone);
}

#[test]
fn policy_and_record_of_a_folder_with_two_records_name_them() {
    let dir = two_records();
    for command in ["policy", "record"] {
        let run = ropa(dir.path(), &[command, "parent"]);
        assert_eq!(run.code, 2, "{run:?}");
        assert_eq!(
            run.one_error_line(),
            format!(
                "ropa: error: parent holds 3 records (parent, parent/a, parent/b); name one, \
                 e.g. `ropa {command} parent`"
            )
        );
        assert_eq!(run.stdout, "");
        // One record is generated as before.
        let one = ropa(dir.path(), &[command, "parent/a"]);
        assert_eq!(one.code, 0, "{one:?}");
        assert!(!one.stdout.is_empty());
    }
    // A folder holding exactly one record (nested below it) generates that one.
    let single = tempfile::tempdir().unwrap();
    write(
        single.path(),
        &[
            ("records/shop/ropa.toml", ""),
            ("records/shop/controller.ropa", CONTROLLER),
            ("records/shop/contact.ropa", NO_RETENTION),
        ],
    );
    // (Its activity has no retention, an error: without `--draft` the record is refused.)
    let run = ropa(
        single.path(),
        &["record", "records", "--format", "json", "--draft"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("contact_form"), "{}", run.stdout);
}

#[test]
fn write_baseline_takes_one_record() {
    let dir = two_records();
    let run = ropa(
        dir.path(),
        &["check", "parent", "--write-baseline", "baseline.json"],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.one_error_line(),
        "ropa: error: --write-baseline takes exactly one workspace, but the paths cover 3 \
         (parent, parent/a, parent/b)"
    );
    assert!(!dir.path().join("baseline.json").exists());
}

#[test]
fn fmt_formats_each_nested_record_with_its_excludes() {
    let dir = two_records();
    let messy = "activity   x {\ntitle \"X\"\n}\n";
    write(
        dir.path(),
        &[
            ("parent/a/ropa.toml", "[files]\nexclude = [\"drafts/**\"]\n"),
            ("parent/a/drafts/messy.ropa", messy),
            ("parent/b/messy.ropa", messy),
        ],
    );
    let run = ropa(dir.path(), &["fmt", "--check", "parent"]);
    assert_eq!(run.code, 1, "{run:?}");
    let listed: Vec<&str> = run.stdout.lines().collect();
    assert!(listed.contains(&"parent/b/messy.ropa"), "{}", run.stdout);
    assert!(
        !listed.iter().any(|l| l.contains("drafts")),
        "{}",
        run.stdout
    );
}

// --- a folder without records ------------------------------------------------------------------

fn assert_no_files(dir: &Path, args: &[&str], shown: &str) {
    let run = ropa(dir, args);
    assert_eq!(run.code, 2, "{args:?}: {run:?}");
    assert_eq!(
        run.one_error_line(),
        format!(
            "ropa: error: no .ropa files in {shown} (`ropa init` creates a small record to start from)"
        ),
        "{args:?}"
    );
    assert_eq!(run.stdout, "", "{args:?}");
}

fn assert_ignored(dir: &Path, args: &[&str], shown: &str, n: usize) {
    let run = ropa(dir, args);
    assert_eq!(run.code, 2, "{args:?}: {run:?}");
    let files = if n == 1 { "file" } else { "files" };
    assert_eq!(
        run.one_error_line(),
        format!(
            "ropa: error: no .ropa files to check in {shown}: its {n} .ropa {files} are ignored by a .gitignore or .ignore file, or excluded in ropa.toml (`[files] exclude`); check them from a folder where they are not ignored"
        ),
        "{args:?}"
    );
}

#[test]
fn a_folder_without_ropa_files_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("empty/notes.txt", "not a record")]);
    for command in ["check", "policy", "record", "fmt"] {
        assert_no_files(dir.path(), &[command, "empty"], "empty");
    }
    // The default path is the current folder.
    assert_no_files(&dir.path().join("empty"), &["check"], ".");
    // A `ropa.toml` alone is no record either; nor is a folder whose files are all excluded.
    write(
        dir.path(),
        &[
            ("configured/ropa.toml", "[files]\nexclude = [\"old/**\"]\n"),
            ("configured/old/x.ropa", NO_RETENTION),
        ],
    );
    assert_ignored(dir.path(), &["check", "configured"], "configured", 1);
    // Files a `.gitignore` lists are skipped too, and the error says so (a generated workspace
    // below `target/` looked empty).
    write(
        dir.path(),
        &[
            ("repo/ropa.toml", ""),
            ("repo/.gitignore", "target/\n"),
            ("repo/target/ws/a.ropa", NO_RETENTION),
            ("repo/target/ws/b.ropa", NO_RETENTION),
        ],
    );
    assert_ignored(
        dir.path(),
        &["check", "repo/target/ws"],
        "repo/target/ws",
        2,
    );
    // The policy of an empty folder is never written.
    let run = ropa(dir.path(), &["policy", "empty", "-o", "policy.md"]);
    assert_eq!(run.code, 2);
    assert!(!dir.path().join("policy.md").exists());
}

// --- stdin -----------------------------------------------------------------------------------

/// Runs `ropa ARGS` in `dir` with `input` on stdin.
fn ropa_stdin(dir: &Path, args: &[&str], input: &str) -> support::Run {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = support::command(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A usage error ends ropa before it reads stdin: the pipe may be closed by then.
    if let Err(e) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out = child.wait_with_output().unwrap();
    support::Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// An editor's unsaved buffer: `ropa check - --stdin-filename PATH` checks the text as that
/// file of its workspace (references resolve, the workspace's configuration applies) and names
/// it in the findings; the file on disk is not read.
#[test]
fn stdin_is_checked_as_the_named_file_of_its_workspace() {
    let dir = two_records();
    // On disk the file has a finding (`missing-retention`); the buffer has another mistake.
    let buffer = support::NO_RETENTION.replace("[customers]", "[custmers]");
    let run = ropa_stdin(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "parent/b/contact.ropa",
            "--format",
            "json",
        ],
        &buffer,
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        located(&run),
        [
            ("missing-retention".into(), "parent/b/contact.ropa".into()),
            (
                "unresolved-reference".into(),
                "parent/b/contact.ropa".into()
            ),
        ],
        "{}",
        run.stdout
    );
    // The workspace's configuration applies (`a` turns missing-retention off), and a file that
    // is not on disk yet is checked with its workspace: its controller is found.
    let run = ropa_stdin(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "parent/a/activities/new.ropa",
            "--format",
            "json",
        ],
        &NO_RETENTION.replace("contact_form", "new_form"),
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(located(&run), []);
    // Human output names the file.
    let run = ropa_stdin(
        dir.path(),
        &["check", "-", "--stdin-filename", "parent/b/contact.ropa"],
        &buffer,
    );
    assert!(
        run.stdout.contains("┌─ parent/b/contact.ropa:4:16"),
        "{}",
        run.stdout
    );
}

#[test]
fn stdin_without_a_name_is_a_record_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let run = ropa_stdin(
        dir.path(),
        &["check", "-", "--format", "github"],
        NO_RETENTION,
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains(
            "::error file=<stdin>,line=1,col=10,endLine=1,endColumn=22,title=missing-controller::"
        ),
        "{}",
        run.stdout
    );
    // The same text from a file gives the same findings.
    write(dir.path(), &[("x.ropa", NO_RETENTION)]);
    let file = ropa(dir.path(), &["check", "x.ropa", "--format", "github"]);
    assert_eq!(run.stdout.replace("<stdin>", "x.ropa"), file.stdout);
}

#[test]
fn stdin_usage_errors_are_one_line() {
    let dir = two_records();
    for (args, message) in [
        (
            &["check", "-", "parent"][..],
            "ropa: error: `-` (stdin) cannot be combined with other paths",
        ),
        (
            &["check", "parent", "--stdin-filename", "x.ropa"][..],
            "ropa: error: --stdin-filename names the text read from stdin: pass `-` as the path",
        ),
        (
            &["check", "-", "--write-baseline", "b.json"][..],
            "ropa: error: `-` (stdin) cannot be combined with --changed-since or --write-baseline",
        ),
    ] {
        let run = ropa_stdin(dir.path(), args, NO_RETENTION);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert_eq!(run.one_error_line(), message);
    }
}
