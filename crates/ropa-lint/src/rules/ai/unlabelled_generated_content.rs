//! # `unlabelled-generated-content`
//!
//! TODO(stub): documentation to be written.

use ropa_analysis::Severity;

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "unlabelled-generated-content",
    category: Category::Ai,
    severity: Severity::Error,
    reference: "",
    summary: "",
    source: "",
    check,
};

fn check(_ctx: &Context, _sink: &mut Sink) {}
