//! `ropa explain RULE` and `ropa rules`.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::json;

use crate::Fatal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

pub fn explain(name: &str) -> Result<ExitCode, Fatal> {
    let Some(rule) = ropa_lint::rule(name) else {
        let hint = ropa_analysis::suggest(name, ropa_lint::RULES.iter().map(|r| r.name))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_else(|| "; `ropa rules` lists them".to_string());
        return Err(Fatal(format!("there is no rule `{name}`{hint}")));
    };
    write!(crate::stdout::stdout(), "{}", rule.doc())?;
    Ok(ExitCode::SUCCESS)
}

pub fn rules(format: ListFormat) -> Result<ExitCode, Fatal> {
    match format {
        ListFormat::Json => {
            let rules: Vec<_> = ropa_lint::RULES
                .iter()
                .map(|r| {
                    json!({
                        "name": r.name,
                        "category": r.category.as_str(),
                        "severity": r.severity.as_str(),
                        "enabled_by_default": r.enabled_by_default,
                        "reference": r.reference,
                        "summary": r.summary,
                        "docs": ropa_lint::doc_url(r.name),
                    })
                })
                .collect();
            writeln!(
                crate::stdout::stdout(),
                "{}",
                serde_json::to_string_pretty(&json!({ "version": 1, "rules": rules }))?
            )?;
        }
        ListFormat::Human => {
            let mut out = crate::stdout::stdout();
            let width = ropa_lint::RULES
                .iter()
                .map(|r| r.name.len())
                .max()
                .unwrap_or(0);
            let mut category = None;
            for r in ropa_lint::RULES {
                if category != Some(r.category) {
                    writeln!(
                        out,
                        "{}{}",
                        if category.is_some() { "\n" } else { "" },
                        r.category.as_str()
                    )?;
                    category = Some(r.category);
                }
                let reference = if r.reference.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", r.reference)
                };
                let severity = if r.enabled_by_default {
                    r.severity.as_str()
                } else {
                    "off"
                };
                let how = if r.enabled_by_default {
                    String::new()
                } else {
                    format!(
                        " (off by default; `{} = \"{}\"` in ropa.toml runs it)",
                        r.name,
                        r.severity.as_str()
                    )
                };
                writeln!(
                    out,
                    "  {:width$}  {:7}  {}{}{}",
                    r.name, severity, r.summary, how, reference
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
