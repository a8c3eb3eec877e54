//! # `automated-decision-without-safeguards`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 22(1)–(3) GDPR
//!
//! ## What it checks
//!
//! An activity's `ai` block says `automated_decision true` and `significant_effect true` — a
//! decision based solely on automated processing with legal or similarly significant effects —
//! and either
//!
//! - no `legal_basis` is one of the exceptions of Art. 22(2): `contract` (a), `legal_obligation`
//!   or `public_task` naming the `law` that authorises the decision (b), or consent marked
//!   explicit, `consent { explicit true }` (c) — plain consent is not enough; or
//! - there is no `human_review` describing how a person can obtain human intervention, express
//!   their point of view and contest the decision.
//!
//! A missing or invalid legal basis is left to `missing-legal-basis` and `invalid-value`; the
//! `human_review` condition is still checked then.
//!
//! ## Why
//!
//! People have the right not to be subject to a decision based solely on automated processing,
//! including profiling, that produces legal effects or similarly significantly affects them
//! (Art. 22(1)) — in marketing, for example, automated credit checks before offering payment on
//! invoice, individual price discrimination or exclusion from offers (CJEU C-634/21 *SCHUFA*;
//! WP251). Such decisions are allowed only when necessary for a contract with the person, authorised
//! by law, or based on explicit consent (Art. 22(2)); for the contract and consent cases, the
//! controller must at least provide human intervention, the right to express one's view and
//! the right to contest the decision (Art. 22(3)); a law that authorises such decisions must lay
//! down suitable safeguards itself (Art. 22(2)(b)), which belong in `human_review` as well.
//! Infringements are fined up to €20 million or 4 % of turnover (Art. 83(5)(b)).
//!
//! ## Legal reference
//!
//! Art. 22(1) GDPR (prohibition), Art. 22(2)(a)–(c) (contract, law, explicit consent),
//! Art. 22(3) (human intervention, point of view, contest); CJEU C-634/21 *SCHUFA*; on explicit
//! consent EDPB Guidelines 05/2020 on consent and WP251 rev.01, chapter IV. A law authorising the
//! decision may rest on Art. 6(1)(c) or (e) (public bodies: e.g. § 35a VwVfG, § 155 Abs. 4 AO).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity invoice_check {
//!   legal_basis legitimate_interest {
//!     interest  "Schutz vor Zahlungsausfällen"
//!     balancing "dokumentiert in lia/bonitaet.pdf"
//!   }
//!   ai {
//!     automated_decision true
//!     significant_effect true
//!     logic "Score aus Zahlungshistorie und Bonitätsauskunft"
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity invoice_check {
//!   legal_basis contract
//!   ai {
//!     automated_decision true
//!     significant_effect true
//!     logic        "Score aus Zahlungshistorie und Bonitätsauskunft"
//!     human_review "Ablehnungen prüft auf Anfrage das Forderungsmanagement (kauf-auf-rechnung@muster.de)."
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Base the decision on one of the Art. 22(2) exceptions — `contract` if the decision is
//! necessary for entering into or performing a contract with the person, explicit consent
//! (`consent { explicit true }`, Art. 22(2)(c)), or `legal_obligation { law "…" }` /
//! `public_task { law "…" }` naming the law that authorises the decision — and describe the
//! safeguards in `human_review`: how a person can obtain a human review, give their view and
//! contest the decision. If a person actually decides and the AI only prepares the decision,
//! set `automated_decision false`.

use ropa_analysis::model::{Activity, BasisKind, LegalBasis};
use ropa_analysis::{Location, Severity};

use super::{ai_activities, ai_lacks, join};
use crate::registry::{Category, Rule};
use crate::rules::transparency::block_key_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "automated-decision-without-safeguards",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 22(1)–(3) GDPR",
    summary: "an automated decision with significant effect lacks an Art. 22(2) basis or human review",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let Some(decision) = ai.automated_decision.as_ref().filter(|d| d.is_true()) else {
            continue;
        };
        if !ai.significant_effect.as_ref().is_some_and(|s| s.is_true()) {
            continue;
        }
        let mut problems = Vec::new();
        // A missing or invalid basis is reported on its own; one qualifying basis is enough.
        let bases: Vec<&LegalBasis> = (activity.legal_bases.iter())
            .filter(|b| b.kind.is_some())
            .collect();
        if !bases.is_empty() && !bases.iter().any(|b| is_exception(activity, b)) {
            problems.push(why_not(&bases));
        }
        if ai.human_review.is_none() && ai_lacks(ctx, activity, ai, "human_review") {
            problems.push(
                "it has no `human_review` saying how a person can obtain human intervention and contest the decision (Art. 22(3))"
                    .to_string(),
            );
        }
        if problems.is_empty() {
            continue;
        }
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: decision.key,
            },
            format!(
                "activity `{}` makes automated decisions with significant effect, but {}",
                activity.header.id(),
                join(&problems),
            ),
        );
    }
}

/// Whether `basis` is one of the Art. 22(2) exceptions. A key written but invalid (`explicit
/// yes`, `law todo`) counts as given: that mistake is reported on its own.
fn is_exception(activity: &Activity, basis: &LegalBasis) -> bool {
    let written = |key: &str| block_key_writes(&activity.header, basis.key, key);
    match basis.kind.as_ref().map(|k| k.value) {
        Some(BasisKind::Contract) => true,
        Some(BasisKind::Consent) => match &basis.explicit {
            Some(explicit) => explicit.get().is_none_or(|e| *e),
            None => written("explicit"),
        },
        Some(BasisKind::LegalObligation | BasisKind::PublicTask) => {
            basis.law.is_some() || written("law")
        }
        _ => false,
    }
}

/// Why none of `bases` is an Art. 22(2) exception, for the one closest to being one.
fn why_not(bases: &[&LegalBasis]) -> String {
    let kinds: Vec<BasisKind> = bases
        .iter()
        .filter_map(|b| b.kind.as_ref())
        .map(|k| k.value)
        .collect();
    if kinds.contains(&BasisKind::Consent) {
        return "its consent is not marked explicit (Art. 22(2)(c) allows such decisions only on explicit consent: `consent { explicit true }`, once it really is an express statement)".to_string();
    }
    if let Some(k) =
        (kinds.iter()).find(|k| matches!(k, BasisKind::LegalObligation | BasisKind::PublicTask))
    {
        return format!(
            "its `{}` names no `law` that authorises the decision (Art. 22(2)(b): `law \"…\"`)",
            k.keyword()
        );
    }
    format!(
        "its legal basis `{}` is none of the Art. 22(2) exceptions (use `contract`, explicit `consent`, or `legal_obligation`/`public_task` with the `law` that authorises the decision)",
        kinds[0].keyword()
    )
}
