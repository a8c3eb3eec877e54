//! What the record says about each activity, resolved and worded in one language: the common
//! ground of the privacy policy and the Art. 30 record.
//!
//! Facts that are absent stay absent (`None`, empty lists): the generator never invents content.
//! References that do not resolve are skipped; `ropa check` reports them.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use ropa_analysis::Workspace;
use ropa_analysis::geo;
use ropa_analysis::model::{
    Activity, CategoryRef, Contact, Cookie, Dated, Id, Keyed, Lifetime, Mechanism, Processor,
    Reference, Retention, Role, SubjectRef, Target, Text, Transfer,
};
use ropa_analysis::transfer::{self, Safeguard};
use serde::Serialize;

use crate::countries;
use crate::lang::Lang;

/// The language pair a workspace is read in: the output language and the workspace's first
/// configured language (the language of plain strings).
#[derive(Clone, Copy, Debug)]
pub struct Reader<'a> {
    pub ws: &'a Workspace,
    pub lang: Lang,
    pub first: &'a str,
    /// `[policy] order`: ids of the activities that come first, in this order.
    pub order: &'a [String],
}

impl Reader<'_> {
    /// The text in the output language, else in the first language, else any.
    pub fn text(&self, t: &Text) -> Option<String> {
        t.best(self.lang.code(), self.first)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s.contains('\n') {
                    paragraphs(s).join(" ")
                } else {
                    s.to_string()
                }
            })
    }

    /// The text's paragraphs (separated by blank lines), each on one line.
    pub fn paragraphs(&self, t: &Text) -> Vec<String> {
        t.best(self.lang.code(), self.first)
            .map(paragraphs)
            .unwrap_or_default()
    }

    fn opt_text(&self, t: Option<&Text>) -> Option<String> {
        t.and_then(|t| self.text(t))
    }

    fn opt_paragraphs(&self, t: Option<&Text>) -> Vec<String> {
        t.map(|t| self.paragraphs(t)).unwrap_or_default()
    }
}

/// A processor as a recipient and its transfer, by processor.
type ProcessorWords = HashMap<Id<Processor>, (RecipientFacts, Option<TransferFacts>)>;

/// Splits text at blank lines and joins the lines of each paragraph with a space.
pub fn paragraphs(text: &str) -> Vec<String> {
    if !text.contains('\n') {
        // One line (most texts): one paragraph, unless blank.
        let line = text.trim();
        return if line.is_empty() {
            Vec::new()
        } else {
            vec![line.to_string()]
        };
    }
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// The text with its first letter in upper case (labels are listed as items).
pub fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => {
            // The rest is copied at once, not character by character (a label per fact).
            let mut out = String::with_capacity(s.len() + 2);
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
            out
        }
        None => String::new(),
    }
}

/// The non-empty strings of a list, trimmed.
fn strings(list: Option<&[ropa_analysis::model::Spanned<String>]>) -> Vec<String> {
    list.into_iter()
        .flatten()
        .map(|s| s.value.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A category of data or of data subjects, with its label in the output language.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Label {
    pub id: String,
    /// Capitalised: the label stands on its own.
    pub label: String,
    /// As written (built-in labels start in lower case where German does): inside a list.
    #[serde(skip)]
    pub in_list: String,
    /// A special category under Art. 9(1).
    pub special: bool,
    /// Data on criminal convictions and offences (Art. 10).
    pub criminal: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct BasisFacts {
    /// `consent`, `contract`, … (LANGUAGE.md).
    pub kind: String,
    /// The letter of Art. 6(1).
    pub letter: String,
    pub label: String,
    /// `Art. 6 Abs. 1 lit. a DSGVO` / `Art. 6(1)(a) GDPR`.
    pub citation: String,
    /// `for T`: the part of the processing (purpose or data) that rests on this basis.
    pub covers: Option<String>,
    /// The legitimate interest pursued (Art. 13(1)(d)).
    pub interest: Option<String>,
    /// The documented balancing test (internal; used in the record only).
    pub balancing: Option<String>,
    /// The law that imposes a legal obligation.
    pub law: Option<String>,
    /// The contract the processing is necessary for.
    pub contract: Option<String>,
    /// How consent is obtained and documented (internal; used in the record only).
    pub mechanism: Option<String>,
    /// How consent is withdrawn.
    pub withdrawal: Option<String>,
    /// How parents give or authorise a child's consent (Art. 8(1)).
    pub parental: Option<String>,
}

/// One `retention` of an activity.
#[derive(Clone, Debug, Serialize)]
pub struct RetentionFacts {
    /// The period in words ("10 Jahre") or the criteria as written; `None` for `todo`.
    pub period: Option<String>,
    /// `period` is a duration rather than criteria.
    pub is_period: bool,
    /// The categories of data it is about (all of the activity's when empty).
    pub data: Vec<Label>,
    /// When the period starts ("Ende des Kalenderjahres").
    pub from: Option<String>,
    /// The law that sets it ("§ 147 AO").
    pub law: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SpecialBasisFacts {
    pub kind: String,
    pub letter: String,
    pub label: String,
    /// `Art. 9 Abs. 2 lit. a DSGVO` / `Art. 9(2)(a) GDPR`.
    pub citation: String,
}

/// A recipient that is a declared processor (or joint / independent controller).
#[derive(Clone, Debug, Serialize)]
pub struct RecipientFacts {
    pub id: String,
    pub name: String,
    /// ISO 3166-1 code.
    pub country: Option<String>,
    pub country_name: Option<String>,
    /// `processor`, `subprocessor`, `joint_controller` or `controller`.
    pub role: String,
    pub role_label: String,
    /// For a sub-processor: the processor that engaged it.
    pub via: Option<String>,
    pub service: Option<String>,
    /// The recipient's postal address and contact (CHANGES §1.7: the recipient's card).
    pub address: Option<String>,
    pub contact: Option<String>,
    /// The URL of the recipient's own privacy policy.
    pub privacy_policy: Option<String>,
    /// The URL where people can opt out of the recipient's processing.
    pub opt_out: Option<String>,
    /// The country is outside the EEA.
    pub third_country: bool,
}

/// A transfer to a recipient outside the EEA.
#[derive(Clone, Debug, Serialize)]
pub struct TransferFacts {
    pub recipient_id: String,
    pub recipient: String,
    pub country: String,
    pub country_name: String,
    /// The declared mechanism: `adequacy`, `dpf`, `scc`, `bcr`, `derogation`; `None` when the
    /// record declares none.
    pub mechanism: Option<String>,
    /// The safeguard, as a phrase (`None` when neither declared nor covered by an adequacy
    /// decision).
    pub safeguard: Option<String>,
    /// `Art. 45 DSGVO`, `Art. 46 Abs. 2 lit. c DSGVO`, …
    pub citation: Option<String>,
    /// The adequacy decision, e.g. `Durchführungsbeschluss (EU) 2023/1795 der Kommission`.
    pub decision: Option<String>,
    /// The data subject can obtain a copy of the safeguards from the controller
    /// (standard contractual clauses, binding corporate rules).
    pub copy_on_request: bool,
    pub signed: Option<String>,
    pub document: Option<String>,
    /// For a derogation: the ground of Art. 49(1) as written in the record.
    pub basis: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct JointFacts {
    pub id: String,
    pub name: String,
    /// Whether the record declares an arrangement under Art. 26 (`joint_agreement`).
    pub agreement: bool,
    /// The essence of the arrangement (Art. 26(2)), in paragraphs.
    pub essence: Vec<String>,
    pub signed: Option<String>,
    pub document: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DeviceFacts {
    pub technology: Option<String>,
    pub strictly_necessary: Option<bool>,
    /// `§ 25 Abs. 1 TDDDG` (consent) or `§ 25 Abs. 2 Nr. 2 TDDDG` (strictly necessary).
    pub citation: String,
    /// The cookie table (`cookie "NAME" { … }`), in the order written.
    pub cookies: Vec<CookieFacts>,
}

/// One row of a cookie table, worded in the output language.
#[derive(Clone, Debug, Serialize)]
pub struct CookieFacts {
    pub name: String,
    pub purpose: Option<String>,
    /// "13 Monate", "Sitzung" (`session`) or the text written.
    pub lifetime: Option<String>,
    /// Whether the cookie is deleted when the browser session ends (`lifetime session`).
    pub session: bool,
    /// `first` or `third`.
    pub party: Option<String>,
    /// "Erstanbieter" / "first party", "Drittanbieter" / "third party".
    pub party_label: Option<String>,
    /// The id of the processor that provides the cookie.
    pub provider_id: Option<String>,
    /// Its name.
    pub provider: Option<String>,
}

/// Whether the data subject must provide the data (Art. 13(2)(e)); only for data collected
/// from the data subject.
#[derive(Clone, Debug, Serialize)]
pub struct ProvisionFacts {
    /// `statutory`, `contractual`, `required_for_contract` or `voluntary`.
    pub kind: String,
    /// The consequences of not providing the data, as the record states them.
    pub consequence: Vec<String>,
    /// Whether the record states it (else it follows from the legal basis, CHANGES §1.5).
    pub declared: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct DatedFacts {
    pub done: Option<String>,
    pub document: Option<String>,
}

impl DatedFacts {
    fn from(d: &Dated) -> DatedFacts {
        DatedFacts {
            done: d.done.map(|d| d.to_string()),
            document: clean(&d.document),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AiFacts {
    pub system: Option<String>,
    pub provider: Option<String>,
    pub profiling: bool,
    /// `Some(false)` when the record says explicitly that there is no automated decision.
    pub automated_decision: Option<bool>,
    pub significant_effect: bool,
    pub logic: Vec<String>,
    pub human_review: Vec<String>,
    pub chatbot: bool,
    pub disclosure: Vec<String>,
    pub generates_content: bool,
    pub labelling: Vec<String>,
    pub emotion_recognition: bool,
    pub biometric_categorisation: bool,
    pub anonymized: bool,
    pub bias_review: Option<DatedFacts>,
    /// The Annex III area of a high-risk system (`use`), worded with its point: "Annex III point
    /// 5(b) AI Act, creditworthiness assessment"; `None` for `use other` or none.
    pub high_risk: Option<String>,
    /// `trains_on_personal_data true`: the data also trains AI models (further processing).
    pub trains_on_personal_data: bool,
    /// Why that further processing is compatible (Art. 6(4)), as the record states it.
    pub compatibility: Vec<String>,
}

/// Everything about one activity, worded in the output language.
#[derive(Clone, Debug, Serialize)]
pub struct ActivityFacts {
    pub id: String,
    pub title: String,
    pub purpose: Vec<String>,
    pub subjects: Vec<Label>,
    pub categories: Vec<Label>,
    /// The first legal basis (the only one in most records); all of them in `legal_bases`.
    pub legal_basis: Option<BasisFacts>,
    /// Every legal basis, each with the part of the processing it covers (`covers`).
    pub legal_bases: Vec<BasisFacts>,
    /// The first Art. 9(2) ground; all of them in `special_bases`.
    pub special_basis: Option<SpecialBasisFacts>,
    pub special_bases: Vec<SpecialBasisFacts>,
    pub recipients: Vec<RecipientFacts>,
    /// Recipients named in `recipients` (not declared processors).
    pub other_recipients: Vec<String>,
    pub transfers: Vec<TransferFacts>,
    pub joint_controllers: Vec<JointFacts>,
    /// The first part's period or criteria, in words; every part in `retention_parts`.
    pub retention: Option<String>,
    /// The retention is a period (`90 days`) rather than a description.
    pub retention_is_period: bool,
    /// Every `retention`, in order: period or criteria, data, start, law.
    pub retention_parts: Vec<RetentionFacts>,
    /// `direct` (Art. 13) or `indirect` (Art. 14).
    pub collection: String,
    pub source: Vec<String>,
    /// Art. 13(2)(e); `None` for indirect collection and when neither the record nor the
    /// legal basis says.
    pub provision: Option<ProvisionFacts>,
    /// `direct_marketing`: people may object at any time without giving reasons (Art. 21(2)).
    pub direct_marketing: bool,
    /// The activity evaluates personal aspects of people (Art. 4(4)), with or without AI.
    pub profiling: bool,
    pub device_access: Option<DeviceFacts>,
    pub ai: Option<AiFacts>,
    pub notice: Vec<String>,
    pub security: Option<String>,
    pub dpia: Option<DatedFacts>,
    /// The department or person responsible (`owner`; record only).
    pub owner: Option<String>,
    /// The IT systems used (`systems`; record only).
    pub systems: Vec<String>,
    /// Departments that receive the data (`internal_recipients`; record only).
    pub internal_recipients: Vec<String>,
}

impl ActivityFacts {
    /// Only what a privacy policy publishes: without the internal documentation (balancing
    /// test, how consent is recorded, TOMs, DPIA, bias review, contract documents and dates).
    pub fn public(&self) -> ActivityFacts {
        let mut a = self.clone();
        for b in a.legal_basis.iter_mut().chain(a.legal_bases.iter_mut()) {
            b.balancing = None;
            b.mechanism = None;
        }
        a.security = None;
        a.dpia = None;
        // Internal organisation; departments of the controller are not other bodies to whom
        // data are disclosed (Art. 4(9), 13(1)(e)), so the policy does not name them.
        a.owner = None;
        a.systems.clear();
        a.internal_recipients.clear();
        if let Some(ai) = &mut a.ai {
            ai.bias_review = None;
        }
        for t in &mut a.transfers {
            t.signed = None;
            t.document = None;
        }
        for j in &mut a.joint_controllers {
            j.signed = None;
            j.document = None;
        }
        a
    }

    pub fn indirect(&self) -> bool {
        self.collection == "indirect"
    }

    /// The kind of the first legal basis.
    pub fn basis_kind(&self) -> Option<&str> {
        self.legal_basis.as_ref().map(|b| b.kind.as_str())
    }

    /// Whether one of the legal bases is `kind` (`consent`, `contract`, …).
    pub fn rests_on(&self, kind: &str) -> bool {
        self.legal_bases.iter().any(|b| b.kind == kind)
    }

    /// Every legal basis is `kind` (and there is one).
    pub fn rests_only_on(&self, kind: &str) -> bool {
        !self.legal_bases.is_empty() && self.legal_bases.iter().all(|b| b.kind == kind)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ContactFacts {
    pub name: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl ContactFacts {
    pub(crate) fn from(c: &Contact) -> ContactFacts {
        ContactFacts {
            name: clean(&c.name),
            address: clean(&c.address),
            email: clean(&c.email),
            phone: clean(&c.phone),
        }
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct ControllerFacts {
    pub name: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub representative: Option<ContactFacts>,
    pub dpo: Option<ContactFacts>,
    /// The supervisory authority's name, in the output language for a built-in one.
    pub supervisory_authority: Option<String>,
    /// The postal address of a built-in authority ("Prinzenstraße 5, 30159 Hannover"); `None`
    /// for a name written as a string or a built-in one whose address is unconfirmed.
    pub supervisory_authority_address: Option<String>,
    /// The ISO 3166-1 code of the country of establishment, when the record states it.
    pub country: Option<String>,
    pub country_name: Option<String>,
    /// The managing directors (legal representatives), in the order written.
    pub managing_directors: Vec<String>,
    /// The register entry ("Amtsgericht Charlottenburg, HRB 12345").
    pub register: Option<String>,
    /// The URL of the imprint.
    pub imprint: Option<String>,
    /// Persons regularly processing personal data by automated means (§ 38(1) BDSG). Record
    /// only: `none` in the policy.
    pub employees_processing: Option<u64>,
    /// The general technical and organisational measures (Art. 30(1)(g), 32), in paragraphs.
    /// Record only: empty in the policy.
    pub security: Vec<String>,
}

impl ControllerFacts {
    /// The supervisory authority with its postal address when known: "Name, Straße 1, 12345 Ort".
    pub fn authority_line(&self) -> Option<String> {
        let name = self.supervisory_authority.clone()?;
        Some(match &self.supervisory_authority_address {
            Some(address) => format!("{name}, {address}"),
            None => name,
        })
    }

    /// Only what a privacy policy publishes: without the internal documentation (the TOMs, the
    /// head count of § 38 BDSG).
    pub fn public(&self) -> ControllerFacts {
        ControllerFacts {
            employees_processing: None,
            security: Vec::new(),
            ..self.clone()
        }
    }
}

/// The controller's facts in `lang` (texts such as `security` in that language, else the first).
pub fn controller_in(reader: &Reader<'_>) -> Option<ControllerFacts> {
    reader.ws.controller().map(|c| {
        let country = c.country.as_ref().and_then(|k| k.get()).cloned();
        ControllerFacts {
            name: clean(&c.name),
            address: clean(&c.address),
            email: clean(&c.email),
            phone: clean(&c.phone),
            website: clean(&c.website),
            representative: c.representative.as_ref().map(ContactFacts::from),
            dpo: c.dpo.as_ref().map(ContactFacts::from),
            supervisory_authority: clean(
                &c.supervisory_authority
                    .as_ref()
                    .map(|a| a.name(reader.lang == Lang::De).to_string()),
            ),
            supervisory_authority_address: c
                .supervisory_authority
                .as_ref()
                .and_then(|a| a.address()),
            country_name: country
                .as_deref()
                .map(|code| countries::name(code, reader.lang)),
            country,
            managing_directors: c
                .managing_directors
                .iter()
                .flatten()
                .map(|d| d.value.trim())
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .collect(),
            register: clean(&c.register),
            imprint: clean(&c.imprint),
            employees_processing: c
                .employees_processing
                .as_ref()
                .and_then(|e| e.get().copied()),
            security: c
                .security
                .as_ref()
                .map(|t| reader.paragraphs(t))
                .unwrap_or_default(),
        }
    })
}

/// A processor as the record's processors table lists it.
#[derive(Clone, Debug, Serialize)]
pub struct ProcessorFacts {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub role: String,
    pub role_label: String,
    pub service: Option<String>,
    pub address: Option<String>,
    pub contact: Option<String>,
    /// The URL of the recipient's own privacy policy.
    pub privacy_policy: Option<String>,
    /// The URL where people can opt out of the recipient's processing.
    pub opt_out: Option<String>,
    /// `avv` (Art. 28(3)) or `joint_agreement` (Art. 26); `None` when the record has neither.
    pub agreement: Option<String>,
    pub signed: Option<String>,
    /// The day an AVV was accepted online (`avv { accepted DATE }`).
    pub accepted: Option<String>,
    pub expires: Option<String>,
    pub document: Option<String>,
    pub subprocessors: Vec<String>,
    pub transfer: Option<TransferFacts>,
    pub certifications: Vec<String>,
    /// Ids of the activities that use it (directly, as a sub-processor or as AI provider).
    pub activities: Vec<String>,
}

/// An appropriate safeguard of Art. 46 named in a sentence, without its citation (the one wording,
/// on the model).
fn safeguard_phrase(lang: Lang, m: Mechanism) -> &'static str {
    m.name(lang == Lang::De)
}

fn processor_name(p: &Processor) -> String {
    clean(&p.name).unwrap_or_else(|| p.header.id().to_string())
}

fn role_keyword(role: Role) -> &'static str {
    match role {
        Role::Processor => "processor",
        Role::JointController => "joint_controller",
        Role::Controller => "controller",
    }
}

pub fn role_label(lang: Lang, role: &str) -> &'static str {
    match role {
        "subprocessor" => lang.t("Unterauftragsverarbeiter", "sub-processor"),
        "joint_controller" => lang.t("gemeinsam Verantwortlicher", "joint controller"),
        "controller" => lang.t("eigenständiger Verantwortlicher", "independent controller"),
        _ => lang.t("Auftragsverarbeiter", "processor"),
    }
}

impl Reader<'_> {
    fn label_of_category(&self, r: &Reference) -> Option<Label> {
        let Some(Target::Category(c)) = r.target else {
            return None;
        };
        Some(match c {
            CategoryRef::Builtin(b) => Label {
                id: b.id.to_string(),
                label: capitalized(self.lang.t(b.de, b.en)),
                in_list: self.lang.t(b.de, b.en).to_string(),
                special: b.special,
                criminal: b.criminal,
            },
            CategoryRef::Declared(d) => {
                let def = self.ws.category(d);
                let written = self
                    .opt_text(def.label.as_ref())
                    .unwrap_or_else(|| def.header.id().to_string());
                Label {
                    id: def.header.id().to_string(),
                    label: capitalized(&written),
                    in_list: written,
                    special: def.special,
                    criminal: def.criminal,
                }
            }
        })
    }

    fn label_of_subject(&self, r: &Reference) -> Option<Label> {
        let Some(Target::Subject(s)) = r.target else {
            return None;
        };
        Some(match s {
            SubjectRef::Builtin(b) => Label {
                id: b.id.to_string(),
                label: capitalized(self.lang.t(b.de, b.en)),
                in_list: self.lang.t(b.de, b.en).to_string(),
                special: false,
                criminal: false,
            },
            SubjectRef::Declared(d) => {
                let def = self.ws.subject(d);
                let written = self
                    .opt_text(def.label.as_ref())
                    .unwrap_or_else(|| def.header.id().to_string());
                Label {
                    id: def.header.id().to_string(),
                    label: capitalized(&written),
                    in_list: written,
                    special: false,
                    criminal: false,
                }
            }
        })
    }

    /// The recipients of an activity: its processors in order, each followed by its
    /// sub-processors (depth first), then the AI provider if it is not among them.
    fn recipients(&self, a: &Activity) -> Vec<(Id<Processor>, Option<Id<Processor>>)> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let direct = a.processors.iter().flatten();
        let provider = a.ai.as_ref().and_then(|ai| ai.provider.as_ref());
        for r in direct.chain(provider) {
            if let Some(Target::Processor(p)) = r.target {
                self.walk(p, None, &mut seen, &mut out);
            }
        }
        out
    }

    fn walk(
        &self,
        p: Id<Processor>,
        via: Option<Id<Processor>>,
        seen: &mut HashSet<Id<Processor>>,
        out: &mut Vec<(Id<Processor>, Option<Id<Processor>>)>,
    ) {
        if !seen.insert(p) {
            return;
        }
        out.push((p, via));
        for s in &self.ws.processor(p).subprocessors {
            if let Some(Target::Processor(sp)) = s.target {
                self.walk(sp, Some(p), seen, out);
            }
        }
    }

    pub fn transfer(&self, p: &Processor) -> Option<TransferFacts> {
        self.transfer_to(
            p.header.id(),
            processor_name(p),
            p.country.as_ref(),
            p.transfer.as_ref(),
        )
    }

    /// The transfer to the recipient `id` named `name` in `country` under `transfer`, when the
    /// country is outside the EEA (a processor, or a client of the processor's record).
    pub fn transfer_to(
        &self,
        id: &str,
        name: String,
        country: Option<&Keyed<String>>,
        transfer: Option<&Transfer>,
    ) -> Option<TransferFacts> {
        let lang = self.lang;
        let country = country.and_then(|c| c.get())?.clone();
        if geo::is_eea(&country) {
            return None;
        }
        let mechanism = transfer.and_then(|t| t.mechanism.as_ref()).map(|m| m.value);
        let adequacy = geo::adequacy(&country);
        // The act as the adequacy table cites it: a decision under Directive 95/46/EC with
        // "fortgeltend nach Art. 45 Abs. 9 DSGVO" (P10), which then stands for Art. 45.
        let decision = |a: &geo::Adequacy| -> String { a.citation(lang == Lang::De) };
        let pre_gdpr = adequacy.is_some_and(|a| a.decision.pre_gdpr);
        let adequacy_phrase = |dec: Option<&str>| -> String {
            let what = lang.t(
                "Angemessenheitsbeschluss der Europäischen Kommission",
                "adequacy decision of the European Commission",
            );
            match dec {
                Some(d) if pre_gdpr => format!("{what} ({d})"),
                Some(d) => format!("{what} ({d}; {})", lang.art(45, None, None)),
                None => format!("{what} ({})", lang.art(45, None, None)),
            }
        };
        let dpf_phrase = |dec: Option<&str>| -> String {
            let dec = dec.map(|d| format!("{d}; ")).unwrap_or_default();
            match lang {
                Lang::De => format!(
                    "zertifiziert nach dem EU-US Data Privacy Framework, für das ein Angemessenheitsbeschluss der Europäischen Kommission besteht ({dec}{})",
                    lang.art(45, None, None)
                ),
                Lang::En => format!(
                    "certified under the EU-US Data Privacy Framework, for which the European Commission has adopted an adequacy decision ({dec}{})",
                    lang.art(45, None, None)
                ),
            }
        };
        let adequate = |a: &geo::Adequacy| {
            let d = decision(a);
            (
                Some(adequacy_phrase(Some(&d))),
                Some(lang.mechanism_citation(Mechanism::Adequacy)),
                Some(d),
                false,
            )
        };
        // The one judgement of the transfer (shared with the rule and the language server):
        // nothing is claimed where it finds no valid ground (W6).
        let (safeguard, citation, dec, copy) = match transfer::judge(&country, mechanism, None) {
            Safeguard::NoTransfer | Safeguard::Lacking(_) => (None, None, None, false),
            Safeguard::Adequacy(a) => adequate(a),
            Safeguard::Dpf => {
                let d = geo::adequacy("US").map(decision);
                (
                    Some(dpf_phrase(d.as_deref())),
                    Some(lang.mechanism_citation(Mechanism::Dpf)),
                    d,
                    false,
                )
            }
            Safeguard::Appropriate(m) => {
                let citation = lang.mechanism_citation(m);
                (
                    Some(format!("{} ({citation})", safeguard_phrase(lang, m))),
                    Some(citation),
                    None,
                    // Art. 13(1)(f): the means to obtain a copy of the safeguards.
                    true,
                )
            }
            Safeguard::Derogation => {
                let basis = transfer.and_then(|t| clean(&t.basis));
                let mut s = format!(
                    "{} ({})",
                    lang.t(
                        "Ausnahme für bestimmte Fälle",
                        "derogation for specific situations"
                    ),
                    lang.mechanism_citation(Mechanism::Derogation)
                );
                if let Some(b) = basis {
                    s.push_str(": ");
                    s.push_str(&b);
                }
                (
                    Some(s),
                    Some(lang.mechanism_citation(Mechanism::Derogation)),
                    None,
                    false,
                )
            }
        };
        Some(TransferFacts {
            recipient_id: id.to_string(),
            recipient: name,
            country_name: countries::name(&country, lang),
            country,
            mechanism: mechanism.map(|m| m.keyword().to_string()),
            safeguard,
            citation,
            decision: dec,
            copy_on_request: copy,
            signed: transfer.and_then(|t| t.signed).map(|d| d.to_string()),
            document: transfer.and_then(|t| clean(&t.document)),
            basis: transfer.and_then(|t| clean(&t.basis)),
        })
    }

    /// A processor as the recipient of an activity (not engaged by another processor).
    fn recipient(&self, p: &Processor) -> RecipientFacts {
        let lang = self.lang;
        let country = p.country.as_ref().and_then(|c| c.get()).cloned();
        let role = role_keyword(p.role);
        RecipientFacts {
            id: p.header.id().to_string(),
            name: processor_name(p),
            country_name: country.as_deref().map(|c| countries::name(c, lang)),
            third_country: country.as_deref().is_some_and(|c| !geo::is_eea(c)),
            country,
            role: role.to_string(),
            role_label: role_label(lang, role).to_string(),
            via: None,
            service: self.opt_text(p.service.as_ref()),
            address: clean(&p.address),
            contact: clean(&p.contact),
            privacy_policy: clean(&p.privacy_policy),
            opt_out: clean(&p.opt_out),
        }
    }

    /// What the facts of activities say about each processor, worked out once for all of them
    /// (a processor serves many activities).
    fn processor_words(&self) -> ProcessorWords {
        let processors: Vec<(Id<Processor>, &Processor)> = self.ws.processors().collect();
        processors
            .par_iter()
            .map(|&(r, p)| (r, (self.recipient(p), self.transfer(p))))
            .collect()
    }

    pub fn activity(&self, a: &Activity) -> ActivityFacts {
        self.activity_with(a, None)
    }

    fn activity_with(&self, a: &Activity, words: Option<&ProcessorWords>) -> ActivityFacts {
        let lang = self.lang;
        let id = a.header.id().to_string();
        let title = self
            .opt_text(a.title.as_ref())
            .unwrap_or_else(|| id.clone());
        let subjects = a
            .subjects
            .iter()
            .flatten()
            .filter_map(|r| self.label_of_subject(r))
            .collect();
        let categories = a
            .data
            .iter()
            .flatten()
            .filter_map(|r| self.label_of_category(r))
            .collect();
        let legal_bases: Vec<BasisFacts> = a
            .legal_bases
            .iter()
            .filter_map(|b| {
                let kind = b.kind.as_ref()?.value;
                Some(BasisFacts {
                    kind: kind.keyword().to_string(),
                    letter: kind.letter().to_string(),
                    label: lang.basis_label(kind).to_string(),
                    citation: lang.basis_citation(kind),
                    covers: self.opt_text(b.covers.as_ref()),
                    interest: self.opt_text(b.interest.as_ref()),
                    balancing: self.opt_text(b.balancing.as_ref()),
                    law: self.opt_text(b.law.as_ref()),
                    contract: self.opt_text(b.contract.as_ref()),
                    mechanism: self.opt_text(b.mechanism.as_ref()),
                    withdrawal: self.opt_text(b.withdrawal.as_ref()),
                    parental: self.opt_text(b.parental.as_ref()),
                })
            })
            .collect();
        let legal_basis = legal_bases.first().cloned();
        let special_bases: Vec<SpecialBasisFacts> = a
            .special_grounds()
            .filter_map(|k| {
                let (letter, label) = lang.special_basis(k)?;
                Some(SpecialBasisFacts {
                    kind: k.to_string(),
                    letter: letter.to_string(),
                    label: label.to_string(),
                    citation: lang.art(9, Some(2), Some(letter)),
                })
            })
            .collect();
        let special_basis = special_bases.first().cloned();
        let mut recipients = Vec::new();
        let mut transfers = Vec::new();
        let mut joint_controllers = Vec::new();
        for (r, via) in self.recipients(a) {
            let p = self.ws.processor(r);
            let (mut recipient, transfer) = match words.and_then(|w| w.get(&r)) {
                Some((recipient, transfer)) => (recipient.clone(), transfer.clone()),
                None => (self.recipient(p), self.transfer(p)),
            };
            if let Some(v) = via {
                // A processor engaged by one of our processors is a sub-processor; one engaged by
                // a controller is that controller's processor, not ours (P17).
                let via_processor = self.ws.processor(v).role == Role::Processor;
                if p.role == Role::Processor && via_processor {
                    recipient.role = "subprocessor".to_string();
                    recipient.role_label = role_label(lang, "subprocessor").to_string();
                }
                recipient.via = Some(processor_name(self.ws.processor(v)));
            }
            recipients.push(recipient);
            if let Some(t) = transfer {
                transfers.push(t);
            }
            if p.role == Role::JointController {
                let agreement = p.joint_agreement.as_ref();
                joint_controllers.push(JointFacts {
                    id: p.header.id().to_string(),
                    name: processor_name(p),
                    agreement: agreement.is_some(),
                    essence: self.opt_paragraphs(agreement.and_then(|j| j.essence.as_ref())),
                    signed: agreement.and_then(|j| j.signed).map(|d| d.to_string()),
                    document: agreement.and_then(|j| clean(&j.document)),
                });
            }
        }
        let period = |r: &Retention| match r {
            Retention::Duration { amount, unit } => lang.duration(*amount, *unit),
            Retention::Text(t) => self.paragraphs(t).join(" "),
        };
        let retention = a.retention.first().and_then(|r| r.get()).map(period);
        let retention_parts = a
            .retention
            .iter()
            .map(|r| RetentionFacts {
                period: r.get().map(period),
                is_period: matches!(r.get(), Some(Retention::Duration { .. })),
                data: r
                    .data
                    .iter()
                    .flatten()
                    .filter_map(|d| self.label_of_category(d))
                    .collect(),
                from: self.opt_text(r.from.as_ref()),
                law: self.opt_text(r.law.as_ref()),
            })
            .collect();
        let device_access = a.device_access.as_ref().map(|d| DeviceFacts {
            technology: self.opt_text(d.technology.as_ref()),
            strictly_necessary: d.strictly_necessary,
            citation: if d.strictly_necessary == Some(true) {
                lang.tdddg(2, Some(2))
            } else {
                lang.tdddg(1, None)
            },
            cookies: d.cookies.iter().filter_map(|c| self.cookie(c)).collect(),
        });
        let ai = a.ai.as_ref().map(|ai| {
            let provider = ai.provider.as_ref().and_then(|r| match r.target {
                Some(Target::Processor(p)) => Some(processor_name(self.ws.processor(p))),
                _ => None,
            });
            AiFacts {
                system: self.opt_text(ai.system.as_ref()),
                provider,
                profiling: ropa_analysis::model::flag(&ai.profiling),
                automated_decision: ai
                    .automated_decision
                    .as_ref()
                    .and_then(|k| k.get())
                    .copied(),
                significant_effect: ropa_analysis::model::flag(&ai.significant_effect),
                logic: self.opt_paragraphs(ai.logic.as_ref()),
                human_review: self.opt_paragraphs(ai.human_review.as_ref()),
                chatbot: ropa_analysis::model::flag(&ai.chatbot),
                disclosure: self.opt_paragraphs(ai.disclosure.as_ref()),
                generates_content: ropa_analysis::model::flag(&ai.generates_content),
                labelling: self.opt_paragraphs(ai.labelling.as_ref()),
                emotion_recognition: ropa_analysis::model::flag(&ai.emotion_recognition),
                biometric_categorisation: ropa_analysis::model::flag(&ai.biometric_categorisation),
                anonymized: ropa_analysis::model::flag(&ai.anonymized),
                bias_review: ai.bias_review.as_ref().map(DatedFacts::from),
                high_risk: ai
                    .use_area
                    .as_ref()
                    .and_then(|u| u.get())
                    .and_then(|area| ropa_analysis::ai_act::annex_iii(area))
                    .map(|area| area.citation(self.lang == Lang::De)),
                trains_on_personal_data: ropa_analysis::model::flag(&ai.trains_on_personal_data),
                compatibility: self.opt_paragraphs(ai.compatibility.as_ref()),
            }
        });
        // Art. 14 has no counterpart of Art. 13(2)(e); `Activity::provision` knows.
        let provision = a.provision().map(|p| ProvisionFacts {
            kind: p.kind.keyword().to_string(),
            consequence: a
                .provision
                .as_ref()
                .map(|d| self.opt_paragraphs(d.consequence.as_ref()))
                .unwrap_or_default(),
            declared: p.declared,
        });
        ActivityFacts {
            id,
            title,
            purpose: self.opt_paragraphs(a.purpose.as_ref()),
            subjects,
            categories,
            legal_basis,
            legal_bases,
            special_basis,
            special_bases,
            recipients,
            other_recipients: a
                .recipients
                .iter()
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect(),
            transfers,
            joint_controllers,
            retention_is_period: matches!(
                a.retention.first().and_then(|r| r.get()),
                Some(Retention::Duration { .. })
            ),
            retention,
            retention_parts,
            collection: if a.is_indirect() {
                "indirect"
            } else {
                "direct"
            }
            .to_string(),
            source: self.opt_paragraphs(a.source.as_ref()),
            provision,
            direct_marketing: a.is_direct_marketing(),
            profiling: a.profiles(),
            device_access,
            ai,
            notice: self.opt_paragraphs(a.notice.as_ref().and_then(|n| n.get())),
            security: self.opt_text(a.security.as_ref()),
            dpia: a.dpia.as_ref().map(DatedFacts::from),
            owner: self.opt_text(a.owner.as_ref()),
            systems: strings(a.systems.as_deref()),
            internal_recipients: strings(a.internal_recipients.as_deref()),
        }
    }

    /// A cookie of the table; one without a name is left out (`ropa check` reports it).
    fn cookie(&self, c: &Cookie) -> Option<CookieFacts> {
        let lang = self.lang;
        let name = c.name.as_ref()?.value.trim().to_string();
        let provider = c.provider.as_ref().and_then(|r| match r.target {
            Some(Target::Processor(p)) => Some(self.ws.processor(p)),
            _ => None,
        });
        let lifetime = c.lifetime.as_ref().map(|l| &l.value);
        let party = c.party.as_ref().and_then(|p| p.get()).cloned();
        Some(CookieFacts {
            name,
            purpose: self.opt_text(c.purpose.as_ref()),
            lifetime: lifetime.and_then(|l| match l {
                Lifetime::Session => Some(
                    lang.t(
                        "Sitzung (bis zum Schließen des Browsers)",
                        "session (until the browser is closed)",
                    )
                    .to_string(),
                ),
                Lifetime::Duration { amount, unit } => Some(lang.duration(*amount, *unit)),
                Lifetime::Text(t) => self.text(t),
            }),
            session: matches!(lifetime, Some(Lifetime::Session)),
            party_label: party.as_deref().map(|p| match p {
                "first" => lang.t("Erstanbieter", "first party").to_string(),
                _ => lang.t("Drittanbieter", "third party").to_string(),
            }),
            party,
            provider_id: provider.map(|p| p.header.id().to_string()),
            provider: provider.map(processor_name),
        })
    }

    /// Every activity in workspace order (files by path, items by position).
    /// The facts of every activity, in workspace order (read on all cores). An activity that
    /// processes no personal data (`data []`) is neither in the privacy policy nor in the Art. 30
    /// record: neither is about it.
    pub fn activities(&self) -> Vec<ActivityFacts> {
        let mut activities: Vec<&Activity> = (self.ws.activities())
            .map(|(_, a)| a)
            .filter(|a| a.processes_personal_data())
            .collect();
        if !self.order.is_empty() {
            // Stable: the activities `order` does not name keep their workspace order.
            let rank = |a: &&Activity| {
                let id = a.header.id();
                (self.order.iter().position(|o| o == id)).unwrap_or(self.order.len())
            };
            activities.sort_by_key(rank);
        }
        let words = self.processor_words();
        activities
            .par_iter()
            .map(|a| self.activity_with(a, Some(&words)))
            .collect()
    }

    pub fn processors(&self, activities: &[ActivityFacts]) -> Vec<ProcessorFacts> {
        let lang = self.lang;
        // The activities each recipient serves, in order, found in one pass (a pass over all
        // activities per processor took 0.3 s at 10,000 activities). An activity that names a
        // recipient twice is listed once.
        let mut served: HashMap<&str, Vec<&ActivityFacts>> = HashMap::new();
        for a in activities {
            for r in &a.recipients {
                let list = served.entry(r.id.as_str()).or_default();
                if !list.last().is_some_and(|last| std::ptr::eq(*last, a)) {
                    list.push(a);
                }
            }
        }
        self.ws
            .processors()
            .map(|(_, p)| {
                let id = p.header.id().to_string();
                let role = role_keyword(p.role);
                let agreement = match p.role {
                    Role::JointController => {
                        p.joint_agreement.as_ref().map(|a| ("joint_agreement", a))
                    }
                    _ => p.avv.as_ref().map(|a| ("avv", a)),
                };
                let country = p.country.as_ref().and_then(|c| c.get()).cloned();
                ProcessorFacts {
                    name: processor_name(p),
                    country_name: country.as_deref().map(|c| countries::name(c, lang)),
                    country,
                    role: role.to_string(),
                    role_label: role_label(lang, role).to_string(),
                    service: self.opt_text(p.service.as_ref()),
                    address: clean(&p.address),
                    contact: clean(&p.contact),
                    privacy_policy: clean(&p.privacy_policy),
                    opt_out: clean(&p.opt_out),
                    agreement: agreement.map(|(k, _)| k.to_string()),
                    signed: agreement.and_then(|(_, a)| a.signed).map(|d| d.to_string()),
                    accepted: agreement
                        .and_then(|(_, a)| a.accepted)
                        .map(|d| d.to_string()),
                    expires: agreement
                        .and_then(|(_, a)| a.expires.as_ref())
                        .map(|d| d.value.to_string()),
                    document: agreement.and_then(|(_, a)| clean(&a.document)),
                    subprocessors: p
                        .subprocessors
                        .iter()
                        .filter_map(|s| match s.target {
                            Some(Target::Processor(sp)) => {
                                Some(processor_name(self.ws.processor(sp)))
                            }
                            _ => None,
                        })
                        .collect(),
                    transfer: self.transfer(p),
                    certifications: p
                        .certifications
                        .iter()
                        .flatten()
                        .map(|c| c.value.clone())
                        .collect(),
                    activities: served
                        .get(id.as_str())
                        .into_iter()
                        .flatten()
                        .map(|a| a.id.clone())
                        .collect(),
                    id,
                }
            })
            .collect()
    }
}
