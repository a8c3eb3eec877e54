//! Countries: ISO 3166-1 codes, where the GDPR applies without a transfer, and the Commission's
//! adequacy decisions.
//!
//! This is the one place that knows which country a transfer goes to and what covers it: the
//! transfer rules, hover, inlay hints and the generated policy and record all read it. Update it
//! when the Commission adopts, renews or withdraws a decision (Art. 45 GDPR), and move
//! [`ADEQUACY_AS_OF`] along. Sources: the Commission's list of adequacy decisions; the
//! corrections of December 2026 in `shared/domain/GDPR.md` (outermost regions, Åland, the UK).

use ropa_syntax::Date;

/// When [`ADEQUACY`] was last checked against the Commission's list.
pub const ADEQUACY_AS_OF: Date = date(2026, 12, 7);

const fn date(year: u16, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

/// The EU-27 member states. `EL` is the EU's own code for Greece and is accepted beside `GR`.
pub const EU_MEMBER_STATES: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// Parts of member states that have ISO codes of their own but are EU territory, so the GDPR
/// applies there and sending data there is no Chapter V transfer: the French outermost regions
/// Guadeloupe, French Guiana, Martinique, Réunion, Mayotte and Saint-Martin (Art. 349, 355(1)
/// TFEU) and Åland, part of Finland (Art. 355(4) TFEU; Protocol No 2 to the 1994 Act of
/// Accession). Overseas countries and territories such as Greenland (`GL`), New Caledonia
/// (`NC`), French Polynesia (`PF`) or Saint-Barthélemy (`BL`) are not EU territory: third
/// countries.
pub const EU_TERRITORIES: &[&str] = &["GP", "GF", "MQ", "RE", "YT", "MF", "AX"];

/// The EEA-EFTA states: Iceland, Liechtenstein, Norway.
pub const EEA_EFTA: &[&str] = &["IS", "LI", "NO"];

/// Every code where the GDPR applies (member states, their territories with codes of their own,
/// the EEA-EFTA states): no third-country transfer.
pub fn is_eea(country: &str) -> bool {
    EU_MEMBER_STATES.contains(&country)
        || EU_TERRITORIES.contains(&country)
        || EEA_EFTA.contains(&country)
}

/// Every code [`is_eea`] accepts.
pub fn eea_codes() -> impl Iterator<Item = &'static str> {
    EU_MEMBER_STATES
        .iter()
        .chain(EU_TERRITORIES)
        .chain(EEA_EFTA)
        .copied()
}

/// What kind of act a decision is (its name differs in German and English).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActKind {
    /// "Entscheidung" (before the Lisbon Treaty) / "Beschluss" (after) — "Commission Decision".
    Decision,
    /// "Durchführungsbeschluss" — "Commission Implementing Decision".
    ImplementingDecision,
}

/// An adequacy decision of the Commission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    pub kind: ActKind,
    /// The number as the Official Journal's English edition writes it (`2000/518/EC`,
    /// `(EU) 2023/1795`); `None` when it could not be confirmed, and the act is cited by its date.
    pub number: Option<&'static str>,
    pub adopted: Date,
    /// Adopted under Art. 25(6) of Directive 95/46/EC and in force under Art. 45(9) GDPR
    /// (confirmed by the Commission's review of 15 Jan 2024).
    pub pre_gdpr: bool,
}

const MONTHS_DE: [&str; 12] = [
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
const MONTHS_EN: [&str; 12] = [
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

/// `19. Dezember 2025` / `19 December 2025`.
pub fn long_date(d: Date, german: bool) -> String {
    let i = usize::from(d.month.clamp(1, 12)) - 1;
    if german {
        format!("{}. {} {}", d.day, MONTHS_DE[i], d.year)
    } else {
        format!("{} {} {}", d.day, MONTHS_EN[i], d.year)
    }
}

impl Decision {
    /// The act: `Entscheidung 2000/518/EG der Kommission`, `Durchführungsbeschluss (EU)
    /// 2023/1795 der Kommission`, `Durchführungsbeschluss der Kommission vom 19. Dezember 2025`
    /// / `Commission Decision 2000/518/EC`, `Commission Implementing Decision of 19 December
    /// 2025`.
    pub fn act(&self, german: bool) -> String {
        if german {
            let lisbon = date(2009, 12, 1);
            let name = match self.kind {
                ActKind::Decision if self.adopted < lisbon => "Entscheidung",
                ActKind::Decision => "Beschluss",
                ActKind::ImplementingDecision => "Durchführungsbeschluss",
            };
            match self.number {
                // The German designation of acts of the European Community is "EG".
                Some(n) => {
                    let n = n
                        .strip_suffix("/EC")
                        .map_or(n.to_string(), |s| format!("{s}/EG"));
                    format!("{name} {n} der Kommission")
                }
                None => format!(
                    "{name} der Kommission vom {}",
                    long_date(self.adopted, true)
                ),
            }
        } else {
            let name = match self.kind {
                ActKind::Decision => "Commission Decision",
                ActKind::ImplementingDecision => "Commission Implementing Decision",
            };
            match self.number {
                Some(n) => format!("{name} {n}"),
                None => format!("{name} of {}", long_date(self.adopted, false)),
            }
        }
    }

    /// The act with the provision it stands on: pre-GDPR decisions add `fortgeltend nach Art.
    /// 45 Abs. 9 DSGVO` / `continued under Art. 45(9) GDPR`.
    pub fn citation(&self, german: bool) -> String {
        let act = self.act(german);
        match (self.pre_gdpr, german) {
            (true, true) => format!("{act}, fortgeltend nach Art. 45 Abs. 9 DSGVO"),
            (true, false) => format!("{act}, continued under Art. 45(9) GDPR"),
            (false, _) => act,
        }
    }
}

/// How much of a country a decision covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// Every recipient in the country.
    Full,
    /// Only recipients within the decision's scope (Art. 45(1), (3): "specified sectors"):
    /// a recipient outside it is not covered (CA, JP, KR).
    Partial,
    /// Only organisations certified under a framework, declared as `transfer dpf` (US).
    Certified,
}

/// An adequacy decision under Art. 45 GDPR for a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adequacy {
    pub country: &'static str,
    pub decision: Decision,
    pub coverage: Coverage,
    /// The limits of the decision's scope, German and English.
    pub scope: Option<(&'static str, &'static str)>,
    /// The first day the decision covers transfers, when that is later than any record would
    /// date (before it, the country is a third country without adequacy decision).
    pub from: Option<Date>,
    /// The last day of a decision with a sunset clause.
    pub until: Option<Date>,
}

impl Adequacy {
    /// The decision with its legal basis, see [`Decision::citation`].
    pub fn citation(&self, german: bool) -> String {
        self.decision.citation(german)
    }

    /// The scope's limits in the given language.
    pub fn scope_text(&self, german: bool) -> Option<&'static str> {
        self.scope.map(|(de, en)| if german { de } else { en })
    }

    /// Whether the decision covers transfers on `day`.
    pub fn in_force_on(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }
}

const fn pre_gdpr(country: &'static str, number: &'static str, adopted: Date) -> Adequacy {
    Adequacy {
        country,
        decision: Decision {
            kind: ActKind::Decision,
            number: Some(number),
            adopted,
            pre_gdpr: true,
        },
        coverage: Coverage::Full,
        scope: None,
        from: None,
        until: None,
    }
}

const fn implementing(
    country: &'static str,
    number: Option<&'static str>,
    adopted: Date,
    pre_gdpr: bool,
) -> Adequacy {
    Adequacy {
        country,
        decision: Decision {
            kind: ActKind::ImplementingDecision,
            number,
            adopted,
            pre_gdpr,
        },
        coverage: Coverage::Full,
        scope: None,
        from: None,
        until: None,
    }
}

/// The adequacy decisions in force on [`ADEQUACY_AS_OF`], by country code.
pub const ADEQUACY: &[Adequacy] = &[
    pre_gdpr("AD", "2010/625/EU", date(2010, 10, 19)),
    pre_gdpr("AR", "2003/490/EC", date(2003, 6, 30)),
    Adequacy {
        from: Some(date(2026, 1, 26)),
        ..implementing("BR", Some("(EU) 2026/179"), date(2026, 1, 26), false)
    },
    Adequacy {
        coverage: Coverage::Partial,
        scope: Some((
            "nur Organisationen, die dem kanadischen PIPEDA unterliegen (kommerzielle Tätigkeiten)",
            "only organisations subject to Canada's PIPEDA (commercial activities)",
        )),
        ..pre_gdpr("CA", "2002/2/EC", date(2001, 12, 20))
    },
    pre_gdpr("CH", "2000/518/EC", date(2000, 7, 26)),
    pre_gdpr("FO", "2010/146/EU", date(2010, 3, 5)),
    // The decision of 28 Jun 2021 expired on 27 Dec 2025; the Commission adopted a new one on
    // 19 Dec 2025, valid until 27 Dec 2031. Its number in the Official Journal could not be
    // confirmed here, so it is cited by its date (shared/domain/GDPR.md, corrections).
    Adequacy {
        until: Some(date(2031, 12, 27)),
        ..implementing("GB", None, date(2025, 12, 19), false)
    },
    pre_gdpr("GG", "2003/821/EC", date(2003, 11, 21)),
    pre_gdpr("IL", "2011/61/EU", date(2011, 1, 31)),
    pre_gdpr("IM", "2004/411/EC", date(2004, 4, 28)),
    pre_gdpr("JE", "2008/393/EC", date(2008, 5, 8)),
    Adequacy {
        coverage: Coverage::Partial,
        scope: Some((
            "nur Unternehmen, die dem japanischen APPI samt den Ergänzenden Vorschriften unterliegen (nicht der öffentliche Sektor)",
            "only business operators subject to Japan's APPI and the Supplementary Rules (not the public sector)",
        )),
        ..implementing("JP", Some("(EU) 2019/419"), date(2019, 1, 23), false)
    },
    Adequacy {
        coverage: Coverage::Partial,
        scope: Some((
            "nur Verantwortliche, die dem koreanischen PIPA unterliegen, ohne die ausgenommenen Bereiche (u. a. Missionstätigkeit religiöser Organisationen, Kandidatenaufstellung politischer Parteien, von der FSC beaufsichtigte Kreditinformationen)",
            "only controllers subject to Korea's PIPA, without the excluded areas (among them religious organisations' missionary activities, political parties' nominations, credit information supervised by the FSC)",
        )),
        ..implementing("KR", Some("(EU) 2022/254"), date(2021, 12, 17), false)
    },
    implementing("NZ", Some("2013/65/EU"), date(2012, 12, 19), true),
    implementing("UY", Some("2012/484/EU"), date(2012, 8, 21), true),
    Adequacy {
        coverage: Coverage::Certified,
        scope: Some((
            "nur nach dem EU-US Data Privacy Framework zertifizierte Organisationen",
            "only organisations certified under the EU-US Data Privacy Framework",
        )),
        ..implementing("US", Some("(EU) 2023/1795"), date(2023, 7, 10), false)
    },
];

/// The adequacy decision for `country` in the table (in force on [`ADEQUACY_AS_OF`]).
pub fn adequacy(country: &str) -> Option<&'static Adequacy> {
    ADEQUACY.iter().find(|a| a.country == country)
}

/// The adequacy decision for `country` that covers transfers on `day`.
pub fn adequacy_on(country: &str, day: Date) -> Option<&'static Adequacy> {
    adequacy(country).filter(|a| a.in_force_on(day))
}

/// Whether `code` is an ISO 3166-1 alpha-2 code (or `EL` for Greece).
pub fn is_country_code(code: &str) -> bool {
    code == "EL" || in_code_list(ISO_3166_1, code)
}

pub fn country_codes() -> impl Iterator<Item = &'static str> {
    ISO_3166_1.split(' ')
}

/// The 249 officially assigned ISO 3166-1 alpha-2 codes.
const ISO_3166_1: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Whether `code` is an ISO 639-1 language code.
pub fn is_language_code(code: &str) -> bool {
    language_code(code).is_some()
}

/// The ISO 639-1 language code `code`, from the table (the model keeps it without allocating).
pub fn language_code(code: &str) -> Option<&'static str> {
    find_in_code_list(ISO_639_1, code)
}

/// Whether `code` is in a sorted list of two-letter codes separated by single spaces.
fn in_code_list(list: &'static str, code: &str) -> bool {
    find_in_code_list(list, code).is_some()
}

/// `code` in a sorted list of two-letter codes separated by single spaces (a binary search:
/// lowering asks this for every language key and country).
fn find_in_code_list(list: &'static str, code: &str) -> Option<&'static str> {
    let &[a, b] = code.as_bytes() else {
        return None;
    };
    // Two bytes as one big-endian number sort like the codes.
    let key = u16::from_be_bytes([a, b]);
    let bytes = list.as_bytes();
    let at = |i: usize| match bytes.get(3 * i..3 * i + 2) {
        Some(&[x, y]) => u16::from_be_bytes([x, y]),
        _ => u16::MAX,
    };
    let (mut lo, mut hi) = (0, list.len().div_ceil(3));
    while lo < hi {
        let mid = (lo + hi) / 2;
        match at(mid).cmp(&key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return list.get(3 * mid..3 * mid + 2),
        }
    }
    None
}

pub fn language_codes() -> impl Iterator<Item = &'static str> {
    ISO_639_1.split(' ')
}

const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

#[cfg(test)]
mod tests {
    #[test]
    fn code_lists_are_sorted_pairs_and_searchable() {
        for list in [super::ISO_639_1, super::ISO_3166_1] {
            let codes: Vec<&str> = list.split(' ').collect();
            assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted");
            assert!(codes.iter().all(|c| c.len() == 2));
            for c in &codes {
                assert!(super::in_code_list(list, c), "{c}");
            }
        }
        for absent in ["", "x", "zz", "ZZ", "aaa", "ä"] {
            assert!(!super::in_code_list(super::ISO_639_1, absent));
        }
    }

    use super::*;

    #[test]
    fn tables_are_consistent() {
        assert_eq!(country_codes().count(), 249);
        assert_eq!(language_codes().count(), 183);
        assert_eq!(EU_MEMBER_STATES.len(), 28, "27 EU states, and EL beside GR");
        assert_eq!(eea_codes().count(), 28 + 7 + 3);
        for c in eea_codes().chain(ADEQUACY.iter().map(|a| a.country)) {
            assert!(is_country_code(c), "{c}");
        }
        assert!(ADEQUACY.iter().all(|a| !is_eea(a.country)));
        let mut countries: Vec<_> = ADEQUACY.iter().map(|a| a.country).collect();
        countries.sort_unstable();
        countries.dedup();
        assert_eq!(countries.len(), ADEQUACY.len(), "one decision per country");
        for a in ADEQUACY {
            assert!(
                a.in_force_on(ADEQUACY_AS_OF),
                "{} in force on the as-of date",
                a.country
            );
            assert_eq!(
                a.coverage != Coverage::Full,
                a.scope.is_some(),
                "{}: a limited decision states its scope",
                a.country
            );
        }
    }

    #[test]
    fn outermost_regions_and_aland_are_eu_territory_and_overseas_territories_are_not() {
        for c in ["GF", "GP", "MQ", "RE", "YT", "MF", "AX"] {
            assert!(is_eea(c), "{c}");
        }
        for c in ["GL", "NC", "PF", "BL", "PM", "WF", "CH", "GB"] {
            assert!(!is_eea(c), "{c}");
        }
    }

    #[test]
    fn citations_name_the_act_and_pre_gdpr_decisions_art_45_9() {
        let ch = adequacy("CH").map(|a| (a.citation(true), a.citation(false)));
        assert_eq!(
            ch,
            Some((
                "Entscheidung 2000/518/EG der Kommission, fortgeltend nach Art. 45 Abs. 9 DSGVO"
                    .to_string(),
                "Commission Decision 2000/518/EC, continued under Art. 45(9) GDPR".to_string()
            ))
        );
        let ad = adequacy("AD").map(|a| a.citation(true));
        assert_eq!(
            ad.as_deref(),
            Some("Beschluss 2010/625/EU der Kommission, fortgeltend nach Art. 45 Abs. 9 DSGVO")
        );
        let us = adequacy("US").map(|a| (a.citation(true), a.citation(false)));
        assert_eq!(
            us,
            Some((
                "Durchführungsbeschluss (EU) 2023/1795 der Kommission".to_string(),
                "Commission Implementing Decision (EU) 2023/1795".to_string()
            ))
        );
    }

    #[test]
    fn the_uk_is_cited_by_the_decision_of_19_december_2025_valid_until_2031() {
        let gb = adequacy("GB").map(|a| (a.citation(true), a.citation(false), a.until));
        assert_eq!(
            gb,
            Some((
                "Durchführungsbeschluss der Kommission vom 19. Dezember 2025".to_string(),
                "Commission Implementing Decision of 19 December 2025".to_string(),
                Some(date(2031, 12, 27))
            ))
        );
        let expired = concat!("2021/", "1772");
        for a in ADEQUACY {
            assert!(!a.citation(true).contains(expired) && !a.citation(false).contains(expired));
        }
        assert!(adequacy_on("GB", date(2031, 12, 27)).is_some());
        assert!(
            adequacy_on("GB", date(2031, 12, 28)).is_none(),
            "the sunset clause"
        );
        assert!(adequacy_on("BR", date(2026, 1, 25)).is_none());
        assert!(adequacy_on("BR", date(2026, 1, 26)).is_some());
    }

    #[test]
    fn canada_japan_and_korea_are_partial() {
        for c in ["CA", "JP", "KR"] {
            assert_eq!(
                adequacy(c).map(|a| a.coverage),
                Some(Coverage::Partial),
                "{c}"
            );
        }
        assert_eq!(
            adequacy("US").map(|a| a.coverage),
            Some(Coverage::Certified)
        );
        assert_eq!(adequacy("CH").map(|a| a.coverage), Some(Coverage::Full));
    }
}
