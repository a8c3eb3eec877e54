//! The `--format json` report of CLI.md (`"version": 1`), shared by the CLI and the tests.

use ropa_analysis::{Diagnostic, FileId, Location, Severity, Workspace};
use ropa_syntax::ColumnUnit;
use serde::Serialize;

use crate::registry;

// Fields are declared in alphabetical order, the order in which the JSON has always listed its
// keys: serialising the structs directly then gives the same bytes as going through
// `serde_json::Value` (whose maps are sorted), without building that tree first.

#[derive(Serialize)]
pub struct Report {
    pub diagnostics: Vec<JsonDiagnostic>,
    pub summary: Summary,
    pub version: u32,
}

#[derive(Serialize, Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub files: usize,
    pub infos: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic], files: usize) -> Summary {
        Self::of_severities(diagnostics.iter().map(|d| d.severity), files)
    }

    /// The summary of findings with these severities (no need to hold the findings).
    pub fn of_severities(severities: impl Iterator<Item = Severity>, files: usize) -> Summary {
        let mut summary = Summary {
            files,
            ..Summary::default()
        };
        for severity in severities {
            match severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub category: &'static str,
    pub file: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<JsonFix>,
    pub message: String,
    pub range: JsonRange,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated>,
    pub rule: &'static str,
    pub severity: &'static str,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
pub struct JsonPosition {
    pub column: u32,
    pub line: u32,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
pub struct JsonRange {
    pub end: JsonPosition,
    pub start: JsonPosition,
}

#[derive(Serialize)]
pub struct JsonRelated {
    pub file: String,
    pub message: String,
    pub range: JsonRange,
}

#[derive(Serialize)]
pub struct JsonFix {
    pub edits: Vec<JsonEdit>,
    pub title: String,
}

#[derive(Serialize)]
pub struct JsonEdit {
    pub file: String,
    pub range: JsonRange,
    pub text: String,
}

/// 1-based line and character column of a location (CLI.md).
pub fn range(ws: &Workspace, loc: Location) -> JsonRange {
    let file = ws.file(loc.file);
    let pos = |offset| {
        let lc = file
            .line_index()
            .line_col(&file.text, offset, ColumnUnit::Char);
        JsonPosition {
            line: lc.line + 1,
            column: lc.col + 1,
        }
    };
    JsonRange {
        start: pos(loc.range.start()),
        end: pos(loc.range.end()),
    }
}

/// Builds the report. `display_path` gives a file as the user sees it (relative to the current
/// directory).
pub fn build(
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    display_path: &dyn Fn(FileId) -> String,
) -> Report {
    let path = |loc: Location| display_path(loc.file);
    let out = diagnostics
        .iter()
        .map(|d| {
            let rule = registry::rule(d.rule);
            JsonDiagnostic {
                rule: d.rule,
                category: rule.map_or("syntax", |r| r.category.as_str()),
                severity: d.severity.as_str(),
                message: d.message.clone(),
                reference: rule
                    .map(|r| r.reference)
                    .filter(|r| !r.is_empty())
                    .map(str::to_string),
                file: path(d.location),
                range: range(ws, d.location),
                related: d
                    .related
                    .iter()
                    .map(|r| JsonRelated {
                        file: path(r.location),
                        range: range(ws, r.location),
                        message: r.message.clone(),
                    })
                    .collect(),
                fixes: d
                    .fixes
                    .iter()
                    .map(|f| JsonFix {
                        title: f.title.clone(),
                        edits: f
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                file: path(e.location),
                                range: range(ws, e.location),
                                text: e.text.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    Report {
        version: 1,
        diagnostics: out,
        summary: Summary::of(diagnostics, ws.files.len()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The structs serialise their keys in the same (sorted) order as a `serde_json::Value`, so
    /// writing them directly keeps the output of `--format json` byte for byte.
    #[test]
    fn fields_are_in_the_order_of_a_json_value() {
        let ws = Workspace::from_files(vec![(
            "a.ropa".into(),
            b"processor p { name \"P\" }\nprocessor p { name \"Q\" }\nactivity a { data [nope] }\n"
                .to_vec(),
        )]);
        let all = crate::check(
            &ws,
            &crate::Config::default(),
            ropa_syntax::Date {
                year: 2026,
                month: 11,
                day: 22,
            },
        );
        let report = build(&ws, &all, &|id| ws.file(id).path.clone());
        let d = &report.diagnostics;
        assert!(d.iter().any(|d| !d.related.is_empty()));
        assert!(d.iter().any(|d| !d.fixes.is_empty()));
        assert!(d.iter().any(|d| d.reference.is_some()));
        let direct = serde_json::to_string_pretty(&report).unwrap();
        let via_value =
            serde_json::to_string_pretty(&serde_json::to_value(&report).unwrap()).unwrap();
        assert_eq!(direct, via_value);
    }
}
