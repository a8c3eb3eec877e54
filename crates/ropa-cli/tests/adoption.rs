//! Adopting ropa in an existing record: baselines, per-path overrides and `--changed-since`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn ropa(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .current_dir(dir)
        .env("ROPA_TODAY", "2026-11-22")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn rules(v: &Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| d["rule"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

const CONTROLLER: &str =
    "controller { name \"M GmbH\"  address \"Weg 1\"  email \"a@b.de\"  security \"TOM\" }\n";
const PROCESSORS: &str = "processor agency {\n  name \"Agentur GmbH\"\n  country DE\n  avv { signed 2024-01-01 }\n  certifications [iso27001]\n}\n";
const ADS: &str = "activity ads {\n  title \"Werbung\"\n  purpose \"Werbung\"\n  subjects [customers]\n  data [contact]\n  legal_basis contract\n  processors [agency]\n  notice \"Hinweis\"\n}\n";
const NEWS: &str = "activity news {\n  title \"News\"\n  purpose \"News\"\n  subjects [customers]\n  data [contact]\n  legal_basis contract\n  processors [agency]\n  retention 1 year\n  notice \"Hinweis\"\n}\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("controller.ropa"), CONTROLLER).unwrap();
    std::fs::write(dir.path().join("processors.ropa"), PROCESSORS).unwrap();
    std::fs::create_dir(dir.path().join("legacy")).unwrap();
    std::fs::write(dir.path().join("legacy/ads.ropa"), ADS).unwrap();
    std::fs::write(dir.path().join("news.ropa"), NEWS).unwrap();
    dir
}

#[test]
fn baseline_written_then_only_new_findings_are_reported() {
    let dir = workspace();
    let p = dir.path();
    let (code, _, err) = ropa(p, &["check", ".", "--write-baseline", "ropa-baseline.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote 1 finding"), "{err}");
    let baseline = std::fs::read_to_string(p.join("ropa-baseline.json")).unwrap();
    assert!(
        baseline.contains("\"path\": \"activity ads\""),
        "{baseline}"
    );

    // Nothing new: exit 0, nothing reported, one accepted.
    let (code, v, _) = ropa(
        p,
        &[
            "check",
            ".",
            "--baseline",
            "ropa-baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0);
    assert!(rules(&v).is_empty());
    assert_eq!(v["baseline"]["unchanged"], 1);

    // Edit above the baselined item: still matches.
    std::fs::write(
        p.join("legacy/ads.ropa"),
        format!("// Kampagnen\n\n\n{ADS}"),
    )
    .unwrap();
    let (code, v, _) = ropa(
        p,
        &[
            "check",
            ".",
            "--baseline",
            "ropa-baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!((code, rules(&v)), (0, vec![]));

    // A new finding is reported; configured in ropa.toml this time.
    std::fs::write(
        p.join("ropa.toml"),
        "[check]\nbaseline = \"ropa-baseline.json\"\n",
    )
    .unwrap();
    std::fs::write(
        p.join("news.ropa"),
        NEWS.replace("  retention 1 year\n", ""),
    )
    .unwrap();
    let (code, v, _) = ropa(p, &["check", ".", "--format", "json"]);
    assert_eq!(
        code, 1,
        "missing-retention is an error (a mandatory Art. 13 item)"
    );
    assert_eq!(rules(&v), vec!["missing-retention"]);
    assert!(
        v["diagnostics"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("news.ropa")
    );

    // The baselined finding fixed: reported as fixed.
    std::fs::write(
        p.join("legacy/ads.ropa"),
        ADS.replace("  notice", "  retention 2 years\n  notice"),
    )
    .unwrap();
    let (_, v, _) = ropa(p, &["check", ".", "--format", "json"]);
    assert_eq!(v["baseline"]["fixed"][0]["path"], "activity ads");
    let out = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["check", "."])
        .current_dir(p)
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(
        human.contains("no longer occurs (fixed — remove from the baseline)"),
        "{human}"
    );

    // SARIF marks baselineState.
    std::fs::write(p.join("legacy/ads.ropa"), ADS).unwrap();
    let (_, v, _) = ropa(p, &["check", ".", "--format", "sarif"]);
    let states: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["baselineState"].as_str().unwrap())
        .collect();
    assert_eq!(states, vec!["new", "unchanged"]);
}

#[test]
fn overrides_apply_by_glob() {
    let dir = workspace();
    let p = dir.path();
    std::fs::write(
        p.join("news.ropa"),
        NEWS.replace("  retention 1 year\n", ""),
    )
    .unwrap();
    std::fs::write(p.join("ropa.toml"), "[rules]\nmissing-retention = \"error\"\n\n[[overrides]]\nfiles = [\"legacy/**\"]\nrules = { missing-retention = \"off\" }\n").unwrap();
    let (code, v, _) = ropa(p, &["check", ".", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(rules(&v), vec!["missing-retention"]);
    assert_eq!(v["diagnostics"][0]["severity"], "error");
    assert_eq!(v["diagnostics"][0]["file"], "news.ropa");
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn changed_since_reports_touched_items_and_new_causes() {
    if Command::new("git").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("ROPA_NO_SKIP").is_none(),
            "git is missing and ROPA_NO_SKIP forbids skipping"
        );
        eprintln!("SKIPPED: git is not installed");
        return;
    }
    let dir = workspace();
    let p = dir.path();
    git(p, &["init", "-q"]);
    git(p, &["add", "."]);
    git(p, &["commit", "-q", "-m", "record"]);
    // The legacy finding (missing-retention on `ads`) predates the change: not reported.
    let (_, v, err) = ropa(
        p,
        &["check", ".", "--changed-since", "HEAD", "--format", "json"],
    );
    assert!(rules(&v).is_empty(), "{v} {err}");

    // Remove the AVV in processors.ropa: missing-avv appears in untouched files too.
    std::fs::write(
        p.join("processors.ropa"),
        PROCESSORS.replace("  avv { signed 2024-01-01 }\n", ""),
    )
    .unwrap();
    let (_, v, err) = ropa(
        p,
        &["check", ".", "--changed-since", "HEAD", "--format", "json"],
    );
    let files: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["rule"].as_str().unwrap(),
                d["file"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        files,
        vec!["missing-avv legacy/ads.ropa", "missing-avv news.ropa"],
        "{err}"
    );

    // Touch `ads`: its old finding is reported now too.
    std::fs::write(
        p.join("legacy/ads.ropa"),
        ADS.replace("Werbung\"\n  purpose", "Werbung 2026\"\n  purpose"),
    )
    .unwrap();
    let (_, v, _) = ropa(
        p,
        &["check", ".", "--changed-since", "HEAD", "--format", "json"],
    );
    let found = rules(&v);
    assert!(
        found.contains(&"missing-retention".to_string()),
        "{found:?}"
    );

    let (code, _, err) = ropa(p, &["check", ".", "--changed-since", "no-such-rev"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a commit"), "{err}");
}
