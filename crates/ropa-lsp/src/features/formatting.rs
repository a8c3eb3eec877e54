//! Formatting (wired to `ropa-fmt`).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::world::World;

pub fn format(_w: &mut World, _path: &str, _range: Option<Range>) -> Result<Option<Vec<TextEdit>>> {
    Ok(None)
}
