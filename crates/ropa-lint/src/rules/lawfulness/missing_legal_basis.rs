//! # `missing-legal-basis`
//!
//! **Category:** lawfulness · **Default severity:** error · **Reference:** Art. 6(1) GDPR
//!
//! ## What it checks
//!
//! An activity has no `legal_basis` key. (An unknown basis such as `legal_basis consnet` is
//! reported by `invalid-value`, a misspelt key by `unknown-field`; the rules that depend on the
//! basis stay silent until it is fixed.)
//!
//! ## Why
//!
//! Processing personal data is lawful only if at least one of the six grounds of Art. 6(1) GDPR
//! applies: consent (a), contract (b), legal obligation (c), vital interests (d), public task (e)
//! or legitimate interests (f). The ground must be chosen before the processing starts, be named
//! in the privacy notice (Art. 13(1)(c), 14(1)(c)) and cannot simply be swapped later. Many other
//! duties follow from it: consent must be demonstrable and withdrawable (Art. 7), legitimate
//! interests need a balancing test and give a right to object (Art. 21).
//!
//! ## Legal reference
//!
//! Art. 6(1) GDPR; Art. 5(1)(a) (lawfulness), 13(1)(c) and 14(1)(c) (information).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity newsletter {
//!   title     "Newsletter"
//!   purpose   "Versand unseres monatlichen Newsletters"
//!   subjects  [newsletter_subscribers]
//!   data      [contact]
//!   retention "bis zur Abmeldung"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity newsletter {
//!   title       "Newsletter"
//!   purpose     "Versand unseres monatlichen Newsletters"
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent { mechanism "Double-Opt-in"  withdrawal "Abmeldelink in jeder E-Mail" }
//!   retention   "bis zur Abmeldung"
//! }
//! ```
//!
//! ## How to fix
//!
//! Add `legal_basis` with one of `consent`, `contract`, `legal_obligation`, `vital_interests`,
//! `public_task` or `legitimate_interest`, and the block that documents it, e.g.
//! `legal_basis consent { mechanism "…"  withdrawal "…" }` or
//! `legal_basis legitimate_interest { interest "…"  balancing "…" }`. Marketing usually rests on
//! consent or legitimate interests; personalised advertising generally cannot rest on a contract
//! (CJEU C-252/21 *Meta v Bundeskartellamt*).

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-legal-basis",
    category: Category::Lawfulness,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 6(1) GDPR",
    summary: "an activity names no legal basis under Art. 6(1)",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let h = &activity.header;
        if !activity.legal_bases.is_empty() || h.misspelled("legal_basis") {
            continue;
        }
        sink.report(
            &RULE,
            h.anchor(),
            format!(
                "activity `{}` has no `legal_basis`: name the Art. 6(1) ground it rests on \
                 (`consent`, `contract`, `legal_obligation`, `vital_interests`, `public_task` or \
                 `legitimate_interest`)",
                h.id()
            ),
        );
    }
}
