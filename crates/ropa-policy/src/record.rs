//! The Art. 30(1) record of processing activities: one entry per activity, plus the processors
//! with their agreements. Markdown (a table per activity), CSV (one row per activity) and JSON.

use std::collections::HashMap;

use ropa_syntax::Date;
use serde::Serialize;

use crate::PolicyError;
use crate::facts::{ActivityFacts, ControllerFacts, ProcessorFacts, Reader};
use crate::lang::Lang;
use crate::policy::recipient_text;
use crate::render::escape_markdown;

/// The record as JSON writes it.
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    pub version: u32,
    pub lang: String,
    /// The date the record is as of, when given.
    pub date: Option<String>,
    /// Whether this is a draft (`--draft`): its activities may carry marked boxes.
    pub draft: bool,
    pub controller: Option<ControllerFacts>,
    pub activities: Vec<RecordActivity>,
    pub processors: Vec<ProcessorFacts>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecordActivity {
    #[serde(flatten)]
    pub facts: ActivityFacts,
    /// In a draft: the marked boxes of what this entry lacks or cannot state ("ENTWURF – fehlt:
    /// …"); never a finding or a file path.
    pub draft: Vec<String>,
    /// The controller's general technical and organisational measures, when the activity has
    /// no `security` of its own and the controller states them (Art. 30(1)(g)).
    pub general_security: Option<String>,
    /// When the activity's lines last changed in git; absent outside a git repository.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_changed: Option<LastChanged>,
}

/// When an activity was last changed, from the history of the file it is written in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LastChanged {
    /// The newest committer date (`YYYY-MM-DD`, in the committer's time zone) among the commits
    /// that last touched the activity's lines; `None` when no line is committed yet.
    pub date: Option<String>,
    /// Some of its lines have changes that are not committed.
    pub uncommitted: bool,
}

/// [`LastChanged`] by activity id (the caller reads git; this crate spawns no processes).
pub type Changes = HashMap<String, LastChanged>;

pub fn build(
    reader: Reader<'_>,
    date: Option<Date>,
    draft: bool,
    changes: &Changes,
    mut boxes: impl FnMut(&str) -> Vec<String>,
) -> Record {
    let facts = reader.activities();
    let processors = reader.processors(&facts);
    let general_security = reader
        .ws
        .controller()
        .and_then(|c| c.security.as_ref())
        .and_then(|t| reader.text(t));
    Record {
        version: 1,
        lang: reader.lang.code().to_string(),
        date: date.map(|d| d.to_string()),
        draft,
        controller: crate::facts::controller_in(&reader),
        activities: facts
            .into_iter()
            .map(|f| RecordActivity {
                draft: boxes(&f.id),
                general_security: general_security.clone().filter(|_| f.security.is_none()),
                last_changed: changes.get(&f.id).cloned(),
                facts: f,
            })
            .collect(),
        processors,
    }
}

/// One field of an activity's entry: its heading, its value, and the letter of Art. 30(1) it
/// answers (for the Markdown tables).
struct Cell {
    header: String,
    value: String,
    letter: Option<char>,
    /// Shown in the Markdown entry (not the controller's cells, which stand above the
    /// entries, nor "last changed" outside a git repository).
    in_markdown: bool,
}

/// The values of one activity's entry, in the order of the columns.
struct Row {
    cells: Vec<Cell>,
}

/// The first cells of a row name the controller; Markdown shows them once, above the entries.
const CONTROLLER_CELLS: std::ops::RangeInclusive<usize> = 1..=4;

fn controller_text(lang: Lang, c: &ControllerFacts) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(c.address.clone());
    parts.extend(c.country_name.clone());
    parts.extend(c.email.clone());
    parts.extend(c.phone.clone());
    if !c.managing_directors.is_empty() {
        parts.push(format!(
            "{}: {}",
            lang.t("Geschäftsführung", "managing directors"),
            c.managing_directors.join(", ")
        ));
    }
    parts.extend(c.register.clone());
    if let Some(authority) = c.authority_line() {
        parts.push(format!(
            "{}: {authority}",
            lang.t("Aufsichtsbehörde", "supervisory authority")
        ));
    }
    if let Some(r) = &c.representative {
        let rep: Vec<String> = [&r.name, &r.address, &r.email]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        if !rep.is_empty() {
            parts.push(format!(
                "{}: {}",
                lang.t("Vertreter (Art. 27 DSGVO)", "representative (Art. 27 GDPR)"),
                rep.join(", ")
            ));
        }
    }
    parts.join("; ")
}

/// `Empfänger (Land): Garantie`, or that the record declares no safeguard.
pub(crate) fn transfer_text(lang: Lang, tr: &crate::facts::TransferFacts) -> String {
    let safeguard = match &tr.safeguard {
        Some(g) => g.as_str(),
        None => lang.t("keine Garantie angegeben", "no safeguard declared"),
    };
    format!("{} ({}): {safeguard}", tr.recipient, tr.country_name)
}

pub(crate) fn contact_text(c: &crate::facts::ContactFacts) -> String {
    [&c.name, &c.address, &c.email, &c.phone]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

fn basis_text(lang: Lang, a: &ActivityFacts) -> String {
    let mut parts = Vec::new();
    for b in &a.legal_bases {
        match &b.covers {
            Some(c) => parts.push(format!(
                "{} ({}) {} {c}",
                b.label,
                b.citation,
                lang.t("für", "for")
            )),
            None => parts.push(format!("{} ({})", b.label, b.citation)),
        }
        if let Some(i) = &b.interest {
            parts.push(format!(
                "{}: {i}",
                lang.t("berechtigtes Interesse", "legitimate interest")
            ));
        }
        if let Some(bal) = &b.balancing {
            parts.push(format!("{}: {bal}", lang.t("Abwägung", "balancing test")));
        }
        if let Some(l) = &b.law {
            parts.push(format!("{}: {l}", lang.t("Rechtsvorschrift", "law")));
        }
        if let Some(c) = &b.contract {
            parts.push(format!("{}: {c}", lang.t("Vertrag", "contract")));
        }
        if let Some(m) = &b.mechanism {
            parts.push(format!(
                "{}: {m}",
                lang.t("Einholung der Einwilligung", "how consent is obtained")
            ));
        }
        if let Some(w) = &b.withdrawal {
            parts.push(format!("{}: {w}", lang.t("Widerruf", "withdrawal")));
        }
    }
    for s in &a.special_bases {
        parts.push(format!("{} ({})", s.label, s.citation));
    }
    parts.join("; ")
}

/// Every retention part: "10 Jahre ab Ende des Kalenderjahres (Rechnungsdaten; § 147 AO)";
/// a part still `todo` as such.
fn retention_text(lang: Lang, a: &ActivityFacts) -> String {
    a.retention_parts
        .iter()
        .map(|r| {
            let mut s = r
                .period
                .clone()
                .unwrap_or_else(|| lang.t("offen (todo)", "open (todo)").to_string());
            if let Some(from) = &r.from {
                s.push_str(lang.t(" ab ", " from "));
                s.push_str(from);
            }
            let mut about: Vec<String> = r.data.iter().map(|l| l.label.clone()).collect();
            about.extend(r.law.clone());
            if !about.is_empty() {
                s.push_str(&format!(" ({})", about.join("; ")));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where the data come from: from the person (Art. 13) or from elsewhere, with the source
/// (Art. 14(2)(f)).
fn source_text(lang: Lang, a: &ActivityFacts) -> String {
    if a.indirect() {
        let mut s = lang
            .t(
                "nicht bei der betroffenen Person erhoben",
                "not collected from the data subject",
            )
            .to_string();
        if !a.source.is_empty() {
            s.push_str(": ");
            s.push_str(&a.source.join(" "));
        }
        s
    } else {
        lang.t(
            "bei der betroffenen Person erhoben",
            "collected from the data subject",
        )
        .to_string()
    }
}

fn labels(ls: &[crate::facts::Label], lang: Lang) -> String {
    ls.iter()
        .map(|l| {
            if l.special {
                format!("{} ({})", l.label, lang.art(9, Some(1), None))
            } else if l.criminal {
                format!("{} ({})", l.label, lang.art(10, None, None))
            } else {
                l.label.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn row(lang: Lang, controller: Option<&ControllerFacts>, a: &RecordActivity, draft: bool) -> Row {
    let f = &a.facts;
    let t = |de: &'static str, en: &'static str| lang.t(de, en).to_string();
    let recipients: Vec<String> = f
        .recipients
        .iter()
        .map(|r| recipient_text(lang, r, false))
        .chain(f.other_recipients.iter().cloned())
        .collect();
    let transfers: Vec<String> = f
        .transfers
        .iter()
        .map(|tr| transfer_text(lang, tr))
        .collect();
    let joint: Vec<String> = f
        .joint_controllers
        .iter()
        .map(|j| {
            let mut s = j.name.clone();
            if let Some(d) = &j.signed {
                s.push_str(&format!(
                    " ({} {d}{})",
                    lang.t(
                        "Vereinbarung nach Art. 26 DSGVO vom",
                        "Art. 26 GDPR arrangement of"
                    ),
                    j.document
                        .as_ref()
                        .map(|d| format!(", {d}"))
                        .unwrap_or_default()
                ));
            }
            s
        })
        .collect();
    let dpia = f
        .dpia
        .as_ref()
        .map(|d| {
            let mut parts = Vec::new();
            if let Some(done) = &d.done {
                parts.push(format!(
                    "{} {done}",
                    lang.t("durchgeführt am", "carried out on")
                ));
            }
            if let Some(doc) = &d.document {
                parts.push(doc.clone());
            }
            parts.join(", ")
        })
        .unwrap_or_default();
    let ai =
        f.ai.as_ref()
            .map(|ai| {
                let mut parts: Vec<String> = Vec::new();
                parts.extend(ai.system.clone());
                if let Some(p) = &ai.provider {
                    parts.push(format!("{}: {p}", lang.t("Anbieter", "provider")));
                }
                let flags = [
                    (ai.profiling, lang.t("Profiling", "profiling")),
                    (
                        ai.automated_decision == Some(true),
                        lang.t(
                            "automatisierte Entscheidung (Art. 22 DSGVO)",
                            "automated decision (Art. 22 GDPR)",
                        ),
                    ),
                    (
                        ai.chatbot,
                        lang.t(
                            "Chatbot (Art. 50 Abs. 1 KI-VO)",
                            "chatbot (Art. 50(1) AI Act)",
                        ),
                    ),
                    (
                        ai.generates_content,
                        lang.t(
                            "erzeugt Inhalte (Art. 50 Abs. 2 und 4 KI-VO)",
                            "generates content (Art. 50(2) and (4) AI Act)",
                        ),
                    ),
                    (
                        ai.emotion_recognition,
                        lang.t(
                            "Emotionserkennung (Art. 50 Abs. 3 KI-VO)",
                            "emotion recognition (Art. 50(3) AI Act)",
                        ),
                    ),
                    (
                        ai.biometric_categorisation,
                        lang.t(
                            "biometrische Kategorisierung (Art. 50 Abs. 3 KI-VO)",
                            "biometric categorisation (Art. 50(3) AI Act)",
                        ),
                    ),
                    (
                        ai.anonymized,
                        lang.t("anonymisierte Eingaben", "anonymised input"),
                    ),
                ];
                parts.extend(
                    flags
                        .into_iter()
                        .filter(|(on, _)| *on)
                        .map(|(_, s)| s.to_string()),
                );
                if let Some(done) = ai.bias_review.as_ref().and_then(|b| b.done.as_ref()) {
                    parts.push(format!(
                        "{} {done}",
                        lang.t("Bias-Prüfung am", "bias review on")
                    ));
                }
                parts.join("; ")
            })
            .unwrap_or_default();
    let mut cells = vec![
        (t("Kennung", "ID"), f.id.clone()),
        (t("Bezeichnung", "Name"), f.title.clone()),
        (
            t("Verantwortlicher", "Controller"),
            controller.and_then(|c| c.name.clone()).unwrap_or_default(),
        ),
        (
            t(
                "Kontaktdaten des Verantwortlichen",
                "Controller contact details",
            ),
            controller
                .map(|c| controller_text(lang, c))
                .unwrap_or_default(),
        ),
        (
            t("Datenschutzbeauftragter", "Data protection officer"),
            controller
                .and_then(|c| c.dpo.as_ref())
                .map(contact_text)
                .unwrap_or_default(),
        ),
        (
            t("Gemeinsam Verantwortliche", "Joint controllers"),
            joint.join("; "),
        ),
        (
            t("Zwecke der Verarbeitung", "Purposes of the processing"),
            f.purpose.join(" "),
        ),
        (t("Rechtsgrundlage", "Legal basis"), basis_text(lang, f)),
        (
            t(
                "Kategorien betroffener Personen",
                "Categories of data subjects",
            ),
            labels(&f.subjects, lang),
        ),
        (
            t(
                "Kategorien personenbezogener Daten",
                "Categories of personal data",
            ),
            labels(&f.categories, lang),
        ),
        (t("Empfänger", "Recipients"), recipients.join("; ")),
        (
            t(
                "Übermittlungen in Drittländer",
                "Transfers to third countries",
            ),
            transfers.join("; "),
        ),
        (
            t("Löschfristen", "Time limits for erasure"),
            retention_text(lang, f),
        ),
        (
            t("Herkunft der Daten", "Source of the data"),
            source_text(lang, f),
        ),
        (
            t("Zugriff auf Endgeräte", "Access to devices"),
            device_text(lang, f),
        ),
        (
            t("Bereitstellung der Daten", "Provision of the data"),
            f.provision
                .as_ref()
                .map(|p| {
                    let kind = match p.kind.as_str() {
                        "statutory" => lang.t("gesetzlich vorgeschrieben", "statutory requirement"),
                        "contractual" => {
                            lang.t("vertraglich vorgeschrieben", "contractual requirement")
                        }
                        "required_for_contract" => lang.t(
                            "für den Vertragsschluss erforderlich",
                            "required to enter into the contract",
                        ),
                        _ => lang.t("freiwillig", "voluntary"),
                    };
                    // The consequence is written as sentences: they follow as sentences.
                    let mut parts = vec![kind.to_string()];
                    parts.extend(p.consequence.iter().cloned());
                    parts.join(". ")
                })
                .unwrap_or_default(),
        ),
        (
            t(
                "Technische und organisatorische Maßnahmen",
                "Technical and organisational measures",
            ),
            security_text(lang, a),
        ),
        (
            t(
                "Datenschutz-Folgenabschätzung",
                "Data protection impact assessment",
            ),
            dpia,
        ),
        (t("KI-Einsatz", "Use of AI"), ai),
        // Added after the first release: at the end, so that the columns before keep their place.
        (
            t(
                "Zuständige Stelle (intern)",
                "Responsible department or person",
            ),
            f.owner.clone().unwrap_or_default(),
        ),
        (t("IT-Systeme", "IT systems"), f.systems.join("; ")),
        (
            t("Interne Empfänger", "Internal recipients"),
            f.internal_recipients.join("; "),
        ),
        (t("Cookies", "Cookies"), cookies_text(lang, f)),
        (
            t("Zuletzt geändert", "Last changed"),
            a.last_changed
                .as_ref()
                .map(|c| changed_text(lang, c))
                .unwrap_or_default(),
        ),
    ];
    let changed = cells.len() - 1;
    if draft {
        cells.push((t("Entwurf", "Draft"), a.draft.join("; ")));
    }
    let cells = cells
        .into_iter()
        .enumerate()
        .map(|(i, (header, value))| Cell {
            header,
            value,
            letter: letter(i),
            in_markdown: !CONTROLLER_CELLS.contains(&i)
                && (i != changed || a.last_changed.is_some()),
        })
        .collect();
    Row { cells }
}

/// The letter of Art. 30(1) the cell at `index` answers.
fn letter(index: usize) -> Option<char> {
    Some(match index {
        2..=5 => 'a',
        6 => 'b',
        8 | 9 => 'c',
        10 => 'd',
        11 => 'e',
        12 => 'f',
        16 => 'g',
        _ => return None,
    })
}

/// The device access: what is stored or read, and whether § 25 TDDDG asks for consent.
fn device_text(lang: Lang, a: &ActivityFacts) -> String {
    let Some(d) = &a.device_access else {
        return String::new();
    };
    let mut parts: Vec<String> = d.technology.iter().cloned().collect();
    let footing = if d.strictly_necessary == Some(true) {
        lang.t("unbedingt erforderlich", "strictly necessary")
    } else {
        lang.t("Einwilligung erforderlich", "consent required")
    };
    parts.push(format!("{footing} ({})", d.citation));
    parts.join("; ")
}

/// The cookie table in one cell: "_ga (Drittanbieter, Google Ireland Limited): Zweck; 13 Monate".
fn cookies_text(lang: Lang, a: &ActivityFacts) -> String {
    let cookies = a.device_access.iter().flat_map(|d| &d.cookies);
    cookies
        .map(|c| {
            let about: Vec<&str> = [c.party_label.as_deref(), c.provider.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            let mut s = c.name.clone();
            if !about.is_empty() {
                s.push_str(&format!(" ({})", about.join(", ")));
            }
            let details: Vec<String> = [
                c.purpose.clone(),
                c.lifetime
                    .as_ref()
                    .map(|l| format!("{}: {l}", lang.t("Speicherdauer", "lifetime"))),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !details.is_empty() {
                s.push_str(": ");
                s.push_str(&details.join(", "));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The activity's own measures, else a reference to the controller's general ones.
fn security_text(lang: Lang, a: &RecordActivity) -> String {
    match (&a.facts.security, &a.general_security) {
        (Some(own), _) => own.clone(),
        (None, Some(general)) => format!(
            "{}: {general}",
            lang.t(
                "Allgemeine Maßnahmen des Verantwortlichen",
                "The controller's general measures"
            )
        ),
        (None, None) => String::new(),
    }
}

/// "2026-03-01", "2026-03-01 (danach nicht eingecheckte Änderungen)" or "nicht eingecheckte
/// Änderungen".
fn changed_text(lang: Lang, c: &LastChanged) -> String {
    match (&c.date, c.uncommitted) {
        (Some(d), false) => d.clone(),
        (Some(d), true) => format!(
            "{d} ({})",
            lang.t(
                "danach nicht eingecheckte Änderungen",
                "uncommitted changes since"
            )
        ),
        (None, _) => lang
            .t("nicht eingecheckte Änderungen", "uncommitted changes")
            .to_string(),
    }
}

/// The record as CSV (RFC 4180, CRLF), every cell neutralised against formula injection.
pub fn csv(lang: Lang, record: &Record, delimiter: u8, bom: bool) -> Result<String, PolicyError> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(if bom {
            "\u{feff}".as_bytes().to_vec()
        } else {
            Vec::new()
        });
    let rows: Vec<Row> = record
        .activities
        .iter()
        .map(|a| row(lang, record.controller.as_ref(), a, record.draft))
        .collect();
    let header: Vec<String> = match rows.first() {
        Some(r) => r.cells.iter().map(|c| c.header.clone()).collect(),
        None => empty_header(lang, record.draft),
    };
    let err = |e: csv::Error| PolicyError::Output(format!("cannot write CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for r in &rows {
        w.write_record(r.cells.iter().map(|c| bytes(inert(&c.value))))
            .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| PolicyError::Output(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| PolicyError::Output(format!("cannot write CSV: {e}")))
}

/// A cell that a spreadsheet cannot run as a formula: text starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a leading `'`, as OWASP recommends for CSV injection
/// (a record's texts come from many people; "=HYPERLINK(…)" in a purpose must stay text).
pub(crate) fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

pub(crate) fn bytes(s: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, [u8]> {
    match s {
        std::borrow::Cow::Borrowed(s) => s.as_bytes().into(),
        std::borrow::Cow::Owned(s) => s.into_bytes().into(),
    }
}

fn empty_header(lang: Lang, draft: bool) -> Vec<String> {
    let dummy = RecordActivity {
        facts: ActivityFacts {
            id: String::new(),
            title: String::new(),
            purpose: Vec::new(),
            subjects: Vec::new(),
            categories: Vec::new(),
            legal_basis: None,
            legal_bases: Vec::new(),
            special_basis: None,
            special_bases: Vec::new(),
            recipients: Vec::new(),
            other_recipients: Vec::new(),
            transfers: Vec::new(),
            joint_controllers: Vec::new(),
            retention: None,
            retention_is_period: false,
            retention_parts: Vec::new(),
            collection: String::new(),
            source: Vec::new(),
            provision: None,
            direct_marketing: false,
            profiling: false,
            device_access: None,
            ai: None,
            notice: Vec::new(),
            security: None,
            dpia: None,
            owner: None,
            systems: Vec::new(),
            internal_recipients: Vec::new(),
        },
        draft: Vec::new(),
        general_security: None,
        last_changed: None,
    };
    row(lang, None, &dummy, draft)
        .cells
        .into_iter()
        .map(|c| c.header)
        .collect()
}

pub fn json(record: &Record) -> Result<String, PolicyError> {
    serde_json::to_string_pretty(record)
        .map(|s| s + "\n")
        .map_err(|e| PolicyError::Output(format!("cannot write JSON: {e}")))
}

pub(crate) fn cell(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_string()
    } else {
        escape_markdown(&s.replace(['\n', '\r'], " "))
    }
}

/// The title of a record and the line under it: the paragraph of Art. 30 it answers and the date
/// it speaks for.
pub(crate) fn title(lang: Lang, title: &str, paragraph: u32, date: Option<&str>) -> String {
    let mut intro = match lang {
        Lang::De => format!("Nach {}.", lang.art(30, Some(paragraph), None)),
        Lang::En => format!("Under {}.", lang.art(30, Some(paragraph), None)),
    };
    if let Some(d) = date.and_then(|d| Date::parse(d).ok()) {
        intro.push_str(&format!(" {}: {}.", lang.t("Stand", "As of"), lang.date(d)));
    }
    format!("# {title}\n\n{}\n\n", cell(&intro))
}

pub fn markdown(lang: Lang, record: &Record) -> String {
    let t = |de: &'static str, en: &'static str| lang.t(de, en);
    let heading = t(
        "Verzeichnis von Verarbeitungstätigkeiten",
        "Record of processing activities",
    );
    let mut out = title(lang, heading, 1, record.date.as_deref());

    out.push_str(&format!(
        "## {} ({})\n\n",
        t("Verantwortlicher", "Controller"),
        lang.art(30, Some(1), Some('a'))
    ));
    let c = record.controller.as_ref();
    let get = |f: fn(&ControllerFacts) -> Option<String>| c.and_then(f).unwrap_or_default();
    let toms_label = format!(
        "{} ({})",
        t(
            "Allgemeine technische und organisatorische Maßnahmen",
            "General technical and organisational measures"
        ),
        lang.art(30, Some(1), Some('g'))
    );
    let controller_rows = [
        (t("Name", "Name"), get(|c| c.name.clone())),
        (t("Anschrift", "Address"), get(|c| c.address.clone())),
        (t("Land", "Country"), get(|c| c.country_name.clone())),
        (t("E-Mail", "E-mail"), get(|c| c.email.clone())),
        (t("Telefon", "Phone"), get(|c| c.phone.clone())),
        (t("Website", "Website"), get(|c| c.website.clone())),
        (t("Impressum", "Imprint"), get(|c| c.imprint.clone())),
        (
            t(
                "Geschäftsführung (gesetzliche Vertreter)",
                "Managing directors (legal representatives)",
            ),
            c.map(|c| c.managing_directors.join(", "))
                .unwrap_or_default(),
        ),
        (
            t("Registereintrag", "Register entry"),
            get(|c| c.register.clone()),
        ),
        (
            t("Vertreter (Art. 27 DSGVO)", "Representative (Art. 27 GDPR)"),
            c.and_then(|c| c.representative.as_ref())
                .map(contact_text)
                .unwrap_or_default(),
        ),
        (
            t("Datenschutzbeauftragter", "Data protection officer"),
            c.and_then(|c| c.dpo.as_ref())
                .map(contact_text)
                .unwrap_or_default(),
        ),
        (
            t(
                "Zuständige Aufsichtsbehörde",
                "Competent supervisory authority",
            ),
            get(ControllerFacts::authority_line),
        ),
        (
            t(
                "Personen, die ständig personenbezogene Daten automatisiert verarbeiten (§ 38 Abs. 1 BDSG)",
                "Persons regularly processing personal data by automated means (Section 38(1) BDSG)",
            ),
            c.and_then(|c| c.employees_processing)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        (
            toms_label.as_str(),
            c.map(|c| c.security.join(" ")).unwrap_or_default(),
        ),
    ];
    table(
        &mut out,
        &[t("Angabe", "Item"), t("Inhalt", "Details")],
        controller_rows
            .iter()
            .map(|(k, v)| vec![k.to_string(), v.clone()]),
    );

    out.push_str(&format!(
        "## {}\n\n",
        t("Verarbeitungstätigkeiten", "Processing activities")
    ));
    for (n, a) in record.activities.iter().enumerate() {
        out.push_str(&format!("### {}. {}\n\n", n + 1, cell(&a.facts.title)));
        for b in &a.draft {
            out.push_str(&format!("> **{}**\n\n", cell(b)));
        }
        let r = row(lang, None, a, false);
        // The boxes stand above the table.
        let rows = r.cells.iter().filter(|c| c.in_markdown).map(|c| {
            let key = match c.letter {
                Some(l) => format!("{} ({})", c.header, lang.art(30, Some(1), Some(l))),
                None => c.header.clone(),
            };
            vec![key, c.value.clone()]
        });
        table(
            &mut out,
            &[t("Angabe", "Item"), t("Inhalt", "Details")],
            rows,
        );
    }

    out.push_str(&format!(
        "## {}\n\n",
        t(
            "Auftragsverarbeiter und weitere Empfänger",
            "Processors and other recipients"
        )
    ));
    let header = [
        t("Kennung", "ID"),
        t("Name", "Name"),
        t("Land", "Country"),
        t("Rolle", "Role"),
        t("Leistung", "Service"),
        t("Anschrift", "Address"),
        t("Kontakt", "Contact"),
        t("Datenschutzerklärung", "Privacy policy"),
        t("Opt-out", "Opt-out"),
        t("Vertrag", "Agreement"),
        t("Unterzeichnet", "Signed"),
        t("Online akzeptiert", "Accepted online"),
        t("Läuft ab", "Expires"),
        t("Dokument", "Document"),
        t("Unterauftragsverarbeiter", "Sub-processors"),
        t("Drittlandübermittlung", "Third-country transfer"),
        t("Zertifizierungen", "Certifications"),
    ];
    let rows = record.processors.iter().map(|p| {
        let agreement = match p.agreement.as_deref() {
            Some("avv") => t(
                "AVV (Art. 28 Abs. 3 DSGVO)",
                "Data processing agreement (Art. 28(3) GDPR)",
            ),
            Some("joint_agreement") => t(
                "Vereinbarung nach Art. 26 DSGVO",
                "Arrangement under Art. 26 GDPR",
            ),
            _ => "",
        };
        vec![
            p.id.clone(),
            p.name.clone(),
            p.country_name.clone().unwrap_or_default(),
            p.role_label.clone(),
            p.service.clone().unwrap_or_default(),
            p.address.clone().unwrap_or_default(),
            p.contact.clone().unwrap_or_default(),
            p.privacy_policy.clone().unwrap_or_default(),
            p.opt_out.clone().unwrap_or_default(),
            agreement.to_string(),
            p.signed.clone().unwrap_or_default(),
            p.accepted.clone().unwrap_or_default(),
            p.expires.clone().unwrap_or_default(),
            p.document.clone().unwrap_or_default(),
            p.subprocessors.join("; "),
            p.transfer
                .as_ref()
                .map(|tr| {
                    tr.safeguard.clone().unwrap_or_else(|| {
                        lang.t("keine Garantie angegeben", "no safeguard declared")
                            .to_string()
                    })
                })
                .unwrap_or_default(),
            p.certifications.join(", "),
        ]
    });
    table(&mut out, &header, rows);
    let dpias: Vec<Vec<String>> = record
        .activities
        .iter()
        .filter_map(|a| {
            let d = a.facts.dpia.as_ref()?;
            Some(vec![
                a.facts.title.clone(),
                d.done.clone().unwrap_or_default(),
                d.document.clone().unwrap_or_default(),
            ])
        })
        .collect();
    if !dpias.is_empty() {
        out.push_str(&format!(
            "## {} ({})\n\n",
            t(
                "Datenschutz-Folgenabschätzungen",
                "Data protection impact assessments"
            ),
            lang.art(35, None, None)
        ));
        table(
            &mut out,
            &[
                t("Verarbeitung", "Processing activity"),
                t("Durchgeführt am", "Carried out on"),
                t("Dokument", "Document"),
            ],
            dpias.into_iter(),
        );
    }
    let out = out.trim_end().to_string();
    out + "\n"
}

pub(crate) fn table(out: &mut String, header: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    out.push('|');
    for h in header {
        out.push_str(&format!(" {} |", cell(h)));
    }
    out.push_str("\n|");
    for _ in header {
        out.push_str(" --- |");
    }
    out.push('\n');
    for r in rows {
        out.push('|');
        for v in r {
            out.push_str(&format!(" {} |", cell(&v)));
        }
        out.push('\n');
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralised() {
        for (cell, shown) in [
            (
                "=HYPERLINK(\"https://evil.example\",\"Klick\")",
                "'=HYPERLINK(",
            ),
            ("+49 30 1234", "'+49 30 1234"),
            ("-1+2", "'-1+2"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
        ] {
            assert!(inert(cell).starts_with(shown), "{cell:?}");
        }
        for plain in ["Newsletter", "— ", "", "'=x", " =1", "10 Jahre", "Ölpreis"] {
            assert_eq!(inert(plain), plain);
        }
    }
}
