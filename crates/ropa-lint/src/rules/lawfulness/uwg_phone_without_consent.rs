//! # `uwg-phone-without-consent`
//!
//! **Category:** lawfulness · **Default severity:** error · **Reference:** Section 7(2) no. 1 UWG
//!
//! ## What it checks
//!
//! An activity is direct marketing by telephone — `direct_marketing { channels [phone] }` — and
//! its subjects include consumers, but none of its legal bases is `consent`. Every subject but
//! the built-in `business_contacts` counts as consumers, also a subject you declare yourself.
//! The finding points at `phone`. (Without a valid `legal_basis` the rule stays silent: that is
//! reported on its own.)
//!
//! ## Why
//!
//! German unfair-competition law applies on top of the GDPR. A telephone call that advertises
//! to a consumer is an unreasonable nuisance unless the consumer has given prior express consent
//! (Section 7(2) no. 1 UWG); a legitimate interest under Art. 6(1)(f) GDPR, an existing customer
//! relationship or a contract do not replace it. Only towards other market participants —
//! businesses — does presumed consent suffice, which is why `business_contacts` alone do not
//! trigger the rule. Cold calls are open to injunctions by competitors and associations, and the
//! Bundesnetzagentur fines breaches of the consent and documentation duties (Section 20 UWG).
//!
//! ## Legal reference
//!
//! Section 7(2) no. 1 UWG (German Act against Unfair Competition); Section 7a UWG (documenting the
//! consent, see `uwg-consent-documentation`); consent as defined in Art. 4(11) and 7 GDPR.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity phone_sales {
//!   title       "Telefonvertrieb"
//!   purpose     "Anrufe bei Kundinnen und Kunden mit Angeboten"
//!   subjects    [customers]
//!   data        [identity, contact]
//!   legal_basis legitimate_interest {
//!     interest  "Direktwerbung für eigene Produkte"
//!     balancing "dokumentiert in lia/telefon.pdf"
//!   }
//!   direct_marketing { channels [phone]  existing_customers true }
//!   retention   2 years
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity b2b_calls {
//!   title       "Telefonakquise bei Geschäftskunden"
//!   purpose     "Anrufe bei Ansprechpersonen von Unternehmen mit Angeboten"
//!   subjects    [business_contacts]
//!   data        [identity, contact]
//!   legal_basis legitimate_interest {
//!     interest  "Direktwerbung gegenüber Unternehmen"
//!     balancing "dokumentiert in lia/b2b.pdf"
//!   }
//!   direct_marketing { channels [phone] }
//!   retention   2 years
//! }
//! ```
//!
//! ## How to fix
//!
//! Call consumers only with their prior express consent, documented as Section 7a UWG requires,
//! and rest the activity on `legal_basis consent { mechanism "…"  withdrawal "…" }`. If the
//! activity calls only businesses, list only `business_contacts` as its subjects. Otherwise
//! remove `phone` from the channels.

use ropa_analysis::model::BasisKind;
use ropa_analysis::{Location, Severity};

use super::{consumer_subject, has_valid_bases};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "uwg-phone-without-consent",
    category: Category::Lawfulness,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Section 7(2) no. 1 UWG",
    summary: "advertising calls to consumers without consent",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let Some(dm) = activity.direct_marketing.as_ref().filter(|d| d.on) else {
            continue;
        };
        let Some(phone) = dm.channels.iter().find(|c| c.value == "phone") else {
            continue;
        };
        let Some(consumers) = consumer_subject(activity) else {
            continue;
        };
        if !has_valid_bases(activity) || activity.has_basis(BasisKind::Consent) {
            continue;
        }
        let file = activity.header.file;
        sink.report(
            &RULE,
            Location {
                file,
                range: phone.range,
            },
            format!(
                "activity `{}` advertises by telephone to consumers (`{}`) without consent: advertising calls to consumers need their prior express consent (Section 7(2) no. 1 UWG), whatever the GDPR basis; rest it on `legal_basis consent`, or list only `business_contacts` if it calls only businesses",
                activity.header.id(),
                consumers.name
            ),
        )
        .with_related_mut(
            Location {
                file,
                range: consumers.range,
            },
            format!(
                "`{}` count as consumers (every subject but `business_contacts`)",
                consumers.name
            ),
        );
    }
}
