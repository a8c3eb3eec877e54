//! The rules of RULES.md, the registry they are listed in, `ropa.toml` and suppressions.
//!
//! Architecture invariant: no IO and no LSP. [`check`] takes a resolved workspace, the
//! configuration and today's date, and returns plain findings with byte ranges and fixes.

pub mod baseline;
mod batched;
pub mod config;
mod context;
mod edited;
mod registry;
pub mod report;
mod rules;
mod run;
pub mod scan;

pub use batched::{
    ActivityFacts, LetGo, activity_facts, check_declarations, check_in_batches,
    check_in_batches_with, check_letting_go,
};
pub use config::{Config, ConfigError, Level};
pub use context::{Context, Sink, Use};
pub use edited::{file_rule_findings, file_rule_findings_after, finish_file};
pub use registry::{Category, DOCS_BASE, RULES, Rule, doc_url, rule};
pub use run::{check, check_scoped, sort, suppression_fix};
