//! `ropa explain RULE`, `ropa rules` and `ropa taxonomy`: what ropa knows, listed.

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

/// `ropa taxonomy`: the built-in categories of personal data and of data subjects — the ids a
/// record uses without declaring them — with the labels the generated texts print.
pub fn taxonomy(format: ListFormat) -> Result<ExitCode, Fatal> {
    use ropa_analysis::taxonomy::{BuiltinCategory, CATEGORIES, SUBJECTS};
    let kind = |c: &BuiltinCategory| {
        if c.special {
            Some("special category (Art. 9(1) GDPR)")
        } else if c.criminal {
            Some("criminal convictions and offences (Art. 10 GDPR)")
        } else {
            None
        }
    };
    let mut out = crate::stdout::stdout();
    match format {
        ListFormat::Json => {
            let categories: Vec<_> = CATEGORIES
                .iter()
                .map(|c| {
                    json!({
                        "id": c.id,
                        "de": c.de,
                        "en": c.en,
                        "special": c.special,
                        "criminal": c.criminal,
                    })
                })
                .collect();
            let subjects: Vec<_> = SUBJECTS
                .iter()
                .map(|s| json!({ "id": s.id, "de": s.de, "en": s.en }))
                .collect();
            let all = json!({ "version": 1, "categories": categories, "subjects": subjects });
            writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
        }
        ListFormat::Human => {
            // Format widths count characters, so umlauts line up.
            let rows = |rows: Vec<[&str; 4]>, out: &mut dyn Write| -> std::io::Result<()> {
                let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max();
                let (id, de, en) = (width(0), width(1), width(2));
                for r in &rows {
                    let line = format!(
                        "  {:id$}  {:de$}  {:en$}  {}",
                        r[0],
                        r[1],
                        r[2],
                        r[3],
                        id = id.unwrap_or(0),
                        de = de.unwrap_or(0),
                        en = en.unwrap_or(0),
                    );
                    writeln!(out, "{}", line.trim_end())?;
                }
                Ok(())
            };
            writeln!(
                out,
                "Categories of personal data, for `data [...]` (declare more with `category ID {{ label … }}`)"
            )?;
            let mut categories = vec![["id", "German", "English", ""]];
            categories.extend(
                CATEGORIES
                    .iter()
                    .map(|c| [c.id, c.de, c.en, kind(c).unwrap_or("")]),
            );
            rows(categories, &mut out)?;
            writeln!(
                out,
                "\nCategories of data subjects, for `subjects [...]` (declare more with `subject ID {{ label … }}`)"
            )?;
            let mut subjects = vec![["id", "German", "English", ""]];
            subjects.extend(SUBJECTS.iter().map(|s| [s.id, s.de, s.en, ""]));
            rows(subjects, &mut out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
