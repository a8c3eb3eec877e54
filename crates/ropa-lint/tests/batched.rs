//! A check a batch of files at a time (`ropa check` of a large workspace) gives exactly the
//! findings of a check of the whole workspace: over the examples, every rule's fixtures, all the
//! fixtures together in one workspace (ids defined twice across files, references between
//! files, suppressions), generated workspaces of many files, with batches of one file and of
//! many, and when the scan for declarations misses them (the fallback).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::load;

use ropa_analysis::Workspace;
use ropa_lint::Config;
use ropa_syntax::Date;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 22,
};

fn config() -> Config {
    Config::parse("[policy]\nlanguages = [\"de\", \"en\"]\n").unwrap()
}

/// Every way of batching `files` finds what the whole check finds.
fn assert_batched_equals_whole(files: Vec<(String, Vec<u8>)>, what: &str) {
    let config = config();
    let whole = ropa_lint::check(&Workspace::from_files(files.clone()), &config, TODAY);
    let (_, batched) = ropa_lint::check_in_batches(files.clone(), &config, TODAY);
    assert_eq!(batched, whole, "{what}: default batches");
    for batch_bytes in [1, 700, 5000] {
        let (_, batched) = ropa_lint::check_in_batches_with(
            files.clone(),
            &config,
            TODAY,
            batch_bytes,
            ropa_analysis::may_declare_shared_names,
        );
        assert_eq!(batched, whole, "{what}: batches of {batch_bytes} bytes");
    }
    // A scan that reads nothing first: any file that declares a name sends the check back to
    // the whole workspace.
    let (_, batched) = ropa_lint::check_in_batches_with(files, &config, TODAY, 1, |_| false);
    assert_eq!(batched, whole, "{what}: nothing read first");
}

fn fixture_dirs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn examples_and_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![
        root.join("../../examples/findings"),
        root.join("../../examples/muster-marketing"),
    ];
    dirs.extend(fixture_dirs());
    assert!(dirs.len() > 30, "{dirs:?}");
    for dir in dirs {
        let mut files = Vec::new();
        load(&dir, "", &mut files);
        assert_batched_equals_whole(files, &dir.display().to_string());
    }
}

#[test]
fn all_fixtures_in_one_workspace() {
    let mut files = Vec::new();
    for dir in fixture_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        load(&dir, &format!("{name}/"), &mut files);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    load(
        &root.join("../../examples/findings"),
        "zz-findings/",
        &mut files,
    );
    files.sort();
    assert_batched_equals_whole(files, "all fixtures");
}

/// Many files of activities around one file of declarations: references resolved and not,
/// ids defined twice within and across files, suppressions used and unused, processors used
/// from many files, a word that looks like a keyword, text that is not UTF-8.
#[test]
fn generated_workspaces() {
    for seed in 0..6u64 {
        let mut files = Vec::new();
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let controller = if seed % 3 == 0 {
            ""
        } else {
            "controller { name \"Muster GmbH\" address \"Str. 1, 10115 Berlin\" email \"datenschutz@muster.de\" }\n"
        };
        let mut decl = String::from(controller);
        for p in 0..6 {
            let avv = if p % 2 == 0 {
                "avv { signed 2025-01-01 }"
            } else {
                ""
            };
            let country = ["DE", "US", "IN", "FR"][p % 4];
            decl.push_str(&format!(
                "processor p{p} {{ name \"P {p}\" country {country} {avv} }}\n"
            ));
        }
        decl.push_str(
            "category loyalty { label \"Treuepunkte\" }\ncategory unused_cat { label \"x\" }\n",
        );
        files.push(("m-declarations.ropa".to_string(), decl.into_bytes()));
        for f in 0..12 {
            let mut text = String::new();
            for a in 0..(1 + next(4)) {
                let id = if next(7) == 0 {
                    "dup".to_string()
                } else {
                    format!("a{f}_{a}")
                };
                let processors: Vec<String> =
                    (0..next(3)).map(|_| format!("p{}", next(8))).collect();
                let basis =
                    ["consent", "contract", "legitimate_interest", "bogus"][next(4) as usize];
                let data = ["contact", "loyalty", "health", "nonexistent"][next(4) as usize];
                if next(5) == 0 {
                    text.push_str("// ropa-ignore missing-retention: decided elsewhere\n");
                }
                if next(9) == 0 {
                    text.push_str("// ropa-ignore missing-avv: nothing to suppress\n");
                }
                text.push_str(&format!(
                    "activity {id} {{\n  title \"Tätigkeit {f}.{a} 😀\"\n  purpose \"Zweck\"\n  subjects [customers]\n  data [{data}]\n  legal_basis {basis}\n  processors [{}]\n{}}}\n",
                    processors.join(", "),
                    if next(2) == 0 { "  retention 2 years\n" } else { "" },
                ));
                if next(6) == 0 {
                    text.push_str("// the processor of this campaign is external\n");
                }
            }
            files.push((format!("a{f:02}.ropa"), text.into_bytes()));
        }
        if seed % 2 == 1 {
            files.push((
                "b-broken.ropa".to_string(),
                b"activity x { title \"\xff\" }\n".to_vec(),
            ));
        }
        files.sort();
        assert_batched_equals_whole(files, &format!("generated workspace {seed}"));
    }
}
