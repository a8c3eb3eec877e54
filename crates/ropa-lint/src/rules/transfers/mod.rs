pub(crate) mod transfer_without_safeguard;
