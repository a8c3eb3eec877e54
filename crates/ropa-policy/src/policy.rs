//! The privacy policy as a document: sections of headings, paragraphs, lists and labelled facts,
//! built from the workspace in one language. Templates render it; JSON serialises it as is.
//!
//! The structure follows German policy generators (GDPR.md §10.3): mandatory information
//! (controller, DPO, an overview, legal bases, transfers), one module per activity, then the
//! rights with the right to object as a block of its own (Art. 21(4)).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use ropa_analysis::model::SectionPlace;
use ropa_syntax::Date;
use serde::Serialize;

use crate::facts::{ActivityFacts, ControllerFacts, Reader};
use crate::lang::Lang;
use crate::marks::{Draft, draft_text};

mod activity;

/// The whole policy.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// The format version of the JSON output.
    pub version: u32,
    pub lang: String,
    /// "Datenschutzerklärung" / "Privacy policy".
    pub title: String,
    /// The "last updated" date, `YYYY-MM-DD`.
    pub date: String,
    /// The date in words: "22. November 2026".
    pub date_text: String,
    pub controller_name: Option<String>,
    /// What the policy publishes about the controller (no TOMs): name, address, country,
    /// contacts, managing directors, register, imprint, DPO, representative, supervisory
    /// authority.
    pub controller: Option<ControllerFacts>,
    /// Whether this is a draft (`--draft`): it then holds marked boxes (blocks of type `draft`)
    /// where a statement is missing or not supported by the record, and must not be published.
    pub draft: bool,
    /// Fixed words for templates (e.g. the heading of the table of contents).
    pub strings: Strings,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Strings {
    pub contents: String,
    pub last_updated: String,
    /// "ENTWURF" / "DRAFT".
    pub draft: String,
}

/// One section: a heading with a stable id, and its content.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// Stable across languages and runs: `intro`, `controller`, `dpo`, `overview`,
    /// `legal-bases`, `transfers`, `activity-<id>`, `section-<id>` (a `section` item),
    /// `rights`, `objection`, `changes`.
    pub id: String,
    /// Which template renders it: `intro`, `controller`, …, `activity`, …
    pub kind: String,
    pub heading: String,
    /// The content as plain text, one string per paragraph, fact or list item.
    pub paragraphs: Vec<String>,
    /// The content with its structure.
    pub blocks: Vec<Block>,
    /// For activity sections: everything the record says about the activity. Boxed: it is
    /// larger than the rest of the section, and most documents leave it out.
    pub activity: Option<Box<ActivityFacts>>,
}

/// A piece of content.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// A paragraph set in bold (the right to object).
    Lead {
        text: String,
    },
    /// Labelled facts ("Rechtsgrundlage: …").
    Facts {
        items: Vec<Fact>,
    },
    List {
        items: Vec<Item>,
    },
    /// Lines of a postal address and contact details.
    Address {
        lines: Vec<Item>,
    },
    /// In a draft only: a visible marked box where a statement is missing or the record does
    /// not support it ("ENTWURF – fehlt: …"). Never a finding or a file path.
    Draft {
        text: String,
    },
}

#[derive(Clone, Debug, Serialize)]
pub struct Fact {
    pub label: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<Item>,
    /// A table after the paragraphs and items (the cookie table of a device access).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<Table>,
}

/// A table of plain texts: a header row and rows of as many cells (an empty cell is "—").
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A line or list item, optionally a link (`#section-id`, `mailto:`, `https://`).
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// A label before the text ("E-Mail"), not part of the link.
    pub label: Option<String>,
    pub text: String,
    pub href: Option<String>,
}

impl Item {
    fn text(text: impl Into<String>) -> Item {
        Item {
            label: None,
            text: text.into(),
            href: None,
        }
    }

    fn link(text: impl Into<String>, href: impl Into<String>) -> Item {
        Item {
            label: None,
            text: text.into(),
            href: Some(href.into()),
        }
    }

    fn labelled(label: &str, text: &str, href: Option<String>) -> Item {
        Item {
            label: Some(label.to_string()),
            text: text.to_string(),
            href,
        }
    }

    /// The item as plain text: `label: text`.
    pub fn plain(&self) -> String {
        match &self.label {
            Some(l) => format!("{l}: {}", self.text),
            None => self.text.clone(),
        }
    }
}

fn fact(label: impl Into<String>, paragraphs: Vec<String>) -> Fact {
    Fact {
        label: label.into(),
        paragraphs,
        items: Vec::new(),
        table: None,
    }
}

/// The cookie table of a device access: name, purpose, lifetime, first or third party,
/// provider; `None` without cookies.
fn cookie_table(lang: Lang, cookies: &[crate::facts::CookieFacts]) -> Option<Table> {
    if cookies.is_empty() {
        return None;
    }
    let header = [
        lang.t("Name", "Name"),
        lang.t("Zweck", "Purpose"),
        lang.t("Speicherdauer", "Lifetime"),
        lang.t("Erst- oder Drittanbieter", "First or third party"),
        lang.t("Anbieter", "Provider"),
    ];
    let or_dash = |s: Option<&String>| s.cloned().unwrap_or_else(|| "—".to_string());
    Some(Table {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: cookies
            .iter()
            .map(|c| {
                vec![
                    c.name.clone(),
                    or_dash(c.purpose.as_ref()),
                    or_dash(c.lifetime.as_ref()),
                    or_dash(c.party_label.as_ref()),
                    or_dash(c.provider.as_ref()),
                ]
            })
            .collect(),
    })
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph { text: text.into() }
}

/// Ends text with a full stop unless it already ends a sentence.
pub fn sentence(s: &str) -> String {
    let t = s.trim_end();
    let mut chars = t.chars().rev();
    let last = chars.next();
    let before = chars.next();
    let ends = match last {
        Some('.' | '!' | '?' | '…' | ':') => true,
        Some('"' | '“' | '”' | '«' | '»' | '\'' | '’') => {
            matches!(before, Some('.' | '!' | '?' | '…'))
        }
        _ => false,
    };
    let mut out = String::with_capacity(t.len() + 1);
    out.push_str(t);
    if !(ends || t.is_empty()) {
        out.push('.');
    }
    out
}

/// Text that starts a sentence: its first letter in upper case.
fn sentence_start(s: &str) -> String {
    crate::facts::capitalized(s)
}

/// Quotes text: „…“ / “…”.
fn quote(lang: Lang, s: &str) -> String {
    match lang {
        Lang::De => format!("„{s}“"),
        Lang::En => format!("“{s}”"),
    }
}

fn flatten(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { text } | Block::Lead { text } | Block::Draft { text } => {
                out.push(text.clone())
            }
            Block::Facts { items } => {
                for f in items {
                    let mut s = format!("{}: {}", f.label, f.paragraphs.join(" "));
                    let mut items: Vec<String> = f.items.iter().map(Item::plain).collect();
                    items.extend(f.table.iter().flat_map(|t| &t.rows).map(|r| r.join(", ")));
                    if !items.is_empty() {
                        if !f.paragraphs.is_empty() {
                            s.push(' ');
                        }
                        s.push_str(&items.join("; "));
                    }
                    out.push(s.trim_end().to_string());
                }
            }
            Block::List { items } => out.extend(items.iter().map(Item::plain)),
            Block::Address { lines } => {
                out.push(lines.iter().map(Item::plain).collect::<Vec<_>>().join(", "))
            }
        }
    }
    out
}

fn section(id: &str, kind: &str, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        id: id.to_string(),
        kind: kind.to_string(),
        heading: heading.to_string(),
        // Filled in by the builder, when wanted (see `Builder::for_rendering`).
        paragraphs: Vec::new(),
        blocks,
        activity: None,
    }
}

/// Puts marked boxes at the start of a section, after the boxes already there; a box the
/// section already shows is not repeated.
pub(crate) fn prepend_boxes(section: &mut Section, boxes: Vec<String>) {
    let mut at = section
        .blocks
        .iter()
        .take_while(|b| matches!(b, Block::Draft { .. }))
        .count();
    for text in boxes {
        let shown = section
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Draft { text: t } if *t == text));
        if !shown {
            section.blocks.insert(at, Block::Draft { text });
            at += 1;
        }
    }
    if !section.paragraphs.is_empty() {
        section.paragraphs = flatten(&section.blocks);
    }
}

/// The id of an activity's section.
pub fn activity_section_id(activity: &str) -> String {
    format!("activity-{activity}")
}

/// The id of the section a `section` item becomes.
pub fn custom_section_id(section: &str) -> String {
    format!("section-{section}")
}

fn mailto(email: &str) -> Option<String> {
    let ok = email.contains('@')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '?' | '&'));
    ok.then(|| format!("mailto:{email}"))
}

fn web_href(url: &str) -> Option<String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''));
    ok.then(|| url.to_string())
}

/// A URL of a recipient's card: as a link `[url](url)` for the policy's renderers when `linked`
/// and it is an http(s) address they can link safely, else as written.
fn card_url(url: &str, linked: bool) -> String {
    match web_href(url).filter(|_| linked) {
        Some(href) if !href.contains(['(', ')', '[', ']', '`', '\\']) => format!("[{url}]({href})"),
        _ => url.to_string(),
    }
}

/// `Name (Land), Auftragsverarbeiter: Leistung (Anschrift: …; Kontakt: …; Datenschutzerklärung:
/// …; Widerspruch (Opt-out): …)`: the recipient's visiting card (CHANGES §1.7). With `linked`,
/// the URLs are written as links (the policy); without, as text (the record).
pub(crate) fn recipient_text(lang: Lang, r: &crate::facts::RecipientFacts, linked: bool) -> String {
    let mut s = String::with_capacity(96);
    s.push_str(&r.name);
    if let Some(c) = &r.country_name {
        s.push_str(" (");
        s.push_str(c);
        s.push(')');
    }
    let role = match r.role.as_str() {
        "subprocessor" => match &r.via {
            Some(v) => match lang {
                Lang::De => format!("Unterauftragsverarbeiter von {v}"),
                Lang::En => format!("sub-processor engaged by {v}"),
            },
            None => lang
                .t("Unterauftragsverarbeiter", "sub-processor")
                .to_string(),
        },
        "joint_controller" => lang
            .t(
                "gemeinsam mit uns verantwortlich",
                "joint controller with us",
            )
            .to_string(),
        "controller" => lang
            .t("eigenständiger Verantwortlicher", "independent controller")
            .to_string(),
        // A processor engaged by an independent or joint controller works for that controller.
        _ => match &r.via {
            Some(v) => match lang {
                Lang::De => format!("Auftragsverarbeiter von {v}"),
                Lang::En => format!("processor engaged by {v}"),
            },
            None => lang.t("Auftragsverarbeiter", "processor").to_string(),
        },
    };
    s.push_str(", ");
    s.push_str(&role);
    if let Some(service) = &r.service {
        s.push_str(": ");
        s.push_str(service);
    }
    // The recipient's card: where and how to reach it.
    let mut card = Vec::new();
    if let Some(a) = &r.address {
        card.push(format!("{}: {a}", lang.t("Anschrift", "Address")));
    }
    if let Some(c) = &r.contact {
        card.push(format!("{}: {c}", lang.t("Kontakt", "Contact")));
    }
    if let Some(url) = &r.privacy_policy {
        card.push(format!(
            "{}: {}",
            lang.t("Datenschutzerklärung", "Privacy policy"),
            card_url(url, linked)
        ));
    }
    if let Some(url) = &r.opt_out {
        card.push(format!(
            "{}: {}",
            lang.t("Widerspruchsmöglichkeit (Opt-out)", "Opt-out"),
            card_url(url, linked)
        ));
    }
    if !card.is_empty() {
        s.push_str(" (");
        s.push_str(&card.join("; "));
        s.push(')');
    }
    s
}

/// Builds the document.
pub(crate) struct Builder<'a> {
    pub(crate) lang: Lang,
    pub(crate) controller: Option<ControllerFacts>,
    pub(crate) activities: Vec<ActivityFacts>,
    reader: Reader<'a>,
    /// Whether sections carry their plain text and activity facts, which only JSON and user
    /// templates read (see [`Builder::for_rendering`]).
    whole: bool,
    /// Whether missing or unsupported statements are shown as marked boxes (a draft) rather
    /// than left out.
    draft: bool,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(reader: Reader<'a>) -> Builder<'a> {
        Builder {
            lang: reader.lang,
            controller: crate::facts::controller_in(&reader).map(|c| c.public()),
            activities: reader.activities(),
            reader,
            whole: true,
            draft: false,
        }
    }

    /// A draft: shows each missing or unsupported statement as a marked box.
    pub(crate) fn drafting(mut self, draft: bool) -> Builder<'a> {
        self.draft = draft;
        self
    }

    /// The marked box of a draft: "ENTWURF – fehlt: {what}".
    fn missing(&self, de: &str, en: &str) -> Block {
        Block::Draft {
            text: draft_text(self.lang, Draft::Missing, self.lang.t_owned(de, en)),
        }
    }

    /// Leaves out what the built-in templates never read — each section's plain text
    /// (`paragraphs`) and an activity section's facts (`activity`) — so that building the
    /// document allocates about a sixth less. For Markdown and HTML without user templates.
    pub(crate) fn for_rendering(mut self) -> Builder<'a> {
        self.whole = false;
        self
    }

    fn t(&self, de: &'static str, en: &'static str) -> &'static str {
        self.lang.t(de, en)
    }

    fn email(&self) -> Option<&str> {
        self.controller.as_ref().and_then(|c| c.email.as_deref())
    }

    pub(crate) fn document(&self, date: Date) -> Document {
        self.assemble(date, |a| self.activity(a))
    }

    /// The document with only the id and heading of each activity's module (enough for the
    /// table of contents): the renderer builds each module while it writes it, so that the
    /// modules of a large record are never all in memory at once.
    pub(crate) fn outline(&self, date: Date) -> Document {
        self.assemble(date, |a| {
            section(
                &activity_section_id(&a.id),
                "activity",
                &a.title,
                Vec::new(),
            )
        })
    }

    fn assemble(&self, date: Date, module: impl Fn(&ActivityFacts) -> Section + Sync) -> Document {
        let lang = self.lang;
        // The modules of the activities are built on all cores (in order), the sections before
        // and after them (several of which go through all activities) meanwhile.
        let (modules, (sections, after)) = rayon::join(
            || {
                let modules: Vec<Section> = self.activities.par_iter().map(&module).collect();
                modules
            },
            || (self.sections_before(date), self.sections_after()),
        );
        let (mut sections, mut after) = (sections, after);
        if self.whole {
            // The modules have theirs already (see `activity`).
            for s in sections.iter_mut().chain(after.iter_mut()) {
                s.paragraphs = flatten(&s.blocks);
            }
        }
        sections.extend(modules);
        sections.extend(after);
        Document {
            version: 1,
            lang: lang.code().to_string(),
            title: self.t("Datenschutzerklärung", "Privacy policy").to_string(),
            date: date.to_string(),
            date_text: lang.date(date),
            controller_name: self.controller.as_ref().and_then(|c| c.name.clone()),
            controller: self.controller.clone(),
            draft: self.draft,
            strings: Strings {
                contents: self.t("Inhaltsübersicht", "Contents").to_string(),
                last_updated: self.t("Stand", "Last updated").to_string(),
                draft: self.t("ENTWURF", "DRAFT").to_string(),
            },
            sections,
        }
    }

    /// The sections before the modules of the activities.
    fn sections_before(&self, date: Date) -> Vec<Section> {
        let mut sections = vec![self.intro(date)];
        sections.extend(self.custom_sections(SectionPlace::AfterIntro));
        sections.push(self.controller());
        sections.extend(self.dpo());
        sections.push(self.overview());
        sections.push(self.legal_bases());
        sections.extend(self.transfers());
        sections.extend(self.custom_sections(SectionPlace::BeforeActivities));
        sections
    }

    /// The sections after the modules of the activities. `after_activities` and
    /// `before_rights` both stand between the modules and the rights: the former first.
    fn sections_after(&self) -> Vec<Section> {
        let mut sections = self.custom_sections(SectionPlace::AfterActivities);
        sections.extend(self.custom_sections(SectionPlace::BeforeRights));
        sections.push(self.rights());
        sections.extend(self.objection());
        sections.push(self.changes());
        sections
    }

    /// The `section` items to be placed at `place`, in workspace order (files by path, items
    /// by position), each as its heading and paragraphs, in the output language. The text is
    /// the record's own: nothing is added to it.
    fn custom_sections(&self, place: SectionPlace) -> Vec<Section> {
        let reader = self.reader;
        reader
            .ws
            .sections()
            .filter(|s| s.place == place && s.header.id.is_some())
            .map(|s| {
                let id = s.header.id();
                let heading = s.title.as_ref().and_then(|t| reader.text(t));
                let paragraphs = s
                    .text
                    .as_ref()
                    .map(|t| reader.paragraphs(t))
                    .unwrap_or_default();
                let mut blocks: Vec<Block> = paragraphs.into_iter().map(para).collect();
                if blocks.is_empty() && self.draft {
                    blocks.push(
                        self.missing("der Text dieses Abschnitts", "the text of this section"),
                    );
                }
                section(
                    &custom_section_id(id),
                    "section",
                    heading.as_deref().unwrap_or(id),
                    blocks,
                )
            })
            .collect()
    }

    fn intro(&self, date: Date) -> Section {
        let lang = self.lang;
        let mut p1 = self
            .t(
                "Mit dieser Datenschutzerklärung informieren wir Sie darüber, welche personenbezogenen Daten wir verarbeiten, zu welchen Zwecken und auf welcher Rechtsgrundlage, an wen wir sie weitergeben, wie lange wir sie speichern und welche Rechte Sie haben (Art. 13 und 14 DSGVO).",
                "This privacy policy explains which personal data we process, for what purposes and on what legal basis, to whom we disclose it, how long we keep it and what rights you have (Art. 13 and 14 GDPR).",
            )
            .to_string();
        if let Some(name) = self.controller.as_ref().and_then(|c| c.name.as_deref()) {
            p1.push(' ');
            p1.push_str(&match lang {
                // No article before the name: "die" fits "GmbH" but not "e. V." (P31).
                Lang::De => sentence(&format!("„Wir“ und „uns“ steht im Folgenden für {name}")),
                Lang::En => sentence(&format!("“We” and “us” refer to {name}")),
            });
        }
        let p2 = self.t(
            "Zuerst finden Sie die allgemeinen Angaben – wer verantwortlich ist, welche Daten wir verarbeiten und auf welchen Rechtsgrundlagen –, danach die einzelnen Verarbeitungen und zum Schluss Ihre Rechte.",
            "It starts with general information – who is responsible, which data we process and on which legal bases – followed by the individual processing activities and, finally, your rights.",
        );
        let p3 = format!("{}: {}", self.t("Stand", "Last updated"), lang.date(date));
        let mut blocks = Vec::new();
        if self.draft {
            blocks.push(Block::Draft {
                text: self
                    .t(
                        "ENTWURF – nicht veröffentlichen: Die markierten Angaben fehlen im Verzeichnis der Verarbeitungstätigkeiten oder werden von ihm nicht gestützt.",
                        "DRAFT – do not publish: the marked statements are missing from the record of processing activities or not supported by it.",
                    )
                    .to_string(),
            });
        }
        blocks.extend([para(p1), para(p2), para(p3)]);
        section(
            "intro",
            "intro",
            self.t("Einleitung", "Introduction"),
            blocks,
        )
    }

    fn contact_lines(
        &self,
        name: Option<&str>,
        address: Option<&str>,
        email: Option<&str>,
        phone: Option<&str>,
        website: Option<&str>,
    ) -> Vec<Item> {
        let mut lines = Vec::new();
        if let Some(n) = name {
            lines.push(Item::text(n));
        }
        if let Some(a) = address {
            lines.extend(
                a.split(", ")
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(Item::text),
            );
        }
        if let Some(e) = email {
            lines.push(Item::labelled(self.t("E-Mail", "E-mail"), e, mailto(e)));
        }
        if let Some(p) = phone {
            lines.push(Item::labelled(self.t("Telefon", "Phone"), p, None));
        }
        if let Some(w) = website {
            lines.push(Item::labelled(self.t("Website", "Website"), w, web_href(w)));
        }
        lines
    }

    fn controller(&self) -> Section {
        let mut blocks = Vec::new();
        if let Some(c) = &self.controller {
            blocks.push(para(self.t(
                "Verantwortlich für die Verarbeitung Ihrer personenbezogenen Daten im Sinne von Art. 4 Nr. 7 DSGVO ist:",
                "The controller responsible for processing your personal data within the meaning of Art. 4(7) GDPR is:",
            )));
            let mut lines =
                self.contact_lines(c.name.as_deref(), c.address.as_deref(), None, None, None);
            lines.extend(c.country_name.as_deref().map(Item::text));
            lines.extend(self.contact_lines(
                None,
                None,
                c.email.as_deref(),
                c.phone.as_deref(),
                c.website.as_deref(),
            ));
            blocks.push(Block::Address { lines });
            blocks.extend(self.controller_details(c));
            if let Some(r) = &c.representative {
                blocks.push(para(self.t(
                    "Unser Vertreter in der Europäischen Union nach Art. 27 DSGVO:",
                    "Our representative in the European Union under Art. 27 GDPR:",
                )));
                blocks.push(Block::Address {
                    lines: self.contact_lines(
                        r.name.as_deref(),
                        r.address.as_deref(),
                        r.email.as_deref(),
                        r.phone.as_deref(),
                        None,
                    ),
                });
            }
        }
        section(
            "controller",
            "controller",
            self.t("Verantwortlicher", "Controller"),
            blocks,
        )
    }

    /// Who represents the controller, its register entry and its imprint (§ 5 DDG data the
    /// record holds; CHANGES §1.8), each only when written.
    fn controller_details(&self, c: &ControllerFacts) -> Vec<Block> {
        let mut blocks = Vec::new();
        if !c.managing_directors.is_empty() {
            let names = self.lang.join_and(&c.managing_directors);
            // "Geschäftsführung" fits one person or several, of any gender; English counts.
            let one = c.managing_directors.len() == 1;
            blocks.push(para(match self.lang {
                Lang::De => format!("Vertreten durch die Geschäftsführung: {names}"),
                Lang::En if one => format!("Represented by the managing director: {names}"),
                Lang::En => format!("Represented by the managing directors: {names}"),
            }));
        }
        let mut items = Vec::new();
        if let Some(r) = &c.register {
            items.push(Item::labelled(
                self.t("Registereintrag", "Register entry"),
                r,
                None,
            ));
        }
        if let Some(i) = &c.imprint {
            items.push(Item::labelled(
                self.t("Impressum", "Imprint"),
                i,
                web_href(i),
            ));
        }
        if !items.is_empty() {
            blocks.push(Block::Address { lines: items });
        }
        blocks
    }

    fn dpo(&self) -> Option<Section> {
        let dpo = self.controller.as_ref()?.dpo.as_ref()?;
        let blocks = vec![
            // Neutral: the name, if any, says nothing about the person's gender (P3).
            para(self.t(
                "Für alle Fragen zum Datenschutz erreichen Sie unsere Datenschutzbeauftragte/unseren Datenschutzbeauftragten unter:",
                "You can contact our data protection officer with any question about data protection at:",
            )),
            Block::Address {
                lines: self.contact_lines(
                    dpo.name.as_deref(),
                    dpo.address.as_deref(),
                    dpo.email.as_deref(),
                    dpo.phone.as_deref(),
                    None,
                ),
            },
        ];
        Some(section(
            "dpo",
            "dpo",
            self.t("Datenschutzbeauftragte/r", "Data protection officer"),
            blocks,
        ))
    }

    fn category_text(&self, label: &crate::facts::Label) -> String {
        let lang = self.lang;
        if label.special {
            format!(
                "{} ({}, {})",
                label.label,
                self.t("besondere Kategorie", "special category"),
                lang.art(9, Some(1), None)
            )
        } else if label.criminal {
            format!("{} ({})", label.label, lang.art(10, None, None))
        } else {
            label.label.clone()
        }
    }

    fn joined(&self, labels: &[crate::facts::Label], category: bool) -> String {
        let mut text = String::new();
        for (i, l) in labels.iter().enumerate() {
            if i > 0 {
                text.push_str("; ");
            }
            // In German only the first label starts the sentence, the others keep the case they
            // are written in (P4: "geschäftliche Ansprechpersonen"); English items are
            // capitalised alike, since user labels are usually written so.
            let shown = if i == 0 || self.lang == Lang::En {
                &l.label
            } else {
                &l.in_list
            };
            if category && (l.special || l.criminal) {
                text.push_str(&self.category_text(&crate::facts::Label {
                    label: shown.clone(),
                    ..l.clone()
                }));
            } else {
                text.push_str(shown);
            }
        }
        sentence(&text)
    }

    fn overview(&self) -> Section {
        let mut categories: Vec<crate::facts::Label> = Vec::new();
        let mut subjects: Vec<crate::facts::Label> = Vec::new();
        for a in &self.activities {
            for c in &a.categories {
                if !categories.iter().any(|x| x.id == c.id) {
                    categories.push(c.clone());
                }
            }
            for s in &a.subjects {
                if !subjects.iter().any(|x| x.id == s.id) {
                    subjects.push(s.clone());
                }
            }
        }
        let mut facts = Vec::new();
        if !categories.is_empty() {
            facts.push(fact(
                self.t("Arten der verarbeiteten Daten", "Types of data processed"),
                vec![self.joined(&categories, true)],
            ));
        }
        if !subjects.is_empty() {
            facts.push(fact(
                self.t(
                    "Kategorien betroffener Personen",
                    "Categories of data subjects",
                ),
                vec![self.joined(&subjects, false)],
            ));
        }
        if !self.activities.is_empty() {
            facts.push(Fact {
                table: None,
                // The titles of the activities, not their purposes (P4).
                label: self
                    .t("Verarbeitungstätigkeiten", "Processing activities")
                    .to_string(),
                paragraphs: Vec::new(),
                items: self
                    .activities
                    .iter()
                    .map(|a| Item::link(&a.title, format!("#{}", activity_section_id(&a.id))))
                    .collect(),
            });
        }
        let mut blocks = vec![para(self.t(
            "Die folgende Übersicht fasst zusammen, welche Arten von Daten wir verarbeiten, wen die Verarbeitung betrifft und in welchen Verarbeitungstätigkeiten. Die Zwecke und alle Einzelheiten finden Sie bei den einzelnen Verarbeitungen.",
            "The following overview summarises which types of data we process, whom the processing concerns and in which processing activities. The purposes and all details are given for each processing activity.",
        ))];
        if !facts.is_empty() {
            blocks.push(Block::Facts { items: facts });
        }
        section(
            "overview",
            "overview",
            self.t("Übersicht der Verarbeitungen", "Overview of processing"),
            blocks,
        )
    }

    fn links(&self, pred: impl Fn(&ActivityFacts) -> bool) -> Vec<Item> {
        self.activities
            .iter()
            .filter(|a| pred(a))
            .map(|a| Item::link(&a.title, format!("#{}", activity_section_id(&a.id))))
            .collect()
    }

    fn legal_bases(&self) -> Section {
        let lang = self.lang;
        let mut facts = Vec::new();
        for kind in ropa_analysis::model::BasisKind::ALL {
            let items = self.links(|a| a.rests_on(kind.keyword()));
            if items.is_empty() {
                continue;
            }
            facts.push(Fact {
                label: format!("{} ({})", lang.basis_label(kind), lang.basis_citation(kind)),
                paragraphs: vec![lang.basis_explanation(kind).to_string()],
                items,
                table: None,
            });
        }
        facts.extend(self.special_basis_facts());
        facts.extend(self.device_access_basis());
        // The TDDDG is named when its section is listed (P5).
        let tdddg = self.activities.iter().any(|a| a.device_access.is_some());
        let mut blocks = vec![para(if tdddg {
            self.t(
                "Wir stützen unsere Verarbeitungen auf die folgenden Rechtsgrundlagen der Datenschutz-Grundverordnung (DSGVO) und des Telekommunikation-Digitale-Dienste-Datenschutz-Gesetzes (TDDDG). Welche im Einzelfall gilt, geben wir bei der jeweiligen Verarbeitung an.",
                "We base our processing on the following legal bases of the General Data Protection Regulation (GDPR) and of the German Telecommunications Digital Services Data Protection Act (TDDDG). Which one applies is stated for each processing activity.",
            )
        } else {
            self.t(
                "Wir stützen unsere Verarbeitungen auf die folgenden Rechtsgrundlagen der Datenschutz-Grundverordnung (DSGVO). Welche im Einzelfall gilt, geben wir bei der jeweiligen Verarbeitung an.",
                "We base our processing on the following legal bases of the General Data Protection Regulation (GDPR). Which one applies is stated for each processing activity.",
            )
        })];
        if !facts.is_empty() {
            blocks.push(Block::Facts { items: facts });
        }
        section(
            "legal-bases",
            "legal_bases",
            self.t("Maßgebliche Rechtsgrundlagen", "Legal bases"),
            blocks,
        )
    }

    /// One fact per Art. 9(2) ground the activities rest on, with the activities.
    fn special_basis_facts(&self) -> Vec<Fact> {
        let lang = self.lang;
        let mut specials: Vec<(String, String)> = Vec::new();
        for a in &self.activities {
            for s in &a.special_bases {
                if !specials.iter().any(|(k, _)| *k == s.kind) {
                    specials.push((s.kind.clone(), format!("{} ({})", s.label, s.citation)));
                }
            }
        }
        specials.sort();
        specials
            .into_iter()
            .map(|(kind, label)| Fact {
                table: None,
                label,
                paragraphs: vec![match lang {
                    Lang::De => format!(
                        "Besondere Kategorien personenbezogener Daten ({}) verarbeiten wir nur, wenn zusätzlich eine Ausnahme nach {} vorliegt.",
                        lang.art(9, Some(1), None),
                        lang.art(9, Some(2), None)
                    ),
                    Lang::En => format!(
                        "We process special categories of personal data ({}) only where, in addition, an exception under {} applies.",
                        lang.art(9, Some(1), None),
                        lang.art(9, Some(2), None)
                    ),
                }],
                items: self.links(|a| a.special_bases.iter().any(|s| s.kind == kind)),
            })
            .collect()
    }

    /// § 25 TDDDG, when an activity stores or reads information on the device.
    fn device_access_basis(&self) -> Option<Fact> {
        let lang = self.lang;
        if !self.activities.iter().any(|a| a.device_access.is_some()) {
            return None;
        }
        Some(Fact {
            table: None,
            label: match lang {
                Lang::De => {
                    "Speichern und Auslesen von Informationen auf Ihrem Endgerät (§ 25 TDDDG)"
                        .to_string()
                }
                Lang::En => "Storing and accessing information on your device (Section 25 TDDDG)"
                    .to_string(),
            },
            paragraphs: vec![match lang {
                Lang::De => format!(
                    "Informationen auf Ihrem Endgerät (z. B. Cookies) dürfen wir nur mit Ihrer Einwilligung speichern oder auslesen ({}), es sei denn, dies ist unbedingt erforderlich, damit wir einen von Ihnen ausdrücklich gewünschten digitalen Dienst bereitstellen können ({}). Für die anschließende Verarbeitung personenbezogener Daten gilt zusätzlich eine der oben genannten Rechtsgrundlagen der DSGVO.",
                    lang.tdddg(1, None),
                    lang.tdddg(2, Some(2))
                ),
                Lang::En => format!(
                    "Under the German Telecommunications Digital Services Data Protection Act (TDDDG), we may store information on your device (such as cookies) or access it only with your consent ({}), unless this is strictly necessary to provide a digital service you have expressly requested ({}). Any further processing of personal data also needs one of the GDPR legal bases above.",
                    lang.tdddg(1, None),
                    lang.tdddg(2, Some(2))
                ),
            }],
            items: self.links(|a| a.device_access.is_some()),
        })
    }

    /// `Name (Land): safeguard. Eine Kopie …`
    fn transfer_text(&self, t: &crate::facts::TransferFacts) -> String {
        let mut s = format!("{} ({})", t.recipient, t.country_name);
        match &t.safeguard {
            Some(safeguard) => {
                s.push_str(": ");
                s.push_str(&sentence(safeguard));
                if t.copy_on_request {
                    s.push(' ');
                    s.push_str(&self.copy_sentence());
                }
            }
            None => s.push('.'),
        }
        s
    }

    fn copy_sentence(&self) -> String {
        match (self.lang, self.email()) {
            (Lang::De, Some(e)) => {
                format!("Eine Kopie der Garantien erhalten Sie auf Anfrage bei uns ({e}).")
            }
            (Lang::De, None) => {
                "Eine Kopie der Garantien erhalten Sie auf Anfrage bei uns.".to_string()
            }
            (Lang::En, Some(e)) => {
                format!("You can obtain a copy of the safeguards from us on request ({e}).")
            }
            (Lang::En, None) => {
                "You can obtain a copy of the safeguards from us on request.".to_string()
            }
        }
    }

    fn transfers(&self) -> Option<Section> {
        // The activities transferring to each recipient (each once, in order), found in one
        // pass: asking every activity for every recipient is quadratic.
        let mut by_recipient: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
        for (i, a) in self.activities.iter().enumerate() {
            for t in &a.transfers {
                let list = by_recipient.entry(&t.recipient_id).or_default();
                if list.last().is_none_or(|(last, _)| *last != i) {
                    list.push((i, &a.title));
                }
            }
        }
        let mut seen: HashSet<&str> = HashSet::new();
        let mut items = Vec::new();
        for a in &self.activities {
            for t in &a.transfers {
                if !seen.insert(&t.recipient_id) {
                    continue;
                }
                let titles: Vec<String> = by_recipient
                    .get(t.recipient_id.as_str())
                    .map(|list| list.iter().map(|(_, title)| title.to_string()).collect())
                    .unwrap_or_default();
                let mut text = self.transfer_text(t);
                text.push(' ');
                text.push_str(&format!(
                    "{}: {}.",
                    self.t("Betrifft", "Concerns"),
                    self.lang.join_and(&titles)
                ));
                items.push(Item::text(text));
            }
        }
        if items.is_empty() {
            return None;
        }
        // Compliance is claimed only when every transfer names its basis (W6).
        let unsupported: Vec<String> = self
            .activities
            .iter()
            .flat_map(|a| &a.transfers)
            .filter(|t| t.safeguard.is_none())
            .map(|t| format!("{} ({})", t.recipient, t.country_name))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let intro = if unsupported.is_empty() {
            self.t(
                "Einige Empfänger haben ihren Sitz außerhalb der Europäischen Union und des Europäischen Wirtschaftsraums (EWR), also in einem Drittland, oder verarbeiten Daten dort. Wir übermitteln personenbezogene Daten in ein Drittland nur, wenn die Voraussetzungen der Art. 44 bis 49 DSGVO erfüllt sind, insbesondere wenn die Europäische Kommission ein angemessenes Datenschutzniveau festgestellt hat (Angemessenheitsbeschluss) oder geeignete Garantien bestehen:",
                "Some recipients are located, or process data, outside the European Union and the European Economic Area (EEA), that is, in a third country. We transfer personal data to a third country only if the conditions of Art. 44 to 49 GDPR are met, in particular if the European Commission has found that the country ensures an adequate level of protection (adequacy decision) or appropriate safeguards are in place:",
            )
        } else {
            self.t(
                "Einige Empfänger haben ihren Sitz außerhalb der Europäischen Union und des Europäischen Wirtschaftsraums (EWR), also in einem Drittland, oder verarbeiten Daten dort:",
                "Some recipients are located, or process data, outside the European Union and the European Economic Area (EEA), that is, in a third country:",
            )
        };
        let mut blocks = vec![para(intro), Block::List { items }];
        if self.draft {
            for recipient in unsupported {
                blocks.push(self.missing(
                    &format!(
                        "Grundlage der Übermittlung an {recipient} (Art. 45, 46 oder 49 DSGVO)"
                    ),
                    &format!("the basis of the transfer to {recipient} (Art. 45, 46 or 49 GDPR)"),
                ));
            }
        }
        Some(section(
            "transfers",
            "transfers",
            self.t(
                "Übermittlung in Drittländer",
                "Transfers to third countries",
            ),
            blocks,
        ))
    }

    fn rights(&self) -> Section {
        let mut facts = self.rights_of_everyone();
        facts.extend(self.objection_right());
        facts.extend(self.withdrawal_right());
        facts.extend(self.automated_decision_right());
        facts.push(self.complaint_right());
        section(
            "rights",
            "rights",
            self.t("Ihre Rechte", "Your rights"),
            vec![para(self.rights_intro()), Block::Facts { items: facts }],
        )
    }

    /// How to exercise the rights, and how soon we answer (Art. 12(3)).
    fn rights_intro(&self) -> String {
        let lang = self.lang;
        let email = self.email();
        match (lang, email) {
            (Lang::De, Some(e)) => format!(
                "Ihnen stehen nach der DSGVO die folgenden Rechte zu. Um sie auszuüben, genügt eine formlose Nachricht an uns, zum Beispiel per E-Mail an {e}. Wir antworten grundsätzlich innerhalb eines Monats; wenn es wegen der Komplexität oder der Anzahl der Anträge erforderlich ist, kann sich diese Frist um zwei weitere Monate verlängern ({}).",
                lang.art(12, Some(3), None)
            ),
            (Lang::De, None) => format!(
                "Ihnen stehen nach der DSGVO die folgenden Rechte zu. Um sie auszuüben, genügt eine formlose Nachricht an uns. Wir antworten grundsätzlich innerhalb eines Monats; wenn es wegen der Komplexität oder der Anzahl der Anträge erforderlich ist, kann sich diese Frist um zwei weitere Monate verlängern ({}).",
                lang.art(12, Some(3), None)
            ),
            (Lang::En, Some(e)) => format!(
                "Under the GDPR you have the following rights. To exercise them, simply contact us informally, for example by e-mail to {e}. We will generally respond within one month; where necessary, taking into account the complexity and number of requests, this period may be extended by two further months ({}).",
                lang.art(12, Some(3), None)
            ),
            (Lang::En, None) => format!(
                "Under the GDPR you have the following rights. To exercise them, simply contact us informally. We will generally respond within one month; where necessary, taking into account the complexity and number of requests, this period may be extended by two further months ({}).",
                lang.art(12, Some(3), None)
            ),
        }
    }

    /// One right: its name with the article, and what it means.
    fn right(&self, de: &str, en: &str, cite: String, de_text: &str, en_text: &str) -> Fact {
        fact(
            format!("{} ({cite})", self.lang.t_owned(de, en)),
            vec![self.lang.t_owned(de_text, en_text)],
        )
    }

    /// The rights every policy names (Art. 15 to 18 and 20).
    fn rights_of_everyone(&self) -> Vec<Fact> {
        let lang = self.lang;
        vec![
            self.right(
                "Auskunftsrecht",
                "Right of access",
                lang.art(15, None, None),
                "Sie können Auskunft darüber verlangen, ob wir personenbezogene Daten über Sie verarbeiten, und wenn ja, welche Daten das sind und wie wir sie verarbeiten. Auf Wunsch erhalten Sie eine Kopie der Daten.",
                "You can ask whether we process personal data about you and, if so, which data and how. On request you receive a copy of the data.",
            ),
            self.right(
                "Recht auf Berichtigung",
                "Right to rectification",
                lang.art(16, None, None),
                "Sie können verlangen, dass wir unrichtige Daten über Sie berichtigen und unvollständige Daten vervollständigen.",
                "You can ask us to correct inaccurate data about you and to complete incomplete data.",
            ),
            self.right(
                "Recht auf Löschung",
                "Right to erasure",
                lang.art(17, None, None),
                "Sie können verlangen, dass wir Ihre Daten löschen, etwa wenn wir sie für die Zwecke nicht mehr benötigen oder Sie Ihre Einwilligung widerrufen haben – es sei denn, wir müssen sie zum Beispiel aufgrund gesetzlicher Aufbewahrungspflichten weiter speichern.",
                "You can ask us to erase your data, for example if we no longer need it for the purposes or you have withdrawn your consent – unless we must keep it, for example because of statutory retention obligations.",
            ),
            self.right(
                "Recht auf Einschränkung der Verarbeitung",
                "Right to restriction of processing",
                lang.art(18, None, None),
                "Sie können verlangen, dass wir Ihre Daten nur noch eingeschränkt verarbeiten, etwa solange wir prüfen, ob die Daten richtig sind.",
                "You can ask us to restrict the processing of your data, for example while we check whether the data is accurate.",
            ),
            self.right(
                "Recht auf Datenübertragbarkeit",
                "Right to data portability",
                lang.art(20, None, None),
                "Daten, die Sie uns bereitgestellt haben und die wir auf Grundlage Ihrer Einwilligung oder eines Vertrags automatisiert verarbeiten, erhalten Sie auf Wunsch in einem strukturierten, gängigen und maschinenlesbaren Format. Sie können auch verlangen, dass wir sie direkt an einen anderen Verantwortlichen übermitteln, soweit das technisch machbar ist.",
                "You can receive data that you have provided to us and that we process automatically on the basis of your consent or a contract in a structured, commonly used and machine-readable format, and ask us to transmit it directly to another controller where technically feasible.",
            ),
        ]
    }

    /// The right to object (Art. 21), when an activity rests on Art. 6(1)(e) or (f); told in
    /// full in a section of its own.
    fn objection_right(&self) -> Option<Fact> {
        let lang = self.lang;
        self.objection_bases()?;
        Some(self.right(
            "Widerspruchsrecht",
            "Right to object",
            lang.art(21, None, None),
            "Sie können bestimmten Verarbeitungen widersprechen. Einzelheiten finden Sie im gesonderten Abschnitt „Widerspruchsrecht“ unten.",
            "You can object to certain processing. See the separate section “Right to object” below.",
        ))
    }

    /// The right to withdraw consent (Art. 7(3)), when an activity rests on consent.
    fn withdrawal_right(&self) -> Option<Fact> {
        let lang = self.lang;
        let consent = self.activities.iter().any(|a| {
            a.rests_on("consent") || a.special_bases.iter().any(|s| s.kind == "explicit_consent")
        });
        consent.then(|| {
            self.right(
                "Recht auf Widerruf Ihrer Einwilligung",
                "Right to withdraw consent",
                lang.art(7, Some(3), None),
                "Eine Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen; der Widerruf ist so einfach wie die Erteilung. Die Rechtmäßigkeit der bis zum Widerruf erfolgten Verarbeitung bleibt unberührt.",
                "You can withdraw your consent at any time with effect for the future; withdrawing is as easy as giving consent. The lawfulness of processing before the withdrawal is not affected.",
            )
        })
    }

    /// The right not to be subject to a solely automated decision (Art. 22), when an activity
    /// takes one.
    fn automated_decision_right(&self) -> Option<Fact> {
        let lang = self.lang;
        let automated = self.activities.iter().any(|a| {
            a.ai.as_ref()
                .is_some_and(|ai| ai.automated_decision == Some(true))
        });
        automated.then(|| {
            self.right(
                "Recht, keiner ausschließlich automatisierten Entscheidung unterworfen zu werden",
                "Right not to be subject to a solely automated decision",
                lang.art(22, None, None),
                "Sie haben das Recht, keiner ausschließlich auf einer automatisierten Verarbeitung – einschließlich Profiling – beruhenden Entscheidung unterworfen zu werden, die Ihnen gegenüber rechtliche Wirkung entfaltet oder Sie in ähnlicher Weise erheblich beeinträchtigt, soweit keine der Ausnahmen des Art. 22 Abs. 2 DSGVO vorliegt. Beruht die Entscheidung auf einem Vertrag oder Ihrer ausdrücklichen Einwilligung, haben Sie das Recht, das Eingreifen einer Person zu erwirken, Ihren Standpunkt darzulegen und die Entscheidung anzufechten (Art. 22 Abs. 3 DSGVO).",
                "You have the right not to be subject to a decision based solely on automated processing, including profiling, which produces legal effects concerning you or similarly significantly affects you, unless one of the exceptions of Art. 22(2) GDPR applies. Where the decision is based on a contract or on your explicit consent, you have the right to obtain human intervention, to express your point of view and to contest the decision (Art. 22(3) GDPR).",
            )
        })
    }

    /// The right to lodge a complaint (Art. 77), with the authority responsible for us.
    fn complaint_right(&self) -> Fact {
        let lang = self.lang;
        let mut complaint = self.right(
            "Beschwerderecht bei einer Aufsichtsbehörde",
            "Right to lodge a complaint with a supervisory authority",
            lang.art(77, None, None),
            "Wenn Sie der Ansicht sind, dass die Verarbeitung Ihrer Daten gegen die DSGVO verstößt, können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren, insbesondere in dem Mitgliedstaat Ihres gewöhnlichen Aufenthalts, Ihres Arbeitsplatzes oder des Orts des mutmaßlichen Verstoßes.",
            "If you believe that the processing of your data infringes the GDPR, you can lodge a complaint with a data protection supervisory authority, in particular in the Member State of your habitual residence, your place of work or the place of the alleged infringement.",
        );
        if let Some(sa) = self
            .controller
            .as_ref()
            .and_then(ControllerFacts::authority_line)
        {
            // A label, not a sentence: the authority's name takes no article here (P27).
            complaint.paragraphs.push(format!(
                "{}: {}",
                self.t(
                    "Für uns zuständige Aufsichtsbehörde",
                    "The supervisory authority responsible for us"
                ),
                sentence(&sa)
            ));
        }
        complaint
    }

    /// Which of Art. 6(1)(e) and (f) the activities rest on, if any.
    fn objection_bases(&self) -> Option<(bool, bool)> {
        let e = self.activities.iter().any(|a| a.rests_on("public_task"));
        let f = self
            .activities
            .iter()
            .any(|a| a.rests_on("legitimate_interest"));
        (e || f).then_some((e, f))
    }

    fn objection(&self) -> Option<Section> {
        let lang = self.lang;
        let marketing_activities = self.links(|a| a.direct_marketing);
        let (e, f) = match self.objection_bases() {
            Some(bases) => bases,
            None if !marketing_activities.is_empty() => (false, false),
            None => return None,
        };
        let lead = self.objection_lead(e, f);
        let consequence = self.t(
            "Legen Sie Widerspruch ein, verarbeiten wir Ihre Daten nicht mehr, es sei denn, wir können zwingende schutzwürdige Gründe für die Verarbeitung nachweisen, die Ihre Interessen, Rechte und Freiheiten überwiegen, oder die Verarbeitung dient der Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen.",
            "If you object, we will no longer process your data unless we can demonstrate compelling legitimate grounds for the processing which override your interests, rights and freedoms, or the processing serves the establishment, exercise or defence of legal claims.",
        );
        let affected =
            self.links(|a| a.rests_on("legitimate_interest") || a.rests_on("public_task"));
        let marketing = self.marketing_objection();
        let how = self.objection_form();
        let concerns = || {
            para(self.t(
                "Das betrifft folgende Verarbeitungen:",
                "This concerns the following processing activities:",
            ))
        };
        let mut blocks = Vec::new();
        // Art. 21(1): only where an activity rests on Art. 6(1)(e) or (f).
        if e || f {
            blocks.extend([
                Block::Lead { text: lead },
                para(consequence),
                concerns(),
                Block::List { items: affected },
            ]);
        }
        // Art. 21(2), (3): the activities the record marks as direct marketing, if any.
        blocks.push(Block::Lead { text: marketing });
        if !marketing_activities.is_empty() {
            blocks.extend([
                concerns(),
                Block::List {
                    items: marketing_activities,
                },
            ]);
        }
        blocks.push(para(how));
        Some(section(
            "objection",
            "objection",
            &match lang {
                Lang::De => format!("Widerspruchsrecht nach {}", lang.art(21, None, None)),
                Lang::En => format!("Right to object under {}", lang.art(21, None, None)),
            },
            blocks,
        ))
    }

    /// Art. 21(1): the right to object to processing on Art. 6(1)(e) and/or (f), and to
    /// profiling based on it.
    fn objection_lead(&self, e: bool, f: bool) -> String {
        let lang = self.lang;
        let (cite, several) = match (lang, e, f) {
            (Lang::De, true, true) => ("Art. 6 Abs. 1 lit. e oder f DSGVO".to_string(), true),
            (Lang::En, true, true) => ("Art. 6(1)(e) or (f) GDPR".to_string(), true),
            (_, true, false) => (lang.art(6, Some(1), Some('e')), false),
            _ => (lang.art(6, Some(1), Some('f')), false),
        };
        match lang {
            Lang::De => format!(
                "Sie haben das Recht, aus Gründen, die sich aus Ihrer besonderen Situation ergeben, jederzeit gegen die Verarbeitung Sie betreffender personenbezogener Daten Widerspruch einzulegen, die wir auf {cite} stützen; dies gilt auch für ein auf {} gestütztes Profiling ({}).",
                if several {
                    "diese Bestimmungen"
                } else {
                    "diese Bestimmung"
                },
                lang.art(21, Some(1), None)
            ),
            Lang::En => format!(
                "You have the right to object at any time, on grounds relating to your particular situation, to the processing of personal data concerning you that we base on {cite}; this also applies to profiling based on {} ({}).",
                if several {
                    "those provisions"
                } else {
                    "that provision"
                },
                lang.art(21, Some(1), None)
            ),
        }
    }

    /// Art. 21(2), (3): the right to object to direct marketing, without reasons.
    fn marketing_objection(&self) -> String {
        match self.lang {
            Lang::De => format!(
                "Verarbeiten wir Ihre personenbezogenen Daten, um Direktwerbung zu betreiben, können Sie jederzeit Widerspruch gegen die Verarbeitung zum Zwecke derartiger Werbung einlegen; dies gilt auch für das Profiling, soweit es mit solcher Direktwerbung in Verbindung steht. Nach Ihrem Widerspruch verwenden wir Ihre Daten nicht mehr für Zwecke der Direktwerbung ({}).",
                "Art. 21 Abs. 2 und 3 DSGVO"
            ),
            Lang::En => format!(
                "Where we process your personal data for direct marketing, you have the right to object at any time to processing for such marketing, including profiling to the extent that it is related to such direct marketing. After you object, we will no longer use your data for direct marketing ({}).",
                "Art. 21(2) and (3) GDPR"
            ),
        }
    }

    /// That an objection needs no form, and where to send it.
    fn objection_form(&self) -> String {
        match (self.lang, self.email()) {
            (Lang::De, Some(e)) => {
                format!("Der Widerspruch ist an keine Form gebunden; eine Nachricht an {e} genügt.")
            }
            (Lang::De, None) => "Der Widerspruch ist an keine Form gebunden.".to_string(),
            (Lang::En, Some(e)) => {
                format!("No particular form is required; a message to {e} is enough.")
            }
            (Lang::En, None) => "No particular form is required.".to_string(),
        }
    }

    fn changes(&self) -> Section {
        section(
            "changes",
            "changes",
            self.t(
                "Änderungen dieser Datenschutzerklärung",
                "Changes to this privacy policy",
            ),
            vec![para(self.t(
                "Wir passen diese Datenschutzerklärung an, sobald sich unsere Verarbeitungen oder die Rechtslage ändern. Es gilt die jeweils hier veröffentlichte Fassung. Erfordert eine Änderung Ihre Mitwirkung, etwa eine Einwilligung, informieren wir Sie gesondert.",
                "We update this privacy policy whenever our processing or the law changes. The version published here applies. If a change requires action on your part, such as your consent, we will inform you separately.",
            ))],
        )
    }
}
