//! # `missing-dpo-contact`
//!
//! **Category:** transparency · **Default severity:** error · **Reference:** Art. 13(1)(b), 37(7) GDPR
//!
//! ## What it checks
//!
//! The controller declares a data protection officer (`dpo { … }`) but gives no way to reach them:
//! neither an `email`, a `phone` nor an `address`. A key that is written but misspelt or holds an invalid value is
//! reported by `unknown-field` or `invalid-value` instead.
//!
//! ## Why
//!
//! Where a data protection officer is designated, the privacy notice must give their contact
//! details (Art. 13(1)(b), 14(1)(b) GDPR), and the controller must publish them and tell the
//! supervisory authority (Art. 37(7)). Data subjects may contact the DPO directly on every
//! question about their data (Art. 38(4)), so a name alone is not enough: they need a way to
//! reach the DPO. The contact details are a mandatory item of the notice, so this is an error.
//!
//! ## Legal reference
//!
//! Art. 13(1)(b), 14(1)(b), 37(7) and 38(4) GDPR; in Germany Section 38 BDSG says when a DPO must be
//! designated.
//!
//! ## Example that fails
//!
//! ```ropa
//! controller {
//!   name    "Muster Marketing GmbH"
//!   address "Musterstraße 1, 10115 Berlin"
//!   email   "info@muster.de"
//!   dpo { name "Dr. Erika Beispiel" }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! controller {
//!   name    "Muster Marketing GmbH"
//!   address "Musterstraße 1, 10115 Berlin"
//!   email   "info@muster.de"
//!   dpo { name "Dr. Erika Beispiel"  email "dsb@muster.de" }
//! }
//! ```
//!
//! ## How to fix
//!
//! Add `email "…"` (a functional address such as `datenschutz@…` works well, as it survives a
//! change of DPO) or `phone "…"` to the `dpo` block.

use ropa_analysis::model::Controller;
use ropa_analysis::{Location, Severity};

use super::block_key_writes;
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-dpo-contact",
    category: Category::Transparency,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 13(1)(b), 37(7) GDPR",
    summary: "the data protection officer has no e-mail address, phone number or postal address",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(controller) = ctx.controller() else {
        return;
    };
    let Some(dpo) = &controller.dpo else {
        return;
    };
    if dpo.email.is_some()
        || dpo.phone.is_some()
        || dpo.address.is_some()
        || written(controller, dpo.key)
    {
        return;
    }
    let who = dpo
        .name
        .as_deref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    sink.report(
        &RULE,
        Location {
            file: controller.header.file,
            range: dpo.key,
        },
        format!(
            "the data protection officer{who} has no `email`, `phone` or `address`: add one to the `dpo` \
             block, so that data subjects can reach the DPO directly; the contact is published \
             in the privacy notice and reported to the supervisory authority"
        ),
    );
}

/// Whether `email`, `phone` or `address` is written at all (present with an invalid value, or misspelt:
/// reported already).
fn written(controller: &Controller, key: ropa_syntax::TextRange) -> bool {
    ["email", "phone", "address"]
        .into_iter()
        .any(|k| block_key_writes(&controller.header, key, k))
}
