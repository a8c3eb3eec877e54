//! # `undeclared-service`
//!
//! **Category:** scan · **Default severity:** error · **Reference:** Art. 13(1)(e), 30(1)(d) GDPR
//!
//! ## What it checks
//!
//! `ropa scan` found a service of its catalogue in the code or on the website — an SDK in a
//! package manifest or lock file, an import, a script, frame, pixel or stylesheet loaded from the
//! service's host, an inline snippet such as `fbq(`, a Tag Manager tag, a request in a HAR
//! file — and no processor of the record covers it. A processor covers a service when its
//! `services` list names it, or, without `services`, when its id is the service's id or its
//! `name` starts with the service's name (see [docs/scan.md](../scan.md)). Reported once per
//! service — one missing declaration, one finding — at a dependency in a manifest if there is
//! one, else at the first place it is seen; the other files that use it are related places.
//!
//! ## Why
//!
//! Whatever the code or the page sends to a third party — the visitor's IP address with every
//! request at the least — goes to a recipient. The record must name the recipients
//! (Art. 30(1)(d)), the privacy notice must name them (Art. 13(1)(e)), and a processor needs an
//! AVV (Art. 28(3)). A pull request that adds the `openai` SDK or a Meta Pixel snippet changes
//! all three; this rule notices when the record was not changed with it.
//!
//! ## Legal reference
//!
//! Art. 13(1)(e), 28(3), 30(1)(d) GDPR; on the IP address as personal data, CJEU C-582/14
//! *Breyer*.
//!
//! ## Example that fails
//!
//! ```ropa
//! controller { name "Muster GmbH"  address "Musterstraße 1, 10115 Berlin"  email "datenschutz@muster.de" }
//! ```
//!
//! ```json package.json
//! { "dependencies": { "openai": "^4.0.0" } }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor openai {
//!   name    "OpenAI Ireland Ltd."
//!   country IE
//!   avv { signed 2024-03-01 }
//! }
//! ```
//!
//! ```json package.json
//! { "dependencies": { "openai": "^4.0.0" } }
//! ```
//!
//! ## How to fix
//!
//! Declare the service as a processor (or another recipient) and list it in the activities that
//! send data to it; if a processor already covers it under another name, add the service's id
//! to its `services` list (`services [google_analytics]`). The quick fix inserts a processor
//! skeleton with the catalogue's name and `todo` for the country, the contract and the
//! transfer: facts only a person can decide. If the code no longer uses the service, remove the
//! dependency or the snippet.

use ropa_analysis::Severity;
use ropa_scan::catalogue;

use super::{covering, per_service, same_company, skeleton_fix};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "undeclared-service",
    category: Category::Scan,
    severity: Severity::Error,
    reference: "Art. 13(1)(e), 30(1)(d) GDPR",
    summary: "the code or the website uses a service that no processor of the record covers",
    enabled_by_default: true,
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(scan) = ctx.scan else { return };
    let c = catalogue();
    for (s, elsewhere) in per_service(&scan.evidence.sightings, |s| !s.kind.is_device_access()) {
        if !covering(ctx, s.service).is_empty() {
            continue;
        }
        let service = c.service(s.service);
        let hint = match same_company(ctx, service) {
            Some(p) => format!(
                "; if processor `{}` covers it, add `services [{}]` to it",
                p.header.id(),
                service.id
            ),
            None => format!(
                "; declare it as a processor (or add `services [{}]` to the processor that covers it)",
                service.id
            ),
        };
        let d = sink.report(
            &RULE,
            scan.location(s.file, &s.range),
            format!(
                "{} sends data to {} (catalogue: {}), and no processor of the record covers it{hint}",
                capitalised(&s.kind.describe()),
                service.name,
                service.category
            ),
        );
        for other in elsewhere {
            d.with_related_mut(
                scan.location(other.file, &other.range),
                format!("{} is used here too", service.name),
            );
        }
        if let Some(p) = same_company(ctx, service) {
            d.with_related_mut(
                p.header.anchor(),
                format!("`{}` is a processor of the same company", p.header.id()),
            );
        }
        if let Some(fix) = skeleton_fix(ctx, s.service) {
            d.fixes.push(fix);
        }
    }
}

pub(crate) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
