//! The schema of LANGUAGE.md as data: which keys each block takes, which values they accept, and
//! which are required. Lowering validates against it; the language server reads it for
//! completion and hover.

use ropa_syntax::ItemKind;

/// What a key accepts.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// A plain string.
    String,
    /// Text `T`: a string, a text block, or a language block `{ de "…" en "…" }`.
    Text,
    Date,
    Bool,
    /// A whole number (`employees_processing 25`).
    Integer,
    /// A duration (`logs 6 months`).
    Duration,
    /// An ISO 3166-1 alpha-2 code written as an identifier.
    Country,
    /// A string, or the id of a built-in German supervisory authority
    /// (`crate::authorities`).
    StringOrAuthority,
    /// One of the keywords.
    Keyword(&'static [&'static str]),
    /// One of the keywords, optionally followed by a block whose schema depends on the keyword.
    KeywordBlock(&'static [(&'static str, Option<&'static BlockSchema>)]),
    /// One of the keywords, or a list of them (`special_basis`).
    Keywords(&'static [&'static str]),
    /// A duration or a text, optionally followed by a block of parts (`retention 10 years
    /// { data … from … law … }`); written as a block alone, the block holds the text's languages
    /// beside the parts.
    DurationOrText(&'static BlockSchema),
    /// A reference to an item of this kind.
    Ref(ItemKind),
    /// A list of references to items of this kind.
    RefList(ItemKind),
    /// A list of identifiers (`certifications`).
    IdentList,
    /// A list of strings (`recipients`).
    StringList,
    /// A nested block.
    Block(&'static BlockSchema),
    /// A string naming the thing, followed by a block about it (`cookie "_ga" { … }`).
    NamedBlock(&'static BlockSchema),
    /// A duration (`13 months`), one of the keywords (`session`), or a text (`"1 Minute"`).
    DurationKeywordOrText(&'static [&'static str]),
}

/// One key of a block.
#[derive(Clone, Copy, Debug)]
pub struct KeySpec {
    pub key: &'static str,
    pub shape: Shape,
    /// Reported as `missing-field` when absent. Keys that have their own rule (`legal_basis`,
    /// `retention`, `notice`, …) are not marked required here.
    pub required: bool,
    /// May be written more than once in its block (each occurrence stands on its own; no
    /// `duplicate-field`).
    pub repeatable: bool,
    pub en: &'static str,
    pub de: &'static str,
    /// The legal reference that explains the key, if any.
    pub reference: &'static str,
}

#[derive(Debug)]
pub struct BlockSchema {
    /// How the block is named in messages (`activity`, `avv`, `ai`).
    pub name: &'static str,
    pub keys: &'static [KeySpec],
}

impl BlockSchema {
    pub fn key(&self, key: &str) -> Option<&'static KeySpec> {
        self.keys.iter().find(|k| k.key == key)
    }

    /// The keywords (with their blocks) that `key`, a `KEYWORD { … }` key, takes; none for any
    /// other key.
    pub fn keyword_options(
        &self,
        key: &str,
    ) -> &'static [(&'static str, Option<&'static BlockSchema>)] {
        match self.key(key).map(|k| k.shape) {
            Some(Shape::KeywordBlock(options)) => options,
            _ => &[],
        }
    }
}

const fn key(
    key: &'static str,
    shape: Shape,
    en: &'static str,
    de: &'static str,
    reference: &'static str,
) -> KeySpec {
    KeySpec {
        key,
        shape,
        required: false,
        repeatable: false,
        en,
        de,
        reference,
    }
}

const fn req(
    key: &'static str,
    shape: Shape,
    en: &'static str,
    de: &'static str,
    reference: &'static str,
) -> KeySpec {
    KeySpec {
        key,
        shape,
        required: true,
        repeatable: false,
        en,
        de,
        reference,
    }
}

impl KeySpec {
    /// The same key, repeatable.
    const fn repeatable(self) -> Self {
        KeySpec {
            repeatable: true,
            ..self
        }
    }
}

/// The placeholder accepted as the value of any key: the value is not decided yet
/// (CHANGES-2026-12 §1.12; reported by `unfinished-value`).
pub const TODO: &str = "todo";

pub const LEGAL_BASES: &[&str] = &[
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interest",
];

pub const SPECIAL_BASES: &[&str] = &[
    "explicit_consent",
    "employment",
    "vital_interests",
    "non_profit",
    "made_public",
    "legal_claims",
    "substantial_public_interest",
    "health_care",
    "public_health",
    "research",
];

pub const TRANSFER_MECHANISMS: &[&str] = &[
    "adequacy",
    "dpf",
    "scc",
    "bcr",
    "code_of_conduct",
    "certification",
    "ad_hoc",
    "derogation",
];
pub const ROLES: &[&str] = &["processor", "joint_controller", "controller"];

pub static CONTACT: BlockSchema = BlockSchema {
    name: "representative",
    keys: &[
        req(
            "name",
            Shape::String,
            "Name of the representative.",
            "Name des Vertreters.",
            "Art. 27 GDPR",
        ),
        req(
            "address",
            Shape::String,
            "Postal address.",
            "Postanschrift.",
            "Art. 27 GDPR",
        ),
        req(
            "email",
            Shape::String,
            "E-mail address.",
            "E-Mail-Adresse.",
            "Art. 27 GDPR",
        ),
    ],
};

pub static DPO: BlockSchema = BlockSchema {
    name: "dpo",
    keys: &[
        key(
            "name",
            Shape::String,
            "Name of the data protection officer (optional: the contact details must be published, the name need not be).",
            "Name der/des Datenschutzbeauftragten (optional: zu veröffentlichen sind die Kontaktdaten, nicht der Name).",
            "Art. 37(7) GDPR",
        ),
        key(
            "email",
            Shape::String,
            "E-mail address of the DPO, published in the privacy notice.",
            "E-Mail-Adresse der/des DSB, wird in der Datenschutzerklärung veröffentlicht.",
            "Art. 13(1)(b), 37(7) GDPR",
        ),
        key(
            "phone",
            Shape::String,
            "Phone number of the DPO.",
            "Telefonnummer der/des DSB.",
            "Art. 13(1)(b), 37(7) GDPR",
        ),
        key(
            "address",
            Shape::String,
            "Postal address of the DPO.",
            "Postanschrift der/des DSB.",
            "Art. 13(1)(b), 37(7) GDPR",
        ),
    ],
};

/// `ai_literacy { measures T  updated DATE }` (AI Act Art. 4).
pub static AI_LITERACY: BlockSchema = BlockSchema {
    name: "ai_literacy",
    keys: &[
        req(
            "measures",
            Shape::Text,
            "What staff who operate AI systems are taught and given (training, guidelines, contacts).",
            "Was Beschäftigte, die KI-Systeme bedienen, an Schulung, Richtlinien und Ansprechpersonen erhalten.",
            "Art. 4 AI Act",
        ),
        key(
            "updated",
            Shape::Date,
            "When the measures were last reviewed.",
            "Wann die Maßnahmen zuletzt überprüft wurden.",
            "Art. 4 AI Act",
        ),
    ],
};

pub static CONTROLLER: BlockSchema = BlockSchema {
    name: "controller",
    keys: &[
        req(
            "name",
            Shape::String,
            "Legal name of the controller.",
            "Name des Verantwortlichen.",
            "Art. 13(1)(a), 30(1)(a) GDPR",
        ),
        req(
            "address",
            Shape::String,
            "Postal address of the controller.",
            "Anschrift des Verantwortlichen.",
            "Art. 13(1)(a) GDPR",
        ),
        req(
            "email",
            Shape::String,
            "Contact e-mail address for data protection matters.",
            "Kontakt-E-Mail-Adresse für Datenschutzanliegen.",
            "Art. 13(1)(a) GDPR",
        ),
        key(
            "phone",
            Shape::String,
            "Phone number.",
            "Telefonnummer.",
            "Art. 13(1)(a) GDPR",
        ),
        key("website", Shape::String, "Website.", "Website.", ""),
        key(
            "representative",
            Shape::Block(&CONTACT),
            "Representative in the Union of a controller established outside it.",
            "Vertreter in der Union (für Verantwortliche außerhalb der EU).",
            "Art. 27 GDPR",
        ),
        key(
            "dpo",
            Shape::Block(&DPO),
            "The data protection officer.",
            "Die/der Datenschutzbeauftragte.",
            "Art. 37 GDPR",
        ),
        key(
            "country",
            Shape::Country,
            "Country of the controller's establishment (default `DE`); outside the EEA it needs a representative in the Union.",
            "Land der Niederlassung des Verantwortlichen (Standard `DE`); außerhalb des EWR braucht er einen Vertreter in der Union.",
            "Art. 3(2), 27 GDPR",
        ),
        key(
            "managing_directors",
            Shape::StringList,
            "The managing directors (legal representatives).",
            "Die Geschäftsführung (gesetzliche Vertreter).",
            "Art. 30(1)(a) GDPR; Section 5 DDG",
        ),
        key(
            "register",
            Shape::String,
            "The register entry, e.g. \"Amtsgericht Charlottenburg, HRB 12345\".",
            "Der Registereintrag, z. B. \"Amtsgericht Charlottenburg, HRB 12345\".",
            "Section 5 DDG",
        ),
        key(
            "imprint",
            Shape::String,
            "The URL of the imprint (Impressum).",
            "Die URL des Impressums.",
            "Section 5 DDG",
        ),
        key(
            "employees_processing",
            Shape::Integer,
            "How many persons regularly process personal data by automated means (a DPO is required from 20).",
            "Wie viele Personen ständig mit der automatisierten Verarbeitung personenbezogener Daten beschäftigt sind (ab 20 ist ein DSB zu benennen).",
            "Section 38(1) BDSG",
        ),
        key(
            "ai_literacy",
            Shape::Block(&AI_LITERACY),
            "The measures for the AI literacy of staff who operate AI systems.",
            "Die Maßnahmen zur KI-Kompetenz der Beschäftigten, die KI-Systeme bedienen.",
            "Art. 4 AI Act",
        ),
        key(
            "security",
            Shape::Text,
            "The general technical and organisational measures; an activity without its own `security` refers to them.",
            "Die allgemeinen technischen und organisatorischen Maßnahmen; eine Tätigkeit ohne eigene `security` verweist darauf.",
            "Art. 30(1)(g), 32 GDPR",
        ),
        key(
            "supervisory_authority",
            Shape::StringOrAuthority,
            "The competent supervisory authority, named in the privacy notice: a name, or the id of a built-in German authority (`de_ni`, `de_bfdi`, …), which also gives its postal address.",
            "Die zuständige Aufsichtsbehörde, wird in der Datenschutzerklärung genannt: ein Name oder die ID einer eingebauten deutschen Behörde (`de_ni`, `de_bfdi`, …), die auch ihre Postanschrift liefert.",
            "Art. 77 GDPR",
        ),
    ],
};

/// `avv { signed DATE  accepted DATE  document "…"  expires DATE }`: at least one of `signed`,
/// `accepted` and `document` (lowering reports none as `missing-field`).
pub static AVV: BlockSchema = BlockSchema {
    name: "avv",
    keys: &[
        key(
            "signed",
            Shape::Date,
            "Date the processing agreement was signed.",
            "Datum der Unterzeichnung des AVV.",
            "Art. 28(3), 28(9) GDPR",
        ),
        key(
            "accepted",
            Shape::Date,
            "Date the processing agreement was accepted online (e.g. the provider's terms accepted in its dashboard); the electronic form suffices.",
            "Datum, an dem der AVV online akzeptiert wurde (z. B. die Bedingungen des Anbieters im Kundenkonto); die elektronische Form genügt.",
            "Art. 28(3), 28(9) GDPR",
        ),
        key(
            "document",
            Shape::String,
            "Where the agreement is filed, or the link to the contract accepted online; alone it records an agreement whose date is not known.",
            "Ablageort des Vertrags oder Link zum online akzeptierten Vertrag; allein steht er für einen AVV, dessen Datum nicht bekannt ist.",
            "",
        ),
        key(
            "expires",
            Shape::Date,
            "Date the agreement ends.",
            "Ende der Vertragslaufzeit.",
            "Art. 28(3) GDPR",
        ),
    ],
};

pub static JOINT_AGREEMENT: BlockSchema = BlockSchema {
    name: "joint_agreement",
    keys: &[
        req(
            "signed",
            Shape::Date,
            "Date the joint-controller arrangement was signed.",
            "Datum der Vereinbarung über die gemeinsame Verantwortlichkeit.",
            "Art. 26(1) GDPR",
        ),
        key(
            "document",
            Shape::String,
            "Where the arrangement is filed.",
            "Ablageort der Vereinbarung.",
            "",
        ),
        key(
            "essence",
            Shape::Text,
            "The essence of the arrangement, made available to data subjects.",
            "Das Wesentliche der Vereinbarung, das den Betroffenen zur Verfügung gestellt wird.",
            "Art. 26(2) GDPR",
        ),
    ],
};

/// `tia { done DATE  document "…" }`: the transfer impact assessment of a transfer on an Art. 46
/// safeguard (`scc`, `bcr`, `code_of_conduct`, `certification`, `ad_hoc`).
pub static TIA: BlockSchema = BlockSchema {
    name: "tia",
    keys: &[
        req(
            "done",
            Shape::Date,
            "Date the transfer impact assessment was completed.",
            "Datum, an dem die Transfer-Folgenabschätzung abgeschlossen wurde.",
            "Art. 46(1) GDPR; C-311/18",
        ),
        key(
            "document",
            Shape::String,
            "Where the assessment is filed.",
            "Ablageort der Abschätzung.",
            "",
        ),
    ],
};

pub static TRANSFER_DETAILS: BlockSchema = BlockSchema {
    name: "transfer",
    keys: &[
        key(
            "signed",
            Shape::Date,
            "Date the safeguard (e.g. the SCCs) was signed.",
            "Datum der Unterzeichnung (z. B. der Standardvertragsklauseln).",
            "Art. 46 GDPR",
        ),
        key(
            "document",
            Shape::String,
            "Where the safeguard is filed; data subjects may ask for a copy.",
            "Ablageort; Betroffene können eine Kopie verlangen.",
            "Art. 13(1)(f) GDPR",
        ),
        key(
            "basis",
            Shape::String,
            "For a derogation: which Art. 49(1) ground applies.",
            "Bei Ausnahmen: welcher Tatbestand des Art. 49 Abs. 1 greift.",
            "Art. 49 GDPR",
        ),
        key(
            "occasional",
            Shape::Bool,
            "For a derogation: the transfers are occasional, not regular or systematic.",
            "Bei Ausnahmen: die Übermittlungen erfolgen gelegentlich, nicht regelmäßig oder systematisch.",
            "Art. 49 GDPR; EDPB Guidelines 2/2018",
        ),
        key(
            "scope",
            Shape::Text,
            "For a partial adequacy decision (CA, JP, KR): why the recipient is within its scope.",
            "Bei einem teilweisen Angemessenheitsbeschluss (CA, JP, KR): warum der Empfänger in seinen Anwendungsbereich fällt.",
            "Art. 45(1), (3) GDPR",
        ),
        key(
            "tia",
            Shape::Block(&TIA),
            "For an Art. 46 safeguard (SCC, BCR, code of conduct, certification, ad hoc clauses): the transfer impact assessment, whether the law and practice of the third country let the safeguard work, with any supplementary measures.",
            "Bei einer Garantie nach Art. 46 (Standardvertragsklauseln, BCR, Verhaltensregeln, Zertifizierung, genehmigte Vertragsklauseln): die Transfer-Folgenabschätzung (Transfer Impact Assessment), ob Recht und Praxis des Drittlands die Garantie wirksam lassen, mit etwaigen zusätzlichen Maßnahmen.",
            "Art. 46(1) GDPR; C-311/18; EDPB Recommendations 01/2020",
        ),
    ],
};

static TRANSFER_OPTIONS: &[(&str, Option<&BlockSchema>)] = &[
    ("adequacy", Some(&TRANSFER_DETAILS)),
    ("dpf", Some(&TRANSFER_DETAILS)),
    ("scc", Some(&TRANSFER_DETAILS)),
    ("bcr", Some(&TRANSFER_DETAILS)),
    ("code_of_conduct", Some(&TRANSFER_DETAILS)),
    ("certification", Some(&TRANSFER_DETAILS)),
    ("ad_hoc", Some(&TRANSFER_DETAILS)),
    ("derogation", Some(&TRANSFER_DETAILS)),
];

/// `transfer MECHANISM { … }`: the safeguard for a transfer to a third country (on a
/// `processor` and on a `client`).
const TRANSFER: KeySpec = key(
    "transfer",
    Shape::KeywordBlock(TRANSFER_OPTIONS),
    "Safeguard for a transfer to a third country: `adequacy`, `dpf`, `scc`, `bcr`, `code_of_conduct` (Art. 46(2)(e)), `certification` (Art. 46(2)(f)), `ad_hoc` (clauses authorised by the supervisory authority, Art. 46(3)(a)) or `derogation`.",
    "Garantie für die Drittlandübermittlung: `adequacy`, `dpf`, `scc`, `bcr`, `code_of_conduct` (Art. 46 Abs. 2 lit. e), `certification` (Art. 46 Abs. 2 lit. f), `ad_hoc` (von der Aufsichtsbehörde genehmigte Vertragsklauseln, Art. 46 Abs. 3 lit. a) oder `derogation`.",
    "Art. 44–49 GDPR",
);

pub static PROCESSOR: BlockSchema = BlockSchema {
    name: "processor",
    keys: &[
        req(
            "name",
            Shape::String,
            "Legal name of the recipient.",
            "Name des Empfängers.",
            "Art. 13(1)(e) GDPR",
        ),
        req(
            "country",
            Shape::Country,
            "ISO 3166-1 country where the data is processed.",
            "ISO-3166-1-Land, in dem verarbeitet wird.",
            "Art. 13(1)(f), 44 GDPR",
        ),
        key(
            "service",
            Shape::Text,
            "What the recipient does for us.",
            "Welche Leistung der Empfänger erbringt.",
            "",
        ),
        key(
            "role",
            Shape::Keyword(ROLES),
            "`processor` (Art. 28, default), `joint_controller` (Art. 26) or `controller` (independent recipient).",
            "`processor` (Art. 28, Standard), `joint_controller` (Art. 26) oder `controller` (eigenständiger Empfänger).",
            "Art. 26, 28 GDPR",
        ),
        key(
            "avv",
            Shape::Block(&AVV),
            "The data processing agreement (AVV).",
            "Der Auftragsverarbeitungsvertrag (AVV).",
            "Art. 28(3) GDPR",
        ),
        key(
            "joint_agreement",
            Shape::Block(&JOINT_AGREEMENT),
            "The joint-controller arrangement.",
            "Die Vereinbarung über die gemeinsame Verantwortlichkeit.",
            "Art. 26 GDPR",
        ),
        TRANSFER,
        key(
            "certifications",
            Shape::IdentList,
            "Certifications such as `iso27001`, `soc2`, `c5`.",
            "Zertifizierungen wie `iso27001`, `soc2`, `c5`.",
            "Art. 28(1), 32(3) GDPR",
        ),
        key(
            "services",
            Shape::IdentList,
            "The services of the `ropa scan` catalogue this processor covers, e.g. `[google_analytics]`.",
            "Die Dienste aus dem Katalog von `ropa scan`, die dieser Empfänger abdeckt, z. B. `[google_analytics]`.",
            "Art. 30(1)(d) GDPR",
        ),
        key(
            "subprocessors",
            Shape::RefList(ItemKind::Processor),
            "Processors this processor engages.",
            "Unterauftragsverarbeiter dieses Auftragsverarbeiters.",
            "Art. 28(2), 28(4) GDPR",
        ),
        key(
            "contact",
            Shape::String,
            "Contact for data protection matters.",
            "Kontakt für Datenschutzfragen.",
            "",
        ),
        key(
            "address",
            Shape::String,
            "Postal address, printed with the recipient in the privacy policy and the record.",
            "Anschrift, wird beim Empfänger in der Datenschutzerklärung und im Verzeichnis genannt.",
            "Art. 13(1)(e) GDPR",
        ),
        key(
            "privacy_policy",
            Shape::String,
            "URL of the recipient's own privacy policy, linked where the policy names it.",
            "URL der Datenschutzerklärung des Empfängers, wird dort verlinkt, wo die Datenschutzerklärung ihn nennt.",
            "Art. 13(1)(e) GDPR",
        ),
        key(
            "opt_out",
            Shape::String,
            "URL where people can object to or opt out of the recipient's processing (e.g. for a service without consent).",
            "URL, unter der Betroffene der Verarbeitung durch den Empfänger widersprechen bzw. sie abwählen können (z. B. bei einem Dienst ohne Einwilligung).",
            "Art. 21 GDPR",
        ),
    ],
};

pub static CONSENT: BlockSchema = BlockSchema {
    name: "consent",
    keys: &[
        key(
            "mechanism",
            Shape::Text,
            "How consent is obtained and documented.",
            "Wie die Einwilligung eingeholt und dokumentiert wird.",
            "Art. 7(1) GDPR",
        ),
        key(
            "withdrawal",
            Shape::Text,
            "How consent is withdrawn.",
            "Wie die Einwilligung widerrufen wird.",
            "Art. 7(3), 13(2)(c) GDPR",
        ),
        key(
            "explicit",
            Shape::Bool,
            "`true` for explicit consent (an express statement, e.g. a signed or separately ticked declaration), as Art. 9(2)(a), 22(2)(c) and 49(1)(a) require.",
            "`true` für eine ausdrückliche Einwilligung (eine ausdrückliche Erklärung, z. B. unterschrieben oder gesondert angekreuzt), wie Art. 9 Abs. 2 lit. a, 22 Abs. 2 lit. c und 49 Abs. 1 lit. a sie verlangen.",
            "Art. 9(2)(a), 22(2)(c), 49(1)(a) GDPR",
        ),
        key(
            "parental",
            Shape::Text,
            "Where the subjects include children: how consent is given or authorised by the holder of parental responsibility (for information society services below the age of 16 in Germany) and how this is verified.",
            "Wenn Kinder betroffen sind: wie die Einwilligung durch die Träger der elterlichen Verantwortung erteilt oder von ihnen gebilligt wird (bei Diensten der Informationsgesellschaft in Deutschland unter 16 Jahren, Art. 8 DSGVO) und wie das überprüft wird.",
            "Art. 8(1), (2) GDPR",
        ),
        key(
            "voluntariness",
            Shape::Text,
            "Where the subjects include employees or applicants: why their consent is free despite the dependence of employment (e.g. a legal or economic advantage for them, or aligned interests) and that refusing has no consequences.",
            "Wenn Beschäftigte oder Bewerber betroffen sind: warum ihre Einwilligung trotz des Abhängigkeitsverhältnisses freiwillig ist (z. B. ein rechtlicher oder wirtschaftlicher Vorteil für sie oder gleichgelagerte Interessen, § 26 Abs. 2 BDSG) und dass eine Ablehnung keine Nachteile hat.",
            "Art. 4(11), 7(4) GDPR; Recital 43 GDPR; Section 26(2) BDSG",
        ),
        key(
            "for",
            Shape::Text,
            "The part of the processing (purpose or data) that rests on this basis; needed for each basis when there are several.",
            "Der Teil der Verarbeitung (Zweck oder Daten), der auf dieser Rechtsgrundlage beruht; bei mehreren Rechtsgrundlagen für jede nötig.",
            "Art. 6(1), 13(1)(c) GDPR",
        ),
    ],
};

pub static LEGITIMATE_INTEREST: BlockSchema = BlockSchema {
    name: "legitimate_interest",
    keys: &[
        key(
            "interest",
            Shape::Text,
            "The legitimate interest pursued, stated in the privacy notice.",
            "Das verfolgte berechtigte Interesse, wird in der Datenschutzerklärung genannt.",
            "Art. 6(1)(f), 13(1)(d) GDPR",
        ),
        key(
            "balancing",
            Shape::Text,
            "The documented balancing test.",
            "Die dokumentierte Interessenabwägung.",
            "Art. 6(1)(f) GDPR",
        ),
        key(
            "for",
            Shape::Text,
            "The part of the processing (purpose or data) that rests on this basis; needed for each basis when there are several.",
            "Der Teil der Verarbeitung (Zweck oder Daten), der auf dieser Rechtsgrundlage beruht; bei mehreren Rechtsgrundlagen für jede nötig.",
            "Art. 6(1), 13(1)(c) GDPR",
        ),
    ],
};

pub static LEGAL_OBLIGATION: BlockSchema = BlockSchema {
    name: "legal_obligation",
    keys: &[
        req(
            "law",
            Shape::Text,
            "The law that obliges us, e.g. \"§ 147 AO\".",
            "Die Rechtsvorschrift, z. B. \"§ 147 AO\".",
            "Art. 6(1)(c), 6(3) GDPR",
        ),
        key(
            "for",
            Shape::Text,
            "The part of the processing (purpose or data) that rests on this basis; needed for each basis when there are several.",
            "Der Teil der Verarbeitung (Zweck oder Daten), der auf dieser Rechtsgrundlage beruht; bei mehreren Rechtsgrundlagen für jede nötig.",
            "Art. 6(1), 13(1)(c) GDPR",
        ),
    ],
};

pub static CONTRACT: BlockSchema = BlockSchema {
    name: "contract",
    keys: &[
        key(
            "contract",
            Shape::Text,
            "Which contract the processing is necessary for.",
            "Für welchen Vertrag die Verarbeitung erforderlich ist.",
            "Art. 6(1)(b) GDPR",
        ),
        key(
            "for",
            Shape::Text,
            "The part of the processing (purpose or data) that rests on this basis; needed for each basis when there are several.",
            "Der Teil der Verarbeitung (Zweck oder Daten), der auf dieser Rechtsgrundlage beruht; bei mehreren Rechtsgrundlagen für jede nötig.",
            "Art. 6(1), 13(1)(c) GDPR",
        ),
    ],
};

pub static VITAL_INTERESTS: BlockSchema = BlockSchema {
    name: "vital_interests",
    keys: &[key(
        "for",
        Shape::Text,
        "The part of the processing (purpose or data) that rests on this basis; needed for each basis when there are several.",
        "Der Teil der Verarbeitung (Zweck oder Daten), der auf dieser Rechtsgrundlage beruht; bei mehreren Rechtsgrundlagen für jede nötig.",
        "Art. 6(1), 13(1)(c) GDPR",
    )],
};

pub static PUBLIC_TASK: BlockSchema = BlockSchema {
    name: "public_task",
    keys: &[
        key(
            "law",
            Shape::Text,
            "The Union or Member State law that lays down the task, e.g. \"§ 3 BDSG\".",
            "Die Rechtsvorschrift des Unions- oder mitgliedstaatlichen Rechts, die die Aufgabe festlegt, z. B. \"§ 3 BDSG\".",
            "Art. 6(1)(e), 6(3) GDPR",
        ),
        key(
            "for",
            Shape::Text,
            "The part of the processing (purpose or data) that rests on this basis; needed for each basis when there are several.",
            "Der Teil der Verarbeitung (Zweck oder Daten), der auf dieser Rechtsgrundlage beruht; bei mehreren Rechtsgrundlagen für jede nötig.",
            "Art. 6(1), 13(1)(c) GDPR",
        ),
    ],
};

pub static RETENTION: BlockSchema = BlockSchema {
    name: "retention",
    keys: &[
        key(
            "data",
            Shape::RefList(ItemKind::Category),
            "The categories of data this period applies to (all of the activity's when absent).",
            "Die Datenkategorien, für die diese Frist gilt (ohne Angabe: alle der Tätigkeit).",
            "Art. 13(2)(a), 30(1)(f) GDPR",
        ),
        key(
            "from",
            Shape::Text,
            "When the period starts, e.g. \"Ende des Kalenderjahres\".",
            "Wann die Frist beginnt, z. B. \"Ende des Kalenderjahres\".",
            "Art. 13(2)(a) GDPR",
        ),
        key(
            "law",
            Shape::Text,
            "The law that sets the period, e.g. \"§ 147 AO\".",
            "Die Rechtsvorschrift, die die Frist festlegt, z. B. \"§ 147 AO\".",
            "Art. 5(1)(e), 17(3)(b) GDPR",
        ),
    ],
};

pub static DONE: BlockSchema = BlockSchema {
    name: "dpia",
    keys: &[
        req(
            "done",
            Shape::Date,
            "Date it was completed.",
            "Datum der Durchführung.",
            "Art. 35 GDPR",
        ),
        key(
            "document",
            Shape::String,
            "Where the document is filed.",
            "Ablageort des Dokuments.",
            "",
        ),
    ],
};

/// The channels of `direct_marketing { channels [...] }`.
pub const MARKETING_CHANNELS: &[&str] =
    &["email", "phone", "sms", "post", "messenger", "online_ads"];

/// `direct_marketing { channels [...]  existing_customers true }` (the other form,
/// `direct_marketing true`, is a boolean; the lowering reads both).
pub static DIRECT_MARKETING: BlockSchema = BlockSchema {
    name: "direct_marketing",
    keys: &[
        key(
            "channels",
            Shape::Keywords(MARKETING_CHANNELS),
            "How people are addressed: `email`, `phone`, `sms`, `post`, `messenger`, `online_ads`.",
            "Wie Personen angesprochen werden: `email`, `phone`, `sms`, `post`, `messenger`, `online_ads`.",
            "Art. 21(2) GDPR; § 7 UWG",
        ),
        key(
            "existing_customers",
            Shape::Bool,
            "Only existing customers, about similar goods or services of our own.",
            "Nur Bestandskunden, zu eigenen ähnlichen Waren oder Dienstleistungen.",
            "§ 7 Abs. 3 UWG",
        ),
    ],
};

/// `provision KIND { consequence T }` (Art. 13(2)(e) GDPR).
pub static PROVISION: BlockSchema = BlockSchema {
    name: "provision",
    keys: &[key(
        "consequence",
        Shape::Text,
        "What happens if people do not provide the data (e.g. \"we cannot answer your enquiry\").",
        "Was geschieht, wenn die Daten nicht bereitgestellt werden (z. B. \"wir können Ihre Anfrage nicht beantworten\").",
        "Art. 13(2)(e) GDPR",
    )],
};

/// `criminal_basis { law "…" }` (the other form, `criminal_basis official_authority`, is a
/// keyword; the lowering reads both).
pub static CRIMINAL_BASIS: BlockSchema = BlockSchema {
    name: "criminal_basis",
    keys: &[req(
        "law",
        Shape::String,
        "The Union or Member State law that authorises processing the data, e.g. \"§ 72a SGB VIII\".",
        "Die Rechtsvorschrift der Union oder des Mitgliedstaats, die die Verarbeitung erlaubt, z. B. \"§ 72a SGB VIII\".",
        "Art. 10 GDPR",
    )],
};

/// The areas of Annex III AI Act that `ai { use }` names.
pub const AI_USES: &[&str] = &[
    "recruitment",
    "employment_decisions",
    "credit_scoring",
    "insurance_pricing",
    "education",
    "biometric_identification",
    "other",
];

/// `fria { done DATE  document string }`: the fundamental-rights impact assessment.
pub static FRIA: BlockSchema = BlockSchema {
    name: "fria",
    keys: &[
        req(
            "done",
            Shape::Date,
            "Date it was completed.",
            "Datum der Durchführung.",
            "Art. 27 AI Act",
        ),
        key(
            "document",
            Shape::String,
            "Where the assessment is filed.",
            "Ablageort der Folgenabschätzung.",
            "",
        ),
    ],
};

/// `deployer_duties { human_oversight T  logs DURATION  workers_informed DATE  fria { … } }`.
pub static DEPLOYER_DUTIES: BlockSchema = BlockSchema {
    name: "deployer_duties",
    keys: &[
        key(
            "human_oversight",
            Shape::Text,
            "Who oversees the system, with what competence and authority.",
            "Wer das System beaufsichtigt, mit welcher Kompetenz und Befugnis.",
            "Art. 26(2) AI Act",
        ),
        key(
            "logs",
            Shape::Duration,
            "How long the logs the system generates are kept (at least six months).",
            "Wie lange die automatisch erzeugten Protokolle aufbewahrt werden (mindestens sechs Monate).",
            "Art. 26(6) AI Act",
        ),
        key(
            "workers_informed",
            Shape::Date,
            "When workers' representatives and the affected workers were informed.",
            "Wann Arbeitnehmervertretung und betroffene Beschäftigte informiert wurden.",
            "Art. 26(7) AI Act",
        ),
        key(
            "fria",
            Shape::Block(&FRIA),
            "The fundamental-rights impact assessment (credit scoring, life and health insurance pricing).",
            "Die Grundrechte-Folgenabschätzung (Kreditwürdigkeit, Preise von Lebens- und Krankenversicherungen).",
            "Art. 27 AI Act",
        ),
    ],
};

pub static BIAS_REVIEW: BlockSchema = BlockSchema {
    name: "bias_review",
    keys: &[
        req(
            "done",
            Shape::Date,
            "Date of the review.",
            "Datum der Prüfung.",
            "Art. 10 AI Act",
        ),
        key(
            "document",
            Shape::String,
            "Where the review is filed.",
            "Ablageort der Prüfung.",
            "",
        ),
    ],
};

/// The lifetime of a cookie that ends with the browser session (`lifetime session`).
pub const COOKIE_LIFETIMES: &[&str] = &["session"];

/// Who sets a cookie: we (`first`) or another provider (`third`).
pub const COOKIE_PARTIES: &[&str] = &["first", "third"];

/// `cookie "NAME" { purpose T  lifetime VALUE  party first|third  provider ID }` in
/// `device_access` (CHANGES-2026-12 §1.11): one row of the cookie table.
pub static COOKIE: BlockSchema = BlockSchema {
    name: "cookie",
    keys: &[
        req(
            "purpose",
            Shape::Text,
            "What the cookie is for, e.g. \"distinguishes visitors for the statistics\".",
            "Wofür das Cookie dient, z. B. \"unterscheidet Besucher für die Statistik\".",
            "Section 25 TDDDG; Art. 13(1)(c) GDPR",
        ),
        req(
            "lifetime",
            Shape::DurationKeywordOrText(COOKIE_LIFETIMES),
            "How long the cookie stays on the device: a duration (`13 months`), `session` (deleted when the browser closes), or a text (`\"1 Minute\"`).",
            "Wie lange das Cookie auf dem Endgerät bleibt: eine Dauer (`13 months`), `session` (gelöscht, wenn der Browser schließt) oder ein Text (`\"1 Minute\"`).",
            "Section 25 TDDDG; Art. 13(2)(a) GDPR",
        ),
        key(
            "party",
            Shape::Keyword(COOKIE_PARTIES),
            "`first` (set by us, for our domain) or `third` (set by another provider, for its domain).",
            "`first` (von uns gesetzt, für unsere Domain) oder `third` (von einem anderen Anbieter gesetzt, für dessen Domain).",
            "Section 25 TDDDG",
        ),
        key(
            "provider",
            Shape::Ref(ItemKind::Processor),
            "The processor or other recipient that provides the cookie.",
            "Der Auftragsverarbeiter oder andere Empfänger, der das Cookie bereitstellt.",
            "Art. 13(1)(e) GDPR",
        ),
    ],
};

pub static DEVICE_ACCESS: BlockSchema = BlockSchema {
    name: "device_access",
    keys: &[
        req(
            "technology",
            Shape::Text,
            "Cookies, pixels, SDKs, local storage, fingerprinting …",
            "Cookies, Pixel, SDKs, Local Storage, Fingerprinting …",
            "Section 25 TDDDG",
        ),
        key(
            "strictly_necessary",
            Shape::Bool,
            "Whether the access is strictly necessary for a service the user requested (Section 25(2) no. 2 TDDDG).",
            "Ob der Zugriff für einen ausdrücklich gewünschten Dienst unbedingt erforderlich ist (§ 25 Abs. 2 Nr. 2 TDDDG).",
            "Section 25 TDDDG",
        ),
        key(
            "cookie",
            Shape::NamedBlock(&COOKIE),
            "One cookie (or similar entry) of the cookie table: `cookie \"_ga\" { purpose …  lifetime 13 months  party third  provider google }`.",
            "Ein Cookie (oder ähnlicher Eintrag) der Cookie-Tabelle: `cookie \"_ga\" { purpose …  lifetime 13 months  party third  provider google }`.",
            "Section 25 TDDDG; Art. 13 GDPR",
        )
        .repeatable(),
    ],
};

pub static AI: BlockSchema = BlockSchema {
    name: "ai",
    keys: &[
        key(
            "system",
            Shape::Text,
            "Model or product, e.g. \"GPT-4o\".",
            "Modell oder Produkt, z. B. \"GPT-4o\".",
            "",
        ),
        key(
            "provider",
            Shape::Ref(ItemKind::Processor),
            "The processor that runs the system.",
            "Der Auftragsverarbeiter, der das System betreibt.",
            "Art. 28 GDPR",
        ),
        key(
            "profiling",
            Shape::Bool,
            "Evaluates personal aspects of people.",
            "Bewertet persönliche Aspekte von Personen.",
            "Art. 4(4), 22 GDPR",
        ),
        key(
            "automated_decision",
            Shape::Bool,
            "Decides without a human.",
            "Entscheidet ohne menschliches Zutun.",
            "Art. 22(1) GDPR",
        ),
        key(
            "significant_effect",
            Shape::Bool,
            "The decision has legal or similarly significant effects.",
            "Die Entscheidung hat rechtliche oder ähnlich erhebliche Wirkung.",
            "Art. 22(1) GDPR",
        ),
        key(
            "human_review",
            Shape::Text,
            "How a person can contest and obtain human intervention.",
            "Wie Betroffene anfechten und ein menschliches Eingreifen erwirken können.",
            "Art. 22(3) GDPR",
        ),
        key(
            "logic",
            Shape::Text,
            "Meaningful information about the logic involved.",
            "Aussagekräftige Informationen über die involvierte Logik.",
            "Art. 13(2)(f), 14(2)(g), 15(1)(h) GDPR",
        ),
        key(
            "chatbot",
            Shape::Bool,
            "Interacts directly with natural persons.",
            "Interagiert direkt mit natürlichen Personen.",
            "Art. 50(1) AI Act",
        ),
        key(
            "disclosure",
            Shape::Text,
            "The notice shown at the interaction that it is an AI.",
            "Der Hinweis bei der Interaktion, dass es sich um eine KI handelt.",
            "Art. 50(1), 50(3) AI Act",
        ),
        key(
            "generates_content",
            Shape::Bool,
            "Produces synthetic text, images, audio or video.",
            "Erzeugt synthetische Texte, Bilder, Audio oder Video.",
            "Art. 50(2), 50(4) AI Act",
        ),
        key(
            "labelling",
            Shape::Text,
            "How generated content is marked.",
            "Wie erzeugte Inhalte gekennzeichnet werden.",
            "Art. 50(2), 50(4) AI Act",
        ),
        key(
            "manipulative",
            Shape::Bool,
            "Uses subliminal, purposefully manipulative or deceptive techniques that distort behaviour and cause significant harm.",
            "Setzt unterschwellige, absichtlich manipulative oder täuschende Techniken ein, die Verhalten verzerren und erheblichen Schaden verursachen.",
            "Art. 5(1)(a) AI Act",
        ),
        key(
            "exploits_vulnerabilities",
            Shape::Bool,
            "Exploits vulnerabilities due to age, disability or a social or economic situation, distorting behaviour with significant harm.",
            "Nutzt eine Schutzbedürftigkeit wegen Alter, Behinderung oder sozialer oder wirtschaftlicher Lage aus und verzerrt so Verhalten mit erheblichem Schaden.",
            "Art. 5(1)(b) AI Act",
        ),
        key(
            "social_scoring",
            Shape::Bool,
            "Scores people by social behaviour or personal traits, leading to unjustified or unrelated detrimental treatment.",
            "Bewertet Personen nach sozialem Verhalten oder persönlichen Merkmalen, mit ungerechtfertigter oder sachfremder Schlechterstellung.",
            "Art. 5(1)(c) AI Act",
        ),
        key(
            "role",
            Shape::Keyword(&["deployer", "provider"]),
            "`deployer` (default): we use the system; `provider`: we develop it or place it on the market under our name.",
            "`deployer` (Standard): wir setzen das System ein; `provider`: wir entwickeln es oder bringen es unter unserem Namen in Verkehr.",
            "Art. 3(3), 3(4) AI Act",
        ),
        key(
            "deepfake",
            Shape::Bool,
            "The generated images, audio or video resemble real persons, objects, places or events and would falsely appear authentic.",
            "Die erzeugten Bilder, Töne oder Videos ähneln realen Personen, Gegenständen, Orten oder Ereignissen und würden fälschlich als echt erscheinen.",
            "Art. 3(60), 50(4) AI Act",
        ),
        key(
            "public_interest_text",
            Shape::Bool,
            "Generated text is published to inform the public on matters of public interest.",
            "Erzeugter Text wird veröffentlicht, um die Öffentlichkeit über Angelegenheiten von öffentlichem Interesse zu informieren.",
            "Art. 50(4) AI Act",
        ),
        key(
            "editorial_review",
            Shape::Text,
            "Who reviews generated text and holds editorial responsibility for it.",
            "Wer erzeugten Text prüft und die redaktionelle Verantwortung trägt.",
            "Art. 50(4) AI Act",
        ),
        key(
            "emotion_recognition",
            Shape::Bool,
            "Recognises emotions of people.",
            "Erkennt Emotionen von Personen.",
            "Art. 50(3), 5(1)(f) AI Act",
        ),
        key(
            "biometric_categorisation",
            Shape::Bool,
            "Sorts people into categories by biometric data.",
            "Ordnet Personen anhand biometrischer Daten Kategorien zu.",
            "Art. 50(3), 5(1)(g) AI Act",
        ),
        key(
            "anonymized",
            Shape::Bool,
            "Input data is anonymised before the AI sees it.",
            "Eingabedaten werden anonymisiert, bevor die KI sie verarbeitet.",
            "Recital 26 GDPR",
        ),
        key(
            "use",
            Shape::Keyword(AI_USES),
            "The Annex III area the system is used in (high-risk): `recruitment`, `employment_decisions`, `credit_scoring`, `insurance_pricing`, `education`, `biometric_identification`, or `other`.",
            "Der Bereich nach Anhang III, in dem das System eingesetzt wird (Hochrisiko): `recruitment`, `employment_decisions`, `credit_scoring`, `insurance_pricing`, `education`, `biometric_identification` oder `other`.",
            "Art. 6(2), Annex III AI Act",
        ),
        key(
            "deployer_duties",
            Shape::Block(&DEPLOYER_DUTIES),
            "How the deployer's duties for a high-risk system are met.",
            "Wie die Pflichten des Betreibers eines Hochrisiko-KI-Systems erfüllt werden.",
            "Art. 26, 27 AI Act",
        ),
        key(
            "infers",
            Shape::RefList(ItemKind::Category),
            "Categories of data the system infers (they count as processed, e.g. health from purchases).",
            "Datenkategorien, die das System ableitet (sie gelten als verarbeitet, z. B. Gesundheit aus Einkäufen).",
            "Art. 9(1) GDPR",
        ),
        key(
            "trains_on_personal_data",
            Shape::Bool,
            "Whether the data is also used to train or improve AI models.",
            "Ob die Daten auch zum Training oder zur Verbesserung von KI-Modellen genutzt werden.",
            "Art. 6(4) GDPR",
        ),
        key(
            "compatibility",
            Shape::Text,
            "Why training is compatible with the original purpose (the Art. 6(4) test), told to the people concerned.",
            "Warum das Training mit dem ursprünglichen Zweck vereinbar ist (Prüfung nach Art. 6 Abs. 4), wird den Betroffenen mitgeteilt.",
            "Art. 6(4), 13(3) GDPR",
        ),
        key(
            "bias_review",
            Shape::Block(&BIAS_REVIEW),
            "Review of training data and outputs for bias.",
            "Prüfung von Trainingsdaten und Ergebnissen auf Verzerrungen (Bias).",
            "Art. 5(1)(a) GDPR; Art. 10 AI Act",
        ),
    ],
};

pub static ACTIVITY: BlockSchema = BlockSchema {
    name: "activity",
    keys: &[
        req(
            "title",
            Shape::Text,
            "Name of the processing activity.",
            "Bezeichnung der Verarbeitungstätigkeit.",
            "Art. 30(1) GDPR",
        ),
        req(
            "purpose",
            Shape::Text,
            "The purpose of the processing.",
            "Der Zweck der Verarbeitung.",
            "Art. 5(1)(b), 13(1)(c), 30(1)(b) GDPR",
        ),
        req(
            "subjects",
            Shape::RefList(ItemKind::Subject),
            "Categories of data subjects.",
            "Kategorien betroffener Personen.",
            "Art. 30(1)(c) GDPR",
        ),
        req(
            "data",
            Shape::RefList(ItemKind::Category),
            "Categories of personal data.",
            "Kategorien personenbezogener Daten.",
            "Art. 30(1)(c), 14(1)(d) GDPR",
        ),
        key(
            "legal_basis",
            Shape::KeywordBlock(&[
                ("consent", Some(&CONSENT)),
                ("contract", Some(&CONTRACT)),
                ("legal_obligation", Some(&LEGAL_OBLIGATION)),
                ("vital_interests", Some(&VITAL_INTERESTS)),
                ("public_task", Some(&PUBLIC_TASK)),
                ("legitimate_interest", Some(&LEGITIMATE_INTEREST)),
            ]),
            "The legal basis under Art. 6(1)(a)–(f); one per part of the processing (`for`) when there are several.",
            "Die Rechtsgrundlage nach Art. 6 Abs. 1 lit. a–f; bei mehreren eine je Teil der Verarbeitung (`for`).",
            "Art. 6(1) GDPR",
        )
        .repeatable(),
        key(
            "profiling",
            Shape::Bool,
            "Evaluates personal aspects of people (interests, behaviour, reliability …), with or without AI.",
            "Bewertet persönliche Aspekte von Personen (Interessen, Verhalten, Zuverlässigkeit …), mit oder ohne KI.",
            "Art. 4(4), 21, 22 GDPR",
        ),
        key(
            "direct_marketing",
            Shape::Block(&DIRECT_MARKETING),
            "Processing for direct marketing: `true`, or a block with its `channels`; people may object at any time without giving reasons.",
            "Verarbeitung zur Direktwerbung: `true` oder ein Block mit den `channels`; Betroffene können jederzeit ohne Begründung widersprechen.",
            "Art. 21(2), (3) GDPR",
        ),
        key(
            "criminal_basis",
            Shape::Block(&CRIMINAL_BASIS),
            "What authorises data on criminal convictions and offences, beside the Art. 6(1) basis: `official_authority`, or `{ law \"…\" }`.",
            "Was Daten über strafrechtliche Verurteilungen und Straftaten neben der Rechtsgrundlage nach Art. 6 Abs. 1 erlaubt: `official_authority` oder `{ law \"…\" }`.",
            "Art. 10 GDPR",
        ),
        key(
            "provision",
            Shape::KeywordBlock(&[
                ("statutory", Some(&PROVISION)),
                ("contractual", Some(&PROVISION)),
                ("required_for_contract", Some(&PROVISION)),
                ("voluntary", Some(&PROVISION)),
            ]),
            "Whether people must provide the data: `statutory`, `contractual`, `required_for_contract` or `voluntary`, with the `consequence` of not providing it.",
            "Ob die Daten bereitgestellt werden müssen: `statutory` (gesetzlich), `contractual` (vertraglich), `required_for_contract` (für den Vertragsschluss erforderlich) oder `voluntary` (freiwillig), mit der Folge (`consequence`), wenn sie fehlen.",
            "Art. 13(2)(e) GDPR",
        ),
        key(
            "special_basis",
            Shape::Keywords(SPECIAL_BASES),
            "The Art. 9(2) exception for special categories of data (one or a list).",
            "Die Ausnahme nach Art. 9 Abs. 2 für besondere Kategorien (eine oder eine Liste).",
            "Art. 9(2) GDPR",
        ),
        key(
            "processors",
            Shape::RefList(ItemKind::Processor),
            "Processors and other recipients declared as `processor` items.",
            "Auftragsverarbeiter und andere Empfänger (als `processor` deklariert).",
            "Art. 13(1)(e), 28 GDPR",
        ),
        key(
            "recipients",
            Shape::StringList,
            "Recipients that are not declared processors.",
            "Empfänger, die keine deklarierten Auftragsverarbeiter sind.",
            "Art. 13(1)(e), 30(1)(d) GDPR",
        ),
        key(
            "retention",
            Shape::DurationOrText(&RETENTION),
            "How long the data is kept, or the criteria; one per category of data when they differ.",
            "Speicherdauer oder die Kriterien dafür; eine je Datenkategorie, wenn sie sich unterscheiden.",
            "Art. 5(1)(e), 13(2)(a) GDPR",
        )
        .repeatable(),
        key(
            "collection",
            Shape::Keyword(&["direct", "indirect"]),
            "`direct` (from the person, Art. 13) or `indirect` (from elsewhere, Art. 14).",
            "`direct` (bei der Person, Art. 13) oder `indirect` (aus anderen Quellen, Art. 14).",
            "Art. 13, 14 GDPR",
        ),
        key(
            "source",
            Shape::Text,
            "Where indirectly collected data comes from.",
            "Woher nicht bei der Person erhobene Daten stammen.",
            "Art. 14(2)(f) GDPR",
        ),
        key(
            "device_access",
            Shape::Block(&DEVICE_ACCESS),
            "Storing or reading information on the user's device.",
            "Speichern oder Auslesen von Informationen auf dem Endgerät.",
            "Section 25 TDDDG",
        ),
        key(
            "ai",
            Shape::Block(&AI),
            "AI-driven processing.",
            "KI-gestützte Verarbeitung.",
            "Art. 13(2)(f), 22, 35 GDPR; Art. 50 AI Act",
        ),
        key(
            "owner",
            Shape::Text,
            "The department or person responsible for the activity inside the organisation (printed in the record only).",
            "Die für die Tätigkeit zuständige Abteilung oder Person im Unternehmen (nur im Verzeichnis).",
            "Art. 30(1) GDPR",
        ),
        key(
            "systems",
            Shape::StringList,
            "The IT systems and applications used (printed in the record only).",
            "Die eingesetzten IT-Systeme und Anwendungen (nur im Verzeichnis).",
            "Art. 30(1) GDPR",
        ),
        key(
            "internal_recipients",
            Shape::StringList,
            "Departments inside the organisation that receive the data (printed in the record only).",
            "Abteilungen im Unternehmen, die die Daten erhalten (nur im Verzeichnis).",
            "Art. 30(1) GDPR",
        ),
        key(
            "dpia",
            Shape::Block(&DONE),
            "The data protection impact assessment.",
            "Die Datenschutz-Folgenabschätzung (DSFA).",
            "Art. 35 GDPR",
        ),
        key(
            "security",
            Shape::Text,
            "Technical and organisational measures.",
            "Technische und organisatorische Maßnahmen (TOM).",
            "Art. 30(1)(g), 32 GDPR",
        ),
        key(
            "notice",
            Shape::Text,
            "Plain-language privacy-notice paragraph for this activity.",
            "Abschnitt der Datenschutzerklärung für diese Tätigkeit, in einfacher Sprache.",
            "Art. 12–14 GDPR",
        ),
        key(
            "scale",
            Shape::Keyword(&["small", "large"]),
            "`large` for large-scale processing.",
            "`large` für umfangreiche Verarbeitung.",
            "Art. 35(3) GDPR",
        ),
    ],
};

pub static CATEGORY: BlockSchema = BlockSchema {
    name: "category",
    keys: &[
        req(
            "label",
            Shape::Text,
            "Label used in generated text.",
            "Bezeichnung im erzeugten Text.",
            "",
        ),
        key(
            "special",
            Shape::Bool,
            "A special category under Art. 9(1).",
            "Besondere Kategorie nach Art. 9 Abs. 1.",
            "Art. 9(1) GDPR",
        ),
        key(
            "criminal",
            Shape::Bool,
            "Data on criminal convictions and offences.",
            "Daten über strafrechtliche Verurteilungen und Straftaten.",
            "Art. 10 GDPR",
        ),
    ],
};

pub static SUBJECT: BlockSchema = BlockSchema {
    name: "subject",
    keys: &[req(
        "label",
        Shape::Text,
        "Label used in generated text.",
        "Bezeichnung im erzeugten Text.",
        "",
    )],
};

/// Where a `section` stands in the privacy policy; the first one is the default.
pub const SECTION_PLACES: &[&str] = &[
    "after_activities",
    "after_intro",
    "before_activities",
    "before_rights",
];

/// `section ID { title T  text T  place P }`: policy-wide text (CHANGES-2026-12 §1.10).
pub static SECTION: BlockSchema = BlockSchema {
    name: "section",
    keys: &[
        req(
            "title",
            Shape::Text,
            "Heading of the section in the privacy policy.",
            "Überschrift des Abschnitts in der Datenschutzerklärung.",
            "Art. 12(1) GDPR",
        ),
        req(
            "text",
            Shape::Text,
            "The section's text: what applies to the whole website or company (security and TLS, the general deletion rule, a cookie primer, transfers within a group).",
            "Der Text des Abschnitts: was für die ganze Website oder das ganze Unternehmen gilt (Sicherheit und TLS, die allgemeine Löschregel, Grundlagen zu Cookies, Übermittlungen im Konzern).",
            "Art. 12(1) GDPR",
        ),
        key(
            "place",
            Shape::Keyword(SECTION_PLACES),
            "Where the section stands: `after_intro`, `before_activities`, `after_activities` (default) or `before_rights`.",
            "Wo der Abschnitt steht: `after_intro`, `before_activities`, `after_activities` (Standard) oder `before_rights`.",
            "",
        ),
    ],
};

/// `client ID { … }`: a controller for which the workspace's organisation processes data as a
/// processor (the processor's record, Art. 30(2) GDPR).
pub static CLIENT: BlockSchema = BlockSchema {
    name: "client",
    keys: &[
        req(
            "name",
            Shape::String,
            "Name of the controller we process for.",
            "Name des Verantwortlichen, in dessen Auftrag wir verarbeiten.",
            "Art. 30(2)(a) GDPR",
        ),
        req(
            "address",
            Shape::String,
            "Postal address of the controller.",
            "Anschrift des Verantwortlichen.",
            "Art. 30(2)(a) GDPR",
        ),
        key(
            "contact",
            Shape::String,
            "Contact at the controller (person, e-mail or phone).",
            "Ansprechpartner beim Verantwortlichen (Person, E-Mail oder Telefon).",
            "Art. 30(2)(a) GDPR",
        ),
        key(
            "country",
            Shape::Country,
            "ISO 3166-1 country where the controller is established; with `transfer` when that is a third country.",
            "ISO-3166-1-Land, in dem der Verantwortliche niedergelassen ist; mit `transfer`, wenn das ein Drittland ist.",
            "Art. 30(2)(c), 44 GDPR",
        ),
        key(
            "representative",
            Shape::Block(&CONTACT),
            "The controller's representative in the Union.",
            "Der Vertreter des Verantwortlichen in der Union.",
            "Art. 27, 30(2)(a) GDPR",
        ),
        key(
            "dpo",
            Shape::Block(&DPO),
            "The controller's data protection officer.",
            "Die/der Datenschutzbeauftragte des Verantwortlichen.",
            "Art. 30(2)(a), 37 GDPR",
        ),
        req(
            "processing",
            Shape::Text,
            "The categories of processing we carry out on behalf of this controller.",
            "Die Kategorien von Verarbeitungen, die wir im Auftrag dieses Verantwortlichen durchführen.",
            "Art. 30(2)(b) GDPR",
        ),
        key(
            "avv",
            Shape::Block(&AVV),
            "The data processing agreement with this controller.",
            "Der Auftragsverarbeitungsvertrag mit diesem Verantwortlichen.",
            "Art. 28(3) GDPR",
        ),
        key(
            "subprocessors",
            Shape::RefList(ItemKind::Processor),
            "Processors we engage for this controller (sub-processors).",
            "Unterauftragsverarbeiter, die wir für diesen Verantwortlichen einsetzen.",
            "Art. 28(2), 28(4) GDPR",
        ),
        TRANSFER,
    ],
};

/// The schema of an item's body.
pub fn item_schema(kind: ItemKind) -> &'static BlockSchema {
    match kind {
        ItemKind::Controller => &CONTROLLER,
        ItemKind::Processor => &PROCESSOR,
        ItemKind::Activity => &ACTIVITY,
        ItemKind::Category => &CATEGORY,
        ItemKind::Subject => &SUBJECT,
        ItemKind::Section => &SECTION,
        ItemKind::Client => &CLIENT,
    }
}
