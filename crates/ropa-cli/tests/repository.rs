//! The repository as a newcomer meets it: a licence that matches the manifests, a changelog, one
//! repository URL everywhere, Markdown links that resolve, and example READMEs whose figures are
//! what `ropa check` reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use support::{repo_root, ropa};

/// The one repository URL (docs/architecture.md).
const REPOSITORY: &str = "https://github.com/ropa-dev/ropa";

/// The repository's own text files (no build output, no installed packages, no lock files).
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') && name != ".ci" && name != ".pre-commit-hooks.yaml" {
            continue;
        }
        let file_type = entry.file_type().unwrap();
        if file_type.is_dir() {
            if ![
                "target",
                "node_modules",
                "corpus",
                "artifacts",
                "dist",
                "out",
            ]
            .contains(&name.as_str())
            {
                text_files(&path, out);
            }
        } else if file_type.is_file()
            && !name.ends_with("-lock.json")
            && !name.ends_with(".lock")
            && [
                "md", "toml", "json", "rs", "j2", "yaml", "yml", "lua", "ts", "js", "scm", "sh",
                "ropa",
            ]
            .iter()
            .any(|ext| name.ends_with(&format!(".{ext}")))
        {
            out.push(path);
        }
    }
}

fn repo_text_files() -> Vec<(String, String)> {
    let root = repo_root();
    let mut files = Vec::new();
    text_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        // Generated parser tables are large and hold no URLs.
        .filter(|p| !p.starts_with(root.join("grammar/src")))
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, text))
        })
        .collect()
}

#[test]
fn the_licence_is_the_one_the_manifests_name() {
    let root = repo_root();
    let licence = std::fs::read_to_string(root.join("LICENSE")).expect("LICENSE exists");
    assert!(licence.starts_with("MIT License"), "{licence}");
    let cargo = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(cargo.contains("license = \"MIT\""));
    let vscode = std::fs::read_to_string(root.join("editors/vscode/package.json")).unwrap();
    assert!(vscode.contains("\"license\": \"MIT\""));
    let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).expect("CHANGELOG.md");
    assert!(changelog.starts_with("# Changelog"), "{changelog}");
}

#[test]
fn one_repository_url_everywhere() {
    let root = repo_root();
    let cargo = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        cargo.contains(&format!("repository = \"{REPOSITORY}\"")),
        "Cargo.toml"
    );
    for manifest in ["editors/vscode/package.json", "grammar/tree-sitter.json"] {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap();
        assert!(text.contains(&format!("\"{REPOSITORY}\"")), "{manifest}");
    }
    let mut wrong = Vec::new();
    for (path, text) in repo_text_files() {
        if path == "crates/ropa-cli/tests/repository.rs" {
            continue;
        }
        for (i, line) in text.lines().enumerate() {
            if line.contains("example.invalid") {
                wrong.push(format!("{path}:{}: {line}", i + 1));
            }
            // Any other repository named `ropa` on a forge is a second URL.
            for forge in ["github.com/", "gitlab.com/", "codeberg.org/"] {
                for (at, _) in line.match_indices(forge) {
                    let rest = &line[at + forge.len()..];
                    let repo: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || "-_./".contains(*c))
                        .collect();
                    let mut parts = repo.split('/');
                    let (owner, name) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                    if name.trim_end_matches(".git") == "ropa"
                        && format!("https://{forge}{owner}/ropa") != REPOSITORY
                    {
                        wrong.push(format!("{path}:{}: {line}", i + 1));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "other repository URLs:\n{}",
        wrong.join("\n")
    );
}

/// Relative links in the Markdown files resolve, and no user-facing page refers to the spec
/// files (`LANGUAGE.md`, …), which live beside the repository, not in it.
#[test]
fn markdown_links_resolve() {
    let root = repo_root();
    let mut broken = Vec::new();
    for (path, text) in repo_text_files() {
        if !path.ends_with(".md") {
            continue;
        }
        let dir = root.join(&path).parent().unwrap().to_path_buf();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let target: String = rest.chars().take_while(|c| *c != ')').collect();
            let target = target.split('#').next().unwrap().trim();
            if target.is_empty()
                || target.contains("://")
                || target.starts_with("mailto:")
                || target.contains(' ')
            {
                continue;
            }
            if !dir.join(target).exists() {
                broken.push(format!("{path}: {target}"));
            }
        }
        for spec in ["LANGUAGE.md", "RULES.md", "CLI.md", "LSP.md"] {
            if text.contains(spec) && !path.starts_with("crates/") {
                broken.push(format!(
                    "{path}: names {spec}, which is not in the repository"
                ));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The figures the example READMEs state are what `ropa check` reports.
#[test]
fn the_example_readmes_state_the_real_counts() {
    let root = repo_root();
    let run = ropa(
        &root,
        &[
            "check",
            "examples/findings",
            "--format",
            "json",
            "--today",
            "2026-11-22",
        ],
    );
    let json = run.json();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let rules: BTreeSet<&str> = diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    let s = &json["summary"];
    let expected = format!(
        "Expected: {} findings from {} rules ({} errors, {} warnings, {} infos) in {} files.",
        diagnostics.len(),
        rules.len(),
        s["errors"],
        s["warnings"],
        s["infos"],
        s["files"]
    );
    let findings_readme =
        std::fs::read_to_string(root.join("examples/findings/README.md")).unwrap();
    assert!(
        findings_readme.replace('\n', " ").contains(&expected),
        "examples/findings/README.md should say: {expected}"
    );
    // Every rule that fires has its row in the table.
    for rule in &rules {
        assert!(
            findings_readme.contains(&format!("| `{rule}` |")),
            "examples/findings/README.md has no row for `{rule}`"
        );
    }
    let examples_readme = std::fs::read_to_string(root.join("examples/README.md")).unwrap();
    let stated = format!("in which {} different rules fire", rules.len());
    assert!(
        examples_readme.contains(&stated),
        "examples/README.md should say: {stated}"
    );
    let clean = ropa(&root, &["check", "examples/muster-marketing"]);
    assert!(clean.stdout.starts_with("No findings"), "{}", clean.stdout);
}

#[test]
fn the_readme_installs_with_the_lock_file() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    for line in readme.lines().filter(|l| l.contains("cargo install")) {
        assert!(line.contains("--locked"), "README.md: {line}");
    }
}

/// Legal review P30: the English policy of the clean example contained German retention texts,
/// laws and system names while `ropa check` said "No findings". `missing-translation` asks for
/// each; the example has them.
#[test]
fn the_english_policy_of_the_clean_example_has_no_german_text() {
    let root = repo_root();
    let run = ropa(
        &root,
        &[
            "policy",
            "examples/muster-marketing",
            "--lang",
            "en",
            "--date",
            "2026-12-07",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let policy = &run.stdout;
    for german in [
        "Bis zur Abmeldung",
        "Buchungsbelege 8 Jahre",
        "6 Monate nach Abschluss",
        "GPT-4o über die OpenAI API",
        "i. V. m.",
        "Steuerberatungskanzlei (eigenverantwortlich)",
        "Finanzbehörden",
    ] {
        assert!(
            !policy.contains(german),
            "German in the English policy: {german}"
        );
    }
    // Proper names stay as they are (the street, the tax office, the authority); any other line
    // with common German words is an untranslated text.
    let names = [
        "Musterstraße",
        "Finanzamt für Körperschaften",
        "Berliner Beauftragte für",
    ];
    for line in policy
        .lines()
        .filter(|l| !names.iter().any(|n| l.contains(n)))
    {
        let padded = format!(" {line} ");
        for word in [
            " und ", " der ", " die ", " das ", " nicht ", " wir ", " mit ", " für ",
        ] {
            assert!(!padded.contains(word), "German `{word}` in: {line}");
        }
    }
}

/// Legal review M7, M8, M19: the clean example says what the review found it should.
#[test]
fn the_clean_example_follows_the_legal_review() {
    let root = repo_root();
    let run = ropa(
        &root,
        &[
            "policy",
            "examples/muster-marketing",
            "--lang",
            "de",
            "--date",
            "2026-12-07",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let de = &run.stdout;
    // M7: applicants' data on Art. 6 Abs. 1 lit. b DSGVO, not § 26 Abs. 1 BDSG (C-34/21).
    assert!(
        !de.contains("§ 26 Abs. 1 BDSG") && !de.contains("Art. 88"),
        "{de}"
    );
    assert!(
        de.contains("Anbahnung eines Beschäftigungsverhältnisses"),
        "{de}"
    );
    // M8: the Meta essence split by addendum: for the Pixel we inform and obtain consent.
    assert!(
        de.contains("Für das Meta-Pixel und die Conversions API (Controller Addendum) informieren wir Sie nach Art."),
        "{de}"
    );
    // M19: the consent-proof basis is marked as contested, with the alternative.
    let website =
        std::fs::read_to_string(root.join("examples/muster-marketing/activities/website.ropa"))
            .unwrap();
    assert!(website.contains("contested") && website.contains("Art. 6 Abs. 1 lit. f DSGVO"));
}
