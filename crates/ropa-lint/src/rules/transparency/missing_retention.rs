//! # `missing-retention`
//!
//! **Category:** transparency · **Default severity:** error · **Reference:** Art. 5(1)(e), 13(2)(a) GDPR
//!
//! ## What it checks
//!
//! An activity has no `retention` key. (A `retention` with an invalid value is reported by
//! `invalid-value`, a misspelt key by `unknown-field`.)
//!
//! ## Why
//!
//! Personal data may be kept no longer than the purpose requires (storage limitation, Art.
//! 5(1)(e) GDPR). The privacy notice must say how long the data is stored or, if that is not
//! possible, the criteria used to decide it (Art. 13(2)(a), 14(2)(a)), and the record should give
//! the time limits for erasure (Art. 30(1)(f)). "As long as necessary" alone is not enough
//! (Article 29 Working Party, transparency guidelines WP260). The storage period is a mandatory
//! item of the notice ("teilt … mit"), so a missing one is an error: the published policy would
//! be incomplete (Art. 83(5)(b)).
//!
//! ## Legal reference
//!
//! Art. 5(1)(e), 13(2)(a), 14(2)(a) and 30(1)(f) GDPR.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity newsletter {
//!   title       "Newsletter"
//!   purpose     "Versand unseres monatlichen Newsletters"
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent { mechanism "Double-Opt-in"  withdrawal "Abmeldelink in jeder E-Mail" }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity newsletter {
//!   title       "Newsletter"
//!   purpose     "Versand unseres monatlichen Newsletters"
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent { mechanism "Double-Opt-in"  withdrawal "Abmeldelink in jeder E-Mail" }
//!   retention   "bis zur Abmeldung, danach 3 Jahre als Nachweis der Einwilligung"
//! }
//! ```
//!
//! ## How to fix
//!
//! Add `retention` with a duration (`90 days`, `13 months`, `10 years`) or a string that states
//! the criteria (`"bis zur Abmeldung"`, `"6 Jahre nach Vertragsende (§ 147 AO)"`). The quick fix
//! inserts `retention todo`: only the controller can decide the period (`unfinished-value`
//! reports the `todo` until it is written).

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-retention",
    category: Category::Transparency,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 5(1)(e), 13(2)(a) GDPR",
    summary: "an activity does not say how long its data is kept",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    // `data []`: no personal data, so no GDPR duty (see `processes_personal_data`).
    for activity in ctx.activities().filter(|a| a.processes_personal_data()) {
        let h = &activity.header;
        if !activity.retention.is_empty() || h.misspelled("retention") {
            continue;
        }
        let fix = ctx.insert_field_fix(
            format!("Add a retention period to `{}`", h.id()),
            h.file,
            h.body_end,
            h.indent(ctx.text(h.file)),
            "retention todo",
            false,
        );
        sink.report(
            &RULE,
            h.anchor(),
            format!(
                "activity `{}` has no `retention`: state how long the data is kept (a duration \
                 like `2 years`, or the criteria that decide it)",
                h.id()
            ),
        )
        .fixes
        .push(fix);
    }
}
