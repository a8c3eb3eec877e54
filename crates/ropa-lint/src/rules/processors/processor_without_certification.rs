//! # `processor-without-certification`
//!
//! **Category:** processors · **Default severity:** info (off by default) · **Reference:** Art. 28(1), (5) GDPR
//!
//! ## What it checks
//!
//! A used processor — listed in an activity's `processors`, named as `ai { provider }`, or
//! reachable through `subprocessors` — lists no `certifications` (the key is absent or the list
//! is empty). Only recipients with `role processor` (the default) are checked: Art. 28(1) is
//! about choosing processors, not joint or independent controllers. The finding is reported once
//! per processor, at its id, however many activities use it.
//!
//! ## Why
//!
//! A controller may only use processors "providing sufficient guarantees" of appropriate
//! technical and organisational measures (Art. 28(1)), and must be able to show how it checked
//! them (Art. 5(2)). Adherence to an approved code of conduct (Art. 40) or an approved
//! certification mechanism (Art. 42, e.g. Europrivacy) can be used as an element to demonstrate
//! those guarantees (Art. 28(5)). ISO/IEC 27001, SOC 2 or BSI C5 are private attestations, not
//! GDPR certifications; they are still useful evidence of the processor's security, and the list
//! accepts them. Without any, the record does not show how the processor's security was
//! assessed. This is information, not a violation: an own audit or a review of the processor's
//! TOMs is equally valid — say so in a suppression.
//!
//! The rule is **off by default**: a review of 41 real records found every one of its findings
//! to be noise (`shared/domain/LEGAL-REVIEW.md`, CHANGES-2026-12 §2). Turn it on with
//! `processor-without-certification = "info"` under `[rules]` in `ropa.toml`.
//!
//! ## Legal reference
//!
//! Art. 28(1) GDPR (sufficient guarantees), Art. 28(5) (approved codes of conduct and
//! certifications as an element to demonstrate them), Art. 40, 42.
//!
//! ## Example that fails
//!
//! ```ropa
//! processor mailer {
//!   name    "Newsletter-Versand GmbH"
//!   country DE
//!   avv { signed 2024-03-01 }
//! }
//!
//! activity newsletter {
//!   processors [mailer]
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor mailer {
//!   name    "Newsletter-Versand GmbH"
//!   country DE
//!   avv { signed 2024-03-01 }
//!   certifications [iso27001]
//! }
//!
//! activity newsletter {
//!   processors [mailer]
//! }
//! ```
//!
//! ## How to fix
//!
//! Ask the processor for its certificates or audit reports and list them, e.g.
//! `certifications [iso27001, soc2, c5]`. If you assess the processor another way (own audit,
//! TOM review), suppress the finding with a reason:
//! `// ropa-ignore processor-without-certification: TOMs geprüft am 2026-03-01`.

use ropa_analysis::Severity;

use super::{describe_users, is_plain_processor, used_processors};
use crate::registry::{Category, Rule};
use crate::rules::ai::written;
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "processor-without-certification",
    category: Category::Processors,
    severity: Severity::Info,
    enabled_by_default: false,
    reference: "Art. 28(1), (5) GDPR",
    summary: "a used processor lists no certifications",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (_, p, activities) in used_processors(ctx) {
        if !is_plain_processor(ctx, p) {
            continue;
        }
        let none = match &p.certifications {
            None => !item_writes(&p.header, "certifications"),
            // An empty list in the model is either `[]` or a value that was invalid (reported).
            Some(list) => list.is_empty() && written_empty_list(ctx, p),
        };
        if !none {
            continue;
        }
        sink.report(
            &RULE,
            p.header.anchor(),
            format!(
                "processor `{}` (used by {}) lists no certifications; record how its guarantees were checked, e.g. `certifications [iso27001]` (Art. 28(1))",
                p.header.id(),
                describe_users(activities),
            ),
        );
    }
}

/// Whether `certifications` is written as an empty list `[]`.
fn written_empty_list(ctx: &Context, p: &ropa_analysis::model::Processor) -> bool {
    written(ctx, &p.header, p.header.anchor().range, "certifications")
        .and_then(|w| w.value)
        .is_some_and(|v| {
            let inner: String = v.chars().filter(|c| !c.is_whitespace()).collect();
            inner == "[]"
        })
}
