//! # `ambiguous-legal-basis`
//!
//! **Category:** lawfulness · **Default severity:** error · **Reference:** Art. 6(1), 13(1)(c) GDPR
//!
//! ## What it checks
//!
//! An activity has two or more `legal_basis`, and one of them does not say with `for` which part
//! of the processing (a purpose, or some of the data) rests on it. The finding points at each
//! basis without `for`.
//!
//! ## Why
//!
//! Every processing operation needs one legal basis, chosen before it starts, and the privacy
//! notice must say which basis covers which purpose (Art. 13(1)(c)). A contact form may rest
//! its required fields on the contract and an optional phone number on consent; that is two
//! parts, each with its basis. "Consent, otherwise legitimate interest" is not: the controller
//! cannot fall back on another basis when consent is refused or withdrawn, which would mislead
//! people about their choice (EDPB Guidelines 05/2020 on consent, paras. 121–123). Without `for`,
//! the record and the generated policy cannot say which basis applies to what.
//!
//! ## Legal reference
//!
//! Art. 6(1), 13(1)(c) GDPR; EDPB Guidelines 05/2020 on consent under Regulation 2016/679,
//! paras. 121–123.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity kontaktformular {
//!   title       "Kontaktformular"
//!   purpose     "Beantwortung von Anfragen"
//!   subjects    [prospects]
//!   data        [identity, contact]
//!   legal_basis contract
//!   legal_basis consent { mechanism "Checkbox"  withdrawal "E-Mail an uns" }
//!   retention   6 months
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity kontaktformular {
//!   title       "Kontaktformular"
//!   purpose     "Beantwortung von Anfragen"
//!   subjects    [prospects]
//!   data        [identity, contact]
//!   legal_basis contract { for "Pflichtangaben (Name, E-Mail-Adresse)" }
//!   legal_basis consent {
//!     for        "freiwillige Angaben (Telefonnummer)"
//!     mechanism  "Checkbox"
//!     withdrawal "E-Mail an uns"
//!   }
//!   provision   required_for_contract
//!   retention   6 months
//! }
//! ```
//!
//! ## How to fix
//!
//! Give each basis the part it covers with `for "…"`. If one basis is only a fallback for the
//! other, remove it: the processing rests on one basis. The quick fix inserts `for todo`.

use ropa_analysis::Severity;
use ropa_analysis::model::BasisKind;

use super::{basis_lacks, insert_into_basis};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "ambiguous-legal-basis",
    category: Category::Lawfulness,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 6(1), 13(1)(c) GDPR",
    summary: "several legal bases, and one does not say which part of the processing it covers",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let count = activity.legal_bases.len();
        if count < 2 {
            continue;
        }
        for basis in &activity.legal_bases {
            if !basis_lacks(activity, basis, basis.covers.as_ref(), "for") {
                continue;
            }
            let kind = basis.kind.as_ref().map_or("", |k| k.value.keyword());
            let fix = insert_into_basis(
                ctx,
                "Add `for todo`".to_string(),
                activity,
                basis,
                "for todo",
            );
            let fallback = if basis.is(BasisKind::Consent) {
                "; a basis cannot stand in when consent is refused or withdrawn"
            } else {
                ""
            };
            let d = sink.report(
                &RULE,
                ropa_analysis::Location {
                    file: activity.header.file,
                    range: basis.key,
                },
                format!(
                    "activity `{}` has {count} legal bases, but `legal_basis {kind}` does not say \
                     which part of the processing rests on it: add `for \"…\"` (the purpose or the \
                     data it covers){fallback}",
                    activity.header.id()
                ),
            );
            d.fixes.extend(fix);
        }
    }
}
