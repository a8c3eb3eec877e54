pub(crate) mod avv_expired;
pub(crate) mod joint_control_without_agreement;
pub(crate) mod missing_avv;
pub(crate) mod processor_without_certification;
pub(crate) mod subprocessor_without_avv;

use ropa_analysis::model::{Activity, Id, Name, Processor, Role};
use rustc_hash::FxHashMap;

use crate::Context;
use crate::context::ProcessorUsers;
use crate::rules::ai::{join, written};

/// Every used processor (listed in `processors`, named as `ai { provider }`, or reachable
/// through `subprocessors`) with the activities that use it, in declaration order. Processor-level
/// findings iterate this, so they are reported once per processor however many activities use it.
pub(crate) fn used_processors<'c, 'a>(ctx: &'c Context<'a>) -> &'c [ProcessorUsers<'a>] {
    &ctx.used_processors
}

/// [`used_processors`], computed once per check (before the rules run) for all the rules that need it.
pub(crate) fn find_users<'a>(ctx: &Context<'a>) -> Vec<ProcessorUsers<'a>> {
    if !ctx.reports_on_processors() {
        return Vec::new();
    }
    let mut uses = Vec::new();
    for (r, a) in ctx.every_activity() {
        uses.extend(kept_uses(ctx, r, a));
    }
    users_from(ctx, uses)
}

/// Which processors the activity `a` (at `r`) uses, for [`users_from`].
pub(crate) fn kept_uses<'a>(ctx: &Context<'a>, r: Id<Activity>, a: &'a Activity) -> Vec<KeptUse> {
    ctx.all_uses(a)
        .into_iter()
        .map(|u| KeptUse {
            processor: u.processor,
            activity: r,
            id: a
                .header
                .id
                .as_ref()
                .map(|i| i.value.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// That an activity uses a processor (directly or as a subprocessor).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptUse {
    pub(crate) processor: Id<Processor>,
    pub(crate) activity: Id<Activity>,
    pub(crate) id: Name,
}

/// Every used processor with the ids of the activities that use it, in workspace order.
pub(crate) fn users_from<'a>(ctx: &Context<'a>, uses: Vec<KeptUse>) -> Vec<ProcessorUsers<'a>> {
    // Grouped by processor first and each group sorted on its own: one sort of every use took
    // 15 ms at 100,000 activities (300,000 uses), on each edit that changes what a file uses.
    let mut groups: FxHashMap<Id<Processor>, Vec<(Id<Activity>, Name)>> = FxHashMap::default();
    for u in uses {
        groups
            .entry(u.processor)
            .or_default()
            .push((u.activity, u.id));
    }
    let mut out: Vec<ProcessorUsers<'a>> = groups
        .into_iter()
        .map(|(p, mut users)| {
            users.sort_by_key(|(activity, _)| *activity);
            let ids = users.into_iter().map(|(_, id)| id).collect();
            (p, ctx.processor(p), ids)
        })
        .collect();
    out.sort_unstable_by_key(|(p, _, _)| *p);
    out
}

/// "activity `a`" or "activities `a`, `b` and `c`" (at most three named).
pub(crate) fn describe_users(activities: &[Name]) -> String {
    let mut names: Vec<String> = activities
        .iter()
        .take(3)
        .map(|a| format!("`{a}`"))
        .collect();
    if activities.len() > 3 {
        names.truncate(2);
        names.push(format!("{} more", activities.len() - 2));
    }
    match activities.len() {
        1 => format!("activity {}", join(&names)),
        _ => format!("activities {}", join(&names)),
    }
}

/// Whether the processor's role is `processor` for sure: `role processor` or no `role` at all.
/// An invalid or misspelt `role` (already reported) defaults to `processor` in the model, but no
/// rule should build on that guess.
pub(crate) fn is_plain_processor(ctx: &Context, p: &Processor) -> bool {
    if p.role != Role::Processor {
        return false;
    }
    if p.header.misspelled("role") {
        return false;
    }
    match written(ctx, &p.header, p.header.anchor().range, "role") {
        None => true,
        Some(w) => w.value == Some("processor"),
    }
}

/// How a recipient is named in messages: "processor", "joint controller" or "controller".
pub(crate) fn role_noun(p: &Processor) -> &'static str {
    match p.role {
        Role::Processor => "processor",
        Role::JointController => "joint controller",
        Role::Controller => "controller",
    }
}
