//! # `unused-suppression`
//!
//! **Category:** syntax · **Default severity:** warning
//!
//! ## What it checks
//!
//! Reports a valid `// ropa-ignore` comment that suppressed no finding: the problem was fixed, the
//! rule does not fire there, or the comment is not directly above an item or field. Suppressions of
//! rules that are turned off are not reported.
//!
//! ## Why
//!
//! Stale suppressions hide future problems of the same kind; removing them keeps the record honest.
//!
//! ## Legal reference
//!
//! None: this rule is about the record itself. A record that cannot be read reliably cannot
//! demonstrate compliance either (Art. 5(2), 30 GDPR).
//!
//! ## Example that fails
//!
//! ```ropa
//! // ropa-ignore missing-avv: contract under negotiation
//! processor agency { name "Agentur GmbH"  country DE  avv { signed 2024-01-10 } }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor agency { name "Agentur GmbH"  country DE  avv { signed 2024-01-10 } }
//! ```
//!
//! ## How to fix
//!
//! Remove the comment (the quick fix does), or move it directly above the item or field it is meant
//! for.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "unused-suppression",
    category: Category::Syntax,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "",
    summary: "a ropa-ignore comment that suppressed nothing",
    source: "",
    check,
};

/// Reported by the suppression pass (`run.rs`). Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
