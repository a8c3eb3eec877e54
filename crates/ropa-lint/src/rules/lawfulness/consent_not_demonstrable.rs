//! # `consent-not-demonstrable`
//!
//! **Category:** lawfulness · **Default severity:** warning · **Reference:** Art. 7(1) GDPR
//!
//! ## What it checks
//!
//! An activity rests on `legal_basis consent` but does not say, in a `mechanism`, how consent is
//! obtained and recorded.
//!
//! ## Why
//!
//! Where processing is based on consent, the controller must be able to demonstrate that the
//! person consented (Art. 7(1) GDPR; accountability, Art. 5(2)). That means knowing who
//! consented, when, to which text in which version, for which purposes and how — for example a
//! consent banner whose decisions are logged, or a double opt-in whose confirmation is stored.
//! Consent must be a clear affirmative act; a pre-ticked box is not consent (CJEU C-673/17
//! *Planet49*). For telephone advertising, Section 7a UWG additionally requires the consent to be
//! documented and the record kept for five years.
//!
//! ## Legal reference
//!
//! Art. 7(1) GDPR, with Art. 4(11) and 5(2); Section 7a UWG for telephone advertising.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity newsletter {
//!   title       "Newsletter"
//!   purpose     "Versand unseres monatlichen Newsletters"
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent { withdrawal "Abmeldelink in jeder E-Mail" }
//!   retention   "bis zur Abmeldung"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity newsletter {
//!   title       "Newsletter"
//!   purpose     "Versand unseres monatlichen Newsletters"
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent {
//!     mechanism  "Double-Opt-in; Zeitpunkt, IP-Adresse und Text der Einwilligung werden gespeichert"
//!     withdrawal "Abmeldelink in jeder E-Mail"
//!   }
//!   retention   "bis zur Abmeldung"
//! }
//! ```
//!
//! ## How to fix
//!
//! Describe in `legal_basis consent { mechanism "…" }` how consent is asked for and where the
//! proof is kept (consent-management platform, double opt-in log, signed form).

use ropa_analysis::model::BasisKind;
use ropa_analysis::{Location, Severity};

use super::basis_lacks;
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "consent-not-demonstrable",
    category: Category::Lawfulness,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 7(1) GDPR",
    summary: "consent without a `mechanism` that shows how it is obtained and recorded",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        for basis in &activity.legal_bases {
            if !basis.is(BasisKind::Consent)
                || !basis_lacks(activity, basis, basis.mechanism.as_ref(), "mechanism")
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
                    "activity `{}` rests on consent but does not say how it is obtained and recorded: \
                     add `mechanism \"…\"` to `legal_basis consent {{ … }}`, since you must be able \
                     to prove every consent",
                    activity.header.id()
                ),
            );
        }
    }
}
