//! The `LanguageServer` implementation: capabilities, document sync, the analysis worker, and
//! dispatch to one function per feature (`features/`).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use ropa_syntax::{ColumnUnit, Date, LineCol};
use serde_json::Value;
use tokio::sync::Notify;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::document::Change;
use crate::features;
use crate::handlers;
use crate::publish::Publisher;
use crate::world::{Event, Inbox, World};

/// The file a `file:` URI names (other schemes are not served).
fn file_of(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

pub struct Server {
    client: Client,
    publisher: Publisher,
    world: Arc<Mutex<World>>,
    /// Where notifications queue their events without waiting for the world.
    inbox: Arc<Inbox>,
    wake: Arc<Notify>,
    watch_dynamically: Mutex<bool>,
    /// The scanned files that have findings of the last scan (`features::scan`).
    scan_published: Arc<Mutex<Vec<Uri>>>,
}

/// Locks the world; a panic in another handler must not take the server down with it.
pub fn lock(world: &Mutex<World>) -> MutexGuard<'_, World> {
    world
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How long typing must pause before the declarations are checked again after edits that
/// changed what their rules need (a whole-workspace step, `World::sync_edited_first`); the
/// file being typed in is checked and published at every keystroke.
const DECLARATIONS_AFTER: std::time::Duration = std::time::Duration::from_millis(100);

impl Server {
    /// The server on the bare `tower-lsp-server` stack: it publishes through `client`.
    pub fn new(client: Client, today: Date) -> Server {
        Server::with_frames(client, today, None)
    }

    /// The server of [`crate::serve`]: diagnostics go to `frames`, the output's queue of whole
    /// frames (`crate::publish`).
    pub(crate) fn with_frames(
        client: Client,
        today: Date,
        frames: Option<UnboundedSender<Vec<u8>>>,
    ) -> Server {
        let world = World::new(today);
        Server {
            publisher: Publisher::new(client.clone(), frames),
            client,
            inbox: world.inbox.clone(),
            world: Arc::new(Mutex::new(world)),
            wake: Arc::new(Notify::new()),
            watch_dynamically: Mutex::new(false),
            scan_published: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// Queues an event for the world and wakes the analysis.
    fn push(&self, event: Event) {
        self.inbox.push(event);
        self.kick();
    }

    fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    /// Runs `f` on the up-to-date world, off the message loop.
    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut World) -> T + Send + 'static,
    ) -> Result<T> {
        let world = self.world.clone();
        tokio::task::spawn_blocking(move || {
            let mut w = lock(&world);
            w.sync();
            f(&mut w)
        })
        .await
        .map_err(|_| Error::internal_error())
    }

    /// Runs `f` on the up-to-date world with the workspace path of `file`, off the message loop.
    async fn at<T: Send + 'static>(
        &self,
        file: PathBuf,
        f: impl FnOnce(&mut World, &str) -> T + Send + 'static,
    ) -> Result<T> {
        self.read(move |w| {
            let path = w.path_of(&file);
            w.make_whole(&path);
            f(w, &path)
        })
        .await
    }

    /// Re-analyses the workspace on a worker thread and publishes every file whose findings
    /// changed. Stale results (a newer edit arrived meanwhile) are dropped.
    fn spawn_worker(&self) {
        let world = self.world.clone();
        let wake = self.wake.clone();
        let client = self.client.clone();
        let publisher = self.publisher.clone();
        tokio::spawn(async move {
            // Whether the declarations' re-check waits (see `World::sync_edited_first`).
            let mut pending = false;
            loop {
                if pending {
                    // It runs once typing pauses; an edit before that is checked first.
                    let _ = tokio::time::timeout(DECLARATIONS_AFTER, wake.notified()).await;
                } else {
                    wake.notified().await;
                }
                let w = world.clone();
                let p = publisher.clone();
                let Ok(Some((left, messages, again))) = tokio::task::spawn_blocking(move || {
                    let mut left = Vec::new();
                    let (messages, again) = features::diagnostics::analyse(&w, &mut |params| {
                        p.send(params, &mut left)
                    })?;
                    crate::analysed();
                    Some((left, messages, again))
                })
                .await
                else {
                    continue;
                };
                pending = again;
                for message in messages {
                    client
                        .show_message(MessageType::WARNING, format!("ropa: {message}"))
                        .await;
                }
                publisher.send_through_client(left).await;
            }
        });
    }

    fn kick(&self) {
        self.wake.notify_one();
    }

    /// Scans `[scan] paths` off the message loop and publishes the findings on the scanned
    /// files (`features::scan`).
    fn rescan(&self) {
        let world = self.world.clone();
        let published = self.scan_published.clone();
        let publisher = self.publisher.clone();
        tokio::spawn(async move {
            let p = publisher.clone();
            let Ok(left) = tokio::task::spawn_blocking(move || {
                let mut published = published.lock().unwrap_or_else(|p| p.into_inner());
                let mut left = Vec::new();
                for params in features::scan::run(&world, &mut published) {
                    p.send(params, &mut left);
                }
                left
            })
            .await
            else {
                return;
            };
            publisher.send_through_client(left).await;
        });
    }
}

fn changes(params: Vec<TextDocumentContentChangeEvent>) -> Vec<Change> {
    params
        .into_iter()
        .map(|c| Change {
            range: c.range.map(|r| {
                (
                    LineCol {
                        line: r.start.line,
                        col: r.start.character,
                    },
                    LineCol {
                        line: r.end.line,
                        col: r.end.character,
                    },
                )
            }),
            text: c.text,
        })
        .collect()
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        let dynamic_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        *self
            .watch_dynamically
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = dynamic_watch;
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone())
            .and_then(|u| u.to_file_path().map(|p| p.into_owned()));
        let problems = {
            let mut w = self.world();
            w.unit = if utf8 {
                ColumnUnit::Utf8
            } else {
                ColumnUnit::Utf16
            };
            w.snippets = params
                .capabilities
                .text_document
                .as_ref()
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false);
            w.baseline_mode = match params
                .initialization_options
                .as_ref()
                .and_then(|o| o.get("baseline"))
                .and_then(|v| v.as_str())
            {
                Some("hide") => crate::world::BaselineMode::Hide,
                Some("show") => crate::world::BaselineMode::Show,
                _ => crate::world::BaselineMode::Hint,
            };
            w.german = params
                .locale
                .as_deref()
                .is_some_and(|l| l.to_ascii_lowercase().starts_with("de"));
            match root {
                Some(root) => w.load_root(root),
                None => Vec::new(),
            }
        };
        for p in problems {
            self.client
                .show_message(MessageType::WARNING, format!("ropa: {p}"))
                .await;
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "ropa".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: features::capabilities(utf8),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let dynamic = *self
            .watch_dynamically
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if dynamic {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: ["**/*.ropa", "**/ropa.toml"]
                    .into_iter()
                    .map(|g| FileSystemWatcher {
                        glob_pattern: GlobPattern::String(g.into()),
                        kind: None,
                    })
                    .collect(),
            };
            let registration = Registration {
                id: "ropa-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![registration]).await {
                self.client
                    .log_message(
                        MessageType::WARNING,
                        format!("ropa: cannot watch files: {e}"),
                    )
                    .await;
            }
        }
        self.spawn_worker();
        self.kick();
        self.rescan();
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let Some(file) = file_of(&params.text_document.uri) else {
            return;
        };
        self.push(Event::Open {
            file,
            version: params.text_document.version,
            text: params.text_document.text,
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Some(file) = file_of(&params.text_document.uri) else {
            return;
        };
        self.push(Event::Change {
            file,
            version: params.text_document.version,
            changes: changes(params.content_changes),
        });
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Some(file) = file_of(&params.text_document.uri) else {
            return;
        };
        self.push(Event::Close { file });
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {
        self.rescan();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut reload = false;
        for change in params.changes {
            let Some(file) = file_of(&change.uri) else {
                continue;
            };
            if file.file_name().is_some_and(|n| n == "ropa.toml") {
                reload = true;
                continue;
            }
            self.push(Event::Disk {
                file,
                deleted: change.typ == FileChangeType::DELETED,
            });
        }
        if reload {
            self.push(Event::Reload);
        }
        self.rescan();
    }

    async fn did_change_configuration(&self, _: DidChangeConfigurationParams) {
        self.kick();
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let Some(file) = file_of(&params.text_document_position_params.text_document.uri) else {
            return Ok(None);
        };
        let pos = params.text_document_position_params.position;
        self.at(file, move |w, path| handlers::hover(w, path, pos))
            .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let Some(file) = file_of(&params.text_document_position.text_document.uri) else {
            return Ok(None);
        };
        let pos = params.text_document_position.position;
        self.at(file, move |w, path| handlers::completion(w, path, pos))
            .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let Some(file) = file_of(&params.text_document_position_params.text_document.uri) else {
            return Ok(None);
        };
        let pos = params.text_document_position_params.position;
        self.at(file, move |w, path| {
            handlers::definition(w, path, pos).map(GotoDefinitionResponse::Scalar)
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let Some(file) = file_of(&params.text_document_position.text_document.uri) else {
            return Ok(None);
        };
        let pos = params.text_document_position.position;
        let include = params.context.include_declaration;
        self.at(file, move |w, path| {
            handlers::references(w, path, pos, include)
        })
        .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let Some(file) = file_of(&params.text_document_position_params.text_document.uri) else {
            return Ok(None);
        };
        let pos = params.text_document_position_params.position;
        self.at(file, move |w, path| handlers::highlight(w, path, pos))
            .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        let pos = params.position;
        self.at(file, move |w, path| handlers::prepare_rename(w, path, pos))
            .await?
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let Some(file) = file_of(&params.text_document_position.text_document.uri) else {
            return Ok(None);
        };
        let pos = params.text_document_position.position;
        let new_name = params.new_name;
        self.at(file, move |w, path| {
            handlers::rename(w, path, pos, &new_name)
        })
        .await?
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        self.at(file, move |w, path| handlers::code_actions(w, path, params))
            .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        self.at(file, move |w, path| handlers::format(w, path, None))
            .await?
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        let range = params.range;
        self.at(file, move |w, path| handlers::format(w, path, Some(range)))
            .await?
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        self.at(file, move |w, path| {
            handlers::document_symbols(w, path).map(DocumentSymbolResponse::Nested)
        })
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let query = params.query;
        self.read(move |w| {
            Some(WorkspaceSymbolResponse::Flat(handlers::workspace_symbols(
                w, &query,
            )))
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        self.at(file, handlers::folding_ranges).await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        let positions = params.positions;
        self.at(file, move |w, path| {
            handlers::selection_ranges(w, path, &positions)
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        self.at(file, move |w, path| {
            handlers::semantic_tokens_full(w, path).map(SemanticTokensResult::Tokens)
        })
        .await
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        let previous = params.previous_result_id;
        self.at(file, move |w, path| {
            handlers::semantic_tokens_delta(w, path, &previous)
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        let range = params.range;
        self.at(file, move |w, path| handlers::inlay_hints(w, path, range))
            .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(file) = file_of(&params.text_document.uri) else {
            return Ok(None);
        };
        self.at(file, handlers::code_lenses).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let command = params.command;
        let args: Vec<Value> = params.arguments;
        self.read(move |w| features::commands::execute(w, &command, &args))
            .await?
    }
}
