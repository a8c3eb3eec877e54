//! The output formats of `ropa check` (CLI.md): human, json, sarif, github.

use std::io::{IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{BufferWriter, ColorChoice, WriteColor};
use codespan_reporting::term::{self, Config};
use ropa_analysis::Severity;
use ropa_lint::report::{self, Summary};
use serde_json::{Value, json};

use crate::Fatal;
use crate::check::Checked;

fn plural(n: usize, one: &str, many: &str) -> String {
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

fn total(checked: &[Checked]) -> Summary {
    let mut s = Summary::default();
    for c in checked {
        let one = Summary::of(
            &c.diagnostics,
            c.loaded
                .only
                .as_ref()
                .map_or(c.loaded.ws.files.len(), Vec::len),
        );
        s.errors += one.errors;
        s.warnings += one.warnings;
        s.infos += one.infos;
        s.files += one.files;
    }
    s
}

pub fn human(_: &mut dyn Write, checked: &[Checked], quiet: bool) -> Result<(), Fatal> {
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
    human_to(&mut buffer, checked, quiet)?;
    writer.print(&buffer)?;
    Ok(())
}

pub fn human_to(out: &mut dyn WriteColor, checked: &[Checked], quiet: bool) -> Result<(), Fatal> {
    let config = Config::default();
    for c in checked {
        let ws = &c.loaded.ws;
        let mut files = SimpleFiles::new();
        let ids: Vec<usize> = ws
            .files
            .iter()
            .map(|f| files.add(c.loaded.display(&f.path), f.text.as_str()))
            .collect();
        for d in &c.diagnostics {
            let rule = ropa_lint::rule(d.rule);
            let severity = match d.severity {
                Severity::Error => CsSeverity::Error,
                Severity::Warning => CsSeverity::Warning,
                Severity::Info => CsSeverity::Note,
            };
            let mut labels = vec![Label::primary(
                ids[d.location.file.index()],
                d.location.range.start..d.location.range.end,
            )];
            for r in &d.related {
                labels.push(
                    Label::secondary(
                        ids[r.location.file.index()],
                        r.location.range.start..r.location.range.end,
                    )
                    .with_message(&r.message),
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
                .with_message(&d.message)
                .with_labels(labels)
                .with_notes(notes);
            term::emit_to_write_style(out, &config, &files, &report)
                .map_err(|e| Fatal(format!("cannot write the report: {e}")))?;
        }
    }
    if !quiet {
        let s = total(checked);
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

pub fn json(out: &mut dyn Write, checked: &[Checked]) -> Result<(), Fatal> {
    let mut diagnostics = Vec::new();
    for c in checked {
        let r = report::build(&c.loaded.ws, &c.diagnostics, &|p| c.loaded.display(p));
        diagnostics.extend(r.diagnostics);
    }
    let summary = total(checked);
    let report = report::Report {
        version: 1,
        diagnostics,
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)?;
    Ok(())
}

/// GitHub Actions workflow commands: `::error file=…,line=…::message`.
pub fn github(out: &mut dyn Write, checked: &[Checked]) -> Result<(), Fatal> {
    fn data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    for c in checked {
        for d in &c.diagnostics {
            let r = report::range(&c.loaded.ws, d.location);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let file = c.loaded.display(&c.loaded.ws.file(d.location.file).path);
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&file),
                r.start.line,
                r.start.column,
                r.end.line,
                r.end.column,
                property(d.rule),
                data(&d.message)
            )?;
        }
    }
    Ok(())
}

/// SARIF 2.1.0, one run.
pub fn sarif(out: &mut dyn Write, checked: &[Checked]) -> Result<(), Fatal> {
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
                "defaultConfiguration": { "level": level },
                "properties": { "category": r.category.as_str(), "reference": r.reference },
            })
        })
        .collect();
    let mut results = Vec::new();
    for c in checked {
        for d in &c.diagnostics {
            let loc = |l: ropa_analysis::Location| {
                let r = report::range(&c.loaded.ws, l);
                json!({
                    "physicalLocation": {
                        "artifactLocation": { "uri": c.loaded.display(&c.loaded.ws.file(l.file).path) },
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
            let rule_index = ropa_lint::RULES
                .iter()
                .position(|r| r.name == d.rule)
                .unwrap_or(0);
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": rule_index,
                "level": level,
                "message": { "text": d.message },
                "locations": [loc(d.location)],
            });
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
