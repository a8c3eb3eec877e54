//! Transparency rules (Art. 12–14 GDPR), plus two kinds of helpers other categories share: looking
//! at the syntax of a block (to tell "absent" from "present but invalid" or "misspelt", which are
//! reported already) and the draft privacy-notice paragraph the quick fix of
//! `missing-privacy-notice` inserts.

pub(crate) mod missing_controller;
pub(crate) mod missing_dpo_contact;
pub(crate) mod missing_privacy_notice;
pub(crate) mod missing_provision_info;
pub(crate) mod missing_retention;
pub(crate) mod missing_source;
pub(crate) mod missing_translation;

use ropa_analysis::model::{
    Activity, BasisKind, CategoryRef, ItemHeader, LanguageBlock, LegalBasis, Retention, Target,
    Text,
};
use ropa_analysis::taxonomy::BuiltinCategory;
use ropa_analysis::{geo, suggest};
use ropa_syntax::{TextRange, TimeUnit};

use crate::Context;

// ---------------------------------------------------------------------------------------------
// Syntax helpers: "is this key written at all?"
// ---------------------------------------------------------------------------------------------

/// Whether an item writes the top-level key `name` at all: present (even with an invalid value)
/// or misspelt. Rules about a missing key stay silent then: the key is reported already.
pub(crate) fn item_writes(header: &ItemHeader, name: &str) -> bool {
    header.written(header.anchor().range, name).is_some()
}

/// Whether the block of the field whose key is at `key` (`dpo { … }`, `legal_basis consent { … }`,
/// `device_access { … }`) writes `name` at all: present (even with an invalid value) or misspelt.
pub(crate) fn block_key_writes(header: &ItemHeader, key: TextRange, name: &str) -> bool {
    header.written(key, name).is_some()
}

// ---------------------------------------------------------------------------------------------
// Languages and the draft privacy-notice paragraph
// ---------------------------------------------------------------------------------------------

/// Whether a language block writes `lang` at all: present (even with an invalid value), or an
/// invalid language code that probably meant it (reported by `invalid-value`).
pub(crate) fn writes_language(block: &LanguageBlock, text: &str, lang: &str) -> bool {
    block.keys.iter().any(|k| {
        let k = k.slice(text);
        k == lang || (!geo::is_language_code(k) && suggest(k, [lang]).is_some())
    })
}

/// The English name of a language code, for messages and fix titles.
pub(crate) fn language_name(lang: &str) -> &str {
    match lang {
        "de" => "German",
        "en" => "English",
        "fr" => "French",
        "it" => "Italian",
        "es" => "Spanish",
        "nl" => "Dutch",
        "pl" => "Polish",
        "da" => "Danish",
        "sv" => "Swedish",
        "pt" => "Portuguese",
        other => other,
    }
}

/// The wording of the draft: German for `de`, English for every other language (the user
/// translates it).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wording {
    De,
    En,
}

/// One sentence of a fact taken from the record: whitespace collapsed, no final full stop (the
/// sentence adds its own), and nothing that would end a text block.
fn fact(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_end_matches(['.', ' '])
        .replace("\"\"\"", "\"\" \"")
}

/// The text of `t` for `lang` (else the first language, else any), as a fact.
fn text_fact(t: Option<&Text>, lang: &str, first: &str) -> Option<String> {
    t.and_then(|t| t.best(lang, first))
        .map(fact)
        .filter(|s| !s.is_empty())
}

fn builtin_label(b: &BuiltinCategory, wording: Wording) -> &'static str {
    match wording {
        Wording::De => b.de,
        Wording::En => b.en,
    }
}

/// The labels of the categories in `data` (resolved ones only), in `lang`.
fn data_labels(ctx: &Context, activity: &Activity, lang: &str, wording: Wording) -> Vec<String> {
    let first = ctx.first_language();
    activity
        .data
        .iter()
        .flatten()
        .filter_map(|r| match r.target {
            Some(Target::Category(CategoryRef::Builtin(b))) => {
                Some(builtin_label(b, wording).to_string())
            }
            Some(Target::Category(CategoryRef::Declared(d))) => Some(
                text_fact(ctx.category(d).label.as_ref(), lang, first)
                    .unwrap_or_else(|| r.name.to_string()),
            ),
            _ => None,
        })
        .collect()
}

/// "a, b und c" / "a, b and c"
fn join_list(items: &[String], wording: Wording) -> String {
    let and = match wording {
        Wording::De => "und",
        Wording::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

fn duration_de(amount: u64, unit: TimeUnit) -> String {
    // Accusative of duration: "einen Monat lang", "13 Monate lang".
    let (one, many) = match unit {
        TimeUnit::Day => ("einen Tag", "Tage"),
        TimeUnit::Week => ("eine Woche", "Wochen"),
        TimeUnit::Month => ("einen Monat", "Monate"),
        TimeUnit::Year => ("ein Jahr", "Jahre"),
    };
    match amount {
        1 => one.to_string(),
        n => format!("{n} {many}"),
    }
}

fn duration_en(amount: u64, unit: TimeUnit) -> String {
    let word = match unit {
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
        TimeUnit::Year => "year",
    };
    match amount {
        1 => format!("one {word}"),
        n => format!("{n} {word}s"),
    }
}

/// The sentences on each legal basis (Art. 6(1)) and what follows from it.
fn basis_sentences(activity: &Activity, lang: &str, first: &str, wording: Wording) -> Vec<String> {
    activity
        .legal_bases
        .iter()
        .flat_map(|basis| one_basis_sentences(basis, lang, first, wording))
        .collect()
}

/// The sentences on one legal basis.
fn one_basis_sentences(
    basis: &LegalBasis,
    lang: &str,
    first: &str,
    wording: Wording,
) -> Vec<String> {
    let Some(kind) = basis.kind.as_ref().map(|k| k.value) else {
        return Vec::new();
    };
    let letter = kind.letter();
    let mut out = Vec::new();
    match wording {
        Wording::De => {
            let cite = format!("Art. 6 Abs. 1 lit. {letter} DSGVO");
            match kind {
                BasisKind::Consent => {
                    out.push(format!("Rechtsgrundlage ist Ihre Einwilligung ({cite})."));
                    out.push(
                        "Sie können Ihre Einwilligung jederzeit mit Wirkung für die Zukunft \
                         widerrufen. Der Widerruf berührt nicht die Rechtmäßigkeit der bis dahin \
                         erfolgten Verarbeitung."
                            .to_string(),
                    );
                    if let Some(w) = text_fact(basis.withdrawal.as_ref(), lang, first) {
                        out.push(format!("So widerrufen Sie: {w}."));
                    }
                }
                BasisKind::Contract => out.push(format!(
                    "Rechtsgrundlage ist die Erfüllung unseres Vertrags mit Ihnen oder die \
                     Durchführung vorvertraglicher Maßnahmen ({cite})."
                )),
                BasisKind::LegalObligation => {
                    let law = text_fact(basis.law.as_ref(), lang, first)
                        .map(|l| format!(", hier {l}"))
                        .unwrap_or_default();
                    out.push(format!(
                        "Rechtsgrundlage ist eine rechtliche Verpflichtung, der wir unterliegen \
                         ({cite}{law})."
                    ));
                }
                BasisKind::VitalInterests => out.push(format!(
                    "Rechtsgrundlage ist der Schutz lebenswichtiger Interessen ({cite})."
                )),
                BasisKind::PublicTask => out.push(format!(
                    "Rechtsgrundlage ist die Wahrnehmung einer Aufgabe im öffentlichen \
                     Interesse ({cite})."
                )),
                BasisKind::LegitimateInterest => {
                    out.push(format!(
                        "Rechtsgrundlage ist unser berechtigtes Interesse ({cite})."
                    ));
                    if let Some(i) = text_fact(basis.interest.as_ref(), lang, first) {
                        out.push(format!("Unser berechtigtes Interesse: {i}."));
                    }
                    out.push(
                        "Sie können dieser Verarbeitung aus Gründen, die sich aus Ihrer \
                         besonderen Situation ergeben, jederzeit widersprechen (Art. 21 DSGVO)."
                            .to_string(),
                    );
                }
            }
        }
        Wording::En => {
            let cite = format!("Art. 6(1)({letter}) GDPR");
            match kind {
                BasisKind::Consent => {
                    out.push(format!("The legal basis is your consent ({cite})."));
                    out.push(
                        "You can withdraw your consent at any time with effect for the future. \
                         This does not affect the lawfulness of the processing before the \
                         withdrawal."
                            .to_string(),
                    );
                    if let Some(w) = text_fact(basis.withdrawal.as_ref(), lang, first) {
                        out.push(format!("How to withdraw: {w}."));
                    }
                }
                BasisKind::Contract => out.push(format!(
                    "The legal basis is the performance of our contract with you or steps \
                     taken at your request before entering into it ({cite})."
                )),
                BasisKind::LegalObligation => {
                    let law = text_fact(basis.law.as_ref(), lang, first)
                        .map(|l| format!("; here {l}"))
                        .unwrap_or_default();
                    out.push(format!(
                        "The legal basis is a legal obligation to which we are subject \
                         ({cite}{law})."
                    ));
                }
                BasisKind::VitalInterests => out.push(format!(
                    "The legal basis is the protection of vital interests ({cite})."
                )),
                BasisKind::PublicTask => out.push(format!(
                    "The legal basis is the performance of a task carried out in the public \
                     interest ({cite})."
                )),
                BasisKind::LegitimateInterest => {
                    out.push(format!(
                        "The legal basis is our legitimate interest ({cite})."
                    ));
                    if let Some(i) = text_fact(basis.interest.as_ref(), lang, first) {
                        out.push(format!("Our legitimate interest: {i}."));
                    }
                    out.push(
                        "You can object to this processing at any time on grounds relating to \
                         your particular situation (Art. 21 GDPR)."
                            .to_string(),
                    );
                }
            }
        }
    }
    out
}

/// A draft privacy-notice paragraph for `activity` in `lang`, built from its facts: purpose, the
/// categories of data, the legal basis and the retention period. German wording for `de`,
/// English for every other language. One sentence per line; a starting point to be reviewed,
/// never the final text.
pub(crate) fn draft_notice(ctx: &Context, activity: &Activity, lang: &str) -> String {
    let first = ctx.first_language();
    let wording = if lang == "de" {
        Wording::De
    } else {
        Wording::En
    };
    let mut lines = Vec::new();
    let purpose = text_fact(activity.purpose.as_ref(), lang, first)
        .or_else(|| text_fact(activity.title.as_ref(), lang, first));
    lines.push(match (wording, purpose) {
        (Wording::De, Some(p)) => format!("Wir verarbeiten Ihre Daten zu folgendem Zweck: {p}."),
        (Wording::De, None) => "Wir verarbeiten Ihre Daten zu folgendem Zweck: …".to_string(),
        (Wording::En, Some(p)) => format!("We process your data for the following purpose: {p}."),
        (Wording::En, None) => "We process your data for the following purpose: …".to_string(),
    });
    let labels = data_labels(ctx, activity, lang, wording);
    if !labels.is_empty() {
        let list = join_list(&labels, wording);
        lines.push(match wording {
            Wording::De => format!("Dazu verarbeiten wir folgende Daten: {list}."),
            Wording::En => format!("This involves the following data: {list}."),
        });
    }
    lines.extend(basis_sentences(activity, lang, first, wording));
    for retention in activity.retention.iter().filter_map(|r| r.get()) {
        lines.extend(retention_sentence(retention, lang, first, wording));
    }
    lines.join("\n")
}

/// The sentence on one retention period.
fn retention_sentence(
    retention: &Retention,
    lang: &str,
    first: &str,
    wording: Wording,
) -> Option<String> {
    match retention {
        Retention::Duration { amount, unit } => Some(match wording {
            Wording::De => format!(
                "Wir speichern die Daten {} lang und löschen sie danach.",
                duration_de(*amount, *unit)
            ),
            Wording::En => format!(
                "We keep the data for {} and then delete it.",
                duration_en(*amount, *unit)
            ),
        }),
        Retention::Text(t) => {
            let t = text_fact(Some(t), lang, first)?;
            Some(match wording {
                Wording::De => format!("Speicherdauer: {t}."),
                Wording::En => format!("Retention: {t}."),
            })
        }
    }
}

/// `lang """` + the draft, indented by two spaces, + the closing `"""` (lines without the
/// surrounding indentation, for [`Context::insert_field_fix`]).
pub(crate) fn text_block_entry(lang: &str, draft: &str) -> String {
    let mut out = format!("{lang} \"\"\"\n");
    for line in draft.lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("  \"\"\"");
    out
}
