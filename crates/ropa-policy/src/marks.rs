//! Drafts: which generated sections a finding of severity `error` leaves unsupported, and the
//! marked box ("ENTWURF – fehlt: …") each one shows there.
//!
//! A finding inside an activity marks that activity; inside a `section`, that section; inside a
//! `client`, that client's entry of the processor's record (and the policy's introduction);
//! inside a processor, category or subject, every activity that uses it; inside the controller,
//! the controller section (the DPO's contact, the DPO section). Anything else
//! (a syntax error between items, an unused processor) marks the introduction, so that no error
//! goes unmentioned. A box says what is missing in the reader's terms, from the rule's name; it
//! never repeats the finding's message or names a file (the CLI names the findings on stderr).

use std::collections::BTreeMap;

use ropa_analysis::{Diagnostic, Severity, Workspace};

use crate::facts::ActivityFacts;
use crate::lang::Lang;

/// What a marked box says about the statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draft {
    /// The record lacks it: "ENTWURF – fehlt: …".
    Missing,
    /// The record has it, but it cannot be stated as it is: "ENTWURF – ungeklärt: …".
    Unresolved,
}

/// The text of a marked box.
pub fn draft_text(lang: Lang, kind: Draft, what: String) -> String {
    let lead = match (lang, kind) {
        (Lang::De, Draft::Missing) => "ENTWURF – fehlt: ",
        (Lang::De, Draft::Unresolved) => "ENTWURF – ungeklärt: ",
        (Lang::En, Draft::Missing) => "DRAFT – missing: ",
        (Lang::En, Draft::Unresolved) => "DRAFT – unresolved: ",
    };
    let mut s = String::with_capacity(lead.len() + what.len());
    s.push_str(lead);
    s.push_str(&what);
    s
}

/// The box a rule's finding of severity error shows in the section it affects.
pub fn rule_box(lang: Lang, rule: &str) -> String {
    use Draft::{Missing, Unresolved};
    let (kind, de, en) = match rule {
        "missing-controller" => (
            Missing,
            "Name und Kontaktdaten des Verantwortlichen (Art. 13 Abs. 1 lit. a DSGVO)",
            "the controller's name and contact details (Art. 13(1)(a) GDPR)",
        ),
        "missing-dpo-contact" => (
            Missing,
            "Kontaktdaten der oder des Datenschutzbeauftragten (Art. 13 Abs. 1 lit. b DSGVO)",
            "the data protection officer's contact details (Art. 13(1)(b) GDPR)",
        ),
        "missing-legal-basis" => (
            Missing,
            "Rechtsgrundlage der Verarbeitung (Art. 6 Abs. 1 DSGVO)",
            "the legal basis of the processing (Art. 6(1) GDPR)",
        ),
        "ambiguous-legal-basis" => (
            Unresolved,
            "welche Rechtsgrundlage für welchen Teil der Verarbeitung gilt (Art. 13 Abs. 1 lit. c DSGVO)",
            "which legal basis covers which part of the processing (Art. 13(1)(c) GDPR)",
        ),
        "legitimate-interest-without-balancing" => (
            Missing,
            "das berechtigte Interesse (Art. 13 Abs. 1 lit. d DSGVO)",
            "the legitimate interest pursued (Art. 13(1)(d) GDPR)",
        ),
        "missing-withdrawal-info" => (
            Missing,
            "wie Sie Ihre Einwilligung widerrufen können (Art. 7 Abs. 3 DSGVO)",
            "how you can withdraw your consent (Art. 7(3) GDPR)",
        ),
        "missing-retention" => (
            Missing,
            "Speicherdauer oder die Kriterien für ihre Festlegung (Art. 13 Abs. 2 lit. a DSGVO)",
            "the retention period or the criteria used to determine it (Art. 13(2)(a) GDPR)",
        ),
        "missing-source" => (
            Missing,
            "Herkunft der Daten (Art. 14 Abs. 2 lit. f DSGVO)",
            "the source of the data (Art. 14(2)(f) GDPR)",
        ),
        "missing-privacy-notice" => (
            Missing,
            "einleitender Text zu dieser Verarbeitung",
            "an introductory paragraph for this processing activity",
        ),
        "special-category-without-exception" => (
            Missing,
            "Ausnahme für besondere Kategorien personenbezogener Daten (Art. 9 Abs. 2 DSGVO)",
            "the exception for special categories of personal data (Art. 9(2) GDPR)",
        ),
        "criminal-data-without-authority" => (
            Missing,
            "Grundlage für Daten über strafrechtliche Verurteilungen und Straftaten (Art. 10 DSGVO)",
            "the authority for data relating to criminal convictions and offences (Art. 10 GDPR)",
        ),
        "missing-avv" | "subprocessor-without-avv" => (
            Missing,
            "Vertrag zur Auftragsverarbeitung mit einem Empfänger (Art. 28 Abs. 3 DSGVO)",
            "a data processing agreement with a recipient (Art. 28(3) GDPR)",
        ),
        "avv-expired" => (
            Unresolved,
            "der Vertrag zur Auftragsverarbeitung mit einem Empfänger ist abgelaufen (Art. 28 Abs. 3 DSGVO)",
            "the data processing agreement with a recipient has expired (Art. 28(3) GDPR)",
        ),
        "joint-control-without-agreement" => (
            Missing,
            "Vereinbarung über die gemeinsame Verantwortlichkeit (Art. 26 DSGVO)",
            "the arrangement between joint controllers (Art. 26 GDPR)",
        ),
        "transfer-without-safeguard" => (
            Missing,
            "Grundlage der Übermittlung in ein Drittland (Art. 45, 46 oder 49 DSGVO)",
            "the basis of the transfer to a third country (Art. 45, 46 or 49 GDPR)",
        ),
        "device-access-without-consent" => (
            Missing,
            "Einwilligung in das Speichern und Auslesen von Informationen auf dem Endgerät (§ 25 Abs. 1 TDDDG)",
            "consent to storing and accessing information on the device (Section 25(1) TDDDG)",
        ),
        "profiling-without-consent" => (
            Missing,
            "Einwilligung in das Profiling (Art. 6 Abs. 1 lit. a DSGVO)",
            "consent to the profiling (Art. 6(1)(a) GDPR)",
        ),
        "automated-decision-without-safeguards" => (
            Missing,
            "Ausnahme und Schutzmaßnahmen für die automatisierte Entscheidung (Art. 22 Abs. 2 und 3 DSGVO)",
            "the exception and safeguards for the automated decision (Art. 22(2) and (3) GDPR)",
        ),
        "automated-decision-on-special-data" => (
            Unresolved,
            "automatisierte Entscheidung auf Grundlage besonderer Kategorien personenbezogener Daten (Art. 22 Abs. 4 DSGVO)",
            "automated decision based on special categories of personal data (Art. 22(4) GDPR)",
        ),
        "prohibited-ai-practice" => (
            Unresolved,
            "dieser KI-Einsatz ist möglicherweise eine verbotene Praxis (Art. 5 KI-VO)",
            "this use of AI may be a prohibited practice (Art. 5 AI Act)",
        ),
        "chatbot-without-disclosure" => (
            Missing,
            "Hinweis, dass Sie mit einem KI-System kommunizieren (Art. 50 Abs. 1 KI-VO)",
            "the notice that you are interacting with an AI system (Art. 50(1) AI Act)",
        ),
        "emotion-recognition-without-notice" => (
            Missing,
            "Hinweis auf die Emotionserkennung oder biometrische Kategorisierung (Art. 50 Abs. 3 KI-VO)",
            "the notice of emotion recognition or biometric categorisation (Art. 50(3) AI Act)",
        ),
        "unlabelled-generated-content" => (
            Missing,
            "wie KI-erzeugte Inhalte gekennzeichnet werden (Art. 50 KI-VO)",
            "how AI-generated content is labelled (Art. 50 AI Act)",
        ),
        "missing-translation" => (
            Missing,
            "Übersetzung eines Textes in diese Sprache (Art. 12 Abs. 1 DSGVO)",
            "the translation of a text into this language (Art. 12(1) GDPR)",
        ),
        "unfinished-value" => (
            Missing,
            "eine Angabe, die im Verzeichnis noch offen ist (todo)",
            "a statement the record still leaves open (todo)",
        ),
        _ => (
            Unresolved,
            "das Verzeichnis enthält hierzu noch Fehler; Angaben können fehlen oder unzutreffend sein",
            "the record still has errors here; statements may be missing or wrong",
        ),
    };
    draft_text(lang, kind, lang.t_owned(de, en))
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Controller,
    /// The data protection officer's section (the controller's, when it has none).
    Dpo,
    Activity(String),
    /// The section of a `section` item, by id.
    Section(String),
    /// A `client` item, by id: an entry of the processor's record only.
    Client(String),
    Document,
}

/// The errors among `findings`, as the boxes of each place (each box once, in the order of the
/// findings).
pub fn places(
    ws: &Workspace,
    lang: Lang,
    findings: &[Diagnostic],
    activities: &[ActivityFacts],
) -> BTreeMap<Place, Vec<String>> {
    let mut out: BTreeMap<Place, Vec<String>> = BTreeMap::new();
    // Who uses what, computed once: a record has thousands of activities and findings.
    let mut users: std::collections::HashMap<(u8, &str), Vec<&str>> =
        std::collections::HashMap::new();
    for a in activities {
        for r in &a.recipients {
            users
                .entry((0, r.id.as_str()))
                .or_default()
                .push(a.id.as_str());
        }
        for c in &a.categories {
            users
                .entry((1, c.id.as_str()))
                .or_default()
                .push(a.id.as_str());
        }
        for x in &a.subjects {
            users
                .entry((2, x.id.as_str()))
                .or_default()
                .push(a.id.as_str());
        }
    }
    let used_by = |kind: u8, id: &str| -> Vec<Place> {
        users
            .get(&(kind, id))
            .map(|v| {
                v.iter()
                    .map(|a| Place::Activity((*a).to_string()))
                    .collect()
            })
            .unwrap_or_default()
    };
    for d in findings.iter().filter(|d| d.severity == Severity::Error) {
        let Some(file) = ws.files.get(d.location.file.index()) else {
            continue;
        };
        let at = d.location.range.start();
        let text = rule_box(lang, d.rule);
        let model = &file.model;
        let inside = |r: ropa_syntax::TextRange| r.start() <= at && at < r.end().max(r.start() + 1);
        let mut targets = Vec::new();
        if containing(&model.controllers, |c| c.header.range, at).any(|c| inside(c.header.range)) {
            targets.push(match d.rule {
                "missing-dpo-contact" => Place::Dpo,
                _ => Place::Controller,
            });
        }
        // Items do not overlap and come in file order: the one that may hold `at` is found by
        // a binary search (a file may hold thousands).
        for a in
            containing(&model.activities, |a| a.header.range, at).filter(|a| inside(a.header.range))
        {
            targets.push(Place::Activity(a.header.id().to_string()));
        }
        for s in
            containing(&model.sections, |s| s.header.range, at).filter(|s| inside(s.header.range))
        {
            targets.push(Place::Section(s.header.id().to_string()));
        }
        for c in
            containing(&model.clients, |c| c.header.range, at).filter(|c| inside(c.header.range))
        {
            targets.push(Place::Client(c.header.id().to_string()));
        }
        for p in
            containing(&model.processors, |p| p.header.range, at).filter(|p| inside(p.header.range))
        {
            targets.extend(used_by(0, p.header.id()));
        }
        for c in
            containing(&model.categories, |c| c.header.range, at).filter(|c| inside(c.header.range))
        {
            targets.extend(used_by(1, c.header.id()));
        }
        for s in
            containing(&model.subjects, |s| s.header.range, at).filter(|s| inside(s.header.range))
        {
            targets.extend(used_by(2, s.header.id()));
        }
        if targets.is_empty() {
            targets.push(Place::Document);
        }
        targets.sort();
        targets.dedup();
        for t in targets {
            let list = out.entry(t).or_default();
            if !list.contains(&text) {
                list.push(text.clone());
            }
        }
    }
    out
}

/// The items of `items` (in file order, not overlapping) that may hold offset `at`: the last
/// one starting at or before it.
fn containing<T>(
    items: &[T],
    range: impl Fn(&T) -> ropa_syntax::TextRange,
    at: usize,
) -> impl Iterator<Item = &T> {
    let after = items.partition_point(|i| range(i).start() <= at);
    after.checked_sub(1).and_then(|i| items.get(i)).into_iter()
}

/// The number of findings of severity `error`.
pub fn error_count(findings: &[Diagnostic]) -> usize {
    findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}
