//! # `missing-dpo`
//!
//! **Category:** organisation · **Default severity:** error · **Reference:** Art. 37(1), (4) GDPR; Section 38(1) BDSG
//!
//! ## What it checks
//!
//! The controller has no `dpo`, although the record shows that one must be designated: an
//! activity needs a data protection impact assessment (the same reasons as `dpia-required`,
//! whether or not the DPIA is recorded), or `employees_processing` is 20 or more. One finding at
//! the controller, with up to five such activities as related locations.
//!
//! ## Why
//!
//! In Germany a controller must designate a data protection officer when, as a rule, at least
//! 20 persons are constantly engaged in the automated processing of personal data, and —
//! whatever their number — when it carries out processing that is subject to a data protection
//! impact assessment under Art. 35 GDPR (Section 38(1) BDSG, based on Art. 37(4) GDPR). The GDPR
//! itself requires one where the core activities consist of regular and systematic monitoring
//! on a large scale or of large-scale processing of special categories (Art. 37(1)(b), (c));
//! the record cannot tell core activities apart, so those cases are left to you. A missing DPO
//! can be fined (Art. 83(4)(a)).
//!
//! ## Legal reference
//!
//! Art. 37(1), (4) GDPR; Section 38(1) BDSG.
//!
//! ## Example that fails
//!
//! ```ropa
//! controller muster {
//!   name                 "Muster GmbH"
//!   address              "Musterstraße 1, 10115 Berlin"
//!   email                "info@muster.de"
//!   employees_processing 25
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! controller muster {
//!   name                 "Muster GmbH"
//!   address              "Musterstraße 1, 10115 Berlin"
//!   email                "info@muster.de"
//!   employees_processing 25
//!   dpo { email "datenschutz@muster.de" }
//! }
//! ```
//!
//! ## How to fix
//!
//! Designate a data protection officer (an employee or an external service) and add
//! `dpo { name "…"  email "…" }`; the name is optional, a contact is not. The quick fix inserts
//! `dpo { email todo }`. Tell the supervisory authority the DPO's contact details (Art. 37(7)).

use ropa_analysis::Severity;

use super::controller_in_scope;

use crate::registry::{Category, Rule};
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-dpo",
    category: Category::Organisation,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 37(1), (4) GDPR; Section 38(1) BDSG",
    summary: "no data protection officer although the record shows one is required",
    source: "",
    check,
};

/// Section 38(1) sentence 1 BDSG: from 20 persons.
const PERSONS: u64 = 20;

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(controller) = controller_in_scope(ctx) else {
        return;
    };
    if controller.dpo.is_some() || item_writes(&controller.header, "dpo") {
        return;
    }
    let mut reasons = Vec::new();
    if let Some(n) = controller
        .employees_processing
        .as_ref()
        .and_then(|e| e.get())
        .filter(|n| **n >= PERSONS)
    {
        reasons.push(format!(
            "{n} persons regularly process personal data by automated means (20 or more)"
        ));
    }
    let dpia = &ctx.organisation().needs_dpia;
    if dpia.count > 0 {
        reasons.push(format!(
            "activity {} needs a data protection impact assessment, which requires a DPO \
             whatever the number of staff",
            dpia.describe()
        ));
    }
    if reasons.is_empty() {
        return;
    }
    let h = &controller.header;
    let fix = ctx.insert_field_fix(
        "Add `dpo { email todo }`".to_string(),
        h.file,
        h.body_end,
        h.indent(ctx.text(h.file)),
        "dpo { email todo }",
        false,
    );
    let d = sink.report(
        &RULE,
        h.anchor(),
        format!(
            "the controller has no `dpo`, but {}: a data protection officer must be designated \
             (Section 38(1) BDSG); add `dpo {{ email \"…\" }}` with their contact",
            reasons.join(", and ")
        ),
    );
    d.related = dpia.related("needs a DPIA");
    d.fixes.push(fix);
}
