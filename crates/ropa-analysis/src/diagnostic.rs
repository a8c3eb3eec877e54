//! The plain-data finding model shared by the CLI and the language server.

use ropa_syntax::TextRange;
use serde::Serialize;

/// Index of a file in the workspace (files are kept in path order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FileId(pub u32);

impl FileId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(Self::Info),
            "warning" => Some(Self::Warning),
            "error" => Some(Self::Error),
            _ => None,
        }
    }
}

/// A place in the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: FileId,
    pub range: TextRange,
}

/// A secondary place that explains a finding ("`openai` is declared here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

/// One text replacement.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub location: Location,
    pub text: String,
}

/// A quick fix: a titled set of edits, possibly in several files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// Safe fixes keep the meaning the user wrote and may be applied by `source.fixAll`.
    pub safe: bool,
}

/// A finding of a rule. `rule` is the rule's stable kebab-case name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
    /// The finding points at something unused (editors fade it out).
    pub unnecessary: bool,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            severity,
            message: message.into(),
            location,
            related: Vec::new(),
            fixes: Vec::new(),
            unnecessary: false,
        }
    }

    pub fn with_related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }

    /// Adds a related location to a finding already in a sink.
    pub fn with_related_mut(
        &mut self,
        location: Location,
        message: impl Into<String>,
    ) -> &mut Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }
}

/// The nearest candidate to `word` (Jaro–Winkler), if it is close enough to be a useful
/// "did you mean" suggestion.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&word.to_ascii_lowercase(), &c.to_ascii_lowercase());
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.filter(|(score, _)| *score >= 0.8).map(|(_, c)| c)
}
