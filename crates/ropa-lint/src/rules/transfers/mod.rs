pub(crate) mod adequacy_scope_unconfirmed;
pub(crate) mod derogation_not_occasional;
pub(crate) mod transfer_without_safeguard;
pub(crate) mod transfer_without_tia;
