//! # `unresolved-reference`
//!
//! **Category:** syntax · **Default severity:** error
//!
//! ## What it checks
//!
//! Reports a reference (in `processors`, `subprocessors`, `ai { provider }`, `data`, `subjects`) to
//! an id that no item of the expected kind defines, and suggests the nearest one.
//!
//! ## Why
//!
//! An activity that names a processor nobody declared has no AVV, country or safeguard that could
//! be checked: the record is incomplete. The rules that would follow the reference stay silent
//! until it resolves.
//!
//! ## Legal reference
//!
//! None: this rule is about the record itself. A record that cannot be read reliably cannot
//! demonstrate compliance either (Art. 5(2), 30 GDPR).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity chatbot {
//!   processors [opneai]
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor openai {
//!   name    "OpenAI Ireland Ltd."
//!   country IE
//!   avv     { signed 2025-02-01 }
//! }
//!
//! activity chatbot {
//!   processors [openai]
//! }
//! ```
//!
//! ## How to fix
//!
//! Fix the spelling (the quick fix applies the suggestion) or declare the missing item.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "unresolved-reference",
    category: Category::Syntax,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "",
    summary: "a reference to an id that is not defined",
    source: "",
    check,
};

/// Reported by name resolution (`ropa-analysis`). Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
