//! Code lenses: "Preview privacy notice" on activities, "used by N activities" on processors.

use ropa_analysis::FileId;
use ropa_syntax::TextRange;

use crate::Analysis;

/// A line of text above an item, maybe with something to do when it is clicked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLens {
    /// The item's id (its keyword when it has none).
    pub range: TextRange,
    pub title: String,
    pub action: Option<LensAction>,
}

/// What clicking a lens does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LensAction {
    /// Show the privacy notice's section of one activity, in Markdown.
    PreviewPolicy { lang: String, activity: String },
}

impl Analysis<'_> {
    /// The lenses of `file`: a preview of the notice on each activity, the number of
    /// activities using each processor.
    pub fn code_lenses(&self, file: FileId) -> Option<Vec<CodeLens>> {
        code_lenses(self, file)
    }
}

fn code_lenses(w: &Analysis, id: FileId) -> Option<Vec<CodeLens>> {
    let file = w.file(id)?;
    let lang = w
        .settings
        .config
        .languages
        .first()
        .cloned()
        .unwrap_or_else(|| "de".into());
    let mut out = Vec::new();
    for a in &file.model.activities {
        out.push(CodeLens {
            range: a.header.anchor().range,
            title: if w.settings.german {
                "Datenschutzhinweis ansehen".into()
            } else {
                "Preview privacy notice".into()
            },
            action: Some(LensAction::PreviewPolicy {
                lang: lang.clone(),
                activity: a.header.id().to_string(),
            }),
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
        let title = match (w.settings.german, n) {
            (true, 1) => "von 1 Tätigkeit genutzt".to_string(),
            (true, n) => format!("von {n} Tätigkeiten genutzt"),
            (false, 1) => "used by 1 activity".to_string(),
            (false, n) => format!("used by {n} activities"),
        };
        out.push(CodeLens {
            range: p.header.anchor().range,
            title,
            action: None,
        });
    }
    Some(out)
}
