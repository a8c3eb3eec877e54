//! Generators: the privacy-policy sections of a website (German and English; Markdown, HTML,
//! JSON) and the Art. 30 record of processing activities (Markdown, CSV, JSON).
//!
//! Architecture invariant: no IO and no LSP. The caller passes the analysed workspace, the
//! configured languages, the date and the template sources (built-in ones are compiled in); the
//! result is a string. The same input and date give byte-identical output.
//!
//! The policy is first built as a [`Document`] — sections with stable ids, each holding
//! paragraphs, lists and labelled facts — and then rendered by minijinja templates
//! (`templates/*.j2`, documented in `docs/templates.md`) or serialised to JSON. The built-in
//! templates are also written out in Rust (`native`), byte for byte the same and much faster;
//! that is what renders unless the user replaces a built-in template of the format.

mod countries;
pub mod facts;
pub mod lang;
mod marks;
mod native;
pub mod policy;
mod processor_record;
mod record;
mod render;
mod sandbox;

use minijinja::value::{Serde, Value};
use rayon::prelude::*;
use ropa_analysis::{Diagnostic, Workspace};
use ropa_syntax::Date;

pub use lang::Lang;
pub use marks::error_count;
pub use policy::{Block, Document, Fact, Item, Section, Table};
pub use processor_record::{ClientFacts, ProcessorRecord};
pub use record::{Changes, LastChanged, Record, RecordActivity};
pub use render::{BUILTIN as BUILTIN_TEMPLATES, Templates, escape_html, escape_markdown};

use crate::facts::Reader;
use crate::marks::Place;

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

fn lang_of(lang: &str) -> Result<Lang, PolicyError> {
    Lang::parse(lang).ok_or_else(|| PolicyError::UnsupportedLanguage(lang.to_string()))
}

fn first(languages: &[String]) -> &str {
    languages.first().map_or("de", String::as_str)
}

/// The language to write when none is asked for: the first configured language if the
/// generator writes it, else German.
pub fn default_language(languages: &[String]) -> &str {
    match languages.first().map(String::as_str) {
        Some(l @ ("de" | "en")) => l,
        _ => "de",
    }
}

/// What `ropa.toml`'s `[policy]` table says about the text: the configured languages (the
/// first is the language of plain strings) and the order of the activity sections (`order`: the
/// activities named there come first, in that order, the others after them in workspace order).
#[derive(Clone, Copy, Debug, Default)]
pub struct PolicySettings<'a> {
    pub languages: &'a [String],
    pub order: &'a [String],
}

impl<'a> PolicySettings<'a> {
    /// The configured languages, activities in workspace order.
    pub fn languages(languages: &'a [String]) -> Self {
        PolicySettings {
            languages,
            order: &[],
        }
    }
}

/// The policy as a document. In a draft, the errors among the workspace's findings (from
/// `ropa_lint::check`) mark the sections they affect.
pub fn policy_document(
    ws: &Workspace,
    languages: &[String],
    lang: &str,
    date: Date,
    mode: Mode<'_>,
) -> Result<Document, PolicyError> {
    document(
        ws,
        PolicySettings::languages(languages),
        lang,
        date,
        mode,
        true,
    )
}

/// The document to render in `format` with `templates`: without the parts nothing will read
/// (each section's plain text and activity facts, read only by JSON and user templates), which
/// makes it cheaper to build. [`render_policy`] gives the same text for it as for
/// [`policy_document`].
pub fn policy_document_for(
    ws: &Workspace,
    settings: PolicySettings<'_>,
    lang: &str,
    date: Date,
    mode: Mode<'_>,
    format: PolicyFormat,
    templates: &Templates,
) -> Result<Document, PolicyError> {
    let whole = match format {
        PolicyFormat::Json => true,
        PolicyFormat::Markdown => templates.overrides_any("md"),
        PolicyFormat::Html { .. } => templates.overrides_any("html"),
    };
    document(ws, settings, lang, date, mode, whole)
}

fn document(
    ws: &Workspace,
    settings: PolicySettings<'_>,
    lang: &str,
    date: Date,
    mode: Mode<'_>,
    whole: bool,
) -> Result<Document, PolicyError> {
    let reader = Reader {
        ws,
        lang: lang_of(lang)?,
        first: first(settings.languages),
        order: settings.order,
    };
    let builder = policy::Builder::new(reader).drafting(mode.is_draft());
    let builder = if whole {
        builder
    } else {
        builder.for_rendering()
    };
    // Which sections the findings mark is worked out while the sections are built.
    let (mut doc, places) = rayon::join(
        || builder.document(date),
        || marks::places(ws, reader.lang, mode.findings(), &builder.activities),
    );
    mark(&mut doc, places);
    Ok(doc)
}

/// Puts the boxes of the findings at the start of the sections they mark (by section id; of
/// two sections with the same id, the later one), after those already there.
/// The draft boxes of one entry of a record: those at its place, then the general ones it does
/// not already hold.
fn entry_boxes(
    places: &std::collections::BTreeMap<Place, Vec<String>>,
    place: &Place,
    general: &[String],
) -> Vec<String> {
    let mut boxes = places.get(place).cloned().unwrap_or_default();
    for g in general {
        if !boxes.contains(g) {
            boxes.push(g.clone());
        }
    }
    boxes
}

fn mark(doc: &mut Document, places: std::collections::BTreeMap<Place, Vec<String>>) {
    let index: std::collections::HashMap<&str, usize> = doc
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut marked = Vec::new();
    for (place, warnings) in places {
        // Where the box goes, and where when that section is not in the document.
        let (id, fallback) = match place {
            Place::Controller => ("controller".to_string(), None),
            Place::Dpo => ("dpo".to_string(), Some("controller")),
            Place::Activity(a) => (policy::activity_section_id(&a), None),
            Place::Section(s) => (policy::custom_section_id(&s), Some("intro")),
            // The policy says nothing about clients; their errors are named in the introduction.
            Place::Client(_) => ("intro".to_string(), None),
            Place::Document => ("intro".to_string(), None),
        };
        let at = index
            .get(id.as_str())
            .or_else(|| fallback.and_then(|f| index.get(f)));
        if let Some(&i) = at {
            marked.push((i, warnings));
        }
    }
    for (i, boxes) in marked {
        policy::prepend_boxes(&mut doc.sections[i], boxes);
    }
}

/// The policy in Markdown or HTML from the built-in templates, written natively without ever
/// holding the whole document: the outline (every section but the activities' modules, which
/// have only their id and heading) is built first, and each module is built as it is written.
/// The same text as [`render_policy`] of [`policy_document`], in pieces; `None` for JSON.
fn render_streaming(
    ws: &Workspace,
    settings: PolicySettings<'_>,
    lang: &str,
    date: Date,
    mode: Mode<'_>,
    format: PolicyFormat,
) -> Result<Option<Vec<String>>, PolicyError> {
    if format == PolicyFormat::Json {
        return Ok(None);
    }
    let reader = Reader {
        ws,
        lang: lang_of(lang)?,
        first: first(settings.languages),
        order: settings.order,
    };
    let builder = policy::Builder::new(reader)
        .drafting(mode.is_draft())
        .for_rendering();
    let (mut outline, places) = rayon::join(
        || builder.outline(date),
        || marks::places(ws, reader.lang, mode.findings(), &builder.activities),
    );
    mark(&mut outline, places);
    // The modules are the sections of kind `activity`, one per activity, in order.
    let first_module = outline
        .sections
        .iter()
        .position(|s| s.kind == "activity")
        .unwrap_or(0);
    let fill = |i: usize, stub: &Section| {
        if stub.kind != "activity" {
            return None;
        }
        let mut module = builder.activity(builder.activities.get(i - first_module)?);
        // The stub holds only the boxes that the findings put there.
        policy::prepend_boxes(
            &mut module,
            stub.blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Draft { text } => Some(text.clone()),
                    _ => None,
                })
                .collect(),
        );
        Some(module)
    };
    let pieces = native::render_pieces(&outline, format, &fill);
    // Freeing the facts and the outline one by one after the text is done took a tenth of the
    // time: they are freed on all cores while the text is tidied.
    let (text, ()) = rayon::join(
        || pieces.map(tidied_pieces),
        || {
            builder.activities.into_par_iter().for_each(drop);
            outline.sections.into_par_iter().for_each(drop);
        },
    );
    Ok(text)
}

/// Renders a document with the templates (Markdown, HTML) or as JSON.
///
/// Unless the user replaces a built-in template of the format, the built-in templates are not
/// run through the template engine but written out natively (module `native`), which gives the
/// same text much faster.
pub fn render_policy(
    doc: &Document,
    format: PolicyFormat,
    templates: &Templates,
) -> Result<String, PolicyError> {
    let ext = match format {
        PolicyFormat::Json => return render_policy_with_templates(doc, format, templates),
        PolicyFormat::Markdown => "md",
        PolicyFormat::Html { .. } => "html",
    };
    if !templates.overrides_any(ext) {
        if templates.has_user() {
            // The user's templates are compiled as before, so that an error in one of them is
            // reported even though none of them is used.
            templates.environment()?;
        }
        if let Some(pieces) = native::render_pieces(doc, format, &|_, _| None) {
            return Ok(tidy_pieces(pieces));
        }
    }
    render_policy_with_templates(doc, format, templates)
}

/// [`render_policy`] through the template engine even where the native renderer would do (for
/// the tests that hold the two equal).
#[doc(hidden)]
pub fn render_policy_with_templates(
    doc: &Document,
    format: PolicyFormat,
    templates: &Templates,
) -> Result<String, PolicyError> {
    let root = match format {
        PolicyFormat::Json => {
            return serde_json::to_string_pretty(doc)
                .map(|s| s + "\n")
                .map_err(|e| PolicyError::Output(format!("cannot write JSON: {e}")));
        }
        PolicyFormat::Markdown => "document.md.j2",
        PolicyFormat::Html { standalone: false } => "document.html.j2",
        PolicyFormat::Html { standalone: true } => "page.html.j2",
    };
    let mut env = templates.environment()?;
    if let Some(out) = render_sections_apart(doc, root, templates, &env) {
        return Ok(tidy(&out));
    }
    if templates.has_user() {
        // User templates may loop or allocate without end: a budget (see `sandbox`).
        let size = serde_json::to_vec(doc).map_or(0, |v| v.len());
        env.set_fuel(Some(sandbox::fuel(size)));
    }
    let tmpl = env.get_template(root).map_err(|e| templates.error(e))?;
    let out = tmpl
        .render(minijinja::context! { document => Value::from(Serde(doc)) })
        .map_err(|e| templates.error(e))?;
    Ok(tidy(&out))
}

/// What a placeholder section renders to; the template of a placeholder's kind writes it.
const PLACEHOLDER: &str = "\u{0}ropa-section\u{0}";
const PLACEHOLDER_KIND: &str = "ropa-placeholder";

/// The fast way to render a large document with the built-in templates: the document template
/// once, with a placeholder in place of each section, and the sections on all cores, each with
/// its own template, spliced in where the placeholders are. Converting one large document into
/// template values, rendering it and freeing it again took most of the time.
///
/// The built-in section templates read nothing but `section`, and of it only what
/// [`Section::for_templates`] keeps, so each gives the same text as when the document template
/// includes it. A user's templates may read anything (the whole
/// document, the loop), so with any of them in play this returns `None`, as it does on any
/// error or a placeholder count that does not match (say, user text that contains one); the
/// caller then renders the whole document at once.
fn render_sections_apart(
    doc: &Document,
    root: &str,
    templates: &Templates,
    env: &minijinja::Environment<'static>,
) -> Option<String> {
    let ext = root.strip_suffix(".j2")?.rsplit('.').next()?;
    if templates.overrides_any(ext) {
        return None;
    }
    let mut env = env.clone();
    env.add_template_owned(format!("{PLACEHOLDER_KIND}.{ext}.j2"), PLACEHOLDER)
        .ok()?;
    let frame = || {
        let skeleton = Document {
            version: doc.version,
            lang: doc.lang.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
            date_text: doc.date_text.clone(),
            controller_name: doc.controller_name.clone(),
            controller: doc.controller.clone(),
            draft: doc.draft,
            strings: doc.strings.clone(),
            sections: doc
                .sections
                .iter()
                .map(|s| s.placeholder(PLACEHOLDER_KIND))
                .collect(),
        };
        env.get_template(root)?
            .render(minijinja::context! { document => Value::from(Serde(&skeleton)) })
    };
    let sections = || {
        doc.sections
            .par_iter()
            .map(|s| {
                env.get_template(&format!("{}.{ext}.j2", s.kind))?.render(
                    minijinja::context! { section => Value::from(Serde(s.for_templates())) },
                )
            })
            .collect::<Result<Vec<String>, _>>()
    };
    // The frame is rendered while the sections are.
    let (frame, sections) = rayon::join(frame, sections);
    let (frame, sections) = (frame.ok()?, sections.ok()?);
    let gaps: Vec<&str> = frame.split(PLACEHOLDER).collect();
    if gaps.len() != sections.len() + 1 {
        return None;
    }
    let mut out =
        String::with_capacity(frame.len() + sections.iter().map(String::len).sum::<usize>());
    for (gap, section) in gaps.iter().zip(&sections) {
        out.push_str(gap);
        out.push_str(section);
    }
    out.push_str(gaps.last()?);
    Some(out)
}

/// Collapses runs of blank lines, strips trailing spaces and ends with one line break.
fn tidy(s: &str) -> String {
    let mut pieces = vec![tidy_lines(s)];
    join_tidied(&mut pieces);
    pieces.concat()
}

/// [`tidy`] of the concatenation of `pieces`, each of which ends where a line ends (but the
/// last).
fn tidy_pieces(pieces: Vec<String>) -> String {
    tidied_pieces(pieces).concat()
}

/// [`tidy_pieces`] without joining the pieces (they are written one after the other): tidied
/// on all cores.
fn tidied_pieces(pieces: Vec<String>) -> Vec<String> {
    let mut pieces: Vec<String> = pieces.into_par_iter().map(|p| tidy_lines(&p)).collect();
    join_tidied(&mut pieces);
    pieces
}

/// Strips trailing spaces from every line and collapses each run of blank lines into one.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if blank {
                continue;
            }
            blank = true;
        } else {
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Makes pieces tidied by [`tidy_lines`] read as one tidied text: no blank line at the start or
/// the end, and one blank line where a piece ending in one meets a piece starting with one.
fn join_tidied(pieces: &mut [String]) {
    // Whether the text so far is empty or ends with a blank line.
    let mut blank_before = true;
    for piece in pieces.iter_mut() {
        if blank_before && piece.starts_with('\n') {
            piece.remove(0);
        }
        if !piece.is_empty() {
            // Every line of a tidied piece ends with a line break.
            blank_before = piece.ends_with("\n\n") || piece == "\n";
        }
    }
    loop {
        let mut tail = pieces
            .iter()
            .rev()
            .flat_map(|p| p.as_bytes().iter().rev())
            .take(2);
        if !(tail.next() == Some(&b'\n') && tail.next() == Some(&b'\n')) {
            break;
        }
        if let Some(last) = pieces.iter_mut().rev().find(|p| !p.is_empty()) {
            last.pop();
        }
    }
}

/// The privacy policy of `ws` in `lang` (`de` or `en`), "last updated" `date`, to publish
/// ([`Mode::Final`]).
pub fn generate_policy(
    ws: &Workspace,
    config_languages: &[String],
    lang: &str,
    format: PolicyFormat,
    date: Date,
    templates: &Templates,
) -> Result<String, PolicyError> {
    generate_policy_in_pieces(
        ws,
        PolicySettings::languages(config_languages),
        lang,
        format,
        date,
        templates,
        Mode::Final,
    )
    .map(|pieces| pieces.concat())
}

/// Like [`generate_policy`], as a draft: marked boxes in the sections that findings of severity
/// error affect and wherever a statement is missing ([`Mode::Draft`]).
pub fn generate_policy_marked(
    ws: &Workspace,
    settings: PolicySettings<'_>,
    lang: &str,
    format: PolicyFormat,
    date: Date,
    templates: &Templates,
    findings: &[Diagnostic],
) -> Result<String, PolicyError> {
    generate_policy_in_pieces(
        ws,
        settings,
        lang,
        format,
        date,
        templates,
        Mode::Draft(findings),
    )
    .map(|pieces| pieces.concat())
}

/// The policy, final or a draft, as pieces of text to write one after the other (a large policy
/// is not copied into one string).
pub fn generate_policy_in_pieces(
    ws: &Workspace,
    settings: PolicySettings<'_>,
    lang: &str,
    format: PolicyFormat,
    date: Date,
    templates: &Templates,
    mode: Mode<'_>,
) -> Result<Vec<String>, PolicyError> {
    let ext = match format {
        PolicyFormat::Json => "json",
        PolicyFormat::Markdown => "md",
        PolicyFormat::Html { .. } => "html",
    };
    if !templates.overrides_any(ext) {
        if templates.has_user() {
            // Compiled so that an error in one of them is reported, as `render_policy` does.
            templates.environment()?;
        }
        if let Some(pieces) = render_streaming(ws, settings, lang, date, mode, format)? {
            return Ok(pieces);
        }
    }
    let doc = policy_document_for(ws, settings, lang, date, mode, format, templates)?;
    render_policy(&doc, format, templates).map(|text| vec![text])
}

/// The Art. 30(1) record of `ws` in `lang`, optionally "as of" `date` ([`Mode::Final`]).
pub fn generate_record(
    ws: &Workspace,
    config_languages: &[String],
    lang: &str,
    format: RecordFormat,
    date: Option<Date>,
) -> Result<String, PolicyError> {
    generate_record_in(ws, config_languages, lang, format, date, Mode::Final)
}

/// Like [`generate_record`], as a draft: the boxes of the findings of severity error on the
/// activities they affect (Markdown quotes, a CSV column, a JSON `draft` array).
pub fn generate_record_marked(
    ws: &Workspace,
    config_languages: &[String],
    lang: &str,
    format: RecordFormat,
    date: Option<Date>,
    findings: &[Diagnostic],
) -> Result<String, PolicyError> {
    generate_record_in(
        ws,
        config_languages,
        lang,
        format,
        date,
        Mode::Draft(findings),
    )
}

/// The record, final or a draft.
pub fn generate_record_in(
    ws: &Workspace,
    config_languages: &[String],
    lang: &str,
    format: RecordFormat,
    date: Option<Date>,
    mode: Mode<'_>,
) -> Result<String, PolicyError> {
    let none = record::Changes::new();
    generate_record_with_changes(ws, config_languages, lang, format, date, mode, &none)
}

/// [`generate_record_in`], with when each activity last changed (by activity id; read from git
/// by the caller).
pub fn generate_record_with_changes(
    ws: &Workspace,
    config_languages: &[String],
    lang: &str,
    format: RecordFormat,
    date: Option<Date>,
    mode: Mode<'_>,
    changes: &record::Changes,
) -> Result<String, PolicyError> {
    let l = lang_of(lang)?;
    let reader = Reader {
        ws,
        lang: l,
        first: first(config_languages),
        order: &[],
    };
    let facts = reader.activities();
    let places = marks::places(ws, l, mode.findings(), &facts);
    let general: Vec<String> = places
        .iter()
        // Sections and clients are not part of this record: their findings mark nothing in it.
        .filter(|(p, _)| !matches!(p, Place::Activity(_) | Place::Section(_) | Place::Client(_)))
        .flat_map(|(_, w)| w.iter().cloned())
        .collect();
    let record = record::build(reader, date, mode.is_draft(), changes, |id| {
        entry_boxes(&places, &Place::Activity(id.to_string()), &general)
    });
    match format {
        RecordFormat::Markdown => Ok(record::markdown(l, &record)),
        RecordFormat::Csv => record::csv(l, &record, b',', false),
        RecordFormat::CsvWith { delimiter, bom } => record::csv(l, &record, delimiter, bom),
        RecordFormat::Json => record::json(&record),
    }
}

/// The processor's record (Art. 30(2) GDPR) of `ws` in `lang`: the organisation as processor,
/// one entry per `client` item, the general TOMs; final or a draft, whose client entries carry
/// the boxes of the errors in the client and of those that affect the organisation's details.
pub fn generate_processor_record_in(
    ws: &Workspace,
    config_languages: &[String],
    lang: &str,
    format: RecordFormat,
    date: Option<Date>,
    mode: Mode<'_>,
) -> Result<String, PolicyError> {
    let l = lang_of(lang)?;
    let reader = Reader {
        ws,
        lang: l,
        first: first(config_languages),
        order: &[],
    };
    // With the activities, so that errors in what only activities use mark nothing here.
    let activities = if mode.is_draft() {
        reader.activities()
    } else {
        Vec::new()
    };
    let places = marks::places(ws, l, mode.findings(), &activities);
    // The organisation's details and errors between items concern every entry.
    let general: Vec<String> = places
        .iter()
        .filter(|(p, _)| matches!(p, Place::Controller | Place::Dpo | Place::Document))
        .flat_map(|(_, w)| w.iter().cloned())
        .collect();
    let record = processor_record::build(reader, date, mode.is_draft(), |id| {
        entry_boxes(&places, &Place::Client(id.to_string()), &general)
    });
    match format {
        RecordFormat::Markdown => Ok(processor_record::markdown(l, &record)),
        RecordFormat::Csv => processor_record::csv(l, &record, b',', false),
        RecordFormat::CsvWith { delimiter, bom } => {
            processor_record::csv(l, &record, delimiter, bom)
        }
        RecordFormat::Json => processor_record::json(&record),
    }
}

/// The Markdown of one activity's module of the policy (for the editor's "Preview privacy
/// notice"), rendered with the built-in templates; `None` if there is no such activity or the
/// language is not supported. A draft: the errors among `findings` that affect the activity are
/// marked boxes.
pub fn activity_section(
    ws: &Workspace,
    activity_id: &str,
    lang: &str,
    config_languages: &[String],
    findings: &[Diagnostic],
) -> Option<String> {
    activity_section_by(ws, activity_id, lang, config_languages, findings, false)
}

/// [`activity_section`] through the template engine (for the tests that hold the native
/// renderer equal to it).
#[doc(hidden)]
pub fn activity_section_with_templates(
    ws: &Workspace,
    activity_id: &str,
    lang: &str,
    config_languages: &[String],
    findings: &[Diagnostic],
) -> Option<String> {
    activity_section_by(ws, activity_id, lang, config_languages, findings, true)
}

fn activity_section_by(
    ws: &Workspace,
    activity_id: &str,
    lang: &str,
    config_languages: &[String],
    findings: &[Diagnostic],
    engine: bool,
) -> Option<String> {
    let reader = Reader {
        ws,
        lang: Lang::parse(lang)?,
        first: first(config_languages),
        order: &[],
    };
    let (_, activity) = ws
        .activities()
        .find(|(_, a)| a.header.id() == activity_id)?;
    let builder = policy::Builder::new(reader).drafting(true);
    let facts = reader.activity(activity);
    let mut section = builder.activity(&facts);
    let places = marks::places(ws, reader.lang, findings, std::slice::from_ref(&facts));
    if let Some(boxes) = places.get(&Place::Activity(activity_id.to_string())) {
        policy::prepend_boxes(&mut section, boxes.clone());
    }
    if !engine {
        return Some(tidy(&native::activity_md(&section)));
    }
    let doc = Document {
        sections: Vec::new(),
        ..builder.document(Date::new(2000, 1, 1)?)
    };
    let templates = Templates::builtin();
    let env = templates.environment().ok()?;
    let tmpl = env.get_template("activity.md.j2").ok()?;
    let out = tmpl
        .render(minijinja::context! {
            document => Value::from(Serde(&doc)),
            section => Value::from(Serde(&section)),
        })
        .ok()?;
    Some(tidy(&out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text cut into pieces at line ends, as the native renderer cuts it.
    fn pieces(lines: &[String], cuts: &[usize]) -> (String, Vec<String>) {
        let whole: String = lines.concat();
        let mut pieces = vec![String::new()];
        for (i, line) in lines.iter().enumerate() {
            pieces
                .last_mut()
                .unwrap_or(&mut String::new())
                .push_str(line);
            if cuts.contains(&i) && line.ends_with('\n') {
                pieces.push(String::new());
            }
        }
        (whole, pieces)
    }

    proptest! {
        #[test]
        fn pieces_tidied_apart_read_as_the_whole_tidied(
            lines in prop::collection::vec(
                prop::sample::select(vec!["", "\n", " \n", "  ", "x", "x \n", "x\n", "\r\n", "ä\t\n", "\n\n"]),
                0..40,
            ),
            cuts in prop::collection::vec(0usize..40, 0..10),
        ) {
            let lines: Vec<String> = lines.into_iter().map(String::from).collect();
            let (whole, pieces) = pieces(&lines, &cuts);
            prop_assert_eq!(tidy_pieces(pieces), tidy(&whole));
        }
    }

    #[test]
    fn tidy_collapses_blank_lines_and_trims() {
        assert_eq!(tidy("\n\n a \n\n\n\nb  \n\n"), " a\n\nb\n");
        assert_eq!(tidy(""), "");
        assert_eq!(tidy("\n \n"), "");
        assert_eq!(
            tidy_pieces(vec!["a\n\n".into(), "\n\nb\n".into(), " \n".into()]),
            "a\n\nb\n"
        );
    }
}
