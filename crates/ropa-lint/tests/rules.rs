//! Every rule has a fixture where it fires and a near miss where it must not. The findings of
//! the rule (as in `ropa check --format json`, plus the text they point at) are insta snapshots.
//!
//! Layout: `tests/fixtures/<rule>/fires.ropa` and `near_miss.ropa`, or folders `fires/` and
//! `near_miss/` holding several files (and optionally a `ropa.toml`). The other files of a
//! folder (`package.json`, `index.html`, `visit.har`, …) are scanned as by `ropa scan --all`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use ropa_analysis::Workspace;
use ropa_lint::{Config, RULES};
use ropa_syntax::Date;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 22,
};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The files a scan rule's fixture scans, as `(path, text)`.
type Sources = Vec<(String, String)>;

/// Loads a fixture: one `.ropa` file, or a folder of them (with the files to scan).
fn load(path: &Path) -> Option<(Workspace, Config, Sources)> {
    let mut files = Vec::new();
    let mut sources = Vec::new();
    let mut config = Config::default();
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name == "ropa.toml" {
                config = Config::parse(&std::fs::read_to_string(&p).unwrap()).unwrap();
            } else if name.ends_with(".ropa") {
                files.push((name, std::fs::read(&p).unwrap()));
            } else {
                sources.push((name, std::fs::read_to_string(&p).unwrap()));
            }
        }
    } else {
        let p = path.with_extension("ropa");
        if !p.exists() {
            return None;
        }
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        files.push((name, std::fs::read(&p).unwrap()));
    }
    Some((Workspace::from_files(files), config, sources))
}

/// The rule's findings as JSON, each with the text it points at.
fn findings(rule: &str, mut ws: Workspace, config: &Config, sources: Sources) -> serde_json::Value {
    // Rules that are off by default are turned on for their own fixtures.
    let config =
        ropa_lint::rule(rule).map_or_else(|| config.clone(), |r| r.enabling(config.clone()));
    let all = if sources.is_empty() {
        ropa_lint::check(&ws, &config, TODAY)
    } else {
        let scanned = ropa_lint::scan::scan_into(&mut ws, sources, &config.scan, true);
        ropa_lint::scan::check_scan(&ws, &config, TODAY, &scanned)
    };
    let ws = &ws;
    let mine: Vec<_> = all.into_iter().filter(|d| d.rule == rule).collect();
    let report = ropa_lint::report::build(ws, &mine, &|id| ws.file(id).path.clone());
    let mut out = Vec::new();
    for (d, json) in mine.iter().zip(report.diagnostics) {
        let mut v = serde_json::to_value(json).unwrap();
        let text = d
            .location
            .range
            .slice(&ws.file(d.location.file).text)
            .to_string();
        v["points_at"] = serde_json::Value::String(text);
        out.push(v);
    }
    serde_json::Value::Array(out)
}

fn case(rule: &str, kind: &str) -> Option<serde_json::Value> {
    let base = fixture_dir().join(rule);
    let dir = base.join(kind);
    let (ws, config, sources) = if dir.is_dir() {
        load(&dir)?
    } else {
        load(&base.join(kind))?
    };
    Some(findings(rule, ws, &config, sources))
}

/// The snapshots' names, kept from when all rules were one test.
const SNAPSHOT_PREFIX: &str = "every_rule_fires_on_its_fixture_and_not_on_its_near_miss";

/// One rule's fixture (`fires`) or near miss: its findings match the snapshot, and there are
/// some on the fixture and none on the near miss.
fn check_case(rule: &'static str, kind: &'static str) -> Result<(), libtest_mimic::Failed> {
    let findings = case(rule, kind).ok_or_else(|| {
        format!("{rule}: no tests/fixtures/{rule}/{kind}.ropa (or folder {kind}/)")
    })?;
    let count = findings.as_array().map_or(0, Vec::len);
    insta::with_settings!({ prepend_module_to_snapshot => false }, {
        insta::assert_json_snapshot!(format!("{SNAPSHOT_PREFIX}@{rule}__{kind}"), findings);
    });
    match (kind, count) {
        ("fires", 0) => Err(format!("{rule}: does not fire on its fixture").into()),
        ("near_miss", n) if n > 0 => {
            Err(format!("{rule}: fires on its near miss: {findings}").into())
        }
        _ => Ok(()),
    }
}

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let trials = RULES
        .iter()
        .flat_map(|rule| {
            ["fires", "near_miss"].map(|kind| {
                libtest_mimic::Trial::test(format!("{}::{kind}", rule.name), move || {
                    check_case(rule.name, kind)
                })
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
