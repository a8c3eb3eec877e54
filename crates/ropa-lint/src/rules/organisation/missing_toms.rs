//! # `missing-toms`
//!
//! **Category:** organisation · **Default severity:** info · **Reference:** Art. 30(1)(g), 32 GDPR
//!
//! ## What it checks
//!
//! The controller has no `security` and one or more activities have none either, so the record
//! describes no technical and organisational measures for them. One finding at the controller,
//! with up to five such activities as related locations; a general `security` answers them all.
//!
//! ## Why
//!
//! The record of processing activities contains, where possible, a general description of the
//! technical and organisational security measures referred to in Art. 32(1) (Art. 30(1)(g)).
//! The authorities' templates ask for it, and it is where the record shows that Art. 32 was
//! considered. A general description at the controller (`security` there) covers every activity
//! that has no measures of its own. This is advice (info): "where possible".
//!
//! ## Legal reference
//!
//! Art. 30(1)(g), 32 GDPR.
//!
//! ## Example that fails
//!
//! ```ropa
//! controller muster {
//!   name    "Muster GmbH"
//!   address "Musterstraße 1, 10115 Berlin"
//!   email   "info@muster.de"
//! }
//!
//! activity crm {
//!   title       "Kundenverwaltung"
//!   purpose     "Verwaltung von Kundenbeziehungen"
//!   subjects    [customers]
//!   data        [contact]
//!   legal_basis contract
//!   retention   3 years
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! controller muster {
//!   name     "Muster GmbH"
//!   address  "Musterstraße 1, 10115 Berlin"
//!   email    "info@muster.de"
//!   security "Rollen- und Berechtigungskonzept, MFA, Verschlüsselung (TLS, Festplatten), Backups"
//! }
//!
//! activity crm {
//!   title       "Kundenverwaltung"
//!   purpose     "Verwaltung von Kundenbeziehungen"
//!   subjects    [customers]
//!   data        [contact]
//!   legal_basis contract
//!   retention   3 years
//! }
//! ```
//!
//! ## How to fix
//!
//! Describe the general measures once at the controller (`security "…"`), and the measures
//! particular to an activity in that activity's `security`.

use ropa_analysis::Severity;

use super::controller_in_scope;

use crate::registry::{Category, Rule};
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-toms",
    category: Category::Organisation,
    severity: Severity::Info,
    enabled_by_default: true,
    reference: "Art. 30(1)(g), 32 GDPR",
    summary: "neither the controller nor an activity describes its security measures",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(controller) = controller_in_scope(ctx) else {
        return;
    };
    if controller.security.is_some() || item_writes(&controller.header, "security") {
        return;
    }
    let without = &ctx.organisation().without_security;
    if without.count == 0 {
        return;
    }
    let d = sink.report(
        &RULE,
        controller.header.anchor(),
        format!(
            "neither the controller nor activity {} describes technical and organisational \
             measures: add the general measures as `security` to the controller (the record \
             describes them where possible)",
            without.describe()
        ),
    );
    d.related = without.related("has no `security`");
}
