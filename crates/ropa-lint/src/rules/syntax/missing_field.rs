//! # `missing-field`
//!
//! **Category:** syntax · **Default severity:** error
//!
//! ## What it checks
//!
//! Reports a required key of [the language](../language.md) that is absent: an activity without
//! `title`, `purpose`, `subjects` or `data`; a processor without `name` or `country`; a controller
//! without `name`, `address` or `email`; an `avv` without `signed`; an item without its id. Keys
//! with a rule of their own (`legal_basis`, `retention`, `notice`, `source`, `special_basis`) are
//! reported by that rule instead, and a key that is present but misspelt is reported once, as
//! `unknown-field`.
//!
//! ## Why
//!
//! The record of processing activities must contain these facts (Art. 30(1) GDPR), and the privacy
//! notice is generated from them (Art. 13, 14 GDPR).
//!
//! ## Legal reference
//!
//! None: this rule is about the record itself. A record that cannot be read reliably cannot
//! demonstrate compliance either (Art. 5(2), 30 GDPR).
//!
//! ## Example that fails
//!
//! ```ropa
//! processor hosting {
//!   name "Hosting GmbH"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor hosting {
//!   name    "Hosting GmbH"
//!   country DE
//! }
//! ```
//!
//! ## How to fix
//!
//! Add the key the message names. The finding points at the item's id, or at the key of a nested
//! block (`avv`, `dpo`).

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-field",
    category: Category::Syntax,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "",
    summary: "a required key is absent",
    source: "",
    check,
};

/// Reported while lowering the file against the schema (`ropa-analysis`). Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
