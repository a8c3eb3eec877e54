//! `ropa policy` and `ropa record` (owned by the generator work).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Fatal;

#[derive(Args)]
pub struct PolicyArgs {
    /// The workspace (default: the current directory)
    #[arg(default_value = ".")]
    path: PathBuf,
}

#[derive(Args)]
pub struct RecordArgs {
    /// The workspace (default: the current directory)
    #[arg(default_value = ".")]
    path: PathBuf,
}

pub fn policy(args: PolicyArgs) -> Result<ExitCode, Fatal> {
    let _ = args.path;
    Err(Fatal(
        "`ropa policy` is not available in this build yet".into(),
    ))
}

pub fn record(args: RecordArgs) -> Result<ExitCode, Fatal> {
    let _ = args.path;
    Err(Fatal(
        "`ropa record` is not available in this build yet".into(),
    ))
}
