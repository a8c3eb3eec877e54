//! # `missing-dpo`
//!
//! **Category:** organisation · **Default severity:** error · **Reference:** Art. 37(1), (4) GDPR; Section 38(1) BDSG
//!
//! ## What it checks
//!
//! The controller has no `dpo`, although the record shows that one must be designated: an
//! activity needs a data protection impact assessment (the same reasons as `dpia-required`,
//! whether or not the DPIA is recorded; reported at that activity), or `employees_processing` is
//! 20 or more (reported at the number).
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

use ropa_analysis::{Location, Related, Severity};

use crate::registry::{Category, Rule};
use crate::rules::ai::dpia_required::triggers;
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
    let Some(controller) = ctx.ws.controller() else {
        return;
    };
    if controller.dpo.is_some() || item_writes(&controller.header, "dpo") {
        return;
    }
    let h = &controller.header;
    let fix = || {
        ctx.insert_field_fix(
            "Add `dpo { email todo }` to the controller".to_string(),
            h.file,
            h.body_end,
            h.indent(&ctx.ws.file(h.file).text),
            "dpo { email todo }",
            false,
        )
    };
    // At the controller: the number of persons (Section 38(1) sentence 1 BDSG).
    if ctx.scope.contains(h.file)
        && let Some(n) = controller
            .employees_processing
            .as_ref()
            .and_then(|e| e.value.as_ref())
            .filter(|n| n.value >= PERSONS)
    {
        sink.report(
            &RULE,
            Location {
                file: h.file,
                range: n.range,
            },
            format!(
                "{} persons regularly process personal data by automated means, but the controller \
                 has no `dpo`: from 20, a data protection officer must be designated \
                 (Section 38(1) BDSG); add `dpo {{ email \"…\" }}` with their contact",
                n.value
            ),
        )
        .fixes
        .push(fix());
    }
    // At each activity that needs a DPIA (sentence 2: whatever the number of persons).
    for activity in ctx.activities().filter(|a| a.processes_personal_data()) {
        let reasons = triggers(ctx, activity);
        let Some(reason) = reasons.first() else {
            continue;
        };
        let d = sink.report(
            &RULE,
            activity.header.anchor(),
            format!(
                "activity `{}` needs a data protection impact assessment ({reason}), so a data \
                 protection officer must be designated whatever the number of staff \
                 (Section 38(1) BDSG), but the controller has no `dpo`",
                activity.header.id()
            ),
        );
        d.related.push(Related {
            location: h.anchor(),
            message: "the controller, where `dpo { … }` goes".to_string(),
        });
        d.fixes.push(fix());
    }
}
