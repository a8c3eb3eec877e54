//! # `subprocessor-without-avv`
//!
//! **Category:** processors · **Default severity:** warning · **Reference:** Art. 28(2), 28(4) GDPR
//!
//! ## What it checks
//!
//! A used processor lists, in `subprocessors`, a processor whose `role` is `processor` (the
//! default) and which has no `avv` block. "Used" means listed in an activity's `processors`,
//! named as `ai { provider }`, or itself reachable through `subprocessors`, so chains are followed
//! to the end. Each offending reference in `subprocessors` is reported once, however many
//! activities reach it. Subprocessors declared as `role joint_controller` or `role controller`
//! are not checked here.
//!
//! ## Why
//!
//! A processor may engage another processor (German: *Unterauftragsverarbeiter*) only with the
//! controller's prior written authorisation (Art. 28(2)), and it must pass the same data
//! protection obligations on to it by contract (Art. 28(4)). The original processor stays fully
//! liable for the subprocessor. The `avv` block of the subprocessor records that this contract
//! exists; without it, the record cannot show that the personal data handed down the chain are
//! still protected by Art. 28 terms (Art. 5(2)).
//!
//! ## Legal reference
//!
//! Art. 28(2) GDPR (authorisation of subprocessors), Art. 28(4) (same obligations passed on by
//! contract, liability of the initial processor).
//!
//! ## Example that fails
//!
//! ```ropa
//! processor agency {
//!   name    "Kreativagentur GmbH"
//!   country DE
//!   avv { signed 2024-03-01 }
//!   subprocessors [printer]
//! }
//!
//! processor printer {
//!   name    "Druckerei GmbH"
//!   country DE
//! }
//!
//! activity campaigns {
//!   processors [agency]
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor agency {
//!   name    "Kreativagentur GmbH"
//!   country DE
//!   avv { signed 2024-03-01 }
//!   subprocessors [printer]
//! }
//!
//! processor printer {
//!   name    "Druckerei GmbH"
//!   country DE
//!   avv { signed 2024-03-15  document "vertraege/agentur-druckerei-unter-avv.pdf" }
//! }
//!
//! activity campaigns {
//!   processors [agency]
//! }
//! ```
//!
//! ## How to fix
//!
//! Ask the processor for the subprocessor agreement (usually part of its published subprocessor
//! list) and record it in the subprocessor: `avv { signed YYYY-MM-DD  document "…" }`. If the
//! subprocessor is no longer engaged, remove it from `subprocessors`.

use ropa_analysis::model::Target;
use ropa_analysis::{Location, Severity};

use super::{describe_users, is_plain_processor, used_processors};
use crate::registry::{Category, Rule};
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "subprocessor-without-avv",
    category: Category::Processors,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 28(2), 28(4) GDPR",
    summary: "a used processor engages a subprocessor that has no AVV",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (_, p, activities) in used_processors(ctx) {
        for r in &p.subprocessors {
            let Some(Target::Processor(s)) = r.target else {
                continue;
            };
            let sub = ctx.processor(s);
            if sub.avv.is_some() || !is_plain_processor(ctx, sub) || item_writes(&sub.header, "avv")
            {
                continue;
            }
            sink.report(
                &RULE,
                Location {
                    file: p.header.file,
                    range: r.range,
                },
                format!(
                    "processor `{}` passes data of {} on to subprocessor `{}`, which has no AVV; record the subprocessor agreement in `{}` with `avv {{ signed YYYY-MM-DD }}` (Art. 28(4))",
                    p.header.id(),
                    describe_users(activities),
                    sub.header.id(),
                    sub.header.id(),
                ),
            )
            .with_related_mut(
                sub.header.anchor(),
                format!("`{}` is declared here", sub.header.id()),
            );
        }
    }
}
