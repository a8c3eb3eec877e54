//! # `undeclared-device-access`
//!
//! **Category:** scan · **Default severity:** error · **Reference:** Section 25(1) TDDDG; Art. 5(3) ePrivacy Directive
//!
//! ## What it checks
//!
//! `ropa scan` found a cookie or a storage key that the Open Cookie Database attributes to a
//! service — in a HAR file, or read or written by code (`Cookies.get("_ga")`,
//! `localStorage.setItem("_hjid", …)`, `document.cookie = "_fbp=…"`) — the record has a
//! processor covering that service, and none of the activities that use the processor declares
//! `device_access`. A cookie of a service no processor covers is left to `undeclared-service`
//! and `consent-not-respected`. Reported once per service, at the first place it is seen.
//!
//! ## Why
//!
//! Storing information on the visitor's device or reading it from there needs consent unless it
//! is strictly necessary for the service the visitor asked for (Section 25 TDDDG). The record's
//! `device_access` block is where that access is declared: without it, `ropa check` cannot hold
//! the activity to the consent requirement (`device-access-without-consent`) and the privacy
//! policy says nothing about the cookie.
//!
//! ## Legal reference
//!
//! Section 25(1), (2) TDDDG; Art. 5(3) ePrivacy Directive; BGH, I ZR 7/16 *Cookie-Einwilligung II*;
//! CJEU C-673/17 *Planet49*.
//!
//! ## Example that fails
//!
//! ```ropa
//! processor google_analytics {
//!   name    "Google Ireland Limited"
//!   country IE
//!   avv { signed 2024-03-01 }
//!   services [google_analytics]
//! }
//!
//! activity reach {
//!   processors [google_analytics]
//! }
//! ```
//!
//! ```js consent.js
//! const clientId = Cookies.get("_ga");
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor google_analytics {
//!   name    "Google Ireland Limited"
//!   country IE
//!   avv { signed 2024-03-01 }
//!   services [google_analytics]
//! }
//!
//! activity reach {
//!   processors [google_analytics]
//!   device_access { technology "Cookies _ga, _ga_*"  strictly_necessary false }
//! }
//! ```
//!
//! ```js consent.js
//! const clientId = Cookies.get("_ga");
//! ```
//!
//! ## How to fix
//!
//! Add `device_access { technology "…"  strictly_necessary … }` to the activity that uses the
//! service; whether the access is strictly necessary is a decision the quick fix leaves as
//! `todo`. With the block in place, `device-access-without-consent` checks the legal basis.

use ropa_analysis::Severity;
use ropa_scan::{Kind, catalogue};

use super::{activities_using, covering, ids, per_service};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "undeclared-device-access",
    category: Category::Scan,
    severity: Severity::Error,
    reference: "Section 25(1) TDDDG; Art. 5(3) ePrivacy Directive",
    summary: "a service's cookie or storage key is used, and no activity using the service declares device_access",
    enabled_by_default: true,
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(scan) = ctx.scan else { return };
    let c = catalogue();
    for (s, _) in per_service(&scan.evidence.sightings, |s| s.kind.is_device_access()) {
        let processors = covering(ctx, s.service);
        if processors.is_empty() {
            continue;
        }
        let activities: Vec<_> = processors
            .iter()
            .flat_map(|&(r, _)| activities_using(ctx, r))
            .collect();
        if activities.iter().any(|a| a.device_access.is_some()) {
            continue;
        }
        let service = c.service(s.service);
        let Kind::Cookie { name, .. } = &s.kind else {
            continue;
        };
        let facts = c
            .service_cookie(s.service, name)
            .map(|k| match k.retention {
                Some(r) => format!(" (Open Cookie Database: {}, kept {r})", k.category),
                None => format!(" (Open Cookie Database: {})", k.category),
            })
            .unwrap_or_default();
        let procs = format!(
            "{} {}",
            if processors.len() == 1 {
                "processor"
            } else {
                "processors"
            },
            ids(processors.iter().map(|(_, p)| p.header.id()))
        );
        let whose = if activities.is_empty() {
            format!("no activity uses {procs}, so none declares `device_access`")
        } else {
            format!(
                "no activity using {procs} ({}) declares `device_access`",
                ids(activities.iter().map(|a| a.header.id()))
            )
        };
        let d = sink.report(
            &RULE,
            scan.location(s.file, &s.range),
            format!(
                "{} is {}'s{facts}; {whose} (Section 25 TDDDG)",
                super::undeclared_service::capitalised(&s.kind.describe()),
                service.name
            ),
        );
        for a in &activities {
            d.with_related_mut(
                a.header.anchor(),
                format!("`{}` uses {}", a.header.id(), service.name),
            );
        }
        if let [a] = activities.as_slice() {
            let technology = format!("{} ({})", s.kind.describe(), service.name)
                .replace('\\', "\\\\")
                .replace('"', "\\\"");
            d.fixes.push(ctx.insert_field_fix(
                format!("Declare the device access in `{}`", a.header.id()),
                a.header.file,
                a.header.body_end,
                a.header.indent(ctx.text(a.header.file)),
                &format!(
                    "device_access {{ technology \"{technology}\"  strictly_necessary todo }}"
                ),
                false,
            ));
        }
    }
}
