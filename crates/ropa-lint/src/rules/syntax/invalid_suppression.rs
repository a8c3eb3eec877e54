//! # `invalid-suppression`
//!
//! **Category:** syntax · **Default severity:** warning
//!
//! ## What it checks
//!
//! Reports a `// ropa-ignore` comment that gives no reason, names a rule that does not exist, names
//! no rule, or does not stand on its own line. An invalid suppression suppresses nothing.
//!
//! ## Why
//!
//! A suppression is a documented decision: its reason is what an auditor or a colleague reads later
//! (accountability, Art. 5(2) GDPR).
//!
//! ## Legal reference
//!
//! None: this rule is about the record itself. A record that cannot be read reliably cannot
//! demonstrate compliance either (Art. 5(2), 30 GDPR).
//!
//! ## Example that fails
//!
//! ```ropa
//! // ropa-ignore missing-retention
//! activity archive {
//!   title "Archiv"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! // ropa-ignore missing-retention: kept for the statutory period, see § 147 AO
//! activity archive {
//!   title "Archiv"
//! }
//! ```
//!
//! ## How to fix
//!
//! Write `// ropa-ignore RULE[, RULE…]: reason` on its own line, directly above the item or field.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "invalid-suppression",
    category: Category::Syntax,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "",
    summary: "a ropa-ignore comment without a reason or naming an unknown rule",
    source: "",
    check,
};

/// Reported by the suppression pass (`run.rs`). Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
