//! # `missing-withdrawal-info`
//!
//! **Category:** lawfulness · **Default severity:** warning · **Reference:** Art. 7(3), 13(2)(c) GDPR
//!
//! ## What it checks
//!
//! An activity rests on `legal_basis consent` but does not say, in a `withdrawal`, how the
//! consent can be withdrawn.
//!
//! ## Why
//!
//! People can withdraw their consent at any time, and withdrawing must be as easy as giving it;
//! they must be told so before they consent (Art. 7(3) GDPR). The privacy notice must mention
//! the right to withdraw (Art. 13(2)(c), 14(2)(d)). A consent that cannot be withdrawn as easily
//! as it was given is not freely given. Withdrawal does not make the processing before it
//! unlawful, but from then on the data may no longer be processed on that basis.
//!
//! ## Legal reference
//!
//! Art. 7(3), 13(2)(c) and 14(2)(d) GDPR.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity ad_targeting {
//!   title       "Personalisierte Werbung"
//!   purpose     "Zielgruppensegmentierung für Werbeanzeigen"
//!   subjects    [website_visitors]
//!   data        [usage, interests, online_identifiers]
//!   legal_basis consent { mechanism "Consent-Banner (CMP), Einwilligungen werden protokolliert" }
//!   retention   13 months
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity ad_targeting {
//!   title       "Personalisierte Werbung"
//!   purpose     "Zielgruppensegmentierung für Werbeanzeigen"
//!   subjects    [website_visitors]
//!   data        [usage, interests, online_identifiers]
//!   legal_basis consent {
//!     mechanism  "Consent-Banner (CMP), Einwilligungen werden protokolliert"
//!     withdrawal "Jederzeit über „Cookie-Einstellungen“ im Seitenfuß"
//!   }
//!   retention   13 months
//! }
//! ```
//!
//! ## How to fix
//!
//! Add `withdrawal "…"` to `legal_basis consent { … }`, describing a way that is as easy as
//! giving consent: the unsubscribe link in every newsletter, the cookie settings link in the page
//! footer, a switch in the app's settings.

use ropa_analysis::model::BasisKind;
use ropa_analysis::{Location, Severity};

use super::basis_lacks;
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-withdrawal-info",
    category: Category::Lawfulness,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 7(3), 13(2)(c) GDPR",
    summary: "consent without a `withdrawal` that says how it is withdrawn",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        for basis in &activity.legal_bases {
            if !basis.is(BasisKind::Consent)
                || !basis_lacks(activity, basis, basis.withdrawal.as_ref(), "withdrawal")
            {
                continue;
            }
            sink.report(
                &RULE,
                Location {
                    file: activity.header.file,
                    range: basis.key,
                },
                format!(
                    "activity `{}` rests on consent but does not say how it is withdrawn: add \
                     `withdrawal \"…\"` to `legal_basis consent {{ … }}` with a way as easy as giving \
                     consent; the privacy notice must mention it",
                    activity.header.id()
                ),
            );
        }
    }
}
