//! The typed workspace model that rules and generators read.
//!
//! Every fact keeps the byte range it came from. A key that is present but whose value was
//! invalid is kept as present with `None` inside, so that rules can tell "missing" (a finding)
//! from "invalid" (already reported by `invalid-value`; no second, derived finding).

use ropa_syntax::{Date, ItemKind, TextRange, TimeUnit, offset32};
use std::marker::PhantomData;

use crate::{FileId, Location};

/// An id as written (a reference's target, an item's id): stored inline up to 24 bytes, so the
/// model does not allocate for each of the thousands of ids in a large workspace.
pub type Name = compact_str::CompactString;

/// A value with the range of its source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub range: TextRange,
}

/// A key that is present: where its key is, and its value if the value was valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keyed<T> {
    pub key: TextRange,
    pub value: Option<Spanned<T>>,
}

impl<T> Keyed<T> {
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|v| &v.value)
    }
}

impl Keyed<bool> {
    pub fn is_true(&self) -> bool {
        self.get() == Some(&true)
    }
}

/// Text `T`: plain (counts for the first configured language) or per language.
///
/// Boxed slices: an activity holds a dozen of these, for as long as the workspace lives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub parts: Box<[TextPart]>,
    /// The language block `{ de … en … }`, when the text is written as one.
    pub block: Option<Box<LanguageBlock>>,
}

/// A language block as written, for rules and quick fixes that add a language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageBlock {
    /// Where its closing `}` is (where a language is inserted).
    pub close_brace: usize,
    /// Every key written in it, also invalid language codes (reported as `invalid-value`).
    pub keys: Vec<TextRange>,
    /// The languages written as `todo` (`en todo`): present, the translation still to come.
    pub todo: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextPart {
    /// `None` for a plain string or text block; else an ISO 639-1 code.
    pub lang: Option<&'static str>,
    pub text: Box<str>,
    pub range: TextRange,
}

impl Text {
    /// A text written as one string or text block, in no particular language.
    pub(crate) fn plain(text: String, range: TextRange) -> Text {
        Text {
            parts: Box::new([TextPart {
                lang: None,
                text: text.into_boxed_str(),
                range,
            }]),
            block: None,
        }
    }

    /// The text for `lang`; a plain string counts for `first_lang`.
    pub fn get(&self, lang: &str, first_lang: &str) -> Option<&str> {
        self.parts
            .iter()
            .find(|p| match p.lang {
                Some(l) => l == lang,
                None => lang == first_lang,
            })
            .map(|p| &*p.text)
    }

    /// The text in `lang`, else in `first_lang`, else any.
    pub fn best(&self, lang: &str, first_lang: &str) -> Option<&str> {
        self.get(lang, first_lang)
            .or_else(|| self.get(first_lang, first_lang))
            .or_else(|| self.parts.first().map(|p| &*p.text))
    }
}

/// A reference by id, resolved after all files are lowered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub name: Name,
    pub range: TextRange,
    pub kind: ItemKind,
    /// Set by resolution when the target exists.
    pub target: Option<Target>,
}

/// What a reference resolved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Processor(Id<Processor>),
    Category(CategoryRef),
    Subject(SubjectRef),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CategoryRef {
    Builtin(&'static crate::taxonomy::BuiltinCategory),
    Declared(Id<CategoryDef>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubjectRef {
    Builtin(&'static crate::taxonomy::BuiltinSubject),
    Declared(Id<SubjectDef>),
}

/// An item of kind `T` declared in a file: the file and its index among that file's items of
/// that kind. The kind is part of the type, so that processor 0 and category 0 of a file — the
/// same numbers — can never be taken for each other (issue 17): a `Target::Processor` holds an
/// `Id<Processor>`, `Workspace::category` takes an `Id<CategoryDef>`.
///
/// ```compile_fail
/// use ropa_analysis::FileId;
/// use ropa_analysis::model::{CategoryDef, Id, Processor};
/// let processor: Id<Processor> = Id::new(FileId(0), 0);
/// let category: Id<CategoryDef> = processor; // a processor's id names no category
/// ```
pub struct Id<T> {
    pub file: FileId,
    pub index: u32,
    kind: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    pub const fn new(file: FileId, index: u32) -> Self {
        Self {
            file,
            index,
            kind: PhantomData,
        }
    }
}

// By hand: derived impls would ask the same of `T` (an `Activity` is neither `Copy` nor `Ord`).
impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Id<T> {}
impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        (self.file, self.index) == (other.file, other.index)
    }
}
impl<T> Eq for Id<T> {}
impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.file, self.index).cmp(&(other.file, other.index))
    }
}
impl<T> std::hash::Hash for Id<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.file, self.index).hash(state);
    }
}
impl<T> std::fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = std::any::type_name::<T>().rsplit("::").next().unwrap_or("");
        write!(f, "Id<{kind}>({}:{})", self.file.0, self.index)
    }
}

/// Common facts of every item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemHeader {
    pub file: FileId,
    pub kind: ItemKind,
    pub keyword: TextRange,
    pub id: Option<Spanned<Name>>,
    /// The whole item.
    pub range: TextRange,
    /// Byte offset of the body's closing `}` (where new fields are inserted).
    pub body_end: usize,
    /// How the keys of the item's blocks are written, whatever the model made of their values.
    pub writes: Vec<KeyWrite>,
}

/// A key written in a block of an item: present (also with an invalid value, or twice), or meant
/// by a misspelt key. Rules about an absent key stay silent for these: the mistake was reported
/// already (`invalid-value`, `unknown-field`) — one mistake, one finding.
///
/// Compact (24 bytes; an item has a dozen or more, kept as long as the workspace): the schema's
/// key by reference, offsets as `u32` (files are far below 4 GiB; larger offsets saturate).
#[derive(Clone, Copy)]
pub struct KeyWrite {
    spec: &'static crate::schema::KeySpec,
    /// Start of the block: the item's [anchor](ItemHeader::anchor), or the key of the field
    /// holding it (`ai`, `legal_basis`, `dpo` …).
    pub(crate) block: u32,
    /// The value's range; `start > end` when there is none.
    pub(crate) value: (u32, u32),
    pub(crate) misspelt: bool,
    /// The value is the placeholder `todo` (its range is [`Self::value`]).
    pub(crate) todo: bool,
}

impl KeyWrite {
    /// `key` written in the block starting at `block`, with its value's range if it has one.
    pub(crate) fn new(
        block: TextRange,
        spec: &'static crate::schema::KeySpec,
        value: Option<TextRange>,
        misspelt: bool,
    ) -> Self {
        Self {
            spec,
            block: offset32(block.start()),
            value: value.map_or((1, 0), |v| (offset32(v.start()), offset32(v.end()))),
            misspelt,
            todo: false,
        }
    }

    /// `key` written in the block starting at `block` with the placeholder `todo` (at `value`)
    /// as its value.
    pub(crate) fn todo(
        block: TextRange,
        spec: &'static crate::schema::KeySpec,
        value: TextRange,
    ) -> Self {
        Self {
            todo: true,
            ..Self::new(block, spec, Some(value), false)
        }
    }

    /// The schema's key.
    pub fn key(&self) -> &'static str {
        self.spec.key
    }

    /// The value as written, when the key is spelt right and has one.
    pub fn value(&self) -> Option<TextRange> {
        let (start, end) = self.value;
        (start <= end).then(|| TextRange::new(start as usize, end as usize))
    }

    /// The key was misspelt (an unknown key whose nearest valid key is [`Self::key`]).
    pub fn misspelt(&self) -> bool {
        self.misspelt
    }

    /// The value is the placeholder `todo`: the key is present, its value not decided yet
    /// (reported by `unfinished-value`; rules about the key being absent stay silent, rules about
    /// its value see no value).
    pub fn is_todo(&self) -> bool {
        self.todo
    }

    fn is_in(&self, block: TextRange, key: &str) -> bool {
        self.block == offset32(block.start()) && self.spec.key == key
    }
}

impl PartialEq for KeyWrite {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.spec, other.spec)
            && (self.block, self.value, self.misspelt, self.todo)
                == (other.block, other.value, other.misspelt, other.todo)
    }
}

impl Eq for KeyWrite {}

impl std::fmt::Debug for KeyWrite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyWrite")
            .field("block", &self.block)
            .field("key", &self.key())
            .field("value", &self.value())
            .field("misspelt", &self.misspelt)
            .field("todo", &self.todo)
            .finish()
    }
}

impl ItemHeader {
    /// Whether the item's key `key` is absent because it was misspelt (reported as
    /// `unknown-field`); rules about a missing key stay silent then.
    pub fn misspelled(&self, key: &str) -> bool {
        // Rules ask this for every item; misspellings are rare, so look for one first.
        let anchor = self.anchor().range;
        self.writes
            .iter()
            .any(|w| w.misspelt && w.is_in(anchor, key))
            && self.written(anchor, key).is_some_and(|w| w.misspelt)
    }

    /// How `key` is written in the block at `block` (the item's anchor or a field's key): its
    /// first occurrence spelt right, else a misspelling of it; `None` when it is not written.
    pub fn written(&self, block: TextRange, key: &str) -> Option<&KeyWrite> {
        let mut writes = self.writes.iter().filter(|w| w.is_in(block, key));
        let first = writes.clone().find(|w| !w.misspelt);
        first.or_else(|| writes.next())
    }

    /// Every placeholder `todo` in the item, in the order written: the key it stands for (for a
    /// language of a text, the text's key) and the range of the word `todo`.
    pub fn todos(&self) -> Vec<Todo> {
        let mut todos: Vec<Todo> = self
            .writes
            .iter()
            .filter(|w| w.todo)
            .filter_map(|w| {
                Some(Todo {
                    key: w.key(),
                    range: w.value()?,
                })
            })
            .collect();
        // Recorded block by block as lowered; listed as written.
        todos.sort_by_key(|t| t.range.start());
        todos
    }

    /// Whether `key` in the block at `block` is written as `todo`.
    pub fn is_todo(&self, block: TextRange, key: &str) -> bool {
        self.writes.iter().any(|w| w.todo && w.is_in(block, key))
    }
}

/// A placeholder `todo` written as the value of a key (CHANGES-2026-12 §1.12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Todo {
    /// The key whose value is not decided yet.
    pub key: &'static str,
    /// The word `todo`.
    pub range: TextRange,
}

impl ItemHeader {
    /// Where the item is named: its id, else its keyword.
    pub fn anchor(&self) -> Location {
        let range = self.id.as_ref().map_or(self.keyword, |id| id.range);
        Location {
            file: self.file,
            range,
        }
    }

    pub fn id(&self) -> &str {
        self.id.as_ref().map_or("", |i| i.value.as_str())
    }

    /// The indentation of the item's line in `text`, its file's text (for inserting fields; read
    /// from the text rather than kept, since the text before the item may change).
    pub fn indent<'t>(&self, text: &'t str) -> &'t str {
        crate::line_indent(text, self.range.start())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub key: TextRange,
    pub name: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// `supervisory_authority`: a name written as a string, or a built-in authority by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Authority {
    Named(String),
    Builtin(&'static crate::authorities::AuthorityEntry),
}

impl Authority {
    /// The name in the reader's language (a written name as written).
    pub fn name(&self, german: bool) -> &str {
        match self {
            Authority::Named(name) => name,
            Authority::Builtin(entry) => entry.name(german),
        }
    }

    /// The confirmed postal address of a built-in authority, as one line.
    pub fn address(&self) -> Option<String> {
        match self {
            Authority::Named(_) => None,
            Authority::Builtin(entry) => entry.address.map(|a| a.line()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Controller {
    pub header: ItemHeader,
    pub name: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub representative: Option<Contact>,
    pub dpo: Option<Contact>,
    pub supervisory_authority: Option<Authority>,
    /// Where the controller is established (`DE` when absent).
    pub country: Option<Keyed<String>>,
    pub managing_directors: Option<Vec<Spanned<String>>>,
    pub register: Option<String>,
    pub imprint: Option<String>,
    /// Persons regularly processing personal data by automated means (Section 38(1) BDSG).
    pub employees_processing: Option<Keyed<u64>>,
    /// The AI literacy measures (AI Act Art. 4).
    pub ai_literacy: Option<AiLiteracy>,
    /// The general technical and organisational measures (Art. 32).
    pub security: Option<Text>,
}

/// `ai_literacy { measures T  updated DATE }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AiLiteracy {
    pub key: TextRange,
    pub measures: Option<Text>,
    pub updated: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Processor,
    JointController,
    Controller,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub key: TextRange,
    pub signed: Option<Date>,
    /// `avv { accepted DATE }`: the contract was accepted online on that day.
    pub accepted: Option<Date>,
    pub document: Option<String>,
    pub expires: Option<Spanned<Date>>,
    pub essence: Option<Text>,
}

/// A `transfer` mechanism (Chapter V GDPR).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mechanism {
    /// An adequacy decision (Art. 45).
    Adequacy,
    /// The EU-US Data Privacy Framework (the US adequacy decision, Art. 45).
    Dpf,
    /// Standard contractual clauses of the Commission (Art. 46(2)(c)).
    Scc,
    /// Binding corporate rules (Art. 46(2)(b), 47).
    Bcr,
    /// An approved code of conduct with binding commitments (Art. 46(2)(e), 40).
    CodeOfConduct,
    /// An approved certification with binding commitments (Art. 46(2)(f), 42).
    Certification,
    /// Contractual clauses authorised by the competent supervisory authority (Art. 46(3)(a)).
    AdHoc,
    /// A derogation for specific situations (Art. 49).
    Derogation,
}

impl Mechanism {
    pub const ALL: [Mechanism; 8] = [
        Self::Adequacy,
        Self::Dpf,
        Self::Scc,
        Self::Bcr,
        Self::CodeOfConduct,
        Self::Certification,
        Self::AdHoc,
        Self::Derogation,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Self::Adequacy => "adequacy",
            Self::Dpf => "dpf",
            Self::Scc => "scc",
            Self::Bcr => "bcr",
            Self::CodeOfConduct => "code_of_conduct",
            Self::Certification => "certification",
            Self::AdHoc => "ad_hoc",
            Self::Derogation => "derogation",
        }
    }

    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.keyword() == s)
    }

    /// What the mechanism is, in German or English: the one wording of it, which the hover
    /// shows and the privacy policy tells the reader (with [`Self::citation`]).
    pub fn name(self, german: bool) -> &'static str {
        match (self, german) {
            (Self::Adequacy, true) => "Angemessenheitsbeschluss der Europäischen Kommission",
            (Self::Adequacy, false) => "adequacy decision of the European Commission",
            (Self::Dpf, true) => "Zertifizierung nach dem EU-US Data Privacy Framework",
            (Self::Dpf, false) => "certification under the EU-US Data Privacy Framework",
            (Self::Scc, true) => "Standardvertragsklauseln der Europäischen Kommission",
            (Self::Scc, false) => "standard contractual clauses adopted by the European Commission",
            (Self::Bcr, true) => "verbindliche interne Datenschutzvorschriften",
            (Self::Bcr, false) => "binding corporate rules",
            (Self::CodeOfConduct, true) => {
                "genehmigte Verhaltensregeln zusammen mit rechtsverbindlichen und durchsetzbaren Verpflichtungen des Empfängers im Drittland"
            }
            (Self::CodeOfConduct, false) => {
                "approved code of conduct together with binding and enforceable commitments of the recipient in the third country"
            }
            (Self::Certification, true) => {
                "genehmigter Zertifizierungsmechanismus zusammen mit rechtsverbindlichen und durchsetzbaren Verpflichtungen des Empfängers im Drittland"
            }
            (Self::Certification, false) => {
                "approved certification mechanism together with binding and enforceable commitments of the recipient in the third country"
            }
            (Self::AdHoc, true) => {
                "von der zuständigen Aufsichtsbehörde genehmigte Vertragsklauseln"
            }
            (Self::AdHoc, false) => {
                "contractual clauses authorised by the competent supervisory authority"
            }
            (Self::Derogation, true) => "Ausnahme für bestimmte Fälle",
            (Self::Derogation, false) => "derogation for specific situations",
        }
    }

    /// The articles the mechanism rests on, cited in German or English — the one place for
    /// them (hover, inlay hints, the privacy policy, the record).
    pub fn citation(self, german: bool) -> &'static str {
        match (self, german) {
            (Self::Adequacy | Self::Dpf, true) => "Art. 45 DSGVO",
            (Self::Adequacy | Self::Dpf, false) => "Art. 45 GDPR",
            (Self::Scc, true) => "Art. 46 Abs. 2 lit. c DSGVO",
            (Self::Scc, false) => "Art. 46(2)(c) GDPR",
            (Self::Bcr, true) => "Art. 46 Abs. 2 lit. b und Art. 47 DSGVO",
            (Self::Bcr, false) => "Art. 46(2)(b) and Art. 47 GDPR",
            (Self::CodeOfConduct, true) => "Art. 46 Abs. 2 lit. e und Art. 40 DSGVO",
            (Self::CodeOfConduct, false) => "Art. 46(2)(e) and Art. 40 GDPR",
            (Self::Certification, true) => "Art. 46 Abs. 2 lit. f und Art. 42 DSGVO",
            (Self::Certification, false) => "Art. 46(2)(f) and Art. 42 GDPR",
            (Self::AdHoc, true) => "Art. 46 Abs. 3 lit. a DSGVO",
            (Self::AdHoc, false) => "Art. 46(3)(a) GDPR",
            (Self::Derogation, true) => "Art. 49 Abs. 1 DSGVO",
            (Self::Derogation, false) => "Art. 49(1) GDPR",
        }
    }

    /// The name with its citation (for hovers).
    pub fn describe(self, german: bool) -> String {
        format!("{} ({})", self.name(german), self.citation(german))
    }

    /// Whether it is an appropriate safeguard of Art. 46 (a contract or rules binding the
    /// recipient): these need a transfer impact assessment (C-311/18), and data subjects may
    /// obtain a copy of them (Art. 13(1)(f)).
    pub fn is_appropriate_safeguard(self) -> bool {
        matches!(
            self,
            Self::Scc | Self::Bcr | Self::CodeOfConduct | Self::Certification | Self::AdHoc
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transfer {
    pub key: TextRange,
    pub mechanism: Option<Spanned<Mechanism>>,
    pub signed: Option<Date>,
    pub document: Option<String>,
    pub basis: Option<String>,
    /// `occasional true`: a derogation used only occasionally (Art. 49).
    pub occasional: Option<Keyed<bool>>,
    /// Why a recipient is within a partial adequacy decision's scope (Art. 45(1), (3)).
    pub scope: Option<Text>,
    /// `tia { done DATE  document "…" }`: the transfer impact assessment (C-311/18).
    pub tia: Option<Dated>,
    /// Range of the `{ … }` block after the mechanism, if any (where keys are inserted).
    pub block: Option<TextRange>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Processor {
    pub header: ItemHeader,
    pub name: Option<String>,
    pub country: Option<Keyed<String>>,
    pub service: Option<Text>,
    pub role: Role,
    pub avv: Option<Agreement>,
    pub joint_agreement: Option<Agreement>,
    pub transfer: Option<Transfer>,
    pub certifications: Option<Vec<Spanned<String>>>,
    pub subprocessors: Vec<Reference>,
    /// `services [..]`: the `ropa scan` catalogue entries this processor covers (ids the
    /// catalogue knows; unknown ones were reported and left out).
    pub services: Option<Vec<Spanned<String>>>,
    pub contact: Option<String>,
    pub address: Option<String>,
    /// The URL of the recipient's own privacy policy.
    pub privacy_policy: Option<String>,
    /// The URL where people can opt out of the recipient's processing.
    pub opt_out: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BasisKind {
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterest,
}

impl BasisKind {
    pub const ALL: [BasisKind; 6] = [
        Self::Consent,
        Self::Contract,
        Self::LegalObligation,
        Self::VitalInterests,
        Self::PublicTask,
        Self::LegitimateInterest,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Self::Consent => "consent",
            Self::Contract => "contract",
            Self::LegalObligation => "legal_obligation",
            Self::VitalInterests => "vital_interests",
            Self::PublicTask => "public_task",
            Self::LegitimateInterest => "legitimate_interest",
        }
    }

    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.keyword() == s)
    }

    /// The letter of Art. 6(1).
    pub fn letter(self) -> char {
        match self {
            Self::Consent => 'a',
            Self::Contract => 'b',
            Self::LegalObligation => 'c',
            Self::VitalInterests => 'd',
            Self::PublicTask => 'e',
            Self::LegitimateInterest => 'f',
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalBasis {
    pub key: TextRange,
    pub kind: Option<Spanned<BasisKind>>,
    /// Range of the `{ … }` block after the keyword, if any.
    pub block: Option<TextRange>,
    /// `for T`: the part of the processing (purpose or data) that rests on this basis.
    pub covers: Option<Text>,
    pub mechanism: Option<Text>,
    pub withdrawal: Option<Text>,
    /// `consent { explicit true }`: explicit consent (Art. 9(2)(a), 22(2)(c), 49(1)(a)).
    pub explicit: Option<Keyed<bool>>,
    /// `consent { parental T }`: how the holder of parental responsibility gives or authorises
    /// the consent of a child (Art. 8).
    pub parental: Option<Text>,
    /// `consent { voluntariness T }`: why consent from employees or applicants is free despite
    /// their dependence (§ 26 Abs. 2 BDSG, Recital 43).
    pub voluntariness: Option<Text>,
    pub interest: Option<Text>,
    pub balancing: Option<Text>,
    /// `legal_obligation { law T }`, `public_task { law T }`.
    pub law: Option<Text>,
    pub contract: Option<Text>,
}

impl LegalBasis {
    pub fn is(&self, kind: BasisKind) -> bool {
        self.kind.as_ref().is_some_and(|k| k.value == kind)
    }
}

/// How long data is kept: a period or the criteria that decide it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Retention {
    Duration { amount: u64, unit: TimeUnit },
    Text(Text),
}

/// One `retention VALUE { data [ref category]  from T  law T }` of an activity (the key is
/// repeatable: one per data category or period).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetentionPart {
    pub key: TextRange,
    /// The period or criteria, if valid (`None` also for `todo`, see [`ItemHeader::todos`]).
    pub value: Option<Spanned<Retention>>,
    /// The categories of data this part is about (all of the activity's when absent).
    pub data: Option<Vec<Reference>>,
    /// When the period starts ("Ende des Kalenderjahres").
    pub from: Option<Text>,
    /// The law that sets the period ("§ 147 AO").
    pub law: Option<Text>,
}

impl RetentionPart {
    pub fn get(&self) -> Option<&Retention> {
        self.value.as_ref().map(|v| &v.value)
    }
}

/// `special_basis`: one Art. 9(2) ground or a list of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecialBasis {
    pub key: TextRange,
    /// The valid grounds as written (an invalid one is left out; `todo` gives none).
    pub grounds: Vec<Spanned<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceAccess {
    pub key: TextRange,
    pub technology: Option<Text>,
    pub strictly_necessary: Option<bool>,
    /// Every `cookie "NAME" { … }`, in order: the cookie table.
    pub cookies: Vec<Cookie>,
}

/// `cookie "NAME" { purpose T  lifetime VALUE  party first|third  provider ID }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cookie {
    pub key: TextRange,
    /// The cookie's name as written (`_ga`); `None` when it is missing or not a string.
    pub name: Option<Spanned<String>>,
    pub purpose: Option<Text>,
    pub lifetime: Option<Spanned<Lifetime>>,
    /// `first` or `third`.
    pub party: Option<Keyed<String>>,
    /// The processor that provides the cookie.
    pub provider: Option<Reference>,
}

/// How long a cookie stays on the device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lifetime {
    /// Deleted when the browser session ends.
    Session,
    Duration {
        amount: u64,
        unit: TimeUnit,
    },
    /// A period the units of a duration cannot say ("1 Minute", "24 Stunden").
    Text(Text),
}

/// `direct_marketing true|false` or `direct_marketing { channels [...]  existing_customers B }`
/// (Art. 21(2), (3) GDPR): processing for direct marketing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectMarketing {
    pub key: TextRange,
    /// `false` only for `direct_marketing false`; a block means `true`.
    pub on: bool,
    pub channels: Vec<Spanned<String>>,
    pub existing_customers: Option<Keyed<bool>>,
}

impl DirectMarketing {
    pub fn has_channel(&self, channel: &str) -> bool {
        self.on && self.channels.iter().any(|c| c.value == channel)
    }
}

/// Whether people must provide the data (Art. 13(2)(e) GDPR).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProvisionKind {
    /// Required by law.
    Statutory,
    /// Required by a contract.
    Contractual,
    /// Needed to enter into a contract.
    RequiredForContract,
    Voluntary,
}

impl ProvisionKind {
    pub const ALL: [ProvisionKind; 4] = [
        Self::Statutory,
        Self::Contractual,
        Self::RequiredForContract,
        Self::Voluntary,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Self::Statutory => "statutory",
            Self::Contractual => "contractual",
            Self::RequiredForContract => "required_for_contract",
            Self::Voluntary => "voluntary",
        }
    }

    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.keyword() == s)
    }

    /// What a legal basis implies when the record states no `provision` (CHANGES-2026-12 §1.5):
    /// a legal obligation makes the data statutory, a contract makes it required for the
    /// contract, consent makes it voluntary; the other bases imply nothing.
    pub fn implied_by(basis: BasisKind) -> Option<Self> {
        match basis {
            BasisKind::LegalObligation => Some(Self::Statutory),
            BasisKind::Contract => Some(Self::RequiredForContract),
            BasisKind::Consent => Some(Self::Voluntary),
            BasisKind::VitalInterests | BasisKind::PublicTask | BasisKind::LegitimateInterest => {
                None
            }
        }
    }
}

/// `provision KIND { consequence T }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provision {
    pub key: TextRange,
    /// `None` when the keyword was invalid or `todo`.
    pub kind: Option<Spanned<ProvisionKind>>,
    /// What happens if people do not provide the data.
    pub consequence: Option<Text>,
}

/// The Art. 13(2)(e) statement an activity supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProvisionFact {
    pub kind: ProvisionKind,
    /// Written as `provision` (else implied by the legal bases).
    pub declared: bool,
}

/// `criminal_basis` (Art. 10 GDPR): the authorisation that data on criminal convictions and
/// offences need beside any Art. 6(1) basis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriminalBasis {
    pub key: TextRange,
    /// `criminal_basis official_authority`: processed under the control of official authority.
    pub official_authority: bool,
    /// `criminal_basis { law "…" }`: the Union or Member State law that authorises it.
    pub law: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dated {
    pub key: TextRange,
    pub done: Option<Date>,
    pub document: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Ai {
    pub key: TextRange,
    pub system: Option<Text>,
    pub provider: Option<Reference>,
    pub profiling: Option<Keyed<bool>>,
    pub automated_decision: Option<Keyed<bool>>,
    pub significant_effect: Option<Keyed<bool>>,
    pub human_review: Option<Text>,
    pub logic: Option<Text>,
    pub chatbot: Option<Keyed<bool>>,
    pub disclosure: Option<Text>,
    pub generates_content: Option<Keyed<bool>>,
    pub labelling: Option<Text>,
    /// Art. 5(1)(a)–(c) AI Act: practices that are prohibited outright.
    pub manipulative: Option<Keyed<bool>>,
    pub exploits_vulnerabilities: Option<Keyed<bool>>,
    pub social_scoring: Option<Keyed<bool>>,
    /// `deployer` (the default) or `provider` (AI Act Art. 3(3), (4)).
    pub role: Option<Keyed<String>>,
    pub deepfake: Option<Keyed<bool>>,
    pub public_interest_text: Option<Keyed<bool>>,
    pub editorial_review: Option<Text>,
    pub emotion_recognition: Option<Keyed<bool>>,
    pub biometric_categorisation: Option<Keyed<bool>>,
    pub anonymized: Option<Keyed<bool>>,
    pub bias_review: Option<Dated>,
    /// `use`: the Annex III area (AI Act Art. 6(2)) the system is used in.
    pub use_area: Option<Keyed<String>>,
    pub deployer_duties: Option<DeployerDuties>,
    /// Categories the system infers: they count as processed (Art. 9(1)).
    pub infers: Option<Vec<Reference>>,
    pub trains_on_personal_data: Option<Keyed<bool>>,
    /// Why training is compatible with the original purpose (Art. 6(4)).
    pub compatibility: Option<Text>,
    /// Range of the block's closing `}` (where fields are inserted).
    pub body_end: usize,
}

/// `deployer_duties { human_oversight T  logs DURATION  workers_informed DATE  fria { … } }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeployerDuties {
    pub key: TextRange,
    pub human_oversight: Option<Text>,
    /// How long logs are kept, as written.
    pub logs: Option<Spanned<(u64, TimeUnit)>>,
    pub workers_informed: Option<Date>,
    pub fria: Option<Dated>,
}

/// Whether a flag is present and `true`.
pub fn flag(f: &Option<Keyed<bool>>) -> bool {
    f.as_ref().is_some_and(Keyed::is_true)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub header: ItemHeader,
    pub title: Option<Text>,
    pub purpose: Option<Text>,
    pub subjects: Option<Vec<Reference>>,
    pub data: Option<Vec<Reference>>,
    /// Every `legal_basis` written, in order (repeatable: one per part of the processing).
    pub legal_bases: Vec<LegalBasis>,
    pub special_basis: Option<SpecialBasis>,
    pub criminal_basis: Option<CriminalBasis>,
    /// `provision KIND { consequence T }`: whether people must provide the data.
    pub provision: Option<Provision>,
    /// `profiling true`: profiling with or without AI (`ai { profiling true }` implies it).
    pub profiling: Option<Keyed<bool>>,
    pub direct_marketing: Option<DirectMarketing>,
    pub processors: Option<Vec<Reference>>,
    pub recipients: Vec<String>,
    /// Every `retention` written, in order (repeatable: per data category or period).
    pub retention: Vec<RetentionPart>,
    pub collection: Option<Keyed<String>>,
    pub source: Option<Text>,
    pub device_access: Option<DeviceAccess>,
    /// Boxed: most activities have none, and it is the largest block.
    pub ai: Option<Box<Ai>>,
    pub dpia: Option<Dated>,
    pub security: Option<Text>,
    pub notice: Option<Keyed<Text>>,
    pub scale: Option<Keyed<String>>,
    /// The department or person responsible inside the organisation (record only).
    pub owner: Option<Text>,
    /// The IT systems used (record only).
    pub systems: Option<Vec<Spanned<String>>>,
    /// Departments inside the organisation that receive the data (record only).
    pub internal_recipients: Option<Vec<Spanned<String>>>,
}

impl Activity {
    /// Whether the activity processes personal data: all do but one with `data []`, which says
    /// it processes none (an AI that generates product images). The GDPR's duties (legal basis,
    /// notice, retention, AVV, DPIA) then do not apply to it; the AI Act's still do.
    pub fn processes_personal_data(&self) -> bool {
        !matches!(&self.data, Some(data) if data.is_empty())
    }

    /// Whether the activity profiles people (Art. 4(4)): `profiling true`, or an AI that does
    /// (`ai { profiling true }`).
    pub fn profiles(&self) -> bool {
        self.profiling.as_ref().is_some_and(|p| p.is_true())
            || self
                .ai
                .as_ref()
                .is_some_and(|ai| ai.profiling.as_ref().is_some_and(|p| p.is_true()))
    }

    /// Whether people must provide the data (Art. 13(2)(e)): the `provision` written, else what
    /// every valid legal basis implies when they agree ([`ProvisionKind::implied_by`]). `None`
    /// for indirect collection (Art. 14 has no such item), for `provision todo` or an invalid
    /// one, and when the bases imply nothing or disagree. The one place rules and generators ask.
    pub fn provision(&self) -> Option<ProvisionFact> {
        if self.is_indirect() {
            return None;
        }
        if let Some(p) = &self.provision {
            return p.kind.as_ref().map(|k| ProvisionFact {
                kind: k.value,
                declared: true,
            });
        }
        let mut implied = self.basis_kinds().map(ProvisionKind::implied_by);
        let first = implied.next()??;
        implied.all(|k| k == Some(first)).then_some(ProvisionFact {
            kind: first,
            declared: false,
        })
    }

    /// Whether the activity is direct marketing (`direct_marketing true` or a block).
    pub fn is_direct_marketing(&self) -> bool {
        self.direct_marketing.as_ref().is_some_and(|d| d.on)
    }

    /// The kinds of the valid legal bases, in the order written.
    pub fn basis_kinds(&self) -> impl Iterator<Item = BasisKind> + '_ {
        self.legal_bases
            .iter()
            .filter_map(|b| b.kind.as_ref())
            .map(|k| k.value)
    }

    /// Whether one of the legal bases is `kind`.
    pub fn has_basis(&self, kind: BasisKind) -> bool {
        self.basis_kinds().any(|k| k == kind)
    }

    /// The first legal basis written (the only one in most records).
    pub fn first_basis(&self) -> Option<&LegalBasis> {
        self.legal_bases.first()
    }

    /// The Art. 9(2) grounds written in `special_basis`.
    pub fn special_grounds(&self) -> impl Iterator<Item = &str> {
        self.special_basis
            .iter()
            .flat_map(|s| &s.grounds)
            .map(|g| g.value.as_str())
    }

    /// Every reference the activity makes: `subjects`, `data`, `processors`, `ai { provider }`,
    /// `retention { data }`, `ai { infers }`, `device_access { cookie { provider } }`. The one
    /// list resolution, rename, go-to-definition and the language server's outline read.
    pub fn references(&self) -> impl Iterator<Item = &Reference> {
        let lists = [&self.subjects, &self.data, &self.processors]
            .into_iter()
            .flatten()
            .flatten();
        let provider = self.ai.as_ref().and_then(|ai| ai.provider.as_ref());
        let retention = self.retention.iter().flat_map(|r| r.data.iter().flatten());
        let infers = self.ai.iter().flat_map(|ai| ai.infers.iter().flatten());
        let cookies = self.cookies().filter_map(|c| c.provider.as_ref());
        lists
            .chain(provider)
            .chain(retention)
            .chain(infers)
            .chain(cookies)
    }

    /// The processors the activity names itself: `processors`, then `ai { provider }` (not
    /// their subprocessors, nor a cookie's `provider`).
    pub fn named_processors(&self) -> impl Iterator<Item = &Reference> {
        let provider = self.ai.as_ref().and_then(|ai| ai.provider.as_ref());
        self.processors.iter().flatten().chain(provider)
    }

    /// The cookies of `device_access`, in order.
    pub fn cookies(&self) -> impl Iterator<Item = &Cookie> {
        self.device_access.iter().flat_map(|d| &d.cookies)
    }

    /// [`Self::references`], to resolve them.
    pub fn references_mut(&mut self) -> impl Iterator<Item = &mut Reference> {
        let lists = [&mut self.subjects, &mut self.data, &mut self.processors]
            .into_iter()
            .flatten()
            .flatten();
        let (provider, infers) = match self.ai.as_deref_mut() {
            Some(ai) => (ai.provider.as_mut(), ai.infers.as_mut()),
            None => (None, None),
        };
        let retention = self
            .retention
            .iter_mut()
            .flat_map(|r| r.data.iter_mut().flatten());
        let cookies = self
            .device_access
            .iter_mut()
            .flat_map(|d| &mut d.cookies)
            .filter_map(|c| c.provider.as_mut());
        lists
            .chain(provider)
            .chain(retention)
            .chain(infers.into_iter().flatten())
            .chain(cookies)
    }

    pub fn is_indirect(&self) -> bool {
        self.collection
            .as_ref()
            .and_then(|c| c.get())
            .is_some_and(|c| c == "indirect")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryDef {
    pub header: ItemHeader,
    pub label: Option<Text>,
    pub special: bool,
    pub criminal: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubjectDef {
    pub header: ItemHeader,
    pub label: Option<Text>,
}

/// Where a `section` stands in the privacy policy (CHANGES-2026-12 §1.10).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionPlace {
    /// After the introduction (controller, DPO), before anything else.
    AfterIntro,
    /// Before the activities.
    BeforeActivities,
    /// After the activities (the default).
    #[default]
    AfterActivities,
    /// Before the data subjects' rights.
    BeforeRights,
}

impl SectionPlace {
    pub const ALL: [SectionPlace; 4] = [
        Self::AfterIntro,
        Self::BeforeActivities,
        Self::AfterActivities,
        Self::BeforeRights,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Self::AfterIntro => "after_intro",
            Self::BeforeActivities => "before_activities",
            Self::AfterActivities => "after_activities",
            Self::BeforeRights => "before_rights",
        }
    }

    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.keyword() == s)
    }
}

/// `section ID { title T  text T  place P }`: policy-wide text that belongs to no activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub header: ItemHeader,
    pub title: Option<Text>,
    pub text: Option<Text>,
    /// `after_activities` when absent, `todo` or invalid.
    pub place: SectionPlace,
}

/// `client ID { … }`: a controller for which the workspace's organisation processes personal
/// data as a processor; one entry of the processor's record (Art. 30(2) GDPR).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub header: ItemHeader,
    pub name: Option<String>,
    pub address: Option<String>,
    pub contact: Option<String>,
    /// Where the client is established, if written.
    pub country: Option<Keyed<String>>,
    pub representative: Option<Contact>,
    pub dpo: Option<Contact>,
    /// The categories of processing carried out on its behalf (Art. 30(2)(b)).
    pub processing: Option<Text>,
    /// The Art. 28(3) contract with the client.
    pub avv: Option<Agreement>,
    /// Processors engaged for this client.
    pub subprocessors: Vec<Reference>,
    /// The safeguard for transferring its data to it, when it is in a third country.
    pub transfer: Option<Transfer>,
}

/// What one file declares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileModel {
    pub controllers: Vec<Controller>,
    pub processors: Vec<Processor>,
    pub activities: Vec<Activity>,
    pub categories: Vec<CategoryDef>,
    pub subjects: Vec<SubjectDef>,
    pub sections: Vec<Section>,
    pub clients: Vec<Client>,
    pub suppressions: Vec<Suppression>,
    /// The range of every item in the file, in order (also items the model has no place for,
    /// such as one without an id).
    pub items: Vec<TextRange>,
    /// The activities a check has let go of once it checked them ([`crate::Workspace::let_go`]):
    /// what the rest of the workspace still asks of them. Empty otherwise.
    pub checked: Vec<CheckedActivity>,
}

/// An activity a check has let go of, kept for what the rest of the workspace asks of it: its
/// header (ids defined twice, the first activity, workspace symbols) and where its references
/// are, which resolution resolves with the rest (used definitions, unresolved names) and
/// navigation finds (references, rename). Compact — a large workspace keeps one per activity:
/// a reference is its kind and range, its name the text there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedActivity {
    /// The header, without its key writes (only the activity's own rules read those).
    pub header: ItemHeader,
    /// The title (its language block as written is let go of): workspace symbols match and
    /// show it.
    pub title: Option<Text>,
    /// [`Activity::references`], in that order.
    pub references: Box<[CheckedRef]>,
    /// Where [`Activity::named_processors`] are among `references`.
    named_processors: std::ops::Range<u32>,
}

/// A reference of an activity a check let go of: what it names and where (the name is the
/// file's text there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckedRef {
    pub kind: ItemKind,
    pub range: TextRange,
}

impl CheckedRef {
    /// The name it refers to, read from the file's text.
    pub fn name<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.range.start()..self.range.end()).unwrap_or("")
    }
}

impl CheckedActivity {
    pub fn new(a: Activity) -> CheckedActivity {
        let before = [&a.subjects, &a.data]
            .into_iter()
            .flatten()
            .map(Vec::len)
            .sum::<usize>() as u32;
        let named = a.named_processors().count() as u32;
        let references = (a.references())
            .map(|r| CheckedRef {
                kind: r.kind,
                range: r.range,
            })
            .collect();
        CheckedActivity {
            references,
            title: a.title.map(|t| Text { block: None, ..t }),
            named_processors: before..before + named,
            header: ItemHeader {
                writes: Vec::new(),
                ..a.header
            },
        }
    }

    /// [`Activity::named_processors`] of the activity.
    pub fn named_processors(&self) -> &[CheckedRef] {
        let r = &self.named_processors;
        self.references
            .get(r.start as usize..r.end as usize)
            .unwrap_or_default()
    }
}

/// An activity in memory or one a check let go of: what both can tell.
#[derive(Clone, Copy, Debug)]
pub enum ActivityView<'a> {
    Full(&'a Activity),
    Checked(&'a CheckedActivity),
}

impl<'a> ActivityView<'a> {
    pub fn header(self) -> &'a ItemHeader {
        match self {
            ActivityView::Full(a) => &a.header,
            ActivityView::Checked(c) => &c.header,
        }
    }

    pub fn title(self) -> Option<&'a Text> {
        match self {
            ActivityView::Full(a) => a.title.as_ref(),
            ActivityView::Checked(c) => c.title.as_ref(),
        }
    }

    /// Every reference as kind, name and place (`text` is the file's).
    pub fn references(self, text: &'a str) -> Box<dyn Iterator<Item = RefView<'a>> + 'a> {
        match self {
            ActivityView::Full(a) => Box::new(a.references().map(RefView::of)),
            ActivityView::Checked(c) => {
                Box::new(c.references.iter().map(move |r| RefView::checked(r, text)))
            }
        }
    }
}

/// A reference as both kinds of activity can tell it: what it names and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefView<'a> {
    pub kind: ItemKind,
    pub name: &'a str,
    pub range: TextRange,
}

impl<'a> RefView<'a> {
    pub fn of(r: &'a Reference) -> RefView<'a> {
        RefView {
            kind: r.kind,
            name: &r.name,
            range: r.range,
        }
    }

    fn checked(r: &CheckedRef, text: &'a str) -> RefView<'a> {
        RefView {
            kind: r.kind,
            name: r.name(text),
            range: r.range,
        }
    }
}

impl FileModel {
    /// The headers of the file's activities, also of those a check let go of.
    pub fn activity_headers(&self) -> impl Iterator<Item = &ItemHeader> {
        self.activity_views().map(ActivityView::header)
    }

    /// The file's activities, in memory or let go of.
    pub fn activity_views(&self) -> impl Iterator<Item = ActivityView<'_>> {
        (self.activities.iter().map(ActivityView::Full))
            .chain(self.checked.iter().map(ActivityView::Checked))
    }

    /// The header of every item, by kind: controllers, processors, activities (also those let
    /// go of), categories, subjects, sections, clients — the one list of them that navigation
    /// and the rules on every item read.
    pub fn headers(&self) -> impl Iterator<Item = &ItemHeader> {
        (self.controllers.iter().map(|c| &c.header))
            .chain(self.processors.iter().map(|p| &p.header))
            .chain(self.activity_headers())
            .chain(self.categories.iter().map(|c| &c.header))
            .chain(self.subjects.iter().map(|s| &s.header))
            .chain(self.sections.iter().map(|s| &s.header))
            .chain(self.clients.iter().map(|c| &c.header))
    }

    /// Every reference in the file's items in memory: the processors' and clients'
    /// `subprocessors`, then each activity's ([`Activity::references`]) — the one list of them
    /// that resolution and the editor's features read. [`Self::reference_views`] adds the
    /// activities let go of.
    pub fn references(&self) -> impl Iterator<Item = &Reference> {
        (self.processors.iter().flat_map(|p| &p.subprocessors))
            .chain(self.clients.iter().flat_map(|c| &c.subprocessors))
            .chain(self.activities.iter().flat_map(Activity::references))
    }

    /// [`Self::references`], to resolve them.
    pub fn references_mut(&mut self) -> impl Iterator<Item = &mut Reference> {
        (self
            .processors
            .iter_mut()
            .flat_map(|p| &mut p.subprocessors))
        .chain(self.clients.iter_mut().flat_map(|c| &mut c.subprocessors))
        .chain(
            self.activities
                .iter_mut()
                .flat_map(Activity::references_mut),
        )
    }

    /// Every reference in the file, also of the activities let go of, as kind, name and place
    /// (`text` is the file's): for navigation.
    pub fn reference_views<'a>(&'a self, text: &'a str) -> impl Iterator<Item = RefView<'a>> {
        (self.references().map(RefView::of)).chain(
            (self.checked.iter()).flat_map(move |c| ActivityView::Checked(c).references(text)),
        )
    }

    /// What an edit of the file must keep for its effects to stay inside the file, in one
    /// string (cheap to build and compare): `None` when the file declares something other
    /// files refer to or clash with; else its activity ids and references (kind and name), in
    /// order. Two versions of a file with the same outline resolve alike. `text` is the file's.
    pub fn outline(&self, text: &str) -> Option<String> {
        if self.declares_shared_names() {
            return None;
        }
        let mut out = String::with_capacity(self.activity_headers().count() * 96);
        for a in self.activity_views() {
            out.push_str(a.header().id());
            out.push('\n');
            for r in a.references(text) {
                out.push_str(r.kind.keyword());
                out.push(' ');
                out.push_str(r.name);
                out.push('\n');
            }
        }
        Some(out)
    }

    /// Whether the file declares something other files can refer to or clash with: a
    /// controller, a processor, a category, a subject, a section or a client (activities are
    /// referred to by nothing).
    pub fn declares_shared_names(&self) -> bool {
        !(self.controllers.is_empty()
            && self.processors.is_empty()
            && self.categories.is_empty()
            && self.subjects.is_empty()
            && self.sections.is_empty()
            && self.clients.is_empty())
    }
}

/// A `// ropa-ignore RULE[, RULE…]: reason` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub file: FileId,
    /// The comment.
    pub range: TextRange,
    pub rules: Vec<Spanned<String>>,
    pub reason: Option<String>,
    /// The item or field it applies to (the one starting on the next line), if any.
    pub target: Option<TextRange>,
    /// Whether the comment stands on its own line (a trailing comment suppresses nothing).
    pub own_line: bool,
}
