//! Inlay hints: the article behind a legal basis, country and safeguard behind a processor
//! reference.

use ropa_analysis::model::Target;
use ropa_analysis::transfer::{self, Safeguard};
use ropa_syntax::ItemKind;
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::world::World;
use ropa_ide::cursor as ide;

fn hint(position: Position, label: String) -> InlayHint {
    InlayHint {
        position,
        label: InlayHintLabel::String(label),
        kind: None,
        text_edits: None,
        tooltip: None,
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

pub fn inlay_hints(w: &mut World, path: &str, range: Range) -> Option<Vec<InlayHint>> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let wanted = convert::text_range(file, range, w.unit);
    let mut out = Vec::new();
    for a in &file.model.activities {
        if !(a.header.range.start() <= wanted.end() && wanted.start() <= a.header.range.end()) {
            continue;
        }
        for kind in a.legal_bases.iter().filter_map(|b| b.kind.as_ref()) {
            let label = if w.german {
                format!("Art. 6 Abs. 1 lit. {}", kind.value.letter())
            } else {
                format!("Art. 6(1)({})", kind.value.letter())
            };
            out.push(hint(
                convert::position(file, kind.range.end(), w.unit),
                label,
            ));
        }
    }
    for r in ide::references(file) {
        if r.kind != ItemKind::Processor || !wanted.touches(r.range.start()) {
            continue;
        }
        let Some(Target::Processor(p)) = r.target else {
            continue;
        };
        let p = w.ws.processor(p);
        let Some(country) = p.country.as_ref().and_then(|c| c.get()) else {
            continue;
        };
        let mechanism = p.transfer.as_ref().and_then(|t| t.mechanism.as_ref());
        let safeguard = match (
            transfer::judge(country, mechanism.map(|m| m.value), None),
            mechanism,
        ) {
            (Safeguard::NoTransfer, _) => None,
            (Safeguard::Lacking(_), _) => Some(if w.german {
                "keine Garantie".into()
            } else {
                "no safeguard".into()
            }),
            (_, Some(m)) => Some(m.value.keyword().to_uppercase()),
            (_, None) => Some(if w.german {
                "Angemessenheit".into()
            } else {
                "adequacy".into()
            }),
        };
        let label = match safeguard {
            Some(s) => format!("{country} · {s}"),
            None => country.clone(),
        };
        out.push(hint(convert::position(file, r.range.end(), w.unit), label));
    }
    out.sort_by_key(|h| (h.position.line, h.position.character));
    Some(out)
}
