//! # `unlabelled-generated-content`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 50(2), 50(4) AI Act
//!
//! ## What it checks
//!
//! An activity's `ai` block says `generates_content true` — the AI produces synthetic text,
//! images, audio or video — has no `labelling` saying how the content is marked, and a
//! labelling duty of the AI Act applies:
//!
//! - we are the system's **provider** (`role provider`): Art. 50(2);
//! - the content is a **deepfake** (`deepfake true`): Art. 50(4), first subparagraph;
//! - it is text published to inform the public on matters of public interest
//!   (`public_interest_text true`) and no person reviews it and holds editorial responsibility
//!   (no `editorial_review`): Art. 50(4), second subparagraph.
//!
//! A deployer (`role deployer`, the default) whose generated content is none of these — ad copy,
//! product texts, illustrative images — has no AI Act labelling duty, and the rule stays silent;
//! labelling it anyway is good practice, and `labelling` then describes it.
//!
//! ## Why
//!
//! From 2 August 2026, the AI Act requires generated content to be recognisable:
//!
//! - Providers of systems that generate synthetic audio, image, video or text must mark the
//!   output in a machine-readable format, detectable as artificially generated or manipulated
//!   (Art. 50(2); the Digital Omnibus on AI, adopted in June 2026, gives generative systems
//!   already on the market until 2 December 2026).
//! - Deployers must disclose **deepfakes** — images, audio or video resembling real persons,
//!   objects, places or events — as artificially generated, and AI-generated text published to
//!   inform the public on matters of public interest, unless a person reviewed it and holds
//!   editorial responsibility (Art. 50(4)).
//!
//! AI-made ad creatives with realistic people are the typical marketing case. The information must
//! be given clearly, at the latest at the first exposure (Art. 50(5)). Breaches are fined up to
//! €15 million or 3 % of turnover (Art. 99(4) AI Act).
//!
//! ## Legal reference
//!
//! AI Act (Regulation (EU) 2024/1689) Art. 50(2), 50(4), 50(5); application from 2 Aug 2026
//! (Art. 113).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity ad_creatives {
//!   ai {
//!     system            "Bildgenerator"
//!     generates_content true
//!     deepfake          true
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity ad_creatives {
//!   ai {
//!     system            "Bildgenerator"
//!     generates_content true
//!     deepfake          true
//!     labelling         "C2PA-Metadaten und sichtbarer Hinweis „KI-generiert“ auf jedem Motiv"
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Mark generated content — machine-readable (e.g. C2PA content credentials or a watermark) and,
//! for deepfakes and published texts, visibly ("KI-generiert") — and describe how in `labelling`.
//! For public-interest texts, a person who reviews them and holds editorial responsibility is an
//! alternative: name it in `editorial_review`. If the AI only assists with standard editing and
//! does not substantially change the input, set `generates_content false`.

use ropa_analysis::model::{Activity, Ai, flag};
use ropa_analysis::{Location, Severity};

use super::{ai_activities, ai_lacks};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "unlabelled-generated-content",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 50(2), 50(4) AI Act",
    summary: "AI-generated content that must be labelled, without a description of how",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let Some(generates) = ai.generates_content.as_ref().filter(|g| g.is_true()) else {
            continue;
        };
        if ai.labelling.is_some() || !ai_lacks(ctx, activity, ai, "labelling") {
            continue;
        }
        let Some(duty) = duty(ctx, activity, ai) else {
            continue;
        };
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: generates.key,
            },
            format!(
                "activity `{}` generates content with AI {duty}, but does not say how it is marked as AI-generated; add `labelling \"…\"` to its `ai` block (e.g. machine-readable C2PA metadata plus a visible notice)",
                activity.header.id(),
            ),
        );
    }
}

/// The labelling duty that applies, in words; `None` for a deployer's ordinary content.
fn duty(ctx: &Context, activity: &Activity, ai: &Ai) -> Option<&'static str> {
    if ai
        .role
        .as_ref()
        .and_then(|r| r.get())
        .is_some_and(|r| r == "provider")
    {
        return Some(
            "as its provider, who must mark the output machine-readably (Art. 50(2) AI Act)",
        );
    }
    if flag(&ai.deepfake) {
        return Some("that is a deepfake, which must be disclosed as such (Art. 50(4) AI Act)");
    }
    if flag(&ai.public_interest_text)
        && ai.editorial_review.is_none()
        && ai_lacks(ctx, activity, ai, "editorial_review")
    {
        return Some(
            "as text on matters of public interest without a person holding editorial responsibility (Art. 50(4) AI Act)",
        );
    }
    None
}
