//! Code lenses: "Preview privacy notice" on activities, "used by N activities" on processors.

use ropa_analysis::FileId;
use ropa_analysis::model::{ActivityView, Id, Processor, Target};
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
    let mut uses: std::collections::HashMap<Id<Processor>, usize> =
        std::collections::HashMap::new();
    // Also the activities of closed files, which the server keeps only in outline.
    for f in &w.ws.files {
        for a in f.model.activity_views() {
            count_uses(w, a, &f.text, &mut uses);
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

/// Counts each processor `a` names once.
fn count_uses(
    w: &Analysis,
    a: ActivityView,
    text: &str,
    uses: &mut std::collections::HashMap<Id<Processor>, usize>,
) {
    // An activity let go of keeps where its names are, not what they resolve to.
    let targets: Vec<Option<Target>> = match a {
        ActivityView::Full(full) => full.named_processors().map(|r| r.target).collect(),
        ActivityView::Checked(c) => (c.named_processors().iter())
            .map(|r| w.ws.target(r.kind, r.name(text)))
            .collect(),
    };
    let mut seen = std::collections::HashSet::new();
    for target in targets {
        if let Some(Target::Processor(p)) = target
            && seen.insert(p)
        {
            *uses.entry(p).or_default() += 1;
        }
    }
}
