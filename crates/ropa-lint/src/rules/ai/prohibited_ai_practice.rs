//! # `prohibited-ai-practice`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 5(1)(a)–(c), 5(1)(f), 5(1)(g) AI Act
//!
//! ## What it checks
//!
//! An activity's `ai` block describes a practice the AI Act prohibits:
//!
//! - `manipulative true` (Art. 5(1)(a)), `exploits_vulnerabilities true` (Art. 5(1)(b)) or
//!   `social_scoring true` (Art. 5(1)(c)): prohibited whoever is affected; the finding points at
//!   the key. The record says so only when the controller judged the practice to meet the
//!   article's conditions (significant harm, unrelated or disproportionate treatment);
//! - `emotion_recognition true` while the activity's `subjects` include `employees`,
//!   `applicants`, `pupils` or `students` — emotion recognition in the workplace or in education
//!   institutions (Art. 5(1)(f)); the finding points at `emotion_recognition`;
//! - `biometric_categorisation true` while the activity's `data` hold one of the categories
//!   Art. 5(1)(g) lists: `racial_ethnic_origin`, `political_opinions`, `religious_beliefs`,
//!   `trade_union_membership`, `sex_life` or `sexual_orientation` — biometric categorisation to
//!   infer those traits; the finding points at `biometric_categorisation`. Other special
//!   categories do not count: categorising people by biometric data into health or genetic
//!   categories is not prohibited but a high-risk use (Annex III 1(b) AI Act), which
//!   `high-risk-ai-deployer-duties` reports, and it needs an Art. 9(2) exception
//!   (`special-category-without-exception`). A declared category with `special true` does not
//!   count either, since the record does not say which trait it is.
//!
//! Art. 5 applies since 2 Feb 2025 (`ropa-analysis/src/ai_act.rs`); checked on an earlier day
//! (`--today`), the finding is a warning naming that date.
//!
//! ## Why
//!
//! Since 2 February 2025, Art. 5 of the AI Act prohibits placing on the market, putting into
//! service or using:
//!
//! - AI systems that infer the emotions of a natural person in the areas of **workplace and
//!   education institutions**, except for medical or safety reasons (Art. 5(1)(f)). Recruitment is
//!   part of the workplace: scoring the mood of call-centre agents or of applicants in video
//!   interviews is prohibited, as is scoring pupils' or students' attention from their faces,
//!   whereas analysing customers' emotions is allowed under Art. 50(3).
//! - Biometric categorisation systems that categorise individuals based on their biometric data
//!   to deduce or infer their race, political opinions, trade union membership, religious or
//!   philosophical beliefs, sex life or sexual orientation (Art. 5(1)(g)), such as audience
//!   segmentation from faces or voices by ethnic origin. The list is closed: health and genetic
//!   data are not on it (Commission Guidelines on prohibited AI practices, C(2025) 884 final,
//!   section on Art. 5(1)(g)).
//!
//! These are the most serious infringements of the AI Act, fined up to €35 million or 7 % of
//! worldwide turnover (Art. 99(3)). A DPIA or consent does not make them lawful.
//!
//! ## Legal reference
//!
//! AI Act (Regulation (EU) 2024/1689) Art. 5(1)(a)–(c), 5(1)(f), 5(1)(g), Art. 99(3); Commission Guidelines on
//! prohibited AI practices (approved 4 Feb 2025, C(2025) 884 final).
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
//! Stop the practice: do not analyse the emotions of employees, applicants, pupils or students
//! (limit the system to customers' voices, or switch it off for agents), and do not infer the
//! traits of Art. 5(1)(g) from biometric data. If the system is in fact used only for medical or safety reasons (e.g.
//! detecting driver fatigue), document that reason in a suppression:
//! `// ropa-ignore prohibited-ai-practice: Müdigkeitserkennung aus Sicherheitsgründen`.

use ropa_analysis::ai_act;
use ropa_analysis::model::{CategoryRef, Target};
use ropa_analysis::{Location, Severity};

use super::{ai_activities, dated, join};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "prohibited-ai-practice",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 5(1)(a)–(c), 5(1)(f), 5(1)(g) AI Act",
    summary: "a practice Art. 5 AI Act prohibits (manipulation, exploiting vulnerabilities, social scoring, emotion recognition at work or in education, biometric categorisation of the listed traits)",
    source: "",
    check,
};

/// The people Art. 5(1)(f) protects: at work (recruitment included) and in education.
const WORK_AND_EDUCATION: [&str; 4] = ["employees", "applicants", "pupils", "students"];

/// The traits Art. 5(1)(g) lists (a closed list: not health, not genetic data).
const ART_5_1_G: [&str; 6] = [
    "racial_ethnic_origin",
    "political_opinions",
    "religious_beliefs",
    "trade_union_membership",
    "sex_life",
    "sexual_orientation",
];

/// Art. 5(1)(a)–(c): prohibited whoever is affected, each with what it prohibits.
const OUTRIGHT: [(&str, &str); 3] = [
    (
        "manipulative",
        "subliminal, purposefully manipulative or deceptive techniques that materially distort people's behaviour and cause significant harm (Art. 5(1)(a) AI Act)",
    ),
    (
        "exploits_vulnerabilities",
        "exploiting vulnerabilities due to age, disability or a social or economic situation to materially distort behaviour with significant harm (Art. 5(1)(b) AI Act)",
    ),
    (
        "social_scoring",
        "social scoring that leads to detrimental treatment in unrelated contexts or out of proportion to the behaviour (Art. 5(1)(c) AI Act)",
    ),
];

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let file = activity.header.file;
        let outright = [
            &ai.manipulative,
            &ai.exploits_vulnerabilities,
            &ai.social_scoring,
        ];
        for (flag, (key, what)) in outright.into_iter().zip(OUTRIGHT) {
            if let Some(set) = flag.as_ref().filter(|k| k.is_true()) {
                let d = sink.report(
                    &RULE,
                    Location {
                        file,
                        range: set.key,
                    },
                    format!(
                        "activity `{}` says `{key} true`: the AI Act prohibits {what}; stop the practice",
                        activity.header.id(),
                    ),
                );
                dated(d, &ai_act::PROHIBITIONS, ctx.today);
            }
        }
        if let Some(emotion) = ai.emotion_recognition.as_ref().filter(|k| k.is_true()) {
            let subjects: Vec<String> = WORK_AND_EDUCATION
                .into_iter()
                .filter(|s| ctx.has_subject(activity, s))
                .map(|s| format!("`{s}`"))
                .collect();
            if !subjects.is_empty() {
                let d = sink.report(
                    &RULE,
                    Location {
                        file,
                        range: emotion.key,
                    },
                    format!(
                        "activity `{}` uses emotion recognition on {}: emotion recognition in the workplace and in education institutions is prohibited (Art. 5(1)(f) AI Act) unless it serves medical or safety reasons; stop analysing their emotions",
                        activity.header.id(),
                        join(&subjects),
                    ),
                );
                dated(d, &ai_act::PROHIBITIONS, ctx.today);
            }
        }
        if let Some(biometric) = ai.biometric_categorisation.as_ref().filter(|k| k.is_true()) {
            let listed: Vec<_> = ctx
                .processed_data(activity)
                .filter(|r| {
                    matches!(r.target, Some(Target::Category(CategoryRef::Builtin(c))) if ART_5_1_G.contains(&c.id))
                })
                .collect();
            if !listed.is_empty() {
                let names: Vec<String> = listed.iter().map(|r| format!("`{}`", r.name)).collect();
                let d = sink.report(
                    &RULE,
                    Location {
                        file,
                        range: biometric.key,
                    },
                    format!(
                        "activity `{}` uses biometric categorisation on {}: categorising people by their biometric data to infer race or ethnic origin, political opinions, trade union membership, religious or philosophical beliefs, sex life or sexual orientation is prohibited (Art. 5(1)(g) AI Act); stop inferring them",
                        activity.header.id(),
                        join(&names),
                    ),
                );
                for r in listed {
                    d.with_related_mut(
                        Location {
                            file,
                            range: r.range,
                        },
                        format!("`{}` is a trait Art. 5(1)(g) AI Act lists", r.name),
                    );
                }
                dated(d, &ai_act::PROHIBITIONS, ctx.today);
            }
        }
    }
}
