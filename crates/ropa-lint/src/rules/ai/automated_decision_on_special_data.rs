//! # `automated-decision-on-special-data`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 22(4) GDPR
//!
//! ## What it checks
//!
//! An activity's `ai` block says `automated_decision true` and `significant_effect true`, its
//! `data` holds a special category (a built-in one such as `health` or `biometric`, or a declared
//! category with `special true`), and its `special_basis` is neither `explicit_consent` nor
//! `substantial_public_interest`. An activity without a `special_basis` (or with an invalid one)
//! is left to `special-category-without-exception` and `invalid-value`.
//!
//! ## Why
//!
//! Decisions based solely on automated processing with legal or similarly significant effects
//! (Art. 22(1)) must not be based on special categories of personal data (Art. 9(1)) — health,
//! biometric or genetic data, ethnic origin, political opinions, religious beliefs, trade union
//! membership, sex life or sexual orientation — unless the person gave **explicit consent**
//! (Art. 9(2)(a)) or the processing is necessary for reasons of **substantial public interest**
//! on the basis of Union or Member State law (Art. 9(2)(g)), and suitable safeguards are in place
//! (Art. 22(4)). The other Art. 9(2) grounds (employment law, health care, research, …) may
//! allow processing the data, but not an automated decision on them. Inferred data count too:
//! a model that derives health or sexual orientation from behaviour processes special categories
//! (CJEU C-184/20). Infringements are fined up to €20 million or 4 % of turnover (Art. 83(5)).
//!
//! ## Legal reference
//!
//! Art. 22(4) GDPR, with Art. 9(1) and 9(2)(a), (g); Art. 22(3) for the safeguards.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity health_tariff {
//!   data           [contact, health]
//!   legal_basis    contract
//!   special_basis  health_care
//!   ai {
//!     automated_decision true
//!     significant_effect true
//!     human_review "Widerspruch an tarife@muster.de; ein Sachbearbeiter prüft neu."
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity health_tariff {
//!   data           [contact, health]
//!   legal_basis    contract
//!   special_basis  explicit_consent
//!   ai {
//!     automated_decision true
//!     significant_effect true
//!     human_review "Widerspruch an tarife@muster.de; ein Sachbearbeiter prüft neu."
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Obtain the person's explicit consent to the automated decision on their special-category data
//! and declare `special_basis explicit_consent` (or `substantial_public_interest` where a law
//! requires the processing), with the safeguards described in `human_review`. Otherwise, remove
//! the special categories from the decision's input, or let a person take the decision
//! (`automated_decision false`).

use ropa_analysis::{Location, Severity};

use super::{ai_activities, join};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "automated-decision-on-special-data",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 22(4) GDPR",
    summary: "an automated decision on special categories without explicit consent or substantial public interest",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let Some(decision) = ai.automated_decision.as_ref().filter(|d| d.is_true()) else {
            continue;
        };
        if !ai.significant_effect.as_ref().is_some_and(|s| s.is_true()) {
            continue;
        }
        let special = ctx.special_data(activity);
        if special.is_empty() {
            continue;
        }
        // Absent or invalid: reported by special-category-without-exception / invalid-value.
        let grounds = activity.special_basis.iter().flat_map(|b| &b.grounds);
        let Some(basis) = grounds.clone().next() else {
            continue;
        };
        if grounds
            .map(|g| g.value.as_str())
            .any(|g| matches!(g, "explicit_consent" | "substantial_public_interest"))
        {
            continue;
        }
        let names: Vec<String> = special.iter().map(|r| format!("`{}`", r.name)).collect();
        let d = sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: decision.key,
            },
            format!(
                "activity `{}` makes automated decisions with significant effect on special categories ({}), but its `special_basis` is `{}`; Art. 22(4) allows this only with `explicit_consent` or `substantial_public_interest`",
                activity.header.id(),
                join(&names),
                basis.value,
            ),
        );
        d.with_related_mut(
            Location {
                file: activity.header.file,
                range: basis.range,
            },
            format!("the special basis is `{}`", basis.value),
        );
        for r in special {
            d.with_related_mut(
                Location {
                    file: activity.header.file,
                    range: r.range,
                },
                format!("`{}` is a special category (Art. 9(1))", r.name),
            );
        }
    }
}
