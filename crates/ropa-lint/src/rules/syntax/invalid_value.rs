//! # `invalid-value`
//!
//! **Category:** syntax · **Default severity:** error
//!
//! ## What it checks
//!
//! Reports a value the key does not accept: the wrong type (a string where a date is expected), an
//! unknown keyword (`legal_basis consnet`), an impossible date (`2024-02-30`), an unknown ISO
//! 3166-1 country code or ISO 639-1 language code, a bad escape in a string, or a text block that
//! does not start with a line break.
//!
//! ## Why
//!
//! A value that cannot be understood cannot be checked: the rules that depend on it stay silent
//! until it is fixed (no derived findings), so it must be reported itself.
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
//!   name    "Hosting GmbH"
//!   country Germany
//!   avv { signed 2024-02-30 }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor hosting {
//!   name    "Hosting GmbH"
//!   country DE
//!   avv { signed 2024-02-29 }
//! }
//! ```
//!
//! ## How to fix
//!
//! Write the value in the form the message names: dates as YYYY-MM-DD, countries as ISO codes
//! (`DE`, `IE`, `US`), keywords as listed by the hover and by `ropa explain`.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "invalid-value",
    category: Category::Syntax,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "",
    summary: "a value of the wrong type, an unknown keyword, an impossible date or an unknown code",
    source: "",
    check,
};

/// Reported while lowering the file against the schema (`ropa-analysis`). Nothing to do here.
fn check(_: &Context, _: &mut Sink) {}
