//! Country names for generated text. Codes not listed are shown as their ISO 3166-1 code.

use crate::lang::Lang;

const NAMES: &[(&str, &str, &str)] = &[
    // EEA
    ("AT", "Österreich", "Austria"),
    ("BE", "Belgien", "Belgium"),
    ("BG", "Bulgarien", "Bulgaria"),
    ("HR", "Kroatien", "Croatia"),
    ("CY", "Zypern", "Cyprus"),
    ("CZ", "Tschechien", "Czechia"),
    ("DK", "Dänemark", "Denmark"),
    ("EE", "Estland", "Estonia"),
    ("FI", "Finnland", "Finland"),
    ("FR", "Frankreich", "France"),
    ("DE", "Deutschland", "Germany"),
    ("GR", "Griechenland", "Greece"),
    ("EL", "Griechenland", "Greece"),
    ("HU", "Ungarn", "Hungary"),
    ("IE", "Irland", "Ireland"),
    ("IT", "Italien", "Italy"),
    ("LV", "Lettland", "Latvia"),
    ("LT", "Litauen", "Lithuania"),
    ("LU", "Luxemburg", "Luxembourg"),
    ("MT", "Malta", "Malta"),
    ("NL", "Niederlande", "Netherlands"),
    ("PL", "Polen", "Poland"),
    ("PT", "Portugal", "Portugal"),
    ("RO", "Rumänien", "Romania"),
    ("SK", "Slowakei", "Slovakia"),
    ("SI", "Slowenien", "Slovenia"),
    ("ES", "Spanien", "Spain"),
    ("SE", "Schweden", "Sweden"),
    ("IS", "Island", "Iceland"),
    ("LI", "Liechtenstein", "Liechtenstein"),
    ("NO", "Norwegen", "Norway"),
    // EU territory with codes of their own (no third countries)
    ("GP", "Guadeloupe", "Guadeloupe"),
    ("GF", "Französisch-Guayana", "French Guiana"),
    ("MQ", "Martinique", "Martinique"),
    ("RE", "Réunion", "Réunion"),
    ("YT", "Mayotte", "Mayotte"),
    ("MF", "Saint-Martin", "Saint Martin"),
    ("AX", "Åland", "Åland Islands"),
    // Adequacy decisions
    ("AD", "Andorra", "Andorra"),
    ("AR", "Argentinien", "Argentina"),
    ("BR", "Brasilien", "Brazil"),
    ("CA", "Kanada", "Canada"),
    ("CH", "Schweiz", "Switzerland"),
    ("FO", "Färöer", "Faroe Islands"),
    ("GB", "Vereinigtes Königreich", "United Kingdom"),
    ("GG", "Guernsey", "Guernsey"),
    ("IL", "Israel", "Israel"),
    ("IM", "Isle of Man", "Isle of Man"),
    ("JE", "Jersey", "Jersey"),
    ("JP", "Japan", "Japan"),
    ("KR", "Republik Korea", "Republic of Korea"),
    ("NZ", "Neuseeland", "New Zealand"),
    ("UY", "Uruguay", "Uruguay"),
    ("US", "USA", "United States"),
    // Other frequent destinations
    ("AE", "Vereinigte Arabische Emirate", "United Arab Emirates"),
    ("AL", "Albanien", "Albania"),
    ("AU", "Australien", "Australia"),
    ("BA", "Bosnien und Herzegowina", "Bosnia and Herzegovina"),
    ("BD", "Bangladesch", "Bangladesh"),
    ("BY", "Belarus", "Belarus"),
    ("CL", "Chile", "Chile"),
    ("CN", "China", "China"),
    ("CO", "Kolumbien", "Colombia"),
    ("EG", "Ägypten", "Egypt"),
    ("GE", "Georgien", "Georgia"),
    ("GI", "Gibraltar", "Gibraltar"),
    ("GL", "Grönland", "Greenland"),
    ("HK", "Hongkong", "Hong Kong"),
    ("ID", "Indonesien", "Indonesia"),
    ("IN", "Indien", "India"),
    ("KE", "Kenia", "Kenya"),
    ("KZ", "Kasachstan", "Kazakhstan"),
    ("MA", "Marokko", "Morocco"),
    ("MC", "Monaco", "Monaco"),
    ("MD", "Republik Moldau", "Moldova"),
    ("ME", "Montenegro", "Montenegro"),
    ("MK", "Nordmazedonien", "North Macedonia"),
    ("MX", "Mexiko", "Mexico"),
    ("MY", "Malaysia", "Malaysia"),
    ("NG", "Nigeria", "Nigeria"),
    ("PE", "Peru", "Peru"),
    ("PH", "Philippinen", "Philippines"),
    ("PK", "Pakistan", "Pakistan"),
    ("RS", "Serbien", "Serbia"),
    ("RU", "Russland", "Russia"),
    ("SA", "Saudi-Arabien", "Saudi Arabia"),
    ("SG", "Singapur", "Singapore"),
    ("SM", "San Marino", "San Marino"),
    ("TH", "Thailand", "Thailand"),
    ("TN", "Tunesien", "Tunisia"),
    ("TR", "Türkei", "Türkiye"),
    ("TW", "Taiwan", "Taiwan"),
    ("UA", "Ukraine", "Ukraine"),
    ("VA", "Vatikanstadt", "Vatican City"),
    ("VN", "Vietnam", "Viet Nam"),
    ("ZA", "Südafrika", "South Africa"),
];

/// The country's name, or its code when the table does not know it.
pub fn name(code: &str, lang: Lang) -> String {
    NAMES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, de, en)| lang.t(de, en).to_string())
        .unwrap_or_else(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_code_is_a_country() {
        for (code, _, _) in NAMES {
            assert!(ropa_analysis::geo::is_country_code(code), "{code}");
        }
        for code in ropa_analysis::geo::eea_codes()
            .chain(ropa_analysis::geo::ADEQUACY.iter().map(|a| a.country))
        {
            assert_ne!(name(code, Lang::De), code, "{code} needs a name");
        }
    }
}
