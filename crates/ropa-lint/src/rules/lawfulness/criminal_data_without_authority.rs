//! # `criminal-data-without-authority`
//!
//! **Category:** lawfulness · **Default severity:** error · **Reference:** Art. 10 GDPR
//!
//! ## What it checks
//!
//! An activity lists data relating to criminal convictions and offences in `data` — the built-in
//! `criminal_records` or a declared category with `criminal true` — but has no `criminal_basis`:
//! neither `criminal_basis official_authority` nor `criminal_basis { law "…" }`. This is checked
//! whatever the Art. 6(1) legal basis is. There is one finding per such category. (A
//! `criminal_basis` written with an invalid value or `todo` is reported by `invalid-value` or
//! `unfinished-value`.)
//!
//! ## Why
//!
//! Art. 10 GDPR applies to processing of such data "based on Article 6(1)" and adds a second
//! requirement on top of that basis: the processing must be carried out under the control of
//! official authority, or be authorised by Union or Member State law providing for appropriate
//! safeguards. A legal obligation under Art. 6(1)(c) is neither necessary nor sufficient: a tax
//! law that obliges a company to keep invoices does not authorise it to collect criminal
//! records, while an employer may rely on a contract (Art. 6(1)(b)) together with an authorising
//! provision such as § 72a SGB VIII (with § 30a BZRG) for the extended certificate of conduct in
//! youth work. Consent alone does not authorise the processing (the prevailing reading of
//! Art. 10). A comprehensive register of criminal convictions may be kept only under the control
//! of official authority.
//!
//! ## Legal reference
//!
//! Art. 10 GDPR.
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
//! activity youth_work_screening {
//!   title          "Erweitertes Führungszeugnis für die Kinder- und Jugendarbeit"
//!   purpose        "Tätigkeitsausschluss einschlägig vorbestrafter Personen"
//!   subjects       [applicants]
//!   data           [identity, criminal_records]
//!   legal_basis    contract
//!   criminal_basis { law "§ 72a SGB VIII, § 30a BZRG" }
//!   retention      6 months
//! }
//! ```
//!
//! ## How to fix
//!
//! Name what authorises the processing of these data: `criminal_basis { law "…" }` with the
//! provision of Union or Member State law (for example § 72a SGB VIII, § 26 Abs. 1 Satz 2 BDSG,
//! § 25h KWG), or `criminal_basis official_authority` for processing under the control of
//! official authority. If there is no such authorisation, do not process the data — remove the
//! category from `data`.

use ropa_analysis::model::{CategoryRef, Target};
use ropa_analysis::{Location, Severity};

use crate::registry::{Category, Rule};
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "criminal-data-without-authority",
    category: Category::Lawfulness,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 10 GDPR",
    summary: "criminal-offence data without the authorisation Art. 10 requires",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let h = &activity.header;
        // Written (also invalid, misspelt or `todo`): reported on its own if it is wrong.
        if activity.criminal_basis.is_some() || item_writes(h, "criminal_basis") {
            continue;
        }
        for r in ctx.criminal_data(activity) {
            let d = sink.report(
                &RULE,
                Location {
                    file: h.file,
                    range: r.range,
                },
                format!(
                    "activity `{}` processes `{}`, data on criminal convictions and offences, but \
                     names nothing that authorises it; beside its Art. 6(1) basis, Art. 10 needs \
                     official authority or a law that allows it (consent alone is not enough): \
                     add `criminal_basis {{ law \"…\" }}` or `criminal_basis official_authority`, \
                     or remove the category",
                    h.id(),
                    r.name,
                ),
            );
            if let Some(Target::Category(CategoryRef::Declared(c))) = r.target {
                let def = &ctx.category(c).header;
                d.with_related_mut(
                    def.anchor(),
                    format!("`{}` is declared `criminal true` here", def.id()),
                );
            }
        }
    }
}
