//! # `unused-definition`
//!
//! **Category:** syntax · **Default severity:** info
//!
//! ## What it checks
//!
//! Reports a declared processor, category or subject that nothing references: no activity lists it,
//! no activity names it as `ai { provider }`, and no processor or `client` lists it in
//! `subprocessors`. Editors show it faded out.
//!
//! ## Why
//!
//! A processor in the record that no activity uses is either stale (remove it, and perhaps end its
//! contract) or an activity is missing from the record.
//!
//! ## Legal reference
//!
//! None: this rule is about the record itself. A record that cannot be read reliably cannot
//! demonstrate compliance either (Art. 5(2), 30 GDPR).
//!
//! ## Example that fails
//!
//! ```ropa
//! processor old_agency { name "Alte Agentur GmbH"  country DE }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor agency { name "Agentur GmbH"  country DE  avv { signed 2024-01-10 } }
//!
//! activity campaigns {
//!   processors [agency]
//! }
//! ```
//!
//! ## How to fix
//!
//! Reference it from the activity that uses it, or remove it.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "unused-definition",
    category: Category::Syntax,
    severity: Severity::Info,
    enabled_by_default: true,
    reference: "",
    summary: "a processor, category or subject that nothing references",
    source: "",
    check,
};

/// Reported by name resolution (`ropa-analysis`). Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
