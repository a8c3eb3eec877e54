pub(crate) mod device_access_without_consent;
