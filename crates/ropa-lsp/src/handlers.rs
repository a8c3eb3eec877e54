//! One function per request: the client's position becomes a file and a byte offset, `ropa-ide`
//! answers, and the answer becomes the protocol's types (`convert`).

use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::world::World;

pub fn hover(w: &mut World, path: &str, pos: Position) -> Option<Hover> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let offset = convert::offset(file, pos, w.unit);
    let hover = convert::analysis(w).hover(id, offset)?;
    Some(convert::hover(file, hover, w.unit))
}
