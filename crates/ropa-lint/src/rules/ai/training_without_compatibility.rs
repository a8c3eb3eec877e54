//! # `training-without-compatibility`
//!
//! **Category:** ai · **Default severity:** warning · **Reference:** Art. 6(4), 13(3) GDPR
//!
//! ## What it checks
//!
//! An activity's AI block says `trains_on_personal_data true` — the data is also used to train or
//! improve AI models — but gives no `compatibility`: why that further use is compatible with the
//! purpose the data was collected for.
//!
//! ## Why
//!
//! Training a model is a purpose of its own. Where it does not rest on consent or on a law, the
//! controller must assess whether it is compatible with the original purpose, taking into
//! account the link between the purposes, the context of collection, the nature of the data,
//! the consequences for the people and the safeguards such as pseudonymisation (Art. 6(4)). Before
//! the further processing starts, the people must be told about the new purpose
//! (Art. 13(3), 14(4)). The EDPB's opinion on AI models stresses the same for models trained on
//! personal data (Opinion 28/2024). Where the training rests on its own consent, say so in
//! `compatibility`.
//!
//! ## Legal reference
//!
//! Art. 5(1)(b), 6(4), 13(3), 14(4) GDPR; Recital 50; EDPB Opinion 28/2024 on AI models.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity support {
//!   title "Kundenservice-Chat"
//!   data  [chat_content]
//!   ai {
//!     system                  "Eigenes Sprachmodell"
//!     chatbot                 true
//!     disclosure              "Sie chatten mit einer KI."
//!     trains_on_personal_data true
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity support {
//!   title "Kundenservice-Chat"
//!   data  [chat_content]
//!   ai {
//!     system                  "Eigenes Sprachmodell"
//!     chatbot                 true
//!     disclosure              "Sie chatten mit einer KI."
//!     trains_on_personal_data true
//!     compatibility           "Verbesserung desselben Dienstes; Chats werden vor dem Training pseudonymisiert; Widerspruch jederzeit möglich"
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Carry out the compatibility assessment of Art. 6(4), write its result in `compatibility`
//! (the policy tells readers about the further use), or stop training on the data.

use ropa_analysis::{Location, Severity};

use super::{ai_activities, ai_lacks};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "training-without-compatibility",
    category: Category::Ai,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 6(4), 13(3) GDPR",
    summary: "personal data trains AI models without a compatibility assessment",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (activity, ai) in ai_activities(ctx) {
        let Some(trains) = ai.trains_on_personal_data.as_ref().filter(|k| k.is_true()) else {
            continue;
        };
        if ai.compatibility.is_some() || !ai_lacks(ctx, activity, ai, "compatibility") {
            continue;
        }
        sink.report(
            &RULE,
            Location {
                file: activity.header.file,
                range: trains.key,
            },
            format!(
                "activity `{}` trains AI models on its personal data but gives no `compatibility`: \
                 say why training is compatible with the purpose the data was collected for \
                 (Art. 6(4) GDPR), as the people must be told of the further use",
                activity.header.id()
            ),
        );
    }
}
