//! # `direct-marketing-without-objection-basis`
//!
//! **Category:** lawfulness · **Default severity:** warning · **Reference:** Art. 21(2), (4) GDPR
//!
//! ## What it checks
//!
//! An activity rests on `legitimate_interest` whose `interest` is advertising — it mentions
//! *Werbung*, *Direktwerbung*, *Marketing*, *Newsletter*, *advertising* or *promotion* — but the
//! activity does not say it is direct marketing: no `direct_marketing`. The finding points at the
//! interest. (`direct_marketing false` says the activity is not direct marketing and is
//! respected. A legitimate interest without any `interest` is reported by
//! `legitimate-interest-without-balancing`, as an error, and not again here.)
//!
//! ## Why
//!
//! Against processing for direct marketing, people have a right to object that is stronger than
//! the general one: at any time, without giving reasons and without any weighing — after the
//! objection, the data may no longer be used for direct marketing at all (Art. 21(2), (3)). They
//! must be told so explicitly, clearly and separately from other information, at the latest at
//! the first communication (Art. 21(4)). Direct marketing may rest on a legitimate interest
//! (Recital 47), so the basis alone does not show it; `direct_marketing` does. With it, ropa's
//! privacy policy states the unconditional right to object for that activity and lists it under
//! the Art. 21(2) paragraph of the objection section; without it, the activity gets only the
//! Art. 21(1) sentence ("on grounds relating to your particular situation"), which understates
//! the right.
//!
//! ## Legal reference
//!
//! Art. 21(2), (3), (4) GDPR; Recital 47 (direct marketing as a legitimate interest), Recital 70.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity catalogue {
//!   legal_basis legitimate_interest {
//!     interest  "Werbung für eigene Produkte bei Bestandskunden"
//!     balancing "dokumentiert in lia/katalog.pdf"
//!   }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity catalogue {
//!   legal_basis legitimate_interest {
//!     interest  "Werbung für eigene Produkte bei Bestandskunden"
//!     balancing "dokumentiert in lia/katalog.pdf"
//!   }
//!   direct_marketing { channels [post]  existing_customers true }
//! }
//! ```
//!
//! ## How to fix
//!
//! Mark the activity as direct marketing: `direct_marketing true`, or a block naming its
//! `channels` (`email`, `phone`, `sms`, `post`, `messenger`, `online_ads`). If the interest is
//! not about addressing people with advertising, word it precisely — or write
//! `direct_marketing false`.

use ropa_analysis::model::{Activity, BasisKind};
use ropa_analysis::{Location, Severity};

use crate::registry::{Category, Rule};
use crate::rules::transparency::item_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "direct-marketing-without-objection-basis",
    category: Category::Lawfulness,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 21(2), (4) GDPR",
    summary: "an advertising interest without `direct_marketing`",
    source: "",
    check,
};

/// Words that make an interest advertising (lower case; matched inside words, so
/// "Direktwerbung" and "advertisements" count).
const ADVERTISING: &[&str] = &[
    "werbung",
    "werblich",
    "marketing",
    "newsletter",
    "advertis",
    "promotion",
];

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        if activity.direct_marketing.is_some() || item_writes(&activity.header, "direct_marketing")
        {
            continue;
        }
        for basis in &activity.legal_bases {
            if !basis.is(BasisKind::LegitimateInterest) {
                continue;
            }
            let Some(interest) = &basis.interest else {
                continue;
            };
            let Some(part) = interest.parts.iter().find(|p| is_advertising(&p.text)) else {
                continue;
            };
            report(sink, activity, part.range, &part.text);
            break;
        }
    }
}

fn is_advertising(text: &str) -> bool {
    let lower = text.to_lowercase();
    ADVERTISING.iter().any(|w| lower.contains(w))
}

fn report(sink: &mut Sink, activity: &Activity, at: ropa_syntax::TextRange, interest: &str) {
    sink.report(
        &RULE,
        Location {
            file: activity.header.file,
            range: at,
        },
        format!(
            "the legitimate interest of activity `{}` is advertising (\"{}\"), so the activity is direct marketing, against which people may object at any time without giving reasons; add `direct_marketing true` (or a block with its `channels`) so that the privacy policy says so",
            activity.header.id(),
            interest.trim()
        ),
    );
}
