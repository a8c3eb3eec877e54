//! # `dpia-required`
//!
//! **Category:** ai · **Default severity:** warning · **Reference:** Art. 35(1), 35(3) GDPR; DSK list of processing operations requiring a DPIA
//!
//! ## What it checks
//!
//! An activity has no `dpia` block, and at least one of these applies:
//!
//! | trigger | source |
//! |---|---|
//! | `ai { automated_decision true  significant_effect true }` | Art. 35(3)(a) |
//! | special categories (or Art. 10 data) in `data` with `scale large` | Art. 35(3)(b) |
//! | `ai { profiling true }` | DSK list: AI that evaluates personal aspects |
//! | `ai { chatbot true }` | DSK list: AI that steers the interaction with data subjects |
//! | `ai { emotion_recognition true }` or `ai { biometric_categorisation true }` | DSK list: AI that evaluates personal aspects; Art. 35(1) |
//! | `subjects` include `children` and the activity has an `ai` block | Art. 35(1); WP248 (vulnerable data subjects, new technologies) |
//!
//! The message lists every trigger that applies. The finding points at the activity id.
//!
//! ## Why
//!
//! Where processing, in particular using new technologies, is likely to result in a high risk to
//! people's rights and freedoms, the controller must assess the impact before starting it
//! (Art. 35(1); German: *Datenschutz-Folgenabschätzung*, DSFA). Art. 35(3) always requires one
//! for systematic and extensive evaluation with legal or similarly significant effects, and for
//! large-scale processing of Art. 9 or Art. 10 data. The German supervisory authorities' list of
//! processing operations that always require a DPIA (DSK *Muss-Liste*, version 1.1, 17 Oct 2018,
//! under Art. 35(4)) names the use of AI to steer the interaction with data subjects or to
//! evaluate their personal aspects — customer-support bots, mood analysis in call centres — as
//! well as comprehensive profiles of interests and behaviour. Children are vulnerable data
//! subjects, and AI counts as an innovative technology (WP248 rev.01). The DPIA describes the
//! processing, its necessity, the risks and the measures against them (Art. 35(7)); if a high
//! risk remains, the supervisory authority must be consulted first (Art. 36). A missing DPIA is
//! fined up to €10 million or 2 % of turnover (Art. 83(4)(a)).
//!
//! ## Legal reference
//!
//! Art. 35(1), 35(3)(a), (b), 35(4), 35(7), 36 GDPR; DSK, *Liste der Verarbeitungstätigkeiten, für
//! die eine DSFA durchzuführen ist* (version 1.1); Article 29 Working Party WP248 rev.01
//! (Guidelines on DPIA).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity support_chatbot {
//!   subjects [customers]
//!   ai {
//!     chatbot    true
//!     disclosure "Sie chatten mit einem KI-Assistenten."
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity support_chatbot {
//!   subjects [customers]
//!   ai {
//!     chatbot    true
//!     disclosure "Sie chatten mit einem KI-Assistenten."
//!   }
//!   dpia { done 2026-03-15  document "dsfa/support-chatbot.pdf" }
//! }
//! ```
//!
//! ## How to fix
//!
//! Carry out the DPIA before the processing starts, with the advice of the data protection
//! officer (Art. 35(2)), and record it: `dpia { done YYYY-MM-DD  document "…" }`. Review it when
//! the processing or its risks change (Art. 35(11)). If you concluded that no high risk exists
//! despite a trigger, document that assessment and suppress the finding with the reason.

use ropa_analysis::model::flag;
use ropa_analysis::{Severity, model::Activity};

use super::join;
use crate::registry::{Category, Rule};
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "dpia-required",
    category: Category::Ai,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 35(1), 35(3) GDPR; DSK list of processing operations requiring a DPIA",
    summary: "high-risk processing (AI, profiling, large-scale special data) without a DPIA",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    // `data []`: no personal data, so no GDPR duty (see `processes_personal_data`).
    for activity in ctx.activities().filter(|a| a.processes_personal_data()) {
        if activity.dpia.is_some() || item_writes(&activity.header, "dpia") {
            continue;
        }
        let triggers = triggers(ctx, activity);
        if triggers.is_empty() {
            continue;
        }
        sink.report(
            &RULE,
            activity.header.anchor(),
            format!(
                "activity `{}` needs a data protection impact assessment because of {}, but none is recorded; carry it out before the processing starts and add `dpia {{ done YYYY-MM-DD  document \"…\" }}`",
                activity.header.id(),
                join(&triggers),
            ),
        );
    }
}

/// Why an activity needs a DPIA (Art. 35(1), (3), the DSK list), one reason each; empty when
/// it needs none. `missing-dpo` asks the same (Section 38(1) BDSG).
pub(crate) fn triggers(ctx: &Context, activity: &Activity) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(ai) = &activity.ai
        && flag(&ai.automated_decision)
        && flag(&ai.significant_effect)
    {
        out.push("automated decisions with significant effect (Art. 35(3)(a))".to_string());
    }
    let large = activity
        .scale
        .as_ref()
        .and_then(|s| s.get())
        .is_some_and(|s| s == "large");
    if large {
        let names = |refs: Vec<&ropa_analysis::model::Reference>| -> Vec<String> {
            refs.iter().map(|r| format!("`{}`", r.name)).collect()
        };
        let special = names(ctx.special_data(activity));
        let criminal = names(ctx.criminal_data(activity));
        // Art. 35(3)(b) names both; Art. 10 data are not "special categories" (Art. 9(1)).
        let what = match (special.is_empty(), criminal.is_empty()) {
            (false, true) => Some(format!("special categories of data ({})", join(&special))),
            (true, false) => Some(format!(
                "data on criminal convictions and offences ({}; Art. 10)",
                join(&criminal)
            )),
            (false, false) => Some(format!(
                "special categories of data ({}) and data on criminal convictions and offences ({})",
                join(&special),
                join(&criminal)
            )),
            (true, true) => None,
        };
        if let Some(what) = what {
            out.push(format!("large-scale processing of {what} (Art. 35(3)(b))"));
        }
    }
    if let Some(ai) = &activity.ai {
        if flag(&ai.profiling) {
            out.push("AI profiling (DSK list: AI evaluating personal aspects)".to_string());
        }
        if flag(&ai.chatbot) {
            out.push(
                "an AI chatbot (DSK list: AI steering the interaction with data subjects)"
                    .to_string(),
            );
        }
        let mut biometric = Vec::new();
        if flag(&ai.emotion_recognition) {
            biometric.push("emotion recognition".to_string());
        }
        if flag(&ai.biometric_categorisation) {
            biometric.push("biometric categorisation".to_string());
        }
        if !biometric.is_empty() {
            out.push(format!(
                "{} (DSK list: AI evaluating personal aspects)",
                join(&biometric)
            ));
        }
        if ctx.has_subject(activity, "children") {
            out.push("AI processing of children's data (vulnerable data subjects)".to_string());
        }
    }
    out
}
