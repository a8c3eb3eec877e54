//! `textDocument/formatting` and `rangeFormatting`: the same formatter as `ropa fmt`, answered
//! with minimal edits. A file with syntax errors is not formatted (the reason is the error).

use ropa_syntax::TextRange;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::world::World;

pub fn format(w: &mut World, path: &str, range: Option<Range>) -> Result<Option<Vec<TextEdit>>> {
    let Some(id) = w.file_id(path) else {
        return Ok(None);
    };
    let file = w.ws.file(id);
    let edits = match range {
        None => ropa_fmt::format(&file.text).map(|new| ropa_fmt::minimal_edits(&file.text, &new)),
        Some(r) => {
            let r = convert::text_range(file, r, w.unit);
            ropa_fmt::format_range(&file.text, r.start()..r.end())
        }
    };
    let edits = edits.map_err(|e| {
        let mut err = Error::invalid_request();
        err.message = e.to_string().into();
        err
    })?;
    Ok(Some(
        edits
            .into_iter()
            .map(|e| TextEdit {
                range: convert::range(file, TextRange::new(e.range.start, e.range.end), w.unit),
                new_text: e.text,
            })
            .collect(),
    ))
}
