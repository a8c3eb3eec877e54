//! # `employee-consent`
//!
//! **Category:** lawfulness · **Default severity:** warning · **Reference:** Section 26(2) BDSG; Recital 43 GDPR
//!
//! ## What it checks
//!
//! An activity whose subjects include the built-in `employees` or `applicants` rests on consent,
//! but its `legal_basis consent { … }` has no `voluntariness` text saying why the consent is
//! free despite the dependence of employment. The finding points at that `legal_basis` (each
//! consent basis without `voluntariness` once); its quick fix inserts `voluntariness todo`, which
//! `unfinished-value` reports until the reason is written down. (A `voluntariness` written with
//! an invalid value or misspelt is reported on its own.)
//!
//! ## Why
//!
//! Consent is valid only if it is freely given (Art. 4(11), 7(4) GDPR). Where there is a clear
//! imbalance between the person and the controller, consent is unlikely to be free (Recital 43
//! GDPR), and employment is the typical case: employees and applicants may fear disadvantages if
//! they refuse (EDPB Guidelines 05/2020 on consent, section 3.1.1). Member States may lay down
//! the conditions under which employees' consent is valid (Art. 88(1), Recital 155 GDPR);
//! Germany did so in Section 26(2) BDSG: the employee's dependence and the circumstances of the
//! consent must be taken into account, and consent can be free in particular where the
//! employee gains a legal or economic advantage or employer and employee pursue aligned
//! interests. The consent must be given in writing or electronically, and the employer must
//! inform the employee in text form of the purpose and of the right to withdraw. Applicants
//! count as employees (Section 26(8) sentence 2 BDSG). A record that rests processing of staff
//! data on consent should therefore say why the consent is free — or use another basis.
//!
//! ## Legal reference
//!
//! Section 26(2) and (8) sentence 2 BDSG; Art. 4(11), 7(4), 88(1) GDPR; Recitals 43, 155 GDPR; EDPB
//! Guidelines 05/2020 on consent under Regulation 2016/679, section 3.1.1.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity team_photos {
//!   title       "Mitarbeiterfotos auf der Website"
//!   purpose     "Vorstellung des Teams auf unserer Website"
//!   subjects    [employees]
//!   data        [identity, images]
//!   legal_basis consent {
//!     mechanism  "Schriftliche Einwilligung, abgelegt in der Personalakte"
//!     withdrawal "Formlos gegenüber der Personalabteilung"
//!   }
//!   retention   "bis zum Widerruf, spätestens bis zum Ausscheiden"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity team_photos {
//!   title       "Mitarbeiterfotos auf der Website"
//!   purpose     "Vorstellung des Teams auf unserer Website"
//!   subjects    [employees]
//!   data        [identity, images]
//!   legal_basis consent {
//!     mechanism     "Schriftliche Einwilligung, abgelegt in der Personalakte"
//!     withdrawal    "Formlos gegenüber der Personalabteilung"
//!     voluntariness "Freiwillig: wer nicht einwilligt, erscheint ohne Foto; keine Nachteile, Widerruf jederzeit"
//!   }
//!   retention   "bis zum Widerruf, spätestens bis zum Ausscheiden"
//! }
//! ```
//!
//! ## How to fix
//!
//! Say in `voluntariness` why the consent is free: what the employees or applicants gain, or
//! which interests they share with you, and that refusing or withdrawing has no consequences for
//! them. If the processing is needed for the employment relationship or required by law, it does
//! not rest on consent at all: use `legal_basis contract` (Art. 6(1)(b)) or `legal_obligation`.

use ropa_analysis::model::BasisKind;
use ropa_analysis::{Location, Severity};

use super::{basis_lacks, builtin_subject, insert_into_basis};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "employee-consent",
    category: Category::Lawfulness,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Section 26(2) BDSG; Recital 43 GDPR",
    summary: "consent from employees or applicants without `voluntariness`: why it is free",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let Some(staff) = builtin_subject(activity, "employees")
            .or_else(|| builtin_subject(activity, "applicants"))
        else {
            continue;
        };
        for basis in &activity.legal_bases {
            if !basis.is(BasisKind::Consent)
                || !basis_lacks(
                    activity,
                    basis,
                    basis.voluntariness.as_ref(),
                    "voluntariness",
                )
            {
                continue;
            }
            // Why the consent is free is the controller's assessment: `todo` until it is written.
            let fix = insert_into_basis(
                ctx,
                "Add `voluntariness todo` to the consent".to_string(),
                activity,
                basis,
                "voluntariness todo",
            );
            let file = activity.header.file;
            let d = sink
                .report(
                    &RULE,
                    Location {
                        file,
                        range: basis.key,
                    },
                    format!(
                        "activity `{}` rests on the consent of `{}`, who depend on the employer, but does not say why the consent is free: consent in employment is valid only where it is voluntary despite that dependence, e.g. for a legal or economic advantage or aligned interests (Section 26(2) BDSG; Recital 43 GDPR); add `voluntariness \"…\"` to `legal_basis consent {{ … }}`, or rest the processing on another basis",
                        activity.header.id(),
                        staff.name
                    ),
                )
                .with_related_mut(
                    Location {
                        file,
                        range: staff.range,
                    },
                    format!("`{}` are among the subjects here", staff.name),
                );
            d.fixes.extend(fix);
        }
    }
}
