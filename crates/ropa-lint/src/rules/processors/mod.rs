pub(crate) mod avv_expired;
pub(crate) mod joint_control_without_agreement;
pub(crate) mod missing_avv;
pub(crate) mod processor_without_certification;
pub(crate) mod subprocessor_without_avv;
