//! `ropa init [DIR]`: a small, clean workspace to start from.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::Fatal;

const FILES: &[(&str, &str)] = &[
    (
        "ropa.toml",
        r#"# ropa configuration: https://github.com/ropa-dev/ropa/blob/main/docs/configuration.md
[policy]
languages = ["de", "en"]   # the first is the language of plain strings; notices are required in each
"#,
    ),
    (
        "controller.ropa",
        r#"// The controller (Verantwortlicher): who decides on purposes and means (Art. 4(7) GDPR).
controller {
  name    "Beispiel GmbH"
  address "Beispielweg 1, 10115 Berlin"
  email   "datenschutz@beispiel.de"
  // Who represents the company, its register entry and imprint (printed in the policy).
  managing_directors ["Erika Beispiel"]
  imprint            "https://www.beispiel.de/impressum"
  // The general technical and organisational measures (Art. 32 GDPR), for the Art. 30 record.
  security "Rollen- und Berechtigungskonzept, Mehr-Faktor-Anmeldung, verschlüsselte Backups"
  dpo { name "Dr. Erika Beispiel"  email "dsb@beispiel.de" }
  supervisory_authority "Berliner Beauftragte für Datenschutz und Informationsfreiheit"
}
"#,
    ),
    (
        "processors.ropa",
        r#"// Processors (Auftragsverarbeiter) with their AVV (Art. 28 GDPR).
processor mailer {
  name           "Newsletter-Dienst GmbH"
  country        DE
  service        { de "Versand unseres Newsletters"  en "Sending our newsletter" }
  certifications [iso27001]
  // The recipient's card in the policy: where it is and its own privacy policy.
  address        "Versandweg 3, 20095 Hamburg"
  privacy_policy "https://newsletter-dienst.example/datenschutz"
  avv { signed 2025-01-15  document "vertraege/mailer-avv.pdf" }
}
"#,
    ),
    (
        "activities/newsletter.ropa",
        r#"// One processing activity (Verarbeitungstätigkeit, Art. 30 GDPR).
activity newsletter {
  title    { de "Newsletter"  en "Newsletter" }
  purpose  { de "Versand von Produktinformationen"  en "Sending product information" }
  subjects [newsletter_subscribers]
  data     [contact]
  legal_basis consent {
    mechanism  "Double-Opt-in; Zeitpunkt und IP-Adresse der Bestätigung werden gespeichert"
    withdrawal { de "Abmeldelink in jeder E-Mail"  en "the unsubscribe link in every e-mail" }
  }
  // Direct marketing: people may object at any time (Art. 21(2) GDPR).
  direct_marketing {
    channels [email]
  }
  processors [mailer]
  retention  { de "bis zum Widerruf der Einwilligung"  en "until you withdraw your consent" }
  // Internal facts for the Art. 30 record only (not in the policy).
  owner   "Marketing"
  systems ["Newsletter-Dienst"]
  notice {
    de """
      Wenn Sie unseren Newsletter abonnieren, verwenden wir Ihre E-Mail-Adresse, um Ihnen
      Informationen über unsere Produkte zu senden. Sie können sich jederzeit über den Link in
      jeder E-Mail abmelden.
      """
    en """
      If you subscribe to our newsletter, we use your e-mail address to send you information
      about our products. You can unsubscribe at any time using the link in every e-mail.
      """
  }
}
"#,
    ),
];

pub fn run(dir: Option<PathBuf>) -> Result<ExitCode, Fatal> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    for (name, _) in FILES {
        let path = dir.join(name);
        if path.exists() {
            return Err(Fatal(format!(
                "{} already exists; ropa init never overwrites files (choose an empty folder)",
                path.display()
            )));
        }
    }
    for (name, content) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Fatal(format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(&path, content)
            .map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))?;
        writeln!(crate::stdout::stdout(), "created {}", path.display())?;
    }
    writeln!(
        crate::stdout::stdout(),
        "\nNext: ropa check {}",
        dir.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
