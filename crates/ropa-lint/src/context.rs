//! What a rule sees: the resolved workspace, today's date, the configured languages, and helpers
//! for the facts several rules share.

use std::collections::HashSet;

use ropa_analysis::model::{Activity, CategoryRef, Id, Name, Processor, Reference, Target};
use ropa_analysis::{Diagnostic, Edit, FileId, Fix, Location, Workspace};
use ropa_syntax::{Date, TextRange};

use crate::registry::Rule;

/// What a rule sees. The activities are reached only in scope, so a rule cannot find less in a
/// check a batch at a time than in the whole check; walking every activity does not compile:
///
/// ```compile_fail
/// fn rule(ctx: &ropa_lint::Context) -> usize {
///     ctx.ws.activities().count()
/// }
/// ```
pub struct Context<'a> {
    /// Private to this module: rules see the workspace through the methods below, which reach
    /// the activities only in scope ([`Self::activities`]) — a check a batch at a time holds
    /// no others, so a rule that walked every activity would find less than the whole check.
    /// The type enforces what rule authors would otherwise have to remember.
    ws: &'a Workspace,
    pub today: Date,
    /// The configured languages; the first is the language of plain strings.
    pub languages: &'a [String],
    /// The files whose findings are wanted (the language server re-checks the one file an
    /// edit touched; a check a batch at a time, the batch): [`Self::activities`] yields only
    /// their activities.
    pub scope: Scope<'a>,
    /// Every used processor with the activities that use it, computed once for all the rules
    /// that report on processors (see `rules::processors::used`).
    pub(crate) used_processors: Vec<ProcessorUsers<'a>>,
    /// What `ropa scan` found in the code and on the website; `None` in `ropa check`, where the
    /// scan rules have nothing to judge.
    pub scan: Option<&'a crate::scan::Scanned>,
    /// What the organisation rules need from activities a check a batch at a time has let go
    /// of (see [`Self::organisation`]).
    pub(crate) carried: Option<crate::rules::organisation::OrgSummary>,
    pub(crate) organisation: std::sync::OnceLock<crate::rules::organisation::OrgSummary>,
}

/// A used processor: its reference, the processor, and the ids of the activities that use it
/// (in workspace order).
pub(crate) type ProcessorUsers<'a> = (Id<Processor>, &'a Processor, Vec<Name>);

/// The files a check reports on.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    All,
    File(FileId),
    /// The files marked `true`, by file index.
    Files(&'a [bool]),
    /// The activities of one file that an edit touched: those whose range meets one of these
    /// (the server re-checks only them; the file's other findings move with the text).
    Activities(FileId, &'a [TextRange]),
}

impl Scope<'_> {
    pub fn contains(&self, file: FileId) -> bool {
        match self {
            Scope::All => true,
            Scope::File(f) | Scope::Activities(f, _) => *f == file,
            Scope::Files(mask) => mask.get(file.index()).copied().unwrap_or(false),
        }
    }

    /// Whether the activity of `header` is in scope.
    fn contains_activity(&self, header: &ropa_analysis::model::ItemHeader) -> bool {
        match self {
            Scope::Activities(f, touched) => {
                *f == header.file && touched.iter().any(|t| meets(*t, header.range))
            }
            _ => self.contains(header.file),
        }
    }
}

/// Whether two ranges overlap or touch.
pub(crate) fn meets(a: TextRange, b: TextRange) -> bool {
    a.start() <= b.end() && b.start() <= a.end()
}

/// Where rules put their findings.
#[derive(Default)]
pub struct Sink {
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Sink {
    /// Reports a finding of `rule` at `location` with its default severity.
    pub fn report(
        &mut self,
        rule: &Rule,
        location: Location,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::new(rule.name, rule.severity, location, message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }
}

/// How a processor is reached from an activity.
#[derive(Clone, Copy, Debug)]
pub struct Use<'a> {
    /// The reference in the activity (`processors` or `ai { provider }`), or in `subprocessors`.
    pub reference: &'a Reference,
    pub processor: Id<Processor>,
    /// `true` when reached through `subprocessors`.
    pub indirect: bool,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        ws: &'a Workspace,
        today: Date,
        languages: &'a [String],
        scope: Scope<'a>,
        scan: Option<&'a crate::scan::Scanned>,
        carried: Option<crate::rules::organisation::OrgSummary>,
    ) -> Context<'a> {
        Context {
            ws,
            today,
            languages,
            scope,
            used_processors: Vec::new(),
            scan,
            carried,
            organisation: std::sync::OnceLock::new(),
        }
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &'a str {
        &self.ws.file(file).text
    }

    /// The files in scope, with their ids.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &'a ropa_analysis::File)> {
        let scope = self.scope;
        (self.ws.files.iter().enumerate())
            .map(|(i, f)| (FileId(i as u32), f))
            .filter(move |(id, _)| scope.contains(*id))
    }

    /// The controller (the first declared).
    pub fn controller(&self) -> Option<&'a ropa_analysis::model::Controller> {
        self.ws.controller()
    }

    /// The header of the first activity of the workspace, also of one let go of.
    pub fn first_activity(&self) -> Option<&'a ropa_analysis::model::ItemHeader> {
        self.ws.first_activity()
    }

    /// Every processor, with its id (processors are never let go of).
    pub fn processors(&self) -> impl Iterator<Item = (Id<Processor>, &'a Processor)> {
        self.ws.processors()
    }

    pub fn category(
        &self,
        r: Id<ropa_analysis::model::CategoryDef>,
    ) -> &'a ropa_analysis::model::CategoryDef {
        self.ws.category(r)
    }

    /// The definition an id names.
    pub fn lookup(
        &self,
        kind: ropa_syntax::ItemKind,
        name: &str,
    ) -> Option<ropa_analysis::Definition> {
        self.ws.lookup(kind, name)
    }

    /// Every activity in memory, in and out of scope. Only for what a check a batch at a time
    /// carries from batch to batch instead (the processors' uses) and for `ropa scan`, whose
    /// workspace is whole: a rule reports on [`Self::activities`].
    pub(crate) fn every_activity(&self) -> impl Iterator<Item = (Id<Activity>, &'a Activity)> {
        self.ws.activities()
    }

    /// The activities that need a DPIA, use an AI system or describe no security measures, over
    /// the whole record: those in memory plus those carried from earlier batches. Worked out
    /// once, when an organisation rule first asks (only when the controller's file is checked).
    pub(crate) fn organisation(&self) -> &crate::rules::organisation::OrgSummary {
        self.organisation.get_or_init(|| {
            let mut s =
                crate::rules::organisation::summarise(self, self.ws.activities().map(|(_, a)| a));
            if let Some(c) = &self.carried {
                s.merge(c.clone(), self.ws);
            }
            s
        })
    }

    pub fn first_language(&self) -> &str {
        self.languages.first().map_or("de", String::as_str)
    }

    /// The activities to report on: those in scope.
    pub fn activities(&self) -> impl Iterator<Item = &'a Activity> {
        let scope = self.scope;
        self.ws
            .activities()
            .filter(move |(_, a)| scope.contains_activity(&a.header))
            .map(|(_, a)| a)
    }

    /// Whether findings located at processors are wanted: when a file in scope declares
    /// processors (a check of files of activities skips the processor rules).
    pub fn reports_on_processors(&self) -> bool {
        let declares = |f: FileId| !self.ws.file(f).model.processors.is_empty();
        match self.scope {
            Scope::All => true,
            Scope::File(f) | Scope::Activities(f, _) => declares(f),
            Scope::Files(mask) => (0..mask.len())
                .map(|i| FileId(i as u32))
                .any(|f| self.scope.contains(f) && declares(f)),
        }
    }

    pub fn processor(&self, r: Id<Processor>) -> &'a Processor {
        self.ws.processor(r)
    }

    /// The references in an activity that name processors directly (`processors`, then
    /// `ai { provider }`), resolved ones only, each processor once (at its first reference): a
    /// processor in `processors` that is also the `ai { provider }` — the usual way to write an
    /// AI service — is one use, so a rule reports it once per activity. None for an activity
    /// that processes no personal data.
    pub fn direct_uses(&self, activity: &'a Activity) -> Vec<Use<'a>> {
        // Without personal data (`data []`) a service is no processor in the GDPR's sense: no
        // AVV, safeguard or certification is due for what the activity hands it.
        if !activity.processes_personal_data() {
            return Vec::new();
        }
        let mut seen = HashSet::new();
        activity
            .named_processors()
            .filter_map(|r| match r.target {
                Some(Target::Processor(p)) => Some(Use {
                    reference: r,
                    processor: p,
                    indirect: false,
                }),
                _ => None,
            })
            .filter(|u| seen.insert(u.processor))
            .collect()
    }

    /// Every processor an activity uses: direct ones and, transitively, their subprocessors.
    /// Each processor appears once (the first way it is reached).
    pub fn all_uses(&self, activity: &'a Activity) -> Vec<Use<'a>> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut queue = self.direct_uses(activity);
        let mut i = 0;
        while i < queue.len() {
            let u = queue[i];
            i += 1;
            if !seen.insert(u.processor) {
                continue;
            }
            out.push(u);
            for sub in &self.processor(u.processor).subprocessors {
                if let Some(Target::Processor(p)) = sub.target {
                    queue.push(Use {
                        reference: sub,
                        processor: p,
                        indirect: true,
                    });
                }
            }
        }
        out
    }

    /// The categories in an activity's `data` that are special (Art. 9(1)), with their references.
    /// The categories an activity processes: its `data` and what its AI system infers
    /// (`ai { infers [...] }`: an inferred special category is processed, Art. 9(1)).
    pub fn processed_data(&self, activity: &'a Activity) -> impl Iterator<Item = &'a Reference> {
        let inferred = activity.ai.iter().flat_map(|ai| ai.infers.iter().flatten());
        activity.data.iter().flatten().chain(inferred)
    }

    pub fn special_data(&self, activity: &'a Activity) -> Vec<&'a Reference> {
        self.processed_data(activity)
            .filter(|r| matches!(r.target, Some(Target::Category(c)) if self.ws.is_special(c)))
            .collect()
    }

    pub fn criminal_data(&self, activity: &'a Activity) -> Vec<&'a Reference> {
        self.processed_data(activity)
            .filter(|r| matches!(r.target, Some(Target::Category(c)) if self.ws.is_criminal(c)))
            .collect()
    }

    pub fn has_subject(&self, activity: &Activity, id: &str) -> bool {
        activity
            .subjects
            .iter()
            .flatten()
            .any(|r| r.name == id && r.target.is_some())
    }

    pub fn is_special(&self, c: CategoryRef) -> bool {
        self.ws.is_special(c)
    }

    /// A fix that inserts `field` (one or more lines, without indentation) before the closing
    /// `}` of a block whose item starts with `item_indent`.
    pub fn insert_field_fix(
        &self,
        title: String,
        file: FileId,
        body_end: usize,
        item_indent: &str,
        field: &str,
        safe: bool,
    ) -> Fix {
        let text = &self.ws.file(file).text;
        let indent = format!("{item_indent}  ");
        // Insert on a line of its own: after the last line break before `}` when `}` starts its
        // line; otherwise break the line first.
        let line_start = text
            .get(..body_end)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let before_brace = text.get(line_start..body_end).unwrap_or("");
        let mut insert = String::new();
        let at = if before_brace.trim().is_empty() {
            line_start
        } else {
            insert.push('\n');
            body_end
        };
        for line in field.lines() {
            if line.is_empty() {
                insert.push('\n');
            } else {
                insert.push_str(&indent);
                insert.push_str(line);
                insert.push('\n');
            }
        }
        if !before_brace.trim().is_empty() {
            insert.push_str(item_indent);
        }
        Fix {
            title,
            edits: vec![Edit {
                location: Location {
                    file,
                    range: TextRange::empty(at),
                },
                text: insert,
            }],
            safe,
        }
    }
}
