//! `workspace/executeCommand`: `ropa.generatePolicy` and `ropa.exportRecord`.

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};

use crate::world::World;

pub const GENERATE_POLICY: &str = "ropa.generatePolicy";
pub const EXPORT_RECORD: &str = "ropa.exportRecord";

pub fn execute(_w: &mut World, command: &str, _args: &[Value]) -> Result<Option<Value>> {
    match command {
        GENERATE_POLICY | EXPORT_RECORD => Err(Error::invalid_request()
            .with_message("the generators are not available in this build yet")),
        other => Err(Error::invalid_params(format!("unknown command `{other}`"))),
    }
}

trait WithMessage {
    fn with_message(self, m: &str) -> Self;
}

impl WithMessage for Error {
    fn with_message(mut self, m: &str) -> Self {
        self.message = m.to_string().into();
        self
    }
}
