//! The processor's record (Art. 30(2) GDPR): what the workspace's own organisation processes as a
//! processor on behalf of its clients (`client` items). It names (a) the processor — the
//! workspace's `controller` item, which is the organisation itself — with its representative and
//! DPO, and each client with its contact details, representative and DPO; (b) the categories of
//! processing carried out for each client; (c) the transfers to third countries, with their
//! safeguards; (d) the general technical and organisational measures (the controller item's
//! `security`, Art. 32(1)). Markdown (a table per client), CSV (one row per client) and JSON.

use std::collections::HashSet;

use ropa_analysis::model::{Client, Id, Processor, Target};
use ropa_syntax::Date;
use serde::Serialize;

use crate::PolicyError;
use crate::facts::{ContactFacts, ControllerFacts, Reader, TransferFacts};
use crate::lang::Lang;
use crate::record::{bytes, cell, contact_text, inert, table, transfer_text};

/// The processor's record as JSON writes it.
#[derive(Clone, Debug, Serialize)]
pub struct ProcessorRecord {
    pub version: u32,
    pub lang: String,
    /// The date the record is as of, when given.
    pub date: Option<String>,
    /// Whether this is a draft (`--draft`): its clients may carry marked boxes.
    pub draft: bool,
    /// The organisation itself, acting as processor (the workspace's `controller` item).
    pub processor: Option<ControllerFacts>,
    /// The general technical and organisational measures (Art. 30(2)(d), 32(1)).
    pub security: Option<String>,
    pub clients: Vec<ClientFacts>,
}

/// One controller the organisation processes for.
#[derive(Clone, Debug, Serialize)]
pub struct ClientFacts {
    pub id: String,
    pub name: String,
    pub address: Option<String>,
    pub contact: Option<String>,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub representative: Option<ContactFacts>,
    pub dpo: Option<ContactFacts>,
    /// The categories of processing carried out on its behalf (Art. 30(2)(b)).
    pub processing: Option<String>,
    /// The Art. 28(3) contract with the client, as far as the record states it.
    pub avv: Option<AvvFacts>,
    /// The processors engaged for it, and theirs in turn.
    pub subprocessors: Vec<SubprocessorFacts>,
    /// Transfers to third countries (Art. 30(2)(c)): to the client itself when it is
    /// established in one, and to each sub-processor in one.
    pub transfers: Vec<TransferFacts>,
    /// In a draft: the marked boxes of what this entry lacks or cannot state.
    pub draft: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AvvFacts {
    pub signed: Option<String>,
    pub expires: Option<String>,
    pub document: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SubprocessorFacts {
    pub id: String,
    pub name: String,
    pub country_name: Option<String>,
    /// The sub-processor that engaged it, when it is not engaged by the organisation itself.
    pub via: Option<String>,
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub fn build(
    reader: Reader<'_>,
    date: Option<Date>,
    draft: bool,
    mut boxes: impl FnMut(&str) -> Vec<String>,
) -> ProcessorRecord {
    ProcessorRecord {
        version: 1,
        lang: reader.lang.code().to_string(),
        date: date.map(|d| d.to_string()),
        draft,
        processor: crate::facts::controller_in(&reader),
        security: (reader.ws.controller())
            .and_then(|c| c.security.as_ref())
            .and_then(|t| reader.text(t)),
        clients: (reader.ws.clients())
            .filter(|c| c.header.id.is_some())
            .map(|c| {
                let mut facts = client(reader, c);
                facts.draft = boxes(&facts.id);
                facts
            })
            .collect(),
    }
}

fn client(reader: Reader<'_>, c: &Client) -> ClientFacts {
    let id = c.header.id().to_string();
    let name = clean(&c.name).unwrap_or_else(|| id.clone());
    let country = c.country.as_ref().and_then(|k| k.get()).cloned();
    let subprocessors = engaged(reader, c);
    let own = reader.transfer_to(&id, name.clone(), c.country.as_ref(), c.transfer.as_ref());
    let transfers = own
        .into_iter()
        .chain(
            subprocessors
                .iter()
                .filter_map(|(r, _)| reader.transfer(reader.ws.processor(*r))),
        )
        .collect();
    ClientFacts {
        country_name: country
            .as_deref()
            .map(|k| crate::countries::name(k, reader.lang)),
        country,
        address: clean(&c.address),
        contact: clean(&c.contact),
        representative: c.representative.as_ref().map(ContactFacts::from),
        dpo: c.dpo.as_ref().map(ContactFacts::from),
        processing: c.processing.as_ref().and_then(|t| reader.text(t)),
        avv: c.avv.as_ref().map(|a| AvvFacts {
            signed: a.signed.map(|d| d.to_string()),
            expires: a.expires.as_ref().map(|d| d.value.to_string()),
            document: clean(&a.document),
        }),
        subprocessors: subprocessors
            .iter()
            .map(|(r, via)| {
                let p = reader.ws.processor(*r);
                SubprocessorFacts {
                    id: p.header.id().to_string(),
                    name: processor_name(reader, *r),
                    country_name: (p.country.as_ref().and_then(|k| k.get()))
                        .map(|k| crate::countries::name(k, reader.lang)),
                    via: via.map(|v| processor_name(reader, v)),
                }
            })
            .collect(),
        transfers,
        draft: Vec::new(),
        name,
        id,
    }
}

fn processor_name(reader: Reader<'_>, r: Id<Processor>) -> String {
    let p = reader.ws.processor(r);
    clean(&p.name).unwrap_or_else(|| p.header.id().to_string())
}

/// The processors engaged for the client: its `subprocessors`, then theirs, depth first in the
/// order written, each once, with the one that engaged it (`None`: the organisation itself).
fn engaged(reader: Reader<'_>, c: &Client) -> Vec<(Id<Processor>, Option<Id<Processor>>)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<(Id<Processor>, Option<Id<Processor>>)> =
        targets(&c.subprocessors).rev().map(|r| (r, None)).collect();
    while let Some((r, via)) = stack.pop() {
        if !seen.insert(r) {
            continue;
        }
        out.push((r, via));
        let subs = &reader.ws.processor(r).subprocessors;
        stack.extend(targets(subs).rev().map(|s| (s, Some(r))));
    }
    out
}

fn targets(
    refs: &[ropa_analysis::model::Reference],
) -> impl DoubleEndedIterator<Item = Id<Processor>> + '_ {
    refs.iter().filter_map(|r| match r.target {
        Some(Target::Processor(p)) => Some(p),
        _ => None,
    })
}

/// The own organisation's name and contact details, its representative and DPO, as one text.
fn processor_text(lang: Lang, p: &ControllerFacts) -> Vec<(String, String)> {
    let t = |de: &'static str, en: &'static str| lang.t(de, en).to_string();
    let contact: Vec<String> = [&p.address, &p.email, &p.phone]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    vec![
        (t("Name", "Name"), p.name.clone().unwrap_or_default()),
        (t("Kontaktdaten", "Contact details"), contact.join("; ")),
        (
            t("Vertreter (Art. 27 DSGVO)", "Representative (Art. 27 GDPR)"),
            p.representative
                .as_ref()
                .map(contact_text)
                .unwrap_or_default(),
        ),
        (
            t("Datenschutzbeauftragter", "Data protection officer"),
            p.dpo.as_ref().map(contact_text).unwrap_or_default(),
        ),
    ]
}

fn subprocessor_text(lang: Lang, s: &SubprocessorFacts) -> String {
    let mut out = s.name.clone();
    if let Some(c) = &s.country_name {
        out.push_str(&format!(" ({c})"));
    }
    if let Some(v) = &s.via {
        out.push_str(&match lang {
            Lang::De => format!(", eingesetzt von {v}"),
            Lang::En => format!(", engaged by {v}"),
        });
    }
    out
}

fn avv_text(lang: Lang, a: &AvvFacts) -> String {
    let mut parts = Vec::new();
    if let Some(d) = &a.signed {
        parts.push(format!("{} {d}", lang.t("unterzeichnet am", "signed on")));
    }
    if let Some(d) = &a.expires {
        parts.push(format!("{} {d}", lang.t("läuft ab am", "expires on")));
    }
    if let Some(d) = &a.document {
        parts.push(format!("{}: {d}", lang.t("Dokument", "document")));
    }
    parts.join("; ")
}

/// The values of one client's entry, labelled, in the order of the columns; the letter of
/// Art. 30(2) each one answers.
fn client_cells(lang: Lang, c: &ClientFacts) -> Vec<(String, Option<char>, String)> {
    let t = |de: &'static str, en: &'static str| lang.t(de, en).to_string();
    vec![
        (t("Kennung", "ID"), None, c.id.clone()),
        (
            t("Verantwortlicher", "Controller"),
            Some('a'),
            c.name.clone(),
        ),
        (
            t("Anschrift", "Address"),
            Some('a'),
            c.address.clone().unwrap_or_default(),
        ),
        (
            t("Kontakt", "Contact"),
            Some('a'),
            c.contact.clone().unwrap_or_default(),
        ),
        (
            t(
                "Vertreter des Verantwortlichen",
                "Controller's representative",
            ),
            Some('a'),
            c.representative
                .as_ref()
                .map(contact_text)
                .unwrap_or_default(),
        ),
        (
            t(
                "Datenschutzbeauftragter des Verantwortlichen",
                "Controller's data protection officer",
            ),
            Some('a'),
            c.dpo.as_ref().map(contact_text).unwrap_or_default(),
        ),
        (
            t(
                "Kategorien von Verarbeitungen im Auftrag",
                "Categories of processing carried out on its behalf",
            ),
            Some('b'),
            c.processing.clone().unwrap_or_default(),
        ),
        (
            t("Unterauftragsverarbeiter", "Sub-processors"),
            None,
            (c.subprocessors.iter())
                .map(|s| subprocessor_text(lang, s))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            t(
                "Übermittlungen in Drittländer und Garantien",
                "Transfers to third countries and safeguards",
            ),
            Some('c'),
            (c.transfers.iter())
                .map(|tr| transfer_text(lang, tr))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            t(
                "Auftragsverarbeitungsvertrag (Art. 28 Abs. 3 DSGVO)",
                "Data processing agreement (Art. 28(3) GDPR)",
            ),
            None,
            c.avv
                .as_ref()
                .map(|a| avv_text(lang, a))
                .unwrap_or_default(),
        ),
    ]
}

/// "Allgemeine Beschreibung der technischen und organisatorischen Maßnahmen (Art. 30 Abs. 2
/// lit. d i. V. m. Art. 32 Abs. 1 DSGVO)".
fn toms_heading(lang: Lang) -> String {
    match lang {
        Lang::De => "Allgemeine Beschreibung der technischen und organisatorischen Maßnahmen (Art. 30 Abs. 2 lit. d i. V. m. Art. 32 Abs. 1 DSGVO)".to_string(),
        Lang::En => "General description of the technical and organisational security measures (Art. 30(2)(d) with Art. 32(1) GDPR)".to_string(),
    }
}

pub fn markdown(lang: Lang, record: &ProcessorRecord) -> String {
    let t = |de: &'static str, en: &'static str| lang.t(de, en);
    let heading = t(
        "Verzeichnis zu allen Kategorien von im Auftrag eines Verantwortlichen durchgeführten Tätigkeiten der Verarbeitung",
        "Record of all categories of processing activities carried out on behalf of a controller",
    );
    let mut out = crate::record::title(lang, heading, 2, record.date.as_deref());

    out.push_str(&format!(
        "## {} ({})\n\n",
        t("Auftragsverarbeiter", "Processor"),
        lang.art(30, Some(2), Some('a'))
    ));
    let own = record
        .processor
        .as_ref()
        .map(|p| processor_text(lang, p))
        .unwrap_or_default();
    table(
        &mut out,
        &[t("Angabe", "Item"), t("Inhalt", "Details")],
        own.into_iter().map(|(k, v)| vec![k, v]),
    );

    out.push_str(&format!("## {}\n\n", toms_heading(lang)));
    out.push_str(&cell(record.security.as_deref().unwrap_or("")));
    out.push_str("\n\n");

    out.push_str(&format!(
        "## {}\n\n",
        t(
            "Verantwortliche, in deren Auftrag wir verarbeiten",
            "Controllers on whose behalf we process"
        )
    ));
    for (n, c) in record.clients.iter().enumerate() {
        out.push_str(&format!("### {}. {}\n\n", n + 1, cell(&c.name)));
        for b in &c.draft {
            out.push_str(&format!("> **{}**\n\n", cell(b)));
        }
        let rows = client_cells(lang, c).into_iter().map(|(k, letter, v)| {
            let key = match letter {
                Some(l) => format!("{k} ({})", lang.art(30, Some(2), Some(l))),
                None => k,
            };
            vec![key, v]
        });
        table(
            &mut out,
            &[t("Angabe", "Item"), t("Inhalt", "Details")],
            rows,
        );
    }
    out.trim_end().to_string() + "\n"
}

/// One row per client: the processor's columns, the client's, the TOMs (and the boxes of a
/// draft); every cell neutralised against formula injection.
pub fn csv(
    lang: Lang,
    record: &ProcessorRecord,
    delimiter: u8,
    bom: bool,
) -> Result<String, PolicyError> {
    let t = |de: &'static str, en: &'static str| lang.t(de, en).to_string();
    let own: Vec<(String, String)> = match &record.processor {
        Some(p) => processor_text(lang, p),
        None => processor_text(lang, &ControllerFacts::default()),
    };
    let own: Vec<(String, String)> = own
        .into_iter()
        .map(|(k, v)| (format!("{}: {k}", t("Auftragsverarbeiter", "Processor")), v))
        .collect();
    let toms = (
        t(
            "Technische und organisatorische Maßnahmen",
            "Technical and organisational measures",
        ),
        record.security.clone().unwrap_or_default(),
    );
    let row = |c: &ClientFacts| -> Vec<(String, String)> {
        let mut cells = own.clone();
        cells.extend(client_cells(lang, c).into_iter().map(|(k, _, v)| (k, v)));
        cells.push(toms.clone());
        if record.draft {
            cells.push((t("Entwurf", "Draft"), c.draft.join("; ")));
        }
        cells
    };
    let dummy = ClientFacts {
        id: String::new(),
        name: String::new(),
        address: None,
        contact: None,
        country: None,
        country_name: None,
        representative: None,
        dpo: None,
        processing: None,
        avv: None,
        subprocessors: Vec::new(),
        transfers: Vec::new(),
        draft: Vec::new(),
    };
    let header: Vec<String> = row(&dummy).into_iter().map(|(k, _)| k).collect();
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(if bom {
            "\u{feff}".as_bytes().to_vec()
        } else {
            Vec::new()
        });
    let err = |e: csv::Error| PolicyError::Output(format!("cannot write CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for c in &record.clients {
        w.write_record(row(c).iter().map(|(_, v)| bytes(inert(v))))
            .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| PolicyError::Output(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| PolicyError::Output(format!("cannot write CSV: {e}")))
}

pub fn json(record: &ProcessorRecord) -> Result<String, PolicyError> {
    serde_json::to_string_pretty(record)
        .map(|s| s + "\n")
        .map_err(|e| PolicyError::Output(format!("cannot write JSON: {e}")))
}
