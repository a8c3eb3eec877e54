//! # `missing-source`
//!
//! **Category:** transparency · **Default severity:** error · **Reference:** Art. 14(2)(f) GDPR
//!
//! ## What it checks
//!
//! An activity declares `collection indirect` — its data does not come from the people it is
//! about — but has no `source` saying where it comes from.
//!
//! ## Why
//!
//! When personal data is not collected from the data subject, the privacy notice must tell them
//! the source of the data and, where applicable, whether it came from publicly accessible
//! sources (Art. 14(2)(f) GDPR). Typical sources in marketing are address brokers, data
//! enrichment services, public social-media profiles and partners' customer lists. People can
//! only exercise their rights against the source if they know it. The source is a mandatory
//! item of the notice, so a missing one is an error. Where an exemption of Art. 14(5) applies
//! (or Sections 32, 33 BDSG), document it in a suppression with its reason.
//!
//! ## Legal reference
//!
//! Art. 14(2)(f) GDPR; for the timing of the notice see Art. 14(3).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity lead_enrichment {
//!   title       "Anreicherung von Leads"
//!   purpose     "Ergänzung von Firmendaten zu Interessenten"
//!   subjects    [business_contacts]
//!   data        [identity, contact]
//!   legal_basis legitimate_interest { interest "B2B-Vertrieb"  balancing "LIA vom 3. März 2025" }
//!   retention   2 years
//!   collection  indirect
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity lead_enrichment {
//!   title       "Anreicherung von Leads"
//!   purpose     "Ergänzung von Firmendaten zu Interessenten"
//!   subjects    [business_contacts]
//!   data        [identity, contact]
//!   legal_basis legitimate_interest { interest "B2B-Vertrieb"  balancing "LIA vom 3. März 2025" }
//!   retention   2 years
//!   collection  indirect
//!   source      "Öffentliche Unternehmensprofile (Handelsregister, Firmenwebsites)"
//! }
//! ```
//!
//! ## How to fix
//!
//! Add `source "…"` naming where the data comes from (the provider, or the kind of public
//! source). If the data is in fact collected from the people themselves, remove
//! `collection indirect` (the default is `direct`, Art. 13).

use ropa_analysis::{Location, Severity};

use super::item_writes;
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-source",
    category: Category::Transparency,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 14(2)(f) GDPR",
    summary: "indirectly collected data without a `source`",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let Some(collection) = &activity.collection else {
            continue;
        };
        if !activity.is_indirect()
            || activity.source.is_some()
            || item_writes(&activity.header, "source")
        {
            continue;
        }
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: collection.key,
            },
            format!(
                "activity `{}` collects its data indirectly but names no `source`: say where the \
                 data comes from (e.g. an address broker or public profiles), as the privacy \
                 notice must tell the people concerned",
                activity.header.id()
            ),
        );
    }
}
