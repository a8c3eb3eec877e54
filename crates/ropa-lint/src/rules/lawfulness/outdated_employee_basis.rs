//! # `outdated-employee-basis`
//!
//! **Category:** lawfulness · **Default severity:** info · **Reference:** C-34/21; Art. 88(2) GDPR
//!
//! ## What it checks
//!
//! A `law` text cites the general clause on employee data, Section 26(1) (first sentence)
//! BDSG — in the `legal_basis legal_obligation` or `public_task` block, in a `retention` part or
//! in `criminal_basis { law "…" }`. Recognised are the usual ways of writing it: "§ 26 Abs. 1
//! BDSG", "§ 26 Abs. 1 S. 1 BDSG", "§ 26 Absatz 1 Satz 1 BDSG", "§26 I BDSG", and in English
//! "Section 26(1) BDSG". Other paragraphs (Section 26(2) on consent, (3) on special
//! categories), the second sentence of paragraph 1 (detecting criminal offences) and a bare
//! "§ 26 BDSG" are not reported. The finding points at the text.
//!
//! ## Why
//!
//! Member States may lay down more specific rules for processing in the employment context, but
//! only rules that meet Art. 88(2) GDPR: suitable and specific measures to safeguard the dignity,
//! legitimate interests and fundamental rights of the employees. In C-34/21 (30 March 2023) the
//! Court of Justice held that a national clause which merely repeats the conditions of Art. 6(1)
//! GDPR — processing allowed where necessary for the employment relationship — is no such rule
//! and must be disapplied, unless it meets Art. 6(3) GDPR as the law of a legal obligation or a
//! public task; the processing then rests on Art. 6(1) GDPR directly. The case concerned the
//! Hessian clause (Section 23(1) sentence 1 HDSIG), which is worded like Section 26(1) sentence 1
//! BDSG, and the prevailing view, including several German supervisory authorities, holds the
//! same for the federal clause. The processing is not unlawful for that reason, but the privacy
//! notice must name the legal basis that really applies (Art. 13(1)(c) GDPR), and a record that
//! cites an inapplicable clause is easily copied.
//!
//! ## Legal reference
//!
//! CJEU C-34/21 *Hauptpersonalrat der Lehrerinnen und Lehrer* (30 March 2023); Art. 88(1), (2)
//! GDPR; Art. 6(1)(b), (c) GDPR; Art. 13(1)(c) GDPR; Section 26 BDSG.
//!
//! ## Example that fails
//!
//! ```ropa
//! activity payroll {
//!   title       "Lohnabrechnung"
//!   purpose     "Abrechnung von Löhnen und Gehältern"
//!   subjects    [employees]
//!   data        [identity, payment, employment]
//!   legal_basis legal_obligation { law "§ 26 Abs. 1 S. 1 BDSG i. V. m. § 41 EStG" }
//!   retention   10 years { law "§ 147 AO" }
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! activity payroll {
//!   title       "Lohnabrechnung"
//!   purpose     "Abrechnung von Löhnen und Gehältern"
//!   subjects    [employees]
//!   data        [identity, payment, employment]
//!   legal_basis contract { for "Abrechnung nach dem Arbeitsvertrag"  contract "Arbeitsvertrag" }
//!   legal_basis legal_obligation { for "Lohnkonto"  law "§ 41 EStG" }
//!   retention   10 years { law "§ 147 AO" }
//! }
//! ```
//!
//! ## How to fix
//!
//! Cite the basis in the GDPR: `legal_basis contract` (Art. 6(1)(b): necessary for the
//! employment contract or for steps before entering into it) and, where a law obliges you, `legal_basis
//! legal_obligation { law "…" }` with that law (tax, social security, working time). Section 26 BDSG
//! may still be mentioned beside it, but not as the basis the processing rests on.

use ropa_analysis::model::{Activity, Text};
use ropa_analysis::{Location, Severity};
use ropa_syntax::TextRange;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "outdated-employee-basis",
    category: Category::Lawfulness,
    severity: Severity::Info,
    enabled_by_default: true,
    reference: "C-34/21; Art. 88(2) GDPR",
    summary: "a `law` that cites Section 26(1) BDSG, in all likelihood inapplicable after C-34/21",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for activity in ctx.activities() {
        let texts = activity
            .legal_bases
            .iter()
            .filter_map(|b| b.law.as_ref())
            .chain(activity.retention.iter().filter_map(|r| r.law.as_ref()));
        for text in texts {
            if let Some((range, cited)) = citing_part(text) {
                report(sink, activity, range, cited);
            }
        }
        // `criminal_basis { law "…" }` keeps the text without its range; the write has it.
        if let Some(cb) = &activity.criminal_basis
            && let Some(law) = cb.law.as_deref().filter(|l| cites_26_1_bdsg(l))
            && let Some(range) = activity
                .header
                .written(cb.key, "law")
                .and_then(|w| w.value())
        {
            report(sink, activity, range, law);
        }
    }
}

/// The first part of a text (one per language) that cites § 26 Abs. 1 BDSG.
fn citing_part(text: &Text) -> Option<(TextRange, &str)> {
    text.parts
        .iter()
        .find(|p| cites_26_1_bdsg(&p.text))
        .map(|p| (p.range, &*p.text))
}

fn report(sink: &mut Sink, activity: &Activity, range: TextRange, law: &str) {
    sink.report(
        &RULE,
        Location {
            file: activity.header.file,
            range,
        },
        format!(
            "activity `{}` cites Section 26(1) BDSG (\"{}\"), which after the CJEU's judgment C-34/21 is in all likelihood no more specific rule under Art. 88(2) GDPR and cannot be applied; cite the GDPR basis instead: Art. 6(1)(b) (the employment contract) or Art. 6(1)(c) with the law that imposes the obligation",
            activity.header.id(),
            law.trim()
        ),
    );
}

/// Whether a text cites § 26 Abs. 1 (Satz 1) BDSG: "§ 26 Abs. 1 BDSG", "§ 26 Abs. 1 S. 1 BDSG",
/// "§ 26 Absatz 1 Satz 1 BDSG", "§26 I BDSG", "§ 26 I 1 BDSG", "Section 26(1) BDSG",
/// "Sec. 26 (1) sentence 1 BDSG". Not: Abs. 2 or 3, Satz 2, a bare "§ 26 BDSG", other laws.
pub(crate) fn cites_26_1_bdsg(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut from = 0;
    while let Some(found) = next_section_sign(&lower[from..]) {
        let (at, len) = found;
        let start = from + at + len;
        if citation_at(&lower[start..]) {
            return true;
        }
        from = start;
    }
    false
}

/// The next "§", "section" or "sec." (as a word): its offset and length.
fn next_section_sign(s: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for marker in ["§", "section", "sec."] {
        let mut from = 0;
        while let Some(i) = s[from..].find(marker) {
            let at = from + i;
            let word_start = marker == "§"
                || !s[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric());
            if word_start {
                if best.is_none_or(|(b, _)| at < b) {
                    best = Some((at, marker.len()));
                }
                break;
            }
            from = at + marker.len();
        }
    }
    best
}

/// Whether `s` (the text right after a section sign) reads "26 Abs. 1 [S. 1] BDSG" or a variant.
fn citation_at(s: &str) -> bool {
    let s = s.trim_start_matches(|c: char| c == '§' || c.is_whitespace());
    let Some(s) = number(s, "26") else {
        return false;
    };
    let s = s.trim_start();
    // Paragraph 1: "Abs. 1", "Absatz 1", "(1)", "I".
    let s = if let Some(rest) = strip_any(s, &["absatz", "abs.", "abs"]) {
        match number(rest.trim_start(), "1") {
            Some(rest) => rest,
            None => return false,
        }
    } else if let Some(rest) = s.strip_prefix("(1)") {
        rest
    } else if let Some(rest) = s.strip_prefix('i')
        && !rest.starts_with(|c: char| c.is_alphanumeric() && !c.is_ascii_digit())
    {
        rest
    } else {
        return false;
    };
    let s = s.trim_start();
    // Sentence 1, if given: "S. 1", "Satz 1", "sentence 1", or a bare "1" ("§ 26 I 1 BDSG").
    let s = match strip_any(s, &["satz", "sentence", "s."]) {
        Some(rest) => match number(rest.trim_start(), "1") {
            Some(rest) => rest,
            None => return false,
        },
        None if s.starts_with(|c: char| c.is_ascii_digit()) => match number(s, "1") {
            Some(rest) => rest,
            None => return false,
        },
        None => s,
    };
    s.trim_start().starts_with("bdsg")
}

/// `s` without the leading number `n` (not followed by another digit).
fn number<'s>(s: &'s str, n: &str) -> Option<&'s str> {
    let rest = s.strip_prefix(n)?;
    (!rest.starts_with(|c: char| c.is_ascii_digit())).then_some(rest)
}

/// `s` without the first of `prefixes` it starts with.
fn strip_any<'s>(s: &'s str, prefixes: &[&str]) -> Option<&'s str> {
    prefixes.iter().find_map(|p| s.strip_prefix(p))
}

#[cfg(test)]
mod tests {
    use super::cites_26_1_bdsg;

    #[test]
    fn recognises_the_ways_of_citing_section_26_1_bdsg() {
        for text in [
            "§ 26 Abs. 1 BDSG",
            "§ 26 Abs. 1 S. 1 BDSG",
            "§ 26 Abs.1 S.1 BDSG",
            "§ 26 Absatz 1 Satz 1 BDSG",
            "§26 I BDSG",
            "§ 26 I 1 BDSG",
            "Art. 88 DSGVO i. V. m. § 26 Abs. 1 BDSG",
            "Art. 6 Abs. 1 lit. b DSGVO, § 26 Abs. 1 Satz 1 BDSG",
            "Section 26(1) BDSG",
            "section 26 (1) sentence 1 BDSG",
            "Sec. 26(1) BDSG",
        ] {
            assert!(cites_26_1_bdsg(text), "{text}");
        }
    }

    #[test]
    fn leaves_other_provisions_alone() {
        for text in [
            "§ 26 Abs. 2 BDSG",
            "§ 26 Abs. 3 BDSG",
            "§ 26 II BDSG",
            "§ 26 Abs. 1 S. 2 BDSG",
            "§ 26 BDSG",
            "§ 126 Abs. 1 BDSG",
            "§ 26 Abs. 10 BDSG",
            "§ 26 Abs. 1 BetrVG",
            "§ 147 AO",
            "Section 26(2) BDSG",
            "Art. 6 Abs. 1 lit. b DSGVO",
            "Intersection 26(1) BDSG",
        ] {
            assert!(!cites_26_1_bdsg(text), "{text}");
        }
    }
}
