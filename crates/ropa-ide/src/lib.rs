//! The IDE layer: what an editor asks of a ropa workspace — hover, completion, navigation,
//! outline, tokens, hints, lenses, fixes, formatting — answered over the analysed workspace in
//! byte offsets and plain data.
//!
//! Architecture invariant: no LSP types here (no URIs, no lines and UTF-16 columns, no JSON).
//! `ropa-lsp` turns a client position into a [`FileId`] and a byte offset, asks an
//! [`Analysis`], and turns the answer into the protocol's types.

mod actions;
mod completion;
mod cursor;
mod formatting;
mod hover;
mod inlay;
mod lens;
mod navigation;
mod semantic;
mod structure;
mod symbols;

use ropa_analysis::{FileId, Workspace};
use ropa_lint::Config;
use ropa_syntax::{Date, TextRange};

pub use actions::{Assist, AssistKind, AssistKinds};
pub use completion::{CompletionItem, CompletionKind, Insert};
pub use formatting::TextEdit;
pub use hover::Hover;
pub use inlay::InlayHint;
pub use lens::{CodeLens, LensAction};
pub use navigation::{Highlight, NavigationTarget, RenameError};
pub use semantic::{SemanticToken, TokenKind};
pub use structure::{Fold, FoldKind};
pub use symbols::{Symbol, SymbolKind, WorkspaceSymbol};

/// What the answers depend on besides the workspace.
#[derive(Clone, Copy, Debug)]
pub struct Settings<'a> {
    /// Hover, hints and lenses in German (the client's locale starts with `de`).
    pub german: bool,
    /// The client expands snippets in completions (otherwise they come as plain text).
    pub snippets: bool,
    /// The workspace's `ropa.toml`.
    pub config: &'a Config,
    /// The day findings are judged on.
    pub today: Date,
}

/// An analysed workspace and the settings to answer with: every feature is a method on it.
#[derive(Clone, Copy, Debug)]
pub struct Analysis<'a> {
    pub ws: &'a Workspace,
    pub settings: Settings<'a>,
}

impl<'a> Analysis<'a> {
    pub fn new(ws: &'a Workspace, settings: Settings<'a>) -> Analysis<'a> {
        Analysis { ws, settings }
    }

    /// The file of `id`, if the workspace has it.
    fn file(&self, id: FileId) -> Option<&'a ropa_analysis::File> {
        self.ws.files.get(id.index())
    }
}

/// A byte range of a node of the tree.
fn node_range(node: ropa_syntax::tree_sitter::Node) -> TextRange {
    TextRange::new(node.start_byte(), node.end_byte())
}
