//! # `declared-service-not-found`
//!
//! **Category:** scan · **Default severity:** info · **Reference:** Art. 30(1)(d) GDPR
//!
//! ## What it checks
//!
//! Only with `ropa scan --all`: a processor's `services` list names a catalogue service that the
//! scan did not see in any scanned file. Processors that cover a service by their name only
//! make no such claim and are not reported.
//!
//! ## Why
//!
//! The record should list the recipients data actually goes to (Art. 30(1)(d)); a service the
//! code and the website no longer use may be a recipient of the past — or the scan did not
//! cover the code that uses it (a backend in another repository, a tag loaded by the Tag
//! Manager at run time). That is why this is information, and only on request.
//!
//! ## Legal reference
//!
//! Art. 5(2), 30(1)(d) GDPR.
//!
//! ## Example that fails
//!
//! ```ropa
//! processor hotjar {
//!   name     "Hotjar Ltd."
//!   country  MT
//!   avv { signed 2024-03-01 }
//!   services [hotjar]
//! }
//! ```
//!
//! ```json package.json
//! { "dependencies": { "react": "^18.0.0" } }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor hotjar {
//!   name     "Hotjar Ltd."
//!   country  MT
//!   avv { signed 2024-03-01 }
//!   services [hotjar]
//! }
//! ```
//!
//! ```json package.json
//! { "dependencies": { "@hotjar/browser": "^1.0.0" } }
//! ```
//!
//! ## How to fix
//!
//! If the service is no longer used, remove it from `services` (and the processor, once no
//! activity uses it). If it is used in code the scan did not read, add that folder to the scan
//! (`ropa scan web/ api/`, or `[scan] paths` in `ropa.toml`).

use std::collections::HashSet;

use ropa_analysis::{Location, Severity};
use ropa_scan::catalogue;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "declared-service-not-found",
    category: Category::Scan,
    severity: Severity::Info,
    reference: "Art. 30(1)(d) GDPR",
    summary: "with `ropa scan --all`: a processor names a service the scan did not see",
    enabled_by_default: true,
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(scan) = ctx.scan.filter(|s| s.all) else {
        return;
    };
    let seen: HashSet<_> = scan
        .evidence
        .sightings
        .iter()
        .map(|s| s.service)
        .chain(scan.evidence.breaches.iter().map(|b| b.service))
        .collect();
    let c = catalogue();
    for (_, p) in ctx.processors() {
        for id in p.services.iter().flatten() {
            let Some(service) = c.by_id(&id.value) else {
                continue;
            };
            if seen.contains(&service) {
                continue;
            }
            sink.report(
                &RULE,
                Location {
                    file: p.header.file,
                    range: id.range,
                },
                format!(
                    "processor `{}` covers {} (`{}`), which the scan did not find in the scanned files; remove it if it is no longer used, or scan the code that uses it",
                    p.header.id(),
                    c.service(service).name,
                    id.value
                ),
            );
        }
    }
}
