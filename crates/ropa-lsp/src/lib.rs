//! The ropa language server: `ropa lsp` on stdio.
//!
//! Architecture invariant: this is the only crate that knows LSP types, URIs or JSON-RPC.
//! Handlers convert positions to byte offsets (`convert`), ask the analysis, and convert back.

mod convert;
mod document;
mod features;
mod ide;
mod server;
mod world;

pub use document::{Change, Document};
pub use server::Server;

/// Runs the server on stdin/stdout until the client exits or closes the pipe.
pub async fn run_stdio(today: ropa_syntax::Date) {
    let stdin = tokio::io::stdin();
    let stdout = tokio::io::stdout();
    let (service, socket) = tower_lsp_server::LspService::new(|client| Server::new(client, today));
    tower_lsp_server::Server::new(stdin, stdout, socket)
        .serve(service)
        .await;
}
