//! # `duplicate-field`
//!
//! **Category:** syntax · **Default severity:** error
//!
//! ## What it checks
//!
//! Reports the second occurrence of a key in the same block, and a language given twice in a
//! language block. The repeatable keys — activity `legal_basis` and `retention`,
//! `device_access { cookie }` — may be given more than once: each occurrence stands on its own.
//!
//! ## Why
//!
//! Only the first value counts; a second one usually means that two people edited the record and
//! one edit is lost.
//!
//! ## Legal reference
//!
//! None: this rule is about the record itself. A record that cannot be read reliably cannot
//! demonstrate compliance either (Art. 5(2), 30 GDPR).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity newsletter {
//!   purpose "Versand des Newsletters"
//!   purpose "Versand des Rundbriefs"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity newsletter {
//!   purpose "Versand des Newsletters"
//!   retention 2 years { data [contact] }
//!   retention 1 year { data [usage] }
//! }
//! ```
//!
//! ## How to fix
//!
//! Keep one of the two fields.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "duplicate-field",
    category: Category::Syntax,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "",
    summary: "a key given twice in one block",
    source: "",
    check,
};

/// Reported while lowering the file against the schema (`ropa-analysis`). Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
