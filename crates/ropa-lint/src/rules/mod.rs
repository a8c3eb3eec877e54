//! One file per rule, grouped by category. Each file's `//!` comment is the rule's
//! documentation page; its `RULE` constant holds the metadata and the check.

pub(crate) mod ai;
pub(crate) mod device_access;
pub(crate) mod lawfulness;
pub(crate) mod organisation;
pub(crate) mod processors;
pub(crate) mod scan;
pub(crate) mod syntax;
pub(crate) mod transfers;
pub(crate) mod transparency;
