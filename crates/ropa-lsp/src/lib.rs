//! The ropa language server: `ropa lsp` on stdio.
//!
//! Architecture invariant: this is the only crate that knows LSP types, URIs or JSON-RPC.
//! Handlers (`handlers`) convert positions to byte offsets (`convert`), ask the IDE layer
//! (`ropa-ide`), and convert its answers back.

mod convert;
mod document;
mod features;
mod handlers;
mod publish;
mod server;
mod transport;
mod world;

pub use document::{Change, Document};
pub use server::Server;
pub use transport::serve;

/// Runs the server on stdin/stdout until the client exits or closes the pipe.
/// What to call on the worker thread after each analysis (set once, by the binary: its
/// allocator hands back the memory that thread keeps).
static AFTER_ANALYSIS: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what to call on the worker thread after each analysis.
pub fn after_each_analysis(hook: fn()) {
    let _ = AFTER_ANALYSIS.set(hook);
}

pub(crate) fn analysed() {
    if let Some(hook) = AFTER_ANALYSIS.get() {
        hook();
    }
}

pub async fn run_stdio(today: ropa_syntax::Date) {
    serve(tokio::io::stdin(), tokio::io::stdout(), today).await;
}
