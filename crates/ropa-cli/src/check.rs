//! `ropa check`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ropa_analysis::{Diagnostic, Severity};

use crate::load::{ConfigChoice, Loaded, load};
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
    /// Workspaces (folders) or files to check
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
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
}

/// One checked workspace and its findings.
pub struct Checked {
    pub loaded: Loaded,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn run(args: CheckArgs) -> Result<ExitCode, Fatal> {
    let today = clock::today(args.today.as_deref())?;
    let choice = ConfigChoice {
        file: args.config.as_deref(),
        none: args.no_config,
    };
    let mut checked = Vec::new();
    let timings = std::env::var_os("ROPA_TIMINGS").is_some();
    for path in &args.paths {
        let start = std::time::Instant::now();
        let loaded = load(path, &choice)?;
        let loaded_at = start.elapsed();
        let mut diagnostics = ropa_lint::check(&loaded.ws, &loaded.config, today);
        if timings {
            eprintln!(
                "timing: load+parse+lower+resolve {:?}, rules {:?}",
                loaded_at,
                start.elapsed() - loaded_at
            );
        }
        if let Some(only) = &loaded.only {
            diagnostics.retain(|d| only.contains(&loaded.ws.file(d.location.file).path));
        }
        checked.push(Checked {
            loaded,
            diagnostics,
        });
    }
    let findings = output::Findings::collect(&checked);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Human => output::human(&checked, &findings, args.quiet)?,
        Format::Json => output::json(&mut out, &checked, &findings)?,
        Format::Sarif => output::sarif(&mut out, &checked, &findings)?,
        Format::Github => output::github(&mut out, &findings)?,
    }
    out.flush()?;
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failed = findings
        .items
        .iter()
        .any(|f| f.diagnostic.severity >= threshold);
    Ok(ExitCode::from(u8::from(failed)))
}
