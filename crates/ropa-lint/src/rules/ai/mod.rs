pub(crate) mod automated_decision_on_special_data;
pub(crate) mod automated_decision_without_safeguards;
pub(crate) mod chatbot_without_disclosure;
pub(crate) mod dpia_required;
pub(crate) mod emotion_recognition_without_notice;
pub(crate) mod high_risk_ai_deployer_duties;
pub(crate) mod missing_ai_logic;
pub(crate) mod missing_bias_review;
pub(crate) mod profiling_of_children;
pub(crate) mod profiling_without_consent;
pub(crate) mod prohibited_ai_practice;
pub(crate) mod training_without_compatibility;
pub(crate) mod unlabelled_generated_content;

use ropa_analysis::model::{Activity, Ai, ItemHeader};
use ropa_analysis::{Edit, Fix, Location};
use ropa_syntax::TextRange;

use crate::Context;

/// Every activity with an `ai` block.
pub(crate) fn ai_activities<'a>(ctx: &Context<'a>) -> impl Iterator<Item = (&'a Activity, &'a Ai)> {
    ctx.activities()
        .filter_map(|a| a.ai.as_deref().map(|ai| (a, ai)))
}

/// How a key is written in a block (see [`KeyWrite`](ropa_analysis::model::KeyWrite)).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Written<'a> {
    /// The raw text of the value (`None` for a misspelt key or a key without a value).
    pub value: Option<&'a str>,
}

/// Whether `key` is written in the block of the item or field whose id or key lies at `owner`
/// (an item's [`anchor`](ropa_analysis::model::ItemHeader::anchor) or a nested block's key) —
/// also when the model dropped it because its value was invalid, or when a misspelt key
/// probably meant it. Both were already reported (`invalid-value`, `unknown-field`), so a rule
/// about the key being *absent* must stay silent then: one mistake, one finding.
pub(crate) fn written<'a>(
    ctx: &Context<'a>,
    header: &'a ItemHeader,
    owner: TextRange,
    key: &str,
) -> Option<Written<'a>> {
    let text = ctx.text(header.file);
    header.written(owner, key).map(|w| Written {
        value: w.value().and_then(|v| text.get(v.start()..v.end())),
    })
}

/// Whether `key` of the `ai` block is really absent (not just invalid or misspelt).
pub(crate) fn ai_lacks(ctx: &Context, activity: &Activity, ai: &Ai, key: &str) -> bool {
    written(ctx, &activity.header, ai.key, key).is_none()
}

use ropa_analysis::line_indent;

/// A fix inserting `field` into the `ai` block: on a line of its own when the block's closing
/// `}` stands on its own line, else (a block written on one line, `ai { chatbot true }`) in the
/// same line before the `}`, keeping the user's layout.
pub(crate) fn insert_into_ai(
    ctx: &Context,
    title: String,
    activity: &Activity,
    ai: &Ai,
    field: &str,
) -> Fix {
    insert_into_block(ctx, title, activity.header.file, ai.key, ai.body_end, field)
}

/// A fix inserting `field` into the nested block whose key is at `key` and whose closing `}`
/// is at `body_end` (`ai { … }`, `legal_basis consent { … }`), as [`insert_into_ai`] does.
pub(crate) fn insert_into_block(
    ctx: &Context,
    title: String,
    file: ropa_analysis::FileId,
    key: TextRange,
    body_end: usize,
    field: &str,
) -> Fix {
    let text = ctx.text(file);
    let before = text.get(..body_end).unwrap_or("");
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.ends_with('\n') || trimmed.is_empty() {
        let indent = line_indent(text, key.start());
        return ctx.insert_field_fix(title, file, body_end, indent, field, false);
    }
    let gap = if trimmed.ends_with('{') { " " } else { "  " };
    Fix {
        title,
        edits: vec![Edit {
            location: Location {
                file,
                range: TextRange::new(trimmed.len(), body_end),
            },
            text: format!("{gap}{field} "),
        }],
        safe: false,
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Makes a finding about an AI Act duty date-aware: a warning naming the day the duty starts to
/// apply when `today` is before it, otherwise the rule's severity (an error).
pub(crate) fn dated(
    d: &mut ropa_analysis::Diagnostic,
    duty: &ropa_analysis::ai_act::Duty,
    today: ropa_syntax::Date,
) {
    if !duty.applies_on(today) {
        d.severity = ropa_analysis::Severity::Warning;
        d.message.push_str(&format!(
            " ({} applies from {})",
            duty.provisions,
            ropa_analysis::geo::long_date(duty.applies_from, false)
        ));
    }
}
