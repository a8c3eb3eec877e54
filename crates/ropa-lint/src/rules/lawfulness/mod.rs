pub(crate) mod consent_not_demonstrable;
pub(crate) mod criminal_data_without_authority;
pub(crate) mod legitimate_interest_without_balancing;
pub(crate) mod missing_legal_basis;
pub(crate) mod missing_withdrawal_info;
pub(crate) mod special_category_without_exception;
