//! Hover: what a key means and the law behind it; what a reference points at.

use ropa_analysis::authorities;
use ropa_analysis::cite;
use ropa_analysis::geo;
use ropa_analysis::model::{Agreement, BasisKind, CategoryRef, Mechanism, Role, SubjectRef};
use ropa_analysis::schema::{KeySpec, Shape};
use ropa_analysis::transfer::{self, Safeguard};
use ropa_analysis::{Definition, FileId, Workspace};
use ropa_syntax::{ItemKind, TextRange};

use crate::cursor::{self, node_text};
use crate::{Analysis, node_range};

/// What a hover shows: Markdown about the text at `range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub range: TextRange,
    pub markdown: String,
}

fn markdown(markdown: String, range: TextRange) -> Hover {
    Hover { range, markdown }
}

fn reference(spec: &KeySpec, german: bool) -> String {
    if spec.reference.is_empty() {
        String::new()
    } else if german {
        cite::german(spec.reference)
    } else {
        spec.reference.to_string()
    }
}

fn accepts(shape: Shape, german: bool) -> String {
    let list = |words: &[&str]| {
        words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (de, en): (String, String) = match shape {
        Shape::String => ("ein String `\"…\"`".into(), "a string `\"…\"`".into()),
        Shape::Text => (
            "ein Text: `\"…\"`, ein `\"\"\"`-Textblock oder `{ de \"…\" en \"…\" }`".into(),
            "a text: `\"…\"`, a `\"\"\"` text block or `{ de \"…\" en \"…\" }`".into(),
        ),
        Shape::Date => (
            "ein Datum `JJJJ-MM-TT`".into(),
            "a date `YYYY-MM-DD`".into(),
        ),
        Shape::Bool => ("`true` oder `false`".into(), "`true` or `false`".into()),
        Shape::Integer => ("eine ganze Zahl".into(), "a whole number".into()),
        Shape::Duration => (
            "eine Dauer wie `6 months`".into(),
            "a duration like `6 months`".into(),
        ),
        Shape::Country => (
            "ein ISO-3166-1-Ländercode wie `DE`".into(),
            "an ISO 3166-1 country code such as `DE`".into(),
        ),
        Shape::StringOrAuthority => (
            "ein String `\"…\"` oder die ID einer eingebauten Aufsichtsbehörde wie `de_ni`".into(),
            "a string `\"…\"` or the id of a built-in supervisory authority such as `de_ni`".into(),
        ),
        Shape::Keyword(words) => (
            format!("eines von {}", list(words)),
            format!("one of {}", list(words)),
        ),
        Shape::KeywordBlock(options) => {
            let words: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
            (
                format!("eines von {}, optional mit `{{ … }}`", list(&words)),
                format!("one of {}, optionally with `{{ … }}`", list(&words)),
            )
        }
        Shape::Keywords(words) => (
            format!("eines von {} oder eine Liste davon", list(words)),
            format!("one of {} or a list of them", list(words)),
        ),
        Shape::DurationOrText(parts) => {
            let keys: Vec<&str> = parts.keys.iter().map(|k| k.key).collect();
            (
                format!(
                    "eine Dauer wie `90 days` oder ein Text, optional mit `{{ {} … }}`",
                    keys.join(" … ")
                ),
                format!(
                    "a duration like `90 days` or a text, optionally with `{{ {} … }}`",
                    keys.join(" … ")
                ),
            )
        }
        Shape::Ref(k) => (
            format!("die ID eines `{}`", k.keyword()),
            format!("the id of a `{}`", k.keyword()),
        ),
        Shape::RefList(k) => (
            format!("eine Liste von `{}`-IDs", k.keyword()),
            format!("a list of `{}` ids", k.keyword()),
        ),
        Shape::IdentList => (
            "eine Liste von Bezeichnern".into(),
            "a list of identifiers".into(),
        ),
        Shape::StringList => ("eine Liste von Strings".into(), "a list of strings".into()),
        Shape::Block(_) => ("ein Block `{ … }`".into(), "a block `{ … }`".into()),
        Shape::NamedBlock(inner) => {
            let keys: Vec<&str> = inner.keys.iter().map(|k| k.key).collect();
            (
                format!(
                    "ein Name `\"…\"` und ein Block `{{ {} … }}`",
                    keys.join(" … ")
                ),
                format!("a name `\"…\"` and a block `{{ {} … }}`", keys.join(" … ")),
            )
        }
        Shape::DurationKeywordOrText(words) => (
            format!("eine Dauer wie `13 months`, {} oder ein Text", list(words)),
            format!("a duration like `13 months`, {} or a text", list(words)),
        ),
    };
    if german { de } else { en }
}

fn key_hover(spec: &KeySpec, german: bool) -> String {
    let (what, takes, law, required, repeatable) = if german {
        (spec.de, "Wert", "Fundstelle", "Pflichtfeld", "wiederholbar")
    } else {
        (spec.en, "Value", "Reference", "Required", "repeatable")
    };
    let mut out = format!(
        "**`{}`** — {what}\n\n{takes}: {}",
        spec.key,
        accepts(spec.shape, german)
    );
    if spec.required {
        out.push_str(&format!(" · {required}"));
    }
    if spec.repeatable {
        out.push_str(&format!(" · {repeatable}"));
    }
    let r = reference(spec, german);
    if !r.is_empty() {
        out.push_str(&format!("\n\n{law}: *{r}*"));
    }
    out
}

fn basis_hover(kind: BasisKind, german: bool) -> String {
    let label = cite::basis_label(kind, german);
    let citation = cite::basis_citation(kind, german);
    let note = match (kind, german) {
        (BasisKind::Consent, true) => {
            "Nachweisbar (Art. 7 Abs. 1), jederzeit widerrufbar (Art. 7 Abs. 3)."
        }
        (BasisKind::Consent, false) => {
            "Must be demonstrable (Art. 7(1)) and can be withdrawn at any time (Art. 7(3))."
        }
        (BasisKind::LegitimateInterest, true) => {
            "Interesse benennen und Abwägung dokumentieren; Widerspruchsrecht nach Art. 21."
        }
        (BasisKind::LegitimateInterest, false) => {
            "State the interest and document the balancing test; people may object (Art. 21)."
        }
        (BasisKind::Contract, true) => {
            "Nur was für den Vertrag objektiv erforderlich ist (nicht für Werbung, EuGH C-252/21)."
        }
        (BasisKind::Contract, false) => {
            "Only what is objectively necessary for the contract (not advertising, CJEU C-252/21)."
        }
        (BasisKind::LegalObligation, true) => "Die Rechtsvorschrift nennen, z. B. § 147 AO.",
        (BasisKind::LegalObligation, false) => "Name the law, e.g. § 147 AO.",
        (_, true) => "Im Marketing praktisch nicht einschlägig.",
        (_, false) => "Practically never applies to marketing.",
    };
    format!("**{label}** — {citation}\n\n{note}")
}

/// What the record knows of an AVV: signed or accepted online on a day, its document, its end;
/// never a date it does not hold.
fn avv_line(avv: &Agreement, german: bool) -> String {
    let mut parts = Vec::new();
    if let Some(d) = avv.signed {
        parts.push(format!(
            "{} {d}",
            if german { "unterzeichnet" } else { "signed" }
        ));
    }
    if let Some(d) = avv.accepted {
        parts.push(format!(
            "{} {d}",
            if german {
                "online akzeptiert"
            } else {
                "accepted online"
            }
        ));
    }
    if let Some(doc) = &avv.document {
        parts.push(format!("`{doc}`"));
    }
    if let Some(e) = &avv.expires {
        parts.push(format!(
            "{} {}",
            if german { "bis" } else { "until" },
            e.value
        ));
    }
    format!("AVV: {}", parts.join(", "))
}

/// A built-in supervisory authority: its name and postal address, or that the address is not
/// confirmed (the policy then prints the name only).
fn authority_hover(entry: &authorities::AuthorityEntry, german: bool) -> String {
    let address = match (entry.address, german) {
        (Some(a), _) => a.line(),
        (None, true) => format!(
            "{}; Postanschrift nicht bestätigt (die Datenschutzerklärung nennt nur den Namen)",
            entry.seat
        ),
        (None, false) => format!(
            "{}; postal address not confirmed (the privacy notice gives the name only)",
            entry.seat
        ),
    };
    format!("**{}** — {}  \n{address}", entry.id, entry.name(german))
}

/// A summary of what an id names.
pub fn target_summary(ws: &Workspace, def: Definition, german: bool) -> String {
    match def {
        Definition::Processor(r) => {
            let p = ws.processor(r);
            let mut lines = vec![format!(
                "**processor `{}`** — {}",
                p.header.id(),
                p.name.as_deref().unwrap_or("?")
            )];
            if let Some(country) = p.country.as_ref().and_then(|c| c.get()) {
                let status = if geo::is_eea(country) {
                    if german {
                        "EWR".to_string()
                    } else {
                        "EEA".to_string()
                    }
                } else if let Some(a) = geo::adequacy(country) {
                    let mut s = if german {
                        format!("Drittland, Angemessenheitsbeschluss: {}", a.citation(true))
                    } else {
                        format!("third country, adequacy decision: {}", a.citation(false))
                    };
                    if let Some(scope) = a.scope_text(german) {
                        s.push_str(&format!(": {scope}"));
                    }
                    s
                } else if german {
                    "Drittland ohne Angemessenheitsbeschluss".to_string()
                } else {
                    "third country without adequacy decision".to_string()
                };
                lines.push(format!(
                    "{}: {country} ({status})",
                    if german { "Land" } else { "Country" }
                ));
            }
            let role = match p.role {
                Role::Processor => None,
                Role::JointController => Some(if german {
                    "gemeinsam Verantwortlicher (Art. 26 DSGVO)"
                } else {
                    "joint controller (Art. 26 GDPR)"
                }),
                Role::Controller => Some(if german {
                    "eigenständiger Verantwortlicher"
                } else {
                    "independent controller"
                }),
            };
            if let Some(role) = role {
                lines.push(format!("{}: {role}", if german { "Rolle" } else { "Role" }));
            }
            match (&p.avv, p.role) {
                (Some(avv), _) => lines.push(avv_line(avv, german)),
                (None, Role::Processor) => lines.push(if german {
                    "AVV: **fehlt**".into()
                } else {
                    "AVV: **missing**".into()
                }),
                _ => {}
            }
            let transfer = if german { "Übermittlung" } else { "Transfer" };
            let mechanism = p.transfer.as_ref().and_then(|t| t.mechanism.as_ref());
            let judged = p
                .country
                .as_ref()
                .and_then(|c| c.get())
                .map(|c| transfer::judge(c, mechanism.map(|m| m.value), None));
            match (mechanism, judged) {
                (_, Some(Safeguard::Lacking(_))) => lines.push(if german {
                    format!("{transfer}: **keine gültige Garantie** (Art. 44–49 DSGVO)")
                } else {
                    format!("{transfer}: **no valid safeguard** (Art. 44–49 GDPR)")
                }),
                (Some(m), _) => lines.push(format!(
                    "{transfer}: `{}` — {}",
                    m.value.keyword(),
                    m.value.describe(german)
                )),
                _ => {}
            }
            lines.join("  \n")
        }
        Definition::Activity(r) => {
            let a = ws.activity(r);
            let lang = if german { "de" } else { "en" };
            let title = a
                .title
                .as_ref()
                .and_then(|t| t.best(lang, "de"))
                .unwrap_or("");
            let mut lines = vec![format!("**activity `{}`** — {title}", a.header.id())];
            for kind in a.basis_kinds() {
                lines.push(format!(
                    "{}: {} ({})",
                    if german {
                        "Rechtsgrundlage"
                    } else {
                        "Legal basis"
                    },
                    cite::basis_label(kind, german),
                    cite::basis_citation(kind, german)
                ));
            }
            lines.join("  \n")
        }
        Definition::Category(c) => {
            let (label, special, criminal) = match c {
                CategoryRef::Builtin(b) => (
                    (if german { b.de } else { b.en }).to_string(),
                    b.special,
                    b.criminal,
                ),
                CategoryRef::Declared(d) => {
                    let cat = ws.category(d);
                    (
                        cat.label
                            .as_ref()
                            .and_then(|t| t.best(if german { "de" } else { "en" }, "de"))
                            .unwrap_or("")
                            .to_string(),
                        cat.special,
                        cat.criminal,
                    )
                }
            };
            let mut s = format!("**category** — {label}");
            if special {
                s.push_str(if german {
                    "  \nBesondere Kategorie (Art. 9 Abs. 1 DSGVO): braucht `special_basis`"
                } else {
                    "  \nSpecial category (Art. 9(1) GDPR): needs `special_basis`"
                });
            }
            if criminal {
                s.push_str(if german {
                    "  \nDaten nach Art. 10 DSGVO"
                } else {
                    "  \nArt. 10 GDPR data"
                });
            }
            s
        }
        Definition::Subject(s) => {
            let label = match s {
                SubjectRef::Builtin(b) => (if german { b.de } else { b.en }).to_string(),
                SubjectRef::Declared(d) => ws
                    .subject(d)
                    .label
                    .as_ref()
                    .and_then(|t| t.best(if german { "de" } else { "en" }, "de"))
                    .unwrap_or("")
                    .to_string(),
            };
            format!("**subject** — {label}")
        }
    }
}

fn item_kind_hover(kind: ItemKind, german: bool) -> &'static str {
    match (kind, german) {
        (ItemKind::Controller, false) => {
            "**controller** — who decides on the purposes and means of the processing (Art. 4(7), 13(1)(a), 30(1)(a) GDPR). Exactly one per workspace."
        }
        (ItemKind::Controller, true) => {
            "**controller** — der Verantwortliche, der über Zwecke und Mittel entscheidet (Art. 4 Nr. 7, 13 Abs. 1 lit. a, 30 Abs. 1 lit. a DSGVO). Genau einer je Arbeitsbereich."
        }
        (ItemKind::Processor, false) => {
            "**processor** — a recipient that processes data for the controller (Art. 28 GDPR), or a joint / independent controller (`role`)."
        }
        (ItemKind::Processor, true) => {
            "**processor** — ein Empfänger, der im Auftrag verarbeitet (Auftragsverarbeiter, Art. 28 DSGVO), oder ein gemeinsam / eigenständig Verantwortlicher (`role`)."
        }
        (ItemKind::Activity, false) => {
            "**activity** — one processing activity of the record (Art. 30(1) GDPR) and one module of the privacy notice (Art. 13, 14 GDPR)."
        }
        (ItemKind::Activity, true) => {
            "**activity** — eine Verarbeitungstätigkeit des Verzeichnisses (Art. 30 Abs. 1 DSGVO) und ein Abschnitt der Datenschutzerklärung (Art. 13, 14 DSGVO)."
        }
        (ItemKind::Category, false) => {
            "**category** — a category of personal data, extending the built-in ones."
        }
        (ItemKind::Category, true) => {
            "**category** — eine Kategorie personenbezogener Daten (ergänzt die eingebauten)."
        }
        (ItemKind::Subject, false) => {
            "**subject** — a category of data subjects, extending the built-in ones."
        }
        (ItemKind::Subject, true) => {
            "**subject** — eine Kategorie betroffener Personen (ergänzt die eingebauten)."
        }
        (ItemKind::Section, false) => {
            "**section** — a section of the privacy policy that belongs to no activity (security, the general deletion rule, a cookie primer), placed with `place`."
        }
        (ItemKind::Section, true) => {
            "**section** — ein Abschnitt der Datenschutzerklärung, der zu keiner Verarbeitungstätigkeit gehört (Sicherheit, allgemeine Löschregel, Grundlagen zu Cookies), platziert mit `place`."
        }
        (ItemKind::Client, false) => {
            "**client** — a controller we process personal data for as its processor: one entry of the processor's record (Art. 30(2) GDPR, `ropa record --as-processor`)."
        }
        (ItemKind::Client, true) => {
            "**client** — ein Verantwortlicher, in dessen Auftrag wir als Auftragsverarbeiter verarbeiten: ein Eintrag im Verzeichnis des Auftragsverarbeiters (Art. 30 Abs. 2 DSGVO, `ropa record --as-processor`)."
        }
    }
}

impl Analysis<'_> {
    /// What the text at `offset` of `file` means: an id or reference, an item keyword, a key,
    /// a keyword value, or (inside a value) the key it belongs to.
    pub fn hover(&self, file: FileId, offset: usize) -> Option<Hover> {
        hover(self, file, offset)
    }
}

fn hover(w: &Analysis, id: FileId, offset: usize) -> Option<Hover> {
    let file = w.file(id)?;
    let german = w.settings.german;

    if let Some(sym) = cursor::symbol_at(file, offset) {
        let def = w.ws.lookup(sym.kind, &sym.name)?;
        return Some(markdown(target_summary(w.ws, def, german), sym.range));
    }
    let node = cursor::node_at(file, offset)?;
    let range = node_range(node);
    let parent = node.parent()?;
    match (node.kind(), parent.kind()) {
        ("item_kind", _) => {
            let kind = ItemKind::from_keyword(node_text(node, &file.text))?;
            Some(markdown(item_kind_hover(kind, german).to_string(), range))
        }
        ("identifier", "field")
            if parent
                .child_by_field_name("key")
                .is_some_and(|k| k.id() == node.id()) =>
        {
            let spec = cursor::field_spec(parent, &file.text)?;
            Some(markdown(key_hover(spec, german), range))
        }
        ("identifier", "field") => {
            let spec = cursor::field_spec(parent, &file.text)?;
            let word = node_text(node, &file.text);
            if spec.key == "legal_basis" {
                let kind = BasisKind::from_keyword(word)?;
                return Some(markdown(basis_hover(kind, german), range));
            }
            if spec.key == "special_basis" {
                let (letter, label) = cite::special_basis(word, german)?;
                let cite = if german {
                    format!("Art. 9 Abs. 2 lit. {letter} DSGVO")
                } else {
                    format!("Art. 9(2)({letter}) GDPR")
                };
                return Some(markdown(format!("**{label}** — {cite}"), range));
            }
            if matches!(spec.shape, Shape::StringOrAuthority) {
                let entry = authorities::find(word)?;
                return Some(markdown(authority_hover(entry, german), range));
            }
            if spec.key == "transfer" {
                let m = Mechanism::from_keyword(word)?;
                return Some(markdown(
                    format!("**{word}** — {}", m.describe(german)),
                    range,
                ));
            }
            if spec.key == "country" {
                let status = if geo::is_eea(word) {
                    if german {
                        "EWR (die DSGVO gilt): keine Drittlandübermittlung".to_string()
                    } else {
                        "EEA (the GDPR applies): no third-country transfer".to_string()
                    }
                } else if let Some(a) = geo::adequacy(word) {
                    let mut s = if german {
                        "Drittland mit Angemessenheitsbeschluss (Art. 45 DSGVO)".to_string()
                    } else {
                        "third country with an adequacy decision (Art. 45 GDPR)".to_string()
                    };
                    s.push_str(&format!(" — {}", a.citation(german)));
                    if let Some(scope) = a.scope_text(german) {
                        s.push_str(&format!("; {scope}"));
                    }
                    if let Some(until) = a.until {
                        s.push_str(&if german {
                            format!("; gültig bis {}", geo::long_date(until, true))
                        } else {
                            format!("; valid until {}", geo::long_date(until, false))
                        });
                    }
                    s
                } else if german {
                    "Drittland ohne Angemessenheitsbeschluss: `transfer` nötig (Art. 46, 49 DSGVO)"
                        .to_string()
                } else {
                    "third country without an adequacy decision: needs `transfer` (Art. 46, 49 GDPR)"
                        .to_string()
                };
                return Some(markdown(format!("**{word}** — {status}"), range));
            }
            Some(markdown(key_hover(spec, german), range))
        }
        _ => {
            // Inside a value: explain the key it belongs to.
            let field = ropa_syntax::ancestors(node).find(|n| n.kind() == "field")?;
            let spec = cursor::field_spec(field, &file.text)?;
            Some(markdown(key_hover(spec, german), range))
        }
    }
}
