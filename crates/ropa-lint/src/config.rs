//! `ropa.toml`: languages, rule severities, excluded files, per-path overrides.
//!
//! Unknown keys and rule names are errors with a suggestion, so that a typo never silently
//! disables a check.

use std::collections::BTreeMap;

use ropa_analysis::{Severity, suggest};
use toml::{Table, Value};

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            other => Severity::parse(other).map(Level::On),
        }
    }
}

/// An `[[overrides]]` entry: levels for rules in files matching the globs.
#[derive(Clone, Debug)]
pub struct Override {
    pub files: Vec<String>,
    pub matcher: globset::GlobSet,
    pub rules: BTreeMap<String, Level>,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// `[policy] languages`; the first is the language of plain strings.
    pub languages: Vec<String>,
    /// `[policy] templates`
    pub templates: Option<String>,
    /// `[policy] order`: ids of the activities the privacy policy lists first, in this order.
    pub policy_order: Vec<String>,
    /// `[rules]`
    pub rules: BTreeMap<String, Level>,
    /// `[files] exclude` globs, relative to the workspace root.
    pub exclude: Vec<String>,
    /// `exclude`, compiled once (discovery asks for every file).
    exclude_matcher: globset::GlobSet,
    /// `[check] baseline`
    pub baseline: Option<String>,
    pub overrides: Vec<Override>,
    /// `[scan] paths`: the source folders `ropa scan` (and the language server) read, relative
    /// to the workspace root.
    pub scan_paths: Vec<String>,
    /// `[scan] consent_requests`, `refusal_requests`.
    pub scan: ropa_scan::Options,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            languages: vec!["de".to_string()],
            templates: None,
            policy_order: Vec::new(),
            rules: BTreeMap::new(),
            exclude: Vec::new(),
            exclude_matcher: globset::GlobSet::empty(),
            baseline: None,
            overrides: Vec::new(),
            scan_paths: Vec::new(),
            scan: ropa_scan::Options::default(),
        }
    }
}

/// A configuration problem, as one line for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

const SECTIONS: &[&str] = &["policy", "rules", "files", "check", "overrides", "scan"];

fn err<T>(msg: impl Into<String>) -> Result<T, ConfigError> {
    Err(ConfigError(msg.into()))
}

fn unknown(key: &str, section: &str, valid: &[&str]) -> ConfigError {
    let place = if section.is_empty() {
        "at the top level".to_string()
    } else {
        format!("in [{section}]")
    };
    let hint = match suggest(key, valid.iter().copied()) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => format!("; valid keys are {}", ropa_analysis::list_keys(valid)),
    };
    ConfigError(format!("unknown key `{key}` {place}{hint}"))
}

fn table<'a>(v: &'a Value, name: &str) -> Result<&'a Table, ConfigError> {
    v.as_table()
        .ok_or_else(|| ConfigError(format!("`{name}` must be a table, like `[{name}]`")))
}

fn string(v: &Value, name: &str) -> Result<String, ConfigError> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| ConfigError(format!("`{name}` must be a string")))
}

fn strings(v: &Value, name: &str) -> Result<Vec<String>, ConfigError> {
    let arr = v.as_array().ok_or_else(|| {
        ConfigError(format!(
            "`{name}` must be a list of strings, like [\"a\", \"b\"]"
        ))
    })?;
    arr.iter().map(|x| string(x, name)).collect()
}

fn levels(
    v: &Value,
    name: &str,
    rule_names: &[&str],
) -> Result<BTreeMap<String, Level>, ConfigError> {
    let mut out = BTreeMap::new();
    for (rule, level) in table(v, name)? {
        if !rule_names.contains(&rule.as_str()) {
            let hint = suggest(rule, rule_names.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| "; `ropa rules` lists them".to_string());
            return err(format!("unknown rule `{rule}` in [{name}]{hint}"));
        }
        let s = level.as_str().ok_or_else(|| ConfigError(format!("the level of `{rule}` must be a string: \"off\", \"info\", \"warning\" or \"error\"")))?;
        let level = Level::parse(s).ok_or_else(|| {
            ConfigError(format!(
                "`{s}` is not a level for `{rule}`; use \"off\", \"info\", \"warning\" or \"error\""
            ))
        })?;
        out.insert(rule.clone(), level);
    }
    Ok(out)
}

fn glob_set(globs: &[String], name: &str) -> Result<globset::GlobSet, ConfigError> {
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        let glob = globset::GlobBuilder::new(g)
            .literal_separator(true)
            .build()
            .map_err(|e| ConfigError(format!("invalid glob `{g}` in {name}: {e}")))?;
        b.add(glob);
    }
    b.build()
        .map_err(|e| ConfigError(format!("invalid globs in {name}: {e}")))
}

impl Config {
    /// Parses and validates `ropa.toml`.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let root: Table = text.parse().map_err(|e: toml::de::Error| {
            let msg = e.message().trim().to_string();
            let at = e.span().map(|s| {
                let line = text.get(..s.start).map_or(0, |t| t.matches('\n').count()) + 1;
                format!(" (line {line})")
            });
            ConfigError(format!("invalid TOML{}: {msg}", at.unwrap_or_default()))
        })?;
        let rule_names: Vec<&str> = crate::RULES.iter().map(|r| r.name).collect();
        let mut config = Config::default();
        for (key, value) in &root {
            match key.as_str() {
                "policy" => {
                    for (k, v) in table(value, "policy")? {
                        match k.as_str() {
                            "languages" => {
                                let langs = strings(v, "policy.languages")?;
                                if langs.is_empty() {
                                    return err(
                                        "`policy.languages` must name at least one language, like [\"de\"]",
                                    );
                                }
                                for l in &langs {
                                    if !ropa_analysis::geo::is_language_code(l) {
                                        return err(format!(
                                            "`{l}` in policy.languages is not an ISO 639-1 language code (like \"de\" or \"en\")"
                                        ));
                                    }
                                    if !ropa_analysis::geo::OUTPUT_LANGUAGES.contains(&l.as_str()) {
                                        return err(format!(
                                            "`{l}` in policy.languages: ropa writes the privacy policy and the record in German (\"de\") and English (\"en\") only — its built-in sentences and legal citations exist in these two — so texts in `{l}` would never be published; use [\"de\"], [\"en\"] or both"
                                        ));
                                    }
                                }
                                config.languages = langs;
                            }
                            "templates" => config.templates = Some(string(v, "policy.templates")?),
                            "order" => {
                                let order = strings(v, "policy.order")?;
                                let mut seen = std::collections::BTreeSet::new();
                                if let Some(twice) = order.iter().find(|id| !seen.insert(*id)) {
                                    return err(format!(
                                        "`{twice}` is named twice in policy.order; name each activity once"
                                    ));
                                }
                                config.policy_order = order;
                            }
                            other => {
                                return Err(unknown(
                                    other,
                                    "policy",
                                    &["languages", "templates", "order"],
                                ));
                            }
                        }
                    }
                }
                "rules" => config.rules = levels(value, "rules", &rule_names)?,
                "files" => {
                    for (k, v) in table(value, "files")? {
                        match k.as_str() {
                            "exclude" => {
                                config.exclude = strings(v, "files.exclude")?;
                                config.exclude_matcher =
                                    glob_set(&config.exclude, "files.exclude")?;
                            }
                            other => return Err(unknown(other, "files", &["exclude"])),
                        }
                    }
                }
                "check" => {
                    for (k, v) in table(value, "check")? {
                        match k.as_str() {
                            "baseline" => config.baseline = Some(string(v, "check.baseline")?),
                            other => return Err(unknown(other, "check", &["baseline"])),
                        }
                    }
                }
                "scan" => {
                    const KEYS: &[&str] = &["paths", "consent_requests", "refusal_requests"];
                    for (k, v) in table(value, "scan")? {
                        match k.as_str() {
                            "paths" => config.scan_paths = strings(v, "scan.paths")?,
                            "consent_requests" => {
                                config.scan.consent_requests = strings(v, "scan.consent_requests")?;
                            }
                            "refusal_requests" => {
                                config.scan.refusal_requests = strings(v, "scan.refusal_requests")?;
                            }
                            other => return Err(unknown(other, "scan", KEYS)),
                        }
                    }
                }
                "overrides" => {
                    let list = value.as_array().ok_or_else(|| {
                        ConfigError(
                            "`overrides` must be a list of tables, written [[overrides]]"
                                .to_string(),
                        )
                    })?;
                    for entry in list {
                        let t = table(entry, "overrides")?;
                        let mut files = Vec::new();
                        let mut rules = BTreeMap::new();
                        for (k, v) in t {
                            match k.as_str() {
                                "files" => files = strings(v, "overrides.files")?,
                                "rules" => rules = levels(v, "overrides.rules", &rule_names)?,
                                other => {
                                    return Err(unknown(other, "[overrides]", &["files", "rules"]));
                                }
                            }
                        }
                        if files.is_empty() {
                            return err("each [[overrides]] needs `files = [\"glob\", …]`");
                        }
                        let matcher = glob_set(&files, "overrides.files")?;
                        config.overrides.push(Override {
                            files,
                            matcher,
                            rules,
                        });
                    }
                }
                other => return Err(unknown(other, "", SECTIONS)),
            }
        }
        Ok(config)
    }

    /// The level `ropa.toml` gives `rule` in the file at `path` (relative to the workspace
    /// root): overrides (later ones win) > `[rules]`; `None` when it says nothing.
    pub fn configured(&self, rule: &str, path: &str) -> Option<Level> {
        let mut level = self.rules.get(rule).copied();
        for o in &self.overrides {
            if let Some(l) = o.rules.get(rule)
                && o.matcher.is_match(path)
            {
                level = Some(*l);
            }
        }
        level
    }

    /// The level of `rule` in the file at `path`: as configured, else `default`.
    pub fn level(&self, rule: &str, default: Level, path: &str) -> Level {
        self.configured(rule, path).unwrap_or(default)
    }

    /// Whether `rule` may be on in some file: it is on by default or `ropa.toml` gives it a level
    /// somewhere (a rule that is off by default is not run otherwise).
    pub fn may_enable(&self, rule: &crate::Rule) -> bool {
        rule.enabled_by_default
            || matches!(self.rules.get(rule.name), Some(Level::On(_)))
            || self
                .overrides
                .iter()
                .any(|o| matches!(o.rules.get(rule.name), Some(Level::On(_))))
    }

    /// Whether `path` (relative to the root) is excluded by `[files] exclude`.
    pub fn excludes(&self, path: &str) -> bool {
        self.exclude_matcher.is_match(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_suggestions() {
        let e = Config::parse("[policy]\nlangauges = [\"de\"]\n").err();
        assert_eq!(
            e.map(|e| e.0),
            Some("unknown key `langauges` in [policy]; did you mean `languages`?".to_string())
        );
        let e = Config::parse("[rules]\nmissing-avvv = \"off\"\n").err();
        assert_eq!(
            e.map(|e| e.0),
            Some("unknown rule `missing-avvv` in [rules]; did you mean `missing-avv`?".to_string())
        );
        let e = Config::parse("[rules]\nmissing-avv = \"loud\"\n").err();
        assert!(e.is_some_and(|e| e.0.contains("not a level")));
        let e = Config::parse("[policy]\nlanguages = \"de\"\n").err();
        assert!(e.is_some_and(|e| e.0.contains("must be a list of strings")));
    }

    #[test]
    fn overrides_win_over_rules() {
        let c = Config::parse(
            "[rules]\nmissing-avv = \"warning\"\n[[overrides]]\nfiles = [\"legacy/**\"]\nrules = { missing-avv = \"off\" }\n",
        );
        let c = c.unwrap_or_default();
        let error = Level::On(Severity::Error);
        assert_eq!(c.level("missing-avv", error, "legacy/a.ropa"), Level::Off);
        assert_eq!(
            c.level("missing-avv", error, "new/a.ropa"),
            Level::On(Severity::Warning)
        );
        assert_eq!(c.level("missing-retention", error, "a.ropa"), error);
    }
}
