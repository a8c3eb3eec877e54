//! `ropa scan`: the record held against what the code and the website really do (docs/scan.md).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use rayon::prelude::*;
use ropa_analysis::Severity;

use crate::check::{Checked, FailOn, Format};
use crate::load::{ConfigChoice, display_path, load_keeping_trees_if, records};
use crate::{Fatal, clock, output};

#[derive(Args)]
pub struct ScanArgs {
    /// Source folders or files to scan (default: `[scan] paths` of the record's ropa.toml)
    paths: Vec<PathBuf>,
    /// The record's workspace (default: the workspace found from the current folder)
    #[arg(long, value_name = "DIR")]
    record: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with 1 when a finding of this severity or higher is reported
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Also report services the record declares and the scan did not see
    /// (`declared-service-not-found`)
    #[arg(long)]
    all: bool,
    /// Use this configuration file instead of the workspace's ropa.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore ropa.toml
    #[arg(long)]
    no_config: bool,
    /// Only print findings (no summary line)
    #[arg(short, long)]
    quiet: bool,
    /// The date of the check (default: today, or ROPA_TODAY)
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

pub fn run(args: ScanArgs) -> Result<ExitCode, Fatal> {
    let today = clock::today(args.today.as_deref())?;
    let timings = std::env::var_os("ROPA_TIMINGS").is_some();
    let start = std::time::Instant::now();
    let choice = ConfigChoice {
        file: args.config.as_deref(),
        none: args.no_config,
    };
    let record = args.record.clone().unwrap_or_else(|| PathBuf::from("."));
    if !record.is_dir() {
        return Err(Fatal(format!(
            "the record {} is not a folder; name the record's workspace with --record DIR",
            display_path(&record)
        )));
    }
    // The record is one workspace: a folder holding several (nested workspaces) must say which.
    let mut found = records(&record, &choice)?;
    if found.is_empty() {
        return Err(Fatal(format!(
            "no record in {}: run ropa scan in the record's workspace or name it with --record DIR",
            display_path(&record)
        )));
    }
    if found.len() > 1 {
        let roots: Vec<String> = found.iter().map(|r| display_path(&r.root)).collect();
        return Err(Fatal(format!(
            "{} holds {} records ({}); name one with --record, e.g. `--record {}`",
            display_path(&record),
            found.len(),
            roots.join(", "),
            roots[0]
        )));
    }
    let mut loaded = load_keeping_trees_if(found.remove(0), |_| false)?;
    let roots: Vec<PathBuf> = if args.paths.is_empty() {
        if loaded.config.scan_paths.is_empty() {
            return Err(Fatal(
                "name the folders to scan (`ropa scan web/ api/`) or list them as `[scan] paths` in ropa.toml"
                    .to_string(),
            ));
        }
        loaded
            .config
            .scan_paths
            .iter()
            .map(|p| loaded.root.join(p))
            .collect()
    } else {
        args.paths.clone()
    };
    let sources = read_sources(&roots, &loaded.root)?;
    let read_at = start.elapsed();
    let scanned = ropa_lint::scan::scan_into(
        &mut loaded.ws,
        sources,
        &loaded.config.scan.clone(),
        args.all,
    );
    let diagnostics = ropa_lint::scan::check_scan(&loaded.ws, &loaded.config, today, &scanned);
    if timings {
        eprintln!(
            "timing: discover+read {:?}, scan+rules {:?}",
            read_at,
            start.elapsed() - read_at
        );
    }
    // Report on the scanned files and on the record's files the findings point into.
    loaded.only = None;
    let checked = vec![Checked {
        loaded,
        diagnostics,
        baseline: None,
    }];
    let findings = output::Findings::collect(&checked);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, crate::stdout::stdout());
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

/// Every scannable file below the roots, read on all cores, as `(path, text)`: the path
/// relative to the record's root when the file is below it, else absolute (so that the output
/// shows it relative to the current folder either way). Files that are not UTF-8 are named on
/// stderr and skipped.
fn read_sources(roots: &[PathBuf], record_root: &Path) -> Result<Vec<(String, String)>, Fatal> {
    let mut paths = Vec::new();
    for root in roots {
        // The root is made absolute once; the files below it are then absolute too (no link
        // is followed, so none leads elsewhere).
        let root = std::fs::canonicalize(root).map_err(|e| {
            Fatal(format!(
                "cannot read {}: {}",
                display_path(root),
                crate::write::reason(&e)
            ))
        })?;
        let (found, notes) = ropa_load::sources::discover_sources(&root).map_err(Fatal)?;
        for note in notes {
            eprintln!("ropa: note: {note}");
        }
        paths.extend(found);
    }
    paths.sort();
    paths.dedup();
    let read: Vec<Result<Option<(String, String)>, Fatal>> = paths
        .par_iter()
        .map(|p| {
            let bytes = std::fs::read(p).map_err(|e| {
                Fatal(format!(
                    "cannot read {}: {}",
                    display_path(p),
                    crate::write::reason(&e)
                ))
            })?;
            let shown = match p.strip_prefix(record_root) {
                Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
                Err(_) => p.to_string_lossy().replace('\\', "/"),
            };
            match String::from_utf8(bytes) {
                Ok(text) => Ok(Some((shown, text))),
                Err(_) => {
                    eprintln!("ropa: note: skipping {} (not UTF-8)", display_path(p));
                    Ok(None)
                }
            }
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for r in read {
        if let Some(file) = r? {
            out.push(file);
        }
    }
    Ok(out)
}
