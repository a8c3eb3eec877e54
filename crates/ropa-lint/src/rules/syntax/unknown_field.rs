//! # `unknown-field`
//!
//! **Category:** syntax · **Default severity:** error
//!
//! ## What it checks
//!
//! Reports a key that [the language](../language.md) does not allow in the block it appears in, and
//! suggests the nearest valid key.
//!
//! ## Why
//!
//! A misspelt key is silently ignored by every reader of the record: a `purpse` is no purpose.
//! Catching it keeps the record complete.
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
//!   purpse "Versand des Newsletters"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity newsletter {
//!   purpose "Versand des Newsletters"
//! }
//! ```
//!
//! ## How to fix
//!
//! Use the suggested key (the quick fix replaces it), or remove the field.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "unknown-field",
    category: Category::Syntax,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "",
    summary: "a key that this block does not allow",
    source: "",
    check,
};

/// Reported while lowering the file against the schema (`ropa-analysis`). Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
