//! Moving lowered facts by a number of bytes.
//!
//! After an edit, the language server keeps the items the edit did not touch instead of lowering
//! them again; an item after the edit only moves. Every struct impl destructures all its fields,
//! so a field added to the model without a decision here does not compile.

use ropa_syntax::{Date, ItemKind, TextRange, TimeUnit};

use crate::model::*;
use crate::{Diagnostic, Edit, FileId, Fix, Location, Related, Severity};

/// Moves every byte offset of `self` that lies in `file` by `delta`.
pub(crate) trait Shift {
    fn shift(&mut self, file: FileId, delta: isize);
}

fn moved(offset: usize, delta: isize) -> usize {
    offset.saturating_add_signed(delta)
}

impl Shift for usize {
    fn shift(&mut self, _: FileId, delta: isize) {
        *self = moved(*self, delta);
    }
}

impl Shift for TextRange {
    fn shift(&mut self, _: FileId, delta: isize) {
        *self = TextRange::new(moved(self.start(), delta), moved(self.end(), delta));
    }
}

impl Shift for Location {
    fn shift(&mut self, file: FileId, delta: isize) {
        // Related places and fixes may point into other files, which did not move.
        if self.file == file {
            self.range.shift(file, delta);
        }
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, file: FileId, delta: isize) {
        if let Some(v) = self {
            v.shift(file, delta);
        }
    }
}

impl<T: Shift> Shift for Box<T> {
    fn shift(&mut self, file: FileId, delta: isize) {
        (**self).shift(file, delta);
    }
}

impl<T: Shift> Shift for Box<[T]> {
    fn shift(&mut self, file: FileId, delta: isize) {
        for v in self.iter_mut() {
            v.shift(file, delta);
        }
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(&mut self, file: FileId, delta: isize) {
        for v in self {
            v.shift(file, delta);
        }
    }
}

/// Values without a position.
macro_rules! unmoved {
    ($($t:ty),* $(,)?) => {
        $(impl Shift for $t {
            fn shift(&mut self, _: FileId, _: isize) {}
        })*
    };
}

unmoved!(
    String,
    crate::model::Authority,
    Box<str>,
    Name,
    bool,
    u64,
    &'static str,
    Date,
    ItemKind,
    TimeUnit,
    (u64, TimeUnit),
    FileId,
    Severity,
    Role,
    Mechanism,
    BasisKind,
    ProvisionKind,
    SectionPlace,
    // Set again by resolution after every change.
    Target,
);

/// Shifts every field of a struct; listing them all is checked by the compiler.
macro_rules! shift_fields {
    ($($t:ident { $($field:ident),* $(,)? })*) => {
        $(impl Shift for $t {
            fn shift(&mut self, file: FileId, delta: isize) {
                let $t { $($field),* } = self;
                $($field.shift(file, delta);)*
            }
        })*
    };
}

impl<T: Shift> Shift for Spanned<T> {
    fn shift(&mut self, file: FileId, delta: isize) {
        let Spanned { value, range } = self;
        value.shift(file, delta);
        range.shift(file, delta);
    }
}

impl<T: Shift> Shift for Keyed<T> {
    fn shift(&mut self, file: FileId, delta: isize) {
        let Keyed { key, value } = self;
        key.shift(file, delta);
        value.shift(file, delta);
    }
}

shift_fields! {
    Text { parts, block }
    LanguageBlock { close_brace, keys, todo }
    TextPart { lang, text, range }
    Reference { name, range, kind, target }
    Contact { key, name, address, email, phone }
    Agreement { key, signed, accepted, document, expires, essence }
    Transfer { key, mechanism, signed, document, basis, occasional, scope, tia, block }
    LegalBasis {
        key, kind, block, covers, mechanism, withdrawal, explicit, parental, voluntariness,
        interest, balancing, law, contract,
    }
    RetentionPart { key, value, data, from, law }
    SpecialBasis { key, grounds }
    DeviceAccess { key, technology, strictly_necessary, cookies }
    Cookie { key, name, purpose, lifetime, party, provider }
    Dated { key, done, document }
    CriminalBasis { key, official_authority, law }
    Provision { key, kind, consequence }
    AiLiteracy { key, measures, updated }
    DeployerDuties { key, human_oversight, logs, workers_informed, fria }
    DirectMarketing { key, on, channels, existing_customers }
    Ai {
        key, system, provider, profiling, automated_decision, significant_effect, human_review,
        logic, chatbot, disclosure, generates_content, labelling, manipulative,
        exploits_vulnerabilities, social_scoring, role, deepfake,
        public_interest_text, editorial_review, emotion_recognition,
        biometric_categorisation, anonymized, bias_review, use_area, deployer_duties, infers,
        trains_on_personal_data, compatibility, body_end,
    }
    Controller {
        header, name, address, email, phone, website, representative, dpo, supervisory_authority,
        country, managing_directors, register, imprint, employees_processing, ai_literacy, security,
    }
    Processor {
        header, name, country, service, role, avv, joint_agreement, transfer, certifications,
        subprocessors, services, contact, address, privacy_policy, opt_out,
    }
    Activity {
        header, title, purpose, subjects, data, legal_bases, special_basis, criminal_basis, provision, profiling,
        direct_marketing, processors,
        recipients, retention, collection, source, device_access, ai, dpia, security, notice,
        scale, owner, systems, internal_recipients,
    }
    CategoryDef { header, label, special, criminal }
    SubjectDef { header, label }
    Section { header, title, text, place }
    Client {
        header, name, address, contact, country, representative, dpo, processing, avv,
        subprocessors, transfer,
    }
    Related { location, message }
    Edit { location, text }
    Fix { title, edits, safe }
    Diagnostic { rule, severity, message, location, related, fixes, unnecessary }
}

impl Shift for Retention {
    fn shift(&mut self, file: FileId, delta: isize) {
        match self {
            Retention::Duration { amount, unit } => {
                amount.shift(file, delta);
                unit.shift(file, delta);
            }
            Retention::Text(text) => text.shift(file, delta),
        }
    }
}

impl Shift for Lifetime {
    fn shift(&mut self, file: FileId, delta: isize) {
        match self {
            Lifetime::Session => {}
            Lifetime::Duration { amount, unit } => {
                amount.shift(file, delta);
                unit.shift(file, delta);
            }
            Lifetime::Text(text) => text.shift(file, delta),
        }
    }
}

impl Shift for KeyWrite {
    fn shift(&mut self, _: FileId, delta: isize) {
        let at = |offset: u32| ropa_syntax::offset32(moved(offset as usize, delta));
        self.block = at(self.block);
        // Only a present value moves; an absent one stays `start > end`.
        if self.value.0 <= self.value.1 {
            self.value = (at(self.value.0), at(self.value.1));
        }
    }
}

impl Shift for ItemHeader {
    fn shift(&mut self, file: FileId, delta: isize) {
        let ItemHeader {
            file: own,
            kind,
            keyword,
            id,
            range,
            body_end,
            writes,
        } = self;
        own.shift(file, delta);
        kind.shift(file, delta);
        keyword.shift(file, delta);
        id.shift(file, delta);
        range.shift(file, delta);
        body_end.shift(file, delta);
        writes.shift(file, delta);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_only_positions_in_the_file() {
        let here = FileId(1);
        let mut d = Diagnostic::new(
            "x",
            Severity::Error,
            Location {
                file: here,
                range: TextRange::new(10, 12),
            },
            "m",
        )
        .with_related(
            Location {
                file: FileId(2),
                range: TextRange::new(10, 12),
            },
            "elsewhere",
        );
        d.shift(here, -3);
        assert_eq!(d.location.range, TextRange::new(7, 9));
        assert_eq!(d.related[0].location.range, TextRange::new(10, 12));
    }
}
