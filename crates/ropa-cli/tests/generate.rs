//! `ropa policy` and `ropa record` end to end: the binary against workspaces on disk, Python's
//! `csv` module against the CSV, and a real headless Chromium against the HTML.
//!
//! Tests that need `python3` or `chromium` print a message and pass where the tool is missing,
//! unless `ROPA_NO_SKIP=1` is set, which turns the skip into a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const DATE: &str = "2026-11-22";

fn ropa() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ropa"));
    c.env("ROPA_TODAY", DATE).env("NO_COLOR", "1");
    c
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example() -> PathBuf {
    repo().join("examples/muster-marketing")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the ropa binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Skips (with a message) or, under `ROPA_NO_SKIP=1`, fails.
fn skip(reason: &str) {
    if std::env::var("ROPA_NO_SKIP").is_ok_and(|v| v == "1") {
        panic!("{reason}, and ROPA_NO_SKIP=1 forbids skipping");
    }
    println!("skipped: {reason}");
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

const SMALL: &str = r#"
controller {
  name    "Klein GmbH"
  address "Weg 1, 12345 Ort"
  email   "info@klein.example"
}

processor host {
  name    "Host GmbH"
  country DE
  avv { signed 2024-01-01 }
}

activity website {
  title   { de "Website"  en "Website" }
  purpose { de "Auslieferung der Website"  en "Delivering the website" }
  subjects [website_visitors]
  data     [online_identifiers]
  legal_basis legitimate_interest {
    interest  { de "Sicherer Betrieb"  en "Secure operation" }
    balancing "Nur Logdaten, 7 Tage."
  }
  processors [host]
  retention 7 days
  notice { de "Wir speichern Logdaten."  en "We keep log data." }
}
"#;

const TOML: &str = "[policy]\nlanguages = [\"de\", \"en\"]\n";

#[test]
fn the_example_generates_identically_twice_in_every_format() {
    for args in [
        vec!["policy", "--lang", "de", "--format", "md"],
        vec!["policy", "--lang", "en", "--format", "html"],
        vec!["policy", "--lang", "de", "--format", "html", "--standalone"],
        vec!["policy", "--lang", "en", "--format", "json"],
        vec!["record", "--format", "md"],
        vec!["record", "--lang", "en", "--format", "csv"],
        vec!["record", "--format", "json"],
    ] {
        let once = run(ropa().args(&args).arg(example()).args(["--date", DATE]));
        let twice = run(ropa().args(&args).arg(example()).args(["--date", DATE]));
        assert!(once.status.success(), "{args:?}: {}", stderr(&once));
        assert!(!once.stdout.is_empty());
        assert_eq!(once.stdout, twice.stdout, "{args:?} differs between runs");
    }
    let page = stdout(&run(ropa()
        .args([
            "policy",
            "--lang",
            "de",
            "--format",
            "html",
            "--standalone",
            "--date",
            DATE,
        ])
        .arg(example())));
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("<section class=\"objection\">"));
    let json = stdout(&run(ropa()
        .args(["policy", "--lang", "de", "--format", "json", "--date", DATE])
        .arg(example())));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["lang"], "de");
    let record = stdout(&run(ropa()
        .args(["record", "--format", "json"])
        .arg(example())));
    let v: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["activities"].as_array().unwrap().len(), 15);
    assert!(
        v["processors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["signed"] == "2024-03-01")
    );
}

#[test]
fn the_default_language_is_the_first_configured_one() {
    let out = run(ropa().args(["policy", "--date", DATE]).arg(example()));
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("# Datenschutzerklärung\n"));
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("ropa.toml", "[policy]\nlanguages = [\"en\", \"de\"]\n"),
            ("a.ropa", SMALL),
        ],
    );
    let out = run(ropa().args(["record", "--format", "md"]).arg(dir.path()));
    assert!(
        stdout(&out).starts_with("# Record of processing activities\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_csv_parses_with_pythons_csv_module() {
    let out = run(ropa().args(["record", "--format", "csv"]).arg(example()));
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = stdout(&out);
    assert!(csv.contains("\r\n"), "RFC 4180 line breaks");
    if Command::new("python3").arg("--version").output().is_err() {
        skip("python3 is not installed");
        return;
    }
    let script = r#"
import csv, io, sys
rows = list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))
header, body = rows[0], rows[1:]
assert all(len(r) == len(header) for r in body), "ragged rows"
assert header[0] == "Kennung", header
print(len(body), len(header), body[0][0], sep="|")
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(csv.as_bytes())
            .unwrap();
    }
    let result = child.wait_with_output().unwrap();
    assert!(
        result.status.success(),
        "python: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    let line = String::from_utf8(result.stdout).unwrap();
    let parts: Vec<&str> = line.trim().split('|').collect();
    let activities = std::fs::read_dir(example().join("activities"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|t| t.lines().filter(|l| l.starts_with("activity ")).count())
        .sum::<usize>();
    assert_eq!(parts[0], activities.to_string(), "one row per activity");
    assert_eq!(parts[1], "24", "the columns (a draft adds one)");
    assert_eq!(parts[2], "ad_targeting");
}

#[test]
fn a_user_template_replaces_a_section() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "ropa.toml",
                "[policy]\nlanguages = [\"de\", \"en\"]\ntemplates = \"vorlagen\"\n",
            ),
            ("a.ropa", SMALL),
            (
                "vorlagen/activity.md.j2",
                "## {{ section.heading }}\n\nEIGENE VORLAGE: {{ section.activity.legal_basis.citation }}\n",
            ),
            ("vorlagen/activty.html.j2", "typo"),
            ("vorlagen/README.txt", "not a template"),
        ],
    );
    let out = run(ropa()
        .current_dir(dir.path())
        .args(["policy", ".", "--date", DATE]));
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.contains("EIGENE VORLAGE: Art. 6 Abs. 1 lit. f DSGVO"),
        "{md}"
    );
    assert!(
        md.contains("## Ihre Rechte"),
        "the other sections stay built in"
    );
    let err = stderr(&out);
    assert!(
        err.contains("vorlagen/activty.html.j2 does not replace a built-in template; did you mean `activity.html.j2`?"),
        "{err}"
    );
}

#[test]
fn a_broken_template_is_a_clear_error_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "ropa.toml",
                "[policy]\nlanguages = [\"de\"]\ntemplates = \"tpl\"\n",
            ),
            ("a.ropa", SMALL),
            (
                "tpl/activity.html.j2",
                "<section>\n<h2>{{ section.heading }}</h2>\n{% for x in %}\n</section>\n",
            ),
        ],
    );
    let out = run(ropa()
        .current_dir(dir.path())
        .args(["policy", ".", "--format", "html", "--date", DATE]));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "ropa: error: template error in tpl/activity.html.j2, line 3: syntax error"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one line: {err}");

    // A missing templates folder is exit 2 as well.
    std::fs::remove_dir_all(dir.path().join("tpl")).unwrap();
    let out = run(ropa()
        .current_dir(dir.path())
        .args(["policy", ".", "--date", DATE]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read the templates folder tpl"),
        "{}",
        stderr(&out)
    );
}

/// What no generated output may contain, draft or not: a finding, a file path, an HTML comment.
fn assert_publishable_shape(text: &str, what: &str) {
    assert!(!text.contains("<!--"), "{what}: an HTML comment:\n{text}");
    assert!(!text.contains(".ropa"), "{what}: a file path:\n{text}");
    assert!(
        !text.contains("unresolved-reference") && !text.contains("there is no processor"),
        "{what}: a finding:\n{text}"
    );
}

#[test]
fn a_record_with_errors_is_refused_naming_each_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = SMALL.replace("processors [host]", "processors [hots]");
    write(dir.path(), &[("ropa.toml", TOML), ("a.ropa", &broken)]);
    let line = broken.lines().position(|l| l.contains("[hots]")).unwrap() + 1;
    for cmd in ["policy", "record"] {
        for format in ["md", "json"] {
            let out = run(ropa()
                .current_dir(dir.path())
                .args([cmd, ".", "--format", format]));
            assert_eq!(out.status.code(), Some(1), "{cmd} {format}");
            assert!(out.stdout.is_empty(), "{cmd}: nothing on stdout");
            let err = stderr(&out);
            let lines: Vec<&str> = err.lines().collect();
            assert_eq!(
                lines[0],
                format!(
                    "a.ropa:{line}:15: error[unresolved-reference]: there is no processor `hots`; did you mean `host`?"
                ),
                "{err}"
            );
            assert_eq!(lines.len(), 2, "one line per error and a summary: {err}");
            assert!(
                lines[1].starts_with("ropa: error: 1 error in the record:")
                    && lines[1].contains("--draft"),
                "{err}"
            );
        }
        // `--strict` (the old way to ask for this) is still accepted.
        let out = run(ropa().args([cmd, "--strict"]).arg(dir.path()));
        assert_eq!(out.status.code(), Some(1), "{cmd} --strict");
        // A file the user asked for is not created.
        let target = dir.path().join(format!("{cmd}.out"));
        let out = run(ropa().args([cmd, "-o"]).arg(&target).arg(dir.path()));
        assert_eq!(out.status.code(), Some(1));
        assert!(!target.exists());
    }
}

#[test]
fn a_draft_shows_marked_boxes_and_no_finding_or_path() {
    let dir = tempfile::tempdir().unwrap();
    let broken = SMALL.replace("processors [host]", "processors [hots]");
    write(dir.path(), &[("ropa.toml", TOML), ("a.ropa", &broken)]);
    for (cmd, format, lang) in [
        ("policy", "md", "de"),
        ("policy", "html", "de"),
        ("policy", "json", "de"),
        ("policy", "md", "en"),
        ("record", "md", "de"),
        ("record", "csv", "de"),
        ("record", "json", "en"),
    ] {
        let out = run(ropa()
            .args([cmd, "--draft", "--format", format, "--lang", lang])
            .arg(dir.path()));
        assert!(out.status.success(), "{cmd} {format}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("1 error in the record; this draft marks what is missing"),
            "{}",
            stderr(&out)
        );
        let text = stdout(&out);
        let what = format!("{cmd} --draft --format {format} --lang {lang}");
        assert_publishable_shape(&text, &what);
        let mark = if lang == "de" {
            "ENTWURF – ungeklärt: das Verzeichnis enthält hierzu noch Fehler"
        } else {
            "DRAFT – unresolved: the record still has errors here"
        };
        assert!(text.contains(mark), "{what}: no marked box:\n{text}");
    }
    // The box is visible: a paragraph of its own in HTML, a quote in Markdown, a block of type
    // `draft` in JSON.
    let html = stdout(&run(ropa()
        .args(["policy", "--draft", "--format", "html"])
        .arg(dir.path())));
    assert!(
        html.contains("<p class=\"draft\" role=\"note\" style=\"border: 2px dashed"),
        "{html}"
    );
    let md = stdout(&run(ropa().args(["policy", "--draft"]).arg(dir.path())));
    assert!(md.contains("> **ENTWURF – nicht veröffentlichen:"), "{md}");
    let json = stdout(&run(ropa()
        .args(["policy", "--draft", "--format", "json"])
        .arg(dir.path())));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["draft"], true);
    let website = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "activity-website")
        .unwrap();
    assert_eq!(website["blocks"][0]["type"], "draft");
    let record = stdout(&run(ropa()
        .args(["record", "--draft", "--format", "json"])
        .arg(dir.path())));
    let v: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(v["draft"], true);
    assert!(
        v["activities"][0]["draft"][0]
            .as_str()
            .unwrap()
            .starts_with("ENTWURF – ")
    );
    // A clean record generates without --draft, and then is no draft.
    let clean = tempfile::tempdir().unwrap();
    write(clean.path(), &[("ropa.toml", TOML), ("a.ropa", SMALL)]);
    let out = run(ropa()
        .args(["policy", "--format", "json"])
        .arg(clean.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["draft"], false);
    assert!(!stdout(&out).contains("\"draft\",\n"));
}

/// Issue 16, done when (2): the findings example is refused with its errors named; its draft
/// shows the boxes and holds no comment and no path.
#[test]
fn the_findings_example_is_refused_and_its_draft_is_marked() {
    let findings = repo().join("examples/findings");
    let out = run(ropa().arg("policy").arg(&findings));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error[")).collect();
    assert!(errors.len() >= 10, "{err}");
    assert!(
        errors
            .iter()
            .all(|l| l.contains("examples/findings/") && l.contains(".ropa:")),
        "{err}"
    );
    assert!(
        err.lines().last().unwrap().starts_with(&format!(
            "ropa: error: {} errors in the record",
            errors.len()
        )),
        "{err}"
    );
    let out = run(ropa()
        .args(["policy", "--draft", "--format", "html", "--standalone"])
        .arg(&findings));
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert_publishable_shape(&html, "findings --draft html");
    for mark in [
        "ENTWURF – nicht veröffentlichen:",
        "ENTWURF – fehlt: Rechtsgrundlage der Verarbeitung (Art.\u{a0}6 Abs.\u{a0}1 DSGVO)",
        "ENTWURF – fehlt: Grundlage der Übermittlung an Mixpanel, Inc. (USA)",
        "ENTWURF – fehlt: Vereinbarung über die gemeinsame Verantwortlichkeit (Art.\u{a0}26 DSGVO)",
    ] {
        assert!(html.contains(mark), "no box `{mark}`");
    }
}

#[test]
fn output_files_are_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out/policy.html");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, "old").unwrap();
    let out = run(ropa()
        .args([
            "policy",
            "--format",
            "html",
            "--standalone",
            "--date",
            DATE,
            "-o",
        ])
        .arg(&target)
        .arg(example()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    let direct = stdout(&run(ropa()
        .args(["policy", "--format", "html", "--standalone", "--date", DATE])
        .arg(example())));
    assert_eq!(written, direct);
    let names: Vec<String> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        names,
        vec!["policy.html".to_string()],
        "no temporary files left"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o444,
            0o444,
            "readable by all, as a web page must be: {mode:o}"
        );
    }
    // An unwritable target is exit 2 with a reason.
    let out = run(ropa()
        .args(["record", "-o", "/nonexistent-dir/record.md"])
        .arg(example()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot write /nonexistent-dir/record.md"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = run(ropa()
        .args(["policy", "--format", "md", "--standalone"])
        .arg(example()));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--standalone needs --format html"));
    let out = run(ropa()
        .args(["policy", "--date", "2026-02-30"])
        .arg(example()));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--date"), "{}", stderr(&out));
    let out = run(ropa().args(["record", "--lang", "fr"]).arg(example()));
    assert_eq!(out.status.code(), Some(2));
}

// --- A real browser -------------------------------------------------------------------------

fn chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Runs a command, killing it after `limit`.
fn run_with_timeout(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "chromium did not finish in {limit:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn chromium_cmd(bin: &Path, profile: &Path) -> Command {
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// Payloads in every kind of string: markup that would run script or change the page if it
/// reached the DOM unescaped.
const HOSTILE: &str = r#"
controller {
  name    "Böse <script>document.title='PWNED-1'</script> & \"Co\" GmbH"
  address "Weg <img src=x onerror=alert(1)>, 1 Ort"
  email   "x@y.example\"><script>document.title='PWNED-2'</script>"
  website "javascript:document.title='PWNED-3'"
  dpo { name "<svg onload=document.title='PWNED-4'>"  email "dpo@y.example" }
  supervisory_authority "</section><script>alert(1)</script>"
}

category hostile {
  label { de "<img src=x onerror=\"document.body.insertAdjacentHTML('beforeend','<p id=pwned>pwned</p>')\">"  en "x" }
}

processor p {
  name    "Proc <script>alert(1)</script> & Söhne"
  country US
  service { de "<iframe src=javascript:alert(1)>"  en "x" }
  transfer derogation { basis "<script>document.title='PWNED-5'</script>" }
  avv { signed 2024-01-01 }
}

activity a {
  title   { de "Titel <script>alert(1)</script>"  en "Title" }
  purpose { de "Zweck \"zitiert\" & <b>fett</b>"  en "Purpose" }
  subjects [customers]
  data     [hostile, contact]
  legal_basis legitimate_interest {
    interest { de "<img src=x onerror=alert(1)>"  en "x" }
    balancing "ok"
  }
  processors [p]
  recipients ["<a href=\"javascript:alert(1)\">Klick</a>"]
  retention { de "--><script>document.title='PWNED-6'</script>"  en "-->" }
  notice {
    de """
      Hinweis <script>document.title='PWNED-7'</script> mit "Anführungszeichen" & Ampersand.

      <img src=x onerror=alert(1)>
      """
    en "Notice"
  }
}
"#;

#[test]
fn a_real_browser_shows_payloads_as_text_and_runs_none() {
    let Some(bin) = chromium() else {
        skip("chromium is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("ropa.toml", TOML), ("a.ropa", HOSTILE)]);
    let page = dir.path().join("policy.html");
    let out = run(ropa()
        .args([
            "policy",
            "--lang",
            "de",
            "--format",
            "html",
            "--standalone",
            "--date",
            DATE,
            "-o",
        ])
        .arg(&page)
        .arg(dir.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("<script"),
        "no script element in the generated page"
    );
    assert!(!html.contains("<img") && !html.contains("<svg") && !html.contains("<iframe"));
    assert!(!html.contains("href=\"javascript"), "no javascript: links");

    let url = format!("file://{}", page.display());
    let profile = tempfile::tempdir().unwrap();
    let dump = run_with_timeout(
        chromium_cmd(&bin, profile.path())
            .arg("--dump-dom")
            .arg(&url),
        Duration::from_secs(90),
    );
    assert!(
        dump.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dom = String::from_utf8_lossy(&dump.stdout).to_string();
    assert!(
        dom.contains("<h1>Datenschutzerklärung</h1>"),
        "the page loaded: {dom}"
    );
    // No payload ran: the title is unchanged, nothing was inserted, no script element exists.
    let title = dom
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap();
    assert!(title.starts_with("Datenschutzerklärung – Böse"), "{title}");
    // (The controller's name itself contains the text "PWNED-1"; a script would have replaced
    // the whole title with it.)
    assert!(!dom.contains("<title>PWNED"), "{title}");
    assert!(!dom.contains("id=\"pwned\""));
    assert!(!dom.contains("<script"));
    assert!(!dom.contains("<img") && !dom.contains("<svg") && !dom.contains("<iframe"));
    // The payloads are shown as text.
    for shown in [
        "Titel &lt;script&gt;alert(1)&lt;/script&gt;",
        "Weg &lt;img src=x onerror=alert(1)&gt;",
        "Zweck \"zitiert\" &amp; &lt;b&gt;fett&lt;/b&gt;",
        "Proc &lt;script&gt;alert(1)&lt;/script&gt; &amp; Söhne",
        "mit \"Anführungszeichen\" &amp; Ampersand.",
    ] {
        assert!(dom.contains(shown), "not shown as text: {shown}");
    }

    let artifacts = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
        .join("test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let shot = artifacts.join("policy-xss.png");
    let _ = std::fs::remove_file(&shot);
    let profile = tempfile::tempdir().unwrap();
    let out = run_with_timeout(
        chromium_cmd(&bin, profile.path())
            .arg(format!("--screenshot={}", shot.display()))
            .arg("--window-size=1200,2000")
            .arg(&url),
        Duration::from_secs(90),
    );
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG"),
        "a PNG screenshot at {}",
        shot.display()
    );
}

/// Issue 16, done when (2): the draft of the findings example shows its marked boxes in a real
/// browser (as rendered elements, not comments); the screenshot in `docs/img/policy-draft.png`
/// was taken this way.
#[test]
fn a_real_browser_shows_the_draft_boxes() {
    let Some(bin) = chromium() else {
        skip("chromium is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("draft.html");
    let out = run(ropa()
        .args([
            "policy",
            "--draft",
            "--format",
            "html",
            "--standalone",
            "--date",
            DATE,
            "-o",
        ])
        .arg(&page)
        .arg(repo().join("examples/findings")));
    assert!(out.status.success(), "{}", stderr(&out));
    let url = format!("file://{}", page.display());
    let profile = tempfile::tempdir().unwrap();
    let dump = run_with_timeout(
        chromium_cmd(&bin, profile.path())
            .arg("--dump-dom")
            .arg(&url),
        Duration::from_secs(90),
    );
    assert!(
        dump.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dom = String::from_utf8_lossy(&dump.stdout).to_string();
    assert!(!dom.contains("<!--"), "no comment in the page");
    let boxes = dom.matches("<p class=\"draft\" role=\"note\"").count();
    assert!(boxes >= 10, "{boxes} boxes in the DOM");
    assert!(dom.contains("<strong>ENTWURF – fehlt: Rechtsgrundlage der Verarbeitung"));

    let artifacts = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
        .join("test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let shot = artifacts.join("policy-draft.png");
    let _ = std::fs::remove_file(&shot);
    let profile = tempfile::tempdir().unwrap();
    let out = run_with_timeout(
        chromium_cmd(&bin, profile.path())
            .arg(format!("--screenshot={}", shot.display()))
            .arg("--window-size=1000,1400")
            .arg(&url),
        Duration::from_secs(90),
    );
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&shot).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn the_csv_for_excel_has_semicolons_and_a_byte_order_mark() {
    let plain = stdout(&run(ropa()
        .args(["record", "--format", "csv"])
        .arg(example())));
    let excel = run(ropa()
        .args(["record", "--format", "csv-excel"])
        .arg(example()));
    assert!(excel.status.success(), "{}", stderr(&excel));
    let excel = stdout(&excel);
    assert!(excel.starts_with("\u{feff}Kennung;Bezeichnung;"), "{excel}");
    assert!(!plain.starts_with('\u{feff}'));
    // The same with the flags, and a tab as delimiter.
    let flags = stdout(&run(ropa()
        .args(["record", "--format", "csv", "--delimiter", ";", "--bom"])
        .arg(example())));
    assert_eq!(flags, excel);
    let tabs = stdout(&run(ropa()
        .args(["record", "--format", "csv", "--delimiter", "tab"])
        .arg(example())));
    assert!(tabs.starts_with("Kennung\tBezeichnung\t"), "{tabs}");
    // Each row has as many cells as the header (Python's csv module with `;`).
    if Command::new("python3").arg("--version").output().is_err() {
        skip("python3 is not installed");
    } else {
        let script = r#"
import csv, io, sys
text = sys.stdin.buffer.read().decode("utf-8-sig")
rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
print(rows[0][0], len(rows) - 1)
"#;
        let mut child = Command::new("python3")
            .args(["-c", script])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(excel.as_bytes())
                .unwrap();
        }
        let result = child.wait_with_output().unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(String::from_utf8_lossy(&result.stdout).starts_with("Kennung "));
    }
    // Usage errors.
    for args in [
        &["record", "--format", "md", "--bom"][..],
        &["record", "--format", "csv", "--delimiter", "ab"][..],
        &["record", "--format", "csv", "--delimiter", "\""][..],
    ] {
        let out = run(ropa().args(args).arg(example()));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    }
}

/// Issue 23, item 10: no cell of the record starts a spreadsheet formula (OWASP: a leading `'`
/// for cells starting with `=`, `+`, `-`, `@`, tab or carriage return).
#[test]
fn record_csv_cells_cannot_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let record = SMALL
        .replace(
            "title   { de \"Website\"  en \"Website\" }",
            "title   { de \"=HYPERLINK(\\\"https://evil.example\\\",\\\"Klick\\\")\"  en \"@SUM(A1)\" }",
        )
        .replace(
            "purpose { de \"Auslieferung der Website\"",
            "purpose { de \"+49 30 1234\"",
        )
        .replace("retention 7 days", "retention { de \"-1 Tag\"  en \"=1+1\" }");
    write(dir.path(), &[("ropa.toml", TOML), ("a.ropa", &record)]);
    for (format, lang) in [("csv", "de"), ("csv-excel", "de"), ("csv", "en")] {
        let out = run(ropa()
            .args(["record", "--format", format, "--lang", lang])
            .arg(dir.path()));
        assert!(out.status.success(), "{}", stderr(&out));
        let csv = stdout(&out);
        let sep = if format == "csv" { ',' } else { ';' };
        let row = csv.lines().nth(1).unwrap();
        let title = if lang == "de" {
            format!("{sep}\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Klick\"\")\"{sep}")
        } else {
            format!("{sep}'@SUM(A1){sep}")
        };
        assert!(row.contains(&title), "{format} {lang}: {row}");
        if lang == "de" {
            assert!(row.contains(&format!("{sep}'+49 30 1234{sep}")), "{row}");
            assert!(row.contains(&format!("{sep}'-1 Tag{sep}")), "{row}");
        } else {
            assert!(row.contains(&format!("{sep}'=1+1{sep}")), "{row}");
        }
        for cell in row.split(sep) {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{format}: a cell starts a formula: {cell}"
            );
        }
    }
}

/// `SMALL` with the organisation's TOMs and DPO, and two clients: one in Germany that uses a
/// sub-processor with its own sub-processor in the US, one in the US (a transfer back to it
/// under SCCs).
fn processor_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let small = SMALL.replace(
        "  email   \"info@klein.example\"\n",
        "  email   \"info@klein.example\"\n  security \"TLS, MFA, tägliche Backups\"\n  dpo { email \"dsb@klein.example\" }\n",
    );
    let clients = r#"
processor mailer {
  name    "Mailer Inc."
  country US
  transfer dpf
  avv { signed 2024-02-01 }
}

processor relay {
  name    "Relay GmbH"
  country DE
  avv { signed 2024-02-01 }
  subprocessors [mailer]
}

client kunde {
  name       "Kunde GmbH"
  address    "Kundenweg 1, 10115 Berlin"
  contact    "it@kunde.example"
  dpo { email "dsb@kunde.example" }
  processing { de "Betrieb des Onlineshops"  en "Running the online shop" }
  avv { signed 2025-01-10  document "avv/kunde.pdf" }
  subprocessors [host, relay]
}

client us_corp {
  name       "US Corp Inc."
  address    "1 Main St, Springfield"
  country    US
  representative { name "US Corp EU B.V."  address "Amsterdam"  email "eu@uscorp.example" }
  processing { de "Newsletter-Versand"  en "Sending newsletters" }
  avv { signed 2024-05-01 }
  transfer scc { signed 2024-05-01 }
}
"#;
    write(
        dir.path(),
        &[
            ("ropa.toml", TOML),
            ("a.ropa", &small),
            ("clients.ropa", clients),
        ],
    );
    dir
}

#[test]
fn the_processors_record_lists_each_client_in_every_format() {
    let dir = processor_workspace();
    let check = run(ropa().arg("check").arg(dir.path()));
    assert!(check.status.success(), "{}", stdout(&check));
    for (lang, format) in [("de", "md"), ("en", "md"), ("de", "csv"), ("en", "json")] {
        let out = run(ropa()
            .args([
                "record",
                "--as-processor",
                "--lang",
                lang,
                "--format",
                format,
                "--date",
                DATE,
            ])
            .arg(dir.path()));
        assert!(out.status.success(), "{lang} {format}: {}", stderr(&out));
        insta::assert_snapshot!(format!("processor_record_{lang}_{format}"), stdout(&out));
    }
}

#[test]
fn the_processors_record_states_the_law_it_answers() {
    let dir = processor_workspace();
    let md = stdout(&run(ropa()
        .args(["record", "--as-processor", "--lang", "en"])
        .arg(dir.path())));
    for needle in [
        "Under Art. 30(2) GDPR.",
        "## Processor (Art. 30(2)(a) GDPR)",
        "| Name | Klein GmbH |",
        "| Data protection officer | dsb@klein.example |",
        "(Art. 30(2)(d) with Art. 32(1) GDPR)",
        "TLS, MFA, tägliche Backups",
        "| Categories of processing carried out on its behalf (Art. 30(2)(b) GDPR) | Running the online shop |",
        // The sub-processor's own sub-processor in the US, with its safeguard.
        "Mailer Inc. (United States), engaged by Relay GmbH",
        "Mailer Inc. (United States): certified under the EU-US Data Privacy Framework",
        // The client itself in a third country.
        "US Corp Inc. (United States): standard contractual clauses adopted by the European Commission (Art. 46(2)(c) GDPR)",
        "| Controller's representative (Art. 30(2)(a) GDPR) | US Corp EU B.V., Amsterdam, eu@uscorp.example |",
    ] {
        assert!(md.contains(needle), "{needle}\n{md}");
    }
    // Nothing of the controller's record: no activity.
    assert!(!md.contains("Website"), "{md}");
    // Without the flag: the controller's record, which names no client.
    let plain = stdout(&run(ropa().args(["record"]).arg(dir.path())));
    assert!(!plain.contains("Kunde GmbH"), "{plain}");
}

#[test]
fn the_processors_record_without_clients_is_a_one_line_error_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("ropa.toml", TOML), ("a.ropa", SMALL)]);
    for format in ["md", "csv", "json"] {
        let out = run(ropa()
            .args(["record", "--as-processor", "--format", format])
            .arg(dir.path()));
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("ropa: error: ") && err.contains("declares no `client`"),
            "{err}"
        );
    }
}

#[test]
fn the_processors_record_with_errors_is_refused_and_its_draft_is_marked() {
    let dir = processor_workspace();
    let clients = std::fs::read_to_string(dir.path().join("clients.ropa")).unwrap();
    std::fs::write(
        dir.path().join("clients.ropa"),
        clients.replace(
            "avv { signed 2025-01-10  document \"avv/kunde.pdf\" }",
            "avv todo",
        ),
    )
    .unwrap();
    let out = run(ropa().args(["record", "--as-processor"]).arg(dir.path()));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error[unfinished-value]"),
        "{}",
        stderr(&out)
    );
    let out = run(ropa()
        .args(["record", "--as-processor", "--draft"])
        .arg(dir.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert_publishable_shape(&md, "record --as-processor --draft");
    // The box stands in the entry of the client that has the `todo`, not in the other.
    let kunde = md.split("### 2.").next().unwrap();
    assert!(
        kunde.contains(
            "> **ENTWURF – fehlt: eine Angabe, die im Verzeichnis noch offen ist (todo)**"
        ),
        "{md}"
    );
    assert!(
        !md.split("### 2.").nth(1).unwrap().contains("ENTWURF"),
        "{md}"
    );
}

/// `git` in `dir` with a fixed identity and both dates set to `date` (no user configuration).
fn git_at(dir: &Path, date: &str, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn the_record_says_when_each_activity_last_changed_in_git() {
    let dir = tempfile::tempdir().unwrap();
    let second = SMALL
        .replace("activity website {", "activity shop {")
        .split("activity shop {")
        .nth(1)
        .map(|rest| format!("\nactivity shop {{{rest}"))
        .unwrap();
    let two = format!("{SMALL}{second}");
    write(dir.path(), &[("ropa.toml", TOML), ("a.ropa", &two)]);
    if !git_at(dir.path(), "2026-03-01T23:30:00+01:00", &["init", "-q"]) {
        skip("git is not installed");
        return;
    }
    assert!(git_at(
        dir.path(),
        "2026-03-01T23:30:00+01:00",
        &["add", "-A"]
    ));
    assert!(git_at(
        dir.path(),
        "2026-03-01T23:30:00+01:00",
        &["commit", "-q", "-m", "one"]
    ));
    // A later commit touches only the second activity; then the first changes without a commit.
    let changed = two.replacen("Nur Logdaten, 7 Tage.", "Nur Logdaten.", 2);
    let changed = changed.replacen("Nur Logdaten.", "Nur Logdaten, 7 Tage.", 1);
    write(dir.path(), &[("a.ropa", &changed)]);
    assert!(git_at(
        dir.path(),
        "2026-04-02T10:00:00-05:00",
        &["commit", "-q", "-am", "two"]
    ));
    let uncommitted = changed.replacen("Website\"  en", "Webseite\"  en", 1);
    write(dir.path(), &[("a.ropa", &uncommitted)]);

    let json = stdout(&run(ropa()
        .args(["record", "--format", "json"])
        .arg(dir.path())));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let changed = |i: usize| v["activities"][i]["last_changed"].clone();
    // The committer's own time zone: 23:30 in Berlin is still 1 March.
    assert_eq!(changed(0)["date"], "2026-03-01", "{json}");
    assert_eq!(changed(0)["uncommitted"], true);
    assert_eq!(changed(1)["date"], "2026-04-02");
    assert_eq!(changed(1)["uncommitted"], false);

    let md = stdout(&run(ropa().args(["record"]).arg(dir.path())));
    assert!(
        md.contains("| Zuletzt geändert | 2026-03-01 (danach nicht eingecheckte Änderungen) |"),
        "{md}"
    );
    assert!(md.contains("| Zuletzt geändert | 2026-04-02 |"), "{md}");
    let en = stdout(&run(ropa()
        .args(["record", "--lang", "en", "--format", "csv"])
        .arg(dir.path())));
    assert!(
        en.lines().next().unwrap().ends_with(",Last changed"),
        "{en}"
    );
    assert!(en.contains(",2026-04-02\r\n"), "{en}");

    // `--no-git`: no date and no row.
    let md = stdout(&run(ropa().args(["record", "--no-git"]).arg(dir.path())));
    assert!(!md.contains("Zuletzt geändert"), "{md}");
    let json = stdout(&run(ropa()
        .args(["record", "--no-git", "--format", "json"])
        .arg(dir.path())));
    assert!(!json.contains("last_changed"), "{json}");

    // A file git does not track yet: its activities have uncommitted changes and no date.
    write(
        dir.path(),
        &[("b.ropa", &second.replace("activity shop", "activity later"))],
    );
    let json = stdout(&run(ropa()
        .args(["record", "--format", "json"])
        .arg(dir.path())));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let later = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "later")
        .unwrap();
    assert_eq!(
        later["last_changed"]["date"],
        serde_json::Value::Null,
        "{json}"
    );
    assert_eq!(later["last_changed"]["uncommitted"], true);
}

#[test]
fn outside_git_the_record_has_no_dates_and_no_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("ropa.toml", TOML), ("a.ropa", SMALL)]);
    let out = run(ropa().args(["record"]).arg(dir.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("Zuletzt geändert"));
    let csv = stdout(&run(ropa()
        .args(["record", "--format", "csv"])
        .arg(dir.path())));
    // The column is there (every row has the same columns), its cell is empty.
    assert!(
        csv.lines().next().unwrap().ends_with(",Zuletzt geändert"),
        "{csv}"
    );
    assert!(csv.lines().nth(1).unwrap().ends_with(','), "{csv}");
}
