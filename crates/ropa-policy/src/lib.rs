//! Generators: the privacy-policy sections of a website (German and English; Markdown, HTML,
//! JSON) and the Art. 30 record of processing activities (Markdown, CSV, JSON).
//!
//! Architecture invariant: no IO and no LSP. The caller passes the analysed workspace, the
//! configured languages, the date and the template sources (built-in ones are compiled in); the
//! result is a string. The same input and date give byte-identical output.
//!
//! The public API is two requests:
//!
//! - [`PolicyRequest`] (workspace, language, date; configured languages, activity order, final
//!   or draft, format, templates): [`generate`](PolicyRequest::generate) or, to write a large
//!   policy without copying it into one string, [`pieces`](PolicyRequest::pieces);
//!   [`activity_preview`](PolicyRequest::activity_preview) for one activity's module (the
//!   editor's preview); [`document`](PolicyRequest::document) for the document itself, which
//!   [`Document::render`] writes out as `generate` does.
//! - [`RecordRequest`] (workspace, language; configured languages, "as of" date, final or draft,
//!   format, when each activity last changed): [`generate`](RecordRequest::generate) for the
//!   controller's record (Art. 30(1) GDPR), [`generate_processor`](RecordRequest::generate_processor)
//!   for the processor's (Art. 30(2)).
//!
//! The policy is first built as a [`Document`] — sections with stable ids, each holding
//! paragraphs, lists and labelled facts — and then written out. There is one way from the
//! document to the text of each format, chosen in one place (`request::writer`): JSON is the
//! document serialised; Markdown and HTML are written natively (`native`, the built-in
//! templates `templates/*.j2` written out in Rust, byte for byte the same and much faster) as
//! long as the built-in templates of the format are in effect, and by minijinja from the
//! templates as soon as the user replaces any of them (documented in `docs/templates.md`).

mod countries;
pub mod facts;
pub mod lang;
mod marks;
mod native;
pub mod policy;
mod processor_record;
mod record;
mod render;
mod request;
mod sandbox;
mod tidy;

use ropa_analysis::Diagnostic;

pub use lang::Lang;
pub use marks::error_count;
pub use policy::{Block, Document, Fact, Item, Section, Table};
pub use processor_record::{ClientFacts, ProcessorRecord};
pub use record::{Changes, LastChanged, Record, RecordActivity};
pub use render::{BUILTIN as BUILTIN_TEMPLATES, Templates, escape_html, escape_markdown};
pub use request::{PolicyRequest, RecordRequest};

/// How the policy is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyFormat {
    Markdown,
    /// A fragment (`<article>` with `<h2 id>` sections), or with `standalone` a whole page.
    Html {
        standalone: bool,
    },
    /// `{"version":1,"lang":…,"sections":[…]}`
    Json,
}

/// How the record is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordFormat {
    /// A table per activity.
    Markdown,
    /// RFC 4180, a header row and one row per activity.
    Csv,
    /// CSV with another delimiter and optionally a UTF-8 byte order mark: `;` and a BOM is what
    /// Excel in a German locale opens as a table (`--format csv-excel`).
    CsvWith { delimiter: u8, bom: bool },
    /// `{"version":1,"activities":[…],"processors":[…]}`
    Json,
}

/// Whether the output is the text to publish or a draft.
#[derive(Clone, Copy, Debug)]
pub enum Mode<'a> {
    /// The text to publish: a statement the record does not support is left out, never
    /// guessed. (`ropa policy` refuses a record with errors unless `--draft`.)
    Final,
    /// A draft (`--draft`, the editor's preview): a banner says so, and each missing or
    /// unsupported statement is a marked box ("ENTWURF – fehlt: …"): those of the errors among
    /// the findings in the sections they affect, and those the generator finds itself.
    Draft(&'a [Diagnostic]),
}

impl<'a> Mode<'a> {
    fn is_draft(self) -> bool {
        matches!(self, Mode::Draft(_))
    }

    fn findings(self) -> &'a [Diagnostic] {
        match self {
            Mode::Final => &[],
            Mode::Draft(f) => f,
        }
    }
}

/// Why nothing could be generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyError {
    /// The generator writes German and English only.
    UnsupportedLanguage(String),
    /// A template failed to compile or to render.
    Template {
        /// The template's file name, e.g. `activity.html.j2`.
        name: Option<String>,
        /// Whether it is one of the user's templates (else a built-in one).
        user: bool,
        line: Option<usize>,
        message: String,
    },
    /// Serialising the output failed.
    Output(String),
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolicyError::UnsupportedLanguage(l) => write!(
                f,
                "cannot generate text in `{l}`: the generator writes German (de) and English (en)"
            ),
            PolicyError::Template {
                name,
                user,
                line,
                message,
            } => {
                let what = if *user {
                    "template"
                } else {
                    "built-in template"
                };
                match name {
                    Some(n) => write!(f, "{what} `{n}`")?,
                    None => write!(f, "{what}")?,
                }
                if let Some(l) = line {
                    write!(f, ", line {l}")?;
                }
                write!(f, ": {message}")
            }
            PolicyError::Output(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for PolicyError {}

/// The language to write when none is asked for: the first configured language if the
/// generator writes it, else German.
pub fn default_language(languages: &[String]) -> &str {
    match languages.first().map(String::as_str) {
        Some(l @ ("de" | "en")) => l,
        _ => "de",
    }
}
