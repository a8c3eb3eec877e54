//! The one judgement of a recipient's transfer to a third country (Chapter V GDPR): which
//! ground covers it, or why none does. The rule `transfer-without-safeguard`, the language
//! server's hover and inlay hints and the policy's transfer facts all ask [`judge`].

use ropa_syntax::Date;

use crate::geo::{self, Adequacy};
use crate::model::Mechanism;

/// What covers a transfer of data to a recipient in a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Safeguard {
    /// The recipient is in the EEA: there is no transfer to a third country.
    NoTransfer,
    /// An adequacy decision covers the country (Art. 45), declared as `adequacy` or not
    /// declared at all. Never the US, whose decision covers only certified organisations.
    Adequacy(&'static Adequacy),
    /// A US recipient certified under the EU-US Data Privacy Framework (`dpf`, Art. 45).
    Dpf,
    /// An appropriate safeguard of Art. 46 (`scc`, `bcr`, `code_of_conduct`, `certification`,
    /// `ad_hoc`); see [`Mechanism::is_appropriate_safeguard`].
    Appropriate(Mechanism),
    /// A derogation for specific situations (Art. 49).
    Derogation,
    /// Nothing valid covers the transfer.
    Lacking(Lack),
}

/// Why no ground covers a transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lack {
    /// No mechanism is declared and no adequacy decision covers the country.
    Undeclared,
    /// `adequacy` for the US, whose decision covers only DPF-certified organisations.
    AdequacyForUs,
    /// `adequacy` for a country without an adequacy decision.
    AdequacyWithoutDecision,
    /// `dpf` for a country other than the US without an adequacy decision.
    DpfOutsideUs,
}

impl Safeguard {
    /// Whether the transfer is lawful under Chapter V as the record states it.
    pub fn is_covered(self) -> bool {
        !matches!(self, Self::Lacking(_))
    }
}

/// The ground that covers transferring data to a recipient in `country` under the declared
/// `mechanism`. `day` is the day the judgement is for (adequacy decisions with a start or a
/// sunset clause count only while in force); `None` takes the decisions of the table as they
/// stand ([`geo::ADEQUACY_AS_OF`]).
///
/// A declared Art. 46 safeguard or derogation is taken as declared, also where an adequacy
/// decision exists (the record then says which ground the controller relies on).
pub fn judge(country: &str, mechanism: Option<Mechanism>, day: Option<Date>) -> Safeguard {
    if geo::is_eea(country) {
        return Safeguard::NoTransfer;
    }
    let us = country == "US";
    let decision = match day {
        Some(day) => geo::adequacy_on(country, day),
        None => geo::adequacy(country),
    }
    .filter(|_| !us);
    match (mechanism, decision) {
        (Some(m), _) if m.is_appropriate_safeguard() => Safeguard::Appropriate(m),
        (Some(Mechanism::Derogation), _) => Safeguard::Derogation,
        (Some(Mechanism::Dpf), _) if us => Safeguard::Dpf,
        (_, Some(a)) => Safeguard::Adequacy(a),
        (None, None) => Safeguard::Lacking(Lack::Undeclared),
        (Some(Mechanism::Adequacy), None) if us => Safeguard::Lacking(Lack::AdequacyForUs),
        (Some(Mechanism::Adequacy), None) => Safeguard::Lacking(Lack::AdequacyWithoutDecision),
        (Some(_), None) => Safeguard::Lacking(Lack::DpfOutsideUs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eea_has_no_transfer() {
        assert_eq!(judge("DE", None, None), Safeguard::NoTransfer);
        assert_eq!(
            judge("NO", Some(Mechanism::Scc), None),
            Safeguard::NoTransfer
        );
    }

    #[test]
    fn every_art_46_safeguard_covers_a_transfer_anywhere() {
        for m in [
            Mechanism::Scc,
            Mechanism::Bcr,
            Mechanism::CodeOfConduct,
            Mechanism::Certification,
            Mechanism::AdHoc,
        ] {
            for country in ["IN", "US", "JP"] {
                assert_eq!(judge(country, Some(m), None), Safeguard::Appropriate(m));
            }
            assert!(m.is_appropriate_safeguard());
        }
        for m in [Mechanism::Adequacy, Mechanism::Dpf, Mechanism::Derogation] {
            assert!(!m.is_appropriate_safeguard(), "{m:?}");
        }
    }

    #[test]
    fn adequacy_covers_only_countries_with_a_decision_and_never_the_us() {
        assert!(matches!(judge("CH", None, None), Safeguard::Adequacy(_)));
        assert!(matches!(
            judge("JP", Some(Mechanism::Adequacy), None),
            Safeguard::Adequacy(_)
        ));
        assert_eq!(
            judge("IN", Some(Mechanism::Adequacy), None),
            Safeguard::Lacking(Lack::AdequacyWithoutDecision)
        );
        assert_eq!(
            judge("US", Some(Mechanism::Adequacy), None),
            Safeguard::Lacking(Lack::AdequacyForUs)
        );
        assert_eq!(
            judge("US", None, None),
            Safeguard::Lacking(Lack::Undeclared)
        );
        assert_eq!(judge("US", Some(Mechanism::Dpf), None), Safeguard::Dpf);
        assert_eq!(
            judge("IN", Some(Mechanism::Dpf), None),
            Safeguard::Lacking(Lack::DpfOutsideUs)
        );
        assert_eq!(
            judge("IN", Some(Mechanism::Derogation), None),
            Safeguard::Derogation
        );
    }

    #[test]
    fn a_decision_counts_only_while_in_force() {
        let after_sunset = Date {
            year: 2032,
            month: 1,
            day: 1,
        };
        assert_eq!(
            judge("GB", None, Some(after_sunset)),
            Safeguard::Lacking(Lack::Undeclared)
        );
        assert!(matches!(judge("GB", None, None), Safeguard::Adequacy(_)));
    }
}
