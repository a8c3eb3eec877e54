//! # `derogation-not-occasional`
//!
//! **Category:** transfers · **Default severity:** warning · **Reference:** Art. 49(1) GDPR
//!
//! ## What it checks
//!
//! A used processor or recipient declares `transfer derogation` — a transfer resting on one of
//! the derogations of Art. 49(1) — but does not say that its transfers are occasional
//! (`occasional true` in the `transfer` block). The finding points at `derogation`.
//!
//! ## Why
//!
//! The derogations of Art. 49 are exceptions for specific situations, to be read restrictively:
//! they are meant for transfers that are occasional and not repetitive, not for the regular,
//! systematic flow of data to a service provider (Recital 111; EDPB Guidelines 2/2018 on
//! derogations of Article 49, section 1). A processor that receives data in the course of
//! ordinary business needs a safeguard under Art. 46 (standard contractual clauses, binding
//! corporate rules) or an adequacy decision. Where a derogation does fit — a booking forwarded
//! at the customer's request, a single legal claim — the record says so.
//!
//! Each derogation has further conditions that this rule does not check and that the record's
//! `basis` should name: consent under Art. 49(1)(a) must be explicit and given after the person
//! was informed of the possible risks of the transfer; the residual ground of Art. 49(1), second
//! subparagraph (compelling legitimate interests), also requires informing the supervisory
//! authority and the person, and documenting the assessment in the record (Art. 49(6)).
//!
//! ## Legal reference
//!
//! Art. 49(1) GDPR; Recital 111; EDPB Guidelines 2/2018 on derogations of Article 49 under
//! Regulation 2016/679.
//!
//! ## Example that fails
//!
//! ```ropa
//! processor support_desk {
//!   name     "Helpdesk Inc."
//!   country  US
//!   transfer derogation { basis "Art. 49 Abs. 1 lit. b DSGVO" }
//! }
//!
//! activity support {
//!   processors [support_desk]
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor hotel_partner {
//!   name     "Partner Hotel Ltd."
//!   country  IN
//!   role     controller
//!   transfer derogation { basis "Art. 49 Abs. 1 lit. b DSGVO"  occasional true }
//! }
//!
//! activity support {
//!   processors [hotel_partner]
//! }
//! ```
//!
//! ## How to fix
//!
//! If the transfers are regular, rest them on standard contractual clauses (`transfer scc`) or
//! binding corporate rules (`transfer bcr`) instead. If they really are occasional, say so with
//! `occasional true` in the `transfer` block.

use ropa_analysis::model::Mechanism;
use ropa_analysis::{Location, Severity};

use crate::registry::{Category, Rule};
use crate::rules::processors::used_processors;
use crate::rules::transparency::block_key_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "derogation-not-occasional",
    category: Category::Transfers,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 49(1) GDPR",
    summary: "a transfer on an Art. 49 derogation not said to be occasional",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (_, p, _) in used_processors(ctx) {
        let Some(transfer) = &p.transfer else {
            continue;
        };
        let Some(mechanism) = transfer
            .mechanism
            .as_ref()
            .filter(|m| m.value == Mechanism::Derogation)
        else {
            continue;
        };
        let occasional = match &transfer.occasional {
            Some(o) => o.get().is_none_or(|o| *o),
            // Written as `todo` or misspelt: reported on its own.
            None => block_key_writes(&p.header, transfer.key, "occasional"),
        };
        if occasional {
            continue;
        }
        sink.report(
            &RULE,
            Location {
                file: p.header.file,
                range: mechanism.range,
            },
            format!(
                "`{}` rests its transfers on an Art. 49 derogation, which covers only occasional transfers, not the regular flow of data to a service provider; use `transfer scc` or `bcr` for regular transfers, or add `occasional true` if they really are occasional",
                p.header.id()
            ),
        );
    }
}
