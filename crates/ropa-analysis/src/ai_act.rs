//! When the duties of the AI Act (Regulation (EU) 2024/1689) apply: the one place the rules read
//! the dates from. Art. 113 sets them; the Digital Omnibus on AI (Council adoption 29 Jun 2026)
//! moved the Annex III high-risk duties to 2 Dec 2027 and gave generative systems placed on the
//! market before 2 Aug 2026 until 2 Dec 2026 for the Art. 50(2) marking. A duty that does not
//! apply yet is reported as a warning naming its date; one that applies, as an error.
//!
//! Sources: Art. 113 AI Act; `shared/domain/GDPR.md` §9.1 and `LEGAL-REVIEW.md` G1; the Council's
//! final adoption of the Omnibus as reported in June/July 2026 (its Official Journal reference
//! could not be confirmed from here — check it when updating this table).

use ropa_syntax::Date;

const fn date(year: u16, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

/// A group of AI Act duties with the day they start to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duty {
    /// The provisions, English style (`Art. 50 AI Act`).
    pub provisions: &'static str,
    pub applies_from: Date,
}

impl Duty {
    pub fn applies_on(&self, day: Date) -> bool {
        self.applies_from <= day
    }
}

/// Art. 5: prohibited practices (Chapter II), since 2 Feb 2025.
pub const PROHIBITIONS: Duty = Duty {
    provisions: "Art. 5 AI Act",
    applies_from: date(2025, 2, 2),
};

/// Art. 4: AI literacy (Chapter I), since 2 Feb 2025.
pub const AI_LITERACY: Duty = Duty {
    provisions: "Art. 4 AI Act",
    applies_from: date(2025, 2, 2),
};

/// Art. 50: transparency for chatbots, emotion recognition, biometric categorisation,
/// generated content and deep fakes, since 2 Aug 2026.
pub const TRANSPARENCY: Duty = Duty {
    provisions: "Art. 50 AI Act",
    applies_from: date(2026, 8, 2),
};

/// Art. 6(2), 26, 27 with Annex III: the deployer's duties for high-risk systems (human
/// oversight, logs, informing workers and affected persons, the fundamental-rights impact
/// assessment), from 2 Dec 2027 as amended by the Digital Omnibus on AI (originally 2 Aug 2026).
pub const HIGH_RISK_ANNEX_III: Duty = Duty {
    provisions: "Art. 26, 27 AI Act",
    applies_from: date(2027, 12, 2),
};

/// An Annex III area that `ai { use }` names: a high-risk use (Art. 6(2) AI Act).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnnexIiiArea {
    /// The keyword of `ai { use }`.
    pub keyword: &'static str,
    /// The point of Annex III, English style (`5(b)`).
    pub point: &'static str,
    pub en: &'static str,
    pub de: &'static str,
}

impl AnnexIiiArea {
    /// "Annex III point 5(b) AI Act, creditworthiness assessment" (German: "Anhang III Nr. 5
    /// Buchst. b KI-VO, Kreditwürdigkeitsprüfung").
    pub fn citation(&self, german: bool) -> String {
        if german {
            let point = match self.point.split_once('(') {
                Some((n, letter)) => format!("{n} Buchst. {}", letter.trim_end_matches(')')),
                None => self.point.to_string(),
            };
            format!("Anhang III Nr. {point} KI-VO, {}", self.de)
        } else {
            format!("Annex III point {} AI Act, {}", self.point, self.en)
        }
    }
}

/// The areas of `ai { use }` (`other` names none): the one table that
/// `high-risk-ai-deployer-duties` and the policy's Art. 26(11) sentence read.
pub const ANNEX_III: [AnnexIiiArea; 6] = [
    AnnexIiiArea {
        keyword: "recruitment",
        point: "4(a)",
        en: "recruitment and selection",
        de: "Einstellung und Auswahl",
    },
    AnnexIiiArea {
        keyword: "employment_decisions",
        point: "4(b)",
        en: "decisions on work relationships",
        de: "Entscheidungen in Arbeitsverhältnissen",
    },
    AnnexIiiArea {
        keyword: "credit_scoring",
        point: "5(b)",
        en: "creditworthiness assessment",
        de: "Kreditwürdigkeitsprüfung",
    },
    AnnexIiiArea {
        keyword: "insurance_pricing",
        point: "5(c)",
        en: "risk assessment and pricing in life and health insurance",
        de: "Risikobewertung und Preisbildung bei Lebens- und Krankenversicherungen",
    },
    AnnexIiiArea {
        keyword: "education",
        point: "3",
        en: "education and vocational training",
        de: "allgemeine und berufliche Bildung",
    },
    AnnexIiiArea {
        keyword: "biometric_identification",
        point: "1(a)",
        en: "remote biometric identification",
        de: "biometrische Fernidentifizierung",
    },
];

/// The Annex III area of a `use` keyword; `None` for `other`.
pub fn annex_iii(keyword: &str) -> Option<&'static AnnexIiiArea> {
    ANNEX_III.iter().find(|a| a.keyword == keyword)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_dates_of_art_113_as_amended() {
        assert_eq!(PROHIBITIONS.applies_from, date(2025, 2, 2));
        assert_eq!(AI_LITERACY.applies_from, date(2025, 2, 2));
        assert_eq!(TRANSPARENCY.applies_from, date(2026, 8, 2));
        assert_eq!(HIGH_RISK_ANNEX_III.applies_from, date(2027, 12, 2));
        assert!(!TRANSPARENCY.applies_on(date(2026, 8, 1)));
        assert!(TRANSPARENCY.applies_on(date(2026, 8, 2)));
    }

    #[test]
    fn annex_iii_points_are_cited_in_both_styles() {
        let credit = annex_iii("credit_scoring").unwrap();
        assert_eq!(
            credit.citation(false),
            "Annex III point 5(b) AI Act, creditworthiness assessment"
        );
        assert_eq!(
            credit.citation(true),
            "Anhang III Nr. 5 Buchst. b KI-VO, Kreditwürdigkeitsprüfung"
        );
        assert_eq!(
            annex_iii("education").unwrap().citation(true),
            "Anhang III Nr. 3 KI-VO, allgemeine und berufliche Bildung"
        );
        assert!(annex_iii("other").is_none());
    }
}
