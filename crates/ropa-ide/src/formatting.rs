//! Formatting a file or a range: the same formatter as `ropa fmt`, answered with minimal edits.
//! A file with syntax errors is not formatted (the reason is the error).

use ropa_analysis::FileId;
use ropa_syntax::TextRange;

use crate::Analysis;

/// Replace `range` of the file with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub text: String,
}

impl Analysis<'_> {
    /// The edits that format `file`, or only `range` of it. `Ok(None)` for a file the
    /// workspace does not have; `Err` says why the file cannot be formatted.
    pub fn format(
        &self,
        file: FileId,
        range: Option<TextRange>,
    ) -> Result<Option<Vec<TextEdit>>, String> {
        let Some(file) = self.file(file) else {
            return Ok(None);
        };
        let edits = match range {
            None => {
                ropa_fmt::format(&file.text).map(|new| ropa_fmt::minimal_edits(&file.text, &new))
            }
            Some(r) => ropa_fmt::format_range(&file.text, r.start()..r.end()),
        };
        let edits = edits.map_err(|e| e.to_string())?;
        Ok(Some(
            edits
                .into_iter()
                .map(|e| TextEdit {
                    range: TextRange::new(e.range.start, e.range.end),
                    text: e.text,
                })
                .collect(),
        ))
    }
}
