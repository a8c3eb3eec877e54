//! # `missing-translation`
//!
//! **Category:** transparency · **Default severity:** error · **Reference:** Art. 12(1) GDPR
//!
//! ## What it checks
//!
//! With several languages in `ropa.toml` (`[policy] languages = ["de", "en"]`), a text that the
//! privacy policy prints lacks one of them. A plain string counts for the first language only;
//! the others need a language block `{ de "…"  en "…" }`. Checked are the texts the policy shows:
//! an activity's `title` and `purpose`; each legal basis's `for`, `interest`, `contract`, `law`,
//! `withdrawal` and `parental`; `provision { consequence }`; each `retention` with its `from` and `law`;
//! `source`; `device_access { technology }` and each `cookie`'s `purpose` and a `lifetime`
//! written as text; the `ai` block's `system`, `logic`, `human_review`,
//! `disclosure` and `labelling`; a used processor's `service` and `joint_agreement { essence }`;
//! the `label` of declared categories and subjects; the `title` and `text` of each `section`
//! (policy-wide text, printed in every language of the policy). The `notice` has its own rule
//! (`missing-privacy-notice`). A language written as `en todo` is reported by `unfinished-value`
//! instead. Texts only the record shows (`balancing`, `mechanism`, `security`, `owner`) are not checked:
//! the record is kept in the first language.
//!
//! ## Why
//!
//! Information must be given "in a concise, transparent, intelligible and easily accessible form,
//! using clear and plain language" (Art. 12(1) GDPR). An English policy whose retention periods,
//! laws and system names are German is not intelligible to the readers it is written for, and
//! ropa would print it without a word: the generated text falls back to the first language where
//! a translation is missing. With one language configured the rule never fires.
//!
//! ## Legal reference
//!
//! Art. 12(1) GDPR; Article 29 Working Party, Guidelines on transparency (WP260 rev.01), paras.
//! 13 (a translation "in one or more other languages" where the controller targets speakers of
//! those languages) and 8–9 (intelligible to the average member of the intended audience).
//!
//! ## Example that fails
//!
//! With two languages configured, the retention criteria are German only:
//!
//! ```toml ropa.toml
//! [policy]
//! languages = ["de", "en"]
//! ```
//!
//! ```ropa
//! activity newsletter {
//!   title       { de "Newsletter"  en "Newsletter" }
//!   purpose     { de "Versand unseres Newsletters"  en "Sending our newsletter" }
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent {
//!     mechanism  "Double-Opt-in"
//!     withdrawal { de "Abmeldelink in jeder E-Mail"  en "Unsubscribe link in every e-mail" }
//!   }
//!   retention   "Bis zur Abmeldung"
//!   notice      { de "Mit Ihrer Einwilligung …"  en "With your consent …" }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```toml ropa.toml
//! [policy]
//! languages = ["de", "en"]
//! ```
//!
//! ```ropa
//! activity newsletter {
//!   title       { de "Newsletter"  en "Newsletter" }
//!   purpose     { de "Versand unseres Newsletters"  en "Sending our newsletter" }
//!   subjects    [newsletter_subscribers]
//!   data        [contact]
//!   legal_basis consent {
//!     mechanism  "Double-Opt-in"
//!     withdrawal { de "Abmeldelink in jeder E-Mail"  en "Unsubscribe link in every e-mail" }
//!   }
//!   retention   { de "Bis zur Abmeldung"  en "Until you unsubscribe" }
//!   notice      { de "Mit Ihrer Einwilligung …"  en "With your consent …" }
//! }
//! ```
//!
//! ## How to fix
//!
//! Write the text in each configured language. The quick fix adds the missing language as
//! `todo` (a plain string becomes a language block), which `unfinished-value` reports until the
//! translation is written: ropa never guesses one.

use ropa_analysis::model::{Activity, Lifetime, Processor, Retention, Role, Text};
use ropa_analysis::{Edit, FileId, Fix, Location, Severity, line_indent};
use ropa_syntax::TextRange;

use super::{language_name, writes_language};
use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "missing-translation",
    category: Category::Transparency,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "Art. 12(1) GDPR",
    summary: "a text the privacy policy prints lacks one of the configured languages",
    source: "",
    check,
};

/// A text the policy prints, with how messages name it.
struct Printed<'a> {
    what: String,
    text: &'a Text,
}

fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.languages.len() < 2 {
        return;
    }
    let first = ctx.first_language();
    for activity in ctx.activities() {
        let file = activity.header.file;
        for printed in activity_texts(activity) {
            report(ctx, sink, file, &printed, first);
        }
    }
    for (r, processor, _) in &ctx.used_processors {
        if ctx.scope.contains(r.file) {
            for printed in processor_texts(processor) {
                report(ctx, sink, r.file, &printed, first);
            }
        }
    }
    let in_scope = ctx.files();
    for (i, file) in in_scope {
        let labels = file
            .model
            .categories
            .iter()
            .map(|c| ("label", "category", &c.header, &c.label))
            .chain((file.model.subjects.iter()).map(|s| ("label", "subject", &s.header, &s.label)));
        let sections = file.model.sections.iter().flat_map(|s| {
            [
                ("title", "section", &s.header, &s.title),
                ("text", "section", &s.header, &s.text),
            ]
        });
        for (key, kind, header, text) in labels.chain(sections) {
            if let Some(text) = text {
                let printed = Printed {
                    what: format!("the `{key}` of {kind} `{}`", header.id()),
                    text,
                };
                report(ctx, sink, i, &printed, first);
            }
        }
    }
}

/// The texts of an activity that its policy section prints, in the order written.
fn activity_texts<'a>(a: &'a Activity) -> Vec<Printed<'a>> {
    let id = a.header.id();
    let mut out: Vec<(String, &'a Text)> = Vec::new();
    let mut push = |what: String, text: Option<&'a Text>| {
        if let Some(text) = text {
            out.push((what, text));
        }
    };
    push(format!("the `title` of activity `{id}`"), a.title.as_ref());
    push(
        format!("the `purpose` of activity `{id}`"),
        a.purpose.as_ref(),
    );
    for basis in &a.legal_bases {
        let kind = basis.kind.as_ref().map_or("", |k| k.value.keyword());
        for (key, text) in [
            ("for", &basis.covers),
            ("interest", &basis.interest),
            ("contract", &basis.contract),
            ("law", &basis.law),
            ("withdrawal", &basis.withdrawal),
            ("parental", &basis.parental),
        ] {
            push(
                format!("`{key}` in `legal_basis {kind}` of activity `{id}`"),
                text.as_ref(),
            );
        }
    }
    if let Some(p) = &a.provision {
        push(
            format!("the `consequence` of `provision` in activity `{id}`"),
            p.consequence.as_ref(),
        );
    }
    for part in &a.retention {
        if let Some(Retention::Text(t)) = part.get() {
            push(format!("the `retention` of activity `{id}`"), Some(t));
        }
        push(
            format!("`from` in a `retention` of activity `{id}`"),
            part.from.as_ref(),
        );
        push(
            format!("`law` in a `retention` of activity `{id}`"),
            part.law.as_ref(),
        );
    }
    push(
        format!("the `source` of activity `{id}`"),
        a.source.as_ref(),
    );
    if let Some(d) = &a.device_access {
        push(
            format!("`technology` in the `device_access` of activity `{id}`"),
            d.technology.as_ref(),
        );
        // The cookie table prints each cookie's purpose and a lifetime written as text.
        for c in &d.cookies {
            let name = c.name.as_ref().map_or("", |n| n.value.as_str());
            push(
                format!("the `purpose` of cookie \"{name}\" in activity `{id}`"),
                c.purpose.as_ref(),
            );
            if let Some(Lifetime::Text(t)) = c.lifetime.as_ref().map(|l| &l.value) {
                push(
                    format!("the `lifetime` of cookie \"{name}\" in activity `{id}`"),
                    Some(t),
                );
            }
        }
    }
    if let Some(ai) = &a.ai {
        for (key, text) in [
            ("system", &ai.system),
            ("logic", &ai.logic),
            ("human_review", &ai.human_review),
            ("disclosure", &ai.disclosure),
            ("labelling", &ai.labelling),
        ] {
            push(
                format!("`{key}` in the `ai` block of activity `{id}`"),
                text.as_ref(),
            );
        }
    }
    out.into_iter()
        .map(|(what, text)| Printed { what, text })
        .collect()
}

/// The texts of a used processor that the policy prints as a recipient.
fn processor_texts(p: &Processor) -> Vec<Printed<'_>> {
    let id = p.header.id();
    let mut out = Vec::new();
    if let Some(text) = &p.service {
        out.push(Printed {
            what: format!("the `service` of processor `{id}`"),
            text,
        });
    }
    if p.role == Role::JointController
        && let Some(text) = p.joint_agreement.as_ref().and_then(|j| j.essence.as_ref())
    {
        out.push(Printed {
            what: format!("the `essence` of `{id}`'s joint agreement"),
            text,
        });
    }
    out
}

fn report(ctx: &Context, sink: &mut Sink, file: FileId, printed: &Printed, first: &str) {
    let Some(at) = printed.text.parts.first() else {
        return;
    };
    let source = ctx.text(file);
    for lang in ctx.languages {
        let text = printed.text;
        if text.get(lang, first).is_some()
            || text.block.as_ref().is_some_and(|b| {
                b.todo.contains(&lang.as_str()) || writes_language(b, source, lang)
            })
        {
            continue;
        }
        let name = language_name(lang);
        // What the policy falls back to: the first language, else the first text written.
        let shown = language_name(match text.get(first, first) {
            Some(_) => first,
            None => at.lang.unwrap_or(first),
        });
        let message = format!(
            "{} has no {name} text (`{lang}`): the {name} privacy policy would show the {shown} \
             one; write it in each configured language, e.g. `{{ {first} \"…\"  {lang} \"…\" }}`",
            printed.what
        );
        let location = Location {
            file,
            range: at.range,
        };
        let fix = fix(source, file, text, at.range, lang, first);
        sink.report(&RULE, location, message).fixes.extend(fix);
    }
}

/// Adds `LANG todo`: into the language block, or — for a one-line plain string that no block
/// follows — by turning the string into a block. `None` for a text block (`"""`), whose layout
/// the user had better choose.
fn fix(
    source: &str,
    file: FileId,
    text: &Text,
    at: TextRange,
    lang: &str,
    first: &str,
) -> Option<Fix> {
    let title = format!("Add `{lang} todo` for the {} text", language_name(lang));
    let edit = match &text.block {
        Some(block) => {
            let close = block.close_brace;
            let line_start = source.get(..close)?.rfind('\n').map_or(0, |i| i + 1);
            let before = source.get(line_start..close)?;
            if before.trim().is_empty() {
                // `}` on a line of its own: the entry goes on the line before it.
                let indent = line_indent(source, at.start());
                Edit {
                    location: Location {
                        file,
                        range: TextRange::new(line_start, line_start),
                    },
                    text: format!("{indent}{lang} todo\n"),
                }
            } else {
                let end = line_start + before.trim_end().len();
                Edit {
                    location: Location {
                        file,
                        range: TextRange::new(end, end),
                    },
                    text: format!("  {lang} todo"),
                }
            }
        }
        None => {
            let original = at.slice(source);
            let followed_by_block = source
                .get(at.end()..)?
                .trim_start_matches([' ', '\t'])
                .starts_with('{');
            if original.contains('\n') || original.starts_with("\"\"\"") || followed_by_block {
                return None;
            }
            Edit {
                location: Location { file, range: at },
                text: format!("{{ {first} {original}  {lang} todo }}"),
            }
        }
    };
    Some(Fix {
        title,
        edits: vec![edit],
        safe: false,
    })
}
