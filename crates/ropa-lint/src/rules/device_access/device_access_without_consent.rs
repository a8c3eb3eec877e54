//! # `device-access-without-consent`
//!
//! **Category:** device-access · **Default severity:** error · **Reference:** Section 25(1) TDDDG; Art. 5(3) ePrivacy Directive
//!
//! ## What it checks
//!
//! An activity has a `device_access` block — it stores information on the user's device or reads
//! information from it: cookies, local storage, tracking pixels, SDKs, fingerprinting — whose
//! `strictly_necessary` is not `true`, while its legal basis is not `consent`. (Without a valid
//! `legal_basis`, or with an invalid or misspelt `strictly_necessary`, the rule stays silent:
//! those are reported on their own.)
//!
//! ## Why
//!
//! Storing information on a user's terminal equipment or accessing information stored there
//! needs the user's consent, given on the basis of clear and comprehensive information
//! (Section 25(1) TDDDG, implementing Art. 5(3) of the ePrivacy Directive). The rule is
//! technology-neutral and applies whether or not the information is personal data. The only
//! exceptions are transmitting a message over a public network and access that is strictly
//! necessary for a digital service the user has expressly requested (Section 25(2) TDDDG) — a shopping
//! cart or login cookie, not analytics or advertising. This is a separate step from the GDPR: the
//! later processing of the data needs its own Art. 6(1) basis, but a legitimate interest or a
//! contract cannot replace the consent to the device access itself (BGH I ZR 7/16
//! *Cookie-Einwilligung II*; CJEU C-673/17 *Planet49*).
//!
//! ## Legal reference
//!
//! Section 25(1) and (2) TDDDG (until May 2024: TTDSG); Art. 5(3) Directive 2002/58/EC (ePrivacy
//! Directive); consent as defined in Art. 4(11) and 7 GDPR.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity web_analytics {
//!   title       "Reichweitenmessung"
//!   purpose     "Auswertung der Nutzung unserer Website"
//!   subjects    [website_visitors]
//!   data        [usage, online_identifiers]
//!   legal_basis legitimate_interest { interest "Verbesserung der Website"  balancing "LIA 2025-01" }
//!   retention   14 months
//!   device_access { technology "Analyse-Cookies (_ga, _gid)"  strictly_necessary false }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity web_analytics {
//!   title       "Reichweitenmessung"
//!   purpose     "Auswertung der Nutzung unserer Website"
//!   subjects    [website_visitors]
//!   data        [usage, online_identifiers]
//!   legal_basis consent {
//!     mechanism  "Consent-Banner (CMP), Einwilligungen werden protokolliert"
//!     withdrawal "Jederzeit über „Cookie-Einstellungen“ im Seitenfuß"
//!   }
//!   retention   14 months
//!   device_access { technology "Analyse-Cookies (_ga, _gid)"  strictly_necessary false }
//! }
//! ```
//!
//! ## How to fix
//!
//! Ask for consent before the access (a consent banner where refusing is as easy as accepting)
//! and declare `legal_basis consent { mechanism "…"  withdrawal "…" }`. If the access really is
//! strictly necessary for a service the user asked for, declare `strictly_necessary true`.

use ropa_analysis::model::BasisKind;
use ropa_analysis::{Location, Severity};

use crate::registry::{Category, Rule};
use crate::rules::transparency::block_key_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "device-access-without-consent",
    category: Category::DeviceAccess,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Section 25(1) TDDDG; Art. 5(3) ePrivacy Directive",
    summary: "access to the user's device that is not strictly necessary, without consent",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let Some(access) = &activity.device_access else {
            continue;
        };
        // Absent or invalid basis: reported by `missing-legal-basis` or `invalid-value`.
        let Some(basis) = activity.basis_kinds().next() else {
            continue;
        };
        let h = &activity.header;
        let necessary = match access.strictly_necessary {
            Some(value) => value,
            // Written with an invalid value, or misspelt: reported already.
            None if block_key_writes(h, access.key, "strictly_necessary") => {
                continue;
            }
            None => false,
        };
        if necessary || activity.has_basis(BasisKind::Consent) {
            continue;
        }
        let first = ctx.first_language();
        let what = access
            .technology
            .as_ref()
            .and_then(|t| t.best(first, first))
            .map(|t| {
                format!(
                    " — {} —",
                    t.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            })
            .unwrap_or_default();
        sink.report(
            &RULE,
            Location {
                file: h.file,
                range: access.key,
            },
            format!(
                "activity `{}` stores or reads information on the user's device{what} on the \
                 basis of `{}`, but the access itself needs the user's consent (Section 25(1) \
                 TDDDG) unless it is strictly necessary for a service the user requested \
                 (Section 25(2) no. 2 TDDDG); that consent is separate from the Art. 6(1) GDPR \
                 basis of the processing that follows: record it with `legal_basis consent {{ … }}`, \
                 or declare `strictly_necessary true` if the exception applies",
                h.id(),
                basis.keyword()
            ),
        );
    }
}
