//! # `future-date`
//!
//! **Category:** syntax · **Default severity:** warning
//!
//! ## What it checks
//!
//! A date that records something as already done lies after today: an AVV or a joint-control
//! agreement `signed`, an AVV `accepted` online, a transfer safeguard `signed` or its transfer impact assessment
//! (`tia`) `done` (on a used processor), a DPIA `done`, or a bias review `done`. "Today" is the system clock, or the date given with `--today DATE` or
//! `ROPA_TODAY`. A date of today is not in the future. Dates that lie in the future by nature —
//! an AVV's `expires` — are not checked here. The finding points at the date.
//!
//! ## Why
//!
//! The record must show what has actually happened: the controller has to be able to
//! demonstrate compliance (Art. 5(2) GDPR). A date after today is a typo (`2062` for `2026`) or a
//! plan written down as a fact. Either way the record then claims something that is not true
//! yet: a processor works without the Art. 28(3) contract the record says exists, or processing
//! runs without the impact assessment that Art. 35(1) requires *prior to* the processing.
//!
//! ## Legal reference
//!
//! None of its own: this rule is about the record itself. A record that states what has not
//! happened cannot demonstrate compliance (Art. 5(2) GDPR); what the date stands for is required
//! by Art. 28(3) (processing by a processor governed by a contract) and Art. 35(1) (a DPIA prior
//! to the processing).
//!
//! ## Example that fails
//!
//! ```ropa
//! processor mailer {
//!   name    "Newsletter-Dienst GmbH"
//!   country DE
//!   avv { signed 2062-01-15 }
//! }
//!
//! activity newsletter {
//!   processors [mailer]
//!   dpia { done 2099-03-01 }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor mailer {
//!   name    "Newsletter-Dienst GmbH"
//!   country DE
//!   avv { signed 2026-01-15  expires 2028-01-14 }
//! }
//!
//! activity newsletter {
//!   processors [mailer]
//!   dpia { done 2025-12-01  document "dsfa/newsletter.pdf" }
//! }
//! ```
//!
//! ## How to fix
//!
//! Correct the date to the day it actually happened. If it has not happened yet, do not record it
//! as done: remove the date until the contract is signed or the assessment is finished — and
//! do not start the processing (or use the processor) before.

use ropa_analysis::model::ItemHeader;
use ropa_analysis::{Location, Severity};
use ropa_syntax::{Date, TextRange};

use crate::registry::{Category, Rule};
use crate::rules::processors::used_processors;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "future-date",
    category: Category::Syntax,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "",
    summary: "a contract signed or an assessment done after today",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    // Processors are reported once, not per activity that uses them.
    for (_, p, _) in used_processors(ctx) {
        let agreements = [
            (p.avv.as_ref().map(|a| (a.key, a.signed)), "the AVV"),
            (
                p.joint_agreement.as_ref().map(|a| (a.key, a.signed)),
                "the joint-control agreement",
            ),
            (
                p.transfer.as_ref().map(|t| (t.key, t.signed)),
                "the transfer safeguard",
            ),
        ];
        for (block, what) in agreements {
            if let Some((key, Some(date))) = block {
                let subject = format!("{what} with `{}` is recorded as signed", p.header.id());
                report(
                    ctx, sink, &p.header, key, "signed", date, &subject, "signed",
                );
            }
        }
        if let Some((key, Some(date))) = p.avv.as_ref().map(|a| (a.key, a.accepted)) {
            let subject = format!("the AVV with `{}` is recorded as accepted", p.header.id());
            report(
                ctx, sink, &p.header, key, "accepted", date, &subject, "accepted",
            );
        }
        let tia = p.transfer.as_ref().and_then(|t| t.tia.as_ref());
        if let Some((key, Some(date))) = tia.map(|t| (t.key, t.done)) {
            let subject = format!(
                "the transfer impact assessment for `{}` is recorded as done",
                p.header.id()
            );
            report(ctx, sink, &p.header, key, "done", date, &subject, "done");
        }
    }
    for activity in ctx.activities() {
        let id = activity.header.id();
        let review = activity.ai.as_ref().and_then(|ai| ai.bias_review.as_ref());
        let assessments = [
            (activity.dpia.as_ref(), "the DPIA"),
            (review, "the bias review"),
        ];
        for (dated, what) in assessments {
            if let Some((key, Some(date))) = dated.map(|d| (d.key, d.done)) {
                let subject = format!("{what} of activity `{id}` is recorded as done");
                report(
                    ctx,
                    sink,
                    &activity.header,
                    key,
                    "done",
                    date,
                    &subject,
                    "done",
                );
            }
        }
    }
}

/// Reports `date` (the value of `key` in the block at `block`) if it lies after today.
#[allow(clippy::too_many_arguments)]
fn report(
    ctx: &Context,
    sink: &mut Sink,
    header: &ItemHeader,
    block: TextRange,
    key: &str,
    date: Date,
    subject: &str,
    done: &str,
) {
    if date <= ctx.today {
        return;
    }
    // The date as written; the block's key if the write was not recorded.
    let range = header
        .written(block, key)
        .and_then(|w| w.value())
        .unwrap_or(block);
    sink.report(
        &RULE,
        Location {
            file: header.file,
            range,
        },
        format!(
            "{subject} on {date}, after today ({}); correct the date, or remove it until it is {done}",
            ctx.today
        ),
    );
}
