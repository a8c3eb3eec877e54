//! Rule metadata and the registry every listing is derived from (`ropa rules`, `ropa explain`,
//! SARIF `tool.driver.rules`, `docs/rules/*.md`, hover).

use ropa_analysis::Severity;
use serde::Serialize;

use crate::Context;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Syntax,
    Transparency,
    Lawfulness,
    Processors,
    Transfers,
    DeviceAccess,
    Ai,
    /// The controller's organisation: DPO, representative, AI literacy, security measures.
    Organisation,
    /// The record held against what code and websites do (`ropa scan`).
    Scan,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::Transparency => "transparency",
            Self::Lawfulness => "lawfulness",
            Self::Processors => "processors",
            Self::Transfers => "transfers",
            Self::DeviceAccess => "device-access",
            Self::Ai => "ai",
            Self::Organisation => "organisation",
            Self::Scan => "scan",
        }
    }
}

/// A rule: its stable name, metadata, documentation and check.
#[derive(Clone, Copy)]
pub struct Rule {
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// `false` for rules that only run when `ropa.toml` gives them a level (`[rules] NAME =
    /// "info"`): advice that would be noise on most real records.
    pub enabled_by_default: bool,
    /// The legal reference (`""` for syntax and schema rules).
    pub reference: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The rule's source file; its `//!` doc comment is the documentation.
    pub(crate) source: &'static str,
    pub(crate) check: fn(&Context, &mut crate::Sink),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("name", &self.name).finish()
    }
}

impl Rule {
    /// The documentation page (Markdown), taken from the rule file's `//!` comment.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                if out.is_empty() {
                    continue;
                }
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }

    /// The level a rule has when `ropa.toml` says nothing about it.
    pub fn default_level(&self) -> crate::Level {
        if self.enabled_by_default {
            crate::Level::On(self.severity)
        } else {
            crate::Level::Off
        }
    }

    /// The default severity as listings show it: `info`, or `info (off by default)`.
    pub fn severity_label(&self) -> String {
        if self.enabled_by_default {
            self.severity.as_str().to_string()
        } else {
            format!("{} (off by default)", self.severity.as_str())
        }
    }

    /// A configuration that runs this rule too (for tests and examples of rules that are off by
    /// default).
    pub fn enabling(&self, mut config: crate::Config) -> crate::Config {
        if !self.enabled_by_default {
            config
                .rules
                .insert(self.name.to_string(), crate::Level::On(self.severity));
        }
        config
    }

    /// Where the rule's page lives, relative to the repository root.
    pub fn doc_path(&self) -> String {
        format!("docs/rules/{}.md", self.name)
    }
}

/// The base URL of the rule pages (SARIF `helpUri`, LSP `codeDescription`).
pub const DOCS_BASE: &str = "https://github.com/ropa-dev/ropa/blob/main/docs/rules/";

pub fn doc_url(name: &str) -> String {
    format!("{DOCS_BASE}{name}.md")
}

macro_rules! registry {
    ($($category:ident :: $rule:ident),* $(,)?) => {
        /// Every rule, in catalogue order.
        pub static RULES: &[Rule] = &[$(Rule {
            source: include_str!(concat!("rules/", stringify!($category), "/", stringify!($rule), ".rs")),
            ..crate::rules::$category::$rule::RULE
        }),*];
    };
}

registry! {
    syntax::syntax_error,
    syntax::unknown_field,
    syntax::invalid_value,
    syntax::missing_field,
    syntax::duplicate_field,
    syntax::duplicate_definition,
    syntax::unresolved_reference,
    syntax::unused_definition,
    syntax::invalid_suppression,
    syntax::unused_suppression,
    syntax::future_date,
    syntax::unfinished_value,
    transparency::missing_controller,
    transparency::missing_dpo_contact,
    transparency::missing_privacy_notice,
    transparency::missing_retention,
    transparency::missing_source,
    transparency::missing_provision_info,
    transparency::missing_translation,
    lawfulness::missing_legal_basis,
    lawfulness::ambiguous_legal_basis,
    lawfulness::consent_not_demonstrable,
    lawfulness::missing_withdrawal_info,
    lawfulness::legitimate_interest_without_balancing,
    lawfulness::special_category_without_exception,
    lawfulness::criminal_data_without_authority,
    lawfulness::direct_marketing_without_objection_basis,
    lawfulness::uwg_email_without_consent,
    lawfulness::uwg_phone_without_consent,
    lawfulness::uwg_consent_documentation,
    lawfulness::outdated_employee_basis,
    lawfulness::children_without_parental_consent,
    lawfulness::employee_consent,
    processors::missing_avv,
    processors::avv_expired,
    processors::subprocessor_without_avv,
    processors::joint_control_without_agreement,
    processors::processor_without_certification,
    transfers::transfer_without_safeguard,
    transfers::adequacy_scope_unconfirmed,
    transfers::derogation_not_occasional,
    transfers::transfer_without_tia,
    device_access::device_access_without_consent,
    ai::profiling_without_consent,
    ai::profiling_of_children,
    ai::automated_decision_without_safeguards,
    ai::automated_decision_on_special_data,
    ai::missing_ai_logic,
    ai::chatbot_without_disclosure,
    ai::unlabelled_generated_content,
    ai::emotion_recognition_without_notice,
    ai::prohibited_ai_practice,
    ai::missing_bias_review,
    ai::dpia_required,
    ai::high_risk_ai_deployer_duties,
    ai::training_without_compatibility,
    organisation::missing_dpo,
    organisation::dpo_conflict_of_interest,
    organisation::missing_eu_representative,
    organisation::missing_ai_literacy,
    organisation::missing_toms,
    scan::undeclared_service,
    scan::undeclared_device_access,
    scan::consent_not_respected,
    scan::declared_service_not_found,
}

pub fn rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}
