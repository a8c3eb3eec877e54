//! `ropa lsp`: the language server on stdio (owned by the language-server work).

use std::process::ExitCode;

use crate::Fatal;

pub fn run() -> Result<ExitCode, Fatal> {
    Err(Fatal("`ropa lsp` is not available in this build yet".into()))
}
