//! The public API: what to generate ([`PolicyRequest`], [`RecordRequest`]) and the one decision
//! of how each policy format is written ([`writer`]).

use std::collections::{BTreeMap, HashMap};

use minijinja::value::{Serde, Value};
use rayon::prelude::*;
use ropa_analysis::Workspace;
use ropa_syntax::Date;

use crate::facts::Reader;
use crate::marks::{self, Place};
use crate::policy::{self, Block, Builder, Document, Section};
use crate::tidy::{tidied_pieces, tidy, tidy_pieces};
use crate::{
    Lang, Mode, PolicyError, PolicyFormat, RecordFormat, Templates, native, processor_record,
    record, sandbox,
};

/// The built-in templates, for a request that names none.
static BUILTIN: Templates = Templates::builtin();

/// One privacy policy to generate: of which workspace, in which language, "last updated" when;
/// with which configured languages and activity order, final or a draft, in which format and
/// from which templates (each a setter; by default none configured, final, Markdown, the
/// built-in templates).
#[derive(Clone, Copy)]
pub struct PolicyRequest<'a> {
    ws: &'a Workspace,
    lang: &'a str,
    date: Date,
    languages: &'a [String],
    order: &'a [String],
    mode: Mode<'a>,
    format: PolicyFormat,
    templates: &'a Templates,
}

impl<'a> PolicyRequest<'a> {
    /// The final policy of `ws` in `lang` (`de` or `en`), "last updated" `date`, in Markdown
    /// from the built-in templates.
    pub fn new(ws: &'a Workspace, lang: &'a str, date: Date) -> Self {
        PolicyRequest {
            ws,
            lang,
            date,
            languages: &[],
            order: &[],
            mode: Mode::Final,
            format: PolicyFormat::Markdown,
            templates: &BUILTIN,
        }
    }

    /// `ropa.toml`'s `languages`: the first is the language of plain strings (German when
    /// there are none).
    pub fn languages(self, languages: &'a [String]) -> Self {
        PolicyRequest { languages, ..self }
    }

    /// `[policy] order`: the activities named there come first, in that order, the others
    /// after them in workspace order.
    pub fn order(self, order: &'a [String]) -> Self {
        PolicyRequest { order, ..self }
    }

    /// Final, or a draft with the workspace's findings marked.
    pub fn mode(self, mode: Mode<'a>) -> Self {
        PolicyRequest { mode, ..self }
    }

    pub fn format(self, format: PolicyFormat) -> Self {
        PolicyRequest { format, ..self }
    }

    /// The templates: the built-ins with the user's in their place.
    pub fn templates(self, templates: &'a Templates) -> Self {
        PolicyRequest { templates, ..self }
    }

    /// The policy as text.
    pub fn generate(&self) -> Result<String, PolicyError> {
        self.pieces().map(|pieces| pieces.concat())
    }

    /// The policy as pieces of text to write one after the other (a large policy is never
    /// copied into one string): the same text as [`Document::render`] of
    /// [`document`](Self::document). Natively, each activity's module is built as it is
    /// written, so that the modules of a large record are never all in memory at once.
    pub fn pieces(&self) -> Result<Vec<String>, PolicyError> {
        match writer(self.format, self.templates)? {
            Writer::Json => json(&self.document()?).map(|text| vec![text]),
            Writer::Native => self.streamed(),
            Writer::Engine => {
                engine(&self.document()?, self.format, self.templates).map(|text| vec![text])
            }
        }
    }

    /// The policy as a document: what JSON serialises and the templates read. In a draft, the
    /// errors among the findings mark the sections they affect.
    pub fn document(&self) -> Result<Document, PolicyError> {
        let builder = Builder::new(self.reader()?).drafting(self.mode.is_draft());
        Ok(self.marked(&builder, |b| b.document(self.date)))
    }

    /// The module of one activity in Markdown, whatever the format (the editor's "Preview
    /// privacy notice"), written as the policy's Markdown writes it; `None` if there is no such
    /// activity. In a draft, the errors among the findings that affect the activity are marked
    /// boxes.
    pub fn activity_preview(&self, activity_id: &str) -> Result<Option<String>, PolicyError> {
        let reader = self.reader()?;
        let Some((_, activity)) = self
            .ws
            .activities()
            .find(|(_, a)| a.header.id() == activity_id)
        else {
            return Ok(None);
        };
        let builder = Builder::new(reader).drafting(self.mode.is_draft());
        let facts = reader.activity(activity);
        let mut module = builder.activity(&facts);
        let places = marks::places(
            self.ws,
            reader.lang,
            self.mode.findings(),
            std::slice::from_ref(&facts),
        );
        if let Some(boxes) = places.get(&Place::Activity(activity_id.to_string())) {
            policy::prepend_boxes(&mut module, boxes.clone());
        }
        let text = match writer(PolicyFormat::Markdown, self.templates)? {
            Writer::Engine => engine_module(&builder, &module, self.date, self.templates)?,
            Writer::Json | Writer::Native => native::activity_md(&module),
        };
        Ok(Some(tidy(&text)))
    }

    fn reader(&self) -> Result<Reader<'a>, PolicyError> {
        Ok(Reader {
            ws: self.ws,
            lang: lang_of(self.lang)?,
            first: first(self.languages),
            order: self.order,
        })
    }

    /// The document `build` makes, with the boxes of the findings put where they belong
    /// (worked out while the sections are built).
    fn marked(
        &self,
        builder: &Builder<'_>,
        build: impl FnOnce(&Builder<'_>) -> Document + Send,
    ) -> Document {
        let (mut doc, places) = rayon::join(
            || build(builder),
            || {
                marks::places(
                    self.ws,
                    builder.lang,
                    self.mode.findings(),
                    &builder.activities,
                )
            },
        );
        mark(&mut doc, places);
        doc
    }

    /// Markdown or HTML written natively without ever holding the whole document: the outline
    /// (every section but the activities' modules, which have only their id and heading) is
    /// built first, and each module is built as it is written.
    fn streamed(&self) -> Result<Vec<String>, PolicyError> {
        let builder = Builder::new(self.reader()?)
            .drafting(self.mode.is_draft())
            .for_rendering();
        let outline = self.marked(&builder, |b| b.outline(self.date));
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
            policy::prepend_boxes(&mut module, draft_boxes(stub));
            Some(module)
        };
        let Some(pieces) = native::render_pieces(&outline, self.format, &fill) else {
            // Only a hand-built document lacks a built-in template; the engine reports it.
            return engine(&self.document()?, self.format, self.templates).map(|t| vec![t]);
        };
        // Freeing the facts and the outline one by one after the text is done took a tenth of
        // the time: they are freed on all cores while the text is tidied.
        let (text, ()) = rayon::join(
            || tidied_pieces(pieces),
            || {
                builder.activities.into_par_iter().for_each(drop);
                outline.sections.into_par_iter().for_each(drop);
            },
        );
        Ok(text)
    }
}

impl Document {
    /// The document in `format` with `templates` (for a document built by
    /// [`PolicyRequest::document`] and then changed, or built by hand): the same way
    /// [`PolicyRequest::generate`] writes it.
    pub fn render(
        &self,
        format: PolicyFormat,
        templates: &Templates,
    ) -> Result<String, PolicyError> {
        match writer(format, templates)? {
            Writer::Json => json(self),
            Writer::Native => match native::render_pieces(self, format, &|_, _| None) {
                Some(pieces) => Ok(tidy_pieces(pieces)),
                // A hand-built document with a section of a kind that has no built-in
                // template: the engine reports the template it lacks.
                None => engine(self, format, templates),
            },
            Writer::Engine => engine(self, format, templates),
        }
    }
}

/// How a policy format is written with a set of templates.
enum Writer {
    /// The document serialised.
    Json,
    /// The built-in templates written out in Rust (`native`).
    Native,
    /// The templates run by minijinja.
    Engine,
}

/// The one decision of how `format` is written: JSON as JSON; Markdown and HTML natively while
/// the built-in templates of the format are in effect, by the template engine as soon as the
/// user replaces any of them. The native writer gives the same bytes as the built-in templates
/// (held equal by `tests/native.rs`, which reaches the engine with user templates that are the
/// built-ins' own sources).
fn writer(format: PolicyFormat, templates: &Templates) -> Result<Writer, PolicyError> {
    let ext = match format {
        PolicyFormat::Json => None,
        PolicyFormat::Markdown => Some("md"),
        PolicyFormat::Html { .. } => Some("html"),
    };
    if ext.is_some_and(|ext| templates.overrides_any(ext)) {
        return Ok(Writer::Engine);
    }
    if templates.has_user() {
        // The user's templates are compiled all the same, so that an error in one of them is
        // reported even though none of them is used.
        templates.environment()?;
    }
    Ok(match ext {
        None => Writer::Json,
        Some(_) => Writer::Native,
    })
}

fn json(doc: &Document) -> Result<String, PolicyError> {
    serde_json::to_string_pretty(doc)
        .map(|s| s + "\n")
        .map_err(|e| PolicyError::Output(format!("cannot write JSON: {e}")))
}

/// The whole document through the template engine, with the root template of `format`.
fn engine(
    doc: &Document,
    format: PolicyFormat,
    templates: &Templates,
) -> Result<String, PolicyError> {
    let root = match format {
        PolicyFormat::Json => return json(doc),
        PolicyFormat::Markdown => "document.md.j2",
        PolicyFormat::Html { standalone: false } => "document.html.j2",
        PolicyFormat::Html { standalone: true } => "page.html.j2",
    };
    let env = fuelled(templates, doc)?;
    let tmpl = env.get_template(root).map_err(|e| templates.error(e))?;
    let out = tmpl
        .render(minijinja::context! { document => Value::from(Serde(doc)) })
        .map_err(|e| templates.error(e))?;
    Ok(tidy(&out))
}

/// One activity's module through the template engine (`activity.md.j2`), which may read the
/// document's title, date and strings as well (the document has no sections).
fn engine_module(
    builder: &Builder<'_>,
    module: &Section,
    date: Date,
    templates: &Templates,
) -> Result<String, PolicyError> {
    let doc = Document {
        sections: Vec::new(),
        ..builder.outline(date)
    };
    let env = fuelled(templates, module)?;
    let tmpl = env
        .get_template("activity.md.j2")
        .map_err(|e| templates.error(e))?;
    tmpl.render(minijinja::context! {
        document => Value::from(Serde(&doc)),
        section => Value::from(Serde(module)),
    })
    .map_err(|e| templates.error(e))
}

/// The template environment; with user templates, which may loop or allocate without end, on
/// a budget that grows with the size of what they render (see `sandbox`).
fn fuelled(
    templates: &Templates,
    input: &impl serde::Serialize,
) -> Result<minijinja::Environment<'static>, PolicyError> {
    let mut env = templates.environment()?;
    if templates.has_user() {
        let size = serde_json::to_vec(input).map_or(0, |v| v.len());
        env.set_fuel(Some(sandbox::fuel(size)));
    }
    Ok(env)
}

/// The marked boxes a section holds.
fn draft_boxes(section: &Section) -> Vec<String> {
    section
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Draft { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// Puts the boxes of the findings at the start of the sections they mark (by section id; of
/// two sections with the same id, the later one), after those already there.
fn mark(doc: &mut Document, places: BTreeMap<Place, Vec<String>>) {
    let index: HashMap<&str, usize> = doc
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

/// One record of processing activities to generate: of which workspace, in which language;
/// with which configured languages, "as of" which date, final or a draft, in which format and
/// with when each activity last changed (each a setter; by default none configured, no date,
/// final, Markdown, no changes known).
#[derive(Clone, Copy)]
pub struct RecordRequest<'a> {
    ws: &'a Workspace,
    lang: &'a str,
    languages: &'a [String],
    date: Option<Date>,
    mode: Mode<'a>,
    format: RecordFormat,
    changes: Option<&'a record::Changes>,
}

impl<'a> RecordRequest<'a> {
    /// The final record of `ws` in `lang` (`de` or `en`), in Markdown.
    pub fn new(ws: &'a Workspace, lang: &'a str) -> Self {
        RecordRequest {
            ws,
            lang,
            languages: &[],
            date: None,
            mode: Mode::Final,
            format: RecordFormat::Markdown,
            changes: None,
        }
    }

    /// `ropa.toml`'s `languages`: the first is the language of plain strings.
    pub fn languages(self, languages: &'a [String]) -> Self {
        RecordRequest { languages, ..self }
    }

    /// The date the record is "as of", if any.
    pub fn date(self, date: Option<Date>) -> Self {
        RecordRequest { date, ..self }
    }

    /// Final, or a draft whose entries carry the boxes of the findings of severity error that
    /// affect them (Markdown quotes, a CSV column, a JSON `draft` array).
    pub fn mode(self, mode: Mode<'a>) -> Self {
        RecordRequest { mode, ..self }
    }

    pub fn format(self, format: RecordFormat) -> Self {
        RecordRequest { format, ..self }
    }

    /// When each activity last changed (by activity id; read from git by the caller). Only the
    /// controller's record shows it.
    pub fn changes(self, changes: &'a record::Changes) -> Self {
        RecordRequest {
            changes: Some(changes),
            ..self
        }
    }

    /// The controller's record (Art. 30(1) GDPR): one entry per activity.
    pub fn generate(&self) -> Result<String, PolicyError> {
        let reader = self.reader()?;
        let l = reader.lang;
        let facts = reader.activities();
        let places = marks::places(self.ws, l, self.mode.findings(), &facts);
        let general: Vec<String> = places
            .iter()
            // Sections and clients are not part of this record: their findings mark nothing
            // in it.
            .filter(|(p, _)| {
                !matches!(p, Place::Activity(_) | Place::Section(_) | Place::Client(_))
            })
            .flat_map(|(_, w)| w.iter().cloned())
            .collect();
        let none = record::Changes::new();
        let changes = self.changes.unwrap_or(&none);
        let record = record::build(reader, self.date, self.mode.is_draft(), changes, |id| {
            entry_boxes(&places, &Place::Activity(id.to_string()), &general)
        });
        match self.format {
            RecordFormat::Markdown => Ok(record::markdown(l, &record)),
            RecordFormat::Csv => record::csv(l, &record, b',', false),
            RecordFormat::CsvWith { delimiter, bom } => record::csv(l, &record, delimiter, bom),
            RecordFormat::Json => record::json(&record),
        }
    }

    /// The processor's record (Art. 30(2) GDPR): the organisation as processor, one entry per
    /// `client` item, the general TOMs. In a draft, the client entries carry the boxes of the
    /// errors in the client and of those that affect the organisation's details.
    pub fn generate_processor(&self) -> Result<String, PolicyError> {
        let reader = self.reader()?;
        let l = reader.lang;
        // With the activities, so that errors in what only activities use mark nothing here.
        let activities = if self.mode.is_draft() {
            reader.activities()
        } else {
            Vec::new()
        };
        let places = marks::places(self.ws, l, self.mode.findings(), &activities);
        // The organisation's details and errors between items concern every entry.
        let general: Vec<String> = places
            .iter()
            .filter(|(p, _)| matches!(p, Place::Controller | Place::Dpo | Place::Document))
            .flat_map(|(_, w)| w.iter().cloned())
            .collect();
        let record = processor_record::build(reader, self.date, self.mode.is_draft(), |id| {
            entry_boxes(&places, &Place::Client(id.to_string()), &general)
        });
        match self.format {
            RecordFormat::Markdown => Ok(processor_record::markdown(l, &record)),
            RecordFormat::Csv => processor_record::csv(l, &record, b',', false),
            RecordFormat::CsvWith { delimiter, bom } => {
                processor_record::csv(l, &record, delimiter, bom)
            }
            RecordFormat::Json => processor_record::json(&record),
        }
    }

    fn reader(&self) -> Result<Reader<'a>, PolicyError> {
        Ok(Reader {
            ws: self.ws,
            lang: lang_of(self.lang)?,
            first: first(self.languages),
            order: &[],
        })
    }
}

/// The draft boxes of one entry of a record: those at its place, then the general ones it does
/// not already hold.
fn entry_boxes(
    places: &BTreeMap<Place, Vec<String>>,
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

fn lang_of(lang: &str) -> Result<Lang, PolicyError> {
    Lang::parse(lang).ok_or_else(|| PolicyError::UnsupportedLanguage(lang.to_string()))
}

/// The language of plain strings: the first configured one, else German.
fn first(languages: &[String]) -> &str {
    languages.first().map_or("de", String::as_str)
}
