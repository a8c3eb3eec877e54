//! Legal citations in German and English form.
//!
//! The project writes references in English form ("Art. 6(1)(a) GDPR"); German text needs
//! "Art. 6 Abs. 1 lit. a DSGVO". This turns one into the other.

/// The German form of an English citation: `Art. 13(2)(f) GDPR` → `Art. 13 Abs. 2 lit. f DSGVO`,
/// `AI Act Art. 50(1)` → `Art. 50 Abs. 1 KI-VO`, `§ 25(1) TDDDG` → `§ 25 Abs. 1 TDDDG`.
pub fn german(reference: &str) -> String {
    let mut out = reference.to_string();
    let ai_act = out.starts_with("AI Act ");
    if ai_act {
        out = out.trim_start_matches("AI Act ").to_string();
    }
    out = out
        .replace("GDPR", "DSGVO")
        .replace("ePrivacy Directive", "ePrivacy-Richtlinie")
        .replace("Recital", "Erwägungsgrund");
    // Rewrite every `N(x)(y)` group: the first parenthesis is a paragraph, the second a letter
    // (or a number for §§ and sub-paragraphs).
    let mut result = String::with_capacity(out.len() + 16);
    let chars: Vec<char> = out.chars().collect();
    let mut i = 0;
    let mut depth = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '(' {
            let close = chars[i..].iter().position(|&c| c == ')').map(|p| i + p);
            if let Some(close) = close {
                let inner: String = chars[i + 1..close].iter().collect();
                let prev_digit_or_paren =
                    i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == ')');
                if prev_digit_or_paren {
                    if depth == 0 {
                        result.push_str(&format!(" Abs. {inner}"));
                    } else if inner.chars().all(|c| c.is_ascii_lowercase()) {
                        result.push_str(&format!(" lit. {inner}"));
                    } else {
                        result.push_str(&format!(" UAbs. {inner}"));
                    }
                    depth += 1;
                    i = close + 1;
                    continue;
                }
            }
        }
        if !c.is_ascii_digit() && c != ')' {
            depth = 0;
        }
        result.push(c);
        i += 1;
    }
    if ai_act {
        // Each article of the AI Act keeps its law name at the end.
        result.push_str(" KI-VO");
    }
    result
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
        assert_eq!(german("AI Act Art. 50(1)"), "Art. 50 Abs. 1 KI-VO");
        assert_eq!(
            german("§ 25(1) TDDDG; Art. 5(3) ePrivacy Directive"),
            "§ 25 Abs. 1 TDDDG; Art. 5 Abs. 3 ePrivacy-Richtlinie"
        );
        assert_eq!(
            german("Art. 44, 45, 46, 49 GDPR"),
            "Art. 44, 45, 46, 49 DSGVO"
        );
    }
}
