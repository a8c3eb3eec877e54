//! `ropa scan` in the lint crate: the scanned files join the workspace (after its own files,
//! as files without a model, so every output format shows findings in them like any other), and
//! the scan rules judge the evidence against the record.

use ropa_analysis::{Diagnostic, File, FileId, Location, Workspace};
use ropa_syntax::{Date, TextRange};

use crate::Config;
use crate::context::Scope;

/// The evidence of a scan, with where its files are in the workspace.
#[derive(Debug)]
pub struct Scanned {
    pub evidence: ropa_scan::Evidence,
    /// The workspace file of the scan's first file; the scan's file `i` is `first_file + i`.
    pub first_file: u32,
    /// `--all`: also report what the record declares and the scan did not see.
    pub all: bool,
}

impl Scanned {
    /// The workspace location of bytes of a scanned file.
    pub fn location(&self, file: usize, range: &std::ops::Range<usize>) -> Location {
        Location {
            file: FileId(self.first_file + file as u32),
            range: TextRange::new(range.start, range.end),
        }
    }
}

/// Adds the source files (`(path, text)`, path as it should be shown relative to the
/// workspace root) to the workspace and scans them.
pub fn scan_into(
    ws: &mut Workspace,
    sources: Vec<(String, String)>,
    options: &ropa_scan::Options,
    all: bool,
) -> Scanned {
    let first_file = ws.files.len() as u32;
    let evidence = {
        let inputs: Vec<ropa_scan::Input> = sources
            .iter()
            .map(|(path, text)| ropa_scan::Input { path, text })
            .collect();
        ropa_scan::scan(&inputs, options)
    };
    for (path, text) in sources {
        ws.files.push(File::unlowered(path, text));
    }
    Scanned {
        evidence,
        first_file,
        all,
    }
}

/// The scan rules' findings: severities from the configuration, suppressions in the record,
/// sorted like every other output.
pub fn check_scan(
    ws: &Workspace,
    config: &Config,
    today: Date,
    scanned: &Scanned,
) -> Vec<Diagnostic> {
    let found = crate::run::rule_findings(ws, config, today, Scope::All, None, Some(scanned), None);
    crate::run::finish(ws, config, found, Scope::All)
}
