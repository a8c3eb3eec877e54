//! # `chatbot-without-disclosure`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** AI Act Art. 50(1)
//!
//! ## What it checks
//!
//! An activity's `ai` block says `chatbot true` — the AI interacts directly with people, in text
//! or by voice — but has no `disclosure`: the notice shown at the interaction that it is an AI.
//!
//! ## Why
//!
//! From 2 August 2026, AI systems intended to interact directly with natural persons must be
//! designed so that the persons concerned are informed that they are interacting with an AI
//! system, unless this is obvious to a reasonably well-informed, observant person (AI Act
//! Art. 50(1)). The information must be given clearly and distinguishably, at the latest at the
//! first interaction (Art. 50(5)). Customer-service chatbots and voice bots on websites are the
//! typical case. The duty is addressed to the provider, but the deployer who puts the bot in front
//! of customers must make sure the notice is actually shown. Breaches are fined up to €15 million
//! or 3 % of turnover (AI Act Art. 99(4)).
//!
//! ## Legal reference
//!
//! AI Act (Regulation (EU) 2024/1689) Art. 50(1), 50(5); application from 2 Aug 2026
//! (Art. 113).
//!
//! ## Example that fails
//!
//! ```ropa
//! activity support_chatbot {
//!   ai {
//!     system  "GPT-4o"
//!     chatbot true
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity support_chatbot {
//!   ai {
//!     system     "GPT-4o"
//!     chatbot    true
//!     disclosure "Sie chatten mit einem KI-Assistenten, nicht mit einem Menschen."
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Show a notice at the start of every conversation (in the chat window, or spoken by a voice
//! bot) and record its wording in `disclosure`. The quick fix inserts a default sentence in the
//! workspace's first language: "Sie chatten mit einem KI-Assistenten, nicht mit einem Menschen."
//! (de) or "You are chatting with an AI assistant, not a human." (en; also used, as an `en`
//! language block, when the first language is another one).

use ropa_analysis::{Location, Severity};

use super::{ai_activities, ai_lacks, insert_into_ai};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "chatbot-without-disclosure",
    category: Category::Ai,
    severity: Severity::Error,
    reference: "AI Act Art. 50(1)",
    summary: "a chatbot without a notice that it is an AI",
    source: "",
    check,
};

const DE: &str = "Sie chatten mit einem KI-Assistenten, nicht mit einem Menschen.";
const EN: &str = "You are chatting with an AI assistant, not a human.";

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let Some(chatbot) = ai.chatbot.as_ref().filter(|c| c.is_true()) else {
            continue;
        };
        if ai.disclosure.is_some() || !ai_lacks(ctx, activity, ai, "disclosure") {
            continue;
        }
        let field = match ctx.first_language() {
            "de" => format!("disclosure \"{DE}\""),
            "en" => format!("disclosure \"{EN}\""),
            _ => format!("disclosure {{ en \"{EN}\" }}"),
        };
        let fix = insert_into_ai(
            ctx,
            "Add a disclosure that this is an AI".to_string(),
            activity,
            ai,
            &field,
        );
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: chatbot.key,
            },
            format!(
                "the chatbot of activity `{}` does not tell people they are talking to an AI; show a notice at the first interaction and record it with `disclosure \"…\"` in the `ai` block",
                activity.header.id(),
            ),
        )
        .fixes
        .push(fix);
    }
}
