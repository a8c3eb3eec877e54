//! The server's state: open documents, the analysed workspace and what was last published.
//!
//! Notification handlers only queue what happened ([`Inbox`]): they never wait for the world's
//! lock, which the analysis worker holds while it lints, and never parse on the message loop.
//! Whoever locks the world next (a request or the worker) applies the queued events in order
//! before reading it; the worker publishes only when no newer event arrived meanwhile.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use ropa_analysis::{Changed, FileId, Workspace};
use ropa_lint::{ActivityFacts, Config};
use ropa_load::{Links, limits};
use ropa_syntax::{ColumnUnit, Date};
use tower_lsp_server::ls_types::Uri;

use crate::document::{Change, Document};

/// Something a notification reported, to be applied to the world in order.
#[derive(Debug)]
pub enum Event {
    Open {
        file: PathBuf,
        version: i32,
        text: String,
    },
    Change {
        file: PathBuf,
        version: i32,
        changes: Vec<Change>,
    },
    Close {
        file: PathBuf,
    },
    /// A file was created, changed or deleted on disk.
    Disk {
        file: PathBuf,
        deleted: bool,
    },
    /// `ropa.toml` changed: reload the configuration and the files.
    Reload,
}

/// The queue between the notification handlers and the world.
#[derive(Debug, Default)]
pub struct Inbox {
    events: Mutex<Vec<Event>>,
    /// Bumped with every event: analysis results of an older generation are stale.
    generation: AtomicU64,
}

impl Inbox {
    pub fn push(&self, event: Event) {
        let mut events = self.events.lock().unwrap_or_else(|p| p.into_inner());
        events.push(event);
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The queued events and the generation they bring the world to.
    fn take(&self) -> (Vec<Event>, u64) {
        let mut events = self.events.lock().unwrap_or_else(|p| p.into_inner());
        let generation = self.generation.load(Ordering::SeqCst);
        (std::mem::take(&mut *events), generation)
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

/// A fingerprint of the diagnostics last published for a file, and the document version.
pub type Published = (u64, Option<i32>);

/// What changed since the last analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changes {
    /// Anything may have changed: check the whole workspace.
    Full,
    /// Only these files changed, and in ways that cannot change the findings of any other file
    /// (no definitions, the same activity ids and references): re-check just them.
    Local(std::collections::BTreeSet<FileId>),
}

/// How findings accepted by the baseline (`[check] baseline`) are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaselineMode {
    /// As hints: faded, not in the problems list (the default).
    Hint,
    /// Not at all.
    Hide,
    /// With their normal severity.
    Show,
}

/// When a check re-checks the declarations an edit calls for (see
/// [`World::sync_edited_first`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Declarations {
    Now,
    /// After the edited files were published: at the next check.
    Later,
}

#[derive(Debug)]
pub struct World {
    pub root: Option<PathBuf>,
    /// What changed since the last check (taken by it).
    changes: Changes,
    /// The files whose findings the last checks may have changed, not yet published (taken by
    /// `features::diagnostics::analyse`).
    pub unpublished: Changes,
    /// Whether the declarations' findings wait for a re-check: an edit changed what their
    /// rules need of its file's activities ([`ActivityFacts`]), and the edited file was checked
    /// (and published) first ([`Self::sync_edited_first`]).
    declarations_stale: bool,
    /// The last findings, per file (by `FileId`), for re-checking only what an edit touched;
    /// `None` for a let-go file's once published (see [`Self::forget_published_findings`]).
    pub findings_by_file: Vec<Option<Vec<ropa_analysis::Diagnostic>>>,
    /// What the declarations' rules need of each file's activities, by `FileId`: for the files
    /// of activities only, as of the last check.
    facts: Vec<Option<ActivityFacts>>,
    /// Which files the last check kept in memory, by `FileId` (see [`Self::kept`]).
    kept: Vec<bool>,
    /// Where the text of each file changed since the last check.
    moved: HashMap<FileId, ropa_analysis::TextChange>,
    /// What the rules found in each file edited since the last whole check, before severities
    /// and suppressions: the next edit re-checks only the activities it touches.
    rule_findings: HashMap<FileId, Vec<ropa_analysis::Diagnostic>>,
    /// The baseline of `[check] baseline`, if any.
    pub baseline: Option<ropa_lint::baseline::Baseline>,
    pub baseline_mode: BaselineMode,
    pub unit: ColumnUnit,
    /// Hover and messages in German (the client's locale starts with `de`).
    pub german: bool,
    /// The client expands snippets in completions.
    pub snippets: bool,
    pub config: Config,
    /// A broken `ropa.toml` is shown to the user; the defaults apply meanwhile.
    pub config_error: Option<String>,
    /// Open documents by workspace path.
    pub docs: HashMap<String, Document>,
    /// Contents on disk of the workspace's files that are not open (by workspace path): the
    /// bytes as read until the workspace takes them over (see [`OnDisk`]); a file that is
    /// not UTF-8 is reported as `ropa check` reports it.
    disk: BTreeMap<String, OnDisk>,
    pub ws: Workspace,
    /// The URI of each file of `ws`, by `FileId` (findings point into other files on every
    /// keystroke; building a URI from a path is costly).
    uris: Vec<Option<Uri>>,
    /// The set of files changed (added or removed): the workspace is rebuilt.
    structure_changed: bool,
    /// Files whose text changed since the last sync.
    dirty: HashSet<String>,
    /// What was last published, with the document version, by workspace path (to publish only
    /// what changed: other findings, or a new version of an open document).
    pub published: HashMap<String, Published>,
    /// Bumped on every change; analysis results of an older generation are dropped.
    pub generation: u64,
    pub today: Date,
    /// The last semantic tokens sent per path, with their result id (for deltas).
    pub semantic_cache: HashMap<String, (String, Vec<tower_lsp_server::ls_types::SemanticToken>)>,
    pub next_result_id: u64,
    pub inbox: Arc<Inbox>,
    /// The inbox generation the world has caught up with.
    pub seen: u64,
    /// Problems to show the user (a broken `ropa.toml` after a reload).
    pub messages: Vec<String>,
}

impl World {
    pub fn new(today: Date) -> World {
        World {
            root: None,
            unit: ColumnUnit::Utf16,
            german: false,
            config: Config::default(),
            config_error: None,
            docs: HashMap::new(),
            disk: BTreeMap::new(),
            ws: Workspace::default(),
            uris: Vec::new(),
            structure_changed: true,
            dirty: HashSet::new(),
            published: HashMap::new(),
            generation: 0,
            today,
            baseline: None,
            baseline_mode: BaselineMode::Hint,
            changes: Changes::Full,
            declarations_stale: false,
            unpublished: Changes::Full,
            findings_by_file: Vec::new(),
            facts: Vec::new(),
            kept: Vec::new(),
            moved: HashMap::new(),
            rule_findings: HashMap::new(),
            snippets: true,
            semantic_cache: HashMap::new(),
            next_result_id: 0,
            inbox: Arc::new(Inbox::default()),
            seen: 0,
            messages: Vec::new(),
        }
    }

    /// Applies the queued events in the order they arrived.
    fn apply_events(&mut self) {
        let (events, generation) = self.inbox.take();
        for event in events {
            match event {
                Event::Open {
                    file,
                    version,
                    text,
                } => {
                    self.follow(&file);
                    let path = self.path_of(&file);
                    self.open(path, Document::new(version, text));
                }
                Event::Change {
                    file,
                    version,
                    changes,
                } => {
                    self.follow(&file);
                    let path = self.path_of(&file);
                    let unit = self.unit;
                    // A change for a document that is not open cannot apply: its text is unknown.
                    if let Some(doc) = self.docs.get_mut(&path) {
                        doc.apply(version, changes, unit);
                        self.changed(&path);
                    }
                }
                Event::Close { file } => {
                    let path = self.path_of(&file);
                    self.close(&path);
                }
                Event::Disk { file, deleted } => {
                    let path = self.path_of(&file);
                    let bytes = if deleted {
                        None
                    } else {
                        self.read_member(&file)
                    };
                    self.disk_changed(path, bytes);
                }
                Event::Reload => {
                    if let Some(root) = self.root.clone() {
                        let problems = self.load_root(root);
                        self.messages.extend(problems);
                    }
                }
            }
        }
        self.seen = generation;
    }

    /// Loads `ropa.toml` and every `*.ropa` under the root.
    pub fn load_root(&mut self, root: PathBuf) -> Vec<String> {
        let mut problems = Vec::new();
        match ropa_load::config_in(&root) {
            Ok(c) => {
                self.config = c;
                self.config_error = None;
            }
            Err(e) => {
                self.config = Config::default();
                problems.push(e.clone());
                self.config_error = Some(e);
            }
        }
        self.baseline = None;
        if let Some(file) = &self.config.baseline {
            match ropa_load::inside_root(&root, file)
                .map_err(|e| e.to_string())
                .and_then(|path| {
                    ropa_load::read_text(&path, limits::BASELINE, Links::Refuse)
                        .map_err(|e| e.to_string())
                })
                .and_then(|t| ropa_lint::baseline::Baseline::parse(&t))
            {
                Ok(b) => self.baseline = Some(b),
                Err(e) => problems.push(format!("baseline {file}: {e}")),
            }
        }
        self.disk.clear();
        match ropa_load::discover(&root, &self.config) {
            Ok(paths) => {
                for rel in paths {
                    let file = ropa_load::file_path(&root, &rel);
                    match ropa_load::read_file(&file, limits::SOURCE, Links::Refuse) {
                        Ok(bytes) => {
                            self.disk.insert(rel, OnDisk::Bytes(bytes));
                        }
                        Err(e) => problems.push(format!("cannot read {rel}: {e}")),
                    }
                }
            }
            Err(e) => problems.push(e),
        }
        self.root = Some(root);
        self.structure_changed = true;
        self.generation += 1;
        problems
    }

    /// The record `file` belongs to when it is another one than the world's: the nearest folder
    /// above it that holds a `ropa.toml` (a record nested in the world's root is another one).
    /// `None` for the world's own record and for files of no record.
    fn other_record(&self, file: &Path) -> Option<PathBuf> {
        let record = ropa_load::workspace_root(file.parent()?)?;
        (self.root.as_ref() != Some(&record)).then_some(record)
    }

    /// Makes the record of `file` — a document being opened or edited — the world's: each
    /// document is analysed with its nearest workspace (`ropa.toml`), as `ropa check` does, never
    /// merged into another. The world holds one record at a time; open documents of another
    /// record are not analysed until one of them is opened or edited again.
    fn follow(&mut self, file: &Path) {
        let Some(record) = self.other_record(file) else {
            return;
        };
        let absolute = |w: &World, path: String| w.file_path(&path);
        let docs: Vec<(PathBuf, Document)> = std::mem::take(&mut self.docs)
            .into_iter()
            .map(|(path, doc)| (absolute(self, path), doc))
            .collect();
        let published: Vec<(PathBuf, Published)> = std::mem::take(&mut self.published)
            .into_iter()
            .map(|(path, p)| (absolute(self, path), p))
            .collect();
        let problems = self.load_root(record);
        self.messages.extend(problems);
        for (file, doc) in docs {
            let path = self.path_of(&file);
            self.dirty.insert(path.clone());
            self.docs.insert(path, doc);
        }
        for (file, p) in published {
            let path = self.path_of(&file);
            self.published.insert(path, p);
        }
        self.semantic_cache.clear();
    }

    /// Whether an open document belongs to another record than the world's (it is then not
    /// analysed with this one).
    fn elsewhere(&self, path: &str) -> bool {
        self.other_record(&self.file_path(path)).is_some()
    }

    /// The workspace path of a file on disk (relative to the root, or the absolute path for files
    /// outside it).
    pub fn path_of(&self, file: &Path) -> String {
        match &self.root {
            Some(root) if file.starts_with(root) => ropa_load::relative(root, file),
            _ => file.to_string_lossy().replace('\\', "/"),
        }
    }

    /// The file on disk for a workspace path.
    pub fn file_path(&self, path: &str) -> PathBuf {
        match &self.root {
            Some(root) if !Path::new(path).is_absolute() => ropa_load::file_path(root, path),
            _ => PathBuf::from(path),
        }
    }

    /// The contents of a file of the workspace as a file event sees them: only a regular file
    /// below the root, never through a link, never a device, at most `limits::SOURCE`.
    fn read_member(&self, file: &Path) -> Option<Vec<u8>> {
        ropa_load::read_member(self.root.as_deref()?, file)
    }

    pub fn open(&mut self, path: String, doc: Document) {
        if !self.disk.contains_key(&path) && !self.docs.contains_key(&path) {
            self.structure_changed = true;
        }
        self.docs.insert(path.clone(), doc);
        self.dirty.insert(path);
        self.generation += 1;
    }

    pub fn changed(&mut self, path: &str) {
        self.dirty.insert(path.to_string());
        self.generation += 1;
    }

    pub fn close(&mut self, path: &str) {
        if self.docs.remove(path).is_some() {
            // Back to what is on disk (or gone, for an unsaved new file). Only a member of the
            // workspace is read: a closed file elsewhere (`/dev/zero`) is simply forgotten.
            let on_disk = if self.is_member(path) {
                self.read_member(&self.file_path(path))
            } else {
                None
            };
            if let Some(text) = on_disk {
                self.disk.insert(path.to_string(), OnDisk::Bytes(text));
            } else {
                self.disk.remove(path);
            }
            self.structure_changed = true;
            self.generation += 1;
        }
    }

    /// Whether a path belongs to the workspace (below the root, not excluded, not in a nested
    /// record).
    fn is_member(&self, path: &str) -> bool {
        !Path::new(path).is_absolute()
            && path.ends_with(".ropa")
            && !self.config.excludes(path)
            && !self.elsewhere(path)
    }

    /// A file was created or changed on disk.
    pub fn disk_changed(&mut self, path: String, text: Option<Vec<u8>>) {
        match text {
            Some(text) if self.is_member(&path) => {
                let known = (self.disk.insert(path.clone(), OnDisk::Bytes(text))).is_some();
                if !known {
                    self.structure_changed = true;
                } else if !self.docs.contains_key(&path) {
                    self.dirty.insert(path);
                }
            }
            _ => {
                if self.disk.remove(&path).is_some() {
                    self.structure_changed = true;
                }
            }
        }
        self.generation += 1;
    }

    pub fn file_id(&self, path: &str) -> Option<FileId> {
        self.ws
            .files
            .iter()
            .position(|f| f.path == path)
            .map(|i| FileId(i as u32))
    }

    /// Applies the queued events and brings the workspace and its findings up to date with the
    /// documents. Whoever reads the world next — a request or the analysis worker — does it,
    /// so a request never sees files read but not yet checked (the check lowers them).
    pub fn sync(&mut self) {
        self.update_model();
        self.check(Declarations::Now);
    }

    /// [`Self::sync`] for publishing: when an edit calls for the declarations to be checked
    /// again (a whole-workspace step: 30 ms at 100,000 activities), the edited files are
    /// checked first and the declarations at the next call ([`Self::declarations_pending`]),
    /// so that the file being typed in is published without waiting for them.
    pub fn sync_edited_first(&mut self) {
        self.update_model();
        self.check(Declarations::Later);
    }

    /// Whether the declarations wait for their re-check (see [`Self::sync_edited_first`]).
    pub fn declarations_pending(&self) -> bool {
        self.declarations_stale
    }

    /// Brings the workspace model up to date with the documents (no linting).
    fn update_model(&mut self) {
        self.apply_events();
        if self.structure_changed {
            let mut paths: Vec<String> = self.disk.keys().cloned().collect();
            for p in self.docs.keys() {
                if !self.disk.contains_key(p) && !self.elsewhere(p) {
                    paths.push(p.clone());
                }
            }
            paths.sort();
            // Open documents keep their tree; files from disk are read by the fast path, and
            // those that declare no names not even lowered: the check lowers them a batch at a
            // time and lets them go (`check_all`). The text of a closed file moves from `disk`
            // into the workspace: one copy.
            let mut texts: HashMap<String, String> = std::mem::take(&mut self.ws.files)
                .into_iter()
                .map(|f| (f.path, f.text))
                .collect();
            let sources: Vec<(String, Source)> = paths
                .into_iter()
                .map(|path| {
                    let source = self.source(&path, &mut texts);
                    (path, source)
                })
                .collect();
            let files: Vec<ropa_analysis::File> = sources
                .into_par_iter()
                .enumerate()
                .map(|(i, (path, source))| source.file(FileId(i as u32), path))
                .collect();
            self.ws = Workspace::resolved(files);
            self.uris = (self.ws.files.iter())
                .map(|f| Uri::from_file_path(self.file_path(&f.path)))
                .collect();
            self.structure_changed = false;
            self.dirty.clear();
            self.changes = Changes::Full;
            return;
        }
        if self.dirty.is_empty() {
            return;
        }
        let dirty: Vec<String> = self.dirty.drain().collect();
        let ids: std::collections::BTreeSet<FileId> =
            dirty.iter().filter_map(|path| self.file_id(path)).collect();
        // The workspace decides whether the edits stay inside their files.
        let (docs, disk) = (&self.docs, &mut self.disk);
        let mut moved = HashMap::new();
        let changed = self.ws.replace_files(&ids, |id, old| {
            let path = std::mem::take(&mut old.path);
            let file = file_again(docs, disk, id, path, old);
            moved.insert(
                id,
                ropa_analysis::TextChange::between(&old.text, &file.text),
            );
            file
        });
        self.moved = moved;
        match (&mut self.changes, changed) {
            (Changes::Local(pending), Changed::Files(ids)) => pending.extend(ids),
            (changes, _) => *changes = Changes::Full,
        }
    }

    /// Checks what changed since the last check: only the edited files when the edits stayed
    /// inside them, else everything; notes whose findings to publish.
    fn check(&mut self, declarations: Declarations) {
        let changes = std::mem::replace(&mut self.changes, Changes::Local(Default::default()));
        let checked = match changes {
            Changes::Local(ids) if ids.is_empty() => Changes::Local(ids),
            Changes::Local(ids)
                if self.findings_by_file.len() == self.ws.files.len()
                    && self.kept.len() == self.ws.files.len() =>
            {
                Changes::Local(self.check_local(ids))
            }
            _ => {
                self.check_all();
                Changes::Full
            }
        };
        let checked = match checked {
            Changes::Local(mut ids)
                if self.declarations_stale
                    && (declarations == Declarations::Now || ids.is_empty()) =>
            {
                ids.extend(self.check_declarations_again());
                Changes::Local(ids)
            }
            checked => checked,
        };
        match (&mut self.unpublished, checked) {
            (Changes::Local(pending), Changes::Local(ids)) => pending.extend(ids),
            (unpublished, _) => *unpublished = Changes::Full,
        }
    }

    /// Checks every file: those not kept in memory (see [`Self::kept`]) are lowered, checked
    /// and let go of a batch at a time — the server holds the models of the open documents
    /// and the declarations only, the other activities in outline (`CheckedActivity`) and
    /// what the declarations' rules need of them ([`ActivityFacts`]).
    fn check_all(&mut self) {
        self.declarations_stale = false;
        self.kept = self.kept();
        // What the rules find in a file may change with anything a whole check follows.
        self.rule_findings.clear();
        let checked =
            ropa_lint::check_letting_go(&mut self.ws, &self.kept, &self.config, self.today);
        let mut by_file = vec![Some(Vec::new()); self.ws.files.len()];
        for d in checked.findings {
            by_file[d.location.file.index()]
                .get_or_insert_default()
                .push(d);
        }
        self.findings_by_file = by_file;
        self.facts = vec![None; self.ws.files.len()];
        for (id, facts) in checked.facts {
            self.facts[id.index()] = Some(facts);
        }
        // The kept files of activities only (open documents): their facts, to compare after
        // an edit.
        for i in 0..self.ws.files.len() {
            let id = FileId(i as u32);
            if self.kept[i] && !self.ws.file(id).model.declares_shared_names() {
                self.facts[i] = Some(self.activity_facts(id));
            }
        }
    }

    /// Checks the files `ids`, whose edits stayed inside them (`Workspace::replace_files`),
    /// and the declarations again if what their rules need of these files' activities
    /// changed, or a finding there points into them. Returns the files whose findings may
    /// have changed.
    fn check_local(&mut self, mut ids: BTreeSet<FileId>) -> BTreeSet<FileId> {
        let mut declarations_too = false;
        for &id in &ids {
            // Both read the workspace only: side by side.
            let (found, facts) =
                rayon::join(|| self.rules_after_edit(id), || self.activity_facts(id));
            let findings = ropa_lint::finish_file(&self.ws, &self.config, id, found.clone());
            self.findings_by_file[id.index()] = Some(findings);
            self.rule_findings.insert(id, found);
            declarations_too |= !(self.facts[id.index()].as_ref())
                .is_some_and(|before| before.same_but_places(&facts));
            self.facts[id.index()] = Some(facts);
            // A closed file edited on disk is let go of again once checked.
            self.kept[id.index()] = self.is_kept(self.ws.file(id));
            if !self.kept[id.index()] {
                self.ws.let_go(&[id]);
            }
        }
        // Findings on the declarations that point into the edited files move with the text.
        let moved = std::mem::take(&mut self.moved);
        if !declarations_too {
            for (i, findings) in self.findings_by_file.iter_mut().enumerate() {
                if !self.kept[i] || ids.contains(&FileId(i as u32)) {
                    continue;
                }
                for d in findings.iter_mut().flatten() {
                    for r in &mut d.related {
                        let Some(change) = moved.get(&r.location.file) else {
                            continue;
                        };
                        match change.relocate(r.location.range) {
                            Some(range) if range == r.location.range => {}
                            Some(range) => {
                                r.location.range = range;
                                ids.insert(FileId(i as u32));
                            }
                            None => declarations_too = true,
                        }
                    }
                }
            }
        }
        self.declarations_stale |= declarations_too;
        ids
    }

    /// Checks the declarations (the files kept in memory) again with the facts of the files
    /// let go of; returns the files whose findings may have changed.
    fn check_declarations_again(&mut self) -> BTreeSet<FileId> {
        // The facts of the files let go of; those in memory count through the workspace.
        let carried = (self.ws.files.iter().zip(&self.facts))
            .filter(|(f, _)| !f.is_whole())
            .filter_map(|(_, facts)| facts.as_ref());
        let found =
            ropa_lint::check_declarations(&self.ws, &self.kept, &self.config, self.today, carried);
        let mut ids = BTreeSet::new();
        for (i, kept) in self.kept.iter().enumerate() {
            if *kept {
                self.findings_by_file[i] = Some(Vec::new());
                ids.insert(FileId(i as u32));
            }
        }
        for d in found {
            self.findings_by_file[d.location.file.index()]
                .get_or_insert_default()
                .push(d);
        }
        self.declarations_stale = false;
        ids
    }

    /// What the rules find in the edited file `id`: only in the activities the edit touched
    /// when the rules' findings before it are known (`ropa_lint::file_rule_findings_after`),
    /// else in the whole file.
    fn rules_after_edit(&self, id: FileId) -> Vec<ropa_analysis::Diagnostic> {
        let (ws, config, today) = (&self.ws, &self.config, self.today);
        (self.rule_findings.get(&id))
            .zip(self.moved.get(&id))
            .and_then(|(before, change)| {
                ropa_lint::file_rule_findings_after(ws, config, today, id, before, change)
            })
            .unwrap_or_else(|| ropa_lint::file_rule_findings(ws, config, today, id))
    }

    fn activity_facts(&self, id: FileId) -> ActivityFacts {
        ropa_lint::activity_facts(&self.ws, &self.config, self.today, id)
    }

    /// Lowers the file `path` again if the check let go of its activities: a request about a
    /// closed file (a code action, an inlay hint) reads them. It stays so until the next
    /// check lets it go.
    pub fn make_whole(&mut self, path: &str) {
        let Some(id) = self.file_id(path) else {
            return;
        };
        if !self.ws.file(id).is_whole() {
            self.ws.lower_files(&[id]);
            // The findings are known: only the references' targets are wanted.
            self.ws.resolve_files(&[id]);
        }
    }

    /// Once published, forgets the findings of the files let go of and their line indexes,
    /// which the next check of such a file makes again: the client holds what was published,
    /// and a code action in the file checks it alone. (With a baseline every publication
    /// matches all findings, so they are kept.)
    pub fn forget_published_findings(&mut self) {
        if self.baseline.is_some() {
            return;
        }
        for (file, findings) in self.ws.files.iter_mut().zip(&mut self.findings_by_file) {
            if !file.is_whole() {
                *findings = None;
                file.drop_line_index();
            }
        }
    }

    /// The URI of a file of the workspace.
    pub fn file_uri(&self, id: FileId) -> Option<Uri> {
        match self.uris.get(id.index()) {
            Some(uri) => uri.clone(),
            None => Uri::from_file_path(self.file_path(&self.ws.file(id).path)),
        }
    }

    /// The version to publish diagnostics with (open documents only).
    pub fn version(&self, path: &str) -> Option<i32> {
        self.docs.get(path).map(|d| d.version)
    }
}

/// A closed file's contents.
#[derive(Debug)]
enum OnDisk {
    /// As read, until the workspace takes them over; a file that is not UTF-8 stays here, to
    /// be reported as `ropa check` reports it.
    Bytes(Vec<u8>),
    /// In the workspace's file of the path: the only copy.
    InWorkspace,
}

/// Where a file of the workspace comes from when the workspace is built.
enum Source {
    Open(Box<(String, ropa_syntax::Parse)>),
    /// A closed file that may declare names: lowered (without a tree).
    Declaring(String),
    /// A closed file of activities only: read, lowered by the check.
    Activities(String),
    /// Not UTF-8.
    Bytes(Vec<u8>),
}

impl Source {
    fn file(self, id: FileId, path: String) -> ropa_analysis::File {
        match self {
            Source::Open(open) => {
                let (text, parse) = *open;
                ropa_analysis::File::from_parse(id, path, text, parse)
            }
            Source::Declaring(text) => ropa_analysis::File::without_tree_from_text(id, path, text),
            Source::Activities(text) => ropa_analysis::File::unlowered(path, text),
            Source::Bytes(bytes) => ropa_analysis::File::new(id, path, &bytes),
        }
    }
}

impl World {
    /// The contents of a file for a new workspace: the open document, else the text on disk
    /// (taken from `disk`, or from the old workspace's files in `texts` if it moved there).
    fn source(&mut self, path: &str, texts: &mut HashMap<String, String>) -> Source {
        if let Some(doc) = self.docs.get(path) {
            return Source::Open(Box::new((doc.text.clone(), doc.parse())));
        }
        let text = match self.disk.get_mut(path) {
            Some(OnDisk::Bytes(bytes)) => match String::from_utf8(std::mem::take(bytes)) {
                Ok(text) => text,
                Err(e) => {
                    let bytes = e.into_bytes();
                    self.disk
                        .insert(path.to_string(), OnDisk::Bytes(bytes.clone()));
                    return Source::Bytes(bytes);
                }
            },
            Some(OnDisk::InWorkspace) => texts.remove(path).unwrap_or_default(),
            None => String::new(),
        };
        self.disk.insert(path.to_string(), OnDisk::InWorkspace);
        if ropa_analysis::may_declare_shared_names(&text) {
            Source::Declaring(text)
        } else {
            Source::Activities(text)
        }
    }

    /// Which files the check keeps lowered, by `FileId`: the open documents (the editor's
    /// features read them) and the files that may declare names (every check needs them);
    /// also a file that is not UTF-8 (its text is not what is on disk). The others are let go
    /// of once checked.
    pub fn kept(&self) -> Vec<bool> {
        self.ws.files.par_iter().map(|f| self.is_kept(f)).collect()
    }

    /// Whether the check keeps `file` lowered (see [`Self::kept`]).
    fn is_kept(&self, file: &ropa_analysis::File) -> bool {
        self.docs.contains_key(&file.path)
            || matches!(self.disk.get(&file.path), Some(OnDisk::Bytes(_)))
            || ropa_analysis::may_declare_shared_names(&file.text)
    }
}

/// The analysed file for a path after its text changed: the open document, taking over what
/// the edit did not touch from `old`, the current analysis of the file (left without a model:
/// the caller replaces it), else the text on disk, without a tree.
fn file_again(
    docs: &HashMap<String, Document>,
    disk: &mut BTreeMap<String, OnDisk>,
    id: FileId,
    path: String,
    old: &mut ropa_analysis::File,
) -> ropa_analysis::File {
    if let Some(doc) = docs.get(&path) {
        return ropa_analysis::File::from_parse_reusing(
            id,
            path,
            doc.text.clone(),
            doc.parse(),
            old,
        );
    }
    let bytes = match disk.get_mut(&path) {
        Some(OnDisk::Bytes(bytes)) => std::mem::take(bytes),
        _ => std::mem::take(&mut old.text).into_bytes(),
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            disk.insert(path.clone(), OnDisk::InWorkspace);
            ropa_analysis::File::without_tree_from_text(id, path, text)
        }
        Err(e) => {
            let bytes = e.into_bytes();
            disk.insert(path.clone(), OnDisk::Bytes(bytes.clone()));
            ropa_analysis::File::new(id, path, &bytes)
        }
    }
}
