//! Running every rule over a workspace: severities from the configuration, suppressions, and a
//! deterministic order.

use rayon::prelude::*;
use ropa_analysis::model::Suppression;
use ropa_analysis::{Diagnostic, Edit, Fix, Location, Severity, Workspace};
use ropa_syntax::{Date, TextRange};

use crate::config::{Config, Level};
use crate::context::Scope;
use crate::rules::processors::KeptUse;
use crate::{Context, RULES, Sink, registry};

/// Runs all rules and returns the findings, sorted by file, position and rule.
pub fn check(ws: &Workspace, config: &Config, today: Date) -> Vec<Diagnostic> {
    check_scoped(ws, config, today, None)
}

/// Like [`check`], but when `scope` is set, only the findings located in that file. Rules see
/// the whole workspace for global facts but report only on the file's activities, so this costs
/// in proportion to the file, not the workspace.
pub fn check_scoped(
    ws: &Workspace,
    config: &Config,
    today: Date,
    scope: Option<ropa_analysis::FileId>,
) -> Vec<Diagnostic> {
    if let Some(file) = scope {
        let rules = crate::edited::file_rule_findings(ws, config, today, file);
        return crate::edited::finish_file(ws, config, file, rules);
    }
    let scope = Scope::All;
    let mut found = Vec::new();
    for (i, file) in ws.files.iter().enumerate() {
        if scope.contains(ropa_analysis::FileId(i as u32)) {
            found.extend(file.diagnostics.iter().cloned());
        }
    }
    found.extend(
        ws.resolution
            .iter()
            .filter(|d| scope.contains(d.location.file))
            .cloned(),
    );
    found.extend(rule_findings(ws, config, today, scope, None, None, None));
    finish(ws, config, found, scope)
}

/// What the rules find in `scope`, before severities and suppressions. `used` replaces the
/// processors' uses that the rules would otherwise work out from the activities in the
/// workspace (a check a batch at a time has let go of most of them).
pub(crate) fn rule_findings(
    ws: &Workspace,
    config: &Config,
    today: Date,
    scope: Scope,
    used: Option<Vec<KeptUse>>,
    scan: Option<&crate::scan::Scanned>,
    carried: Option<crate::rules::organisation::OrgSummary>,
) -> Vec<Diagnostic> {
    let mut ctx = Context::new(ws, today, &config.languages, scope, scan, carried);
    ctx.used_processors = match used {
        Some(uses) if ctx.reports_on_processors() => {
            crate::rules::processors::users_from(&ctx, uses)
        }
        Some(_) => Vec::new(),
        None => crate::rules::processors::find_users(&ctx),
    };
    // Rules are independent of each other: run them in parallel, then keep the catalogue order.
    // `ropa scan` runs the scan rules only: the record's own findings are `ropa check`'s.
    let per_rule: Vec<Vec<Diagnostic>> = RULES
        .par_iter()
        .filter(|rule| scan.is_none() || rule.category == registry::Category::Scan)
        .filter(|rule| config.may_enable(rule))
        .map(|rule| {
            let mut own = Sink::default();
            (rule.check)(&ctx, &mut own);
            own.diagnostics
        })
        .collect();
    per_rule
        .into_iter()
        .flatten()
        .filter(|d| scope.contains(d.location.file))
        .collect()
}

/// Severities from the configuration, suppressions, the findings in `scope` only, sorted.
pub(crate) fn finish(
    ws: &Workspace,
    config: &Config,
    found: Vec<Diagnostic>,
    scope: Scope,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::with_capacity(found.len());
    for mut d in found {
        let path = &ws.file(d.location.file).path;
        // A configured level replaces the finding's own severity (which a rule may set per
        // finding, e.g. a warning before a duty applies and an error after).
        let default =
            registry::rule(d.rule).map_or(Level::On(d.severity), |r| match r.default_level() {
                Level::On(_) => Level::On(d.severity),
                Level::Off => Level::Off,
            });
        match config.level(d.rule, default, path) {
            Level::Off => continue,
            Level::On(s) => d.severity = s,
        }
        diagnostics.push(d);
    }
    let mut diagnostics = apply_suppressions(ws, config, diagnostics);
    diagnostics.retain(|d| scope.contains(d.location.file));
    sort(ws, diagnostics)
}

/// Sorts by file path, position, then rule: the order of every output.
pub fn sort(ws: &Workspace, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Each file's place in path order, worked out once: comparing paths in every comparison
    // cost tens of milliseconds for 50,000 findings. (Files usually come in path order, but
    // `ropa scan` appends the scanned ones.)
    let mut by_path: Vec<usize> = (0..ws.files.len()).collect();
    by_path.sort_by(|&a, &b| ws.files[a].path.cmp(&ws.files[b].path));
    let mut rank = vec![0; ws.files.len()];
    for (place, &file) in by_path.iter().enumerate() {
        rank[file] = place;
    }
    let rank_of = |d: &Diagnostic| rank.get(d.location.file.index()).copied();
    diagnostics.sort_by(|a, b| {
        (rank_of(a), a.location.range, a.rule, &a.message).cmp(&(
            rank_of(b),
            b.location.range,
            b.rule,
            &b.message,
        ))
    });
    diagnostics.dedup();
    diagnostics
}

fn apply_suppressions(
    ws: &Workspace,
    config: &Config,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let suppressions: Vec<&Suppression> = ws
        .files
        .iter()
        .flat_map(|f| &f.model.suppressions)
        .collect();
    if suppressions.is_empty() {
        return diagnostics;
    }
    let mut used = vec![false; suppressions.len()];
    let mut kept = Vec::with_capacity(diagnostics.len());
    let hiding = suppressing(&suppressions, &diagnostics);
    for (d, by) in diagnostics.into_iter().zip(hiding) {
        match by {
            Some(i) => used[i] = true,
            None => kept.push(d),
        }
    }
    for (i, s) in suppressions.iter().enumerate() {
        let path = &ws.file(s.file).path;
        let loc = Location {
            file: s.file,
            range: s.range,
        };
        let mut problems = Vec::new();
        for r in &s.rules {
            if registry::rule(&r.value).is_none() {
                let hint = ropa_analysis::suggest(&r.value, RULES.iter().map(|r| r.name))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                problems.push(format!("`{}` is not a rule{hint}", r.value));
            }
        }
        if s.rules.is_empty() {
            problems.push("it names no rule; write `// ropa-ignore RULE: reason`".to_string());
        }
        if s.reason.is_none() {
            problems.push(
                "it gives no reason; write `// ropa-ignore RULE: reason` so reviewers know why"
                    .to_string(),
            );
        }
        if !s.own_line {
            problems.push("it must stand on its own line above the item or field".to_string());
        }
        if !problems.is_empty() {
            push_if_on(
                &mut kept,
                config,
                path,
                "invalid-suppression",
                loc,
                format!("invalid suppression: {}", problems.join("; ")),
            );
            continue;
        }
        if used[i] {
            continue;
        }
        // Rules that are off cannot fire, so their suppressions are not "unused".
        let all_off = s.rules.iter().all(|r| {
            let default =
                registry::rule(&r.value).map_or(Level::On(Severity::Error), |x| x.default_level());
            config.level(&r.value, default, path) == Level::Off
        });
        if all_off {
            continue;
        }
        let names: Vec<String> = s.rules.iter().map(|r| format!("`{}`", r.value)).collect();
        let message = if s.target.is_none() {
            format!(
                "this suppression of {} applies to nothing: put it directly above the item or field",
                names.join(", ")
            )
        } else {
            format!(
                "this suppression of {} suppresses nothing; remove it",
                names.join(", ")
            )
        };
        let len = ws
            .file(s.file)
            .text
            .get(s.range.end()..)
            .map_or(0, |t| usize::from(t.starts_with('\n')));
        let remove = Fix {
            title: "Remove the unused suppression".to_string(),
            edits: vec![Edit {
                location: Location {
                    file: s.file,
                    range: line_range(ws, s, len),
                },
                text: String::new(),
            }],
            safe: true,
        };
        if let Some(d) = push_if_on(&mut kept, config, path, "unused-suppression", loc, message) {
            d.fixes.push(remove);
            d.unnecessary = true;
        }
    }
    kept
}

/// For each finding, the suppression that hides it: the first (in file and position order) with
/// a reason whose target touches the finding's start and that names its rule.
///
/// A sweep over positions, not a loop over every pair: thousands of suppressions and findings
/// must not cost their product. The suppressions whose target spans the current position are
/// kept per rule, ordered, and a finding takes the first of its rule's.
fn suppressing(suppressions: &[&Suppression], diagnostics: &[Diagnostic]) -> Vec<Option<usize>> {
    use std::cmp::Reverse;
    use std::collections::{BTreeSet, BinaryHeap, HashMap};
    type At = (ropa_analysis::FileId, usize);
    // Where each usable suppression starts to apply, in order.
    let mut starts: Vec<(At, usize)> = suppressions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.reason.is_some())
        .filter_map(|(i, s)| Some(((s.file, s.target?.start()), i)))
        .collect();
    starts.sort_unstable();
    let mut order: Vec<(At, usize)> = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| ((d.location.file, d.location.range.start()), i))
        .collect();
    order.sort_unstable();
    let mut active: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    let mut ending: BinaryHeap<Reverse<(At, usize)>> = BinaryHeap::new();
    let mut next = 0;
    let mut out = vec![None; diagnostics.len()];
    for (at, d) in order {
        while let Some(&(start, i)) = starts.get(next).filter(|(start, _)| *start <= at) {
            let s = suppressions[i];
            for rule in &s.rules {
                active.entry(rule.value.as_str()).or_default().insert(i);
            }
            let end = s.target.map_or(start.1, |t| t.end());
            ending.push(Reverse(((s.file, end), i)));
            next += 1;
        }
        while let Some(&Reverse((_, i))) = ending.peek().filter(|Reverse((end, _))| *end < at) {
            for rule in &suppressions[i].rules {
                if let Some(set) = active.get_mut(rule.value.as_str()) {
                    set.remove(&i);
                }
            }
            ending.pop();
        }
        out[d] = active
            .get(diagnostics[d].rule)
            .and_then(|set| set.first().copied());
    }
    out
}

/// The comment's whole line including its line break (so removing it leaves no blank line).
fn line_range(ws: &Workspace, s: &Suppression, newline: usize) -> TextRange {
    let text = &ws.file(s.file).text;
    let start = text
        .get(..s.range.start())
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    TextRange::new(start, s.range.end() + newline)
}

fn push_if_on<'a>(
    out: &'a mut Vec<Diagnostic>,
    config: &Config,
    path: &str,
    rule: &'static str,
    loc: Location,
    message: String,
) -> Option<&'a mut Diagnostic> {
    let default = registry::rule(rule).map_or(Level::On(Severity::Warning), |r| r.default_level());
    match config.level(rule, default, path) {
        Level::Off => None,
        Level::On(sev) => {
            out.push(Diagnostic::new(rule, sev, loc, message));
            out.last_mut()
        }
    }
}

/// The quick fix every finding has: `// ropa-ignore RULE: ` above the enclosing item.
pub fn suppression_fix(ws: &Workspace, d: &Diagnostic) -> Option<Fix> {
    let file = ws.file(d.location.file);
    let at = d.location.range.start();
    let items = &file.model.items;
    // The first item that ends at or after the finding; it must also start before it.
    let item = items.get(items.partition_point(|r| r.end() < at))?;
    if item.start() > at {
        return None;
    }
    let start = item.start();
    let line_start = file
        .text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let indent: String = file
        .text
        .get(line_start..start)
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    Some(Fix {
        title: format!("Suppress `{}` for this item", d.rule),
        edits: vec![Edit {
            location: Location {
                file: d.location.file,
                range: TextRange::empty(line_start),
            },
            text: format!("{indent}// ropa-ignore {}: \n", d.rule),
        }],
        safe: false,
    })
}
