//! A random sequence of range edits applied through the language server's document store must
//! give the same text, tree and syntax errors as parsing the final text from scratch; lowering
//! each version from the previous one (taking over untouched items, as the server does) must give
//! the same model and findings as lowering from scratch.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ropa_analysis::{File, FileId};
use ropa_lsp::{Change, Document};
use ropa_syntax::{ColumnUnit, LineCol, Parse};

fuzz_target!(|data: &[u8]| {
    let Some((&seed, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut doc = Document::new(0, text.clone());
    let mut lowered = File::from_text(FileId(0), "a.ropa".into(), text.clone());
    let mut model = text;
    let unit = if seed & 1 == 0 { ColumnUnit::Utf16 } else { ColumnUnit::Utf8 };
    let mut state = u64::from(seed) | 1;
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as u32
    };
    for version in 1..=(seed % 16 + 1) as i32 {
        let index = ropa_syntax::LineIndex::new(&model);
        let lines = index.line_count() as u32;
        let a = LineCol { line: next() % (lines + 1), col: next() % 40 };
        let b = LineCol { line: a.line + next() % 2, col: next() % 40 };
        let inserts = ["", "x", "}", "{", "\"", "ä", "👋", "\n", "activity a {", " 90 days ", "//", "\r\n", "[a, b]"];
        let insert = inserts[(next() as usize) % inserts.len()].to_string();
        // The same edit on the plain string, through the one shared LineIndex.
        let start = index.offset(&model, a, unit);
        let end = index.offset(&model, b, unit).max(start);
        model.replace_range(start..end, &insert);
        doc.apply(version, vec![Change { range: Some((a, b)), text: insert }], unit);
        assert_eq!(doc.text, model);
        let parse = Parse { tree: doc.tree.clone(), errors: doc.errors.clone() };
        let next = File::from_parse_reusing(FileId(0), "a.ropa".into(), doc.text.clone(), parse, &mut lowered);
        let fresh = File::from_text(FileId(0), "a.ropa".into(), doc.text.clone());
        assert_eq!(next.model, fresh.model);
        assert_eq!(next.diagnostics, fresh.diagnostics);
        assert_eq!(next.line_index(), fresh.line_index());
        lowered = next;
    }
    let fresh = ropa_syntax::parse(&model);
    assert_eq!(doc.tree.root_node().to_sexp(), fresh.tree.root_node().to_sexp());
    assert_eq!(doc.errors, fresh.errors);
});
