//! # `missing-privacy-notice`
//!
//! **Category:** transparency · **Default severity:** warning · **Reference:** Art. 12(1), 13, 14 GDPR
//!
//! ## What it checks
//!
//! An activity has no `notice` text for one of the languages configured in `ropa.toml`
//! (`[policy] languages`, default `["de"]`). There is one finding per missing language. A plain
//! string or text block counts for the first configured language; further languages need a
//! language block `notice { de """…"""  en """…""" }`. A `notice` whose value is invalid, or a
//! misspelt key or language code, is reported by `invalid-value` or `unknown-field` instead.
//!
//! ## Why
//!
//! The people whose data is processed must be told about it in a concise, transparent,
//! intelligible and easily accessible form, using clear and plain language (Art. 12(1) GDPR):
//! what the purpose and legal basis are, which data is used, who receives it and how long it is
//! kept (Art. 13 when the data is collected from them, Art. 14 when it comes from elsewhere).
//! The generated policy states those facts from the record whether or not there is a `notice`;
//! the `notice` is the section's **introductory paragraph** in plain words. Art. 12–14 do not
//! require such a paragraph when the mandatory facts are there, so this is a warning: without
//! it the section starts with a list of facts and no explanation. A policy published in several
//! languages needs the paragraph in each of them (`missing-translation` covers the other texts).
//!
//! ## Legal reference
//!
//! Art. 12(1), 13 and 14 GDPR; Article 29 Working Party, Guidelines on transparency (WP260 rev.01),
//! endorsed by the EDPB.
//!
//! ## Example that fails
//!
//! The activity has no `notice`, so its section in the privacy policy has no introductory
//! paragraph. (With `languages = ["de", "en"]` in `ropa.toml`, a single plain-string `notice`
//! would still leave the English paragraph missing.)
//!
//! ```ropa
//! activity newsletter {
//!   title       "Newsletter"
//!   purpose     "Versand unseres monatlichen Newsletters"
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent { mechanism "Double-Opt-in"  withdrawal "Abmeldelink in jeder E-Mail" }
//!   retention   "bis zur Abmeldung"
//! }
//! ```
//!
//! ## Example that passes
//!
//! The notice in every configured language (here `languages = ["de", "en"]`):
//!
//! ```ropa
//! activity newsletter {
//!   title       "Newsletter"
//!   purpose     "Versand unseres monatlichen Newsletters"
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent { mechanism "Double-Opt-in"  withdrawal "Abmeldelink in jeder E-Mail" }
//!   retention   "bis zur Abmeldung"
//!   notice {
//!     de "Mit Ihrer Einwilligung senden wir Ihnen monatlich unseren Newsletter."
//!     en "With your consent, we send you our monthly newsletter."
//!   }
//! }
//! ```
//!
//! ## How to fix
//!
//! Write the paragraph in plain language, addressed to the reader. The quick fix inserts a
//! draft for the missing language, built from the activity's purpose, data categories, legal
//! basis and retention period (German wording for `de`, English otherwise); review and complete
//! it — it is a starting point, not legal advice.

use ropa_analysis::model::{Activity, Text};
use ropa_analysis::{Edit, Fix, Location, Severity};
use ropa_syntax::TextRange;

use super::{draft_notice, language_name, text_block_entry, writes_language};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};
use ropa_analysis::line_indent;

pub(crate) const RULE: Rule = Rule {
    name: "missing-privacy-notice",
    category: Category::Transparency,
    severity: Severity::Warning,
    enabled_by_default: true,
    reference: "Art. 12(1), 13, 14 GDPR",
    summary: "an activity has no privacy-notice text for one of the configured languages",
    source: "",
    check,
};

/// The activity's `notice` as written.
struct Notice<'a> {
    key: TextRange,
    text: &'a Text,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let first = ctx.first_language().to_string();
    let languages: Vec<String> = if ctx.languages.is_empty() {
        vec![first.clone()]
    } else {
        ctx.languages.to_vec()
    };
    // `data []`: no personal data, so nobody to inform (see `processes_personal_data`).
    for activity in ctx.activities().filter(|a| a.processes_personal_data()) {
        let h = &activity.header;
        let notice = match &activity.notice {
            None if h.misspelled("notice") => continue,
            None => None,
            // Present but invalid: reported by `invalid-value`.
            Some(k) => match &k.value {
                None => continue,
                Some(v) => Some(Notice {
                    key: k.key,
                    text: &v.value,
                }),
            },
        };
        for lang in &languages {
            if let Some(n) = &notice
                && (n.text.get(lang, &first).is_some()
                    || n.text
                        .block
                        .as_ref()
                        .is_some_and(|b| writes_language(b, ctx.text(h.file), lang)))
            {
                continue;
            }
            let law = if activity.is_indirect() {
                "Art. 12(1), 14"
            } else {
                "Art. 12(1), 13"
            };
            let name = language_name(lang);
            let message = match &notice {
                None => format!(
                    "activity `{}` has no `notice`: its section in the privacy policy lacks the \
                     introductory paragraph that explains this processing in plain words; write \
                     it in {name} (`{lang}`) ({law})",
                    h.id()
                ),
                Some(_) => format!(
                    "the `notice` of activity `{}` has no {name} (`{lang}`) text: the {name} \
                     section lacks its introductory paragraph; add it, as the privacy notice is \
                     published in every configured language ({law})",
                    h.id()
                ),
            };
            let fix = fix(ctx, activity, notice.as_ref(), lang, &first);
            let d = sink.report(&RULE, h.anchor(), message);
            d.fixes.extend(fix);
        }
    }
}

/// Inserts a draft for `lang`: a new `notice` field, a new entry in the language block, or —
/// when the notice is a plain text (which counts for the first language) — a language block
/// holding the existing text and the draft.
fn fix(
    ctx: &Context,
    activity: &Activity,
    notice: Option<&Notice>,
    lang: &str,
    first: &str,
) -> Option<Fix> {
    let h = &activity.header;
    let name = language_name(lang);
    let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    let title = format!("Add {article} {name} privacy-notice draft to `{}`", h.id());
    let draft = draft_notice(ctx, activity, lang);
    let entry = text_block_entry(lang, &draft);
    let text = ctx.text(h.file);
    let Some(notice) = notice else {
        let mut field = String::from("notice {\n");
        for line in entry.lines() {
            field.push_str("  ");
            field.push_str(line);
            field.push('\n');
        }
        field.push('}');
        let indent = h.indent(text);
        return Some(ctx.insert_field_fix(title, h.file, h.body_end, indent, &field, false));
    };
    let indent = line_indent(text, notice.key.start());
    if let Some(block) = &notice.text.block {
        return Some(ctx.insert_field_fix(title, h.file, block.close_brace, indent, &entry, false));
    }
    // A plain text: wrap it into a language block.
    let part = notice.text.parts.first().filter(|p| p.lang.is_none())?;
    let original = part.range.slice(text);
    let inner = format!("{indent}  ");
    let mut replacement = format!("{{\n{inner}{first} ");
    for (i, line) in original.split('\n').enumerate() {
        if i > 0 {
            replacement.push('\n');
            if !line.trim().is_empty() {
                replacement.push_str("  ");
            }
        }
        replacement.push_str(line);
    }
    replacement.push('\n');
    for line in entry.lines() {
        replacement.push_str(&inner);
        replacement.push_str(line);
        replacement.push('\n');
    }
    replacement.push_str(indent);
    replacement.push('}');
    Some(Fix {
        title,
        edits: vec![Edit {
            location: Location {
                file: h.file,
                range: part.range,
            },
            text: replacement,
        }],
        safe: false,
    })
}
