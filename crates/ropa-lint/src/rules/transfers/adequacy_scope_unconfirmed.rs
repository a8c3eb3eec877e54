//! # `adequacy-scope-unconfirmed`
//!
//! **Category:** transfers · **Default severity:** warning · **Reference:** Art. 45(1), (3) GDPR
//!
//! ## What it checks
//!
//! A used processor or recipient is in Canada, Japan or South Korea — countries whose adequacy
//! decisions cover only part of the recipients there — and relies on the adequacy decision (no
//! `transfer`, or `transfer adequacy`) without saying why it is within the decision's scope:
//! no `scope` in a `transfer adequacy { … }` block. The finding points at the country.
//!
//! ## Why
//!
//! An adequacy decision may cover a country as a whole or only "specified sectors" (Art. 45(1),
//! (3)). The decision for Canada covers commercial organisations subject to PIPEDA; the one for
//! Japan covers business operators under the APPI with the Supplementary Rules, not the public
//! sector; the one for South Korea excludes, for example, religious organisations for their
//! missionary activity, political parties for nominations and credit information supervised by
//! the Financial Services Commission. A recipient outside the scope is a recipient in a third
//! country without adequacy decision, and the transfer needs a safeguard under Art. 46. The
//! record, and the privacy policy that names the decision, should say why the recipient is
//! covered. (The hover of the country shows the decision's scope.)
//!
//! ## Legal reference
//!
//! Art. 45(1), (3) GDPR; Commission Decision 2002/2/EC (Canada), Implementing Decision (EU)
//! 2019/419 (Japan), Implementing Decision (EU) 2022/254 (Republic of Korea).
//!
//! ## Example that fails
//!
//! ```ropa
//! processor translations {
//!   name    "Übersetzungsbüro Tokio K.K."
//!   country JP
//! }
//!
//! activity support {
//!   processors [translations]
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor translations {
//!   name     "Übersetzungsbüro Tokio K.K."
//!   country  JP
//!   transfer adequacy { scope "Privatunternehmen, unterliegt dem APPI und den Supplementary Rules" }
//! }
//!
//! activity support {
//!   processors [translations]
//! }
//! ```
//!
//! ## How to fix
//!
//! Check that the recipient is within the decision's scope and say why:
//! `transfer adequacy { scope "…" }`. If it is not, agree a safeguard: `transfer scc { signed
//! YYYY-MM-DD }`.

use ropa_analysis::geo::{self, Coverage};
use ropa_analysis::model::Mechanism;
use ropa_analysis::{Location, Severity};

use crate::registry::{Category, Rule};
use crate::rules::processors::used_processors;
use crate::rules::transparency::block_key_writes;
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "adequacy-scope-unconfirmed",
    category: Category::Transfers,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 45(1), (3) GDPR",
    summary: "a recipient under a partial adequacy decision without a stated scope",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for (_, p, _) in used_processors(ctx) {
        let Some(country) = p.country.as_ref().and_then(|c| c.value.as_ref()) else {
            continue;
        };
        let code = country.value.as_str();
        let Some(decision) = geo::adequacy_on(code, ctx.today) else {
            continue;
        };
        if decision.coverage != Coverage::Partial {
            continue;
        }
        let confirmed = match &p.transfer {
            // Relying on the decision: only `transfer adequacy` can state the scope.
            Some(t) => match t.mechanism.as_ref().map(|m| m.value) {
                Some(Mechanism::Adequacy) => {
                    t.scope.is_some() || block_key_writes(&p.header, t.key, "scope")
                }
                // Another safeguard, or an invalid mechanism (reported on its own).
                _ => true,
            },
            None => p.header.misspelled("transfer"),
        };
        if confirmed {
            continue;
        }
        let limits = decision
            .scope_text(false)
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        sink.report(
            &RULE,
            Location {
                file: p.header.file,
                range: country.range,
            },
            format!(
                "`{}` is in `{code}`, whose adequacy decision covers only part of the recipients there{limits}; say why `{}` is covered with `transfer adequacy {{ scope \"…\" }}`, or agree a safeguard such as `transfer scc`",
                p.header.id(),
                p.header.id()
            ),
        );
    }
}
