//! # `profiling-without-consent`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 6(1)(a), 21, 22 GDPR; Section 25 TDDDG
//!
//! ## What it checks
//!
//! An activity profiles people — `profiling true`, or an AI that does (`ai { profiling true }`,
//! not on anonymised input) — based on **tracking**, and no legal basis is consent. Tracking
//! means one of:
//!
//! - it reads or stores information on the user's device that is not strictly necessary
//!   (`device_access` without `strictly_necessary true`);
//! - it works on data collected from other sites or services (`collection indirect`);
//! - it is direct marketing through online advertising (`direct_marketing { channels
//!   [online_ads] }`, such as custom audiences).
//!
//! The rule never fires for an activity resting on `legal_obligation`, `contract` or
//! `public_task` (anti-money-laundering monitoring, fraud checks a contract needs): profiling as
//! such is not barred on these bases. An activity without a valid legal basis is left to
//! `missing-legal-basis` and `invalid-value`.
//!
//! ## Why
//!
//! Profiling (Art. 4(4)) may rest on any Art. 6(1) basis that fits it; the GDPR does not reserve
//! it to consent. Art. 21(1), (2) and Recitals 70 and 72 presuppose profiling on Art. 6(1)(e) and
//! (f), Recital 47 names fraud prevention and direct marketing as legitimate interests, and
//! WP251 rev.01 (endorsed by the EDPB) accepts Art. 6(1)(b), (c) and (f) for profiling.
//! Tracking-based profiling for advertising is different:
//!
//! - the device access it needs requires consent under Section 25(1) TDDDG whatever the GDPR
//!   basis of the later processing;
//! - for profiling as extensive as tracking across sites and services, the users' interests
//!   override the interest in personalised advertising (CJEU C-252/21 *Meta v
//!   Bundeskartellamt*, 4 Jul 2023, para. 117), and the supervisory authorities accept only
//!   consent for it (DSK, Orientierungshilfe Digitale Dienste; EDPB Guidelines 8/2020 on the
//!   targeting of social media users);
//! - against profiling for direct marketing, people have an unconditional right to object
//!   (Art. 21(2), (3)).
//!
//! Processing without a valid legal basis is fined up to €20 million or 4 % of turnover
//! (Art. 83(5)(a)). Profiling on anonymised data is no processing of personal data.
//!
//! ## Legal reference
//!
//! Art. 6(1)(a) GDPR (consent), Art. 4(4) (profiling), Art. 21(2)–(3) (objection to direct
//! marketing), Art. 22 (automated decisions); Section 25(1) TDDDG (device access); CJEU C-252/21
//! *Meta v Bundeskartellamt*.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity ad_targeting {
//!   legal_basis legitimate_interest {
//!     interest  "Personalisierte Werbung"
//!     balancing "dokumentiert in lia/werbung.pdf"
//!   }
//!   device_access { technology "Werbe-Cookies"  strictly_necessary false }
//!   ai { profiling true  logic "Interessen werden aus besuchten Seiten abgeleitet." }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity ad_targeting {
//!   legal_basis consent {
//!     mechanism  "Consent-Banner (CMP), Einwilligung wird protokolliert"
//!     withdrawal "Jederzeit über „Cookie-Einstellungen“ im Seitenfuß"
//!   }
//!   device_access { technology "Werbe-Cookies"  strictly_necessary false }
//!   ai { profiling true  logic "Interessen werden aus besuchten Seiten abgeleitet." }
//! }
//! ```
//!
//! ## How to fix
//!
//! Ask for consent before tracking and profiling, and record how: `legal_basis consent {
//! mechanism "…"  withdrawal "…" }`. There is no quick fix: whether people consented is a fact,
//! not an edit. If the AI only ever sees anonymised data, say so with `anonymized true` in the
//! `ai` block; if the activity does not evaluate personal aspects at all, set `profiling false`.

use ropa_analysis::model::{Activity, BasisKind, flag};
use ropa_analysis::{Location, Severity};
use ropa_syntax::TextRange;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "profiling-without-consent",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 6(1)(a), 21, 22 GDPR; Section 25 TDDDG",
    summary: "tracking-based profiling on a legal basis other than consent",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let Some(profiling) = profiling_key(activity) else {
            continue;
        };
        // Any of these bases: profiling as such is not barred on it (W2).
        let settled = |k: &BasisKind| {
            matches!(
                k,
                BasisKind::Consent
                    | BasisKind::LegalObligation
                    | BasisKind::Contract
                    | BasisKind::PublicTask
            )
        };
        if activity.basis_kinds().any(|k| settled(&k)) {
            continue;
        }
        let Some(kind) = activity.legal_bases.iter().find_map(|b| b.kind.as_ref()) else {
            continue;
        };
        let Some(tracking) = tracking(activity) else {
            continue;
        };
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: profiling,
            },
            format!(
                "activity `{}` profiles people based on tracking ({tracking}) on the legal basis `{}` (Art. 6(1)({})); tracking-based profiling for advertising needs consent: use `legal_basis consent {{ mechanism \"…\" withdrawal \"…\" }}`, or set `anonymized true` if an AI only sees anonymised data",
                activity.header.id(),
                kind.value.keyword(),
                kind.value.letter(),
            ),
        )
        .with_related_mut(
            Location {
                file: activity.header.file,
                range: kind.range,
            },
            format!("the legal basis is `{}`", kind.value.keyword()),
        );
    }
}

/// Where the activity says it profiles: its `profiling true`, else its AI's (unless the AI sees
/// only anonymised input).
fn profiling_key(activity: &Activity) -> Option<TextRange> {
    if let Some(p) = activity.profiling.as_ref().filter(|p| p.is_true()) {
        return Some(p.key);
    }
    let ai = activity.ai.as_ref()?;
    // An invalid `anonymized` value (already reported) might have meant `true`.
    if flag(&ai.anonymized) || ai.anonymized.as_ref().is_some_and(|a| a.value.is_none()) {
        return None;
    }
    ai.profiling.as_ref().filter(|p| p.is_true()).map(|p| p.key)
}

/// What makes the profiling tracking-based, in words; `None` when nothing does.
fn tracking(activity: &Activity) -> Option<&'static str> {
    if let Some(access) = &activity.device_access
        && access.strictly_necessary != Some(true)
    {
        return Some("it accesses the user's device beyond what is strictly necessary");
    }
    if activity
        .collection
        .as_ref()
        .and_then(|c| c.get())
        .is_some_and(|c| c == "indirect")
    {
        return Some("it uses data collected from other sites or services");
    }
    if activity
        .direct_marketing
        .as_ref()
        .is_some_and(|d| d.has_channel("online_ads"))
    {
        return Some("it is direct marketing through online ads");
    }
    None
}
