//! Countries: ISO 3166-1 codes, the EEA, and the Commission's adequacy decisions.
//!
//! The adequacy table is the one place to update when the Commission adopts or withdraws a
//! decision (Art. 45 GDPR). Last reviewed: 2026-07 (see `shared/domain/GDPR.md` §7.2).

/// When [`ADEQUACY`] was last checked against the Commission's list.
pub const ADEQUACY_AS_OF: &str = "2026-07";

/// EU-27 plus the EEA-EFTA states Iceland, Liechtenstein and Norway. `EL` is the EU's own code
/// for Greece and is accepted beside `GR`.
pub const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// An adequacy decision under Art. 45 GDPR.
#[derive(Clone, Copy, Debug)]
pub struct Adequacy {
    pub country: &'static str,
    pub decision: &'static str,
    /// Limits of the decision's scope, if any.
    pub scope: Option<&'static str>,
}

const fn full(country: &'static str, decision: &'static str) -> Adequacy {
    Adequacy {
        country,
        decision,
        scope: None,
    }
}

pub const ADEQUACY: &[Adequacy] = &[
    full("AD", "2010/625/EU"),
    full("AR", "2003/490/EC"),
    full("BR", "(EU) 2026/179"),
    Adequacy {
        country: "CA",
        decision: "2002/2/EC",
        scope: Some("commercial organisations under PIPEDA"),
    },
    full("CH", "2000/518/EC"),
    full("FO", "2010/146/EU"),
    full("GB", "(EU) 2021/1772"),
    full("GG", "2003/821/EC"),
    full("IL", "2011/61/EU"),
    full("IM", "2004/411/EC"),
    full("JE", "2008/393/EC"),
    Adequacy {
        country: "JP",
        decision: "(EU) 2019/419",
        scope: Some("private sector under the APPI"),
    },
    Adequacy {
        country: "KR",
        decision: "(EU) 2022/254",
        scope: Some("under the PIPA"),
    },
    full("NZ", "2013/65/EU"),
    full("UY", "2012/484/EU"),
    Adequacy {
        country: "US",
        decision: "(EU) 2023/1795",
        scope: Some("only organisations certified under the EU-US Data Privacy Framework"),
    },
];

pub fn is_eea(country: &str) -> bool {
    EEA.contains(&country)
}

pub fn adequacy(country: &str) -> Option<&'static Adequacy> {
    ADEQUACY.iter().find(|a| a.country == country)
}

/// Whether `code` is an ISO 3166-1 alpha-2 code (or `EL` for Greece).
pub fn is_country_code(code: &str) -> bool {
    code == "EL" || in_code_list(ISO_3166_1, code)
}

/// The ISO 3166-1 alpha-2 code meant by a common other way of naming a country: `UK` (reserved
/// in ISO 3166-1 for the United Kingdom, whose code is `GB`) and the alpha-3 codes of the
/// countries records name most. Case does not matter.
pub fn country_alias(code: &str) -> Option<&'static str> {
    const ALIASES: &[(&str, &str)] = &[
        ("UK", "GB"),
        ("GBR", "GB"),
        ("DEU", "DE"),
        ("GER", "DE"),
        ("AUT", "AT"),
        ("CHE", "CH"),
        ("FRA", "FR"),
        ("NLD", "NL"),
        ("BEL", "BE"),
        ("LUX", "LU"),
        ("IRL", "IE"),
        ("ITA", "IT"),
        ("ESP", "ES"),
        ("PRT", "PT"),
        ("POL", "PL"),
        ("CZE", "CZ"),
        ("DNK", "DK"),
        ("SWE", "SE"),
        ("FIN", "FI"),
        ("NOR", "NO"),
        ("GRC", "GR"),
        ("USA", "US"),
        ("CAN", "CA"),
        ("JPN", "JP"),
        ("KOR", "KR"),
        ("ISR", "IL"),
        ("IND", "IN"),
        ("CHN", "CN"),
        ("AUS", "AU"),
    ];
    let upper = code.to_ascii_uppercase();
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == upper)
        .map(|(_, code)| *code)
}

pub fn country_codes() -> impl Iterator<Item = &'static str> {
    ISO_3166_1.split(' ')
}

/// The 249 officially assigned ISO 3166-1 alpha-2 codes.
const ISO_3166_1: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// The languages ropa writes the privacy policy and the record in: its built-in sentences, labels
/// and legal citations exist in these only (`ropa-policy`), so `[policy] languages` is limited
/// to them.
pub const OUTPUT_LANGUAGES: [&str; 2] = ["de", "en"];

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
        assert_eq!(
            EEA.len(),
            31,
            "27 EU states, 3 EFTA states, and EL beside GR"
        );
        for c in EEA.iter().chain(ADEQUACY.iter().map(|a| &a.country)) {
            assert!(is_country_code(c), "{c}");
        }
        assert!(ADEQUACY.iter().all(|a| !is_eea(a.country)));
    }
}
