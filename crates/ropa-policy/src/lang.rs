//! The two output languages, and the words and citations that depend on them.
//!
//! Citations follow one exact form per language: German "Art. 6 Abs. 1 lit. a DSGVO",
//! English "Art. 6(1)(a) GDPR". Every citation the generator writes is built here.

use ropa_analysis::model::{BasisKind, Mechanism};
use ropa_syntax::{Date, TimeUnit};

/// A language the generator writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// [`Lang::t`] of texts that are not static.
    pub(crate) fn t_owned(self, de: &str, en: &str) -> String {
        match self {
            Lang::De => de.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// Picks the German or the English phrase.
    pub fn t(self, de: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::De => de,
            Lang::En => en,
        }
    }

    /// `Art. 6 Abs. 1 lit. a DSGVO` / `Art. 6(1)(a) GDPR`: article, paragraph, letter.
    pub fn art(self, article: u32, paragraph: Option<u32>, letter: Option<char>) -> String {
        // Written piece by piece: the generator cites a few times per activity.
        let mut s = String::with_capacity(32);
        s.push_str("Art. ");
        push_number(&mut s, article);
        match self {
            Lang::De => {
                if let Some(p) = paragraph {
                    s.push_str(" Abs. ");
                    push_number(&mut s, p);
                }
                if let Some(l) = letter {
                    s.push_str(" lit. ");
                    s.push(l);
                }
                s.push_str(" DSGVO");
            }
            Lang::En => {
                if let Some(p) = paragraph {
                    s.push('(');
                    push_number(&mut s, p);
                    s.push(')');
                }
                if let Some(l) = letter {
                    s.push('(');
                    s.push(l);
                    s.push(')');
                }
                s.push_str(" GDPR");
            }
        }
        s
    }

    /// The name of the regulation alone: `DSGVO` / `GDPR`.
    pub fn gdpr(self) -> &'static str {
        self.t("DSGVO", "GDPR")
    }

    /// `Art. 50 Abs. 1 KI-VO` / `Art. 50(1) AI Act`.
    pub fn ai_act(self, paragraph: u32) -> String {
        match self {
            Lang::De => format!("Art. 50 Abs. {paragraph} KI-VO"),
            Lang::En => format!("Art. 50({paragraph}) AI Act"),
        }
    }

    /// `§ 25 Abs. 1 TDDDG` / `Section 25(1) TDDDG`; with `number`, `§ 25 Abs. 2 Nr. 2 TDDDG` /
    /// `Section 25(2) no. 2 TDDDG`.
    pub fn tdddg(self, paragraph: u32, number: Option<u32>) -> String {
        match (self, number) {
            (Lang::De, None) => format!("§ 25 Abs. {paragraph} TDDDG"),
            (Lang::De, Some(n)) => format!("§ 25 Abs. {paragraph} Nr. {n} TDDDG"),
            (Lang::En, None) => format!("Section 25({paragraph}) TDDDG"),
            (Lang::En, Some(n)) => format!("Section 25({paragraph}) no. {n} TDDDG"),
        }
    }

    /// The citation of an Art. 6(1) legal basis.
    pub fn basis_citation(self, kind: BasisKind) -> String {
        self.art(6, Some(1), Some(kind.letter()))
    }

    /// The name of an Art. 6(1) legal basis (GDPR.md §1.1).
    pub fn basis_label(self, kind: BasisKind) -> &'static str {
        match kind {
            BasisKind::Consent => self.t("Einwilligung", "Consent"),
            BasisKind::Contract => self.t(
                "Vertragserfüllung und vorvertragliche Maßnahmen",
                "Performance of a contract and pre-contractual steps",
            ),
            BasisKind::LegalObligation => self.t("Rechtliche Verpflichtung", "Legal obligation"),
            BasisKind::VitalInterests => self.t("Lebenswichtige Interessen", "Vital interests"),
            BasisKind::PublicTask => self.t(
                "Wahrnehmung einer Aufgabe im öffentlichen Interesse oder in Ausübung öffentlicher Gewalt",
                "Task in the public interest or in the exercise of official authority",
            ),
            BasisKind::LegitimateInterest => self.t("Berechtigte Interessen", "Legitimate interests"),
        }
    }

    /// What an Art. 6(1) legal basis means, in one plain sentence.
    pub fn basis_explanation(self, kind: BasisKind) -> &'static str {
        match kind {
            BasisKind::Consent => self.t(
                "Sie haben in die Verarbeitung Ihrer Daten für einen oder mehrere bestimmte Zwecke eingewilligt.",
                "You have consented to the processing of your data for one or more specific purposes.",
            ),
            BasisKind::Contract => self.t(
                "Die Verarbeitung ist für die Erfüllung eines Vertrags mit Ihnen oder für vorvertragliche Maßnahmen erforderlich, die auf Ihre Anfrage erfolgen.",
                "The processing is necessary for the performance of a contract with you or for steps taken at your request before entering into a contract.",
            ),
            BasisKind::LegalObligation => self.t(
                "Die Verarbeitung ist zur Erfüllung einer rechtlichen Verpflichtung erforderlich, der wir unterliegen.",
                "The processing is necessary for compliance with a legal obligation to which we are subject.",
            ),
            BasisKind::VitalInterests => self.t(
                "Die Verarbeitung ist erforderlich, um lebenswichtige Interessen von Ihnen oder einer anderen natürlichen Person zu schützen.",
                "The processing is necessary to protect your vital interests or those of another natural person.",
            ),
            BasisKind::PublicTask => self.t(
                "Die Verarbeitung ist für die Wahrnehmung einer Aufgabe erforderlich, die im öffentlichen Interesse liegt oder in Ausübung öffentlicher Gewalt erfolgt, die uns übertragen wurde.",
                "The processing is necessary for a task carried out in the public interest or in the exercise of official authority vested in us.",
            ),
            BasisKind::LegitimateInterest => self.t(
                "Die Verarbeitung ist zur Wahrung unserer berechtigten Interessen oder der eines Dritten erforderlich, sofern nicht Ihre Interessen oder Grundrechte und Grundfreiheiten überwiegen.",
                "The processing is necessary for our legitimate interests or those of a third party, unless your interests or fundamental rights and freedoms override them.",
            ),
        }
    }

    /// The letter and name of an Art. 9(2) ground (keys of LANGUAGE.md, labels of GDPR.md §1.3).
    pub fn special_basis(self, keyword: &str) -> Option<(char, &'static str)> {
        let (letter, de, en) = match keyword {
            "explicit_consent" => ('a', "Ausdrückliche Einwilligung", "Explicit consent"),
            "employment" => (
                'b',
                "Arbeitsrecht, Recht der sozialen Sicherheit und des Sozialschutzes",
                "Employment, social security and social protection law",
            ),
            "vital_interests" => (
                'c',
                "Lebenswichtige Interessen bei Einwilligungsunfähigkeit",
                "Vital interests where the person cannot give consent",
            ),
            "non_profit" => (
                'd',
                "Tätigkeit einer Organisation ohne Gewinnerzielungsabsicht",
                "Activities of a not-for-profit body",
            ),
            "made_public" => (
                'e',
                "Von Ihnen offensichtlich öffentlich gemachte Daten",
                "Data manifestly made public by you",
            ),
            "legal_claims" => (
                'f',
                "Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen",
                "Establishment, exercise or defence of legal claims",
            ),
            "substantial_public_interest" => (
                'g',
                "Erhebliches öffentliches Interesse",
                "Substantial public interest",
            ),
            "health_care" => (
                'h',
                "Gesundheitsvorsorge, Arbeitsmedizin und Versorgung im Gesundheits- oder Sozialbereich",
                "Preventive or occupational medicine, health or social care",
            ),
            "public_health" => ('i', "Öffentliche Gesundheit", "Public health"),
            "research" => (
                'j',
                "Archivzwecke im öffentlichen Interesse, Forschungs- oder Statistikzwecke",
                "Archiving in the public interest, research or statistical purposes",
            ),
            _ => return None,
        };
        Some((letter, self.t(de, en)))
    }

    /// A date in words: `22. November 2026` / `22 November 2026`.
    pub fn date(self, d: Date) -> String {
        const DE: [&str; 12] = [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let i = usize::from(d.month.clamp(1, 12)) - 1;
        match self {
            Lang::De => format!("{}. {} {}", d.day, DE[i], d.year),
            Lang::En => format!("{} {} {}", d.day, EN[i], d.year),
        }
    }

    /// A duration in words: `90 Tage`, `1 Jahr` / `90 days`, `1 year`.
    pub fn duration(self, amount: u64, unit: TimeUnit) -> String {
        let one = amount == 1;
        let word = match (self, unit, one) {
            (Lang::De, TimeUnit::Day, true) => "Tag",
            (Lang::De, TimeUnit::Day, false) => "Tage",
            (Lang::De, TimeUnit::Week, true) => "Woche",
            (Lang::De, TimeUnit::Week, false) => "Wochen",
            (Lang::De, TimeUnit::Month, true) => "Monat",
            (Lang::De, TimeUnit::Month, false) => "Monate",
            (Lang::De, TimeUnit::Year, true) => "Jahr",
            (Lang::De, TimeUnit::Year, false) => "Jahre",
            (Lang::En, TimeUnit::Day, true) => "day",
            (Lang::En, TimeUnit::Day, false) => "days",
            (Lang::En, TimeUnit::Week, true) => "week",
            (Lang::En, TimeUnit::Week, false) => "weeks",
            (Lang::En, TimeUnit::Month, true) => "month",
            (Lang::En, TimeUnit::Month, false) => "months",
            (Lang::En, TimeUnit::Year, true) => "year",
            (Lang::En, TimeUnit::Year, false) => "years",
        };
        format!("{amount} {word}")
    }

    /// The citation of a transfer mechanism (Art. 45–49).
    pub fn mechanism_citation(self, m: Mechanism) -> String {
        m.citation(self == Lang::De).to_string()
    }

    /// An adequacy decision's number in this language: the German designation of EC acts is
    /// "EG" (`2000/518/EC` → `2000/518/EG`).
    pub fn decision_number(self, number: &str) -> String {
        match self {
            Lang::De => number
                .strip_suffix("/EC")
                .map_or_else(|| number.to_string(), |n| format!("{n}/EG")),
            Lang::En => number.to_string(),
        }
    }

    /// Joins a list the way a sentence does: `a, b und c` / `a, b and c`.
    pub fn join_and(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.t("und", "and")),
        }
    }
}

/// Appends `n` in decimal.
fn push_number(s: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        s.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_have_the_exact_form() {
        assert_eq!(
            Lang::De.basis_citation(BasisKind::LegitimateInterest),
            "Art. 6 Abs. 1 lit. f DSGVO"
        );
        assert_eq!(
            Lang::En.basis_citation(BasisKind::Consent),
            "Art. 6(1)(a) GDPR"
        );
        assert_eq!(
            Lang::De.art(9, Some(2), Some('a')),
            "Art. 9 Abs. 2 lit. a DSGVO"
        );
        assert_eq!(Lang::En.art(7, Some(3), None), "Art. 7(3) GDPR");
        assert_eq!(Lang::De.art(77, None, None), "Art. 77 DSGVO");
        assert_eq!(Lang::De.ai_act(1), "Art. 50 Abs. 1 KI-VO");
        assert_eq!(Lang::En.ai_act(3), "Art. 50(3) AI Act");
        assert_eq!(Lang::De.tdddg(2, Some(2)), "§ 25 Abs. 2 Nr. 2 TDDDG");
        assert_eq!(Lang::En.tdddg(1, None), "Section 25(1) TDDDG");
        assert_eq!(
            Lang::De.mechanism_citation(Mechanism::Scc),
            "Art. 46 Abs. 2 lit. c DSGVO"
        );
        assert_eq!(Lang::De.decision_number("2000/518/EC"), "2000/518/EG");
        assert_eq!(Lang::De.decision_number("(EU) 2023/1795"), "(EU) 2023/1795");
    }

    #[test]
    fn durations_and_dates_in_words() {
        assert_eq!(Lang::De.duration(90, TimeUnit::Day), "90 Tage");
        assert_eq!(Lang::De.duration(13, TimeUnit::Month), "13 Monate");
        assert_eq!(Lang::De.duration(1, TimeUnit::Year), "1 Jahr");
        assert_eq!(Lang::De.duration(2, TimeUnit::Year), "2 Jahre");
        assert_eq!(Lang::En.duration(90, TimeUnit::Day), "90 days");
        assert_eq!(Lang::En.duration(1, TimeUnit::Week), "1 week");
        let d = Date::new(2026, 11, 22);
        assert_eq!(
            d.map(|d| Lang::De.date(d)).as_deref(),
            Some("22. November 2026")
        );
        assert_eq!(
            d.map(|d| Lang::En.date(d)).as_deref(),
            Some("22 November 2026")
        );
    }

    #[test]
    fn citations_have_one_form_per_language() {
        assert_eq!(
            Lang::De.art(6, Some(1), Some('a')),
            "Art. 6 Abs. 1 lit. a DSGVO"
        );
        assert_eq!(Lang::En.art(6, Some(1), Some('a')), "Art. 6(1)(a) GDPR");
        assert_eq!(Lang::De.art(45, None, None), "Art. 45 DSGVO");
        assert_eq!(Lang::En.art(14, Some(2), Some('g')), "Art. 14(2)(g) GDPR");
        assert_eq!(Lang::De.art(0, Some(10), None), "Art. 0 Abs. 10 DSGVO");
        assert_eq!(Lang::En.art(u32::MAX, None, None), "Art. 4294967295 GDPR");
    }
}
