//! Hostile inputs: each gives a clear finding or a one-line error with exit 2 — never a panic, a
//! hang or a silent skip. The time bounds only catch hangs; they are not performance targets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Catches hangs only (a shared 2-core machine under load needs room): never a performance target.
const BOUND: Duration = Duration::from_secs(600);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn command(args: &[&str], cwd: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ropa"));
    command
        .args(args)
        .current_dir(cwd)
        .env("ROPA_TODAY", "2026-11-22")
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn ropa(args: &[&str], cwd: &Path) -> Run {
    run(command(args, cwd))
}

/// Runs a command made by [`command`], failing the test on a panic or a hang.
fn run(command: Command) -> Run {
    run_with(command, false)
}

/// [`run`], with the read end of stdout closed as soon as the command starts (`| true`).
fn run_with(mut command: Command, close_stdout: bool) -> Run {
    let args: Vec<String> = command
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut child = command.spawn().unwrap();
    let out = child.stdout.take().filter(|_| !close_stdout);
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut out) = out {
            out.read_to_string(&mut s).ok();
        }
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
    let mut text = String::from(
        "controller { name \"C GmbH\"  address \"Weg 1\"  email \"a@b.de\"  security \"TOM\" }\n\n",
    );
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

fn repo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Issue 21: `ropa check … | true` — the exit code reflects the findings whatever happens to
/// stdout, and a closed pipe is neither a message nor a panic.
#[test]
fn a_closed_pipe_keeps_the_exit_code() {
    let repo = repo();
    for format in ["human", "json", "sarif", "github"] {
        let findings = run_with(
            command(&["check", "examples/findings", "--format", format], &repo),
            true,
        );
        assert_eq!(findings.code, 1, "{format}: {}", findings.stderr);
        assert_eq!(findings.stderr, "", "{format}");
        let clean = run_with(
            command(
                &["check", "examples/muster-marketing", "--format", format],
                &repo,
            ),
            true,
        );
        assert_eq!(clean.code, 0, "{format}: {}", clean.stderr);
    }
    let unformatted = tempfile::tempdir().unwrap();
    std::fs::write(
        unformatted.path().join("a.ropa"),
        "category c {label \"x\"}\n",
    )
    .unwrap();
    let fmt = run_with(command(&["fmt", "--check", "."], unformatted.path()), true);
    assert_eq!(fmt.code, 1, "{}", fmt.stderr);
    let policy = run_with(
        command(&["policy", "examples/muster-marketing"], &repo),
        true,
    );
    assert_eq!(policy.code, 0, "{}", policy.stderr);
    assert!(!policy.stderr.contains("error"), "{}", policy.stderr);
    // The listings too (`ropa taxonomy | head`): no message about the pipe.
    for args in [
        &["taxonomy"][..],
        &["rules"],
        &["explain", "missing-avv"],
        &["completions", "bash"],
        &["man"],
    ] {
        let listing = run_with(command(args, &repo), true);
        assert_eq!(listing.code, 0, "{args:?}: {}", listing.stderr);
        assert_eq!(listing.stderr, "", "{args:?}");
    }
}

/// The mode a file created with `0666` gets under the current umask (as the shell creates one).
#[cfg(unix)]
fn umask_mode(dir: &Path) -> u32 {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let probe = dir.join("probe");
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o666)
        .open(&probe)
        .unwrap();
    let mode = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    std::fs::remove_file(probe).unwrap();
    mode
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Issue 21: written files were mode 0600. New files get the umask's mode; existing files keep
/// theirs — for `-o`, `--write-baseline` and `ropa fmt`.
#[cfg(unix)]
#[test]
fn written_files_get_the_umask_mode_and_existing_ones_keep_theirs() {
    use std::os::unix::fs::PermissionsExt;
    let repo = repo();
    let out = tempfile::tempdir().unwrap();
    let expected = umask_mode(out.path());
    let policy = out.path().join("policy.html");
    let record = out.path().join("record.csv");
    let baseline = out.path().join("baseline.json");
    let example = repo.join("examples/muster-marketing");
    let example = example.to_str().unwrap();
    let write = |args: &[&str]| {
        let run = ropa(args, out.path());
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    };
    let all = |write: &dyn Fn(&[&str])| {
        write(&["policy", example, "--format", "html", "-o", "policy.html"]);
        write(&["record", example, "--format", "csv", "-o", "record.csv"]);
        write(&["check", example, "--write-baseline", "baseline.json"]);
    };
    all(&write);
    for file in [&policy, &record, &baseline] {
        assert_eq!(mode(file), expected, "{}", file.display());
    }
    for file in [&policy, &record, &baseline] {
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o604)).unwrap();
    }
    all(&write);
    for file in [&policy, &record, &baseline] {
        assert_eq!(mode(file), 0o604, "{}", file.display());
    }
    let source = out.path().join("a.ropa");
    std::fs::write(&source, "category c {label \"x\"}\n").unwrap();
    std::fs::set_permissions(&source, std::fs::Permissions::from_mode(0o664)).unwrap();
    write(&["fmt", "a.ropa"]);
    assert_eq!(
        std::fs::read_to_string(&source).unwrap(),
        "category c { label \"x\" }\n"
    );
    assert_eq!(mode(&source), 0o664);
}

/// Issue 23, item 2: `-o` and `--write-baseline` write through a device, a FIFO or a link to
/// one, and never replace them; a folder is refused with one line.
#[cfg(target_os = "linux")]
#[test]
fn outputs_write_through_devices_and_fifos_and_never_replace_them() {
    use std::os::unix::fs::FileTypeExt;
    let repo = repo();
    let example = repo.join("examples/muster-marketing");
    let example = example.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/null", dir.path().join("null")).unwrap();
    for args in [
        &["policy", example, "-o", "null"][..],
        &["record", example, "-o", "/dev/null"],
        &["check", example, "--write-baseline", "null"],
    ] {
        let run = ropa(args, dir.path());
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    let link = std::fs::symlink_metadata(dir.path().join("null")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let null = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device());

    // A FIFO gets the record, whole, and stays a FIFO.
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = ropa(
        &["record", example, "--format", "csv", "-o", "fifo"],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let received = reader.join().unwrap();
    assert!(received.starts_with("\u{feff}") || received.contains(';') || received.contains(','));
    assert!(received.lines().count() > 3, "{received}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    std::fs::create_dir(dir.path().join("folder")).unwrap();
    let refused = ropa(&["policy", example, "-o", "folder"], dir.path());
    assert_eq!(refused.code, 2);
    assert_eq!(refused.stderr.lines().count(), 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("it is a folder"),
        "{}",
        refused.stderr
    );
}

/// Issue 23, item 1: a template is never read through a link nor from outside the workspace.
#[cfg(target_os = "linux")]
#[test]
fn templates_are_never_read_through_links_or_from_outside_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path();
    std::fs::create_dir(w.join("templates")).unwrap();
    std::fs::write(w.join("a.ropa"), "activity a { title \"T\" }\n").unwrap();
    std::fs::write(w.join("ropa.toml"), "[policy]\ntemplates = \"templates\"\n").unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", w.join("templates/document.md.j2")).unwrap();
    let mut leak = command(&["policy", ".", "--draft"], w);
    leak.env("ROPA_TEST_SECRET", "s3cr3t");
    let run = run(leak);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stdout.contains("s3cr3t"), "the environment leaked");
    assert!(
        run.stderr
            .contains("templates/document.md.j2: it is a symbolic link"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(w.join("templates/document.md.j2")).unwrap();
    for (dir, why) in [
        ("/etc", "an absolute path"),
        ("../templates", "a path with `..`"),
        ("up/templates", "up is a symbolic link"),
        ("link", "is a symbolic link"),
    ] {
        std::fs::write(
            w.join("ropa.toml"),
            format!("[policy]\ntemplates = \"{dir}\"\n"),
        )
        .unwrap();
        std::os::unix::fs::symlink("/", w.join("up")).ok();
        std::os::unix::fs::symlink("/etc", w.join("link")).ok();
        let run = ropa(&["policy", ".", "--draft"], w);
        assert_eq!(run.code, 2, "{dir}: {}", run.stderr);
        let last = run.stderr.lines().last().unwrap();
        assert!(
            last.starts_with("ropa: error:") && last.contains(why),
            "{dir}: {}",
            run.stderr
        );
    }
}

/// Issue 23, item 7: only regular files are read, never more than a limit — a device, a FIFO or
/// an endless stdin gives one line and exit 2, at once.
#[cfg(target_os = "linux")]
#[test]
fn devices_fifos_and_endless_input_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path();
    std::fs::write(w.join("a.ropa"), "category c { label \"x\" }\n").unwrap();
    let fifo = w.join("fifo.ropa");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let one_line = |run: &Run, what: &str| {
        assert_eq!(run.code, 2, "{what}: {}", run.stderr);
        let errors: Vec<&str> = run
            .stderr
            .lines()
            // Notes, and `ropa fmt`'s tally of the files it did and did not format.
            .filter(|l| !l.starts_with("ropa: note:") && !l.contains(" reformatted, "))
            .collect();
        assert_eq!(errors.len(), 1, "{what}: {}", run.stderr);
        assert!(
            errors[0].contains("ropa reads only regular files")
                || errors[0].contains("the most ropa reads"),
            "{what}: {}",
            run.stderr
        );
    };
    one_line(&ropa(&["check", "/dev/zero"], w), "check /dev/zero");
    one_line(&ropa(&["check", "fifo.ropa"], w), "check a FIFO");
    one_line(&ropa(&["fmt", "fifo.ropa"], w), "fmt a FIFO");
    one_line(
        &ropa(&["check", ".", "--baseline", "/dev/zero"], w),
        "--baseline",
    );
    let mut endless = command(&["fmt", "-"], w);
    endless.stdin(std::fs::File::open("/dev/zero").unwrap());
    one_line(&run(endless), "fmt - from /dev/zero");
    std::fs::remove_file(&fifo).unwrap();

    // The workspace's own paths: `[check] baseline` names a device directly or through a link.
    std::os::unix::fs::symlink("/dev/zero", w.join("zero.json")).unwrap();
    for baseline in ["/dev/zero", "zero.json"] {
        std::fs::write(
            w.join("ropa.toml"),
            format!("[check]\nbaseline = \"{baseline}\"\n"),
        )
        .unwrap();
        let run = ropa(&["check", "."], w);
        assert_eq!(run.code, 2, "{baseline}: {}", run.stderr);
        assert!(
            run.stderr
                .lines()
                .last()
                .unwrap()
                .starts_with("ropa: error:"),
            "{baseline}: {}",
            run.stderr
        );
    }
    // `ropa.toml` a link to a device is no configuration (and never read); a link to a file
    // outside the workspace is refused.
    std::fs::remove_file(w.join("ropa.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", w.join("ropa.toml")).unwrap();
    let run = ropa(&["check", "."], w);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("ropa.toml"),
        "[policy]\nlanguages = [\"de\"]\n",
    )
    .unwrap();
    std::fs::remove_file(w.join("ropa.toml")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("ropa.toml"), w.join("ropa.toml")).unwrap();
    let run = ropa(&["check", "."], w);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("ropa.toml: it is a symbolic link"),
        "{}",
        run.stderr
    );
}

/// Issue 23, item 14: `ropa fmt` refuses a read-only file (exit 2, the others are formatted)
/// and writes a file with several hard links in place, so that the links stay one file.
#[cfg(unix)]
#[test]
fn fmt_refuses_read_only_files_and_keeps_hard_links() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path();
    let messy = "category c {label \"x\"}\n";
    let tidy = "category c { label \"x\" }\n";
    std::fs::write(w.join("locked.ropa"), messy).unwrap();
    std::fs::set_permissions(
        w.join("locked.ropa"),
        std::fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    std::fs::write(w.join("linked.ropa"), messy).unwrap();
    std::fs::hard_link(w.join("linked.ropa"), w.join("other-name.txt")).unwrap();
    let inode = std::fs::metadata(w.join("linked.ropa")).unwrap().ino();
    let run = ropa(&["fmt", "."], w);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("locked.ropa: not formatted: cannot write it: it is read-only"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(w.join("locked.ropa")).unwrap(),
        messy
    );
    assert_eq!(mode(&w.join("locked.ropa")), 0o444);
    assert_eq!(
        std::fs::read_to_string(w.join("linked.ropa")).unwrap(),
        tidy
    );
    assert_eq!(
        std::fs::read_to_string(w.join("other-name.txt")).unwrap(),
        tidy
    );
    assert_eq!(
        std::fs::metadata(w.join("linked.ropa")).unwrap().ino(),
        inode
    );
    let mut names: Vec<String> = std::fs::read_dir(w)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["linked.ropa", "locked.ropa", "other-name.txt"],
        "no temporary file left"
    );
}

/// Issue 23, item 5: nesting 200,000 levels deep — valid lists, valid blocks, unclosed lists —
/// overflows no stack in checking, generating or formatting (the fast path declines it and
/// tree-sitter parses it iteratively; the formatter refuses it with its line).
#[test]
fn deep_nesting_is_checked_generated_and_refused_by_the_formatter() {
    const DEPTH: usize = 200_000;
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path();
    std::fs::write(
        w.join("controller.ropa"),
        "controller { name \"C GmbH\"  address \"Weg 1\"  email \"a@b.de\" }\n",
    )
    .unwrap();
    std::fs::write(
        w.join("lists.ropa"),
        format!(
            "activity lists {{\n  title \"lists\"\n  data {}{}\n}}\n",
            "[".repeat(DEPTH),
            "]".repeat(DEPTH)
        ),
    )
    .unwrap();
    std::fs::write(
        w.join("blocks.ropa"),
        format!(
            "activity blocks {{\n  title \"T\"\n  ai {}{}\n}}\n",
            "x { ".repeat(DEPTH),
            "} ".repeat(DEPTH)
        ),
    )
    .unwrap();
    std::fs::write(
        w.join("unclosed.ropa"),
        format!("activity unclosed {{\n  data {}", "[".repeat(DEPTH)),
    )
    .unwrap();
    let check = ropa(&["check", ".", "--format", "json"], w);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(rules(&check).contains(&"syntax-error".to_string()));
    for args in [
        &["policy", ".", "--draft"][..],
        &["record", ".", "--format", "json", "--draft"],
    ] {
        let run = ropa(args, w);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("lists"), "{args:?}");
    }
    let fmt = ropa(&["fmt", "--check", "."], w);
    assert_eq!(fmt.code, 2, "{}", fmt.stderr);
    for file in ["lists.ropa", "blocks.ropa", "unclosed.ropa"] {
        assert!(
            fmt.stderr.contains(&format!(
                "{file}: not formatted: lists or blocks nest more than 64 levels deep"
            )),
            "{file}: {}",
            fmt.stderr
        );
    }
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(["-c", "commit.gpgsign=false", "-c", "core.quotepath=true"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

fn has_git() -> bool {
    if Command::new("git").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("ROPA_NO_SKIP").is_none(),
        "git is missing and ROPA_NO_SKIP forbids skipping"
    );
    eprintln!("SKIPPED: git is not installed");
    false
}

/// Issue 23, item 9: `--changed-since` with paths git quotes (non-ASCII folder and file names):
/// nothing changed, so nothing is reported.
#[test]
fn changed_since_reads_non_ascii_paths() {
    if !has_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path();
    std::fs::create_dir(w.join("Datenschutz-Übersicht")).unwrap();
    std::fs::write(w.join("ropa.toml"), "").unwrap();
    for name in ["Datenschutz-Übersicht/Aktivität 👋.ropa", "Grüße.ropa"] {
        std::fs::write(
            w.join(name),
            "activity a { title \"T\" }\n".replace('a', "x"),
        )
        .unwrap();
    }
    git(w, &["init", "-q"]);
    git(w, &["add", "."]);
    git(w, &["commit", "-q", "-m", "start"]);
    let all = ropa(&["check", ".", "--format", "json"], w);
    assert!(!rules(&all).is_empty(), "the record has findings");
    let changed = ropa(
        &["check", ".", "--changed-since", "HEAD", "--format", "json"],
        w,
    );
    assert_eq!(changed.code, 0, "{}", changed.stderr);
    assert_eq!(rules(&changed), Vec::<String>::new(), "{}", changed.stdout);
}

/// Issue 23, item 12: file names with a backslash or bytes that are not UTF-8 are checked like
/// any other, named unambiguously (`\\`, `\xNN`), and the rest of the workspace is checked too.
#[cfg(unix)]
#[test]
fn odd_file_names_are_checked_and_named_unambiguously() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path();
    std::fs::write(
        w.join("controller.ropa"),
        "controller { name \"C GmbH\"  address \"Weg 1\"  email \"a@b.de\"  security \"TOM\" }\n",
    )
    .unwrap();
    let latin1 = std::ffi::OsStr::from_bytes(b"\xDCbersicht.ropa");
    std::fs::write(w.join(latin1), "activity latin { title \"latin\" }\n").unwrap();
    std::fs::write(
        w.join("back\\slash.ropa"),
        "activity slash { title \"slash\" }\n",
    )
    .unwrap();
    std::fs::write(w.join("plain.ropa"), "activity plain { title \"plain\" }\n").unwrap();
    let check = ropa(&["check", ".", "--format", "json"], w);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let v: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let files: std::collections::BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["\\xDCbersicht.ropa", "back\\\\slash.ropa", "plain.ropa"]
            .into_iter()
            .collect(),
        "{}",
        check.stdout
    );
    let human = ropa(&["check", "."], w);
    assert!(
        human.stdout.contains("\\xDCbersicht.ropa:1:"),
        "{}",
        human.stdout
    );
    // The policy and the record have all three activities, and warnings name the right files.
    for args in [
        &["policy", ".", "--draft"][..],
        &["record", ".", "--format", "json", "--draft"],
    ] {
        let run = ropa(args, w);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        for id in ["latin", "slash", "plain"] {
            assert!(run.stdout.contains(id), "{args:?} lacks {id}");
        }
    }
    // Generated text never names a source file (CHANGES-2026-12 §4), odd or not.
    let record = ropa(&["record", ".", "--format", "json", "--draft"], w);
    assert!(!record.stdout.contains(".ropa"), "{}", record.stdout);
    // A file named on the command line, and formatting in place.
    let one = run({
        let mut c = command(&["check", "--format", "json"], w);
        c.arg(w.join(latin1));
        c
    });
    assert_eq!(one.code, 1, "{}", one.stderr);
    assert!(
        one.stdout.contains("\\\\xDCbersicht.ropa"),
        "{}",
        one.stdout
    );
    let fmt = ropa(&["fmt", "."], w);
    assert_eq!(fmt.code, 0, "{}", fmt.stderr);
    assert_eq!(
        std::fs::read_to_string(w.join(latin1)).unwrap(),
        "activity latin { title \"latin\" }\n"
    );
}

/// Issue 23, item 13: suppressions cost in proportion to their number — 50,000 fields each with
/// its own suppression, and a stack of 50,000 above one item (a pairwise loop takes minutes).
#[test]
fn many_suppressions_are_applied_in_proportion_to_their_number() {
    const N: usize = 50_000;
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path();
    let mut text = String::from("category c {\n  label \"x\"\n");
    for i in 0..N {
        text.push_str(&format!(
            "  // ropa-ignore unknown-field: test {i}\n  extra{i} 1\n"
        ));
    }
    text.push_str("}\n\n");
    for i in 0..N {
        text.push_str(&format!("// ropa-ignore unknown-field: stacked {i}\n"));
    }
    text.push_str("subject s { label \"y\"  odd 1 }\n");
    std::fs::write(w.join("a.ropa"), text).unwrap();
    let run = ropa(&["check", ".", "--format", "json"], w);
    let found = rules(&run);
    // Every unknown field is suppressed; of the stack, the first is used and the rest unused.
    assert!(!found.contains(&"unknown-field".to_string()), "{found:?}");
    let unused = found.iter().filter(|r| *r == "unused-suppression").count();
    assert_eq!(unused, N - 1);
}

/// Issue 23, item 11: control characters in strings, comments and file names never reach the
/// terminal or the CI log as they are: human and github output write them as `\u{…}`.
#[cfg(unix)]
#[test]
fn control_characters_are_escaped_in_human_and_github_output() {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path();
    let esc = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    std::fs::write(
        w.join(format!("evil{esc}.ropa")),
        format!(
            "// comment {esc} \u{202e}txt.exe\nactivity a {{\n  title \"{esc}\"\n  purpose 1\n  unknwn{esc} 2\n}}\n"
        ),
    )
    .unwrap();
    for format in ["human", "github"] {
        let run = ropa(&["check", ".", "--format", format], w);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        for out in [&run.stdout, &run.stderr] {
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
                "{format}: {out:?}"
            );
        }
        assert!(run.stdout.contains("\\u{1b}"), "{format}: {}", run.stdout);
    }
}

/// Issue 23, item 3: `ropa record` on 5,000 activities with one id (a 110 KB file) and 5,000
/// errors between items: output and memory grow with the input, not its square (each
/// activity carries its own draft boxes, never the list of findings).
#[test]
fn record_output_grows_linearly_with_duplicates_and_errors() {
    const N: usize = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path();
    std::fs::write(w.join("dup.ropa"), "activity a { title \"T\" }\n".repeat(N)).unwrap();
    std::fs::write(w.join("junk.ropa"), "@\n".repeat(N)).unwrap();
    for format in ["md", "csv", "json"] {
        let run = ropa(&["record", ".", "--format", format, "--draft"], w);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        // Quadratic output would be gigabytes; a few kilobytes an activity is linear.
        assert!(
            run.stdout.len() < N * 4096,
            "{format}: {} bytes",
            run.stdout.len()
        );
        // Each activity carries its draft boxes, not the whole workspace's findings.
        assert!(run.stdout.contains("ENTWURF"), "{format}");
    }
    let policy = ropa(&["policy", ".", "--draft"], w);
    assert_eq!(policy.code, 0, "{}", policy.stderr);
    assert!(policy.stdout.len() < N * 4096);
}
