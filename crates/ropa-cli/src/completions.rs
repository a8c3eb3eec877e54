//! `ropa completions SHELL` and `ropa man`: shell completion scripts and man pages, generated
//! from the same clap definition as the command line itself, so they cannot fall out of date.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap_complete::Shell;

use crate::Fatal;

/// Prints the completion script for `shell` to stdout.
pub fn completions(mut command: clap::Command, shell: Shell) -> Result<ExitCode, Fatal> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "ropa", &mut script);
    crate::stdout::stdout().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the man page `ropa(1)` to stdout, or with `out_dir` writes it and one page per
/// subcommand (`ropa-check.1`, …) into that folder.
pub fn man(command: clap::Command, out_dir: Option<PathBuf>) -> Result<ExitCode, Fatal> {
    let command = command
        .version(env!("CARGO_PKG_VERSION"))
        .about("the record of processing activities (GDPR Art. 30) as code");
    match out_dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            crate::stdout::stdout().write_all(&page)?;
        }
        Some(dir) => write_pages(&command, &dir).map_err(|e| {
            Fatal(format!(
                "cannot write the man pages into {}: {e}",
                dir.display()
            ))
        })?,
    }
    Ok(ExitCode::SUCCESS)
}

fn write_pages(command: &clap::Command, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(command.clone(), dir)
}
