//! # `missing-ai-literacy`
//!
//! **Category:** organisation · **Default severity:** warning · **Reference:** Art. 4 AI Act
//!
//! ## What it checks
//!
//! An activity uses an AI system (an `ai` block) and the controller records no `ai_literacy`
//! measures. One finding at the controller, with up to five such activities as related
//! locations.
//!
//! ## Why
//!
//! Providers and deployers of AI systems must take measures to ensure, to their best extent, a
//! sufficient level of AI literacy of their staff and of others operating AI systems on their
//! behalf, taking into account their knowledge, experience, education and training and the
//! context of use (Art. 4 AI Act, applicable since 2 Feb 2025; the Digital Omnibus on AI, adopted
//! by the Council on 29 Jun 2026, rewords it as a duty to take measures that support AI literacy
//! — check its publication in the Official Journal). Supervisory authorities ask for the
//! measures, and they belong in the accountability documentation. This is a warning: the duty
//! is about measures, not about a document.
//!
//! ## Legal reference
//!
//! Art. 4 AI Act (Regulation (EU) 2024/1689), Art. 3(56) (definition of AI literacy); the
//! Commission's questions and answers on AI literacy (May 2025).
//!
//! ## Example that fails
//!
//! ```ropa
//! controller muster {
//!   name    "Muster GmbH"
//!   address "Musterstraße 1, 10115 Berlin"
//!   email   "info@muster.de"
//! }
//!
//! activity texte {
//!   title "KI-Textentwürfe"
//!   data  []
//!   ai { system "ChatGPT Enterprise"  generates_content true }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! controller muster {
//!   name    "Muster GmbH"
//!   address "Musterstraße 1, 10115 Berlin"
//!   email   "info@muster.de"
//!   ai_literacy {
//!     measures "Pflichtschulung vor der Freischaltung, KI-Richtlinie, jährliche Auffrischung"
//!     updated  2025-09-01
//!   }
//! }
//!
//! activity texte {
//!   title "KI-Textentwürfe"
//!   data  []
//!   ai { system "ChatGPT Enterprise"  generates_content true }
//! }
//! ```
//!
//! ## How to fix
//!
//! Describe the measures once, at the controller: `ai_literacy { measures "…"  updated DATE }`.
//! The quick fix inserts `ai_literacy { measures todo }` there.

use ropa_analysis::{Severity, ai_act};

use super::controller_in_scope;

use crate::registry::{Category, Rule};
use crate::rules::ai::dated;
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-ai-literacy",
    category: Category::Organisation,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 4 AI Act",
    summary: "AI systems are used and the controller records no AI literacy measures",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(controller) = controller_in_scope(ctx) else {
        return;
    };
    if controller.ai_literacy.is_some() || item_writes(&controller.header, "ai_literacy") {
        return;
    }
    let ai = &ctx.organisation().uses_ai;
    if ai.count == 0 {
        return;
    }
    let h = &controller.header;
    let fix = ctx.insert_field_fix(
        "Add `ai_literacy { measures todo }`".to_string(),
        h.file,
        h.body_end,
        h.indent(ctx.text(h.file)),
        "ai_literacy { measures todo }",
        false,
    );
    let d = sink.report(
        &RULE,
        h.anchor(),
        format!(
            "activity {} uses an AI system, but the controller records no `ai_literacy` measures: \
             staff operating AI systems need a sufficient level of AI literacy (training, \
             guidelines); describe the measures at the controller",
            ai.describe()
        ),
    );
    d.related = ai.related("uses an AI system");
    d.fixes.push(fix);
    dated(d, &ai_act::AI_LITERACY, ctx.today);
}
