//! # `emotion-recognition-without-notice`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 50(3) AI Act
//!
//! ## What it checks
//!
//! An activity's `ai` block says `emotion_recognition true` or `biometric_categorisation true`,
//! but has no `disclosure`: the notice that tells the people exposed to the system about it. Each
//! of the two keys that is `true` gets its own finding, at that key.
//!
//! Art. 50 applies from 2 Aug 2026 (the date lives in `ropa-analysis/src/ai_act.rs`): checked
//! on an earlier day (`--today`, `ROPA_TODAY`), the finding is a warning that names the date;
//! from that day on, an error.
//!
//! ## Why
//!
//! From 2 August 2026, deployers of an emotion recognition system or a biometric categorisation
//! system must inform the natural persons exposed to it of its operation, and process their
//! personal data in accordance with the GDPR (Art. 50(3) AI Act). The information must be given
//! clearly and distinguishably, at the latest at the first exposure (Art. 50(5)). Mood analysis
//! of customers' voices in calls or of their faces on video, and audience segmentation from
//! faces or voices, are the typical marketing cases. An emotion recognition system infers
//! emotions *from biometric data* (Art. 3(39) AI Act, Recital 18): sentiment analysis of written
//! text (chats, e-mails, reviews) is not emotion recognition and falls outside Art. 50(3) and
//! Art. 5(1)(f) (Commission Guidelines on prohibited AI practices, C(2025) 884 final). Such systems are often high-risk as well (Annex III
//! no. 1(b), (c)), and some uses are prohibited outright (see `prohibited-ai-practice`). Breaches
//! are fined up to €15 million or 3 % of turnover (Art. 99(4) AI Act).
//!
//! ## Legal reference
//!
//! AI Act (Regulation (EU) 2024/1689) Art. 50(3), 50(5); Annex III no. 1(b), 1(c).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity call_analysis {
//!   subjects [customers]
//!   ai {
//!     system              "Stimmungsanalyse Hotline"
//!     emotion_recognition true
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity call_analysis {
//!   subjects [customers]
//!   ai {
//!     system              "Stimmungsanalyse Hotline"
//!     emotion_recognition true
//!     disclosure          "Ansage zu Beginn des Anrufs: Die Stimmung im Gespräch wird automatisch ausgewertet."
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Tell the people exposed, before or at the first exposure, that an emotion recognition or
//! biometric categorisation system is used — for example an announcement at the start of a call
//! or a notice next to the camera — and record the wording in `disclosure`.

use ropa_analysis::model::Keyed;
use ropa_analysis::{Location, Severity};

use ropa_analysis::ai_act;

use super::{ai_activities, ai_lacks, dated};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "emotion-recognition-without-notice",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 50(3) AI Act",
    summary: "emotion recognition or biometric categorisation without a notice to the people exposed",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let flags: [(&Option<Keyed<bool>>, &str); 2] = [
            (&ai.emotion_recognition, "emotion recognition"),
            (&ai.biometric_categorisation, "biometric categorisation"),
        ];
        for (key, what) in flags {
            let Some(key) = key.as_ref().filter(|k| k.is_true()) else {
                continue;
            };
            if ai.disclosure.is_some() || !ai_lacks(ctx, activity, ai, "disclosure") {
                continue;
            }
            let d = sink.report(
                &RULE,
                Location {
                    file: activity.header.file,
                    range: key.key,
                },
                format!(
                    "activity `{}` uses {what} without telling the people exposed to it; inform them at the first exposure and record the notice with `disclosure \"…\"` in the `ai` block",
                    activity.header.id(),
                ),
            );
            dated(d, &ai_act::TRANSPARENCY, ctx.today);
        }
    }
}
