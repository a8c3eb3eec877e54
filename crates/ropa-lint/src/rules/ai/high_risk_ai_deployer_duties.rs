//! # `high-risk-ai-deployer-duties`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 6(2), 26, 27, Annex III AI Act
//!
//! ## What it checks
//!
//! An activity uses a high-risk AI system — `ai { use … }` names an Annex III area, or the
//! system categorises people by biometric data into health or genetic data (Annex III point
//! 1(b)) — and `ai { deployer_duties { … } }` does not show how the deployer's duties are met:
//!
//! - `human_oversight`: who oversees the system, with competence and authority (Art. 26(2));
//! - `logs`: how long the system's logs are kept, at least six months (Art. 26(6));
//! - `workers_informed`: for `recruitment` and `employment_decisions`, when workers'
//!   representatives and the affected workers were informed (Art. 26(7));
//! - `fria`: for `credit_scoring` and `insurance_pricing`, the fundamental-rights impact
//!   assessment (Art. 27(1)).
//!
//! The duties apply from 2 Dec 2027 (Art. 113 as amended by the Digital Omnibus on AI, adopted by
//! the Council on 29 Jun 2026; the date lives in `ai_act.rs`, to be checked against the Official
//! Journal): before
//! that day the finding is a warning naming the date, from it an error. `--today` moves the
//! clock. `use other` names no Annex III area.
//!
//! ## Why
//!
//! Annex III lists the uses in which an AI system is high-risk (Art. 6(2)): recruitment and
//! selection (point 4(a)), decisions on work relationships (4(b)), creditworthiness and credit
//! scores of natural persons (5(b)), risk assessment and pricing in life and health insurance
//! (5(c)), access to and assessment in education (3), biometric identification and
//! categorisation (1). A deployer — whoever uses the system under its authority, as every
//! activity of the record does — must use it according to the instructions, assign human
//! oversight, keep the logs, inform workers before using it at the workplace and inform the
//! people it makes or assists decisions about (Art. 26(11)); deployers of credit scoring and
//! insurance pricing systems must also assess the impact on fundamental rights first (Art. 27).
//! Art. 6(3) exempts a system that performs only a narrow procedural or preparatory task and
//! does not profile people: if you concluded so, document it and write `use other`.
//!
//! ## Legal reference
//!
//! Art. 6(2), (3), Art. 26, 27, 113 and Annex III AI Act (Regulation (EU) 2024/1689), as amended
//! by the Digital Omnibus on AI.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity kreditpruefung {
//!   title "Bonitätsprüfung"
//!   data  [financial]
//!   ai {
//!     system "Scoring-Modell"
//!     use    credit_scoring
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity kreditpruefung {
//!   title "Bonitätsprüfung"
//!   data  [financial]
//!   ai {
//!     system "Scoring-Modell"
//!     use    credit_scoring
//!     deployer_duties {
//!       human_oversight "Kreditsachbearbeitung prüft jede Ablehnung; Schulung nach Art. 26 Abs. 2 KI-VO"
//!       logs            6 months
//!       fria            { done 2027-10-01  document "grundrechte/scoring.pdf" }
//!     }
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Add `deployer_duties { human_oversight "…"  logs 6 months … }` to the `ai` block with what is
//! in place. The quick fix inserts the block with `todo` for each missing duty.

use ropa_analysis::model::{Activity, Ai, CategoryRef, Target};
use ropa_analysis::{Location, Severity, ai_act};
use ropa_syntax::TimeUnit;

use super::{ai_activities, dated, insert_into_ai, join};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "high-risk-ai-deployer-duties",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 6(2), 26, 27, Annex III AI Act",
    summary: "a high-risk AI system (Annex III) without the deployer's duties",
    source: "",
    check,
};

/// Art. 26(6): logs kept for at least six months.
fn at_least_six_months(amount: u64, unit: TimeUnit) -> bool {
    match unit {
        TimeUnit::Day => amount >= 183,
        TimeUnit::Week => amount >= 26,
        TimeUnit::Month => amount >= 6,
        TimeUnit::Year => amount >= 1,
    }
}

/// The Annex III area the activity's AI system is used in, cited, where it is written, and its
/// `use` keyword (`None` for biometric categorisation by health or genetic data).
fn high_risk_area(
    ctx: &Context,
    activity: &Activity,
    ai: &Ai,
) -> Option<(String, ropa_syntax::TextRange, Option<&'static str>)> {
    if let Some(used) = &ai.use_area
        && let Some(v) = &used.value
        && let Some(area) = ai_act::annex_iii(&v.value)
    {
        return Some((area.citation(false), v.range, Some(area.keyword)));
    }
    let health_or_genetic = ctx.processed_data(activity).any(|r| {
        matches!(r.target, Some(Target::Category(CategoryRef::Builtin(c))) if c.id == "health" || c.id == "genetic")
    });
    let categorises = ai.biometric_categorisation.as_ref().filter(|k| k.is_true());
    match categorises {
        Some(k) if health_or_genetic => Some((
            "Annex III point 1(b) AI Act, biometric categorisation by health or genetic data"
                .to_string(),
            k.key,
            None,
        )),
        _ => None,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let Some((what, range, word)) = high_risk_area(ctx, activity, ai) else {
            continue;
        };
        let h = &activity.header;
        let duties = ai.deployer_duties.as_ref();
        let writes = |key: &str| duties.is_some_and(|d| h.written(d.key, key).is_some());
        let mut missing: Vec<(&str, &str)> = Vec::new();
        if duties.is_none_or(|d| d.human_oversight.is_none()) && !writes("human_oversight") {
            missing.push(("human_oversight", "human oversight (Art. 26(2))"));
        }
        match duties.and_then(|d| d.logs.as_ref()) {
            Some(l) if !at_least_six_months(l.value.0, l.value.1) => {
                missing.push(("", "logs kept for at least six months (Art. 26(6))"));
            }
            None if !writes("logs") => {
                missing.push((
                    "logs",
                    "how long logs are kept, at least six months (Art. 26(6))",
                ));
            }
            _ => {}
        }
        if matches!(word, Some("recruitment" | "employment_decisions"))
            && duties.is_none_or(|d| d.workers_informed.is_none())
            && !writes("workers_informed")
        {
            missing.push((
                "workers_informed",
                "informing workers' representatives and the affected workers (Art. 26(7))",
            ));
        }
        if matches!(word, Some("credit_scoring" | "insurance_pricing"))
            && duties.is_none_or(|d| d.fria.is_none())
            && !writes("fria")
        {
            missing.push(("fria", "a fundamental-rights impact assessment (Art. 27)"));
        }
        if missing.is_empty() {
            continue;
        }
        let names: Vec<String> = missing.iter().map(|(_, m)| (*m).to_string()).collect();
        let d = sink.report(
            &RULE,
            Location {
                file: h.file,
                range,
            },
            format!(
                "activity `{}` uses a high-risk AI system ({what}), but `deployer_duties` does not \
                 show {}: the deployer must meet these duties",
                h.id(),
                join(&names)
            ),
        );
        if duties.is_none() {
            let keys: Vec<String> = missing
                .iter()
                .filter(|(k, _)| !k.is_empty())
                .map(|(k, _)| format!("{k} todo"))
                .collect();
            if !keys.is_empty() {
                let field = format!("deployer_duties {{ {} }}", keys.join("  "));
                d.fixes.push(insert_into_ai(
                    ctx,
                    "Add `deployer_duties` with `todo` for each duty".to_string(),
                    activity,
                    ai,
                    &field,
                ));
            }
        }
        dated(d, &ai_act::HIGH_RISK_ANNEX_III, ctx.today);
    }
}
