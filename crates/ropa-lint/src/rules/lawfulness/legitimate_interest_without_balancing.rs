//! # `legitimate-interest-without-balancing`
//!
//! **Category:** lawfulness · **Default severity:** error · **Reference:** Art. 6(1)(f), 13(1)(d) GDPR
//!
//! ## What it checks
//!
//! An activity rests on `legal_basis legitimate_interest` but does not state the `interest`
//! pursued, or does not record the `balancing` test, or neither. A missing `interest` is an
//! **error** (a mandatory item of the privacy notice); a missing `balancing` alone is a
//! **warning** (accountability evidence that is not published).
//!
//! ## Why
//!
//! Legitimate interests (Art. 6(1)(f) GDPR) are a lawful basis only after a three-step
//! assessment, done and documented before the processing starts: the interest is lawful,
//! clearly stated and real; the processing is necessary for it; and the interests and rights of
//! the people concerned do not override it (the balancing test: their reasonable expectations,
//! the sensitivity of the data, whether children are affected, the impact). The controller must
//! be able to show this assessment (Art. 5(2)). The interest itself must also be stated in the
//! privacy notice (Art. 13(1)(d), 14(2)(b)). A purely commercial interest can be legitimate
//! (CJEU C-621/22 *KNLTB*), and direct marketing may be one (Recital 47). The EDPB's Guidelines
//! 1/2024 on legitimate interest (version 1.0, adopted for public consultation on 8 Oct 2024)
//! describe the assessment.
//!
//! ## Legal reference
//!
//! Art. 6(1)(f), 13(1)(d), 14(2)(b) and 5(2) GDPR; EDPB Guidelines 1/2024 on processing based on
//! Art. 6(1)(f) GDPR; right to object: Art. 21.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity crm_newsletter {
//!   title       "Bestandskunden-Mailing"
//!   purpose     "Werbung für ähnliche eigene Produkte an Bestandskunden"
//!   subjects    [customers]
//!   data        [identity, contact, purchase_history]
//!   legal_basis legitimate_interest
//!   retention   "bis zum Widerspruch"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity crm_newsletter {
//!   title       "Bestandskunden-Mailing"
//!   purpose     "Werbung für ähnliche eigene Produkte an Bestandskunden"
//!   subjects    [customers]
//!   data        [identity, contact, purchase_history]
//!   legal_basis legitimate_interest {
//!     interest  "Direktwerbung für eigene ähnliche Produkte (§ 7 Abs. 3 UWG)"
//!     balancing "LIA vom 12. Februar 2025, dokumente/lia-bestandskunden.pdf"
//!   }
//!   retention   "bis zum Widerspruch"
//! }
//! ```
//!
//! ## How to fix
//!
//! Write the interest in plain words (`interest "…"`, it appears in the privacy notice) and
//! record where the balancing test is documented (`balancing "…"`). If the balancing comes out
//! against the processing, ask for consent instead.

use ropa_analysis::model::BasisKind;
use ropa_analysis::{Location, Severity};

use super::basis_lacks;
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "legitimate-interest-without-balancing",
    category: Category::Lawfulness,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 6(1)(f), 13(1)(d) GDPR",
    summary: "legitimate interest without the `interest` pursued or the `balancing` test",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        for basis in &activity.legal_bases {
            if !basis.is(BasisKind::LegitimateInterest) {
                continue;
            }
            let no_interest = basis_lacks(activity, basis, basis.interest.as_ref(), "interest");
            let no_balancing = basis_lacks(activity, basis, basis.balancing.as_ref(), "balancing");
            let what = match (no_interest, no_balancing) {
                (true, true) => {
                    "states neither the `interest` pursued nor the `balancing` test: add both, \
                     `legal_basis legitimate_interest { interest \"…\"  balancing \"…\" }`"
                }
                (true, false) => {
                    "does not state the `interest` pursued: add `interest \"…\"` to the \
                     `legitimate_interest` block; the privacy notice must name it"
                }
                (false, true) => {
                    "does not record the `balancing` test: add `balancing \"…\"` to the \
                     `legitimate_interest` block, saying where the documented assessment is"
                }
                (false, false) => continue,
            };
            let d = sink.report(
                &RULE,
                Location {
                    file: activity.header.file,
                    range: basis.key,
                },
                format!(
                    "activity `{}` rests on legitimate interest but {what}",
                    activity.header.id()
                ),
            );
            // The interest is a mandatory item of the notice (Art. 13(1)(d), 14(2)(b)); the
            // balancing test is accountability evidence (Art. 5(2)), not published.
            if !no_interest {
                d.severity = Severity::Warning;
            }
        }
    }
}
