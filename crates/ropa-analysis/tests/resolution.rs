//! Resolution: which definitions references use, checked by the findings it gives.
#![allow(clippy::unwrap_used)]

use ropa_analysis::Workspace;

/// The `unused-definition` findings of `text`, as the ids they name.
fn unused(text: &str) -> Vec<String> {
    let mut ws = Workspace::from_files(vec![("a.ropa".into(), text.as_bytes().to_vec())]);
    ws.resolve();
    ws.resolution
        .iter()
        .filter(|d| d.rule == "unused-definition")
        .map(|d| d.message.split('`').nth(1).unwrap_or("").to_string())
        .collect()
}

/// Issue 17: an `Id` counts the items of one kind, so processor 0 and category 0 of a file
/// share it. A used processor once hid an unused category (and subject) at the same index.
#[test]
fn a_used_processor_does_not_hide_an_unused_category_or_subject_at_its_index() {
    let text = r#"
processor p { name "P GmbH"  country DE }
category unused_category { label "Ungenutzt" }
subject unused_subject { label "Ungenutzt" }
activity a { data [contact]  subjects [customers]  processors [p] }
"#;
    assert_eq!(unused(text), ["unused_category", "unused_subject"]);
    // And the other way round: a used category does not hide an unused processor.
    let text = r#"
processor unused_processor { name "P GmbH"  country DE }
category c { label "Genutzt" }
activity a { data [c]  subjects [customers] }
"#;
    assert_eq!(unused(text), ["unused_processor"]);
}
