//! # `missing-ai-logic`
//!
//! **Category:** ai · **Default severity:** warning · **Reference:** Art. 13(2)(f), 14(2)(g), 15(1)(h) GDPR
//!
//! ## What it checks
//!
//! An activity's `ai` block says `profiling true` or `automated_decision true`, but has no `logic`
//! explaining how the system reaches its results. It is a **warning** when the decision is one
//! of Art. 22 (`automated_decision true` with `significant_effect true`), where the explanation
//! is a mandatory item of the privacy notice, and **info** for profiling or decisions without
//! such effect, where it is recommended.
//!
//! ## Why
//!
//! Where automated decision-making, including profiling, takes place, the privacy notice must give
//! "meaningful information about the logic involved, as well as the significance and the
//! envisaged consequences" (Art. 13(2)(f), 14(2)(g)), and data subjects can ask for it (Art.
//! 15(1)(h)). The CJEU requires a concise, intelligible explanation of the procedure and
//! principles actually applied — which personal data were used and how they led to the result —
//! so that the person can contest it; handing over the algorithm is neither required nor enough
//! (C-203/22 *Dun & Bradstreet Austria*, 27 Feb 2025). The duty covers Art. 22 decisions
//! ("referred to in Article 22(1) and (4)"); Recital 60 and the Article 29 Working Party's
//! guidelines WP251 rev.01 (endorsed by the EDPB) recommend explaining any profiling. The `logic` text feeds the
//! generated privacy notice. Transparency infringements are fined up to €20 million or 4 % of
//! turnover (Art. 83(5)(b)).
//!
//! ## Legal reference
//!
//! Art. 13(2)(f), 14(2)(g), 15(1)(h) GDPR; Recital 60; CJEU C-203/22 *Dun & Bradstreet Austria*;
//! Article 29 Working Party, WP251 rev.01 (Guidelines on automated decision-making and
//! profiling, endorsed by the EDPB).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity ad_targeting {
//!   ai { profiling true }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity ad_targeting {
//!   ai {
//!     profiling true
//!     logic "Aus den besuchten Seiten der letzten 90 Tage werden Interessen (z. B. Sport, Reisen) abgeleitet; danach wählen wir die Anzeigen aus."
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Add `logic` to the `ai` block: in plain language, which data the system uses, how they lead to
//! the result (the main factors and their weight), and what the result means for the person.
//! Write it for each configured language (`logic { de "…" en "…" }`).

use ropa_analysis::model::flag;
use ropa_analysis::{Location, Severity};

use super::{ai_activities, ai_lacks, join};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-ai-logic",
    category: Category::Ai,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 13(2)(f), 14(2)(g), 15(1)(h) GDPR",
    summary: "profiling or an automated decision without an explanation of its logic",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let mut what = Vec::new();
        if flag(&ai.profiling) {
            what.push("profiles people".to_string());
        }
        // Only a decision with legal or similarly significant effect is one of Art. 22.
        let art_22 = flag(&ai.automated_decision) && flag(&ai.significant_effect);
        if art_22 {
            what.push("makes automated decisions with significant effect (Art. 22)".to_string());
        } else if flag(&ai.automated_decision) {
            what.push("makes automated decisions".to_string());
        }
        if what.is_empty() || ai.logic.is_some() || !ai_lacks(ctx, activity, ai, "logic") {
            continue;
        }
        let d = sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: ai.key,
            },
            format!(
                "activity `{}` {} with AI but does not explain the logic involved; add `logic \"…\"` to its `ai` block (which data are used and how they lead to the result)",
                activity.header.id(),
                join(&what),
            ),
        );
        // Art. 13(2)(f) requires the logic for Art. 22 decisions; for other profiling,
        // Recital 60 and WP251 recommend it.
        if !art_22 {
            d.severity = Severity::Info;
        }
    }
}
