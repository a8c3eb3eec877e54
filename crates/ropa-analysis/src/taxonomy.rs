//! The built-in categories of personal data and of data subjects (LANGUAGE.md), with the German
//! and English labels used in generated text.

/// A built-in category of personal data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinCategory {
    pub id: &'static str,
    pub de: &'static str,
    pub en: &'static str,
    /// Special category under Art. 9(1) GDPR.
    pub special: bool,
    /// Data on criminal convictions and offences (Art. 10 GDPR).
    pub criminal: bool,
}

const fn cat(id: &'static str, de: &'static str, en: &'static str) -> BuiltinCategory {
    BuiltinCategory {
        id,
        de,
        en,
        special: false,
        criminal: false,
    }
}

const fn special(id: &'static str, de: &'static str, en: &'static str) -> BuiltinCategory {
    BuiltinCategory {
        id,
        de,
        en,
        special: true,
        criminal: false,
    }
}

pub const CATEGORIES: &[BuiltinCategory] = &[
    cat(
        "identity",
        "Identitätsdaten (z. B. Name)",
        "identity data (e.g. name)",
    ),
    cat(
        "contact",
        "Kontaktdaten (z. B. E-Mail-Adresse, Telefonnummer)",
        "contact details (e.g. e-mail address, phone number)",
    ),
    cat("address", "Anschrift", "postal address"),
    cat("contract_data", "Vertragsdaten", "contract data"),
    cat("payment", "Zahlungsdaten", "payment data"),
    cat(
        "usage",
        "Nutzungsdaten (z. B. besuchte Seiten, Klicks)",
        "usage data (e.g. pages visited, clicks)",
    ),
    cat(
        "device",
        "Geräte- und Browserdaten",
        "device and browser data",
    ),
    cat(
        "online_identifiers",
        "Online-Kennungen (z. B. Cookie-IDs, IP-Adressen)",
        "online identifiers (e.g. cookie IDs, IP addresses)",
    ),
    cat("location", "Standortdaten", "location data"),
    cat("communication", "Kommunikationsdaten", "communication data"),
    cat("chat_content", "Chat-Inhalte", "chat content"),
    cat("images", "Bilddaten", "images"),
    cat("video", "Videodaten", "video recordings"),
    cat("voice", "Sprachaufnahmen", "voice recordings"),
    cat("interests", "Interessen", "interests"),
    cat("purchase_history", "Kaufhistorie", "purchase history"),
    cat(
        "social_media_profile",
        "Social-Media-Profildaten",
        "social media profile data",
    ),
    cat(
        "employment",
        "Beschäftigungs- und Bewerbungsdaten",
        "employment and application data",
    ),
    cat("financial", "Finanzdaten", "financial data"),
    special("health", "Gesundheitsdaten", "data concerning health"),
    // Art. 4(14): biometric data are special (Art. 9(1)) only when processed to identify a
    // person uniquely (Recital 51); voice or face analysis for mood or age is not (M3).
    cat("biometric", "biometrische Daten", "biometric data"),
    special(
        "biometric_identification",
        "biometrische Daten zur eindeutigen Identifizierung einer natürlichen Person",
        "biometric data for the purpose of uniquely identifying a natural person",
    ),
    special("genetic", "genetische Daten", "genetic data"),
    special(
        "racial_ethnic_origin",
        "Daten zur rassischen und ethnischen Herkunft",
        "data revealing racial or ethnic origin",
    ),
    special(
        "political_opinions",
        "politische Meinungen",
        "political opinions",
    ),
    special(
        "religious_beliefs",
        "religiöse oder weltanschauliche Überzeugungen",
        "religious or philosophical beliefs",
    ),
    special(
        "trade_union_membership",
        "Gewerkschaftszugehörigkeit",
        "trade union membership",
    ),
    special(
        "sex_life",
        "Daten zum Sexualleben",
        "data concerning sex life",
    ),
    special(
        "sexual_orientation",
        "Daten zur sexuellen Orientierung",
        "data concerning sexual orientation",
    ),
    BuiltinCategory {
        id: "criminal_records",
        de: "Daten über strafrechtliche Verurteilungen und Straftaten",
        en: "data relating to criminal convictions and offences",
        special: false,
        criminal: true,
    },
];

/// A built-in category of data subjects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinSubject {
    pub id: &'static str,
    pub de: &'static str,
    pub en: &'static str,
}

const fn subj(id: &'static str, de: &'static str, en: &'static str) -> BuiltinSubject {
    BuiltinSubject { id, de, en }
}

pub const SUBJECTS: &[BuiltinSubject] = &[
    subj("customers", "Kundinnen und Kunden", "customers"),
    subj(
        "prospects",
        "Interessentinnen und Interessenten",
        "prospective customers",
    ),
    subj(
        "website_visitors",
        "Besucherinnen und Besucher der Website",
        "website visitors",
    ),
    subj("app_users", "Nutzerinnen und Nutzer der App", "app users"),
    subj(
        "newsletter_subscribers",
        "Newsletter-Abonnentinnen und -Abonnenten",
        "newsletter subscribers",
    ),
    subj(
        "social_media_users",
        "Nutzerinnen und Nutzer sozialer Medien",
        "social media users",
    ),
    subj("employees", "Beschäftigte", "employees"),
    subj("applicants", "Bewerberinnen und Bewerber", "job applicants"),
    subj(
        "business_contacts",
        "geschäftliche Ansprechpersonen",
        "business contacts",
    ),
    subj("children", "Kinder", "children"),
    subj("pupils", "Schülerinnen und Schüler", "pupils"),
    subj("students", "Studierende", "students"),
    subj("patients", "Patientinnen und Patienten", "patients"),
];

pub fn builtin_category(id: &str) -> Option<&'static BuiltinCategory> {
    CATEGORIES.iter().find(|c| c.id == id)
}

pub fn builtin_subject(id: &str) -> Option<&'static BuiltinSubject> {
    SUBJECTS.iter().find(|s| s.id == id)
}
