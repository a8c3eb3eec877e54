//! Baselines: written from today's findings; a fixed finding is reported as fixed, a new one as
//! new, and edits above a baselined item do not break the match.
#![allow(clippy::unwrap_used)]

use ropa_analysis::Workspace;
use ropa_lint::Config;
use ropa_lint::baseline::Baseline;
use ropa_syntax::Date;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 22,
};

const PROCESSORS: &str =
    "processor agency {\n  name \"Agentur GmbH\"\n  country DE\n  certifications [iso27001]\n}\n";
const ACTIVITIES: &str = "controller { name \"M GmbH\"  address \"Weg 1\"  email \"a@b.de\"  security \"TOM\"  dpo { email \"d@b.de\" }  ai_literacy { measures \"Schulung\" } }\n\nactivity ads {\n  title \"Werbung\"\n  purpose \"Werbung\"\n  subjects [customers]\n  data [contact]\n  legal_basis legitimate_interest { interest \"Reichweite\"  balancing \"LIA\" }\n  collection indirect\n  source \"Partnerseiten\"\n  processors [agency]\n  notice \"Hinweis\"\n  ai { profiling true  logic \"Klicks\" bias_review { done 2025-01-01 } }\n  dpia { done 2025-01-01 }\n}\n";

fn workspace(processors: &str, activities: &str) -> Workspace {
    Workspace::from_files(vec![
        ("activities.ropa".into(), activities.as_bytes().to_vec()),
        ("processors.ropa".into(), processors.as_bytes().to_vec()),
    ])
}

fn findings(ws: &Workspace) -> Vec<ropa_analysis::Diagnostic> {
    ropa_lint::check(ws, &Config::default(), TODAY)
}

#[test]
fn baseline_round_trip() {
    let ws = workspace(PROCESSORS, ACTIVITIES);
    let all = findings(&ws);
    let rules: Vec<&str> = all.iter().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        vec![
            "missing-retention",
            "missing-avv",
            "profiling-without-consent"
        ]
    );
    let baseline = Baseline::from_findings(&ws, &all);
    let json = baseline.to_json();
    insta::assert_snapshot!(json);
    let baseline = Baseline::parse(&json).unwrap();

    // Same findings: nothing new, nothing fixed.
    let applied = baseline.apply(&ws, all);
    assert!(applied.new.is_empty() && applied.fixed.is_empty());
    assert_eq!(applied.unchanged.len(), 3);

    // Edits above the baselined item (new lines, a new item) do not break the match.
    let shifted = ACTIVITIES.replace("\nactivity ads", "\n// Werbung\n\n\nactivity ads");
    let ws2 = workspace(PROCESSORS, &shifted);
    let applied = baseline.apply(&ws2, findings(&ws2));
    assert!(applied.new.is_empty(), "{:?}", applied.new);

    // Fix the AVV, remove `logic`: missing-avv is fixed, missing-ai-logic is new.
    let fixed_processors = PROCESSORS.replace(
        "  certifications",
        "  avv { signed 2025-01-01 }\n  certifications",
    );
    let changed = ACTIVITIES.replace("  logic \"Klicks\"", "");
    let ws3 = workspace(&fixed_processors, &changed);
    let applied = baseline.apply(&ws3, findings(&ws3));
    let new: Vec<&str> = applied.new.iter().map(|d| d.rule).collect();
    assert_eq!(new, vec!["missing-ai-logic"]);
    let fixed: Vec<(&str, &str)> = applied
        .fixed
        .iter()
        .map(|e| (e.rule.as_str(), e.path.as_str()))
        .collect();
    assert_eq!(
        fixed,
        vec![("missing-avv", "activity ads / processors / agency")]
    );
}
