//! # `prohibited-ai-practice`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 5(1)(f), 5(1)(g) AI Act
//!
//! ## What it checks
//!
//! An activity's `ai` block describes a practice the AI Act prohibits:
//!
//! - `emotion_recognition true` while the activity's `subjects` include `employees` or
//!   `applicants` — emotion recognition in the workplace (Art. 5(1)(f)); the finding points at
//!   `emotion_recognition`;
//! - `biometric_categorisation true` while the activity's `data` hold a special category (built-in,
//!   such as `racial_ethnic_origin` or `sexual_orientation`, or declared with `special true`) —
//!   biometric categorisation to infer sensitive characteristics (Art. 5(1)(g)); the finding
//!   points at `biometric_categorisation`. The built-in `biometric` category itself does not
//!   count: every biometric categorisation reads biometric data, and Art. 5(1)(g) prohibits
//!   inferring the other sensitive traits from it.
//!
//! ## Why
//!
//! Since 2 February 2025, Art. 5 of the AI Act prohibits placing on the market, putting into
//! service or using:
//!
//! - AI systems that infer the emotions of a natural person in the areas of **workplace** and
//!   education institutions, except for medical or safety reasons (Art. 5(1)(f)). Recruitment is
//!   part of the workplace: scoring the mood of call-centre agents or of applicants in video
//!   interviews is prohibited, whereas analysing customers' emotions is allowed under Art. 50(3).
//! - Biometric categorisation systems that categorise individuals based on their biometric data
//!   to deduce or infer their race, political opinions, trade union membership, religious or
//!   philosophical beliefs, sex life or sexual orientation (Art. 5(1)(g)), such as audience
//!   segmentation from faces or voices.
//!
//! These are the most serious infringements of the AI Act, fined up to €35 million or 7 % of
//! worldwide turnover (Art. 99(3)). A DPIA or consent does not make them lawful.
//!
//! ## Legal reference
//!
//! AI Act (Regulation (EU) 2024/1689) Art. 5(1)(f), 5(1)(g), Art. 99(3); Commission Guidelines on
//! prohibited AI practices (4 Feb 2025).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity agent_mood {
//!   subjects [employees, customers]
//!   data     [voice, communication]
//!   ai {
//!     system              "Stimmungsanalyse Callcenter"
//!     emotion_recognition true
//!     disclosure          "Gespräche werden automatisch ausgewertet."
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity customer_mood {
//!   subjects [customers]
//!   data     [voice, communication]
//!   ai {
//!     system              "Stimmungsanalyse Callcenter"
//!     emotion_recognition true
//!     disclosure          "Ansage zu Beginn des Anrufs: Ihre Stimmung wird automatisch ausgewertet."
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Stop the practice: do not analyse the emotions of employees or applicants (limit the system to
//! customers' voices, or switch it off for agents), and do not infer sensitive characteristics
//! from biometric data. If the system is in fact used only for medical or safety reasons (e.g.
//! detecting driver fatigue), document that reason in a suppression:
//! `// ropa-ignore prohibited-ai-practice: Müdigkeitserkennung aus Sicherheitsgründen`.

use ropa_analysis::{Location, Severity};

use super::{ai_activities, join};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "prohibited-ai-practice",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 5(1)(f), 5(1)(g) AI Act",
    summary: "emotion recognition at work or biometric categorisation of sensitive traits (prohibited)",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let file = activity.header.file;
        if let Some(emotion) = ai.emotion_recognition.as_ref().filter(|k| k.is_true()) {
            let subjects: Vec<String> = ["employees", "applicants"]
                .into_iter()
                .filter(|s| ctx.has_subject(activity, s))
                .map(|s| format!("`{s}`"))
                .collect();
            if !subjects.is_empty() {
                sink.report(
                    &RULE,
                    Location {
                        file,
                        range: emotion.key,
                    },
                    format!(
                        "activity `{}` uses emotion recognition on {}: emotion recognition in the workplace is prohibited (Art. 5(1)(f) AI Act) unless it serves medical or safety reasons; stop analysing their emotions",
                        activity.header.id(),
                        join(&subjects),
                    ),
                );
            }
        }
        if let Some(biometric) = ai.biometric_categorisation.as_ref().filter(|k| k.is_true()) {
            // Biometric categorisation always reads biometric data; what Art. 5(1)(g) prohibits is
            // inferring the *other* sensitive traits from it, so `biometric` itself does not count.
            let special: Vec<_> = ctx
                .special_data(activity)
                .into_iter()
                .filter(|r| r.name != "biometric")
                .collect();
            if !special.is_empty() {
                let names: Vec<String> = special.iter().map(|r| format!("`{}`", r.name)).collect();
                let d = sink.report(
                    &RULE,
                    Location {
                        file,
                        range: biometric.key,
                    },
                    format!(
                        "activity `{}` uses biometric categorisation together with special categories ({}): categorising people by biometric data to infer sensitive characteristics is prohibited (Art. 5(1)(g) AI Act); stop inferring them",
                        activity.header.id(),
                        join(&names),
                    ),
                );
                for r in special {
                    d.with_related_mut(
                        Location {
                            file,
                            range: r.range,
                        },
                        format!("`{}` is a special category (Art. 9(1) GDPR)", r.name),
                    );
                }
            }
        }
    }
}
