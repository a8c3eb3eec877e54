//! Legal citations in German and English form.
//!
//! The project writes references in one English style — "Art. 6(1)(a) GDPR", "Art. 50(1) AI
//! Act", "Section 25(1) TDDDG", "Art. 22(1)–(3) GDPR" — and German text needs "Art. 6 Abs. 1
//! lit. a DSGVO", "Art. 50 Abs. 1 KI-VO", "§ 25 Abs. 1 TDDDG", "Art. 22 Abs. 1 bis 3 DSGVO".
//! [`german`] turns one into the other.

/// Names that differ between the English and the German citation, longest first.
const NAMES: &[(&str, &str)] = &[
    (
        "DSK list of processing operations requiring a DPIA",
        "DSK-Muss-Liste",
    ),
    ("ePrivacy Directive", "ePrivacy-Richtlinie"),
    ("EDPB Guidelines", "EDPB-Leitlinien"),
    ("EDPB Recommendations", "EDPB-Empfehlungen"),
    ("Recitals", "Erwägungsgründe"),
    ("Recital", "Erwägungsgrund"),
    ("Annex", "Anhang"),
    ("paras.", "Rn."),
    ("para.", "Rn."),
    ("subpara.", "UAbs."),
    ("CJEU", "EuGH"),
    ("AI Act", "KI-VO"),
    ("GDPR", "DSGVO"),
];

/// The German form of an English citation: `Art. 13(2)(f) GDPR` → `Art. 13 Abs. 2 lit. f DSGVO`,
/// `Art. 50(1) AI Act` → `Art. 50 Abs. 1 KI-VO`, `Section 25(2) no. 2 TDDDG` → `§ 25 Abs. 2 Nr. 2
/// TDDDG`, `Art. 22(1)–(3) GDPR` → `Art. 22 Abs. 1 bis 3 DSGVO`, `Art. 21(2), (3) GDPR` → `Art. 21
/// Abs. 2 und 3 DSGVO`. Each part between `; ` is converted on its own. The older style `AI Act
/// Art. 50(1)` is understood too.
pub fn german(reference: &str) -> String {
    reference
        .split("; ")
        .map(german_part)
        .collect::<Vec<_>>()
        .join("; ")
}

fn german_part(part: &str) -> String {
    let mut text = part.to_string();
    // `AI Act Art. 10(2)` (older style): the law's name goes to the end.
    if let Some(rest) = text.strip_prefix("AI Act ") {
        text = format!("{rest} AI Act");
    }
    if let Some(rest) = text.strip_prefix("Sections ") {
        text = format!("§§ {rest}");
    } else if let Some(rest) = text.strip_prefix("Section ") {
        text = format!("§ {rest}");
    }
    text = text.replace(" no. ", " Nr. ").replace(" nos. ", " Nr. ");
    for (en, de) in NAMES {
        text = replace_word(&text, en, de);
    }
    paragraphs(&text)
}

/// Replaces `from` where it stands as a whole word (not inside a longer one).
fn replace_word(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + from.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
        out.push_str(&rest[..i]);
        out.push_str(if boundary(before) && boundary(after) {
            to
        } else {
            from
        });
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

/// Rewrites every `N(x)(y)` group: the first parenthesis is a paragraph (`Abs.`), a following
/// letter `lit.`, a following number `UAbs.`. Siblings written right after a group share its
/// level: `(1)–(3)` → `Abs. 1 bis 3`, `(2), (3)` → `Abs. 2 und 3`, `(f), (g)` → `lit. f und g`.
fn paragraphs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut seen_chain = false;
    let mut i = 0;
    while i < chars.len() {
        // `§ 7(2) no. 2, (3)`: a paragraph of the same provision after other words.
        let detached = seen_chain
            && chars[i] == '('
            && i >= 2
            && chars[i - 2..i] == [',', ' ']
            && group_at(&chars, i)
                .is_some_and(|(inner, _)| inner.chars().all(|c| c.is_ascii_digit()));
        if detached && let Some((inner, end)) = group_at(&chars, i) {
            out.push_str(&format!("Abs. {inner}"));
            i = end;
            continue;
        }
        let starts_group = chars[i] == '('
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && group_at(&chars, i).is_some();
        if !starts_group {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The chain `(1)(a)…`.
        seen_chain = true;
        let mut level = 0;
        while let Some((inner, end)) = group_at(&chars, i) {
            let prefix = match level {
                0 => "Abs.",
                _ if inner.chars().all(|c| c.is_ascii_lowercase()) => "lit.",
                _ => "UAbs.",
            };
            out.push_str(&format!(" {prefix} {inner}"));
            level += 1;
            i = end;
        }
        // Siblings at the chain's last level: `–(3)` (a range), `, (3)` (a list).
        let mut siblings: Vec<(bool, String)> = Vec::new();
        loop {
            let (range, skip) = match (chars.get(i), chars.get(i + 1)) {
                (Some('–'), Some('(')) => (true, 1),
                (Some(','), Some(' ')) if chars.get(i + 2) == Some(&'(') => (false, 2),
                _ => break,
            };
            let Some((inner, end)) = group_at(&chars, i + skip) else {
                break;
            };
            siblings.push((range, inner));
            i = end;
        }
        let count = siblings.len();
        for (n, (range, inner)) in siblings.into_iter().enumerate() {
            let joint = if range {
                " bis "
            } else if n + 1 == count {
                " und "
            } else {
                ", "
            };
            out.push_str(joint);
            out.push_str(&inner);
        }
    }
    out
}

/// The content of the parenthesis opening at `i` and the index after it, if it is a short
/// number or letter group such as `(1)` or `(a)`.
fn group_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    if chars.get(i) != Some(&'(') {
        return None;
    }
    let close = chars[i..].iter().position(|&c| c == ')')? + i;
    let inner: String = chars[i + 1..close].iter().collect();
    let short =
        !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_alphanumeric());
    short.then_some((inner, close + 1))
}

/// The label of a legal basis of Art. 6(1).
pub fn basis_label(kind: crate::model::BasisKind, german: bool) -> &'static str {
    use crate::model::BasisKind::*;
    match (kind, german) {
        (Consent, true) => "Einwilligung",
        (Consent, false) => "consent",
        (Contract, true) => "Vertragserfüllung oder vorvertragliche Maßnahmen",
        (Contract, false) => "performance of a contract or pre-contractual steps",
        (LegalObligation, true) => "rechtliche Verpflichtung",
        (LegalObligation, false) => "legal obligation",
        (VitalInterests, true) => "lebenswichtige Interessen",
        (VitalInterests, false) => "vital interests",
        (PublicTask, true) => "Wahrnehmung einer Aufgabe im öffentlichen Interesse",
        (PublicTask, false) => "public task",
        (LegitimateInterest, true) => "berechtigte Interessen",
        (LegitimateInterest, false) => "legitimate interests",
    }
}

/// The exact citation of a legal basis: `Art. 6(1)(a) GDPR` / `Art. 6 Abs. 1 lit. a DSGVO`.
pub fn basis_citation(kind: crate::model::BasisKind, german: bool) -> String {
    if german {
        format!("Art. 6 Abs. 1 lit. {} DSGVO", kind.letter())
    } else {
        format!("Art. 6(1)({}) GDPR", kind.letter())
    }
}

/// The letter of Art. 9(2) and the label of an exception for special categories.
pub fn special_basis(keyword: &str, german: bool) -> Option<(char, &'static str)> {
    let (letter, de, en) = match keyword {
        "explicit_consent" => ('a', "ausdrückliche Einwilligung", "explicit consent"),
        "employment" => (
            'b',
            "Arbeitsrecht, soziale Sicherheit und Sozialschutz",
            "employment, social security and social protection law",
        ),
        "vital_interests" => (
            'c',
            "lebenswichtige Interessen bei Einwilligungsunfähigkeit",
            "vital interests where the person cannot consent",
        ),
        "non_profit" => (
            'd',
            "Organisationen ohne Gewinnerzielungsabsicht",
            "not-for-profit bodies",
        ),
        "made_public" => (
            'e',
            "von der betroffenen Person offensichtlich öffentlich gemacht",
            "manifestly made public by the data subject",
        ),
        "legal_claims" => (
            'f',
            "Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen",
            "legal claims",
        ),
        "substantial_public_interest" => (
            'g',
            "erhebliches öffentliches Interesse",
            "substantial public interest",
        ),
        "health_care" => (
            'h',
            "Gesundheitsvorsorge und Versorgung",
            "health or social care",
        ),
        "public_health" => ('i', "öffentliche Gesundheit", "public health"),
        "research" => (
            'j',
            "Archiv-, Forschungs- oder Statistikzwecke",
            "archiving, research or statistics",
        ),
        _ => return None,
    };
    Some((letter, if german { de } else { en }))
}

#[cfg(test)]
mod tests {
    use super::german;

    #[test]
    fn citations() {
        assert_eq!(german("Art. 6(1)(a) GDPR"), "Art. 6 Abs. 1 lit. a DSGVO");
        assert_eq!(
            german("Art. 13(2)(f), 14(2)(g), 15(1)(h) GDPR"),
            "Art. 13 Abs. 2 lit. f, 14 Abs. 2 lit. g, 15 Abs. 1 lit. h DSGVO"
        );
        assert_eq!(german("Art. 28(3) GDPR"), "Art. 28 Abs. 3 DSGVO");
        assert_eq!(german("Art. 50(1) AI Act"), "Art. 50 Abs. 1 KI-VO");
        assert_eq!(german("AI Act Art. 50(1)"), "Art. 50 Abs. 1 KI-VO");
        assert_eq!(
            german("Section 25(1) TDDDG; Art. 5(3) ePrivacy Directive"),
            "§ 25 Abs. 1 TDDDG; Art. 5 Abs. 3 ePrivacy-Richtlinie"
        );
        assert_eq!(
            german("Section 25(2) no. 2 TDDDG"),
            "§ 25 Abs. 2 Nr. 2 TDDDG"
        );
        assert_eq!(
            german("Art. 44, 45, 46, 49 GDPR"),
            "Art. 44, 45, 46, 49 DSGVO"
        );
    }

    /// H1 of the legal review: ranges, the AI Act after a semicolon, the DSK list.
    #[test]
    fn h1_ranges_lists_and_every_part_of_a_reference() {
        assert_eq!(german("Art. 22(1)–(3) GDPR"), "Art. 22 Abs. 1 bis 3 DSGVO");
        assert_eq!(
            german("Art. 5(1)(a)–(c) AI Act"),
            "Art. 5 Abs. 1 lit. a bis c KI-VO"
        );
        assert_eq!(german("Art. 21(2), (3) GDPR"), "Art. 21 Abs. 2 und 3 DSGVO");
        assert_eq!(
            german("Art. 10(2)(f), (g) AI Act"),
            "Art. 10 Abs. 2 lit. f und g KI-VO"
        );
        assert_eq!(
            german("Art. 5(1)(a), 22(3) GDPR; Art. 10 AI Act"),
            "Art. 5 Abs. 1 lit. a, 22 Abs. 3 DSGVO; Art. 10 KI-VO"
        );
        assert_eq!(
            german("Art. 5(1)(a), 22(3) GDPR; AI Act Art. 10"),
            "Art. 5 Abs. 1 lit. a, 22 Abs. 3 DSGVO; Art. 10 KI-VO"
        );
        assert_eq!(
            german("Art. 35(1), 35(3) GDPR; DSK list of processing operations requiring a DPIA"),
            "Art. 35 Abs. 1, 35 Abs. 3 DSGVO; DSK-Muss-Liste"
        );
        assert_eq!(
            german("Section 7(2) no. 2, (3) UWG"),
            "§ 7 Abs. 2 Nr. 2, Abs. 3 UWG"
        );
        assert_eq!(
            german("Art. 49(1) subpara. 2 GDPR"),
            "Art. 49 Abs. 1 UAbs. 2 DSGVO"
        );
        assert_eq!(
            german("Art. 6(1), 13(1)(c) GDPR; EDPB Guidelines 05/2020 paras. 121–123"),
            "Art. 6 Abs. 1, 13 Abs. 1 lit. c DSGVO; EDPB-Leitlinien 05/2020 Rn. 121–123"
        );
        assert_eq!(
            german("Recitals 38, 71 GDPR"),
            "Erwägungsgründe 38, 71 DSGVO"
        );
        assert_eq!(
            german("Art. 6, 26, 27, Annex III AI Act"),
            "Art. 6, 26, 27, Anhang III KI-VO"
        );
        assert_eq!(german("CJEU C-34/21"), "EuGH C-34/21");
        // Words that merely contain a name stay.
        assert_eq!(german("GDPRish"), "GDPRish");
    }
}
