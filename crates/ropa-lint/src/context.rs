//! What a rule sees: the resolved workspace, today's date, the configured languages, and helpers
//! for the facts several rules share.

use std::collections::HashSet;

use ropa_analysis::model::{Activity, CategoryRef, ItemRef, Processor, Reference, Target};
use ropa_analysis::{Diagnostic, Edit, FileId, Fix, Location, Workspace};
use ropa_syntax::{Date, TextRange};

use crate::registry::Rule;

pub struct Context<'a> {
    pub ws: &'a Workspace,
    pub today: Date,
    /// The configured languages; the first is the language of plain strings.
    pub languages: &'a [String],
    /// When set, only the findings of this file are wanted (the language server re-checks the
    /// one file an edit touched): [`Self::activities`] yields only its activities.
    pub scope: Option<ropa_analysis::FileId>,
    /// Every used processor with the activities that use it, computed once for all the rules
    /// that report on processors (see `rules::processors::used`).
    pub(crate) used: Vec<UsedProcessor<'a>>,
}

/// A used processor: its reference, the processor, and the activities that use it.
pub(crate) type UsedProcessor<'a> = (ItemRef, &'a Processor, Vec<&'a Activity>);

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
    pub processor: ItemRef,
    /// `true` when reached through `subprocessors`.
    pub indirect: bool,
}

impl<'a> Context<'a> {
    pub fn first_language(&self) -> &str {
        self.languages.first().map_or("de", String::as_str)
    }

    /// The activities to report on: all of them, or those of the file in scope.
    pub fn activities(&self) -> impl Iterator<Item = &'a Activity> {
        let scope = self.scope;
        self.ws
            .activities()
            .filter(move |(r, _)| scope.is_none_or(|f| r.file == f))
            .map(|(_, a)| a)
    }

    /// Whether findings located at processors are wanted: always, or when the file in scope
    /// declares processors (a scoped check of an activity file skips the processor rules).
    pub fn reports_on_processors(&self) -> bool {
        self.scope
            .is_none_or(|f| !self.ws.file(f).model.processors.is_empty())
    }

    /// Every activity of the workspace, whatever the scope (for facts such as "is this processor
    /// used anywhere").
    pub fn all_activities(&self) -> impl Iterator<Item = &'a Activity> {
        self.ws.activities().map(|(_, a)| a)
    }

    pub fn processor(&self, r: ItemRef) -> &'a Processor {
        self.ws.processor(r)
    }

    /// The references in an activity that name processors directly (`processors`, then
    /// `ai { provider }`), resolved ones only.
    pub fn direct_uses(&self, activity: &'a Activity) -> Vec<Use<'a>> {
        let listed = activity.processors.iter().flatten();
        let provider = activity.ai.as_ref().and_then(|ai| ai.provider.as_ref());
        listed
            .chain(provider)
            .filter_map(|r| match r.target {
                Some(Target::Processor(p)) => Some(Use {
                    reference: r,
                    processor: p,
                    indirect: false,
                }),
                _ => None,
            })
            .collect()
    }

    /// Every processor an activity uses: direct ones and, transitively, their subprocessors.
    /// Each processor appears once (the first way it is reached).
    pub fn used_processors(&self, activity: &'a Activity) -> Vec<Use<'a>> {
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

    /// Every processor used by at least one activity (directly or as a subprocessor), in
    /// declaration order.
    pub fn all_used_processors(&self) -> Vec<ItemRef> {
        if !self.reports_on_processors() {
            return Vec::new();
        }
        let mut seen = HashSet::new();
        for a in self.all_activities() {
            for u in self.used_processors(a) {
                seen.insert(u.processor);
            }
        }
        let mut v: Vec<ItemRef> = seen.into_iter().collect();
        v.sort();
        v
    }

    /// The categories in an activity's `data` that are special (Art. 9(1)), with their references.
    pub fn special_data(&self, activity: &'a Activity) -> Vec<&'a Reference> {
        activity
            .data
            .iter()
            .flatten()
            .filter(|r| matches!(r.target, Some(Target::Category(c)) if self.ws.is_special(c)))
            .collect()
    }

    pub fn criminal_data(&self, activity: &'a Activity) -> Vec<&'a Reference> {
        activity
            .data
            .iter()
            .flatten()
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
