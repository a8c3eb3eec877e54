//! The `ropa` binary run as a user runs it, from a shell: completions that bash loads, a man
//! page, and a check of the fixture workspace from another folder.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use ropa_e2e::{TODAY, find_tool, fixture_workspace, ropa, skip};

fn run(args: &[&str]) -> std::process::Output {
    Command::new(ropa()).args(args).output().unwrap()
}

#[test]
fn bash_loads_the_completion_script_and_completes_subcommands() {
    let Some(bash) = find_tool("bash").or_else(|| skip("bash is not installed")) else {
        return;
    };
    // What a user puts in ~/.bashrc, then what bash does on `ropa ch<TAB>`.
    let script = format!(
        r#"source <("{ropa}" completions bash)
COMP_WORDS=(ropa ch); COMP_CWORD=1; COMP_LINE="ropa ch"; COMP_POINT=7
_ropa ropa ch ropa
printf '%s\n' "${{COMPREPLY[@]}}""#,
        ropa = ropa().display()
    );
    let out = Command::new(bash).args(["-c", &script]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.trim(), "check", "completions of `ropa ch`: {stdout}");
}

#[test]
fn every_shell_gets_a_completion_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{shell}");
        for word in ["check", "fmt", "policy", "record", "lsp"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
}

#[test]
fn the_man_page_names_every_subcommand_and_renders() {
    let out = run(&["man"]);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(page.contains(".TH ropa 1"), "{page}");
    for sub in ["ropa\\-check(1)", "ropa\\-policy(1)", "ropa\\-lsp(1)"] {
        assert!(page.contains(sub), "the page lacks {sub}");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(ropa())
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let check = std::fs::read_to_string(dir.path().join("ropa-check.1")).unwrap();
    assert!(
        check.contains("\\-\\-format"),
        "ropa-check.1 documents --format"
    );
    // Rendered as `man` does, where groff is installed.
    if let Some(groff) = find_tool("groff") {
        let out = Command::new(groff)
            .args(["-man", "-Tutf8", "-P", "-cbou"])
            .arg(dir.path().join("ropa.1"))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("SUBCOMMANDS"), "{text}");
    }
}

#[test]
fn check_from_another_folder_reports_the_fixture_findings() {
    let dir = fixture_workspace();
    let out = Command::new(ropa())
        .args(["check", "ws", "--format", "json"])
        .current_dir(dir.path())
        .env("ROPA_TODAY", TODAY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "findings give exit code 1");
    let json = String::from_utf8_lossy(&out.stdout);
    for rule in ["\"missing-avv\"", "\"unresolved-reference\""] {
        assert!(json.contains(rule), "no {rule} in {json}");
    }
}
