//! ropa in the browser: the playground page (`playground/web`, built by `playground/build.sh`)
//! sends one request as JSON and gets one answer as JSON. The same calls as `ropa check`,
//! `ropa fmt` and `ropa policy`, on a workspace of one file held in memory; no IO, no clock
//! (the page passes the date).
//!
//! Requests: `{"op":"check","text":…,"today":"YYYY-MM-DD","languages":["de"],"lang":"de"}`
//! answers the findings and the policy preview (HTML fragment); `{"op":"format","text":…}`
//! answers the formatted text or the reason it cannot be formatted.

mod ffi;

use ropa_analysis::{Diagnostic, Workspace};
use ropa_lint::Config;
use ropa_policy::{Mode, PolicyFormat, PolicyRequest};
use ropa_syntax::Date;
use serde::{Deserialize, Serialize};

/// The name the single file has in messages and in the report.
pub const FILE_NAME: &str = "record.ropa";

#[derive(Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
enum Request {
    Check {
        text: String,
        today: String,
        #[serde(default = "default_languages")]
        languages: Vec<String>,
        #[serde(default)]
        lang: Option<String>,
    },
    Format {
        text: String,
    },
}

fn default_languages() -> Vec<String> {
    vec!["de".to_string()]
}

/// One finding, with its place both as the CLI shows it (1-based line and character column)
/// and as the page selects it (UTF-16 offsets into the text, what JavaScript strings count).
#[derive(Serialize)]
struct Finding {
    rule: &'static str,
    severity: &'static str,
    message: String,
    reference: Option<&'static str>,
    line: u32,
    column: u32,
    from: usize,
    to: usize,
    fixes: Vec<String>,
}

#[derive(Serialize)]
struct Checked {
    findings: Vec<Finding>,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// The policy as an HTML fragment (`<article>`), sections affected by errors marked.
    policy: Result<String, String>,
}

#[derive(Serialize)]
struct Formatted {
    formatted: Result<String, String>,
}

/// Answers one request (see the crate's documentation); a malformed request is answered with
/// `{"error": …}`, never a panic.
pub fn handle(request: &str) -> String {
    let answer = match serde_json::from_str::<Request>(request) {
        Ok(Request::Check {
            text,
            today,
            languages,
            lang,
        }) => check(text, &today, languages, lang).map(|c| serde_json::to_string(&c)),
        Ok(Request::Format { text }) => Ok(serde_json::to_string(&Formatted {
            formatted: ropa_fmt::format(&text).map_err(|e| e.to_string()),
        })),
        Err(e) => Err(format!("bad request: {e}")),
    };
    match answer {
        Ok(Ok(json)) => json,
        Ok(Err(e)) => error_json(&e.to_string()),
        Err(message) => error_json(&message),
    }
}

fn error_json(message: &str) -> String {
    serde_json::json!({ "error": message }).to_string()
}

fn check(
    text: String,
    today: &str,
    languages: Vec<String>,
    lang: Option<String>,
) -> Result<Checked, String> {
    let today = Date::parse(today)?;
    let languages: Vec<String> = languages
        .into_iter()
        .filter(|l| l == "de" || l == "en")
        .collect();
    let mut config = Config::default();
    if !languages.is_empty() {
        config.languages = languages;
    }
    let lang = lang
        .filter(|l| l == "de" || l == "en")
        .unwrap_or_else(|| ropa_policy::default_language(&config.languages).to_string());
    let ws = Workspace::from_files(vec![(FILE_NAME.to_string(), text.into_bytes())]);
    let diagnostics = ropa_lint::check(&ws, &config, today);
    let policy = PolicyRequest::new(&ws, &lang, today)
        .languages(&config.languages)
        .order(&config.policy_order)
        .mode(Mode::Draft(&diagnostics))
        .format(PolicyFormat::Html { standalone: false })
        .generate()
        .map_err(|e| e.to_string());
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    Ok(Checked {
        errors: count(ropa_analysis::Severity::Error),
        warnings: count(ropa_analysis::Severity::Warning),
        infos: count(ropa_analysis::Severity::Info),
        findings: diagnostics.iter().map(|d| finding(&ws, d)).collect(),
        policy,
    })
}

fn finding(ws: &Workspace, d: &Diagnostic) -> Finding {
    let file = ws.file(d.location.file);
    let text = &file.text;
    let range = ropa_lint::report::range(ws, d.location);
    let utf16 = |byte: usize| {
        let byte = byte.min(text.len());
        // Offsets come from the parser and lie on character boundaries.
        text.get(..byte).map_or(0, |s| s.encode_utf16().count())
    };
    let rule = ropa_lint::rule(d.rule);
    Finding {
        rule: d.rule,
        severity: d.severity.as_str(),
        message: d.message.clone(),
        reference: rule.map(|r| r.reference).filter(|r| !r.is_empty()),
        line: range.start.line,
        column: range.start.column,
        from: utf16(d.location.range.start()),
        to: utf16(d.location.range.end()),
        fixes: d.fixes.iter().map(|f| f.title.clone()).collect(),
    }
}
