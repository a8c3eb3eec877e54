//! The ropa workspace model: lowering syntax to typed items, resolving references across files,
//! the built-in taxonomy, the schema and the country tables.
//!
//! Architecture invariant: no IO and no LSP. The caller hands in file paths and contents; the
//! result is plain data with byte ranges.

pub mod ai_act;
pub mod authorities;
pub mod cite;
mod diagnostic;
pub mod geo;
mod lower;
pub mod model;
mod reuse;
pub mod schema;
mod shift;
mod suppress;
pub mod taxonomy;
pub mod transfer;
mod units;
mod workspace;

pub use diagnostic::{Diagnostic, Edit, FileId, Fix, Location, Related, Severity, suggest};
pub use lower::{line_indent, list_keys};
pub use reuse::{TextChange, common_prefix, common_suffix};
pub use workspace::{
    Changed, DefId, Definition, File, UsedDefinitions, Workspace, may_declare_shared_names, point,
};
