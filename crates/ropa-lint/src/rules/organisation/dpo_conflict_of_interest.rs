//! # `dpo-conflict-of-interest`
//!
//! **Category:** organisation · **Default severity:** warning · **Reference:** Art. 38(6) GDPR
//!
//! ## What it checks
//!
//! The data protection officer's `name` is one of the controller's `managing_directors`.
//!
//! ## Why
//!
//! The DPO may fulfil other tasks only if they do not result in a conflict of interests
//! (Art. 38(6) GDPR). A managing director decides the purposes and means of the processing the
//! DPO is to monitor (Art. 39(1)(b)), and the DPO reports to the highest management level
//! (Art. 38(3)). The Court of Justice held that a DPO cannot be entrusted with tasks or duties
//! that would result in them determining the objectives and methods of processing, and left the
//! assessment to the facts of each case (C-453/21 *X-FAB Dresden*, 9 Feb 2023); a managing
//! director determines them by office, so the German authorities regard the two roles as
//! incompatible (as for heads of IT and of HR).
//!
//! ## Legal reference
//!
//! Art. 38(3), (6), Art. 39(1)(b) GDPR; CJEU C-453/21 *X-FAB Dresden*.
//!
//! ## Example that fails
//!
//! ```ropa
//! controller muster {
//!   name               "Muster GmbH"
//!   address            "Musterstraße 1, 10115 Berlin"
//!   email              "info@muster.de"
//!   managing_directors ["Max Muster"]
//!   dpo { name "Max Muster"  email "datenschutz@muster.de" }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! controller muster {
//!   name               "Muster GmbH"
//!   address            "Musterstraße 1, 10115 Berlin"
//!   email              "info@muster.de"
//!   managing_directors ["Max Muster"]
//!   dpo { name "Erika Beispiel"  email "datenschutz@muster.de" }
//! }
//! ```
//!
//! ## How to fix
//!
//! Designate someone without decision-making power over the processing, or an external DPO.

use ropa_analysis::{Location, Severity};

use super::controller_in_scope;
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "dpo-conflict-of-interest",
    category: Category::Organisation,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 38(6) GDPR",
    summary: "the data protection officer is also a managing director",
    source: "",
    check,
};

/// Names compared as people write them: case and runs of spaces do not matter.
fn normalised(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(controller) = controller_in_scope(ctx) else {
        return;
    };
    let Some(dpo) = &controller.dpo else {
        return;
    };
    let Some(name) = dpo.name.as_deref().map(normalised) else {
        return;
    };
    let Some(director) =
        (controller.managing_directors.iter().flatten()).find(|d| normalised(&d.value) == name)
    else {
        return;
    };
    sink.report(
        &RULE,
        Location {
            file: controller.header.file,
            range: director.range,
        },
        format!(
            "the data protection officer ({}) is also a managing director: the DPO must not decide \
             the purposes and means of the processing they monitor; designate someone else or an \
             external DPO",
            director.value
        ),
    );
}
