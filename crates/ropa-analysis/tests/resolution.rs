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

fn workspace(files: &[(&str, &str)]) -> Workspace {
    Workspace::from_files(
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect(),
    )
}

fn rules(ws: &Workspace) -> Vec<(String, &'static str)> {
    ws.resolution
        .iter()
        .map(|d| (ws.file(d.location.file).path.clone(), d.rule))
        .collect()
}

const DECLARATIONS: &str = r#"
processor p { name "P GmbH"  country DE }
processor q { name "Q GmbH"  country DE }
category mine { label "Eigene" }
"#;
const ACTIVITIES: &str = r#"
activity a { data [mine]  subjects [customers]  processors [p] }
activity b { data [nope]  subjects [customers] }
activity a { data [contact]  subjects [customers] }
"#;

/// An activity a check let go of keeps what resolution needs: its references still count as
/// uses (`q` stays unused, `p` and `mine` are used), a name that names nothing is still
/// reported, an id defined twice still is — the same findings as with every activity in memory.
#[test]
fn let_go_activities_resolve_like_those_in_memory() {
    let files = [("a.ropa", ACTIVITIES), ("d.ropa", DECLARATIONS)];
    let whole = workspace(&files);
    let mut let_go = workspace(&files);
    let_go.let_go(&[ropa_analysis::FileId(0)]);
    assert!(
        let_go
            .file(ropa_analysis::FileId(0))
            .model
            .activities
            .is_empty()
    );
    assert!(!let_go.is_whole());
    let_go.resolve();
    assert_eq!(rules(&let_go), rules(&whole));
    assert_eq!(
        rules(&whole),
        [
            ("a.ropa".to_string(), "unresolved-reference"),
            ("a.ropa".to_string(), "duplicate-definition"),
            ("d.ropa".to_string(), "unused-definition"),
        ]
    );
    assert_eq!(let_go.resolution, whole.resolution);
}

/// The workspace decides whether an edit stays inside its file: the same activity ids and
/// references (a longer purpose) resolve only that file; a new reference resolves everything.
/// Either way the result is what resolving from scratch gives.
#[test]
fn the_workspace_decides_locality_and_resolves_as_from_scratch() {
    use ropa_analysis::{Changed, File, FileId};
    let edits = [
        (
            ACTIVITIES.replace("activity b {", "activity b { purpose \"Länger ✓\""),
            true,
        ),
        (ACTIVITIES.replace("data [nope]", "data [mine]"), false),
        (
            ACTIVITIES.replace("processors [p]", "processors [q]"),
            false,
        ),
    ];
    for (after, local) in edits {
        let mut ws = workspace(&[("a.ropa", ACTIVITIES), ("d.ropa", DECLARATIONS)]);
        let ids = [FileId(0)].into_iter().collect();
        let changed = ws.replace_files(&ids, |id, _| {
            File::new(id, "a.ropa".into(), after.as_bytes())
        });
        // `a` is defined twice in the same file: no finding elsewhere points in.
        assert_eq!(changed == Changed::Files(ids), local, "{after}");
        let fresh = workspace(&[("a.ropa", &after), ("d.ropa", DECLARATIONS)]);
        assert_eq!(ws.resolution, fresh.resolution, "{after}");
    }
}

/// What the generators read when files were let go of (`Workspace::lowered_again`): every
/// activity again, and a file that is not UTF-8 still as `ropa check` reads it — its finding,
/// no items — though its lossy text would parse (the bad byte is inside a string).
#[test]
fn lowered_again_holds_every_activity_and_keeps_a_file_that_is_not_utf8() {
    let latin1 = b"activity l { title \"Gr\xfc\xdfe\"  data [contact]  subjects [customers] }\n";
    let files = vec![
        ("a.ropa".to_string(), ACTIVITIES.as_bytes().to_vec()),
        ("d.ropa".to_string(), DECLARATIONS.as_bytes().to_vec()),
        ("l.ropa".to_string(), latin1.to_vec()),
    ];
    let whole = Workspace::from_files(files.clone());
    let mut let_go = Workspace::from_files(files);
    let_go.let_go(&[ropa_analysis::FileId(0)]);
    let again = let_go.lowered_again();
    assert!(again.is_whole());
    let activities = |ws: &Workspace| {
        ws.files
            .iter()
            .map(|f| f.model.activities.len())
            .collect::<Vec<_>>()
    };
    assert_eq!(activities(&again), activities(&whole));
    assert_eq!(activities(&again)[2], 0);
    let errors = |ws: &Workspace| {
        ws.files[2]
            .diagnostics
            .iter()
            .map(|d| (d.rule, d.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(errors(&again), errors(&whole));
    assert_eq!(errors(&again).len(), 1);
    assert_eq!(again.resolution, whole.resolution);
}
