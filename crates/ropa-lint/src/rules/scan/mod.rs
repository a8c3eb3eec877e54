//! The rules of `ropa scan`: what code and websites do, held against the record. They report
//! only when a scan's evidence is in the context (`ropa scan`, the language server's scan of
//! `[scan] paths`); `ropa check` has none.
//!
//! The one place where a processor is said to cover a catalogue service is [`covering`].

pub(crate) mod consent_not_respected;
pub(crate) mod declared_service_not_found;
pub(crate) mod undeclared_device_access;
pub(crate) mod undeclared_service;

use std::collections::HashSet;

use ropa_analysis::model::{Activity, Id, Processor};
use ropa_analysis::{Edit, Fix, Location};
use ropa_scan::{Kind, Service, ServiceId, Sighting, catalogue};
use ropa_syntax::{ItemKind, TextRange};

use crate::Context;

/// The processors that cover a catalogue service. A processor with a `services` list covers
/// exactly those services. One without covers the service whose id is its own id, and the
/// service whose name its `name` starts with, word for word (`name "OpenAI Ireland Ltd."`
/// covers OpenAI; `name "Google Ireland Limited"` does not cover Google Analytics: one company
/// runs many services under separate contracts, so only `services` says which).
pub(crate) fn covering<'a>(
    ctx: &Context<'a>,
    service: ServiceId,
) -> Vec<(Id<Processor>, &'a Processor)> {
    let s = catalogue().service(service);
    ctx.processors()
        .filter(|(_, p)| match &p.services {
            Some(list) => list.iter().any(|id| id.value == s.id),
            None => {
                p.header.id() == s.id
                    || p.name
                        .as_deref()
                        .is_some_and(|n| starts_with_words(n, s.name))
            }
        })
        .collect()
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether `name`'s words begin with all of `prefix`'s words.
fn starts_with_words(name: &str, prefix: &str) -> bool {
    let mut name = words(name);
    let mut any = false;
    for w in words(prefix) {
        any = true;
        if name.next().as_deref() != Some(w.as_str()) {
            return false;
        }
    }
    any
}

/// A processor of the same company as the service that does not cover it (for a hint: "if
/// `google` covers Google Analytics, add `services [google_analytics]` to it").
pub(crate) fn same_company<'a>(ctx: &Context<'a>, service: &Service) -> Option<&'a Processor> {
    let company = service.company?;
    ctx.processors().map(|(_, p)| p).find(|p| {
        p.name
            .as_deref()
            .is_some_and(|n| starts_with_words(n, company))
    })
}

/// The activities that use a processor: directly, as `ai { provider }`, or through
/// `subprocessors`.
pub(crate) fn activities_using<'a>(
    ctx: &Context<'a>,
    processor: Id<Processor>,
) -> Vec<&'a Activity> {
    ctx.every_activity()
        .map(|(_, a)| a)
        .filter(|a| ctx.all_uses(a).iter().any(|u| u.processor == processor))
        .collect()
}

/// One sighting per service among those `wanted` — one missing declaration is one finding —
/// with the first sighting in each other file where the service is seen too (at most ten).
/// The one reported is the first of the strongest kind: a dependency in a manifest, then an
/// import, then the rest, each in file order.
pub(crate) fn per_service(
    sightings: &[Sighting],
    wanted: impl Fn(&Sighting) -> bool,
) -> Vec<(&Sighting, Vec<&Sighting>)> {
    let rank = |s: &Sighting| match s.kind {
        Kind::Package { .. } => 0,
        Kind::Import { .. } => 1,
        _ => 2,
    };
    let mut by_service: std::collections::BTreeMap<ServiceId, Vec<&Sighting>> = Default::default();
    for s in sightings.iter().filter(|s| wanted(s)) {
        by_service.entry(s.service).or_default().push(s);
    }
    let mut out: Vec<(&Sighting, Vec<&Sighting>)> = by_service
        .into_values()
        .filter_map(|mut list| {
            list.sort_by_key(|s| (rank(s), s.file, s.range.start));
            let first = *list.first()?;
            let mut files = HashSet::from([first.file]);
            let mut others: Vec<&Sighting> =
                list.into_iter().filter(|s| files.insert(s.file)).collect();
            others.sort_by_key(|s| (s.file, s.range.start));
            others.truncate(10);
            Some((first, others))
        })
        .collect();
    out.sort_by_key(|(s, _)| (s.file, s.range.start));
    out
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
pub(crate) fn ids<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<String> = items.into_iter().map(|i| format!("`{i}`")).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The quick fix of `undeclared-service`: a processor skeleton with the catalogue's name and
/// `todo` for every fact a person must decide (country, contract, transfer), at the end of the
/// file that declares the first processor (else the controller's file, else the first file).
pub(crate) fn skeleton_fix(ctx: &Context, service: ServiceId) -> Option<Fix> {
    let s = catalogue().service(service);
    let file = ctx
        .processors()
        .map(|(_, p)| p.header.file)
        .next()
        .or_else(|| ctx.controller().map(|c| c.header.file))
        .or_else(|| (ctx.scan?.first_file > 0).then_some(ropa_analysis::FileId(0)))?;
    let mut id = s.id.to_string();
    let mut n = 2;
    while ctx.lookup(ItemKind::Processor, &id).is_some() {
        id = format!("{}_{n}", s.id);
        n += 1;
    }
    let text = ctx.text(file);
    let lead = if text.is_empty() || text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let name = s.name.replace('\\', "\\\\").replace('"', "\\\"");
    let skeleton = format!(
        "{lead}// Found by `ropa scan`: decide the country, the contract and any transfer, and list\n\
         // this processor in the activities that send data to it.\n\
         processor {id} {{\n  \
           name     \"{name}\"\n  \
           country  todo\n  \
           services [{sid}]\n  \
           avv      todo\n  \
           transfer todo\n\
         }}\n",
        sid = s.id
    );
    Some(Fix {
        title: format!("Declare {} as processor `{id}`", s.name),
        edits: vec![Edit {
            location: Location {
                file,
                range: TextRange::empty(text.len()),
            },
            text: skeleton,
        }],
        safe: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cover_by_leading_words() {
        assert!(starts_with_words("OpenAI Ireland Ltd.", "OpenAI"));
        assert!(starts_with_words("HubSpot Ireland Limited", "Hubspot"));
        assert!(!starts_with_words(
            "Google Ireland Limited",
            "Google Analytics"
        ));
        assert!(!starts_with_words("Openair GmbH", "OpenAI"));
        assert!(!starts_with_words("Anything", ""));
    }
}
