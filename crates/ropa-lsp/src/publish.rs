//! Publishing diagnostics.
//!
//! Under [`crate::serve`] each `textDocument/publishDiagnostics` is serialized once, on the
//! thread that computed it, and handed to the output as one frame. Through `tower-lsp-server`'s
//! `Client` the same notification would be turned into a `serde_json::Value`, serialized again
//! on the message loop and copied through an in-memory pipe in 64 KB pieces: for a file with
//! 250 findings that was a third of the time from an edit to its diagnostics
//! (`docs/performance.md`). The bare `tower-lsp-server` stack (a test) has no such output and
//! publishes through the client.

use serde::Serialize;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::PublishDiagnosticsParams;

/// Where diagnostics go.
#[derive(Clone)]
pub(crate) struct Publisher {
    client: Client,
    /// Whole frames for the output, next to the frames `tower-lsp-server` writes.
    frames: Option<UnboundedSender<Vec<u8>>>,
}

/// One notification, as JSON-RPC frames it.
#[derive(Serialize)]
struct Notification<'a> {
    jsonrpc: &'static str,
    method: &'static str,
    params: &'a PublishDiagnosticsParams,
}

impl Publisher {
    pub fn new(client: Client, frames: Option<UnboundedSender<Vec<u8>>>) -> Publisher {
        Publisher { client, frames }
    }

    /// Sends `params` from the calling thread when frames go straight to the output (a worker
    /// thread: serializing a large file takes a while); else keeps it in `left` for
    /// [`Self::send_through_client`].
    pub fn send(&self, params: PublishDiagnosticsParams, left: &mut Vec<PublishDiagnosticsParams>) {
        let Some(frames) = &self.frames else {
            left.push(params);
            return;
        };
        let notification = Notification {
            jsonrpc: "2.0",
            method: "textDocument/publishDiagnostics",
            params: &params,
        };
        // Serializing LSP types to JSON cannot fail (string keys, no non-finite floats); a
        // closed output means the session is over.
        if let Ok(body) = serde_json::to_vec(&notification) {
            let _ = frames.send(crate::transport::frame(&body));
        }
    }

    /// Publishes what [`Self::send`] left.
    pub async fn send_through_client(&self, batch: Vec<PublishDiagnosticsParams>) {
        for p in batch {
            self.client
                .publish_diagnostics(p.uri, p.diagnostics, p.version)
                .await;
        }
    }
}
