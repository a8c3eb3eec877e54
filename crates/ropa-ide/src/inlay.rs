//! Inlay hints: the article behind a legal basis, country and safeguard behind a processor
//! reference.

use ropa_analysis::FileId;
use ropa_analysis::model::Target;
use ropa_analysis::transfer::{self, Safeguard};
use ropa_syntax::{ItemKind, TextRange};

use crate::{Analysis, cursor};

/// A label shown after the text at `offset` (with a space before it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
}

fn hint(offset: usize, label: String) -> InlayHint {
    InlayHint { offset, label }
}

impl Analysis<'_> {
    /// The hints of the items of `file` that touch `wanted`, in order.
    pub fn inlay_hints(&self, file: FileId, wanted: TextRange) -> Option<Vec<InlayHint>> {
        inlay_hints(self, file, wanted)
    }
}

fn inlay_hints(w: &Analysis, id: FileId, wanted: TextRange) -> Option<Vec<InlayHint>> {
    let file = w.file(id)?;
    let mut out = Vec::new();
    for a in &file.model.activities {
        if !(a.header.range.start() <= wanted.end() && wanted.start() <= a.header.range.end()) {
            continue;
        }
        for kind in a.legal_bases.iter().filter_map(|b| b.kind.as_ref()) {
            let label = if w.settings.german {
                format!("Art. 6 Abs. 1 lit. {}", kind.value.letter())
            } else {
                format!("Art. 6(1)({})", kind.value.letter())
            };
            out.push(hint(kind.range.end(), label));
        }
    }
    for r in cursor::references(file) {
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
            (Safeguard::Lacking(_), _) => Some(if w.settings.german {
                "keine Garantie".into()
            } else {
                "no safeguard".into()
            }),
            (_, Some(m)) => Some(m.value.keyword().to_uppercase()),
            (_, None) => Some(if w.settings.german {
                "Angemessenheit".into()
            } else {
                "adequacy".into()
            }),
        };
        let label = match safeguard {
            Some(s) => format!("{country} · {s}"),
            None => country.clone(),
        };
        out.push(hint(r.range.end(), label));
    }
    out.sort_by_key(|h| h.offset);
    Some(out)
}
