//! `ropa lsp`: the language server on stdio.

use std::process::ExitCode;

use crate::{Fatal, clock};

pub fn run() -> Result<ExitCode, Fatal> {
    crate::allocator::return_freed_memory_at_once();
    ropa_lsp::after_each_analysis(crate::allocator::collect);
    let today = clock::today(None)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Fatal(format!("cannot start the language server: {e}")))?;
    runtime.block_on(ropa_lsp::run_stdio(today));
    // Do not wait for a blocked stdin reader: the client is gone.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(ExitCode::SUCCESS)
}
