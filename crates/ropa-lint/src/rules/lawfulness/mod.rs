//! Lawfulness rules (Art. 6–10 GDPR).

pub(crate) mod ambiguous_legal_basis;
pub(crate) mod children_without_parental_consent;
pub(crate) mod consent_not_demonstrable;
pub(crate) mod criminal_data_without_authority;
pub(crate) mod direct_marketing_without_objection_basis;
pub(crate) mod employee_consent;
pub(crate) mod legitimate_interest_without_balancing;
pub(crate) mod missing_legal_basis;
pub(crate) mod missing_withdrawal_info;
pub(crate) mod outdated_employee_basis;
pub(crate) mod special_category_without_exception;
pub(crate) mod uwg_consent_documentation;
pub(crate) mod uwg_email_without_consent;
pub(crate) mod uwg_phone_without_consent;

use ropa_analysis::model::{Activity, LegalBasis, Reference, SubjectRef, Target, Text};
use ropa_analysis::{Edit, Fix, Location};
use ropa_syntax::TextRange;

use crate::Context;

use crate::rules::transparency::block_key_writes;

/// Whether the block of `legal_basis KIND { … }` lacks `name` entirely: `value` (the lowered
/// text) is absent, and the key is neither written with an invalid value nor misspelt (both are
/// reported already).
pub(crate) fn basis_lacks(
    activity: &Activity,
    basis: &LegalBasis,
    value: Option<&Text>,
    name: &str,
) -> bool {
    value.is_none() && !block_key_writes(&activity.header, basis.key, name)
}

/// Whether every `legal_basis` of the activity is valid and there is at least one. Rules that
/// ask "is any basis consent?" stay silent otherwise: a missing basis, an invalid one or `todo`
/// is reported on its own (and `todo` may yet become consent).
pub(crate) fn has_valid_bases(activity: &Activity) -> bool {
    !activity.legal_bases.is_empty() && activity.legal_bases.iter().all(|b| b.kind.is_some())
}

/// A marketing channel as messages name it.
pub(crate) fn channel_name(channel: &str) -> &str {
    match channel {
        "email" => "e-mail",
        "sms" => "SMS",
        "phone" => "telephone",
        "online_ads" => "online ads",
        other => other,
    }
}

/// The first subject of the activity who is a consumer for the UWG: any resolved subject but
/// the built-in `business_contacts` (an unresolved one is reported on its own).
pub(crate) fn consumer_subject(activity: &Activity) -> Option<&Reference> {
    activity
        .subjects
        .iter()
        .flatten()
        .find(|r| match &r.target {
            Some(Target::Subject(SubjectRef::Builtin(b))) => b.id != "business_contacts",
            Some(_) => true,
            None => false,
        })
}

/// The built-in subject `id` among the activity's subjects (`children`, `employees`, …).
pub(crate) fn builtin_subject<'a>(activity: &'a Activity, id: &str) -> Option<&'a Reference> {
    activity
        .subjects
        .iter()
        .flatten()
        .find(|r| matches!(&r.target, Some(Target::Subject(SubjectRef::Builtin(b))) if b.id == id))
}

/// A fix inserting `field` (such as `parental todo`) into the block of `legal_basis consent`:
/// before its closing `}`, or as a new block `{ field }` after `consent` when it has none.
pub(crate) fn insert_into_basis(
    ctx: &Context,
    title: String,
    activity: &Activity,
    basis: &LegalBasis,
    field: &str,
) -> Option<Fix> {
    let file = activity.header.file;
    let text = ctx.text(file);
    match basis.block {
        Some(block) => {
            let close = block.end().checked_sub(1)?;
            (text.get(close..block.end()) == Some("}")).then(|| {
                crate::rules::ai::insert_into_block(ctx, title, file, basis.key, close, field)
            })
        }
        None => {
            let word = basis.kind.as_ref()?.range;
            Some(Fix {
                title,
                edits: vec![Edit {
                    location: Location {
                        file,
                        range: TextRange::empty(word.end()),
                    },
                    text: format!(" {{ {field} }}"),
                }],
                safe: false,
            })
        }
    }
}
