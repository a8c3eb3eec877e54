//! # `special-category-without-exception`
//!
//! **Category:** lawfulness · **Default severity:** error · **Reference:** Art. 9(1), 9(2) GDPR
//!
//! ## What it checks
//!
//! An activity lists a special category of personal data in `data` — a built-in one (`health`,
//! `biometric`, `genetic`, `racial_ethnic_origin`, `political_opinions`, `religious_beliefs`,
//! `trade_union_membership`, `sex_life`, `sexual_orientation`) or a declared category with
//! `special true` — and has no `special_basis`. There is one finding per special category.
//!
//! ## Why
//!
//! Processing special categories of data is prohibited (Art. 9(1) GDPR) unless one of the
//! exceptions of Art. 9(2) applies, for example explicit consent (a), employment and social
//! security law (b) or health care (h). The exception is needed in addition to the Art. 6(1)
//! basis, not instead of it. Data that merely *reveals* a special category counts too — an AI
//! segment that infers health or sexual orientation from behaviour processes Art. 9 data (CJEU
//! C-184/20, C-252/21). For marketing, in practice only explicit consent fits.
//!
//! ## Legal reference
//!
//! Art. 9(1) and 9(2) GDPR; national exceptions in Germany: Section 22 BDSG.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity fitness_coaching {
//!   title       "Persönliches Fitness-Coaching per App"
//!   purpose     "Trainingspläne auf Basis von Gesundheitsangaben"
//!   subjects    [app_users]
//!   data        [contact, health]
//!   legal_basis consent { mechanism "Opt-in in der App"  withdrawal "In den App-Einstellungen" }
//!   retention   "bis zur Löschung des Kontos"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity fitness_coaching {
//!   title         "Persönliches Fitness-Coaching per App"
//!   purpose       "Trainingspläne auf Basis von Gesundheitsangaben"
//!   subjects      [app_users]
//!   data          [contact, health]
//!   legal_basis   consent { mechanism "Opt-in in der App"  withdrawal "In den App-Einstellungen" }
//!   special_basis explicit_consent
//!   retention     "bis zur Löschung des Kontos"
//! }
//! ```
//!
//! ## How to fix
//!
//! Add `special_basis` with the Art. 9(2) exception the processing relies on (`explicit_consent`,
//! `employment`, `vital_interests`, `non_profit`, `made_public`, `legal_claims`,
//! `substantial_public_interest`, `health_care`, `public_health` or `research`). If none applies,
//! stop processing the category — remove it from `data`, and make sure no AI system infers it.

use ropa_analysis::model::{CategoryRef, Target};
use ropa_analysis::{Location, Severity};

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "special-category-without-exception",
    category: Category::Lawfulness,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 9(1), 9(2) GDPR",
    summary: "special categories of data without an Art. 9(2) exception (`special_basis`)",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let h = &activity.header;
        // Present with an invalid value counts as present (reported by `invalid-value`).
        if activity.special_basis.is_some() || h.misspelled("special_basis") {
            continue;
        }
        for r in ctx.special_data(activity) {
            let d = sink.report(
                &RULE,
                Location {
                    file: h.file,
                    range: r.range,
                },
                format!(
                    "activity `{}` processes `{}`, a special category of data (Art. 9(1)), but \
                     names no `special_basis`: add the Art. 9(2) exception it relies on, e.g. \
                     `special_basis explicit_consent`",
                    h.id(),
                    r.name
                ),
            );
            if let Some(Target::Category(CategoryRef::Declared(c))) = r.target {
                let def = &ctx.category(c).header;
                d.with_related_mut(
                    def.anchor(),
                    format!("`{}` is declared `special true` here", def.id()),
                );
            }
        }
    }
}
