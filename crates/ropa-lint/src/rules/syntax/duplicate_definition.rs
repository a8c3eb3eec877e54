//! # `duplicate-definition`
//!
//! **Category:** syntax · **Default severity:** error
//!
//! ## What it checks
//!
//! Reports an id that is defined twice in the workspace (in the same or different files), a
//! `category` or `subject` that redeclares a built-in one, and a second `controller`.
//!
//! ## Why
//!
//! References must be unambiguous: an activity that uses `openai` must mean one processor. A
//! workspace describes one controller (Art. 30(1)(a) GDPR).
//!
//! ## Legal reference
//!
//! None: this rule is about the record itself. A record that cannot be read reliably cannot
//! demonstrate compliance either (Art. 5(2), 30 GDPR).
//!
//! ## Example that fails
//!
//! ```ropa
//! processor openai { name "OpenAI Ireland Ltd."  country IE }
//! processor openai { name "OpenAI, L.L.C."  country US }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor openai    { name "OpenAI Ireland Ltd."  country IE }
//! processor openai_us { name "OpenAI, L.L.C."  country US }
//! ```
//!
//! ## How to fix
//!
//! Rename or remove the second definition. Use built-in categories and subjects without declaring
//! them.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "duplicate-definition",
    category: Category::Syntax,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "",
    summary: "an id defined twice, a redeclared built-in, or a second controller",
    source: "",
    check,
};

/// Reported by name resolution (`ropa-analysis`). Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
