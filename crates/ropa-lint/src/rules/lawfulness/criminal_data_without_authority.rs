//! # `criminal-data-without-authority`
//!
//! **Category:** lawfulness · **Default severity:** error · **Reference:** Art. 10 GDPR
//!
//! ## What it checks
//!
//! An activity lists data relating to criminal convictions and offences in `data` — the built-in
//! `criminal_records` or a declared category with `criminal true` — while its legal basis is
//! neither `legal_obligation` nor `public_task`. There is one finding per such category. (Without
//! a valid `legal_basis` the rule stays silent: that is reported on its own.)
//!
//! ## Why
//!
//! Personal data relating to criminal convictions and offences may be processed only under the
//! control of official authority, or where Union or Member State law authorises it with
//! appropriate safeguards for the rights and freedoms of the people concerned (Art. 10 GDPR).
//! Consent, a contract or a legitimate interest cannot stand in for that authorisation. A
//! comprehensive register of criminal convictions may be kept only under official authority.
//!
//! ## Legal reference
//!
//! Art. 10 GDPR, read with Art. 6(1)(c), 6(1)(e) and 6(3).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity applicant_screening {
//!   title       "Überprüfung von Bewerbungen"
//!   purpose     "Prüfung von Vorstrafen vor der Einstellung"
//!   subjects    [applicants]
//!   data        [identity, criminal_records]
//!   legal_basis consent { mechanism "Unterschrift im Bewerbungsbogen"  withdrawal "E-Mail an HR" }
//!   retention   6 months
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity applicant_screening {
//!   title       "Erweitertes Führungszeugnis für die Kinder- und Jugendarbeit"
//!   purpose     "Tätigkeitsausschluss einschlägig vorbestrafter Personen"
//!   subjects    [applicants]
//!   data        [identity, criminal_records]
//!   legal_basis legal_obligation { law "§ 72a SGB VIII" }
//!   retention   6 months
//! }
//! ```
//!
//! ## How to fix
//!
//! Name the law that authorises the processing: `legal_basis legal_obligation { law "…" }` (or
//! `public_task` for a public body). If there is no such law, do not process the data — remove
//! the category from `data`.

use ropa_analysis::model::{BasisKind, CategoryRef, Target};
use ropa_analysis::{Location, Severity};

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "criminal-data-without-authority",
    category: Category::Lawfulness,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 10 GDPR",
    summary: "criminal-offence data without a legal obligation or public task as basis",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        // Absent or invalid basis: reported by `missing-legal-basis` or `invalid-value`.
        let Some(basis) = activity.basis_kinds().next() else {
            continue;
        };
        if activity
            .basis_kinds()
            .any(|k| matches!(k, BasisKind::LegalObligation | BasisKind::PublicTask))
        {
            continue;
        }
        let h = &activity.header;
        for r in ctx.criminal_data(activity) {
            let d = sink.report(
                &RULE,
                Location {
                    file: h.file,
                    range: r.range,
                },
                format!(
                    "activity `{}` processes `{}`, data on criminal convictions and offences, on \
                     the basis of `{}`; Art. 10 allows this only under official authority or \
                     where a law authorises it: name that law with \
                     `legal_basis legal_obligation {{ law \"…\" }}` (or use `public_task`), or \
                     remove the category",
                    h.id(),
                    r.name,
                    basis.keyword()
                ),
            );
            if let Some(Target::Category(CategoryRef::Declared(c))) = r.target {
                let def = &ctx.ws.category(c).header;
                d.with_related_mut(
                    def.anchor(),
                    format!("`{}` is declared `criminal true` here", def.id()),
                );
            }
        }
    }
}
