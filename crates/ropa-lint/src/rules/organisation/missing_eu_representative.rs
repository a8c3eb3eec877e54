//! # `missing-eu-representative`
//!
//! **Category:** organisation · **Default severity:** error · **Reference:** Art. 3(2), 27 GDPR
//!
//! ## What it checks
//!
//! The controller's `country` is outside the European Economic Area and it names no
//! `representative`.
//!
//! ## Why
//!
//! A controller not established in the Union whose processing falls under the GDPR because it
//! offers goods or services to people in the Union or monitors their behaviour there (Art. 3(2))
//! must designate in writing a representative in a Member State where those people are
//! (Art. 27(1), (3)). The representative is the contact for authorities and data subjects and is
//! named in the privacy notice (Art. 13(1)(a)). Art. 27(2) exempts occasional processing that
//! does not include large-scale special categories or criminal data and is unlikely to result in
//! a risk, and public authorities: if that applies, suppress the finding with the reason.
//!
//! ## Legal reference
//!
//! Art. 3(2), 13(1)(a), 27 GDPR; EDPB Guidelines 3/2018 on territorial scope, section 4.
//!
//! ## Example that fails
//!
//! ```ropa
//! controller shop {
//!   name    "Example Shop Inc."
//!   address "1 Main Street, Springfield, USA"
//!   email   "privacy@example.com"
//!   country US
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! controller shop {
//!   name    "Example Shop Inc."
//!   address "1 Main Street, Springfield, USA"
//!   email   "privacy@example.com"
//!   country US
//!   representative { name "EU-Rep GmbH"  address "Friedrichstraße 1, 10117 Berlin" }
//! }
//! ```
//!
//! ## How to fix
//!
//! Designate a representative in the Union in writing and add `representative { name "…"
//! address "…" }`. The quick fix inserts the block with `todo`.

use ropa_analysis::{Location, Severity, geo};

use super::controller_in_scope;
use crate::registry::{Category, Rule};
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-eu-representative",
    category: Category::Organisation,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 3(2), 27 GDPR",
    summary: "a controller outside the EEA names no representative in the Union",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(controller) = controller_in_scope(ctx) else {
        return;
    };
    let Some(country) = controller.country.as_ref().and_then(|c| c.value.as_ref()) else {
        return;
    };
    if geo::is_eea(&country.value)
        || controller.representative.is_some()
        || item_writes(&controller.header, "representative")
    {
        return;
    }
    let h = &controller.header;
    let fix = ctx.insert_field_fix(
        "Add `representative { name todo  address todo }`".to_string(),
        h.file,
        h.body_end,
        h.indent(ctx.text(h.file)),
        "representative { name todo  address todo }",
        false,
    );
    sink.report(
        &RULE,
        Location {
            file: h.file,
            range: country.range,
        },
        format!(
            "the controller is established in `{}`, outside the EEA, and names no `representative`: \
             a controller outside the Union that offers goods or services to people in it or \
             monitors them must designate a representative in a Member State (Art. 27 GDPR; \
             exempt only occasional, low-risk processing, Art. 27(2))",
            country.value
        ),
    )
    .fixes
    .push(fix);
}
