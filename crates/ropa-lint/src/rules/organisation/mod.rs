//! Rules about the controller's organisation: the data protection officer, the representative
//! in the Union, the AI literacy of staff, the general security measures. They report at the
//! controller, once per record, when the controller's file is among those checked. What they
//! need from the activities (which need a DPIA, use AI, describe no measures) is an
//! [`OrgSummary`]: a check a batch at a time carries it from batch to batch, as it carries the
//! processors' uses, so that it finds what the whole check finds.

pub(crate) mod dpo_conflict_of_interest;
pub(crate) mod missing_ai_literacy;
pub(crate) mod missing_dpo;
pub(crate) mod missing_eu_representative;
pub(crate) mod missing_toms;

use ropa_analysis::model::{Activity, Controller, Name};
use ropa_analysis::{Location, Related, Workspace};

use crate::Context;
use crate::rules::ai::dpia_required::triggers;
use crate::rules::transparency::item_writes;

/// How many activities a finding names as related locations.
const SHOWN: usize = 5;

/// Activities of one kind: how many, and the first few in path order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: usize,
    pub first: Vec<(Location, Name)>,
}

impl Tally {
    fn add(&mut self, a: &Activity) {
        self.count += 1;
        if self.first.len() < SHOWN {
            self.first.push((a.header.anchor(), a.header.id().into()));
        }
    }

    fn merge(&mut self, other: Tally, ws: &Workspace) {
        self.count += other.count;
        self.first.extend(other.first);
        let key = |l: &Location| (ws.file(l.file).path.clone(), l.range);
        self.first.sort_by_key(|(l, _)| key(l));
        self.first.truncate(SHOWN);
    }

    /// "`a`" or "`a` and 3 more".
    pub(crate) fn describe(&self) -> String {
        let first = self.first.first().map_or("", |(_, id)| id.as_str());
        match self.count {
            0 | 1 => format!("`{first}`"),
            n => format!("`{first}` and {} more", n - 1),
        }
    }

    pub(crate) fn related(&self, what: &str) -> Vec<Related> {
        self.first
            .iter()
            .map(|(location, id)| Related {
                location: *location,
                message: format!("`{id}` {what}"),
            })
            .collect()
    }
}

/// What the organisation rules need from the activities of a record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgSummary {
    /// Activities that need a DPIA (Section 38(1) sentence 2 BDSG makes a DPO necessary).
    pub needs_dpia: Tally,
    /// Activities with an `ai` block (AI literacy, Art. 4 AI Act).
    pub uses_ai: Tally,
    /// Activities with personal data and no `security` of their own.
    pub without_security: Tally,
}

impl OrgSummary {
    /// Whether `other` tallies the same activities, wherever they are.
    pub(crate) fn same_but_places(&self, other: &OrgSummary) -> bool {
        let same = |a: &Tally, b: &Tally| {
            a.count == b.count
                && a.first
                    .iter()
                    .map(|f| &f.1)
                    .eq(b.first.iter().map(|f| &f.1))
        };
        same(&self.needs_dpia, &other.needs_dpia)
            && same(&self.uses_ai, &other.uses_ai)
            && same(&self.without_security, &other.without_security)
    }

    pub(crate) fn merge(&mut self, other: OrgSummary, ws: &Workspace) {
        self.needs_dpia.merge(other.needs_dpia, ws);
        self.uses_ai.merge(other.uses_ai, ws);
        self.without_security.merge(other.without_security, ws);
    }
}

/// The summary of `activities`.
pub(crate) fn summarise<'a>(
    ctx: &Context,
    activities: impl Iterator<Item = &'a Activity>,
) -> OrgSummary {
    let mut s = OrgSummary::default();
    for a in activities {
        if a.ai.is_some() {
            s.uses_ai.add(a);
        }
        if !a.processes_personal_data() {
            continue;
        }
        if !triggers(ctx, a).is_empty() {
            s.needs_dpia.add(a);
        }
        if a.security.is_none() && !item_writes(&a.header, "security") {
            s.without_security.add(a);
        }
    }
    s
}

/// The controller, when its file is in scope (the findings are located there).
pub(crate) fn controller_in_scope<'a>(ctx: &Context<'a>) -> Option<&'a Controller> {
    ctx.controller()
        .filter(|c| ctx.scope.contains(c.header.file))
}
