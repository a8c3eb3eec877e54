//! # `transfer-without-tia`
//!
//! **Category:** transfers · **Default severity:** warning · **Reference:** C-311/18; EDPB Recommendations 01/2020
//!
//! ## What it checks
//!
//! A used processor or recipient outside the EEA rests its transfers on an appropriate safeguard
//! of Art. 46 — standard contractual clauses (`transfer scc`), binding corporate rules
//! (`transfer bcr`), an approved code of conduct (`transfer code_of_conduct`), an approved
//! certification (`transfer certification`) or clauses authorised by the supervisory authority
//! (`transfer ad_hoc`) — but the `transfer`
//! block records no transfer impact assessment (`tia { done DATE }`). The finding points at the
//! mechanism; its quick fix inserts `tia { done todo }`, which `unfinished-value` reports until
//! the date of the assessment is written. (A `tia` written with an invalid value or misspelt is
//! reported on its own; a `done` date after today is reported by `future-date`.)
//!
//! ## Why
//!
//! Standard contractual clauses, binding corporate rules and the other Art. 46 tools bind the
//! parties, not the authorities of the third country (the EDPB's Recommendations 01/2020 apply to
//! every Art. 46 transfer tool, codes of conduct and certifications included). In *Schrems II* (C-311/18, 16 July 2020) the Court of
//! Justice held that the exporter must therefore verify, case by case, whether the law and
//! practice of the country of destination allow the importer to comply with the safeguard —
//! in particular whether public authorities' access to the data goes beyond what is necessary and
//! proportionate — and must adopt supplementary measures or suspend the transfer where they do
//! not (Art. 46(1) GDPR: "appropriate safeguards … enforceable data subject rights and effective
//! legal remedies"). The EDPB's Recommendations 01/2020 set out the steps of this transfer impact
//! assessment; the standard contractual clauses of 2021 oblige the parties to document it and
//! show it to the supervisory authority on request (Clause 14 of the Annex to Decision (EU)
//! 2021/914). A transfer without it is not shown to be lawful (Art. 44, 5(2) GDPR).
//!
//! ## Legal reference
//!
//! CJEU C-311/18 *Schrems II* (16 July 2020); Art. 44, 46(1), (2)(b), (c), (e), (f), (3)(a), 47
//! GDPR; Commission
//! Implementing Decision (EU) 2021/914, Annex, Clause 14; EDPB Recommendations 01/2020 on
//! measures that supplement transfer tools.
//!
//! ## Example that fails
//!
//! ```ropa
//! processor support_desk {
//!   name     "Helpdesk Inc."
//!   country  US
//!   avv { signed 2026-02-01 }
//!   transfer scc { signed 2026-02-01 }
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
//! processor support_desk {
//!   name     "Helpdesk Inc."
//!   country  US
//!   avv { signed 2026-02-01 }
//!   transfer scc {
//!     signed 2026-02-01
//!     tia { done 2026-01-20  document "vertraege/helpdesk-tia.pdf" }
//!   }
//! }
//!
//! activity support {
//!   processors [support_desk]
//! }
//! ```
//!
//! ## How to fix
//!
//! Assess the transfer as the EDPB's Recommendations 01/2020 describe — the data and the
//! recipient, the law and practice of the third country that could keep the safeguard from
//! working, and the supplementary measures (encryption with keys held in the EEA,
//! pseudonymisation, contractual and organisational measures) that close the gap — and record
//! the date and where the assessment is filed: `tia { done YYYY-MM-DD  document "…" }` in the
//! `transfer` block. Re-evaluate it when the law or the transfer changes.

use ropa_analysis::geo;
use ropa_analysis::model::Mechanism;
use ropa_analysis::{Edit, Fix, Location, Severity};
use ropa_syntax::TextRange;

use crate::registry::{Category, Rule};
use crate::rules::processors::used_processors;
use crate::rules::transparency::block_key_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "transfer-without-tia",
    category: Category::Transfers,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "C-311/18; EDPB Recommendations 01/2020",
    summary: "standard contractual clauses or BCR without a transfer impact assessment",
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
            .filter(|m| m.value.is_appropriate_safeguard())
        else {
            continue;
        };
        // Within the EEA there is no transfer; an invalid country is reported on its own.
        let Some(country) = p.country.as_ref().and_then(|c| c.get()) else {
            continue;
        };
        if geo::is_eea(country)
            || transfer.tia.is_some()
            || block_key_writes(&p.header, transfer.key, "tia")
        {
            continue;
        }
        let file = p.header.file;
        let text = ctx.text(file);
        // The date is the assessment's: `todo` until someone writes it (never today's).
        let title = format!("Add a tia block to `{}`", p.header.id());
        let fix = match transfer.block {
            Some(block) => {
                let close = block.end().saturating_sub(1);
                (text.get(close..block.end()) == Some("}")).then(|| {
                    crate::rules::ai::insert_into_block(
                        ctx,
                        title,
                        file,
                        transfer.key,
                        close,
                        "tia { done todo }",
                    )
                })
            }
            None => Some(Fix {
                title,
                edits: vec![Edit {
                    location: Location {
                        file,
                        range: TextRange::empty(mechanism.range.end()),
                    },
                    text: " { tia { done todo } }".to_string(),
                }],
                safe: false,
            }),
        };
        let tool = match mechanism.value {
            Mechanism::Bcr => "binding corporate rules",
            Mechanism::CodeOfConduct => "an approved code of conduct",
            Mechanism::Certification => "an approved certification",
            Mechanism::AdHoc => "contractual clauses authorised by the supervisory authority",
            _ => "standard contractual clauses",
        };
        let d = sink.report(
            &RULE,
            Location {
                file,
                range: mechanism.range,
            },
            format!(
                "`{}` receives data in `{country}` under {tool}, but no transfer impact assessment is recorded: since C-311/18 the exporter must assess whether the law and practice there let the safeguard work, and add supplementary measures where they do not (EDPB Recommendations 01/2020); record it with `tia {{ done YYYY-MM-DD }}` in the `transfer` block",
                p.header.id()
            ),
        );
        d.fixes.extend(fix);
    }
}
