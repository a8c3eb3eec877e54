//! `ropa check`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ropa_analysis::{Diagnostic, Severity, Workspace};
use ropa_load::{Links, limits};

use crate::load::{ConfigChoice, Loaded, load_with};
use crate::{Fatal, clock, output};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Workspaces (folders) or files to check (`-` checks stdin)
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// With `-`: the path the text on stdin stands for (its workspace and the name in messages)
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with 1 when a finding of this severity or higher is reported
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Use this configuration file instead of the workspace's ropa.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore ropa.toml
    #[arg(long)]
    no_config: bool,
    /// Only print findings (no summary line)
    #[arg(short, long)]
    quiet: bool,
    /// The date to check expiry against (default: today, or ROPA_TODAY)
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// Report only findings that are not in this baseline (default: `[check] baseline`)
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in FILE and exit
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Report only findings on items changed since the git revision REV, and findings whose
    /// cause changed
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
}

/// What a baseline did to one workspace's findings.
pub struct BaselineOutcome {
    /// The baseline file as shown.
    pub file: String,
    /// Findings the baseline accepts (not reported, except in SARIF as `unchanged`).
    pub unchanged: Vec<Diagnostic>,
    /// Baseline entries that no longer occur.
    pub fixed: Vec<ropa_lint::baseline::Entry>,
}

/// One checked workspace and its findings.
pub struct Checked {
    pub loaded: Loaded,
    pub diagnostics: Vec<Diagnostic>,
    pub baseline: Option<BaselineOutcome>,
}

/// The baseline to apply: `--baseline` (relative to the current directory; a link is
/// followed), else `[check] baseline` (inside the workspace root; no link is followed).
fn baseline_file(args: &CheckArgs, loaded: &Loaded) -> Result<Option<(PathBuf, Links)>, Fatal> {
    Ok(match (&args.baseline, &loaded.config.baseline) {
        (Some(file), _) => Some((file.clone(), Links::Follow)),
        (None, Some(file)) => {
            let path = ropa_load::inside_root(&loaded.root, file).map_err(|e| {
                Fatal(format!(
                    "[check] baseline = \"{file}\" in {}: {e}",
                    crate::load::display_path(&loaded.root.join("ropa.toml"))
                ))
            })?;
            Some((path, Links::Refuse))
        }
        (None, None) => None,
    })
}

pub fn run(args: CheckArgs) -> Result<ExitCode, Fatal> {
    let today = clock::today(args.today.as_deref())?;
    let choice = ConfigChoice {
        file: args.config.as_deref(),
        none: args.no_config,
    };
    let mut checked = Vec::new();
    let timings = std::env::var_os("ROPA_TIMINGS").is_some();
    // Each path covers one record or several (a folder holding nested workspaces): each is
    // checked on its own, with its own configuration, into one report.
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut records = Vec::new();
    if stdin {
        if args.paths.len() > 1 {
            return Err(Fatal(
                "`-` (stdin) cannot be combined with other paths".into(),
            ));
        }
        if args.changed_since.is_some() || args.write_baseline.is_some() {
            return Err(Fatal(
                "`-` (stdin) cannot be combined with --changed-since or --write-baseline".into(),
            ));
        }
        records.push(crate::load::stdin_record(
            args.stdin_filename.as_deref(),
            &choice,
        )?);
    } else if args.stdin_filename.is_some() {
        return Err(Fatal(
            "--stdin-filename names the text read from stdin: pass `-` as the path".into(),
        ));
    }
    for path in args.paths.iter().filter(|_| !stdin) {
        records.extend(crate::load::records_with_files(path, &choice)?);
    }
    if args.write_baseline.is_some() && records.len() != 1 {
        let roots: Vec<String> = (records.iter())
            .map(|r| crate::load::display_path(&r.root))
            .collect();
        return Err(Fatal(format!(
            "--write-baseline takes exactly one workspace, but the paths cover {} ({})",
            records.len(),
            roots.join(", ")
        )));
    }
    for record in records {
        let start = std::time::Instant::now();
        // A plain check reads the files a batch at a time, letting go of each batch's
        // activities once checked (`ropa_lint::check_in_batches`): the whole model of a large
        // workspace is never in memory. `--changed-since` and baselines read the items of the
        // whole workspace: it is loaded whole, and only `--changed-since` keeps the trees (the
        // baselines parse again only the files with findings, below).
        let whole = args.changed_since.is_some()
            || args.write_baseline.is_some()
            || args.baseline.is_some();
        let (loaded, found) = load_with(record, |config, files| {
            if whole || config.baseline.is_some() {
                let ws = if args.changed_since.is_some() {
                    Workspace::from_files(files)
                } else {
                    Workspace::from_files_without_trees(files)
                };
                (ws, None)
            } else {
                let (ws, found) = ropa_lint::check_in_batches(files, config, today);
                (ws, Some(found))
            }
        })?;
        let loaded_at = start.elapsed();
        let batched = found.is_some();
        let mut diagnostics =
            found.unwrap_or_else(|| ropa_lint::check(&loaded.ws, &loaded.config, today));
        if timings {
            eprintln!(
                "timing: load+parse+lower+resolve{} {:?}, rules {:?}",
                if batched { "+rules (in batches)" } else { "" },
                loaded_at,
                start.elapsed() - loaded_at
            );
        }
        if let Some(only) = &loaded.only {
            diagnostics.retain(|d| only.contains(&loaded.ws.file(d.location.file).path));
        }
        if let Some(rev) = &args.changed_since {
            diagnostics = crate::changed::since(rev, &loaded, diagnostics, today)?;
        }
        let baseline_file = baseline_file(&args, &loaded)?;
        if args.write_baseline.is_some() || baseline_file.is_some() {
            // Baselines name findings by their place in the syntax: parse the files that have
            // findings, on all cores (each file parses its tree once, on first use).
            parse_files_with_findings(&loaded.ws, &diagnostics);
        }
        if let Some(file) = &args.write_baseline {
            let baseline = ropa_lint::baseline::Baseline::from_findings(&loaded.ws, &diagnostics);
            crate::write::atomic(file, baseline.to_json().as_bytes())?;
            eprintln!(
                "ropa: wrote {} to {}",
                crate::output::plural(diagnostics.len(), "finding", "findings"),
                crate::load::display_path(file)
            );
            return Ok(ExitCode::SUCCESS);
        }
        let mut baseline = None;
        if let Some((file, links)) = baseline_file {
            let shown = crate::load::display_path(&file);
            let text = ropa_load::read_text(&file, limits::BASELINE, links)
                .map_err(|e| Fatal(format!("cannot read the baseline {shown}: {e}")))?;
            let parsed = ropa_lint::baseline::Baseline::parse(&text)
                .map_err(|e| Fatal(format!("{shown}: {e}")))?;
            let applied = parsed.apply(&loaded.ws, diagnostics);
            diagnostics = applied.new;
            baseline = Some(BaselineOutcome {
                file: shown,
                unchanged: applied.unchanged,
                fixed: applied.fixed,
            });
        }
        checked.push(Checked {
            loaded,
            diagnostics,
            baseline,
        });
    }
    let output_start = std::time::Instant::now();
    let findings = output::Findings::collect(&checked);
    // Buffered: stdout flushes at every line break, a system call per line of JSON.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, crate::stdout::stdout());
    match args.format {
        Format::Human => output::human(&checked, &findings, args.quiet)?,
        Format::Json => output::json(&mut out, &checked, &findings)?,
        Format::Sarif => output::sarif(&mut out, &checked, &findings)?,
        Format::Github => output::github(&mut out, &findings)?,
    }
    out.flush()?;
    if timings {
        eprintln!("timing: output {:?}", output_start.elapsed());
    }
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failed = findings
        .items
        .iter()
        .any(|f| f.diagnostic.severity >= threshold);
    crate::keep_until_exit(findings);
    crate::keep_until_exit(checked);
    Ok(ExitCode::from(u8::from(failed)))
}

/// Parses (on all cores) the trees of the files that `diagnostics` point into.
fn parse_files_with_findings(
    ws: &ropa_analysis::Workspace,
    diagnostics: &[ropa_analysis::Diagnostic],
) {
    use rayon::prelude::*;
    let files: std::collections::BTreeSet<ropa_analysis::FileId> =
        diagnostics.iter().map(|d| d.location.file).collect();
    let files: Vec<_> = files.into_iter().collect();
    files.par_iter().for_each(|&id| {
        ws.file(id).tree();
    });
}
