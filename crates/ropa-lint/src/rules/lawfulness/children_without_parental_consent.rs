//! # `children-without-parental-consent`
//!
//! **Category:** lawfulness · **Default severity:** error · **Reference:** Art. 8 GDPR
//!
//! ## What it checks
//!
//! An activity whose subjects include the built-in `children` rests on consent, but its
//! `legal_basis consent { … }` has no `parental` text saying how the holder of parental
//! responsibility gives or authorises the consent. The finding points at that `legal_basis`
//! (each consent basis without `parental` once); its quick fix inserts `parental todo`, which
//! `unfinished-value` reports until the procedure is written down. (A `parental` written with an
//! invalid value or misspelt is reported on its own.)
//!
//! ## Why
//!
//! Where an information society service — a website, an app, an online game — is offered
//! directly to a child and the processing rests on consent, the child's own consent suffices
//! only from the age of 16; below it, the processing is lawful only if and to the extent that
//! consent is given or authorised by the holder of parental responsibility (Art. 8(1) GDPR).
//! Germany has not lowered the age. The controller must make reasonable efforts, taking
//! available technology into account, to verify that it was (Art. 8(2) GDPR). Outside such
//! services the GDPR sets no age: whether a child can consent alone depends on whether they can
//! understand what they consent to, and where they cannot, the parents consent for them.
//! Either way the record must say how consent is obtained from or for the children, since the
//! controller has to demonstrate it (Art. 7(1) GDPR), and children merit specific protection
//! (Recital 38).
//!
//! ## Legal reference
//!
//! Art. 8(1), (2) GDPR; Art. 7(1) GDPR; Recital 38 GDPR.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity kids_newsletter {
//!   title       "Kinder-Newsletter"
//!   purpose     "Rätsel und Spieletipps per E-Mail"
//!   subjects    [children]
//!   data        [identity, contact]
//!   legal_basis consent {
//!     mechanism  "Double-Opt-in"
//!     withdrawal "Abmeldelink in jeder E-Mail"
//!   }
//!   retention   "bis zur Abmeldung"
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity kids_newsletter {
//!   title       "Kinder-Newsletter"
//!   purpose     "Rätsel und Spieletipps per E-Mail"
//!   subjects    [children]
//!   data        [identity, contact]
//!   legal_basis consent {
//!     mechanism  "Double-Opt-in"
//!     withdrawal "Abmeldelink in jeder E-Mail"
//!     parental   "Unter 16 Jahren bestätigt ein Elternteil die Anmeldung über einen Link an seine eigene E-Mail-Adresse; protokolliert"
//!   }
//!   retention   "bis zur Abmeldung"
//! }
//! ```
//!
//! ## How to fix
//!
//! Describe in `parental` how the holder of parental responsibility consents or approves for
//! children under 16 and how that is checked (for example a confirmation sent to a parent's own
//! address, an age check before registration), or — where the children consent themselves — from
//! which age and why they can.

use ropa_analysis::model::BasisKind;
use ropa_analysis::{Location, Severity};

use super::{basis_lacks, builtin_subject, insert_into_basis};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "children-without-parental-consent",
    category: Category::Lawfulness,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 8 GDPR",
    summary: "consent of children without `parental`: how parents give or authorise it",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let Some(children) = builtin_subject(activity, "children") else {
            continue;
        };
        for basis in &activity.legal_bases {
            if !basis.is(BasisKind::Consent)
                || !basis_lacks(activity, basis, basis.parental.as_ref(), "parental")
            {
                continue;
            }
            // How parents consent is the controller's procedure: `todo` until it is written.
            let fix = insert_into_basis(
                ctx,
                "Add `parental todo` to the consent".to_string(),
                activity,
                basis,
                "parental todo",
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
                        "activity `{}` rests on consent and concerns children, but does not say how the holder of parental responsibility gives or authorises it: for an information society service offered to a child under 16, consent is lawful only that way (Art. 8(1) GDPR), verified with reasonable efforts (Art. 8(2) GDPR); add `parental \"…\"` to `legal_basis consent {{ … }}`",
                        activity.header.id()
                    ),
                )
                .with_related_mut(
                    Location {
                        file,
                        range: children.range,
                    },
                    "children are among the subjects here",
                );
            d.fixes.extend(fix);
        }
    }
}
