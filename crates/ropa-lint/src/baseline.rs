//! Baselines: record today's findings so that only new ones are reported.
//!
//! A finding's fingerprint is its rule, its file (relative to the workspace root) and a stable
//! path to where it points — `activity ad_targeting / ai / profiling` — built from item ids and
//! keys, never from line numbers, so that edits elsewhere in the file keep the baseline valid.
//! The same fingerprint may occur several times (two missing notices in one activity); the
//! baseline stores a count.

use std::collections::BTreeMap;

use ropa_analysis::{Diagnostic, Workspace};
use ropa_syntax::tree_sitter::Node;
use serde::{Deserialize, Serialize};

/// Where a finding is, independent of line numbers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    pub file: String,
    pub path: String,
    pub rule: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    pub path: String,
    pub rule: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// The baseline file: sorted entries, human-readable JSON that diffs well.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

fn text<'a>(node: Node, src: &'a str) -> &'a str {
    src.get(node.start_byte()..node.end_byte()).unwrap_or("")
}

/// The stable path of the place at byte `offset` in the file: `activity x / ai / profiling`, with
/// the pointed-at value appended when the finding points into a value (`/ processors / openai`).
pub fn path_at(ws: &Workspace, d: &Diagnostic) -> String {
    let file = ws.file(d.location.file);
    let src = file.text.as_str();
    // Paths are read from the syntax: callers keep the trees (`Workspace::from_files`), else
    // each file with a finding is parsed again here.
    let root = file.tree().root_node();
    let start = d.location.range.start();
    let end = d.location.range.end().max(start);
    let Some(first) = root.descendant_for_byte_range(start, end) else {
        return String::new();
    };
    let mut parts: Vec<String> = Vec::new();
    let pointed = text(first, src);
    let mut on_value = false;
    // (A finding deep inside hostile nesting gets the path of its innermost levels.)
    for node in ropa_syntax::ancestors(first) {
        match node.kind() {
            "field" => {
                if let Some(key) = node.child_by_field_name("key") {
                    parts.push(text(key, src).to_string());
                    if !(key.start_byte() <= start
                        && start < key.end_byte().max(key.start_byte() + 1))
                        && parts.len() == 1
                    {
                        on_value = true;
                    }
                }
            }
            "item" => {
                let kind = node
                    .child_by_field_name("kind")
                    .map_or("", |k| text(k, src));
                let name = node
                    .child_by_field_name("name")
                    .map_or("", |n| text(n, src));
                parts.push(if name.is_empty() {
                    kind.to_string()
                } else {
                    format!("{kind} {name}")
                });
            }
            _ => {}
        }
    }
    parts.reverse();
    let mut path = parts.join(" / ");
    if on_value && !pointed.is_empty() && pointed.len() <= 60 && !pointed.contains('\n') {
        path.push_str(" / ");
        path.push_str(pointed);
    }
    if path.is_empty() {
        // Outside any item (a syntax error between items): the message is the best we have.
        path = d.message.clone();
    }
    path
}

pub fn fingerprint(ws: &Workspace, d: &Diagnostic) -> Fingerprint {
    Fingerprint {
        file: ws.file(d.location.file).path.clone(),
        path: path_at(ws, d),
        rule: d.rule.to_string(),
    }
}

impl Baseline {
    pub fn from_findings(ws: &Workspace, diagnostics: &[Diagnostic]) -> Baseline {
        let mut counts: BTreeMap<Fingerprint, usize> = BTreeMap::new();
        for d in diagnostics {
            *counts.entry(fingerprint(ws, d)).or_default() += 1;
        }
        let findings = counts
            .into_iter()
            .map(|(f, count)| Entry {
                file: f.file,
                path: f.path,
                rule: f.rule,
                count,
            })
            .collect();
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| format!("not a ropa baseline: {e}"))?;
        if b.version != 1 {
            return Err(format!(
                "baseline version {} is not supported (expected 1)",
                b.version
            ));
        }
        Ok(b)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Splits findings into new ones and baselined ones, and lists the baseline entries that no
    /// longer occur (fixed).
    pub fn apply(&self, ws: &Workspace, diagnostics: Vec<Diagnostic>) -> Applied {
        let mut budget: BTreeMap<Fingerprint, usize> = self
            .findings
            .iter()
            .map(|e| {
                (
                    Fingerprint {
                        file: e.file.clone(),
                        path: e.path.clone(),
                        rule: e.rule.clone(),
                    },
                    e.count,
                )
            })
            .collect();
        let mut applied = Applied::default();
        for d in diagnostics {
            let f = fingerprint(ws, &d);
            match budget.get_mut(&f) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    applied.unchanged.push(d);
                }
                _ => applied.new.push(d),
            }
        }
        applied.fixed = budget
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(f, count)| Entry {
                file: f.file,
                path: f.path,
                rule: f.rule,
                count,
            })
            .collect();
        applied
    }
}

#[derive(Debug, Default)]
pub struct Applied {
    /// Findings not in the baseline: these are reported.
    pub new: Vec<Diagnostic>,
    /// Findings the baseline accepts.
    pub unchanged: Vec<Diagnostic>,
    /// Baseline entries that no longer occur: remove them from the baseline.
    pub fixed: Vec<Entry>,
}
