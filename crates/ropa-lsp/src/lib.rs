//! The ropa language server: `ropa lsp` on stdio.
//!
//! Architecture invariant: this is the only crate that knows LSP types, URIs or JSON-RPC.
//! Handlers convert positions to byte offsets (`convert`), ask the analysis, and convert back.

mod convert;
mod document;
mod features;
mod ide;
mod server;
mod transport;
mod world;

pub use document::{Change, Document};
pub use server::Server;
pub use transport::serve;

/// Runs the server on stdin/stdout until the client exits or closes the pipe.
pub async fn run_stdio(today: ropa_syntax::Date) {
    serve(tokio::io::stdin(), tokio::io::stdout(), today).await;
}
