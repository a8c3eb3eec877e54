//! # `avv-expired`
//!
//! **Category:** processors · **Default severity:** error · **Reference:** Art. 28(3) GDPR
//!
//! ## What it checks
//!
//! A used processor — listed in an activity's `processors`, named as `ai { provider }`, or
//! reachable through `subprocessors` — has an `avv { expires DATE }` that lies before today.
//! "Today" is the system clock, or the date given with `--today DATE` or `ROPA_TODAY` (for
//! reproducible CI runs). An AVV that expires today is still in force. The finding is reported
//! once per processor, however many activities use it; processors no activity uses are not
//! checked.
//!
//! ## Why
//!
//! Art. 28(3) GDPR requires processing by a processor to be governed by a contract (German:
//! *Auftragsverarbeitungsvertrag*, AVV) that sets out, among other things, the **duration** of the
//! processing. Once the contract has ended, the processor has no instructions to act on: it must
//! delete or return the data (Art. 28(3)(g)), and any further processing on the controller's
//! behalf has no legal footing — just as if there had never been an AVV. The controller must be
//! able to demonstrate a valid contract at any time (Art. 5(2)). Infringements of Art. 28 are
//! fined up to €10 million or 2 % of worldwide turnover (Art. 83(4)(a)).
//!
//! ## Legal reference
//!
//! Art. 28(3) GDPR (contract and its duration), Art. 28(3)(g) (deletion or return at the end of
//! the service), Art. 5(2) (accountability).
//!
//! ## Example that fails
//!
//! ```ropa
//! processor agency {
//!   name    "Kreativagentur GmbH"
//!   country DE
//!   avv { signed 2023-01-10  expires 2025-12-31 }
//! }
//!
//! activity campaigns {
//!   processors [agency]
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor agency {
//!   name    "Kreativagentur GmbH"
//!   country DE
//!   avv { signed 2026-01-05  expires 2028-12-31  document "vertraege/agentur-avv-2026.pdf" }
//! }
//!
//! activity campaigns {
//!   processors [agency]
//! }
//! ```
//!
//! ## How to fix
//!
//! Renew or extend the AVV and record the new contract: update `signed`, `expires` and
//! `document`. If the contract has ended on purpose, stop using the processor — remove it from
//! the activities' `processors` (and from `ai { provider }` or other processors'
//! `subprocessors`) and make sure the data were deleted or returned. An AVV without an end date
//! needs no `expires` at all.

use ropa_analysis::{Location, Severity};

use super::{describe_users, used_processors};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "avv-expired",
    category: Category::Processors,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 28(3) GDPR",
    summary: "a used processor's AVV has expired",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (_, p, activities) in used_processors(ctx) {
        let Some(expires) = p.avv.as_ref().and_then(|avv| avv.expires.as_ref()) else {
            continue;
        };
        if expires.value >= ctx.today {
            continue;
        }
        sink.report(
            &RULE,
            Location {
                file: p.header.file,
                range: expires.range,
            },
            format!(
                "the AVV with processor `{}` expired on {} (today is {}), but {} still use{} it; renew the contract and update `expires`, or stop using `{}`",
                p.header.id(),
                expires.value,
                ctx.today,
                describe_users(activities),
                if activities.len() == 1 { "s" } else { "" },
                p.header.id(),
            ),
        );
    }
}
