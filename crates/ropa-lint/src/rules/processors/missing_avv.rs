//! # `missing-avv`
//!
//! **Category:** processors · **Default severity:** error · **Reference:** Art. 28(3) GDPR
//!
//! ## What it checks
//!
//! An activity names a processor — in `processors` or as `ai { provider }` — whose `role` is
//! `processor` (the default) and which has no `avv` block. Subprocessors are checked by
//! `subprocessor-without-avv`; joint controllers and independent controllers need no AVV.
//!
//! ## Why
//!
//! Processing by a processor must be governed by a contract (German: *Auftragsverarbeitungsvertrag*,
//! AVV) that binds it to the controller's instructions, confidentiality, security, subprocessor
//! rules, assistance, deletion and audits (Art. 28(3) GDPR). Without it, handing the data over has
//! no legal footing and the controller cannot demonstrate compliance (Art. 5(2)). Fines reach
//! €10 million or 2 % of turnover (Art. 83(4)).
//!
//! ## Legal reference
//!
//! Art. 28(3) GDPR; standard clauses: Commission Implementing Decision (EU) 2021/915.
//!
//! ## Example that fails
//!
//! ```ropa
//! processor agency {
//!   name    "Kreativagentur GmbH"
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
//!   avv { signed 2024-03-01  document "vertraege/agentur-avv.pdf" }
//! }
//!
//! activity campaigns {
//!   processors [agency]
//! }
//! ```
//!
//! ## How to fix
//!
//! Sign an AVV with the processor and record it: `avv { signed YYYY-MM-DD  document "…" }`. A
//! contract accepted online is `avv { accepted YYYY-MM-DD }`, or, when the day is not known,
//! `avv { document "https://…" }` with the link to the accepted terms; each of them is an AVV for
//! this rule (the record never gets a date nobody knows). The
//! quick fix inserts `avv { signed todo }`: the date is the contract's, which only the signed
//! document tells (`unfinished-value` reports the `todo` until it is written). If the recipient decides on
//! purposes and means itself, declare `role controller` (or `role joint_controller`) instead.
//! The finding points at the reference in the activity; the processor's declaration is related.

use super::is_plain_processor;
use crate::rules::transparency::item_writes;
use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-avv",
    category: Category::Processors,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 28(3) GDPR",
    summary: "an activity uses a processor that has no AVV (Art. 28 contract)",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        for u in ctx.direct_uses(activity) {
            let p = ctx.processor(u.processor);
            // An `avv` or `role` written with an invalid value or `todo` is reported already.
            if p.avv.is_some() || !is_plain_processor(ctx, p) || item_writes(&p.header, "avv") {
                continue;
            }
            // The date is the signed contract's: `todo` until someone writes it (never today's).
            let fix = ctx.insert_field_fix(
                format!("Add an avv block to `{}`", p.header.id()),
                p.header.file,
                p.header.body_end,
                p.header.indent(ctx.text(p.header.file)),
                "avv { signed todo }",
                false,
            );
            sink.report(
                &RULE,
                ropa_analysis::Location { file: activity.header.file, range: u.reference.range },
                format!(
                    "activity `{}` uses processor `{}`, which has no AVV (Art. 28(3) contract); record it with `avv {{ signed YYYY-MM-DD }}`, `avv {{ accepted YYYY-MM-DD }}` for a contract accepted online, or `avv {{ document \"https://…\" }}` when only its link is known",
                    activity.header.id(),
                    p.header.id()
                ),
            )
            .with_related_mut(p.header.anchor(), format!("`{}` is declared here", p.header.id()))
            .fixes
            .push(fix);
        }
    }
}
