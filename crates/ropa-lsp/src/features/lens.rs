//! Code lenses: "Preview privacy notice" on activities, "used by N activities" on processors.

use serde_json::json;
use tower_lsp_server::ls_types::*;

use crate::convert;
use crate::features::commands::GENERATE_POLICY;
use crate::world::World;

pub fn code_lenses(w: &mut World, path: &str) -> Option<Vec<CodeLens>> {
    let id = w.file_id(path)?;
    let file = w.ws.file(id);
    let lang = w
        .config
        .languages
        .first()
        .cloned()
        .unwrap_or_else(|| "de".into());
    let mut out = Vec::new();
    for a in &file.model.activities {
        let range = convert::range(file, a.header.anchor().range, w.unit);
        out.push(CodeLens {
            range,
            command: Some(Command {
                title: if w.german {
                    "Datenschutzhinweis ansehen".into()
                } else {
                    "Preview privacy notice".into()
                },
                command: GENERATE_POLICY.into(),
                arguments: Some(vec![
                    json!({ "lang": lang, "format": "md", "activity": a.header.id() }),
                ]),
            }),
            data: None,
        });
    }
    let mut uses: std::collections::HashMap<
        ropa_analysis::model::Id<ropa_analysis::model::Processor>,
        usize,
    > = std::collections::HashMap::new();
    // Also the activities of closed files, which the server keeps only in outline.
    for a in w.ws.files.iter().flat_map(|f| f.model.activity_views()) {
        let mut seen = std::collections::HashSet::new();
        for r in a.named_processors() {
            if let Some(ropa_analysis::model::Target::Processor(p)) = r.target
                && seen.insert(p)
            {
                *uses.entry(p).or_default() += 1;
            }
        }
    }
    for (i, p) in file.model.processors.iter().enumerate() {
        let r = ropa_analysis::model::Id::new(id, i as u32);
        let n = uses.get(&r).copied().unwrap_or(0);
        let title = match (w.german, n) {
            (true, 1) => "von 1 Tätigkeit genutzt".to_string(),
            (true, n) => format!("von {n} Tätigkeiten genutzt"),
            (false, 1) => "used by 1 activity".to_string(),
            (false, n) => format!("used by {n} activities"),
        };
        out.push(CodeLens {
            range: convert::range(file, p.header.anchor().range, w.unit),
            command: Some(Command {
                title,
                command: String::new(),
                arguments: None,
            }),
            data: None,
        });
    }
    Some(out)
}
