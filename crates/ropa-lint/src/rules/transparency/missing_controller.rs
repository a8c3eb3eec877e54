//! # `missing-controller`
//!
//! **Category:** transparency · **Default severity:** error · **Reference:** Art. 13(1)(a), 30(1)(a) GDPR
//!
//! ## What it checks
//!
//! The workspace declares at least one `activity` but no `controller` in any of its files. The
//! finding is reported once per workspace, at the id of the first activity (files in path
//! order).
//!
//! ## Why
//!
//! Every privacy notice must start with the identity and contact details of the controller — the
//! company that decides why and how the data is processed (Art. 13(1)(a), 14(1)(a) GDPR) — and
//! the record of processing activities must name it too (Art. 30(1)(a)). Without a `controller`
//! the generated notice and record have no one to address requests and complaints to.
//!
//! ## Legal reference
//!
//! Art. 13(1)(a) and 14(1)(a) GDPR (information to data subjects); Art. 30(1)(a) GDPR (record of
//! processing activities).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity newsletter {
//!   title       "Newsletter"
//!   purpose     "Versand unseres monatlichen Newsletters"
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent { mechanism "Double-Opt-in"  withdrawal "Abmeldelink in jeder E-Mail" }
//!   retention   "bis zur Abmeldung"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! controller {
//!   name    "Muster Marketing GmbH"
//!   address "Musterstraße 1, 10115 Berlin"
//!   email   "datenschutz@muster.de"
//! }
//!
//! activity newsletter {
//!   title       "Newsletter"
//!   purpose     "Versand unseres monatlichen Newsletters"
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent { mechanism "Double-Opt-in"  withdrawal "Abmeldelink in jeder E-Mail" }
//!   retention   "bis zur Abmeldung"
//! }
//! ```
//!
//! ## How to fix
//!
//! Declare the controller once, in any file of the workspace (a `controller.ropa` at the root is
//! a good place): `controller { name "…"  address "…"  email "…" }`, and add `dpo { … }` if you
//! have a data protection officer.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-controller",
    category: Category::Transparency,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 13(1)(a), 30(1)(a) GDPR",
    summary: "the workspace has activities but no `controller`",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.controller().is_some() {
        return;
    }
    let Some(first) = ctx.first_activity() else {
        return;
    };
    sink.report(
        &RULE,
        first.anchor(),
        format!(
            "the workspace has activities (the first is `{}`) but no `controller`: declare \
             `controller {{ name \"…\"  address \"…\"  email \"…\" }}` in one of its files, so \
             that the privacy notice and the record name who is responsible",
            first.id()
        ),
    );
}
