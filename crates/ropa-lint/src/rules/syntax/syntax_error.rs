//! # `syntax-error`
//!
//! **Category:** syntax · **Default severity:** error
//!
//! ## What it checks
//!
//! Reports every place where the parser had to recover: an unexpected token (an ERROR node) or a
//! token it had to assume (a MISSING node, such as a `}` at the end of the file). The message says
//! what was expected there. A file that is not valid UTF-8 is reported here too.
//!
//! ## Why
//!
//! A broken line must not hide the rest of the record: ropa recovers locally, so the other fields
//! and items of the file are still checked, but the broken part is not part of the record until it
//! is fixed.
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
//!   title "Newsletter"
//!   %%%
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity newsletter {
//!   title "Newsletter"
//! }
//! ```
//!
//! ## How to fix
//!
//! Correct the syntax at the reported place; the message names what the parser expected there (a
//! field, a value, a closing `}` or `"`).

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "syntax-error",
    category: Category::Syntax,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "",
    summary: "the parser had to recover from a syntax error",
    source: "",
    check,
};

/// Reported by the parser (`ropa-syntax`); the analysis turns each syntax error into a finding. Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
