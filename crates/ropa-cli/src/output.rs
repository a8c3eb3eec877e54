//! The output formats of `ropa check` (CLI.md): human, json, sarif, github.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{BufferWriter, ColorChoice, WriteColor};
use codespan_reporting::term::{self, Config};
use rayon::prelude::*;
use ropa_analysis::{Diagnostic, FileId, Severity};
use ropa_lint::report::{self, JsonRange, Summary};
use serde_json::{Value, json};

use crate::Fatal;
use crate::check::Checked;

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn summary_line(s: Summary) -> String {
    format!(
        "{}, {}, {} in {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        plural(s.files, "file", "files")
    )
}

/// One finding to report, with where it is shown.
pub struct Finding<'a> {
    /// Which of the checked workspaces it comes from.
    pub checked: usize,
    pub diagnostic: &'a Diagnostic,
    /// The file as shown: relative to the current directory, with `/`.
    pub file: String,
    pub range: JsonRange,
}

/// Everything `ropa check` reports, over all the paths it was given.
pub struct Findings<'a> {
    /// Sorted by file, position, rule and message; a finding that two of the paths share
    /// (`ropa check . a.ropa`) appears once.
    pub items: Vec<Finding<'a>>,
    /// Findings a baseline accepts (reported only in SARIF, as `unchanged`).
    pub baselined: Vec<Finding<'a>>,
    pub summary: Summary,
    /// Each checked workspace's files as shown, by file id: worked out once, not per finding.
    shown: Vec<Vec<String>>,
}

impl<'a> Findings<'a> {
    pub fn collect(checked: &'a [Checked]) -> Findings<'a> {
        let mut items = Vec::new();
        let mut files = BTreeSet::new();
        let shown: Vec<Vec<String>> = (checked.iter())
            .map(|c| {
                (c.loaded.ws.files.iter())
                    .map(|f| c.loaded.display(&f.path))
                    .collect()
            })
            .collect();
        for (i, c) in checked.iter().enumerate() {
            match &c.loaded.only {
                Some(only) => files.extend(only.iter().map(|p| c.loaded.display(p))),
                None => files.extend(shown[i].iter().cloned()),
            }
            items.par_extend(
                c.diagnostics
                    .par_iter()
                    .map(|d| finding(c, i, d, &shown[i])),
            );
        }
        // Stable, like the order it replaces; equal findings from two paths appear once.
        items.par_sort_by(order);
        items.dedup_by(|a, b| order(a, b) == Ordering::Equal);
        let summary =
            Summary::of_severities(items.iter().map(|f| f.diagnostic.severity), files.len());
        let mut baselined = Vec::new();
        for (i, c) in checked.iter().enumerate() {
            for d in c.baseline.iter().flat_map(|b| &b.unchanged) {
                baselined.push(finding(c, i, d, &shown[i]));
            }
        }
        baselined.sort_by(order);
        Findings {
            items,
            baselined,
            summary,
            shown,
        }
    }

    /// A file of the `checked`-th workspace as shown.
    pub fn shown(&self, checked: usize, file: FileId) -> &str {
        &self.shown[checked][file.index()]
    }
}

fn finding<'a>(c: &'a Checked, index: usize, d: &'a Diagnostic, shown: &[String]) -> Finding<'a> {
    Finding {
        checked: index,
        diagnostic: d,
        file: shown[d.location.file.index()].clone(),
        range: report::range(&c.loaded.ws, d.location),
    }
}

/// Findings by file as shown, position, rule and message.
fn order(a: &Finding, b: &Finding) -> Ordering {
    let key = |f: &Finding| {
        let r = f.range;
        (r.start.line, r.start.column, r.end.line, r.end.column)
    };
    (a.file.cmp(&b.file))
        .then_with(|| key(a).cmp(&key(b)))
        .then_with(|| a.diagnostic.rule.cmp(b.diagnostic.rule))
        .then_with(|| a.diagnostic.message.cmp(&b.diagnostic.message))
}

pub fn human(checked: &[Checked], findings: &Findings, quiet: bool) -> Result<(), Fatal> {
    let color = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || !std::io::stdout().is_terminal()
    {
        ColorChoice::Never
    } else {
        ColorChoice::Auto
    };
    // Render into a buffer, then write it: a closed pipe is then an ordinary IO error.
    let writer = BufferWriter::stdout(color);
    let mut buffer = writer.buffer();
    human_to(&mut buffer, checked, findings, quiet)?;
    match writer.print(&buffer) {
        // What goes into a closed pipe goes nowhere; the exit code still tells (`stdout.rs`).
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => Ok(result?),
    }
}

pub fn human_to(
    out: &mut dyn WriteColor,
    checked: &[Checked],
    findings: &Findings,
    quiet: bool,
) -> Result<(), Fatal> {
    let config = Config::default();
    // One file database per workspace; a file's id there is its index in the workspace. Texts
    // and names are shown with control characters escaped (`escape.rs`); `shifts` maps each
    // file's offsets into its shown text.
    let mut shifts: Vec<Vec<Vec<(usize, usize)>>> = Vec::with_capacity(checked.len());
    let databases: Vec<SimpleFiles<String, std::borrow::Cow<str>>> = checked
        .iter()
        .map(|c| {
            let mut files = SimpleFiles::new();
            let mut maps = Vec::with_capacity(c.loaded.ws.files.len());
            for f in &c.loaded.ws.files {
                let (text, map) = crate::escape::escaped_text(&f.text);
                let name = crate::escape::text(&c.loaded.display(&f.path)).into_owned();
                files.add(name, text);
                maps.push(map);
            }
            shifts.push(maps);
            files
        })
        .collect();
    for f in &findings.items {
        let d = f.diagnostic;
        let rule = ropa_lint::rule(d.rule);
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Info => CsSeverity::Note,
        };
        let span = |l: &ropa_analysis::Location| {
            let map = &shifts[f.checked][l.file.index()];
            crate::escape::shifted(map, l.range.start())..crate::escape::shifted(map, l.range.end())
        };
        let mut labels = vec![Label::primary(d.location.file.index(), span(&d.location))];
        for r in &d.related {
            labels.push(
                Label::secondary(r.location.file.index(), span(&r.location))
                    .with_message(crate::escape::text(&r.message)),
            );
        }
        let mut notes = Vec::new();
        if let Some(reference) = rule.map(|r| r.reference).filter(|r| !r.is_empty()) {
            notes.push(format!("reference: {reference}"));
        }
        match d.fixes.first() {
            Some(fix) => notes.push(format!("help: {} (quick fix in the editor)", fix.title)),
            None => notes.push(format!(
                "help: `ropa explain {}` says why and how to fix it",
                d.rule
            )),
        }
        let report = Report::new(severity)
            .with_code(d.rule)
            .with_message(crate::escape::text(&d.message))
            .with_labels(labels)
            .with_notes(
                notes
                    .iter()
                    .map(|n| crate::escape::text(n).into_owned())
                    .collect(),
            );
        term::emit_to_write_style(out, &config, &databases[f.checked], &report)
            .map_err(|e| Fatal(format!("cannot write the report: {e}")))?;
    }
    for b in checked.iter().filter_map(|c| c.baseline.as_ref()) {
        if !b.fixed.is_empty() {
            let n: usize = b.fixed.iter().map(|e| e.count).sum();
            let (entries, verb) = if n == 1 {
                ("1 entry".to_string(), "occurs")
            } else {
                (format!("{n} entries"), "occur")
            };
            writeln!(
                out,
                "{entries} of {} no longer {verb} (fixed — remove from the baseline):",
                b.file
            )?;
            for e in &b.fixed {
                let (file, path) = (crate::escape::text(&e.file), crate::escape::text(&e.path));
                writeln!(out, "  {}  {file}  {path}", e.rule)?;
            }
        }
    }
    if !quiet {
        let s = findings.summary;
        let baselined = findings.baselined.len();
        if baselined > 0 {
            writeln!(
                out,
                "{} accepted by the baseline (not shown).",
                plural(baselined, "finding", "findings")
            )?;
        }
        if s.errors + s.warnings + s.infos == 0 {
            writeln!(
                out,
                "No findings: {} checked.",
                plural(s.files, "file", "files")
            )?;
        } else {
            writeln!(out, "{}", summary_line(s))?;
        }
    }
    Ok(())
}

pub fn json(out: &mut dyn Write, checked: &[Checked], findings: &Findings) -> Result<(), Fatal> {
    let diagnostic = |f: &Finding| {
        let c = &checked[f.checked];
        let shown = |id| findings.shown(f.checked, id).to_string();
        report::build(&c.loaded.ws, std::slice::from_ref(f.diagnostic), &shown).diagnostics
    };
    let baselines: Vec<&crate::check::BaselineOutcome> =
        checked.iter().filter_map(|c| c.baseline.as_ref()).collect();
    if baselines.is_empty() {
        write_report(out, &findings.items, diagnostic, findings.summary)?;
    } else {
        let report = report::Report {
            version: 1,
            diagnostics: findings.items.iter().flat_map(diagnostic).collect(),
            summary: findings.summary,
        };
        let mut value = serde_json::to_value(&report)?;
        let fixed: Vec<&ropa_lint::baseline::Entry> =
            baselines.iter().flat_map(|b| &b.fixed).collect();
        value["baseline"] = json!({ "unchanged": findings.baselined.len(), "fixed": fixed });
        serde_json::to_writer_pretty(&mut *out, &value)?;
    }
    writeln!(out)?;
    Ok(())
}

/// Writes the report of `items` (each made into its JSON findings by `diagnostic`) as
/// `serde_json::to_writer_pretty` would write a [`report::Report`]: the findings are built and
/// serialised in parallel — a large workspace has thousands, and output would otherwise be the one
/// step of a check on one core — a chunk at a time, so that memory stays bounded.
fn write_report<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    diagnostic: impl Fn(&T) -> Vec<report::JsonDiagnostic> + Sync,
    summary: Summary,
) -> Result<(), Fatal> {
    write_report_in_chunks(out, items, diagnostic, summary, 1024)
}

fn write_report_in_chunks<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    diagnostic: impl Fn(&T) -> Vec<report::JsonDiagnostic> + Sync,
    summary: Summary,
    chunk_size: usize,
) -> Result<(), Fatal> {
    /// `value` as pretty JSON that starts `depth` levels deep.
    fn nest_into(
        out: &mut Vec<u8>,
        value: &impl serde::Serialize,
        depth: usize,
    ) -> serde_json::Result<()> {
        let formatter = NestedPretty {
            depth,
            has_value: false,
        };
        value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
    }
    out.write_all(b"{\n  \"diagnostics\": [")?;
    let mut first = true;
    for chunk in items.chunks(chunk_size.max(1)) {
        let serialised = (chunk.par_iter())
            .map(|item| {
                // A finding is about a kilobyte of JSON: room for it at once, not grown to it.
                let mut bytes = Vec::with_capacity(2048);
                for d in diagnostic(item) {
                    bytes.extend_from_slice(if bytes.is_empty() { b"" } else { b",\n    " });
                    nest_into(&mut bytes, &d, 2)?;
                }
                Ok(bytes)
            })
            .collect::<serde_json::Result<Vec<Vec<u8>>>>()?;
        for bytes in serialised.iter().filter(|b| !b.is_empty()) {
            out.write_all(if first { b"\n    " } else { b",\n    " })?;
            out.write_all(bytes)?;
            first = false;
        }
    }
    if !first {
        out.write_all(b"\n  ")?;
    }
    out.write_all(b"],\n  \"summary\": ")?;
    let mut bytes = Vec::new();
    nest_into(&mut bytes, &summary, 1)?;
    out.write_all(&bytes)?;
    out.write_all(b",\n  \"version\": 1\n}")?;
    Ok(())
}

/// `serde_json`'s pretty layout (two spaces a level) for a value that starts `depth` levels deep:
/// it is written nested where it goes, without a second pass over its lines.
struct NestedPretty {
    depth: usize,
    has_value: bool,
}

impl NestedPretty {
    fn line(&self, out: &mut (impl Write + ?Sized), first: bool) -> std::io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    fn indent(&self, out: &mut (impl Write + ?Sized)) -> std::io::Result<()> {
        for _ in 0..self.depth {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open(&mut self, out: &mut (impl Write + ?Sized), bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close(&mut self, out: &mut (impl Write + ?Sized), bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for NestedPretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// GitHub Actions workflow commands: `::error file=…,line=…::message`.
pub fn github(out: &mut dyn Write, findings: &Findings) -> Result<(), Fatal> {
    fn data(s: &str) -> String {
        crate::escape::text(s)
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    for f in &findings.items {
        let d = f.diagnostic;
        let r = f.range;
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&f.file),
            r.start.line,
            r.start.column,
            r.end.line,
            r.end.column,
            property(d.rule),
            data(&d.message)
        )?;
    }
    Ok(())
}

/// A relative path as a URI reference (RFC 3986): `/` kept, everything outside the unreserved
/// characters percent-encoded (spaces, `%`, `#`, `?`, non-ASCII).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// SARIF 2.1.0, one run.
pub fn sarif(out: &mut dyn Write, checked: &[Checked], findings: &Findings) -> Result<(), Fatal> {
    let rules: Vec<Value> = ropa_lint::RULES
        .iter()
        .map(|r| {
            let level = match r.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            let mut help = r.doc();
            if !r.reference.is_empty() {
                help = format!("{help}\nReference: {}", r.reference);
            }
            json!({
                "id": r.name,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": help, "markdown": r.doc() },
                "helpUri": ropa_lint::doc_url(r.name),
                "defaultConfiguration": { "level": level, "enabled": r.enabled_by_default },
                "properties": { "category": r.category.as_str(), "reference": r.reference },
            })
        })
        .collect();
    let mut results = Vec::new();
    let with_baseline = checked.iter().any(|c| c.baseline.is_some());
    let states = findings
        .items
        .iter()
        .map(|f| (f, "new"))
        .chain(findings.baselined.iter().map(|f| (f, "unchanged")));
    for (f, state) in states {
        let c = &checked[f.checked];
        let d = f.diagnostic;
        let loc = |l: ropa_analysis::Location| {
            let r = report::range(&c.loaded.ws, l);
            json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(findings.shown(f.checked, l.file)) },
                    "region": {
                        "startLine": r.start.line,
                        "startColumn": r.start.column,
                        "endLine": r.end.line,
                        "endColumn": r.end.column,
                    }
                }
            })
        };
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        let mut result = json!({
            "ruleId": d.rule,
            "level": level,
            "message": { "text": d.message },
            "locations": [loc(d.location)],
        });
        if let Some(index) = ropa_lint::RULES.iter().position(|r| r.name == d.rule) {
            result["ruleIndex"] = json!(index);
        }
        if with_baseline {
            result["baselineState"] = json!(state);
        }
        if !d.related.is_empty() {
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut v = loc(r.location);
                    v["id"] = json!(i);
                    v["message"] = json!({ "text": r.message });
                    v
                })
                .collect();
            result["relatedLocations"] = json!(related);
        }
        results.push(result);
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "ropa",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/ropa-dev/ropa",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parallel writer gives exactly what `serde_json::to_writer_pretty` gives: for no
    /// findings, one, and many with fixes, related locations and strings that need escaping.
    #[test]
    fn the_report_is_written_as_serde_json_would_write_it() {
        let text = "activity a {\n  title \"Zeile\\nzwei „x“ 👋 \\\"q\\\"\"\n  purpose 1\n  legal_basis consnt\n  ai { profiling true }\n}\n";
        let ws = ropa_analysis::Workspace::from_files(vec![("a.ropa".into(), text.into())]);
        let today = ropa_syntax::Date {
            year: 2026,
            month: 11,
            day: 22,
        };
        let diagnostics = ropa_lint::check(&ws, &ropa_lint::Config::default(), today);
        assert!(diagnostics.len() >= 3 && diagnostics.iter().any(|d| !d.fixes.is_empty()));
        for n in [0, 1, diagnostics.len()] {
            let report = report::build(&ws, &diagnostics[..n], &|id| ws.file(id).path.clone());
            let theirs = serde_json::to_string_pretty(&report).expect("serialises");
            let one = |d: &Diagnostic| {
                report::build(&ws, std::slice::from_ref(d), &|id| ws.file(id).path.clone())
                    .diagnostics
            };
            for chunk in [1, 2, 1024] {
                let mut ours = Vec::new();
                write_report_in_chunks(&mut ours, &diagnostics[..n], one, report.summary, chunk)
                    .expect("writes to a Vec");
                assert_eq!(String::from_utf8_lossy(&ours), theirs, "chunks of {chunk}");
            }
        }
    }
}
