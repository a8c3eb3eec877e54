pub(crate) mod missing_controller;
pub(crate) mod missing_dpo_contact;
pub(crate) mod missing_privacy_notice;
pub(crate) mod missing_retention;
pub(crate) mod missing_source;
