//! `ropa`: one binary for checking, formatting, generating and serving the record.
//!
//! Architecture invariant: this crate is a thin shell. It reads files, the clock and the
//! environment, calls the library crates and writes their results; it holds no rule logic.

mod allocator;
mod changed;
mod check;
mod clock;
mod completions;
mod escape;
mod explain;
mod fmt;
mod generate;
mod history;
mod init;
mod load;
mod lsp;
mod output;
mod scan;
mod stdout;
mod write;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// The record of processing activities (GDPR Art. 30) as code.
#[derive(Parser)]
#[command(name = "ropa", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint workspaces or files (default: the current directory)
    Check(check::CheckArgs),
    /// Hold the record against what the code and the website use (manifests, imports, HTML,
    /// Tag Manager exports, HAR files)
    Scan(scan::ScanArgs),
    /// Format files in place (atomic write), or check that they are formatted
    Fmt(fmt::FmtArgs),
    /// Generate the privacy-policy sections for a website
    Policy(generate::PolicyArgs),
    /// Export the Art. 30 record of processing activities
    Record(generate::RecordArgs),
    /// Run the language server on stdio
    Lsp,
    /// Print a rule's documentation
    Explain {
        /// The rule's name, e.g. `missing-avv`
        rule: String,
    },
    /// List all rules with category, default severity and legal reference
    Rules {
        #[arg(long, value_enum, default_value_t = explain::ListFormat::Human)]
        format: explain::ListFormat,
    },
    /// List the built-in categories of personal data and of data subjects, with their labels
    Taxonomy {
        #[arg(long, value_enum, default_value_t = explain::ListFormat::Human)]
        format: explain::ListFormat,
    },
    /// Scaffold a small, clean example workspace
    Init {
        /// Where to create it (default: the current directory)
        dir: Option<std::path::PathBuf>,
    },
    /// Print the shell completion script for SHELL (see docs/install.md)
    Completions {
        /// bash, zsh, fish, elvish or powershell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page ropa(1), or write all pages into a folder
    Man {
        /// Write ropa.1 and one page per subcommand (ropa-check.1, …) into this folder
        #[arg(long, value_name = "DIR")]
        out_dir: Option<std::path::PathBuf>,
    },
}

/// A failure that ends the command with exit code 2 and one line on stderr.
#[derive(Debug)]
pub struct Fatal(pub String);

impl From<std::io::Error> for Fatal {
    fn from(e: std::io::Error) -> Self {
        // (Standard output ignores a closed pipe: `stdout.rs`.)
        Fatal(format!("cannot write the output: {e}"))
    }
}

impl From<serde_json::Error> for Fatal {
    fn from(e: serde_json::Error) -> Self {
        Fatal(format!("cannot write the output: {e}"))
    }
}

/// A usage error as one line (CLI.md: exit 2 with a one-line reason): clap's message and tips,
/// then where to find help, without the usage block.
fn usage_error(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let mut message = String::new();
    let mut command = "ropa".to_string();
    for line in text.lines().map(str::trim) {
        if let Some(usage) = line.strip_prefix("Usage:") {
            // `Usage: ropa check [OPTIONS] [PATHS]...` names the (sub)command.
            let words: Vec<&str> = usage
                .split_whitespace()
                .take_while(|w| !w.starts_with(['[', '<', '-']))
                .collect();
            if !words.is_empty() {
                command = words.join(" ");
            }
            break;
        }
        if line.is_empty() || line.starts_with("For more information") {
            continue;
        }
        if !message.is_empty() {
            message.push_str(if line.starts_with("tip:") { "; " } else { " " });
        }
        message.push_str(line.strip_prefix("error: ").unwrap_or(line));
    }
    format!("{message}; see `{command} --help`")
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` go to stdout; `ropa` alone shows the help.
            if !e.use_stderr()
                || e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            {
                let _ = e.print();
                return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
            }
            eprintln!("ropa: error: {}", usage_error(&e));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Scan(args) => scan::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Policy(args) => generate::policy(args),
        Command::Record(args) => generate::record(args),
        Command::Lsp => lsp::run(),
        Command::Explain { rule } => explain::explain(&rule),
        Command::Rules { format } => explain::rules(format),
        Command::Taxonomy { format } => explain::taxonomy(format),
        Command::Init { dir } => init::run(dir),
        Command::Completions { shell } => completions::completions(Cli::command(), shell),
        Command::Man { out_dir } => completions::man(Cli::command(), out_dir),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("ropa: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Leaves `data` to the end of the process: freeing a large workspace and its output one
/// allocation at a time takes longer than the operating system needs for all of it (0.1 s at
/// 10,000 activities). For what is used just before the process exits.
pub fn keep_until_exit<T>(data: T) {
    std::mem::forget(data);
}
