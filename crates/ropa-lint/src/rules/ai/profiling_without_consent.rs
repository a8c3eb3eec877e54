//! # `profiling-without-consent`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 6(1)(a), 21, 22 GDPR; Section 25 TDDDG
//!
//! ## What it checks
//!
//! An activity's `ai` block says `profiling true`, its `legal_basis` is something other than
//! `consent`, and the AI does not work on anonymised input (`anonymized true`). An activity
//! without a legal basis, or with an invalid one, is left to `missing-legal-basis` and
//! `invalid-value`.
//!
//! ## Why
//!
//! Profiling — evaluating personal aspects such as interests, behaviour or reliability by
//! automated means (Art. 4(4)) — for marketing can in practice rest only on consent
//! (Art. 6(1)(a)):
//!
//! - It is not necessary for a contract: the CJEU held that personalised advertising cannot rest
//!   on Art. 6(1)(b) (C-252/21 *Meta v Bundeskartellamt*, 4 Jul 2023), and that for profiling
//!   as extensive as Meta's the users' interests override the interest in personalised
//!   advertising (Art. 6(1)(f)).
//! - Against profiling for direct marketing, data subjects have an **absolute** right to object
//!   (Art. 21(2), (3)); a basis that any objection ends is no stable footing.
//! - Profiles built from website or app behaviour need cookies, pixels or SDKs, whose use already
//!   needs consent under Section 25(1) TDDDG.
//! - Where profiling leads to decisions with legal or similarly significant effects, Art. 22
//!   requires explicit consent, a contract or a law.
//!
//! Processing without a valid legal basis is fined up to €20 million or 4 % of turnover
//! (Art. 83(5)(a)). Profiling on anonymised data is no processing of personal data.
//!
//! ## Legal reference
//!
//! Art. 6(1)(a) GDPR (consent), Art. 4(4) (profiling), Art. 21(2)–(3) (objection to direct
//! marketing), Art. 22 (automated decisions); Section 25(1) TDDDG (device access); CJEU C-252/21
//! *Meta v Bundeskartellamt*.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity ad_targeting {
//!   legal_basis legitimate_interest {
//!     interest  "Personalisierte Werbung"
//!     balancing "dokumentiert in lia/werbung.pdf"
//!   }
//!   ai { profiling true  logic "Interessen werden aus besuchten Seiten abgeleitet." }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity ad_targeting {
//!   legal_basis consent {
//!     mechanism  "Consent-Banner (CMP), Einwilligung wird protokolliert"
//!     withdrawal "Jederzeit über „Cookie-Einstellungen“ im Seitenfuß"
//!   }
//!   ai { profiling true  logic "Interessen werden aus besuchten Seiten abgeleitet." }
//! }
//! ```
//!
//! ## How to fix
//!
//! Ask for consent before profiling and record how: `legal_basis consent { mechanism "…"
//! withdrawal "…" }`. There is no quick fix: whether people consented is a fact, not an edit.
//! If the AI only ever sees anonymised data, say so with `anonymized true` in the `ai` block; if it
//! does not evaluate personal aspects at all, set `profiling false`.

use ropa_analysis::model::{BasisKind, flag};
use ropa_analysis::{Location, Severity};

use super::ai_activities;
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "profiling-without-consent",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 6(1)(a), 21, 22 GDPR; Section 25 TDDDG",
    summary: "AI profiling on a legal basis other than consent",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let Some(profiling) = ai.profiling.as_ref().filter(|p| p.is_true()) else {
            continue;
        };
        // An invalid `anonymized` value (already reported) might have meant `true`.
        if flag(&ai.anonymized) || ai.anonymized.as_ref().is_some_and(|a| a.value.is_none()) {
            continue;
        }
        if activity.has_basis(BasisKind::Consent) {
            continue;
        }
        let Some(kind) = activity.legal_bases.iter().find_map(|b| b.kind.as_ref()) else {
            continue;
        };
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: profiling.key,
            },
            format!(
                "activity `{}` profiles people with AI on the legal basis `{}` (Art. 6(1)({})); profiling for marketing needs consent: use `legal_basis consent {{ mechanism \"…\" withdrawal \"…\" }}`, or set `anonymized true` if the AI only sees anonymised data",
                activity.header.id(),
                kind.value.keyword(),
                kind.value.letter(),
            ),
        )
        .with_related_mut(
            Location {
                file: activity.header.file,
                range: kind.range,
            },
            format!("the legal basis is `{}`", kind.value.keyword()),
        );
    }
}
