//! `ropa fmt` (owned by the formatter work).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::Fatal;

#[derive(Args)]
pub struct FmtArgs {
    /// Files or folders to format (`-` formats stdin to stdout)
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// List unformatted files and exit with 1 instead of writing
    #[arg(long)]
    check: bool,
}

pub fn run(args: FmtArgs) -> Result<ExitCode, Fatal> {
    let _ = (args.paths, args.check);
    Err(Fatal(
        "`ropa fmt` is not available in this build yet".into(),
    ))
}
