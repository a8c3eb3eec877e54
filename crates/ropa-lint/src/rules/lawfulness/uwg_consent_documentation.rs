//! # `uwg-consent-documentation`
//!
//! **Category:** lawfulness · **Default severity:** warning · **Reference:** Section 7a UWG
//!
//! ## What it checks
//!
//! An activity advertises by telephone to consumers — `direct_marketing { channels [phone] }`
//! with a subject other than the built-in `business_contacts` — on consent, but keeps its data for
//! less than five years: every `retention` is a period, and the longest is shorter than five
//! years (60 months, 261 weeks or 1,826 days). The finding points at that period. A retention
//! given as criteria (a text such as "bis zum Widerruf, danach fünf Jahre") cannot be judged and
//! gives no finding; neither does an activity without `retention` (that is
//! `missing-retention`).
//!
//! ## Why
//!
//! Whoever advertises to a consumer by telephone must document the consumer's prior express
//! consent appropriately when it is given, and keep that record for five years from when the
//! consent was given and again after each use of it (Section 7a(1), (2) UWG). The
//! Bundesnetzagentur may ask to see it, and a missing or discarded record is an administrative
//! offence with a fine of up to €50,000 (Section 20 UWG). A record that deletes the activity's
//! data — the consent with it — after two years cannot prove the consent for the calls of the
//! following years. The GDPR allows keeping the proof for as long as a legal obligation requires
//! it (Art. 6(1)(c), 17(3)(b) GDPR).
//!
//! ## Legal reference
//!
//! Section 7a UWG (in force since 1 October 2021); Section 7(2) no. 1 UWG; Section 20 UWG;
//! Art. 7(1) GDPR (the controller must be able to demonstrate consent).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity callback_offers {
//!   title       "Rückrufe mit Angeboten"
//!   purpose     "Telefonische Angebote an Interessierte, die eingewilligt haben"
//!   subjects    [prospects]
//!   data        [identity, contact]
//!   legal_basis consent {
//!     mechanism  "Checkbox im Rückrufformular, mit Zeitstempel protokolliert"
//!     withdrawal "Jederzeit telefonisch oder per E-Mail"
//!   }
//!   direct_marketing { channels [phone] }
//!   retention   2 years
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity callback_offers {
//!   title       "Rückrufe mit Angeboten"
//!   purpose     "Telefonische Angebote an Interessierte, die eingewilligt haben"
//!   subjects    [prospects]
//!   data        [identity, contact]
//!   legal_basis consent {
//!     mechanism  "Checkbox im Rückrufformular, mit Zeitstempel protokolliert"
//!     withdrawal "Jederzeit telefonisch oder per E-Mail"
//!   }
//!   direct_marketing { channels [phone] }
//!   retention   5 years { from "Erteilung der Einwilligung und jeder Verwendung (§ 7a Abs. 2 UWG)" }
//! }
//! ```
//!
//! ## How to fix
//!
//! Keep the record of each consent to advertising calls for five years from when it was given
//! and after each use: `retention 5 years { from "Erteilung und jeder Verwendung der
//! Einwilligung"  law "§ 7a Abs. 2 UWG" }`, as a part of its own beside the period of the other
//! data if they are deleted sooner.

use ropa_analysis::model::{BasisKind, Retention};
use ropa_analysis::{Location, Severity};
use ropa_syntax::TimeUnit;

use super::consumer_subject;
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "uwg-consent-documentation",
    category: Category::Lawfulness,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Section 7a UWG",
    summary: "consent to advertising calls kept for less than the five years Section 7a UWG requires",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let calls = activity
            .direct_marketing
            .as_ref()
            .is_some_and(|d| d.has_channel("phone"));
        if !calls || consumer_subject(activity).is_none() || !activity.has_basis(BasisKind::Consent)
        {
            continue;
        }
        // Every part must be a period (criteria, `todo` or an invalid value cannot be judged).
        let mut longest = None;
        for part in &activity.retention {
            match &part.value {
                Some(v) => match v.value {
                    Retention::Duration { amount, unit } => {
                        if longest
                            .is_none_or(|(a, u, _)| approx_days(a, u) < approx_days(amount, unit))
                        {
                            longest = Some((amount, unit, v.range));
                        }
                    }
                    Retention::Text(_) => {
                        longest = None;
                        break;
                    }
                },
                None => {
                    longest = None;
                    break;
                }
            }
        }
        let Some((amount, unit, range)) = longest else {
            continue;
        };
        if at_least_five_years(amount, unit) {
            continue;
        }
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range,
            },
            format!(
                "activity `{}` calls consumers with advertising on their consent but keeps its data for {} at most: the consent must be documented and kept for five years from when it was given and after each use (Section 7a UWG); add a retention of five years for the record of consent",
                activity.header.id(),
                period(amount, unit)
            ),
        );
    }
}

/// Whether a period is five years or longer (five years have 1,826 days with their leap day).
fn at_least_five_years(amount: u64, unit: TimeUnit) -> bool {
    match unit {
        TimeUnit::Year => amount >= 5,
        TimeUnit::Month => amount >= 60,
        TimeUnit::Week => amount >= 261,
        TimeUnit::Day => amount >= 1826,
    }
}

/// A period in days, roughly (only to find the longest of several).
fn approx_days(amount: u64, unit: TimeUnit) -> u64 {
    let per = match unit {
        TimeUnit::Day => 1,
        TimeUnit::Week => 7,
        TimeUnit::Month => 30,
        TimeUnit::Year => 365,
    };
    amount.saturating_mul(per)
}

fn period(amount: u64, unit: TimeUnit) -> String {
    let word = match unit {
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
        TimeUnit::Year => "year",
    };
    if amount == 1 {
        format!("one {word}")
    } else {
        format!("{amount} {word}s")
    }
}
