//! # `uwg-email-without-consent`
//!
//! **Category:** lawfulness · **Default severity:** error · **Reference:** Section 7(2) no. 2, (3) UWG
//!
//! ## What it checks
//!
//! An activity is direct marketing through electronic mail — `direct_marketing { channels [...] }`
//! names `email`, `sms` or `messenger` — but none of its legal bases is `consent`, and it does
//! not say that it addresses only existing customers (`existing_customers true`). The finding
//! points at the channel. (Without a valid `legal_basis` the rule stays silent: that is reported
//! on its own. So is an `existing_customers` written with an invalid value or as `todo`.)
//!
//! ## Why
//!
//! German unfair-competition law applies on top of the GDPR. Advertising by electronic mail —
//! e-mail, SMS and messenger messages alike — is an unreasonable nuisance unless the addressee
//! has given prior express consent (Section 7(2) no. 2 UWG). This holds for consumers and
//! businesses alike, and a legitimate interest under Art. 6(1)(f) GDPR does not replace the
//! consent. The one exception is the existing-customer rule of Section 7(3) UWG, and only when
//! all of its conditions hold: the address was obtained from the customer in connection with the
//! sale of goods or services; it is used to advertise the company's own similar goods or
//! services; the customer has not objected; and the customer was clearly told, when the address
//! was collected and in every message, that they may object at any time without costs other than
//! the basic transmission costs. Advertising by mail without either is open to injunctions by
//! competitors and associations, and the consent must be proven (in practice by a double opt-in,
//! BGH I ZR 164/09).
//!
//! ## Legal reference
//!
//! Section 7(2) no. 2 and (3) UWG (German Act against Unfair Competition), implementing Art. 13(1)
//! and (2) of the ePrivacy Directive 2002/58/EC; consent as defined in Art. 4(11) and 7 GDPR.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity mailing {
//!   title       "Angebote per E-Mail"
//!   purpose     "Zusendung von Angeboten per E-Mail"
//!   subjects    [customers, prospects]
//!   data        [identity, contact]
//!   legal_basis legitimate_interest {
//!     interest  "Direktwerbung für eigene Produkte"
//!     balancing "dokumentiert in lia/mailing.pdf"
//!   }
//!   direct_marketing { channels [email] }
//!   retention   2 years
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity mailing {
//!   title       "Angebote per E-Mail"
//!   purpose     "Zusendung von Angeboten per E-Mail"
//!   subjects    [newsletter_subscribers]
//!   data        [identity, contact]
//!   legal_basis consent {
//!     mechanism  "Double-Opt-in, protokolliert"
//!     withdrawal "Abmeldelink in jeder E-Mail"
//!   }
//!   direct_marketing { channels [email] }
//!   retention   "bis zur Abmeldung"
//! }
//!
//! activity customer_mailing {
//!   title       "Produktempfehlungen an Bestandskunden"
//!   purpose     "Werbung für eigene ähnliche Produkte per E-Mail an Kundinnen und Kunden"
//!   subjects    [customers]
//!   data        [identity, contact]
//!   legal_basis legitimate_interest {
//!     interest  "Direktwerbung für eigene ähnliche Produkte (§ 7 Abs. 3 UWG)"
//!     balancing "dokumentiert in lia/bestandskunden.pdf"
//!   }
//!   direct_marketing { channels [email]  existing_customers true }
//!   retention   2 years
//! }
//! ```
//!
//! ## How to fix
//!
//! Obtain the addressees' prior express consent (a double opt-in that is logged) and rest the
//! activity on `legal_basis consent { mechanism "…"  withdrawal "…" }`. If the activity addresses
//! only existing customers, about the company's own similar goods or services, with an address
//! obtained from a sale, and tells them of their right to object at collection and in every
//! message, write `existing_customers true` in the `direct_marketing` block. If the activity does
//! not advertise by electronic mail, remove the channel.

use ropa_analysis::model::BasisKind;
use ropa_analysis::{Location, Severity};

use super::{channel_name, has_valid_bases};
use crate::registry::{Category, Rule};
use crate::rules::transparency::block_key_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "uwg-email-without-consent",
    category: Category::Lawfulness,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Section 7(2) no. 2, (3) UWG",
    summary: "advertising by e-mail, SMS or messenger without consent and not only to existing customers",
    source: "",
    check,
};

/// The channels that are "elektronische Post" in Section 7(2) no. 2 UWG.
const ELECTRONIC_MAIL: [&str; 3] = ["email", "sms", "messenger"];

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let Some(dm) = activity.direct_marketing.as_ref().filter(|d| d.on) else {
            continue;
        };
        let Some(channel) = dm
            .channels
            .iter()
            .find(|c| ELECTRONIC_MAIL.contains(&c.value.as_str()))
        else {
            continue;
        };
        if !has_valid_bases(activity) || activity.has_basis(BasisKind::Consent) {
            continue;
        }
        let existing_customers = match &dm.existing_customers {
            // Invalid or `todo`: reported on its own.
            Some(e) => e.get().is_none_or(|v| *v),
            None => block_key_writes(&activity.header, dm.key, "existing_customers"),
        };
        if existing_customers {
            continue;
        }
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: channel.range,
            },
            format!(
                "activity `{}` advertises by {} without consent: advertising by electronic mail needs the addressee's prior express consent (Section 7(2) no. 2 UWG), whatever the GDPR basis; rest it on `legal_basis consent`, or write `existing_customers true` if it addresses only existing customers about similar goods or services of your own under the conditions of Section 7(3) UWG",
                activity.header.id(),
                channel_name(&channel.value)
            ),
        );
    }
}
