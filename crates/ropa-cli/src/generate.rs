//! `ropa policy` and `ropa record`: load, check, generate, write.
//!
//! Generated text must not state what the record does not support (CHANGES-2026-12 §4): a
//! workspace with findings of severity error is refused (exit 1, each error named on stderr in
//! one line) unless `--draft` asks for a draft, which shows each missing or unsupported
//! statement as a marked box. Template files named by `[policy] templates` are read here and
//! handed to `ropa-policy` as strings.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ropa_load::TemplateError;
use ropa_policy::{
    Mode, PolicyError, PolicyFormat, PolicyRequest, RecordFormat, RecordRequest, Templates,
};
use ropa_syntax::Date;

use crate::load::{
    ConfigChoice, Loaded, Record, display_path, load_keeping_trees_if, records_with_files,
};
use crate::{Fatal, clock};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    De,
    En,
}

impl LangArg {
    fn code(self) -> &'static str {
        match self {
            LangArg::De => "de",
            LangArg::En => "en",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PolicyFormatArg {
    Md,
    Html,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RecordFormatArg {
    Md,
    Csv,
    /// CSV for Excel in a German locale: `;` as delimiter and a UTF-8 byte order mark
    CsvExcel,
    Json,
}

#[derive(Args)]
pub struct PolicyArgs {
    /// The workspace (default: the current directory)
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Language of the policy (default: the first language in ropa.toml)
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Output format
    #[arg(long, value_enum, default_value_t = PolicyFormatArg::Md)]
    format: PolicyFormatArg,
    /// With --format html: a whole page (<html>, <head>, CSS) instead of a fragment
    #[arg(long)]
    standalone: bool,
    /// The "last updated" date (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Write to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Generate a draft even when the record has errors: each missing or unsupported statement
    /// becomes a marked box ("ENTWURF – fehlt: …"); not for publishing
    #[arg(long)]
    draft: bool,
    /// Refuse to generate when the workspace has errors (the default; kept for old scripts)
    #[arg(long, hide = true, conflicts_with = "draft")]
    strict: bool,
    /// The date to check expiry against (default: today, or ROPA_TODAY)
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

#[derive(Args)]
pub struct RecordArgs {
    /// The workspace (default: the current directory)
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Language of the record (default: the first language in ropa.toml)
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Output format
    #[arg(long, value_enum, default_value_t = RecordFormatArg::Md)]
    format: RecordFormatArg,
    /// With --format csv: the field delimiter, one ASCII character (`;` for Excel in German
    /// locales; `tab` for a tab)
    #[arg(long, value_name = "CHAR")]
    delimiter: Option<String>,
    /// With --format csv: start with a UTF-8 byte order mark, so that Excel reads umlauts right
    #[arg(long)]
    bom: bool,
    /// The date the record is as of (printed in the Markdown header; default: none)
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Write to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Generate a draft even when the record has errors: each entry names what is missing in a
    /// marked box ("ENTWURF – fehlt: …")
    #[arg(long)]
    draft: bool,
    /// Refuse to generate when the workspace has errors (the default; kept for old scripts)
    #[arg(long, hide = true, conflicts_with = "draft")]
    strict: bool,
    /// The date to check expiry against (default: today, or ROPA_TODAY)
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// The processor's record (Art. 30(2) GDPR) instead of the controller's: the organisation
    /// as processor, each `client` it processes for, transfers and the general TOMs
    #[arg(long)]
    as_processor: bool,
    /// Leave out when each activity last changed (read from git when the workspace is in a git
    /// repository)
    #[arg(long)]
    no_git: bool,
}

/// The loaded workspace with its findings, or the exit code when the record has errors and no
/// draft is asked for.
struct Prepared {
    loaded: Loaded,
    findings: Vec<ropa_analysis::Diagnostic>,
    lang: &'static str,
    draft: bool,
}

impl Prepared {
    fn mode(&self) -> Mode<'_> {
        if self.draft {
            Mode::Draft(&self.findings)
        } else {
            Mode::Final
        }
    }
}

/// What a command needs of the workspace before anything is generated.
type Requirement = fn(&Loaded) -> Result<(), Fatal>;

fn needs_nothing(_: &Loaded) -> Result<(), Fatal> {
    Ok(())
}

/// `ropa record --as-processor` lists the clients: without any there is nothing to list, which
/// is a usage error rather than an empty record.
fn needs_clients(loaded: &Loaded) -> Result<(), Fatal> {
    match loaded.ws.clients().next() {
        Some(_) => Ok(()),
        None => Err(Fatal(format!(
            "{} declares no `client`: the processor's record (--as-processor, Art. 30(2) GDPR) lists the controllers you process for; declare each as `client ID {{ name \"…\"  address \"…\"  processing \"…\" }}`",
            display_path(&loaded.root)
        ))),
    }
}

fn prepare(
    command: &str,
    path: &Path,
    lang: Option<LangArg>,
    today: Option<&str>,
    draft: bool,
    require: Requirement,
) -> Result<Result<Prepared, ExitCode>, Fatal> {
    let today = clock::today(today)?;
    let record = one_record(command, path)?;
    // The generators and the check before them read only the model.
    let loaded = load_keeping_trees_if(record, |_| false)?;
    require(&loaded)?;
    let findings = ropa_lint::check(&loaded.ws, &loaded.config, today);
    let errors = ropa_policy::error_count(&findings);
    let plural = if errors == 1 { "error" } else { "errors" };
    if errors > 0 {
        let mut err = std::io::stderr().lock();
        if !draft {
            for line in error_lines(&loaded, &findings) {
                let _ = writeln!(err, "{line}");
            }
            let output = match command {
                "policy" => "privacy policy",
                _ => "Art. 30 record",
            };
            let _ = writeln!(
                err,
                "ropa: error: {errors} {plural} in the record: the {output} would state what the record does not support; fix them (ropa check) or generate a draft with --draft"
            );
            return Ok(Err(ExitCode::from(1)));
        }
        let _ = writeln!(
            err,
            "ropa: warning: {errors} {plural} in the record; this draft marks what is missing and must not be published — run ropa check"
        );
    }
    let lang = match lang {
        Some(l) => l.code(),
        None => match ropa_policy::default_language(&loaded.config.languages) {
            "en" => "en",
            _ => "de",
        },
    };
    if !loaded.config.languages.iter().any(|l| l == lang) {
        eprintln!(
            "ropa: warning: `{lang}` is not in [policy] languages of ropa.toml; texts that have no {lang} version appear in {}",
            loaded.config.languages.first().map_or("de", String::as_str)
        );
    }
    Ok(Ok(Prepared {
        loaded,
        findings,
        lang,
        draft,
    }))
}

/// The errors among `findings`, one line each, as `path:line:column: error[rule]: message`
/// (paths as `ropa check` shows them, in its order).
fn error_lines(loaded: &Loaded, findings: &[ropa_analysis::Diagnostic]) -> Vec<String> {
    findings
        .iter()
        .filter(|d| d.severity == ropa_analysis::Severity::Error)
        .map(|d| {
            let file = loaded.display(&loaded.ws.file(d.location.file).path);
            let at = ropa_lint::report::range(&loaded.ws, d.location).start;
            format!(
                "{file}:{}:{}: error[{}]: {}",
                at.line, at.column, d.rule, d.message
            )
        })
        .collect()
}

/// The one record `path` covers: a policy or a record is generated from one workspace, so a
/// folder holding several (nested workspaces) is a usage error that names them.
fn one_record(command: &str, path: &Path) -> Result<Record, Fatal> {
    let choice = ConfigChoice {
        file: None,
        none: false,
    };
    let mut records = records_with_files(path, &choice)?;
    if records.len() > 1 {
        let roots: Vec<String> = (records.iter()).map(|r| display_path(&r.root)).collect();
        return Err(Fatal(format!(
            "{} holds {} records ({}); name one, e.g. `ropa {command} {}`",
            display_path(path),
            records.len(),
            roots.join(", "),
            roots[0]
        )));
    }
    Ok(records.remove(0))
}

/// `[policy] order` names activities of this record: a misspelt id would silently leave its
/// activity in workspace order.
fn check_policy_order(loaded: &Loaded) -> Result<(), Fatal> {
    let ids: Vec<&str> = loaded.ws.activities().map(|(_, a)| a.header.id()).collect();
    for id in &loaded.config.policy_order {
        if !ids.contains(&id.as_str()) {
            let hint = match ropa_analysis::suggest(id, ids.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name the ids of `activity` blocks".to_string(),
            };
            return Err(Fatal(format!(
                "ropa.toml: [policy] order names `{id}`, which is not an activity of this record; {hint}"
            )));
        }
    }
    Ok(())
}

fn parse_date(flag: &str, value: &str) -> Result<Date, Fatal> {
    Date::parse(value).map_err(|e| Fatal(format!("{flag}: {e}")))
}

pub fn policy(args: PolicyArgs) -> Result<ExitCode, Fatal> {
    if args.standalone && args.format != PolicyFormatArg::Html {
        return Err(Fatal("--standalone needs --format html".into()));
    }
    let date = match &args.date {
        Some(d) => parse_date("--date", d)?,
        None => clock::today(args.today.as_deref())?,
    };
    let timings = std::env::var_os("ROPA_TIMINGS").is_some();
    let start = std::time::Instant::now();
    let prepared = match prepare(
        "policy",
        &args.path,
        args.lang,
        args.today.as_deref(),
        args.draft,
        needs_nothing,
    )? {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let prepared_at = start.elapsed();
    let loaded = &prepared.loaded;
    check_policy_order(loaded)?;
    let (templates, dir) = read_templates(loaded)?;
    let format = match args.format {
        PolicyFormatArg::Md => PolicyFormat::Markdown,
        PolicyFormatArg::Html => PolicyFormat::Html {
            standalone: args.standalone,
        },
        PolicyFormatArg::Json => PolicyFormat::Json,
    };
    let pieces = PolicyRequest::new(&loaded.ws, prepared.lang, date)
        .languages(&loaded.config.languages)
        .order(&loaded.config.policy_order)
        .mode(prepared.mode())
        .format(format)
        .templates(&templates)
        .pieces()
        .map_err(|e| policy_error(e, dir.as_deref()))?;
    let generated_at = start.elapsed();
    write_output_in_pieces(args.output.as_deref(), &pieces)?;
    if timings {
        eprintln!(
            "timing: load+check {prepared_at:?}, generate {:?}, write {:?}",
            generated_at - prepared_at,
            start.elapsed() - generated_at
        );
    }
    crate::keep_until_exit((prepared, pieces));
    Ok(ExitCode::SUCCESS)
}

/// The CSV format that `--delimiter` and `--bom` ask for.
fn csv_format(args: &RecordArgs) -> Result<RecordFormat, Fatal> {
    let csv = matches!(
        args.format,
        RecordFormatArg::Csv | RecordFormatArg::CsvExcel
    );
    if !csv && (args.delimiter.is_some() || args.bom) {
        return Err(Fatal(
            "--delimiter and --bom need --format csv or csv-excel".into(),
        ));
    }
    let (default, bom) = match args.format {
        RecordFormatArg::CsvExcel => (b';', true),
        _ => (b',', args.bom),
    };
    let delimiter = match args.delimiter.as_deref() {
        None => default,
        Some("tab" | "\\t" | "\t") => b'\t',
        Some(d) => match d.as_bytes() {
            [b] if b.is_ascii_punctuation() && !matches!(b, b'"' | b'\'') => *b,
            _ => {
                return Err(Fatal(format!(
                    "--delimiter: `{d}` is not one ASCII punctuation character other than a quote (e.g. `;`) or `tab`"
                )));
            }
        },
    };
    Ok(if delimiter == b',' && !bom {
        RecordFormat::Csv
    } else {
        RecordFormat::CsvWith { delimiter, bom }
    })
}

pub fn record(args: RecordArgs) -> Result<ExitCode, Fatal> {
    let csv = csv_format(&args)?;
    let date = args
        .date
        .as_deref()
        .map(|d| parse_date("--date", d))
        .transpose()?;
    let require = if args.as_processor {
        needs_clients
    } else {
        needs_nothing
    };
    let prepared = match prepare(
        "record",
        &args.path,
        args.lang,
        args.today.as_deref(),
        args.draft,
        require,
    )? {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let loaded = &prepared.loaded;
    let format = match args.format {
        RecordFormatArg::Md => RecordFormat::Markdown,
        RecordFormatArg::Csv | RecordFormatArg::CsvExcel => csv,
        RecordFormatArg::Json => RecordFormat::Json,
    };
    let request = RecordRequest::new(&loaded.ws, prepared.lang)
        .languages(&loaded.config.languages)
        .date(date)
        .mode(prepared.mode())
        .format(format);
    let text = if args.as_processor {
        request.generate_processor()
    } else {
        let changes = if args.no_git {
            ropa_policy::Changes::new()
        } else {
            crate::history::changes(loaded)
        };
        request.changes(&changes).generate()
    }
    .map_err(|e| policy_error(e, None))?;
    write_output(args.output.as_deref(), &text)?;
    crate::keep_until_exit((prepared, text));
    Ok(ExitCode::SUCCESS)
}

/// The user's templates (read by [`ropa_load::template_files`], as the language server reads
/// them), with the folder they came from; a file that replaces no built-in template is warned
/// about.
fn read_templates(loaded: &Loaded) -> Result<(Templates, Option<PathBuf>), Fatal> {
    let Some(rel) = &loaded.config.templates else {
        return Ok((Templates::builtin(), None));
    };
    let (dir, files) = ropa_load::template_files(&loaded.root, rel).map_err(|e| match e {
        TemplateError::Outside(e) => Fatal(format!(
            "[policy] templates = \"{rel}\" in {}: {e}",
            display_path(&loaded.root.join("ropa.toml"))
        )),
        TemplateError::Link(dir) => Fatal(format!(
            "the templates folder {} ([policy] templates in ropa.toml) is a symbolic link; \
             ropa reads nothing outside the workspace root through links",
            display_path(&dir)
        )),
        TemplateError::Folder(dir, e) => Fatal(format!(
            "cannot read the templates folder {} ([policy] templates in ropa.toml): {}",
            display_path(&dir),
            crate::write::reason(&e)
        )),
        TemplateError::Template(path, e) => Fatal(format!(
            "cannot read the template {}: {e}",
            display_path(&path)
        )),
    })?;
    let templates = Templates::with_overrides(files);
    for (name, suggestion) in templates.unmatched() {
        let hint = suggestion
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_else(|| "; it can still be imported or included by other templates".into());
        eprintln!(
            "ropa: warning: {} does not replace a built-in template{hint}",
            display_path(&dir.join(&name))
        );
    }
    Ok((templates, Some(dir)))
}

fn policy_error(e: PolicyError, dir: Option<&Path>) -> Fatal {
    match &e {
        PolicyError::Template {
            name: Some(name),
            user: true,
            line,
            message,
        } => {
            let file = dir.map_or_else(|| name.clone(), |d| display_path(&d.join(name)));
            let at = line.map(|l| format!(", line {l}")).unwrap_or_default();
            Fatal(format!("template error in {file}{at}: {message}"))
        }
        _ => Fatal(e.to_string()),
    }
}

/// Writes to stdout, or atomically to `path`: a temporary file in the same folder, renamed
/// over the target once it is complete.
fn write_output(path: Option<&Path>, text: &str) -> Result<(), Fatal> {
    write_output_in_pieces(path, &[text])
}

/// Writes the pieces one after the other to `path` (atomically) or stdout.
fn write_output_in_pieces(path: Option<&Path>, pieces: &[impl AsRef<str>]) -> Result<(), Fatal> {
    let Some(path) = path else {
        let mut out = crate::stdout::stdout();
        for piece in pieces {
            out.write_all(piece.as_ref().as_bytes())?;
        }
        out.flush()?;
        return Ok(());
    };
    let parts: Vec<&[u8]> = pieces.iter().map(|p| p.as_ref().as_bytes()).collect();
    crate::write::atomic_parts(path, &parts)
}
