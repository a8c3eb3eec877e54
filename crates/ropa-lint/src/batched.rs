//! `ropa check` of a large workspace a batch of files at a time, so that the models of all its
//! activities are never in memory at once.
//!
//! Activities are referred to by nothing: a file that declares nothing but activities can be
//! lowered, resolved against the other files' names, checked and let go of on its own. So the
//! files that may declare names (a whole-word scan for the keywords) are lowered and resolved
//! first; then the other files follow in batches, in path order — each batch lowered, resolved,
//! checked (the rules see the whole workspace but report only on the batch), and let go of,
//! keeping only what later steps need ([`ropa_analysis::model::CheckedActivity`]: the
//! activities' headers, for ids defined twice, and their references, for `unused-definition`
//! and `unresolved-reference`), which processors each activity uses (for the rules that report
//! on processors) and the files' suppressions. Last, the whole workspace is resolved again and
//! the rules report on the files read first.
//!
//! The same findings as [`crate::check`] of the whole workspace (`tests/batched.rs`). Should a
//! file read in a batch declare a name after all (the scan said it could not), the workspace is
//! lowered whole and checked as usual.

use rayon::prelude::*;
use ropa_analysis::{Diagnostic, File, FileId, Workspace};
use ropa_syntax::Date;

use crate::context::{Context, Scope};
use crate::rules::organisation::{OrgSummary, summarise};
use crate::rules::processors::{KeptUse, kept_uses};
use crate::run::{finish, rule_findings, sort};
use crate::{Config, check};

/// About this much text is lowered and checked at a time (a few times that in model).
const BATCH_BYTES: usize = 1 << 20;

/// Loads and checks `files` (`(path, bytes)` sorted by path), a batch at a time: the workspace
/// (without the activities of the files read in batches) and the findings.
pub fn check_in_batches(
    files: Vec<(String, Vec<u8>)>,
    config: &Config,
    today: Date,
) -> (Workspace, Vec<Diagnostic>) {
    check_in_batches_with(
        files,
        config,
        today,
        BATCH_BYTES,
        ropa_analysis::may_declare_shared_names,
    )
}

/// [`check_in_batches`] with batches of `batch_bytes` and the files for which `read_first` holds
/// read first (for the tests: tiny batches, and a scan that misses declarations).
#[doc(hidden)]
pub fn check_in_batches_with(
    files: Vec<(String, Vec<u8>)>,
    config: &Config,
    today: Date,
    batch_bytes: usize,
    read_first: impl Fn(&str) -> bool + Sync,
) -> (Workspace, Vec<Diagnostic>) {
    // Each file's text is decoded once; text that is not UTF-8 is read first (it becomes a
    // `syntax-error` and an empty model).
    let (files, first): (Vec<File>, Vec<bool>) = files
        .into_par_iter()
        .enumerate()
        .map(|(i, (path, bytes))| {
            let id = FileId(i as u32);
            match String::from_utf8(bytes) {
                Ok(text) if read_first(&text) => {
                    (File::without_tree_from_text(id, path, text), true)
                }
                Ok(text) => (File::unlowered(path, text), false),
                Err(e) => (File::new(id, path, e.as_bytes()), true),
            }
        })
        .unzip();
    let mut ws = Workspace::resolved(files);
    let checked = check_letting_go_with(&mut ws, &first, config, today, batch_bytes);
    (ws, checked.findings)
}

/// What the rules that report on declarations — the processors' rules, the organisation's —
/// need from the activities of one file: the processors they use and the organisation's
/// tallies. Kept for a file whose activities a check let go of (the declarations are checked
/// against it), and compared after an edit of the file: when it changed, the declarations'
/// findings may have too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityFacts {
    uses: Vec<KeptUse>,
    org: OrgSummary,
}

impl ActivityFacts {
    /// Whether the declarations' findings are the same with `other` as with these facts, but
    /// for where the activities they name are (an edit may move them: the caller moves those
    /// places in the findings).
    pub fn same_but_places(&self, other: &ActivityFacts) -> bool {
        self.uses == other.uses && self.org.same_but_places(&other.org)
    }
}

/// The [`ActivityFacts`] of the activities of `file` (lowered and resolved).
pub fn activity_facts(ws: &Workspace, config: &Config, today: Date, file: FileId) -> ActivityFacts {
    let (uses, org) = kept_uses_in(ws, config, today, Scope::File(file));
    ActivityFacts { uses, org }
}

/// What [`check_letting_go`] found, and the facts of the files it let go of.
pub struct LetGo {
    pub findings: Vec<Diagnostic>,
    /// By file, for the files let go of.
    pub facts: Vec<(FileId, ActivityFacts)>,
}

/// Checks a resolved workspace a batch at a time: the files `kept` marks — they must hold
/// every declaration, lowered — stay as they are; every other file is lowered again from its
/// text (whatever its model holds now: nothing, all of it, or what a check let go of),
/// checked with its batch, and let go of. The same findings as [`check`] of the whole
/// workspace. The language server checks its workspace this way, keeping the open documents
/// and the files that declare names.
pub fn check_letting_go(ws: &mut Workspace, kept: &[bool], config: &Config, today: Date) -> LetGo {
    check_letting_go_with(ws, kept, config, today, BATCH_BYTES)
}

fn check_letting_go_with(
    ws: &mut Workspace,
    kept: &[bool],
    config: &Config,
    today: Date,
    batch_bytes: usize,
) -> LetGo {
    let mut found = Vec::new();
    let mut facts = Vec::new();
    for batch in batches(ws, kept, batch_bytes) {
        ws.lower_files(&batch);
        if batch
            .iter()
            .any(|f| ws.file(*f).model.declares_shared_names())
        {
            return LetGo {
                findings: check_whole(ws, kept, config, today),
                facts: Vec::new(),
            };
        }
        // The references' targets, for the rules; what they find is reported by the last
        // resolution, which resolves the references of the let-go activities too.
        ws.resolve_files(&batch);
        let mut mask = vec![false; ws.files.len()];
        for f in &batch {
            mask[f.index()] = true;
        }
        let scope = Scope::Files(&mask);
        // The batch declares no processor: the rules that report on processors stay silent.
        found.extend(rule_findings(
            ws,
            config,
            today,
            scope,
            Some(Vec::new()),
            None,
            None,
        ));
        let ws_now = &*ws;
        facts.par_extend(
            batch
                .par_iter()
                .map(|&f| (f, activity_facts(ws_now, config, today, f))),
        );
        found.extend(ws.let_go(&batch));
    }

    ws.resolve();
    found.extend(
        (ws.resolution.iter())
            .filter(|d| !kept[d.location.file.index()])
            .cloned(),
    );
    let others: Vec<bool> = kept.iter().map(|k| !k).collect();
    let mut findings = finish(ws, config, found, Scope::Files(&others));
    findings.extend(check_declarations(
        ws,
        kept,
        config,
        today,
        facts.iter().map(|(_, f)| f),
    ));
    LetGo {
        findings: sort(ws, findings),
        facts,
    }
}

/// The findings in the files `kept` marks — the declarations, and any activities kept with
/// them — of a workspace whose other activities were let go of, with `carried` the facts of
/// those ([`ActivityFacts`], one per let-go file).
pub fn check_declarations<'a>(
    ws: &Workspace,
    kept: &[bool],
    config: &Config,
    today: Date,
    carried: impl IntoIterator<Item = &'a ActivityFacts>,
) -> Vec<Diagnostic> {
    let scope = Scope::Files(kept);
    let mut found: Vec<Diagnostic> = (ws.resolution.iter())
        .filter(|d| scope.contains(d.location.file))
        .cloned()
        .collect();
    for (i, file) in ws.files.iter().enumerate() {
        if kept[i] {
            found.extend(file.diagnostics.iter().cloned());
        }
    }
    let mut uses = Vec::new();
    let mut org = OrgSummary::default();
    for facts in carried {
        uses.extend(facts.uses.iter().cloned());
        org.merge(facts.org.clone(), ws);
    }
    // The kept files' own activities count through the workspace.
    uses.extend(kept_uses_in(ws, config, today, scope).0);
    found.extend(rule_findings(
        ws,
        config,
        today,
        scope,
        Some(uses),
        None,
        Some(org),
    ));
    finish(ws, config, found, scope)
}

/// The files not read first, in path order, in batches of about `batch_bytes` of text.
fn batches(ws: &Workspace, kept: &[bool], batch_bytes: usize) -> Vec<Vec<FileId>> {
    let mut batches = Vec::new();
    let mut batch = Vec::new();
    let mut bytes = 0;
    for (i, file) in ws.files.iter().enumerate() {
        if kept[i] {
            continue;
        }
        batch.push(FileId(i as u32));
        bytes += file.text.len();
        if bytes >= batch_bytes {
            batches.push(std::mem::take(&mut batch));
            bytes = 0;
        }
    }
    if !batch.is_empty() {
        batches.push(batch);
    }
    batches
}

/// Which processors the activities in `scope` use, and what the organisation rules need from
/// them: what a later step needs once they are let go.
fn kept_uses_in(
    ws: &Workspace,
    config: &Config,
    today: Date,
    scope: Scope,
) -> (Vec<KeptUse>, OrgSummary) {
    let ctx = Context::new(ws, today, &config.languages, scope, None, None);
    let activities: Vec<_> = ws
        .activities()
        .filter(|(r, _)| scope.contains(r.file))
        .collect();
    let uses = activities
        .par_iter()
        .flat_map_iter(|&(r, a)| kept_uses(&ctx, r, a))
        .collect();
    let org = summarise(&ctx, activities.iter().map(|(_, a)| *a));
    (uses, org)
}

/// The fallback: every file lowered (again), resolved and checked at once.
fn check_whole(ws: &mut Workspace, kept: &[bool], config: &Config, today: Date) -> Vec<Diagnostic> {
    let others: Vec<FileId> = (0..ws.files.len())
        .filter(|&i| !kept[i])
        .map(|i| FileId(i as u32))
        .collect();
    ws.lower_files(&others);
    ws.resolve();
    check(ws, config, today)
}
