//! When each activity last changed, from git (CHANGES-2026-12 §1.9: "zuletzt geändert" per
//! activity in `ropa record`).
//!
//! `git blame --porcelain` runs once per file that holds activities; an activity's date is the
//! newest committer date among the commits that last touched its lines, written in that
//! committer's time zone. Lines with changes not yet committed make the entry say so, beside the
//! newest committed date (a file never committed has no date at all). Outside a git repository,
//! or without git, there is nothing: no date, no error. `ropa-policy` only receives the dates;
//! this is the one place that runs a process for them.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use ropa_analysis::FileId;
use ropa_analysis::model::Activity;
use ropa_policy::{Changes, LastChanged};
use ropa_syntax::Date;

use crate::load::Loaded;

/// `git blame` names a line not committed yet with this commit.
const NOT_COMMITTED: &str = "0000000000000000000000000000000000000000";

/// The last change of every activity whose file git knows (by activity id).
pub fn changes(loaded: &Loaded) -> Changes {
    let mut by_file: BTreeMap<FileId, Vec<&Activity>> = BTreeMap::new();
    for (_, a) in loaded.ws.activities() {
        by_file.entry(a.header.file).or_default().push(a);
    }
    let mut out = Changes::new();
    for (file, activities) in by_file {
        let file = loaded.ws.file(file);
        let path = ropa_load::file_path(&loaded.root, &file.path);
        let Some(lines) = blame(&path) else {
            continue;
        };
        for a in activities {
            let first = line_of(&file.text, a.header.range.start());
            let last = line_of(&file.text, a.header.range.end().saturating_sub(1));
            let span = lines.get(first..=last.min(lines.len().saturating_sub(1)));
            if let Some(changed) = span.and_then(newest) {
                out.insert(a.header.id().to_string(), changed);
            }
        }
    }
    out
}

/// The 0-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|b| **b == b'\n')
        .count()
}

/// What git says about one line: when its last commit was made, or that it is not committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Committed { time: i64, offset_secs: i64 },
    Uncommitted,
}

/// The newest committed date among `lines`, and whether any is uncommitted.
fn newest(lines: &[Line]) -> Option<LastChanged> {
    let committed = lines.iter().filter_map(|l| match l {
        Line::Committed { time, offset_secs } => Some((*time, *offset_secs)),
        Line::Uncommitted => None,
    });
    let date = committed
        .max_by_key(|(time, _)| *time)
        .and_then(|(time, offset)| local_date(time, offset))
        .map(|d| d.to_string());
    let uncommitted = lines.contains(&Line::Uncommitted);
    (date.is_some() || uncommitted).then_some(LastChanged { date, uncommitted })
}

/// The calendar date of a Unix time in a time zone `offset_secs` east of UTC.
fn local_date(time: i64, offset_secs: i64) -> Option<Date> {
    Date::from_days_since_epoch(time.checked_add(offset_secs)?.div_euclid(86_400))
}

/// Every line of the file as git blames it, or `None` when the file is in no git work tree or
/// git cannot be run. A file git does not track (or a repository without commits) is all
/// uncommitted.
fn blame(path: &Path) -> Option<Vec<Line>> {
    let dir = path.parent()?;
    let name = path.file_name()?;
    let out = git(dir)
        .args(["blame", "--porcelain", "--no-textconv", "--"])
        .arg(name)
        .output()
        .ok()?;
    if out.status.success() {
        return Some(parse_porcelain(&String::from_utf8_lossy(&out.stdout)));
    }
    inside_work_tree(dir).then(|| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        vec![Line::Uncommitted; text.lines().count().max(1)]
    })
}

fn inside_work_tree(dir: &Path) -> bool {
    git(dir)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"true"))
}

/// `git` in `dir`, reading nothing from stdin, with the file-system monitor hook switched off
/// (a repository's configuration must not make `ropa record` run its programs).
fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(dir)
        .args(["-c", "core.fsmonitor=false"])
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// The lines of `git blame --porcelain`: each line's header names its commit; the first header
/// of a commit is followed by its details (`committer-time`, `committer-tz`, …).
fn parse_porcelain(out: &str) -> Vec<Line> {
    let mut commits: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    // The commit of each final line (1-based in the output), in order.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut current: Option<&str> = None;
    for line in out.lines() {
        if line.starts_with('\t') {
            continue;
        }
        let mut words = line.split(' ');
        let first = words.next().unwrap_or("");
        if first.len() == 40 && first.bytes().all(|b| b.is_ascii_hexdigit()) {
            let final_line = words.nth(1).and_then(|n| n.parse().ok()).unwrap_or(0);
            lines.push((final_line, first));
            current = Some(first);
            continue;
        }
        let Some(commit) = current else { continue };
        let rest = words.next().unwrap_or("");
        match first {
            "committer-time" => commits.entry(commit).or_default().0 = rest.parse().unwrap_or(0),
            "committer-tz" => commits.entry(commit).or_default().1 = tz_offset(rest),
            _ => {}
        }
    }
    lines.sort_by_key(|(n, _)| *n);
    lines
        .into_iter()
        .map(|(_, commit)| match commits.get(commit) {
            _ if commit == NOT_COMMITTED => Line::Uncommitted,
            Some(&(time, offset_secs)) => Line::Committed { time, offset_secs },
            None => Line::Uncommitted,
        })
        .collect()
}

/// `+0130` → 5400 seconds; anything else → 0.
fn tz_offset(tz: &str) -> i64 {
    let (sign, digits) = match tz.split_at_checked(1) {
        Some(("+", d)) => (1, d),
        Some(("-", d)) => (-1, d),
        _ => return 0,
    };
    let (Some(h), Some(m)) = (digits.get(..2), digits.get(2..4)) else {
        return 0;
    };
    match (h.parse::<i64>(), m.parse::<i64>()) {
        (Ok(h), Ok(m)) => sign * (h * 3600 + m * 60),
        _ => 0,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_lines_take_their_commits_details() {
        let a = "a".repeat(40);
        let out = format!(
            "{a} 1 1 2\nauthor X\ncommitter-time 1767225600\ncommitter-tz +0100\nfilename f\n\tline 1\n\
             {a} 2 2\n\tline 2\n\
             {NOT_COMMITTED} 3 3 1\nauthor Not Committed Yet\ncommitter-time 1\ncommitter-tz +0000\nfilename f\n\tline 3\n"
        );
        let lines = parse_porcelain(&out);
        let committed = Line::Committed {
            time: 1_767_225_600,
            offset_secs: 3600,
        };
        assert_eq!(lines, vec![committed, committed, Line::Uncommitted]);
        let changed = newest(&lines).unwrap();
        assert_eq!(changed.date.as_deref(), Some("2026-01-01"));
        assert!(changed.uncommitted);
        assert!(!newest(&lines[..2]).unwrap().uncommitted);
    }

    #[test]
    fn dates_are_in_the_committers_time_zone() {
        // 2025-12-31 23:30 UTC is already 2026-01-01 in Berlin, still 2025 in New York.
        let t = 1_767_223_800;
        assert_eq!(local_date(t, 3600).unwrap().to_string(), "2026-01-01");
        assert_eq!(local_date(t, -5 * 3600).unwrap().to_string(), "2025-12-31");
        assert_eq!(tz_offset("+0530"), 19_800);
        assert_eq!(tz_offset("-0100"), -3600);
        assert_eq!(tz_offset("junk"), 0);
    }
}
