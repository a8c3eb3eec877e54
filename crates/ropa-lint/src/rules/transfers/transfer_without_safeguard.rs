//! # `transfer-without-safeguard`
//!
//! **Category:** transfers · **Default severity:** error · **Reference:** Art. 44, 45, 46, 49 GDPR
//!
//! ## What it checks
//!
//! A used recipient — listed in an activity's `processors`, named as `ai { provider }`, or
//! reachable through `subprocessors`, whatever its `role` — has a `country` outside the EEA (the 27
//! EU states plus IS, LI and NO; `EL` counts as Greece; the French outermost regions `GP`, `GF`,
//! `MQ`, `RE`, `YT`, `MF` and Åland `AX` are EU territory with codes of their own) and
//!
//! - the country has no adequacy decision and no `transfer` mechanism is declared; or
//! - it declares `transfer adequacy` for a country without an adequacy decision; or
//! - the country is `US` and it declares neither `dpf`, an appropriate safeguard of Art. 46
//!   (`scc`, `bcr`, `code_of_conduct`, `certification`, `ad_hoc`) nor `derogation` — so
//!   `transfer adequacy` for the US is flagged too, because the US decision covers only
//!   organisations certified under the EU-US Data Privacy Framework (write `transfer dpf`); or
//! - it declares `transfer dpf` for a country other than the US that has no adequacy decision
//!   (the Data Privacy Framework covers US organisations only).
//!
//! Countries with an adequacy decision in force on the day of the check need no `transfer`
//! (December 2026: AD, AR, BR, CA, CH, FO, GB, GG, IL, IM, JE, JP, KR, NZ, UY; the table, with
//! each decision, its scope and its validity, lives in `ropa-analysis/src/geo.rs`). A decision
//! with a sunset clause stops counting the day after it ends (the UK's decision of 19 Dec 2025
//! runs until 27 Dec 2031), and the message says so. Whether a recipient in Canada, Japan or
//! Korea falls within the scope of their partial decisions is `adequacy-scope-unconfirmed`'s
//! question. The judgement is `ropa_analysis::transfer::judge`, which the hover, the inlay hints
//! and the policy's transfer sentences share. The finding is reported once per recipient, at its `country` value; recipients no
//! activity uses, and invalid country codes (already reported), are not checked.
//!
//! ## Why
//!
//! Personal data may leave the EEA only if the conditions of Chapter V are met (Art. 44): an
//! adequacy decision of the Commission for the country (Art. 45), appropriate safeguards such as
//! the Commission's standard contractual clauses, Implementing Decision (EU) 2021/914, binding
//! corporate rules (Art. 46(2)(b), 47), an approved code of conduct or certification with binding
//! and enforceable commitments of the importer (Art. 46(2)(e), (f) with Art. 40, 42), or
//! contractual clauses authorised by the competent supervisory authority (Art. 46(3)(a)), or, for
//! occasional transfers only, a derogation (Art. 49). This
//! applies to every recipient, including joint and independent controllers. For the US, the
//! adequacy decision (EU) 2023/1795 covers only organisations self-certified on the Data Privacy
//! Framework list; other US recipients need SCCs and a transfer impact assessment (CJEU C-311/18
//! *Schrems II*). Unlawful transfers are fined up to €20 million or 4 % of worldwide turnover
//! (Art. 83(5)(c)), and the transfer must be named in the privacy notice (Art. 13(1)(f)).
//!
//! ## Legal reference
//!
//! Art. 44 GDPR (general principle), Art. 45 (adequacy decisions), Art. 46 (appropriate
//! safeguards: SCCs (EU) 2021/914, BCRs under Art. 47), Art. 49 (derogations); Commission
//! Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework).
//!
//! ## Example that fails
//!
//! ```ropa
//! processor support_desk {
//!   name    "Helpdesk Solutions Pvt. Ltd."
//!   country IN
//!   avv { signed 2024-03-01 }
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
//!   name     "Helpdesk Solutions Pvt. Ltd."
//!   country  IN
//!   avv { signed 2024-03-01 }
//!   transfer scc { signed 2024-03-01  document "vertraege/helpdesk-scc-modul2.pdf" }
//! }
//!
//! activity support {
//!   processors [support_desk]
//! }
//! ```
//!
//! ## How to fix
//!
//! Declare the mechanism the transfer rests on: `transfer scc { signed YYYY-MM-DD  document "…" }`
//! for the standard contractual clauses (with a transfer impact assessment), `transfer bcr` for
//! binding corporate rules, `transfer code_of_conduct` or `transfer certification` for an
//! approved code of conduct or certification with binding commitments of the importer,
//! `transfer ad_hoc` for contractual clauses the supervisory authority has authorised,
//! `transfer dpf` for a US recipient certified under the Data Privacy
//! Framework (check dataprivacyframework.gov), or `transfer derogation { basis "…" }` for an
//! occasional transfer under Art. 49. Where no mechanism is declared, the quick fix inserts
//! `transfer todo`; where a wrong one is declared, there is no quick fix. Which safeguard covers
//! the transfer is a fact of the contracts, never a guess (`unfinished-value` reports the `todo`
//! until it is written).

use ropa_analysis::geo;
use ropa_analysis::transfer::{self, Lack, Safeguard};
use ropa_analysis::{Location, Severity};
use ropa_syntax::Date;

use crate::registry::{Category, Rule};
use crate::rules::processors::{describe_users, role_noun, used_processors};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "transfer-without-safeguard",
    category: Category::Transfers,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 44, 45, 46, 49 GDPR",
    summary: "a used recipient outside the EEA without a valid transfer mechanism",
    source: "",
    check,
};

const OTHER_SAFEGUARDS: &str = "use an appropriate safeguard of Art. 46 (standard contractual clauses `scc`, binding corporate rules `bcr`, an approved code of conduct `code_of_conduct`, an approved certification `certification`, or clauses authorised by the supervisory authority `ad_hoc`) or, for occasional transfers, a `derogation`";

const DPF_ONLY: &str = "the US adequacy decision covers only organisations certified under the EU-US Data Privacy Framework";

fn check(ctx: &Context, sink: &mut Sink) {
    for (_, p, activities) in used_processors(ctx) {
        let Some(country) = p.country.as_ref().and_then(|c| c.value.as_ref()) else {
            continue;
        };
        let code = country.value.as_str();
        if geo::is_eea(code) {
            continue;
        }
        // A `transfer` with an invalid mechanism, or a misspelt `transfer`, was already reported.
        let mechanism = match &p.transfer {
            Some(t) => match &t.mechanism {
                Some(m) => Some(m),
                None => continue,
            },
            None if p.header.misspelled("transfer") => continue,
            None => None,
        };
        let id = p.header.id();
        let who = role_noun(p);
        let users = describe_users(activities);
        let decision = geo::adequacy(code);
        let Safeguard::Lacking(lack) =
            transfer::judge(code, mechanism.map(|m| m.value), Some(ctx.today))
        else {
            continue;
        };
        let message = match lack {
            Lack::Undeclared if code == "US" => format!(
                "{who} `{id}` (used by {users}) is in the US and declares no `transfer` mechanism; {DPF_ONLY}: declare `transfer dpf` if `{id}` is certified, else `transfer scc {{ signed YYYY-MM-DD }}`"
            ),
            Lack::Undeclared => format!(
                "{who} `{id}` (used by {users}) is in `{code}`, outside the EEA, and {}, but no `transfer` mechanism is declared; add one, e.g. `transfer scc {{ signed YYYY-MM-DD }}` (Art. 46(2)(c))",
                no_decision(code, decision, ctx.today)
            ),
            Lack::AdequacyForUs => format!(
                "{who} `{id}` (used by {users}) declares `transfer adequacy` for the US, but {DPF_ONLY}; write `transfer dpf` if `{id}` is certified, else `transfer scc {{ signed YYYY-MM-DD }}`"
            ),
            Lack::AdequacyWithoutDecision => format!(
                "{who} `{id}` (used by {users}) declares `transfer adequacy`, but {}; {OTHER_SAFEGUARDS}",
                no_decision(code, decision, ctx.today)
            ),
            Lack::DpfOutsideUs => format!(
                "{who} `{id}` (used by {users}) declares `transfer dpf`, but the Data Privacy Framework covers only US organisations and `{code}` has no adequacy decision; {OTHER_SAFEGUARDS}"
            ),
        };
        // Which safeguard covers the transfer is a fact of the contracts: the fix marks it as
        // still to decide, and a declared (wrong) mechanism is the user's to correct.
        let fixes = match mechanism {
            None => vec![ctx.insert_field_fix(
                format!("Add `transfer todo` to `{id}` (the safeguard is still to record)"),
                p.header.file,
                p.header.body_end,
                p.header.indent(ctx.text(p.header.file)),
                "transfer todo",
                false,
            )],
            Some(_) => Vec::new(),
        };
        let d = sink.report(
            &RULE,
            Location {
                file: p.header.file,
                range: country.range,
            },
            message,
        );
        d.fixes.extend(fixes);
    }
}

/// Why `code` has no adequacy decision on `today`: none in the Commission's list, or one that
/// is not yet or no longer in force (a sunset clause).
fn no_decision(code: &str, decision: Option<&geo::Adequacy>, today: Date) -> String {
    let long = |d| geo::long_date(d, false);
    match decision {
        Some(a) if a.until.is_some_and(|u| u < today) => format!(
            "the adequacy decision for `{code}` ({}) expired on {}",
            a.citation(false),
            a.until.map(long).unwrap_or_default()
        ),
        Some(a) => format!(
            "the adequacy decision for `{code}` ({}) covers transfers only from {}",
            a.citation(false),
            a.from.map(long).unwrap_or_default()
        ),
        None => format!(
            "`{code}` has no adequacy decision (Commission list as of {})",
            long(geo::ADEQUACY_AS_OF)
        ),
    }
}
