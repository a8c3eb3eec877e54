//! # `joint-control-without-agreement`
//!
//! **Category:** processors · **Default severity:** error · **Reference:** Art. 26(1), (2) GDPR
//!
//! ## What it checks
//!
//! An activity names — in `processors` or as `ai { provider }` — a recipient declared with
//! `role joint_controller` that has no `joint_agreement` block (an **error**). The finding points
//! at the reference in the activity; an activity that names the same joint controller twice gets
//! one finding, at the first reference.
//!
//! It also warns when a used joint controller's `joint_agreement` has no `essence` (a
//! **warning**, once per joint controller, at its `joint_agreement` key): the essence of the
//! arrangement is what the data subjects are told.
//!
//! ## Why
//!
//! Where two or more controllers jointly determine the purposes and means of processing, they
//! are joint controllers (German: *gemeinsam Verantwortliche*) and must lay down their respective
//! responsibilities — in particular for informing data subjects and answering their requests —
//! in a transparent arrangement (Art. 26(1)). The essence of that arrangement must be made
//! available to the data subjects (Art. 26(2)). In marketing this is common: the CJEU held that a
//! website embedding a social plugin (C-40/17 *Fashion ID*) and the operator of a fan page
//! (C-210/16 *Wirtschaftsakademie*) are joint controllers with the platform — for the phases
//! whose purposes and means they determine together (in *Fashion ID*: the collection and
//! transmission of the data), not for the platform's later processing. The EDPB recommends
//! making the essence available proactively, e.g. in the privacy notice (Guidelines 07/2020 on
//! the concepts of controller and processor), and the generated policy prints it; without it,
//! the policy can say nothing true about the arrangement. Infringements are fined up to €10
//! million or 2 % of turnover (Art. 83(4)(a)).
//!
//! ## Legal reference
//!
//! Art. 26(1) GDPR (arrangement between joint controllers), Art. 26(2) (essence made available to
//! data subjects); CJEU C-40/17 *Fashion ID*, C-210/16 *Wirtschaftsakademie*; EDPB Guidelines
//! 07/2020 on the concepts of controller and processor in the GDPR.
//!
//! ## Example that fails
//!
//! ```ropa
//! processor meta {
//!   name    "Meta Platforms Ireland Ltd."
//!   country IE
//!   role    joint_controller
//! }
//!
//! activity fanpage {
//!   processors [meta]
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor meta {
//!   name    "Meta Platforms Ireland Ltd."
//!   country IE
//!   role    joint_controller
//!   joint_agreement {
//!     signed   2024-02-01
//!     document "https://www.facebook.com/legal/terms/page_controller_addendum"
//!     essence  "Meta ist für die Erfüllung der Betroffenenrechte hauptverantwortlich."
//!   }
//! }
//!
//! activity fanpage {
//!   processors [meta]
//! }
//! ```
//!
//! ## How to fix
//!
//! Conclude (or accept) the joint-controller arrangement and record it:
//! `joint_agreement { signed YYYY-MM-DD  document "…"  essence "…" }`. The `essence` is the part
//! you must make available to data subjects. If the recipient in fact acts only on your
//! instructions, it is a processor: remove `role joint_controller` and record an `avv` instead.

use std::collections::HashSet;

use ropa_analysis::model::Role;
use ropa_analysis::{Location, Severity};

use super::used_processors;
use crate::registry::{Category, Rule};
use crate::rules::ai::written;
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "joint-control-without-agreement",
    category: Category::Processors,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 26(1), (2) GDPR",
    summary: "an activity uses a joint controller without an Art. 26 arrangement",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let mut seen = HashSet::new();
        for u in ctx.direct_uses(activity) {
            if !seen.insert(u.processor) {
                continue;
            }
            let p = ctx.processor(u.processor);
            if p.role != Role::JointController
                || p.joint_agreement.is_some()
                || item_writes(&p.header, "joint_agreement")
            {
                continue;
            }
            sink.report(
                &RULE,
                Location {
                    file: activity.header.file,
                    range: u.reference.range,
                },
                format!(
                    "activity `{}` shares data with joint controller `{}`, but there is no arrangement under Art. 26; record it in `{}` with `joint_agreement {{ signed YYYY-MM-DD  essence \"…\" }}`",
                    activity.header.id(),
                    p.header.id(),
                    p.header.id(),
                ),
            )
            .with_related_mut(
                p.header.anchor(),
                format!("`{}` is declared here", p.header.id()),
            );
        }
    }
    for (_, p, activities) in used_processors(ctx) {
        let Some(agreement) = p.joint_agreement.as_ref() else {
            continue;
        };
        if p.role != Role::JointController
            || agreement.essence.is_some()
            || written(ctx, &p.header, agreement.key, "essence").is_some()
        {
            continue;
        }
        let d = sink.report(
            &RULE,
            Location {
                file: p.header.file,
                range: agreement.key,
            },
            format!(
                "the arrangement with joint controller `{}` (used by {}) has no `essence`: the data subjects must be told what it provides (Art. 26(2)); add `essence \"…\"` to its `joint_agreement`, e.g. who informs them and who answers their requests",
                p.header.id(),
                super::describe_users(activities),
            ),
        );
        d.severity = Severity::Warning;
    }
}
