//! # `missing-bias-review`
//!
//! **Category:** ai · **Default severity:** info (off by default) · **Reference:** Art. 5(1)(a), 22(3) GDPR; Art. 10 AI Act
//!
//! ## What it checks
//!
//! An activity's `ai` block says `profiling true` or `automated_decision true`, but has no
//! `bias_review { done DATE }` recording that the training data and outputs were reviewed for
//! bias.
//!
//! ## Why
//!
//! Processing must be fair (Art. 5(1)(a) GDPR): a model that systematically disadvantages people
//! by gender, age, origin or other characteristics treats them unfairly and may discriminate.
//! Recital 71 asks controllers that profile to use appropriate mathematical or statistical
//! procedures and to prevent discriminatory effects, and Art. 22(3) requires suitable safeguards
//! for automated decisions. For high-risk AI systems, the AI Act requires training, validation
//! and test data to be examined for possible biases and measures to detect, prevent and mitigate
//! them (Art. 10(2)(f), (g) AI Act). A documented review is the evidence (Art. 5(2)). This is
//! information, not a violation of a specific duty in every case.
//!
//! ## Legal reference
//!
//! Art. 5(1)(a), 5(2), 22(3) GDPR; Recital 71; AI Act (Regulation (EU) 2024/1689) Art. 10(2)(f),
//! (g).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity lead_scoring {
//!   ai {
//!     profiling true
//!     logic     "Score aus Branche, Unternehmensgröße und Website-Besuchen"
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity lead_scoring {
//!   ai {
//!     profiling   true
//!     logic       "Score aus Branche, Unternehmensgröße und Website-Besuchen"
//!     bias_review { done 2026-02-10  document "ki/lead-scoring-bias-review.pdf" }
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Review the model's input data and its results for bias — for example, compare scores or
//! decisions across age groups and genders — document the review, and record it:
//! `bias_review { done YYYY-MM-DD  document "…" }`. Repeat it when the model or its data change.

use ropa_analysis::model::flag;
use ropa_analysis::{Location, Severity};

use super::{ai_activities, ai_lacks, join};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-bias-review",
    category: Category::Ai,
    severity: Severity::Info,
    enabled_by_default: false,
    reference: "Art. 5(1)(a), 22(3) GDPR; Art. 10 AI Act",
    summary: "profiling or an automated decision without a documented bias review",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let mut what = Vec::new();
        if flag(&ai.profiling) {
            what.push("profiles people".to_string());
        }
        if flag(&ai.automated_decision) {
            what.push("makes automated decisions".to_string());
        }
        if what.is_empty()
            || ai.bias_review.is_some()
            || !ai_lacks(ctx, activity, ai, "bias_review")
        {
            continue;
        }
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: ai.key,
            },
            format!(
                "activity `{}` {} with AI, but no bias review is recorded; review data and results for bias and add `bias_review {{ done YYYY-MM-DD  document \"…\" }}` to its `ai` block",
                activity.header.id(),
                join(&what),
            ),
        );
    }
}
