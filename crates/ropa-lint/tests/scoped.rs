//! A scoped check (the language server's re-check of one edited file) gives exactly the findings
//! of a full check that are located in that file.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::load;
use ropa_analysis::{FileId, Workspace};
use ropa_lint::Config;
use ropa_syntax::Date;

#[test]
fn scoped_equals_full_restricted_to_the_file() {
    let today = Date {
        year: 2026,
        month: 11,
        day: 22,
    };
    for example in ["findings", "muster-marketing"] {
        let files = common::example(example);
        let ws = Workspace::from_files(files);
        let config = Config::parse("[policy]\nlanguages = [\"de\", \"en\"]\n").unwrap();
        let full = ropa_lint::check(&ws, &config, today);
        for i in 0..ws.files.len() {
            let id = FileId(i as u32);
            let expected: Vec<_> = full
                .iter()
                .filter(|d| d.location.file == id)
                .cloned()
                .collect();
            assert_eq!(
                ropa_lint::check_scoped(&ws, &config, today, Some(id)),
                expected,
                "{example}/{}",
                ws.files[i].path
            );
        }
    }
}

/// `ropa check` drops the syntax trees after lowering: the rules read only the model, so the
/// findings (with their quick fixes) are the same with and without trees — over the examples
/// and every rule's fixtures.
#[test]
fn checking_without_trees_equals_checking_with_them() {
    let today = Date {
        year: 2026,
        month: 11,
        day: 22,
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut workspaces = vec![
        root.join("../../examples/findings"),
        root.join("../../examples/muster-marketing"),
    ];
    let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    fixtures.sort();
    workspaces.extend(fixtures);
    let config = Config::parse("[policy]\nlanguages = [\"de\", \"en\"]\n").unwrap();
    for dir in workspaces {
        let mut files = Vec::new();
        load(&dir, "", &mut files);
        let with = Workspace::from_files(files.clone());
        let without = Workspace::from_files_without_trees(files);
        assert!(without.files.iter().all(|f| !f.has_tree()));
        assert_eq!(
            ropa_lint::check(&without, &config, today),
            ropa_lint::check(&with, &config, today),
            "{}",
            dir.display()
        );
    }
}
