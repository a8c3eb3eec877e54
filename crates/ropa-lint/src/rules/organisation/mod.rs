//! Rules about the controller's organisation: the data protection officer, the representative
//! in the Union, the AI literacy of staff, the general security measures. They report at the
//! controller, once per record, when the controller's file is among those checked.

pub(crate) mod dpo_conflict_of_interest;
pub(crate) mod missing_ai_literacy;
pub(crate) mod missing_dpo;
pub(crate) mod missing_eu_representative;
pub(crate) mod missing_toms;

use ropa_analysis::model::Controller;

use crate::Context;

/// The controller, when its file is in scope (the findings are located there).
pub(crate) fn controller_in_scope<'a>(ctx: &Context<'a>) -> Option<&'a Controller> {
    ctx.ws
        .controller()
        .filter(|c| ctx.scope.contains(c.header.file))
}
