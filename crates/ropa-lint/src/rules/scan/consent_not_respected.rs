//! # `consent-not-respected`
//!
//! **Category:** scan · **Default severity:** error · **Reference:** Section 25(1) TDDDG; Art. 5(3) ePrivacy Directive
//!
//! ## What it checks
//!
//! A HAR file (a browser's recording of a visit) shows a tracking request — to a host the
//! catalogue files under advertising, analytics, social media or marketing — or a cookie the
//! Open Cookie Database files under analytics, marketing or personalisation, **before** the
//! consent banner's consent, or **after** the visitor refused. The consent is read from the
//! banner's own traces: the IAB TCF `euconsent-v2` cookie, Cookiebot's `CookieConsent`,
//! OneTrust's `OptanonConsent`, or the request URLs set as `[scan] consent_requests` /
//! `refusal_requests` in `ropa.toml` (see [docs/scan.md](../scan.md)). A file with no consent at
//! all counts as a visit where the visitor has not (yet) answered. The finding names the
//! activities of the record that use the service, if any. Reported once per service and file,
//! at the first offending entry.
//!
//! ## Why
//!
//! Storing or reading information on the visitor's device needs prior consent unless it is
//! strictly necessary (Section 25(1), (2) TDDDG), and the consent must come before the access —
//! a tag that fires while the banner is still open, or after "Reject all", processes without
//! it. The record may say `legal_basis consent`; the recording shows whether the site keeps
//! that promise.
//!
//! ## Legal reference
//!
//! Section 25(1) TDDDG; Art. 5(3) ePrivacy Directive; Art. 6(1)(a), 7(1) GDPR; CJEU C-673/17
//! *Planet49*; DSK, *Orientierungshilfe der Aufsichtsbehörden für Anbieter:innen von digitalen
//! Diensten* (2021, updated 2022).
//!
//! ## Example that fails
//!
//! ```ropa
//! processor google_analytics {
//!   name     "Google Ireland Limited"
//!   country  IE
//!   avv { signed 2024-03-01 }
//!   services [google_analytics]
//! }
//! ```
//!
//! ```json visit.har
//! { "log": { "entries": [
//!   { "startedDateTime": "2026-11-02T10:00:00.000Z",
//!     "request": { "url": "https://www.muster.de/", "cookies": [] }, "response": { "cookies": [] } },
//!   { "startedDateTime": "2026-11-02T10:00:01.000Z",
//!     "request": { "url": "https://www.google-analytics.com/g/collect?v=2", "cookies": [] },
//!     "response": { "cookies": [] } }
//! ] } }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor google_analytics {
//!   name     "Google Ireland Limited"
//!   country  IE
//!   avv { signed 2024-03-01 }
//!   services [google_analytics]
//! }
//! ```
//!
//! ```json visit.har
//! { "log": { "entries": [
//!   { "startedDateTime": "2026-11-02T10:00:00.000Z",
//!     "request": { "url": "https://www.muster.de/", "cookies": [] },
//!     "response": { "cookies": [ { "name": "CookieConsent", "value": "{necessary:true%2Cstatistics:true%2Cmarketing:false}" } ] } },
//!   { "startedDateTime": "2026-11-02T10:00:01.000Z",
//!     "request": { "url": "https://www.google-analytics.com/g/collect?v=2", "cookies": [] },
//!     "response": { "cookies": [] } }
//! ] } }
//! ```
//!
//! ## How to fix
//!
//! Load the tag only after consent: block it in the consent banner (Cookiebot's
//! `data-cookieconsent`, the Tag Manager's consent settings, Google's consent mode without
//! cookies and requests before consent), and remove what still fires after a refusal. Then
//! record the visit again. If the recording simply does not show the banner's answer, add the
//! request the banner sends to `[scan] consent_requests` or `refusal_requests`.

use ropa_analysis::Severity;
use ropa_scan::{Purpose, catalogue};

use super::{activities_using, covering, ids};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "consent-not-respected",
    category: Category::Scan,
    severity: Severity::Error,
    reference: "Section 25(1) TDDDG; Art. 5(3) ePrivacy Directive",
    summary: "a HAR file shows tracking before the visitor's consent, or after a refusal",
    enabled_by_default: true,
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(scan) = ctx.scan else { return };
    let c = catalogue();
    for b in &scan.evidence.breaches {
        let service = c.service(b.service);
        let purpose = match b.purpose {
            Purpose::Statistics => "statistics",
            Purpose::Marketing => "marketing",
        };
        let when = match (&b.refusal, &b.later_consent) {
            (Some(_), _) => "after the visitor refused consent".to_string(),
            (None, Some(_)) => "before the visitor consented".to_string(),
            (None, None) => "without the visitor's consent (the recording shows none)".to_string(),
        };
        let processors = covering(ctx, b.service);
        let activities: Vec<_> = processors
            .iter()
            .flat_map(|&(r, _)| activities_using(ctx, r))
            .collect();
        let record = if !activities.is_empty() {
            format!(
                "; it serves {} {} of the record",
                if activities.len() == 1 {
                    "activity"
                } else {
                    "activities"
                },
                ids(activities.iter().map(|a| a.header.id()))
            )
        } else if !processors.is_empty() {
            format!(
                "; the record declares it as {} {}, which no activity uses",
                if processors.len() == 1 {
                    "processor"
                } else {
                    "processors"
                },
                ids(processors.iter().map(|(_, p)| p.header.id()))
            )
        } else {
            "; no processor of the record covers it".to_string()
        };
        let d = sink.report(
            &RULE,
            scan.location(b.file, &b.range),
            format!(
                "{} ({}, {purpose}) happens {when}: Section 25(1) TDDDG requires consent first{record}",
                super::undeclared_service::capitalised(&b.what),
                service.name
            ),
        );
        if let Some(at) = &b.refusal {
            d.with_related_mut(scan.location(b.file, at), "the visitor refused here");
        }
        if let Some(at) = &b.later_consent {
            d.with_related_mut(scan.location(b.file, at), "consent was given only here");
        }
        for a in &activities {
            d.with_related_mut(
                a.header.anchor(),
                format!("`{}` uses {}", a.header.id(), service.name),
            );
        }
    }
}
