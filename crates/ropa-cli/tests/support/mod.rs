//! Running the `ropa` binary in tests, and small workspaces to run it on.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// What a run of `ropa` produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().expect("ropa was killed by a signal"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// The lines of stderr, which must hold exactly one.
    pub fn one_error_line(&self) -> &str {
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "expected exactly one line on stderr, got: {:?}",
            self.stderr
        );
        lines[0]
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

/// A `ropa` command in `dir`, with a clean environment (no colour, no `ROPA_TODAY`).
pub fn command(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ropa"));
    c.current_dir(dir)
        .env_remove("ROPA_TODAY")
        .env("NO_COLOR", "1");
    c
}

/// Runs `ropa ARGS` in `dir`.
pub fn ropa(dir: &Path, args: &[&str]) -> Run {
    Run::from(command(dir).args(args).output().unwrap())
}

/// Runs `ropa ARGS` in `dir` with extra environment variables.
pub fn ropa_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = command(dir);
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    Run::from(c.output().unwrap())
}

/// Writes `files` (path, content) below `dir`, creating folders.
pub fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, content) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
}

pub const CONTROLLER: &str = r#"controller {
  name     "Muster GmbH"
  address  "Musterstraße 1, 10115 Berlin"
  email    "datenschutz@muster.de"
  security "Rollenkonzept, MFA, Verschlüsselung"
  ai_literacy { measures "Schulung vor dem ersten Einsatz" }
}
"#;

/// A processor whose AVV expires on 2026-06-30, and an activity using it: clean before then.
pub const NEWSLETTER: &str = r#"processor mailer {
  name           "Newsletter-Dienst GmbH"
  country        DE
  avv            { signed 2025-01-15  expires 2026-06-30 }
  certifications [iso27001]
}

activity newsletter {
  title       "Newsletter"
  purpose     "Versand unseres monatlichen Newsletters"
  subjects    [newsletter_subscribers]
  data        [contact]
  legal_basis consent { mechanism "Double-Opt-in"  withdrawal "Abmeldelink in jeder E-Mail" }
  processors  [mailer]
  retention   "bis zur Abmeldung"
  notice      "Mit Ihrer Einwilligung senden wir Ihnen monatlich unseren Newsletter."
}
"#;

/// An activity that is clean except for one `missing-retention` warning (line 1).
pub const NO_RETENTION: &str = r#"activity contact_form {
  title       "Kontaktformular"
  purpose     "Beantwortung von Anfragen über das Kontaktformular"
  subjects    [customers]
  data        [contact]
  legal_basis contract
  notice      "Wenn Sie uns über das Formular schreiben, nutzen wir Ihre Angaben für die Antwort."
}
"#;

/// A fresh temporary workspace holding the controller, the newsletter and `files`.
pub fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("controller.ropa", CONTROLLER),
            ("newsletter.ropa", NEWSLETTER),
        ],
    );
    write(dir.path(), files);
    dir
}

/// The `(rule, line, column)` of every diagnostic of a `--format json` run.
pub fn findings(run: &Run) -> Vec<(String, u64, u64)> {
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The rules of a `--format json` run.
pub fn rules(run: &Run) -> Vec<String> {
    findings(run).into_iter().map(|(r, _, _)| r).collect()
}
