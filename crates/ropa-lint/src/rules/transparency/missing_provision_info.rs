//! # `missing-provision-info`
//!
//! **Category:** transparency · **Default severity:** warning · **Reference:** Art. 13(2)(e) GDPR
//!
//! ## What it checks
//!
//! An activity collects its data from the people concerned (`collection direct`, the default),
//! has no `provision`, and its legal bases do not tell whether people must provide the data.
//! A basis implies it when the record says nothing else: `legal_obligation` → statutory,
//! `contract` → required to enter into the contract, `consent` → voluntary. `legitimate_interest`,
//! `public_task` and `vital_interests` imply nothing, and neither do several bases that imply
//! different answers (a contact form on `contract` with optional fields on `consent`). Indirect
//! collection is never reported: Art. 14 has no counterpart of Art. 13(2)(e).
//!
//! ## Why
//!
//! When data is collected from the person, the controller must tell them "whether the provision
//! of personal data is a statutory or contractual requirement, or a requirement necessary to
//! enter into a contract, as well as whether the data subject is obliged to provide the personal
//! data and of the possible consequences of failure to provide such data" (Art. 13(2)(e) GDPR).
//! ropa prints that statement from the record. Where the record does not support one, the
//! policy says nothing — true, but incomplete; a blanket "the data is required" would be false
//! for a contact form, a chat or a download (legal review M10).
//!
//! ## Legal reference
//!
//! Art. 13(2)(e) GDPR; Article 29 Working Party, Guidelines on transparency (WP260 rev.01),
//! annex ("whether the provision … is a statutory or contractual requirement").
//!
//! ## Example that fails
//!
//! Server log files on legitimate interest: does a visitor have to provide their IP address?
//!
//! ```ropa
//! activity hosting {
//!   title       "Hosting und Server-Logfiles"
//!   purpose     "Auslieferung und Absicherung der Website"
//!   subjects    [website_visitors]
//!   data        [online_identifiers]
//!   legal_basis legitimate_interest {
//!     interest  "Sicherer und stabiler Betrieb der Website"
//!     balancing "Nur technisch nötige Daten, Löschung nach 14 Tagen"
//!   }
//!   retention   14 days
//! }
//! ```
//!
//! ## Example that passes
//!
//! The record says what is true, with the consequence:
//!
//! ```ropa
//! activity hosting {
//!   title       "Hosting und Server-Logfiles"
//!   purpose     "Auslieferung und Absicherung der Website"
//!   subjects    [website_visitors]
//!   data        [online_identifiers]
//!   legal_basis legitimate_interest {
//!     interest  "Sicherer und stabiler Betrieb der Website"
//!     balancing "Nur technisch nötige Daten, Löschung nach 14 Tagen"
//!   }
//!   provision   voluntary {
//!     consequence "Ohne diese Daten können wir Ihnen die Website technisch nicht ausliefern."
//!   }
//!   retention   14 days
//! }
//! ```
//!
//! ## How to fix
//!
//! Add `provision` with one of `statutory`, `contractual`, `required_for_contract` or
//! `voluntary`, and say in `consequence` what happens when people do not provide the data. The
//! quick fix inserts `provision todo`, which `unfinished-value` reports until it is decided: only
//! you know whether the data is required.

use ropa_analysis::Severity;
use ropa_analysis::model::{Activity, BasisKind, ProvisionKind};

use super::item_writes;
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-provision-info",
    category: Category::Transparency,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 13(2)(e) GDPR",
    summary: "directly collected data without a statement whether people must provide it",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    // `data []`: no personal data, so nobody to inform (see `processes_personal_data`).
    for activity in ctx.activities().filter(|a| a.processes_personal_data()) {
        let h = &activity.header;
        if activity.is_indirect()
            || activity.provision.is_some()
            || item_writes(h, "provision")
            || activity.basis_kinds().next().is_none()
            || activity.provision().is_some()
        {
            continue;
        }
        let fix = ctx.insert_field_fix(
            format!("Add `provision todo` to `{}`", h.id()),
            h.file,
            h.body_end,
            h.indent(ctx.text(h.file)),
            "provision todo",
            false,
        );
        sink.report(
            &RULE,
            h.anchor(),
            format!(
                "activity `{}` does not say whether people must provide their data, and {}: add \
                 `provision` (`statutory`, `contractual`, `required_for_contract` or `voluntary`) \
                 with the `consequence` of not providing it",
                h.id(),
                why_not_implied(activity)
            ),
        )
        .fixes
        .push(fix);
    }
}

/// Why the legal bases do not answer it.
fn why_not_implied(activity: &Activity) -> String {
    let kinds: Vec<BasisKind> = activity.basis_kinds().collect();
    let silent: Vec<&str> = kinds
        .iter()
        .filter(|k| ProvisionKind::implied_by(**k).is_none())
        .map(|k| k.keyword())
        .collect();
    match silent.as_slice() {
        [] => "its legal bases imply different answers".to_string(),
        [one] if kinds.len() == 1 => format!("its legal basis `{one}` does not imply it"),
        _ => format!(
            "the legal basis `{}` does not imply it",
            silent.join("`, `")
        ),
    }
}
