//! The server's state: open documents, the analysed workspace and what was last published.
//!
//! Document edits are applied synchronously, in order, by the notification handlers; analysis
//! (`lint`) runs on a worker thread and only publishes when no newer edit arrived meanwhile.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use ropa_analysis::{FileId, Workspace};
use ropa_lint::Config;
use ropa_syntax::{ColumnUnit, Date, Parse};

use crate::document::Document;

#[derive(Debug)]
pub struct World {
    pub root: Option<PathBuf>,
    pub unit: ColumnUnit,
    /// Hover and messages in German (the client's locale starts with `de`).
    pub german: bool,
    pub config: Config,
    /// A broken `ropa.toml` is shown to the user; the defaults apply meanwhile.
    pub config_error: Option<String>,
    /// Open documents by workspace path.
    pub docs: HashMap<String, Document>,
    /// Contents on disk of the workspace's files (by workspace path).
    pub disk: BTreeMap<String, String>,
    pub ws: Workspace,
    /// The set of files changed (added or removed): the workspace is rebuilt.
    structure_changed: bool,
    /// Files whose text changed since the last sync.
    dirty: HashSet<String>,
    /// What was last published, by workspace path (to publish only what changed).
    pub published: HashMap<String, Vec<tower_lsp_server::ls_types::Diagnostic>>,
    /// Bumped on every change; analysis results of an older generation are dropped.
    pub generation: u64,
    pub today: Date,
    /// The findings of the last analysis (code actions read their fixes).
    pub findings: Vec<ropa_analysis::Diagnostic>,
    /// The generation `findings` belong to.
    pub findings_generation: Option<u64>,
    /// The last semantic tokens sent per path, with their result id (for deltas).
    pub semantic_cache: HashMap<String, (String, Vec<tower_lsp_server::ls_types::SemanticToken>)>,
    pub next_result_id: u64,
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
            structure_changed: true,
            dirty: HashSet::new(),
            published: HashMap::new(),
            generation: 0,
            today,
            findings: Vec::new(),
            findings_generation: None,
            semantic_cache: HashMap::new(),
            next_result_id: 0,
        }
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
        self.disk.clear();
        match ropa_load::discover(&root, &self.config) {
            Ok(paths) => {
                for rel in paths {
                    match std::fs::read(root.join(&rel)) {
                        Ok(bytes) => {
                            self.disk
                                .insert(rel, String::from_utf8_lossy(&bytes).into_owned());
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
            Some(root) if !Path::new(path).is_absolute() => root.join(path),
            _ => PathBuf::from(path),
        }
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
            // Back to what is on disk (or gone, for an unsaved new file).
            if let Ok(text) = std::fs::read_to_string(self.file_path(path)) {
                if self.is_member(path) {
                    self.disk.insert(path.to_string(), text);
                }
            } else {
                self.disk.remove(path);
            }
            self.structure_changed = true;
            self.generation += 1;
        }
    }

    /// Whether a path belongs to the workspace (below the root, not excluded).
    fn is_member(&self, path: &str) -> bool {
        !Path::new(path).is_absolute() && path.ends_with(".ropa") && !self.config.excludes(path)
    }

    /// A file was created or changed on disk.
    pub fn disk_changed(&mut self, path: String, text: Option<String>) {
        match text {
            Some(text) if self.is_member(&path) => {
                let known = self.disk.insert(path.clone(), text).is_some();
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

    /// Brings the workspace model up to date with the documents (no linting).
    pub fn sync(&mut self) {
        if self.structure_changed {
            let mut paths: Vec<String> = self.disk.keys().cloned().collect();
            for p in self.docs.keys() {
                if !self.disk.contains_key(p) {
                    paths.push(p.clone());
                }
            }
            paths.sort();
            let files: Vec<(String, Vec<u8>)> = paths
                .into_iter()
                .map(|p| {
                    let text = match self.docs.get(&p) {
                        Some(d) => d.text.clone(),
                        None => self.disk.get(&p).cloned().unwrap_or_default(),
                    };
                    (p, text.into_bytes())
                })
                .collect();
            self.ws = Workspace::from_files(files);
            self.structure_changed = false;
            self.dirty.clear();
            return;
        }
        if self.dirty.is_empty() {
            return;
        }
        let dirty: Vec<String> = self.dirty.drain().collect();
        for path in dirty {
            let Some(id) = self.file_id(&path) else {
                continue;
            };
            let file = match self.docs.get(&path) {
                Some(doc) => ropa_analysis::File::from_parse(
                    id,
                    path.clone(),
                    doc.text.clone(),
                    Parse {
                        tree: doc.tree.clone(),
                        errors: doc.errors.clone(),
                    },
                ),
                None => ropa_analysis::File::from_text(
                    id,
                    path.clone(),
                    self.disk.get(&path).cloned().unwrap_or_default(),
                ),
            };
            self.ws.files[id.index()] = file;
        }
        self.ws.resolve();
    }

    /// The version to publish diagnostics with (open documents only).
    pub fn version(&self, path: &str) -> Option<i32> {
        self.docs.get(path).map(|d| d.version)
    }
}
