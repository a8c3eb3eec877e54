//! The German data protection supervisory authorities that `supervisory_authority` can name by
//! id (`supervisory_authority de_ni`): the authorities of the 16 Länder and the Federal
//! Commissioner (BfDI). Bavaria has two: BayLDA (Ansbach) for the private sector, BayLfD
//! (Munich) for the public sector; every other Land has one authority for both.
//!
//! Names are written without an article, as a label ("Zuständige Aufsichtsbehörde: …"), in the
//! form the authorities use for their office, because the article of a "Beauftragte(r)" follows
//! the current office holder. The English names are ours where the authority publishes none.
//!
//! # Where each address was confirmed (search of stored public pages, 7 December 2026)
//!
//! The address is the one the authority gives for letters (its `Postanschrift` where it names
//! one, else its office address). An entry whose address could not be confirmed from a source
//! would have **no address** (`address: None`): the policy and the record then print its name
//! only, and hover says the address is unconfirmed. Nothing here is guessed.
//!
//! | id | confirmed from |
//! | --- | --- |
//! | `de_bfdi` | privacy notice of the Wasserstraßen- und Schifffahrtsamt Rhein (beteiligung-abladeoptimierung-mittelrhein.de/datenschutz), naming the BfDI as supervisory authority |
//! | `de_bw` | the LfDI's own privacy notice (baden-wuerttemberg.datenschutz.de/datenschutz), `Postanschrift`; the page still names Dr. Stefan Brink as head, so it predates 2023 |
//! | `de_bb` | privacy notice of the Stadt Trebbin (stadt-trebbin.de), naming the LDA Brandenburg as supervisory authority |
//! | `de_hb` | the LfDI Bremen's own privacy notice (datenschutz.bremen.de) |
//! | `de_hh` | the HmbBfDI's own privacy notice (datenschutz-hamburg.de/datenschutzerklaerung) |
//! | `de_mv` | the LfDI M-V's own privacy notice (datenschutz-mv.de/datenschutzerklaerung), `Postanschrift` |
//! | `de_ni` | GDPRhub, "LfD (Lower Saxony)" |
//! | `de_sn` | the SDTB's own privacy notice (datenschutz.sachsen.de/datenschutzerklaerung), `Postanschrift` ("nur die Postanschrift verwenden") |
//! | `de_st` | datenschutzarchiv.org, "Landesbeauftragter für den Datenschutz Sachsen-Anhalt", `Postadresse` |
//! | `de_sh` | the ULD's own privacy notice (datenschutzzentrum.de/datenschutzerklaerung, version 18 March 2019) |
//! | `de_by_private`, `de_by_public`, `de_be`, `de_he`, `de_nw`, `de_rp`, `de_sl`, `de_th` | the office address (`Hausanschrift`) as named, with the same street, number and postcode, by several independent published privacy notices and privacy-policy generators in public repositories (searched for the exact street and number, 7 December 2026); not the authority's own page, which could not be reached from here. For BayLDA these settle Promenade 18 (not 27); for Berlin Alt-Moabit 59-61 (the sources naming Friedrichstraße 219 are older); BayLfD's letters may also go to Postfach 22 12 19, 80502 München |
//!
//! The seat city of every entry is stated by the sources found or by the authority's own pages.
//! Check an address against the authority's website before relying on it for letters.

/// A postal address: the line before the postcode (street and number, or a post-office box),
/// the postcode and the city.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostalAddress {
    pub street: &'static str,
    pub postcode: &'static str,
    pub city: &'static str,
}

impl PostalAddress {
    /// "Prinzenstraße 5, 30159 Hannover".
    pub fn line(&self) -> String {
        format!("{}, {} {}", self.street, self.postcode, self.city)
    }
}

/// One built-in supervisory authority.
#[derive(Debug, PartialEq, Eq)]
pub struct AuthorityEntry {
    /// The id written after `supervisory_authority`.
    pub id: &'static str,
    /// The official German name, without article.
    pub de: &'static str,
    /// The English name.
    pub en: &'static str,
    /// Where the authority has its seat (for tables and completion).
    pub seat: &'static str,
    /// The confirmed postal address; `None` when no source confirmed it.
    pub address: Option<PostalAddress>,
}

impl AuthorityEntry {
    pub fn name(&self, german: bool) -> &'static str {
        if german { self.de } else { self.en }
    }
}

const fn at(
    street: &'static str,
    postcode: &'static str,
    city: &'static str,
) -> Option<PostalAddress> {
    Some(PostalAddress {
        street,
        postcode,
        city,
    })
}

pub static AUTHORITIES: &[AuthorityEntry] = &[
    AuthorityEntry {
        id: "de_bw",
        de: "Landesbeauftragte für Datenschutz und Informationsfreiheit Baden-Württemberg (LfDI BW)",
        en: "State Commissioner for Data Protection and Freedom of Information Baden-Württemberg",
        seat: "Stuttgart",
        address: at("Postfach 10 29 32", "70025", "Stuttgart"),
    },
    AuthorityEntry {
        id: "de_by_private",
        de: "Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)",
        en: "Bavarian State Office for Data Protection Supervision (BayLDA)",
        seat: "Ansbach",
        address: at("Promenade 18", "91522", "Ansbach"),
    },
    AuthorityEntry {
        id: "de_by_public",
        de: "Bayerischer Landesbeauftragter für den Datenschutz (BayLfD)",
        en: "Bavarian State Commissioner for Data Protection (BayLfD)",
        seat: "München",
        address: at("Wagmüllerstraße 18", "80538", "München"),
    },
    AuthorityEntry {
        id: "de_be",
        de: "Berliner Beauftragte für Datenschutz und Informationsfreiheit",
        en: "Berlin Commissioner for Data Protection and Freedom of Information",
        seat: "Berlin",
        address: at("Alt-Moabit 59-61", "10555", "Berlin"),
    },
    AuthorityEntry {
        id: "de_bb",
        de: "Landesbeauftragte für den Datenschutz und für das Recht auf Akteneinsicht Brandenburg",
        en: "State Commissioner for Data Protection and the Right of Access to Files Brandenburg",
        seat: "Kleinmachnow",
        address: at("Stahnsdorfer Damm 77", "14532", "Kleinmachnow"),
    },
    AuthorityEntry {
        id: "de_hb",
        de: "Landesbeauftragte für Datenschutz und Informationsfreiheit Bremen",
        en: "State Commissioner for Data Protection and Freedom of Information Bremen",
        seat: "Bremerhaven",
        address: at("Arndtstraße 1", "27570", "Bremerhaven"),
    },
    AuthorityEntry {
        id: "de_hh",
        de: "Hamburgische Beauftragte für Datenschutz und Informationsfreiheit (HmbBfDI)",
        en: "Hamburg Commissioner for Data Protection and Freedom of Information (HmbBfDI)",
        seat: "Hamburg",
        address: at("Ludwig-Erhard-Straße 22", "20459", "Hamburg"),
    },
    AuthorityEntry {
        id: "de_he",
        de: "Hessische Beauftragte für Datenschutz und Informationsfreiheit",
        en: "Hessian Commissioner for Data Protection and Freedom of Information",
        seat: "Wiesbaden",
        address: at("Gustav-Stresemann-Ring 1", "65189", "Wiesbaden"),
    },
    AuthorityEntry {
        id: "de_mv",
        de: "Landesbeauftragte für Datenschutz und Informationsfreiheit Mecklenburg-Vorpommern",
        en: "State Commissioner for Data Protection and Freedom of Information Mecklenburg-Western Pomerania",
        seat: "Schwerin",
        address: at("Schloss Schwerin, Lennéstraße 1", "19053", "Schwerin"),
    },
    AuthorityEntry {
        id: "de_ni",
        de: "Landesbeauftragte für den Datenschutz Niedersachsen",
        en: "State Commissioner for Data Protection Lower Saxony",
        seat: "Hannover",
        address: at("Prinzenstraße 5", "30159", "Hannover"),
    },
    AuthorityEntry {
        id: "de_nw",
        de: "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen",
        en: "State Commissioner for Data Protection and Freedom of Information North Rhine-Westphalia",
        seat: "Düsseldorf",
        address: at("Kavalleriestraße 2-4", "40213", "Düsseldorf"),
    },
    AuthorityEntry {
        id: "de_rp",
        de: "Landesbeauftragte für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz",
        en: "State Commissioner for Data Protection and Freedom of Information Rhineland-Palatinate",
        seat: "Mainz",
        address: at("Hintere Bleiche 34", "55116", "Mainz"),
    },
    AuthorityEntry {
        id: "de_sl",
        de: "Unabhängiges Datenschutzzentrum Saarland",
        en: "Independent Data Protection Centre Saarland",
        seat: "Saarbrücken",
        address: at("Fritz-Dobisch-Straße 12", "66111", "Saarbrücken"),
    },
    AuthorityEntry {
        id: "de_sn",
        de: "Sächsische Datenschutz- und Transparenzbeauftragte",
        en: "Saxon Data Protection and Transparency Commissioner",
        seat: "Dresden",
        address: at("Postfach 11 01 32", "01330", "Dresden"),
    },
    AuthorityEntry {
        id: "de_st",
        de: "Landesbeauftragte für den Datenschutz Sachsen-Anhalt",
        en: "State Commissioner for Data Protection Saxony-Anhalt",
        seat: "Magdeburg",
        address: at("Postfach 1947", "39009", "Magdeburg"),
    },
    AuthorityEntry {
        id: "de_sh",
        de: "Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein (ULD)",
        en: "Independent Centre for Privacy Protection Schleswig-Holstein (ULD)",
        seat: "Kiel",
        address: at("Holstenstraße 98", "24103", "Kiel"),
    },
    AuthorityEntry {
        id: "de_th",
        de: "Thüringer Landesbeauftragter für den Datenschutz und die Informationsfreiheit",
        en: "Thuringian State Commissioner for Data Protection and Freedom of Information",
        seat: "Erfurt",
        address: at("Häßlerstraße 8", "99096", "Erfurt"),
    },
    AuthorityEntry {
        id: "de_bfdi",
        de: "Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI)",
        en: "Federal Commissioner for Data Protection and Freedom of Information (BfDI)",
        seat: "Bonn",
        address: at("Graurheindorfer Straße 153", "53117", "Bonn"),
    },
];

/// The built-in authority with this id.
pub fn find(id: &str) -> Option<&'static AuthorityEntry> {
    AUTHORITIES.iter().find(|a| a.id == id)
}

/// All ids, in table order.
pub fn ids() -> impl Iterator<Item = &'static str> {
    AUTHORITIES.iter().map(|a| a.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_länder_and_the_federal_commissioner_are_all_there() {
        // 16 Länder, Bavaria twice (private and public sector), and the BfDI.
        assert_eq!(AUTHORITIES.len(), 18);
        for land in [
            "bw",
            "by_private",
            "by_public",
            "be",
            "bb",
            "hb",
            "hh",
            "he",
            "mv",
            "ni",
            "nw",
            "rp",
            "sl",
            "sn",
            "st",
            "sh",
            "th",
            "bfdi",
        ] {
            assert!(find(&format!("de_{land}")).is_some(), "de_{land}");
        }
    }

    #[test]
    fn ids_are_unique_identifiers() {
        let mut seen = std::collections::HashSet::new();
        for id in ids() {
            assert!(seen.insert(id), "{id} twice");
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{id} is not an identifier"
            );
        }
    }

    #[test]
    fn every_entry_has_both_names_a_seat_and_a_whole_address_if_any() {
        for a in AUTHORITIES {
            assert!(
                !a.de.trim().is_empty() && !a.en.trim().is_empty(),
                "{}",
                a.id
            );
            assert!(!a.seat.is_empty(), "{}", a.id);
            if let Some(p) = a.address {
                assert!(!p.street.is_empty(), "{}", a.id);
                assert!(
                    p.postcode.len() == 5 && p.postcode.chars().all(|c| c.is_ascii_digit()),
                    "{}: postcode {}",
                    a.id,
                    p.postcode
                );
                assert_eq!(p.city, a.seat, "{}", a.id);
            }
        }
    }

    #[test]
    fn an_address_line_reads_street_postcode_city() {
        let ni = find("de_ni").and_then(|a| a.address).map(|p| p.line());
        assert_eq!(ni.as_deref(), Some("Prinzenstraße 5, 30159 Hannover"));
    }
}
