//! # `profiling-of-children`
//!
//! **Category:** ai · **Default severity:** warning · **Reference:** Recitals 38, 71 GDPR
//!
//! ## What it checks
//!
//! An activity whose subjects include the built-in `children` profiles people — `profiling true`
//! or `ai { profiling true }` — or decides about them automatically (`ai { automated_decision
//! true }`), with or without AI. The finding points at the `profiling` or `automated_decision`
//! that is `true` and names the `children` in the subjects.
//!
//! ## Why
//!
//! Children merit specific protection with regard to their personal data, as they may be less
//! aware of the risks; that protection should apply in particular to using their data for
//! marketing and for creating personality or user profiles (Recital 38 GDPR). Decisions based
//! solely on automated processing, including profiling, with legal or similarly significant
//! effects should not concern a child (Recital 71 GDPR). Recitals are not prohibitions, but the
//! supervisory authorities read them strictly: organisations should in general refrain from
//! profiling children for marketing purposes, and should not rely on the exceptions of
//! Art. 22(2) for decisions about children (Article 29 Working Party, Guidelines on automated
//! individual decision-making and profiling, WP251 rev.01, endorsed by the EDPB). Whoever
//! profiles children must be able to show why it is necessary, why it is in the child's interest
//! and how the child is protected — in the balancing of a legitimate interest (Art. 6(1)(f):
//! "in particular where the data subject is a child") and in the impact assessment.
//!
//! ## Legal reference
//!
//! Recitals 38 and 71 GDPR; Art. 6(1)(f), 22, 35 GDPR; WP251 rev.01 (sections on children).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity game_offers {
//!   title       "Personalisierte Angebote in der Lern-App"
//!   purpose     "Angebote nach dem Spielverhalten"
//!   subjects    [app_users, children]
//!   data        [usage, online_identifiers]
//!   legal_basis consent {
//!     mechanism  "Einwilligung in der App"
//!     withdrawal "In den Einstellungen"
//!     parental   "Bestätigung durch ein Elternteil per E-Mail"
//!   }
//!   profiling   true
//!   retention   1 year
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity game_offers {
//!   title       "Angebote in der Lern-App"
//!   purpose     "Angebote für volljährige Nutzerinnen und Nutzer nach dem Spielverhalten"
//!   subjects    [app_users]
//!   data        [usage, online_identifiers]
//!   legal_basis consent {
//!     mechanism  "Einwilligung in der App, nur für Konten mit bestätigtem Alter ab 18"
//!     withdrawal "In den Einstellungen"
//!   }
//!   profiling   true
//!   retention   1 year
//! }
//! ```
//!
//! ## How to fix
//!
//! Do not profile children or take automated decisions about them: leave the accounts of
//! children out of the profiling (with an age check) and record the activity with the subjects
//! it really concerns. Where profiling a child is unavoidable and in the child's interest (for
//! example to protect children), document the reasons and safeguards in the balancing and in a
//! DPIA (`dpia { done DATE }`), and keep the finding with a suppression that gives that reason
//! (`// ropa-ignore profiling-of-children: …`).

use ropa_analysis::model::{Activity, Keyed};
use ropa_analysis::{Location, Severity};
use ropa_syntax::TextRange;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "profiling-of-children",
    category: Category::Ai,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Recitals 38, 71 GDPR",
    summary: "profiling of or automated decisions about children",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let Some((at, what)) = profiling_flag(activity) else {
            continue;
        };
        let Some(children) = activity
            .subjects
            .iter()
            .flatten()
            .find(|r| r.name == "children" && r.target.is_some())
        else {
            continue;
        };
        let file = activity.header.file;
        sink.report(
            &RULE,
            Location { file, range: at },
            format!(
                "activity `{}` {what} children: they merit specific protection against profiling, in particular for marketing (Recital 38 GDPR), and solely automated decisions with legal or similarly significant effects should not concern a child (Recital 71 GDPR); leave children out, or document why it is necessary and how they are protected",
                activity.header.id()
            ),
        )
        .with_related_mut(
            Location {
                file,
                range: children.range,
            },
            "children are among the subjects here",
        );
    }
}

/// The key that makes the activity profile or decide automatically, and what it does.
fn profiling_flag(activity: &Activity) -> Option<(TextRange, &'static str)> {
    let on = |f: &Option<Keyed<bool>>| f.as_ref().filter(|k| k.is_true()).map(|k| k.key);
    let ai = activity.ai.as_deref();
    on(&activity.profiling)
        .or_else(|| ai.and_then(|ai| on(&ai.profiling)))
        .map(|key| (key, "profiles"))
        .or_else(|| {
            ai.and_then(|ai| on(&ai.automated_decision))
                .map(|key| (key, "takes automated decisions about"))
        })
}
