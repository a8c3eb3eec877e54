//! # `chatbot-without-disclosure`
//!
//! **Category:** ai · **Default severity:** error · **Reference:** Art. 50(1) AI Act
//!
//! ## What it checks
//!
//! An activity's `ai` block says `chatbot true` — the AI interacts directly with people, in text
//! or by voice — but has no `disclosure`: the notice shown at the interaction that it is an AI.
//!
//! Art. 50 applies from 2 Aug 2026 (the date lives in `ropa-analysis/src/ai_act.rs`): checked
//! on an earlier day (`--today`, `ROPA_TODAY`), the finding is a warning that names the date;
//! from that day on, an error.
//!
//! ## Why
//!
//! From 2 August 2026, AI systems intended to interact directly with natural persons must be
//! designed so that the persons concerned are informed that they are interacting with an AI
//! system, unless this is obvious to a reasonably well-informed, observant person (AI Act
//! Art. 50(1)). The information must be given clearly and distinguishably, at the latest at the
//! first interaction (Art. 50(5)). Customer-service chatbots and voice bots on websites are the
//! typical case. The duty binds the **provider** of the AI system (Art. 3(3)): whoever develops
//! it, or has it developed, and puts it into service under its own name. A company that builds
//! its own assistant on a general-purpose model's API and offers it on its website under its own
//! name is usually that provider, so the duty applies to it directly — the common case for
//! website bots, which is why this is an error. A pure deployer of a third party's finished bot
//! has no Art. 50(1) duty of its own, but still owes the GDPR information (Art. 13) about the
//! processing; suppress the finding with that reason. Breaches are fined up to €15 million
//! or 3 % of turnover (Art. 99(4) AI Act).
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

use ropa_analysis::ai_act;

use super::{ai_activities, ai_lacks, dated, insert_into_ai};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "chatbot-without-disclosure",
    category: Category::Ai,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 50(1) AI Act",
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
        let d = sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: chatbot.key,
            },
            format!(
                "the chatbot of activity `{}` does not tell people they are talking to an AI; show a notice at the first interaction and record it with `disclosure \"…\"` in the `ai` block",
                activity.header.id(),
            ),
        );
        d.fixes.push(fix);
        dated(d, &ai_act::TRANSPARENCY, ctx.today);
    }
}
